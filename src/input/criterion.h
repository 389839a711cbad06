/* Criterion.rs: the two documents of one benchmark, for the reader and its fuzz harness. */
#ifndef BENCHGATE_INPUT_CRITERION_H
#define BENCHGATE_INPUT_CRITERION_H

#include "benchgate/input.h"

/*
 * A benchmark.json's text (path names it in errors): *id gets a new string, its
 * "full_id", *dir a new string, its "directory_name" (NULL when absent), and
 * *throughput a new reference to its "throughput" object, or NULL.
 */
int bg_criterion_id(char **id, char **dir, json_t **throughput, const char *path,
		    const char *buf, size_t len, struct bg_error *err);

/*
 * A sample.json's text: the per-iteration times (times[i] / iters[i], ns) of the
 * benchmark named name, and its throughput (borrowed; may be NULL) when it has one.
 */
int bg_criterion_samples(struct bg_resultset *rs, const char *name, const json_t *throughput,
			 const char *path, const char *buf, size_t len, int run,
			 struct bg_error *err);

#endif
