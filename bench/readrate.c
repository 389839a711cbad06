/* make bench: how fast the input readers read big files (MB/s), bg_input_read alone. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>

#include "benchgate/input.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Usage: readrate FILE...   Reads each file 5 times; prints the median rate and the target. */
int main(int argc, char **argv)
{
	printf("%-28s %10s %8s %10s %10s  %s\n", "input", "MB", "samples", "median s", "MB/s",
	       "target 100 MB/s");
	for (int i = 1; i < argc; i++) {
		struct stat st;
		double t[5], mb;
		size_t n = 0;

		if (stat(argv[i], &st) < 0) {
			perror(argv[i]);
			return 2;
		}
		mb = (double)st.st_size / 1e6;
		for (int k = 0; k < 5; k++) {
			struct bg_resultset rs;
			struct bg_error err;
			double start = now();

			bg_resultset_init(&rs);
			if (bg_input_read(&rs, argv[i], NULL, &err) < 0) {
				fprintf(stderr, "readrate: %s\n", err.msg);
				return 3;
			}
			t[k] = now() - start;
			n = 0;
			for (size_t b = 0; b < rs.nbenches; b++)
				for (size_t m = 0; m < rs.benches[b].nmetrics; m++)
					n += rs.benches[b].metrics[m].n;
			bg_resultset_release(&rs);
		}
		qsort(t, 5, sizeof(t[0]), cmp_double);
		printf("%-28s %10.1f %8zu %10.3f %10.1f  %s\n", argv[i], mb, n, t[2], mb / t[2],
		       mb / t[2] >= 100 ? "met" : "NOT MET");
	}
	return 0;
}
