/* The data model: result sets, benchmarks, metrics and their samples. */
#ifndef BENCHGATE_MODEL_H
#define BENCHGATE_MODEL_H

#include <stddef.h>
#include <jansson.h>

#include "benchgate/error.h"

enum bg_direction {
	BG_DIR_NONE = 0,   /* unknown: reported, not gated */
	BG_DIR_LOWER,      /* lower is better: time, latency, B/op */
	BG_DIR_HIGHER,     /* higher is better: throughput */
};

/* The statistic a metric is gated on. */
enum bg_statistic {
	BG_STAT_MEDIAN = 0,
	BG_STAT_MEAN,
	BG_STAT_P95,
	BG_STAT_P99,
};

/*
 * What a format gives of a metric when it has no raw samples (summary-only JSON,
 * pytest-benchmark without stats.data). Values it does not give are NAN; count is 0
 * when unknown. Such a metric is compared on the summary alone (gate/summary_only.c).
 */
struct bg_metric_summary {
	int present;        /* non-zero: the metric carries this summary */
	double mean, median, p95, p99, stddev, min, max;
	size_t count;       /* samples the summary was made of, 0 = unknown */
	int runs;           /* runs it came from */
};

struct bg_metric {
	char *name;
	char *unit;
	enum bg_direction direction;
	double *samples;
	int *runs;          /* run index of each sample, within the result set */
	size_t n, alloc;
	struct bg_metric_summary summary;  /* only when the format has no samples */
};

struct bg_bench {
	char *name;
	struct bg_metric *metrics;
	size_t nmetrics, alloc;
};

/* What the command line and config tell readers; borrowed by result sets. */
struct bg_read_options {
	const char *csv_key;        /* CSV: comma-separated key columns, NULL = inferred */
	const char *name_config;    /* go test: the configuration line key (--by) that joins the names */
};

/*
 * What was read from one or more input files. Each file is one run unless its
 * format says otherwise; runs are numbered from 0 across the whole set.
 */
struct bg_resultset {
	struct bg_bench *benches;
	size_t nbenches, alloc;
	int nruns;
	char *source;               /* what the user named: file list or baseline spec */
	json_t *environment;        /* object, owned; may be NULL */
	json_t *provenance;         /* object for baselines, owned; may be NULL */
	struct bg_strlist warnings; /* things the readers noticed, for the command to print */
	const struct bg_read_options *read_options; /* borrowed, may be NULL */
	size_t unclean;             /* records that say the run was not clean (swap, zombies) */
	size_t health_records;      /* records that state the system's health, clean or not */
	const char *name_key;       /* the key a whole name stands for (llm: "model"), static; NULL */
	size_t *slots, nslots;      /* benches by name: open addressing, index + 1, 0 empty */
};

void bg_resultset_init(struct bg_resultset *rs);
void bg_resultset_release(struct bg_resultset *rs);

/* Rebuild the index of names after benches were removed from rs->benches (a filter). */
void bg_resultset_reindex(struct bg_resultset *rs);

/* Borrowed pointer to the benchmark named name, or NULL. */
struct bg_bench *bg_resultset_find(const struct bg_resultset *rs, const char *name);
/* Borrowed pointer to the benchmark named name, created empty when absent. */
struct bg_bench *bg_resultset_bench(struct bg_resultset *rs, const char *name);
/*
 * A new empty benchmark named name[0..len), which the caller knows is absent (a
 * reader's own index said so). Borrowed. Benchmarks are only ever added by these two:
 * they keep the index bg_resultset_find uses.
 */
struct bg_bench *bg_resultset_add(struct bg_resultset *rs, const char *name, size_t len);

/* Borrowed pointer to the metric named name, or NULL. */
struct bg_metric *bg_bench_find(const struct bg_bench *b, const char *name);
/*
 * Borrowed pointer to the metric named name, created when absent with unit and
 * direction. Returns NULL when it exists with another unit (the caller reports it).
 */
struct bg_metric *bg_bench_metric(struct bg_bench *b, const char *name, const char *unit,
				  enum bg_direction dir);

/*
 * Append a sample. Samples are held in one array per metric (and one of runs), grown
 * by doubling: no allocation per sample. Beyond the process's sample limit the sample
 * is dropped and bg_sample_limit_exceeded() says so (bg_input_read then fails).
 */
void bg_metric_add(struct bg_metric *m, double value, int run);

/*
 * The default of --max-samples: samples held at once in all result sets of the process
 * (a command's inputs; released result sets no longer count).
 */
#define BG_MAX_SAMPLES ((size_t)50000000)
void bg_sample_limit_set(size_t limit);
size_t bg_sample_limit(void);
int bg_sample_limit_exceeded(void);
/*
 * The count is kept per thread. bg_sample_held: the samples this thread holds;
 * bg_sample_adopt: this thread takes over n samples another thread read (and has
 * finished with); non-zero when it now holds more than the limit.
 */
size_t bg_sample_held(void);
int bg_sample_adopt(size_t n);
/* Non-zero when the metric has a summary and no samples. */
int bg_metric_summary_only(const struct bg_metric *m);
/* Number of distinct runs among the metric's samples. */
int bg_metric_runs(const struct bg_metric *m);

/* Direction inferred from a metric's name and unit (DESIGN.md's lists). */
enum bg_direction bg_direction_infer(const char *metric, const char *unit);
const char *bg_direction_name(enum bg_direction d);   /* "lower", "higher", "none" */
int bg_direction_parse(enum bg_direction *out, const char *s);   /* 0 or -1 */

const char *bg_statistic_name(enum bg_statistic s);    /* "median", "mean", "p95", "p99" */
int bg_statistic_parse(enum bg_statistic *out, const char *s);   /* 0 or -1 */

/* Shell-style glob match (fnmatch without flags). */
int bg_glob_match(const char *pattern, const char *s);

/* A number as a JSON real, or null for NAN and infinities: a value that does not exist. New reference. */
json_t *bg_json_number(double v);

/* Length of the well-formed UTF-8 sequence at p, or 0 (RFC 3629). */
size_t bg_utf8_seq(const unsigned char *p);

/* A JSON string of s, bytes that are not UTF-8 as U+FFFD; null for NULL. New reference. */
json_t *bg_json_string(const char *s);

#endif
