/*
 * The reading benchmark (make bench): for each FORMAT=FILE, the rate at which
 * bg_input_read turns FILE into samples, and for comparison the rate of jansson's
 * json_loadb on the same bytes (parse alone, one document or one per line), which
 * bounds what the readers built on jansson could do. Best of REPEAT runs each.
 *
 * Usage: readbench REPEAT FORMAT=FILE...   Prints one line per file, with the
 * target of issue 4 (at least 100 MB/s) met or not. Exits 1 only when a file
 * cannot be read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "benchgate/input.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* jansson on the whole text, or on each line of JSON Lines; -1 on a parse error. */
static int jansson_parse(const char *buf, size_t len, int lines)
{
	json_error_t je;
	json_t *doc;

	if (!lines) {
		doc = json_loadb(buf, len, 0, &je);
		json_decref(doc);
		return doc ? 0 : -1;
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
	return 0;
}

int main(int argc, char **argv)
{
	int repeat = argc > 1 ? atoi(argv[1]) : 3;

	if (argc < 3 || repeat < 1) {
		fprintf(stderr, "usage: readbench REPEAT FORMAT=FILE...\n");
		return 2;
	}
	printf("%-10s %8s %10s %10s %13s %6s  %s\n", "format", "MB", "samples", "read MB/s",
	       "jansson MB/s", "ratio", "target");
	for (int a = 2; a < argc; a++) {
		char *eq = strchr(argv[a], '='), *buf;
		const char *path = eq ? eq + 1 : argv[a];
		double best = 1e30, best_j = 1e30, t;
		size_t len, samples = 0;
		struct bg_error err;

		if (eq)
			*eq = '\0';
		if (bg_file_read(&buf, &len, path, &err) < 0) {
			fprintf(stderr, "readbench: %s\n", err.msg);
			return 1;
		}
		for (int r = 0; r < repeat; r++) {
			struct bg_resultset rs;

			bg_resultset_init(&rs);
			t = now();
			if (bg_input_read(&rs, path, eq ? argv[a] : NULL, &err) < 0) {
				fprintf(stderr, "readbench: %s\n", err.msg);
				return 1;
			}
			t = now() - t;
			best = t < best ? t : best;
			samples = 0;
			for (size_t i = 0; i < rs.nbenches; i++)
				for (size_t j = 0; j < rs.benches[i].nmetrics; j++)
					samples += rs.benches[i].metrics[j].n;
			bg_resultset_release(&rs);
			t = now();
			if (jansson_parse(buf, len, strstr(path, ".jsonl") != NULL) < 0) {
				fprintf(stderr, "readbench: jansson cannot parse '%s'\n", path);
				return 1;
			}
			t = now() - t;
			best_j = t < best_j ? t : best_j;
		}
		printf("%-10s %8.1f %10zu %10.1f %13.1f %6.2f  >= 100 MB/s: %s\n",
		       eq ? argv[a] : "-", len / 1e6, samples, len / 1e6 / best,
		       len / 1e6 / best_j, best_j / best,
		       len / 1e6 / best >= 100 ? "met" : "NOT MET");
		fflush(stdout);
		free(buf);
	}
	return 0;
}
