/* Run-to-run noise: where a change's variance beyond its samples comes from, and how it widens. */
#ifndef BENCHGATE_NOISE_H
#define BENCHGATE_NOISE_H

#include <stddef.h>

#include "benchgate/stats.h"

/*
 * The model (docs/statistics.md, "Run-to-run noise"), on the log scale:
 *
 *     log x[r][i] = mu + S_r + b_r + e_ri
 *
 * S_r shared by every benchmark of run r, b_r this benchmark's own run effect, e_ri the
 * noise within the run. A change interval from the samples alone (bg_change_compute)
 * sees only e; run-to-run noise is the variance of S_r + b_r, and it adds to the
 * variance of the log change whatever the gated statistic is (a run effect is a
 * factor: it moves the median, p95, p99 and mean of the run alike).
 */
enum bg_noise_source {
	BG_NOISE_UNKNOWN = 0,   /* one run a side and nothing else: not known */
	BG_NOISE_RUNS,          /* from the runs of each side (variance components) */
	BG_NOISE_HISTORY,       /* from the notes along the baseline's history */
	BG_NOISE_PAIRED,        /* from the per-pair changes of interleaved runs (--paired) */
};

/* "unknown", "runs", "history", "paired" (the JSON `noise.source`). */
const char *bg_noise_source_name(enum bg_noise_source s);

/*
 * The run-to-run noise of one result.
 *   source     where it comes from
 *   sd         run-to-run standard deviation of one run's log level, per side (tau):
 *              for runs, pooled over both sides; for paired, the part pairing leaves
 *              (sd of the per-pair log change beyond the samples, over sqrt 2); for
 *              history, the job-to-job sd of the notes. NAN when unknown.
 *   extra_var  the variance it adds to the log change of the gated statistic (0: none)
 *   df         degrees of freedom of extra_var (INFINITY when taken as known)
 *   n          what sd rests on: runs over both sides, pairs, or notes
 *   p_value    runs and paired: the F test that the run levels differ more than their
 *              samples explain (F = pooled variance of the levels over their expected
 *              within variance, on df and df_within degrees of freedom); NAN otherwise
 */
struct bg_noise {
	enum bg_noise_source source;
	double sd;
	double extra_var;
	double df;
	int n;
	double p_value;
	double df_within;
};

/* source unknown, sd NAN, extra_var 0, df INFINITY, n 0, p_value NAN, df_within 0. */
void bg_noise_init(struct bg_noise *nz);

/*
 * Widen the change in (from bg_change_compute: samples alone) by extra_var, a
 * variance of the log change with df degrees of freedom, into out (out may be in).
 *
 * On the log scale, with d = log(1 + estimate) and each half-width h of in's interval
 * (d - log(1 + lo) below, log(1 + hi) - d above), each side becomes
 *
 *     sqrt(h^2 + (t * sqrt(extra_var))^2),   t = Student t quantile at 1 - alpha/2, df
 *
 * (the normal quantile when df is infinite), so a skewed interval stays skewed. The
 * estimate does not move. The p-value is the alpha at which the widened interval
 * would just reach 0, taking the within part's standard error from the half-width
 * that faces 0 over the normal quantile at confidence, and never below in's p-value:
 * p < 1 - confidence exactly when the widened interval excludes 0 (up to in's own
 * p-value being larger). ci.level stays in's.
 *
 * extra_var == 0 (or below): out is in, bit for bit. An infinite bound stays
 * infinite; a lower bound at or below -100% (possible only off the log scale) is
 * kept. extra_var NAN or infinite, df not above 0, or a confidence outside (0, 1):
 * both bounds infinite and the p-value NAN (fail closed). An estimate that is NAN
 * or at or below -1 leaves the change as it is.
 */
void bg_change_widen(struct bg_change *out, const struct bg_change *in, double extra_var,
		     double df, double confidence);

/*
 * The runs of one side of a metric: per run its level, the 20% trimmed mean of its
 * log samples (R's mean(log(x), trim = 0.2): floor(0.2 m) cut from each end; robust
 * to slow outliers like the median, and 94% efficient at the normal where the median
 * is 64%), and the sampling variance of that level by Yuen (1974): within * vfactor[r],
 * vfactor = (m - 1) / (h (h - 1)), h = m - 2 floor(0.2 m) the values kept (1 for a run
 * of one sample), within the winsorized variance of the log samples pooled over the
 * runs (each about its own run's winsorized mean, so runs that differ do not inflate
 * it; 0 when every run has one sample).
 */
struct bg_runlevels {
	size_t k;          /* runs */
	double *level;     /* level of each run, in ascending order of run index */
	size_t *size;      /* samples of each run */
	double *vfactor;   /* run r's level has the variance within * vfactor[r] */
	double within;     /* pooled winsorized variance of the log samples within runs */
	double df_within;  /* its degrees of freedom: sum over runs of h - 1 */
};

/*
 * The run levels of x[0..n) whose runs are run[0..n) (any ints; NULL: all one run).
 * Returns 0, or -1 when n is 0 or a sample is not positive and finite (no logarithm):
 * out is then empty (k 0). Release with bg_runlevels_release either way.
 */
int bg_runlevels_compute(struct bg_runlevels *out, const double *x, const int *run, size_t n);
void bg_runlevels_release(struct bg_runlevels *rl);

/*
 * Run-to-run noise of a result from the runs of its two sides (source runs): the
 * method-of-moments (one-way random effects) estimate
 *
 *     tau^2 = max(0, sum_s (k_s - 1) (s_s^2 - v_s) / sum_s (k_s - 1))
 *
 * s_s^2 the sample variance of side s's run levels, v_s the mean of their within
 * variances, pooled over the sides that have 2 runs or more; extra_var = tau^2 (W_b +
 * W_c), W_s = sum_r (size_r / n_s)^2 the weight of the run part in side s's pooled
 * statistic (1 / k_s for equal runs; 1 for a side of one run, which carries a whole
 * run effect), df = sum_s (k_s - 1), n = k_b + k_c. When every run of both sides is
 * one sample (no within-run degrees of freedom) the samples are the runs and their
 * interval already the runs' one: sd and p_value NAN, extra_var 0. Returns 0 (source
 * runs), or -1 when neither side has 2 runs (out stays unknown).
 */
int bg_noise_from_runs(struct bg_noise *out, const struct bg_runlevels *base,
		       const struct bg_runlevels *cur);

/*
 * Run-to-run noise of a result measured in interleaved pairs (source paired): run i of
 * the baseline with run i of the current side, d_i = cur level_i - base level_i (the
 * level shared by a pair's job cancels), tau_d^2 = max(0, s_d^2 - mean_i(within
 * variance of d_i)), extra_var = tau_d^2 sum_i ((w_b,i + w_c,i) / 2)^2 (tau_d^2 / k for
 * equal runs), df = k - 1, sd = sqrt(tau_d^2 / 2), n = k. Returns 0, or -1 unless both
 * sides have the same number k >= 2 of runs (out stays unknown).
 */
int bg_noise_from_pairs(struct bg_noise *out, const struct bg_runlevels *base,
			const struct bg_runlevels *cur);

/*
 * Whether the runs of a whole comparison differ beyond their samples: Stouffer's
 * combination of the p-values p[0..n) of its results' F tests (NAN ones skipped),
 * Q(sum z_i / sqrt(m)), z_i = Q^-1(p_i). One result's 8 degrees of freedom (5 runs a
 * side) cannot tell a small run-to-run variance from none; twenty results together
 * can. NAN when no p-value is given.
 */
double bg_noise_combined_p(const double *p, size_t n);

/*
 * Both steps from a metric's samples and runs: the levels of each side, then
 * bg_noise_from_pairs (paired) or bg_noise_from_runs. Returns 0 when out was
 * estimated, -1 when it could not be (a sample not positive, fewer than 2 runs, or
 * for paired unequal runs): out is then unknown.
 */
int bg_noise_of_samples(struct bg_noise *out, const double *bx, const int *brun, size_t nb,
			const double *cx, const int *crun, size_t nc, int paired);

#endif
