/*
 * What the readers of JavaScript harnesses (tinybench, vitest, mitata, benchmark.js),
 * Catch2, Bencher's BMF and cargo bench share: one benchmark's metric with its rules
 * (a name once per file, summaries do not merge), samples from a JSON list, a summary
 * from named keys.
 */
#ifndef BENCHGATE_INPUT_JSBENCH_H
#define BENCHGATE_INPUT_JSBENCH_H

#include <stddef.h>

#include "benchgate/input.h"
#include "benchgate/json.h"
#include "strmap.h"

/* The length of buf's first 64 KiB when its first character (after white space) is '['. */
size_t bg_sniff_array(const char *buf, size_t len);

/* One file being read: where errors point, and the names it has given so far. */
struct bg_jsb {
	struct bg_resultset *rs;
	const char *path;
	struct bg_error *err;
	int run;                 /* the run this file's samples are */
	size_t first_bench;      /* rs's benchmarks before this file: the later are its */
	size_t summaries;        /* metrics this file gave as a summary only */
	struct bg_strmap index;  /* benchmark name -> position in rs */
};

void bg_jsb_init(struct bg_jsb *x, struct bg_resultset *rs, const char *path, int run,
		 struct bg_error *err);
void bg_jsb_release(struct bg_jsb *x);

/*
 * Start x on the file path (bg_jsb_init) and parse buf into doc: the document's root,
 * or NULL with the parse error at its line and column in err. x is started either way
 * (bg_jsb_release it).
 */
const struct bg_json *bg_jsb_parse(struct bg_jsb *x, struct bg_json_doc *doc,
				   struct bg_resultset *rs, const char *path, const char *buf,
				   size_t len, int run, struct bg_error *err);

/*
 * The metric named metric of benchmark name (len bytes) in unit and dir, for samples
 * (summary 0) or a summary (summary 1); borrowed, or NULL with an error at line:col:
 * the pair given twice in this file, another unit in an earlier input, a summary
 * beside samples or another summary (summaries do not merge).
 */
struct bg_metric *bg_jsb_metric(struct bg_jsb *x, int line, int col, const char *name,
				size_t len, const char *metric, const char *unit,
				enum bg_direction dir, int summary);

/*
 * Every element of list, times scale, as a sample of m in x's run; an element that is
 * not a finite number >= 0 is an error at its place ("sample 3 of 'NAME'"). 0 or -1.
 */
int bg_jsb_samples(struct bg_jsb *x, struct bg_metric *m, const char *name,
		   const struct bg_json *list, double scale);

/*
 * A summary of o from its keys: keys[i] names mean, median, p95, p99, stddev, min, max
 * (NULL or absent or null: NAN), each times scale, into v. A value that is there must be
 * a finite number >= 0 (an error at its place, "'KEY' of 'NAME'"). 0 or -1.
 */
int bg_jsb_summary(struct bg_jsb *x, double v[7], const struct bg_json *o,
		   const char *const keys[7], double scale, const char *name);

/*
 * When this file gave summaries only, say so once in rs's warnings: "PATH: N
 * benchmarks with a summary only, no samples (WHY)".
 */
void bg_jsb_summary_note(struct bg_jsb *x, const char *why);

/* A count from o's key: a whole number >= 0 into *out (0 when absent or null), or -1. */
int bg_jsb_count(struct bg_jsb *x, size_t *out, const struct bg_json *o, const char *key,
		 const char *name);

#endif
