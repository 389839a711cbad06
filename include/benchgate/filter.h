/* --filter REGEX: which benchmarks and metrics a command looks at. */
#ifndef BENCHGATE_FILTER_H
#define BENCHGATE_FILTER_H

#include <regex.h>
#include <stddef.h>

#include "benchgate/model.h"

/*
 * POSIX extended regular expressions on "BENCHMARK/METRIC", unanchored (use ^ and $).
 * A pattern starting with '!' excludes what the rest matches. A metric is kept when it
 * matches an including pattern (or there is none) and no excluding one.
 */
struct bg_filter_pattern {
	char *text;          /* as given, '!' included */
	const char *where;   /* "--filter" or the config's path, for errors; borrowed */
	int exclude;
	regex_t re;
	size_t matched;      /* metrics it matched, over every result set applied to */
};

struct bg_filter {
	struct bg_filter_pattern *p;
	size_t n, alloc;
	size_t kept;         /* metrics kept, over every result set applied to */
};

void bg_filter_init(struct bg_filter *f);
void bg_filter_release(struct bg_filter *f);

/* Add a pattern; where says where it was given (borrowed). BG_EXIT_USAGE when it does not compile. */
int bg_filter_add(struct bg_filter *f, const char *pattern, const char *where,
		  struct bg_error *err);

/* Whether bench/metric is kept, counting the matches. Always 1 without patterns. */
int bg_filter_keep(struct bg_filter *f, const char *bench, const char *metric);

/* Drop from rs every metric not kept, and every benchmark left without one. */
void bg_filter_apply(struct bg_filter *f, struct bg_resultset *rs);

/*
 * After every result set is applied: a pattern that matched nothing, or patterns that
 * left nothing, are an error naming them (BG_EXIT_INPUT): the gate fails closed.
 */
int bg_filter_check(const struct bg_filter *f, struct bg_error *err);

#endif
