/*
 * The reading benchmark (make bench): for each FORMAT=FILE, the median rate at which
 * bg_input_read turns FILE into samples (sniffing included, as a user runs it) over
 * REPEAT runs, against issue 4's target of 100 MB/s (10^6 bytes). For the JSON formats,
 * the rate of jansson's json_loadb alone on the same bytes (one parse; per line for JSON
 * Lines) is beside it: what the readers built on jansson could at best have done.
 *
 * Usage: readrate REPEAT FORMAT=FILE...   (bench/gen_inputs.py prints the arguments)
 * Exits 1 when a file cannot be read, 0 otherwise (a target not met is printed).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "benchgate/input.h"

#define TARGET 100.0

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Seconds jansson takes to parse buf (each line of JSON Lines); -1 when it cannot. */
static double jansson_time(const char *buf, size_t len, int lines)
{
	double t = now();
	json_error_t je;
	json_t *doc;

	if (!lines) {
		if (!(doc = json_loadb(buf, len, 0, &je)))
			return -1;
		json_decref(doc);
		return now() - t;
	}
	for (const char *p = buf, *end = buf + len; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);

		if (n) {
			if (!(doc = json_loadb(p, n, 0, &je)))
				return -1;
			json_decref(doc);
		}
		p += n + 1;
	}
	return now() - t;
}

int main(int argc, char **argv)
{
	int repeat = argc > 1 ? atoi(argv[1]) : 0, unmet = 0;

	if (argc < 3 || repeat < 1 || repeat > 100) {
		fprintf(stderr, "usage: readrate REPEAT FORMAT=FILE...\n");
		return 2;
	}
	printf("%-11s %7s %9s %9s %9s %13s  %s\n", "format", "MB", "samples", "median s",
	       "read MB/s", "jansson MB/s", "target >= 100 MB/s");
	for (int a = 2; a < argc; a++) {
		char *eq = strchr(argv[a], '='), *buf;
		const char *path = eq ? eq + 1 : argv[a], *fmt = eq ? argv[a] : "-";
		double *t = calloc((size_t)repeat, sizeof(*t)), mb, rate, jt = -1;
		size_t len, samples = 0;
		struct bg_error err;
		char jcol[32] = "-";

		if (eq)
			*eq = '\0';
		if (bg_file_read(&buf, &len, path, &err) < 0) {
			fprintf(stderr, "readrate: %s\n", err.msg);
			return 1;
		}
		mb = (double)len / 1e6;
		for (int r = 0; r < repeat; r++) {
			struct bg_resultset rs;
			double start = now();

			bg_resultset_init(&rs);
			if (bg_input_read(&rs, path, NULL, &err) < 0) {
				fprintf(stderr, "readrate: %s\n", err.msg);
				return 1;
			}
			t[r] = now() - start;
			samples = 0;
			for (size_t i = 0; i < rs.nbenches; i++)
				for (size_t j = 0; j < rs.benches[i].nmetrics; j++)
					samples += rs.benches[i].metrics[j].n +
						   rs.benches[i].metrics[j].summary.present;
			bg_resultset_release(&rs);
		}
		qsort(t, (size_t)repeat, sizeof(*t), cmp_double);
		rate = mb / t[repeat / 2];
		/* Text formats (gotest, csv, catch2's XML, libtest) have no JSON to compare with. */
		if (strcmp(fmt, "gotest") && strcmp(fmt, "csv") && strcmp(fmt, "catch2") &&
		    strcmp(fmt, "libtest") &&
		    (jt = jansson_time(buf, len, strstr(path, ".jsonl") != NULL)) > 0)
			snprintf(jcol, sizeof(jcol), "%.1f", mb / jt);
		printf("%-11s %7.1f %9zu %9.3f %9.1f %13s  %s\n", fmt, mb, samples, t[repeat / 2],
		       rate, jcol, rate >= TARGET ? "met" : "NOT MET");
		fflush(stdout);
		unmet += rate < TARGET;
		free(buf);
		free(t);
	}
	printf("%d of %d formats read at >= 100 MB/s (median of %d)\n", argc - 2 - unmet, argc - 2,
	       repeat);
	return 0;
}
