/* Statistics on samples: summaries, order-statistic intervals, tests, change. */
#ifndef BENCHGATE_STATS_H
#define BENCHGATE_STATS_H

#include <stddef.h>

#include "benchgate/model.h"

/*
 * A confidence interval. lo/hi are -INFINITY/+INFINITY when the data cannot give a
 * finite bound at the requested level; level is the confidence achieved (for
 * order-statistic intervals, at least the one requested when both bounds are finite).
 */
struct bg_interval {
	double lo, hi;
	double level;
};

/*
 * The shape of a sample. Outliers by Tukey's fences on R type 7 quartiles: mild
 * beyond 1.5 IQR from the quartiles but within 3 IQR, severe beyond 3 IQR (both
 * directions). robust_cv = 1.4826 MAD / |median| (NAN for a zero median).
 * bimodality is Sarle's coefficient of the values within the 3 IQR fences, bias
 * corrected: 1/3 for a normal, 5/9 for a uniform, near 1 for two separate modes;
 * NAN with fewer than 4 such values or no spread. Samples are never dropped: these
 * are counts and warnings only.
 */
struct bg_shape {
	size_t mild, severe;
	int unknown;               /* no samples (a summary-only metric): none of these is known */
	double robust_cv;
	double bimodality;
};

void bg_shape_compute(struct bg_shape *out, const double *sorted, size_t n);

/*
 * Summary of one metric's samples. Quantiles are R type 7 (linear interpolation
 * between order statistics, gsl_stats_quantile_from_sorted_data); stddev is the
 * sample standard deviation (n - 1 degrees of freedom, two-pass); mad is the raw
 * median absolute deviation (not scaled by 1.4826); cv = stddev / mean.
 * Undefined values are NAN (stddev and cv with n < 2).
 */
struct bg_summary {
	size_t n;
	int runs;
	double mean, stddev, min, max, median, p95, p99, mad, cv;
	struct bg_interval median_ci;
	struct bg_interval p95_ci, p99_ci;
	struct bg_shape shape;     /* outliers, robust CV, bimodality */
};

/*
 * Compute a summary of x[0..n) at the given confidence (0 < confidence < 1) for the
 * intervals. sorted must hold the same values sorted ascending. n >= 1.
 */
void bg_summary_compute(struct bg_summary *out, const double *sorted, size_t n,
			double confidence);

/* Sort a copy of x into a new array (caller frees). */
double *bg_sorted_copy(const double *x, size_t n);

/* Mean of x[0..n), NAN when n == 0; double arithmetic, the same on every platform. */
double bg_mean(const double *x, size_t n);
/* Sample standard deviation (n - 1) about mean, two-pass; NAN when n < 2. */
double bg_sd_m(const double *x, size_t n, double mean);

/* R type 7 quantile of sorted[0..n), 0 <= p <= 1, n >= 1. */
double bg_quantile_sorted(const double *sorted, size_t n, double p);

/*
 * Distribution-free interval for the p-quantile from order statistics: the pair
 * (X(l), X(u)) whose binomial coverage P(l <= B < u), B ~ Bin(n, p), is at least
 * confidence, as nearly equal-tailed as possible. Too few samples for a bound gives
 * an infinite bound on that side.
 */
void bg_quantile_ci_sorted(struct bg_interval *out, const double *sorted, size_t n,
			   double p, double confidence);

/*
 * The order statistics behind bg_quantile_ci_sorted, without the data: the 1-based
 * ranks *lo and *hi of the bounds and the binomial tail probabilities outside them,
 * *tail_lo = P(B <= lo - 1) and *tail_hi = P(B >= hi), B ~ Bin(n, p). Each tail is at
 * most (1 - confidence) / 2. *lo == 0 means no finite lower bound (tail_lo 0),
 * *hi == n + 1 no finite upper bound (tail_hi 0). Coverage = 1 - tail_lo - tail_hi.
 */
void bg_quantile_ci_ranks(size_t *lo, size_t *hi, double *tail_lo, double *tail_hi,
			  size_t n, double p, double confidence);

/*
 * Two-sided Mann-Whitney U test p-value for x against y. Exact distribution when
 * both samples have fewer than 50 values and there are no ties, otherwise the
 * normal approximation with tie and continuity correction (as R's wilcox.test).
 * NAN when either sample is empty.
 */
double bg_mann_whitney(const double *x, size_t nx, const double *y, size_t ny);

/*
 * The exact null distribution of the Mann-Whitney U of samples of sizes m and n:
 * P(U <= q) (NAN when m or n is 0), and the smallest q with P(U <= q) >= p, as R's
 * pwilcox and qwilcox. O(m^2 n) each: for m, n below 50.
 */
double bg_wilcox_cdf(size_t q, size_t m, size_t n);
size_t bg_wilcox_quantile(double p, size_t m, size_t n);

/*
 * The k-th smallest (1-based, 1 <= k <= m n) of the m n differences y[j] - x[i], x and
 * y ascending, without forming them: bisection on the value with an O(m + n) count,
 * exact (the result is one of the differences). NAN when k is out of range or a value
 * is not finite.
 */
double bg_kth_difference(const double *x, size_t m, const double *y, size_t n, size_t k);

/*
 * Hodges-Lehmann estimate of the shift of y against x (the median of the differences
 * y[j] - x[i]; x, y ascending) and its Mann-Whitney (Moses) interval at the given
 * confidence: order statistics of the differences, ranks from the exact distribution
 * when m, n < 50 and no ties, else from the normal approximation with tie and
 * continuity correction. ci->level is the level achieved; too few samples for it
 * leave infinite bounds; a value that is not finite leaves the estimate NAN and the
 * bounds infinite. As R's wilcox.test(y, x, conf.int = TRUE) in the exact case.
 */
void bg_hodges_lehmann(double *estimate, struct bg_interval *ci, const double *x, size_t m,
		       const double *y, size_t n, double confidence);

/*
 * Benjamini-Hochberg adjusted p-values (R's p.adjust(p, "BH")) of p[0..n) into
 * q[0..n): q(i) = min over j >= i of m p(j) / j for the p-values in ascending order,
 * at most 1, m the number of p-values that are not NAN. NAN stays NAN and is not
 * counted. Rejecting where q < alpha keeps the false discovery rate at most alpha.
 */
void bg_bh_adjust(double *q, const double *p, size_t n);

/*
 * The statistics keep small caches per thread (quantile interval ranks, the exact
 * Wilcoxon table): a thread that used them frees them with this before it ends.
 */
void bg_stats_thread_release(void);

/* Raw median absolute deviation of sorted[0..n) about med (n >= 1). */
double bg_mad_sorted(const double *sorted, size_t n, double med);


/*
 * Kruskal-Wallis rank-sum test of x[0..n) in groups group[i] in 0..ngroups-1 (as R's
 * kruskal.test): H with the tie correction against chi-square on k - 1 degrees of
 * freedom, k the groups that have values. Returns the p-value and *h (when h is not
 * NULL); NAN with fewer than 2 non-empty groups, 1 when every value is equal.
 */
double bg_kruskal_wallis(double *h, const double *x, const int *group, size_t n,
			 int ngroups);

/*
 * The relative change (current - baseline) / baseline of a statistic, with its
 * interval at the given confidence. estimate is NAN when the baseline statistic is
 * zero; lo/hi are infinite when the data cannot bound the change.
 */
struct bg_change {
	double estimate;
	struct bg_interval ci;
	/*
	 * Two-sided p-value for "no change" from the test that goes with the interval:
	 * Mann-Whitney for the median, Welch's t for the mean, the normal test on the
	 * log ratio for p95 and p99. NAN when there is none.
	 */
	double p_value;
};

void bg_change_compute(struct bg_change *out, enum bg_statistic stat,
		       const double *base_sorted, size_t nb,
		       const double *cur_sorted, size_t nc, double confidence);

/*
 * The change of the mean from summaries alone (mean, standard deviation, count of each
 * side), as bg_change_compute gives it for samples: Welch's t interval, on the log scale
 * when both means are positive, and its p-value. With fewer than 2 samples a side or no
 * standard deviation (NAN), only the estimate: the interval is infinite, p NAN.
 */
void bg_change_means(struct bg_change *out, double mb, double sb, size_t nb, double mc,
		     double sc, size_t nc, double confidence);

/* The value of statistic stat in a summary. */
double bg_summary_stat(const struct bg_summary *s, enum bg_statistic stat);

#endif
