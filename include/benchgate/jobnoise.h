/* Job-to-job noise: history as plain data, its robust spread, the machine-wide shift. */
#ifndef BENCHGATE_JOBNOISE_H
#define BENCHGATE_JOBNOISE_H

#include <stddef.h>

#include "benchgate/stats.h"

#define BG_HISTORY_DEFAULT 20   /* notes per benchmark read behind a git baseline */
#define BG_HISTORY_MAX 1000     /* the most --history takes */
#define BG_HISTORY_MIN 5        /* fewer values of a benchmark: no spread from history */
#define BG_SHIFT_MIN 5          /* gated results a machine-wide shift needs */

/*
 * The job-to-job standard deviation of a series y[0..n) (one value per job, in order,
 * on the log scale; NAN values are passed over), robust to level shifts:
 *   d_i = y_{i+1} - y_i, the successive differences (a level shift moves one of them);
 *   a robust start, sd = mad(d) / sqrt(2) (R's mad, constant 1.4826); then the
 *   differences within 4 sqrt(2) sd of the median difference are kept (k of them)
 *   and sd = sqrt(sum d_i^2 / (2 k)) over them, von Neumann's mean square successive
 *   difference; again over all the differences, until the kept set stays (at most
 *   50 rounds). A level shift's difference stays out; a MAD that is small by chance
 *   (it is, often enough, at 20 jobs) does not clip real noise, since the MSSD of
 *   what was kept brings it back;
 *   df = 2 k^2 / (3 k - 1), the degrees of freedom of a chi-square with its variance
 *   (Var(MSSD) = sigma^4 (3k - 1) / k^2 for independent normal values).
 * sd and df are NAN with fewer than 2 values. n is the count of finite values.
 */
struct bg_jobsd {
	double sd;
	double df;
	size_t n;        /* values */
	size_t kept;     /* differences kept */
};

void bg_jobsd(struct bg_jobsd *out, const double *y, size_t n);

/*
 * A history, as plain data (the git store fills it from notes, the simulator from
 * simulated jobs): per benchmark and metric, its gated statistic in each note read,
 * newest first.
 */
struct bg_hist_series {
	char *bench, *metric;
	double *value;           /* [nnotes]; NAN where the note does not have it */
	size_t n;                /* finite values */
	int higher;              /* higher is better: a slower machine lowers it */
};

struct bg_hist {
	char *label;             /* where the notes are: "main", "v1.4.0" */
	size_t nnotes;           /* notes read (along the first parents, newest first) */
	size_t limit;            /* values per benchmark asked for (--history N) */
	int first_is_baseline;   /* note 0 is the baseline's own (a git baseline's history) */
	struct bg_hist_series *series;
	size_t nseries, alloc;
};

void bg_hist_init(struct bg_hist *h);
void bg_hist_release(struct bg_hist *h);

/*
 * Add a series for bench and metric (copied) with nvalues NAN values; its values may
 * be set until the history is used. Borrowed pointer, valid until the next add.
 */
struct bg_hist_series *bg_hist_add(struct bg_hist *h, const char *bench,
				      const char *metric, size_t nvalues);

/* The series of bench and metric, or NULL. Borrowed. Linear before bg_hist_sort. */
const struct bg_hist_series *bg_hist_find(const struct bg_hist *h, const char *bench,
					     const char *metric);

/* Sort the series by bench, then metric (for bg_hist_find's binary search). */
void bg_hist_sort(struct bg_hist *h);

/*
 * The spread of a history, from the newest `limit` values of each series (0: all):
 *   shared   the job-to-job sd of the level shared by all benchmarks of a note:
 *            per note, the median over the series (at least BG_SHIFT_MIN of them,
 *            each with at least BG_HISTORY_MIN values) of log value - the series'
 *            median log value (negated for a higher-is-better series, so that a slow
 *            machine is positive); bg_jobsd of those levels. n 0 when it cannot be had.
 *   level    (may be NULL) those levels per note, h->nnotes of them, NAN where none.
 *   total[i] bg_jobsd of the log values of series i (its own change's noise);
 *   own[i]   bg_jobsd of log value - the note's shared level (the benchmark's own
 *            part, what is left relative to a machine-wide shift); total when
 *            there is no shared level.
 * total and own have h->nseries entries (caller's). A non-positive value counts as
 * absent.
 */
void bg_hist_spread(struct bg_jobsd *shared, double *level, struct bg_jobsd *total,
		       struct bg_jobsd *own, const struct bg_hist *h, size_t limit);

/*
 * The machine-wide shift of a comparison from the log changes c[0..m) of its gated
 * results, each oriented so that positive is worse: the median (R's median), and its
 * standard error from the normal theory of the sample median with a robust scale,
 * sqrt(pi / 2) * mad(c) / sqrt(m) (mad's constant 1.4826). A few benchmarks that
 * really changed move neither much; intervals take it with m - 1 degrees of freedom
 * (t quantile: 93-97% coverage at m = 20 by simulation, tests/unit/test_jobnoise.c).
 * NAN values are passed over; *se is NAN with fewer than 2 values. Returns the count
 * used.
 */
size_t bg_shift_median(double *estimate, double *se, const double *c, size_t m);

#endif
