/*
 * The config room (src/config/): benchgate.json read into modes, per-metric rules,
 * ignore patterns, budgets and the store settings, each error with its place; the
 * verdict names a mode fails on; the command-line threshold.
 */
#ifndef BENCHGATE_CONFIG_H
#define BENCHGATE_CONFIG_H

#include <stddef.h>

#include "benchgate/model.h"
#include "benchgate/stats.h"

enum bg_verdict {
	BG_PASS = 0,
	BG_REGRESSION,
	BG_IMPROVEMENT,
	BG_INCONCLUSIVE,
	BG_INSUFFICIENT,
	BG_MISSING,
	BG_NEW,
	BG_NVERDICTS
};

const char *bg_verdict_name(enum bg_verdict v);

/* A mode: a threshold and what it requires and fails on. */
struct bg_mode {
	char name[16];             /* "smoke" or "official" */
	double threshold;          /* relative, 0.2 = 20% */
	size_t min_samples;        /* per side */
	int min_runs;              /* per side */
	int strict;                /* pass needs the interval's worse bound within threshold */
	int fdr;                   /* significance on Benjamini-Hochberg q-values (official) */
	int fail_on[BG_NVERDICTS]; /* which verdicts fail the gate */
};

/* One per-metric rule of the config; the last matching rule wins field by field. */
struct bg_rule {
	char *bench;               /* glob on the benchmark name, NULL = any */
	char *metric;              /* glob on the metric name, NULL = any */
	enum bg_direction direction; /* BG_DIR_NONE = not set */
	int has_statistic;
	enum bg_statistic statistic;
	double threshold;          /* NAN = not set */
};

struct bg_config {
	struct bg_mode modes[2];   /* smoke, official */
	struct bg_rule *rules;
	size_t nrules;
	struct bg_strlist ignore;  /* globs on benchmark names, or "bench:metric" */
	double confidence;         /* 0.95 */
	char *baselines_dir;       /* NULL = "baselines" at the repository root */
	char *path;                /* where it was read from, NULL for defaults */
	struct bg_budgets *budgets; /* "budgets" and "targets" (budget.h), owned; NULL = none */
	char *csv_key;             /* "csv": {"key": [...]} joined by commas, NULL = inferred */
	char *store;               /* "files" or "git": where baseline save goes; NULL = files */
	char *notes_ref;           /* notes ref of the git store; NULL = refs/notes/benchgate */
	struct bg_strlist filter;  /* "filter": patterns as --filter, before the command line's */
	char *by;                  /* "by": an axis as --by (the command line wins), or NULL */
	size_t history;            /* notes a benchmark read behind a git baseline (20; 0 none) */
	int shift;                 /* estimate the machine-wide shift and judge relative to it (1) */
	int jobs;                  /* threads for bg_compare's statistics; 0 = one per core */
	int paired;                /* --paired: run i of the baseline with run i of the current side */
	int one_job;               /* both sides from the same runs (--by within a result set): no
	                              machine-wide shift, no run-to-run noise note */
	int iid;                   /* the rules before issue 11, every sample independent (the sim's comparison) */
};

void bg_config_init(struct bg_config *cfg);
void bg_config_release(struct bg_config *cfg);

/*
 * Load a config file over the defaults. A missing file is an error only when
 * required (given with --config). Bad content: BG_EXIT_INPUT with file:line:col.
 */
int bg_config_load(struct bg_config *cfg, const char *path, int required,
		   struct bg_error *err);

/* The mode named name, or NULL. Borrowed. */
struct bg_mode *bg_config_mode(struct bg_config *cfg, const char *name);

/*
 * Parse a command-line threshold: a percentage, "5%" or "5" (both 0.05). It must be
 * a finite number above 0 and below 1000. In the config file a threshold is a
 * fraction (0.05), as in the JSON output.
 */
int bg_threshold_parse(double *out, const char *s);

/* Apply the config's direction rules to every metric of rs (before stats or compare). */
void bg_config_apply(const struct bg_config *cfg, struct bg_resultset *rs);

/* What the rules say of one benchmark and metric. */
struct bg_rule_view {
	enum bg_direction direction;  /* BG_DIR_NONE: no rule sets it */
	enum bg_statistic statistic;  /* median by default */
	int has_statistic;            /* a rule set statistic (not the default median) */
	double threshold;             /* NAN: the mode's */
};

/* The rules that apply to bench/metric, the last match winning field by field. */
void bg_config_rules_for(struct bg_rule_view *out, const struct bg_config *cfg,
			 const char *bench, const char *metric);

/* Whether an ignore pattern matches bench, or "BENCH:METRIC". */
int bg_config_ignored(const struct bg_config *cfg, const char *bench, const char *metric);

#endif
