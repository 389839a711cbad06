/* Modes, thresholds and the config file, and the verdicts they give. */
#ifndef BENCHGATE_POLICY_H
#define BENCHGATE_POLICY_H

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
	int jobs;                  /* threads for bg_compare's statistics; 0 = one per core */
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

/*
 * Run-to-run consistency of one side of a result, when its samples come from several
 * runs (input files): a Kruskal-Wallis test across the runs, and the run whose median
 * is furthest from the median of all the side's samples.
 *   runs          distinct runs among the samples
 *   p_value       Kruskal-Wallis p-value; NAN with fewer than 2 runs
 *   outlier_run   run index (as bg_metric.runs: 0-based, in the order of the input
 *                 files) of the run that stands out most; -1 with fewer than 2 runs
 *   outlier_shift that run's median relative to the side's median ((run - all) / all)
 *   inconsistent  1 when p_value < BG_RUNS_ALPHA and |outlier_shift| is more than half
 *                 the result's threshold: the comparison warns about it
 */
#define BG_RUNS_ALPHA 0.001

struct bg_runcheck {
	int runs;
	double p_value;
	int outlier_run;
	double outlier_shift;
	int inconsistent;
};

/* One benchmark and metric of a comparison. */
struct bg_result {
	char *bench;
	char *metric;
	char *unit;
	enum bg_direction direction;
	enum bg_statistic statistic;
	double threshold;
	int has_base, has_cur;
	struct bg_summary base, cur;
	struct bg_change change;   /* relative change of the gated statistic */
	double p_value;            /* NAN when it does not exist */
	double q_value;            /* Benjamini-Hochberg adjusted p_value; NAN without FDR */
	enum bg_verdict verdict;
	size_t needed;             /* inconclusive: samples per side that would resolve it, 0 unknown */
	int summary_only;          /* compared on the summaries alone (compare_summary.c): no interval */
	char *note;                /* why, in a few words, or NULL */
	struct bg_runcheck base_runs, cur_runs;   /* run-to-run consistency of each side */
	char *warning;             /* shape and run warnings for a person, or NULL */
};

struct bg_comparison {
	const struct bg_mode *mode;
	double confidence;
	struct bg_result *results;
	size_t n, alloc;
	size_t counts[BG_NVERDICTS];
	size_t ungated;            /* metrics left out: no direction or ignored */
	int failed;                /* the gate failed */
	int fdr;                   /* verdicts judged significance on q-values */
	struct bg_strlist warnings;
};

void bg_comparison_init(struct bg_comparison *c);
void bg_comparison_release(struct bg_comparison *c);

/*
 * Compare current against baseline under cfg and mode (mode->threshold may have been
 * overridden). No benchmark and metric in common is an error (BG_EXIT_INPUT).
 */
int bg_compare(struct bg_comparison *out, const struct bg_resultset *base,
	       const struct bg_resultset *cur, const struct bg_config *cfg,
	       const struct bg_mode *mode, struct bg_error *err);

/*
 * When either side of r has fewer runs than mode requires: "1 run on the baseline
 * side, official mode requires 3" (new string); else NULL.
 */
char *bg_runs_short(const struct bg_result *r, const struct bg_mode *mode);

/* Apply the config's direction rules to every metric of rs (before stats or compare). */
void bg_config_apply(const struct bg_config *cfg, struct bg_resultset *rs);

#endif
