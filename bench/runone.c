/*
 * One timed run for bench/bench.py: runs ARGV with standard output and error to
 * /dev/null and prints "WALL CPU PEAK CODE": seconds, user + system seconds, peak RSS in
 * KiB, exit code. A small C parent, so the child's peak is its own (a forked Python
 * would lend the child its own resident size until exec).
 */
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct rusage ru;
	double start;
	int status;
	pid_t pid;

	if (argc < 2) {
		fprintf(stderr, "usage: runone PROGRAM [ARG...]\n");
		return 2;
	}
	start = now();
	pid = fork();
	if (pid < 0)
		return perror("fork"), 2;
	if (pid == 0) {
		int fd = open("/dev/null", O_WRONLY);

		dup2(fd, 1);
		dup2(fd, 2);
		execv(argv[1], argv + 1);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0)
		return perror("wait4"), 2;
	printf("%.6f %.6f %ld %d\n", now() - start,
	       (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	       (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6,
	       ru.ru_maxrss, WIFEXITED(status) ? WEXITSTATUS(status) : 128);
	return 0;
}
