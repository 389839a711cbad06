/*
 * The gate room (src/gate/): a comparison of baseline and current results under a
 * mode (compare.c: pairing, summaries, run checks; verdict.c: decide, FDR, advice,
 * warnings; summary_only.c: metrics without samples), and budgets and targets
 * (budget.c, declared in budget.h).
 */
#ifndef BENCHGATE_GATE_H
#define BENCHGATE_GATE_H

#include <stddef.h>
#include <jansson.h>

#include "benchgate/config.h"
#include "benchgate/jobnoise.h"
#include "benchgate/model.h"
#include "benchgate/noise.h"
#include "benchgate/stats.h"

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
	int summary_only;          /* compared on the summaries alone (gate/summary_only.c): no interval */
	int summary_test;          /* summary_only, but tested on mean, stddev and count (Welch) */
	int statistic_set;         /* the config chose statistic (else the default median) */
	char *note;                /* why, in a few words, or NULL */
	struct bg_runcheck base_runs, cur_runs;   /* run-to-run consistency of each side */
	char *warning;             /* shape and run warnings for a person, or NULL */
	struct bg_noise noise;     /* run-to-run noise the change interval carries (noise.h) */
	double within_var;         /* variance of the log change from the samples alone; NAN unknown */
	size_t needed_runs;        /* inconclusive, runs the larger part: runs (pairs) a side that would do */
	/*
	 * With a machine-wide shift (bg_comparison.shift): the change relative to it,
	 * its interval and p-value (in change_vs_shift.p_value), on which the verdict is
	 * judged; change keeps the result's own change.
	 */
	int vs_shift;
	struct bg_change change_vs_shift;
};

/*
 * The machine-wide shift of a comparison (docs/statistics.md, "Machine-wide shifts"):
 * the median log change of the results measured on their samples, as the relative
 * change of a lower-is-better metric (a slower machine is positive).
 */
struct bg_run_shift {
	int active;                /* estimated: shift on, at least BG_SHIFT_MIN results */
	/*
	 * The results move together: the median differs from 0 beyond its standard error
	 * (p_shared < 1 - confidence); or history knows the shared part of the job-to-job
	 * spread and it is larger than the shift's error (se^2 < 2 shared sd^2). Only then
	 * is each result judged relative to the shift and the shift's verdict counted;
	 * else each is judged on its own change.
	 */
	int applied;
	double p_shared;
	size_t count;              /* the results it is estimated from */
	double estimate;           /* the shift between the two sides */
	struct bg_interval ci;     /* from the spread of the results alone (t, count - 1 df) */
	double baseline_offset;    /* history: the baseline job's shared level against the notes before it; NAN */
	struct bg_change judged;   /* what is judged: estimate (+ offset), widened by the job-to-job spread */
	struct bg_noise noise;     /* that spread: runs, history, or unknown */
	enum bg_verdict verdict;   /* judged as a result with the mode's threshold; inconclusive when unknown */
	char *reason;              /* the spread it was judged against, or why it could not be */
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
	/* input, set after bg_comparison_init: the notes behind a git baseline, or NULL */
	const struct bg_hist *history;
	struct bg_run_shift shift;
	char *noise_note;          /* where run-to-run noise came from, or that it is unknown; or NULL */
	double runs_p;             /* whether its runs differ: combined p (noise.h); NAN without runs */
};

/*
 * Below this combined p-value (bg_noise_combined_p over the results with several runs)
 * a comparison's runs differ beyond their samples, and every result's interval carries
 * its own run-to-run variance (docs/statistics.md, "Run-to-run noise").
 */
#define BG_NOISE_ALPHA 0.01

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

/*
 * A summary of m for reports: computed from its samples, or taken from its
 * summary-only values (NAN where the format gave none; intervals NAN).
 */
void bg_summary_of_metric(struct bg_summary *out, const struct bg_metric *m, double confidence);

/*
 * Judge r (base and cur filled, has_base and has_cur set) when either metric has no
 * samples. With the mean, standard deviation and count (>= 2) on both sides and the
 * mean gated, or the median by default (no config rule chose it), the mean's change is tested as for samples (Welch's t, its
 * interval and p-value at confidence) and 1 is returned: the caller judges r as any
 * measured result, then calls bg_compare_summary_note. Otherwise r is judged here on
 * the gated statistic alone (the mean when no side gives it), no interval, no p-value:
 * smoke gives regression/improvement/pass on the point estimate; a strict mode
 * (official) cannot show a change within its threshold without an interval: anything
 * not a regression is inconclusive. The note says "summary only". Returns 0 then.
 */
int bg_compare_summary(struct bg_result *r, const struct bg_mode *mode, double confidence);

/* After the verdict of a result bg_compare_summary tested: its note says it had summaries only. */
void bg_compare_summary_note(struct bg_result *r);

/*
 * The summary of a summary-only metric as a baseline stores it, in place of its
 * samples: {"mean", "median", "p95", "p99", "stddev", "min", "max", "count", "runs"},
 * null for what the format did not give. New reference.
 */
json_t *bg_metric_summary_json(const struct bg_metric *m);

#endif
