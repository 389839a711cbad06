/* make bench: the read rate of one input reader alone, wall and CPU time (bench/formats.py). */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "benchgate/input.h"

/*
 * readrate FORMAT FILE REPEAT: prints the median wall seconds and MB/s of bg_input_read,
 * then the median CPU seconds and MB/s (what the reader costs on a shared machine).
 */
static void sort(double *x, int n)
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && x[j] < x[j - 1]; j--) {
			double t = x[j];

			x[j] = x[j - 1];
			x[j - 1] = t;
		}
}

int main(int argc, char **argv)
{
	int repeat = argc > 3 ? atoi(argv[3]) : 5;
	double walls[64], cpus[64];
	long size = 0;
	FILE *f;

	if (argc < 3 || repeat < 1 || repeat > 64) {
		fprintf(stderr, "usage: readrate FORMAT FILE [REPEAT]\n");
		return 2;
	}
	if ((f = fopen(argv[2], "rb"))) {
		fseek(f, 0, SEEK_END);
		size = ftell(f);
		fclose(f);
	}
	for (int i = 0; i < repeat; i++) {
		struct bg_resultset rs;
		struct bg_error err = { 0 };
		struct timespec a, b, ca, cb;

		bg_resultset_init(&rs);
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ca);
		clock_gettime(CLOCK_MONOTONIC, &a);
		if (bg_input_read(&rs, argv[2], argv[1], &err) < 0) {
			fprintf(stderr, "readrate: %s\n", err.msg);
			return 1;
		}
		clock_gettime(CLOCK_MONOTONIC, &b);
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cb);
		bg_resultset_release(&rs);
		cpus[i] = (double)(cb.tv_sec - ca.tv_sec) + (double)(cb.tv_nsec - ca.tv_nsec) / 1e9;
		walls[i] = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	}
	sort(walls, repeat);
	sort(cpus, repeat);
	printf("%.4f %.1f %.4f %.1f\n", walls[repeat / 2], (double)size / 1e6 / walls[repeat / 2],
	       cpus[repeat / 2], (double)size / 1e6 / cpus[repeat / 2]);
	return 0;
}
