/*
 * Hodges-Lehmann shift between two samples and its Mann-Whitney (Moses) interval, from
 * order statistics of the m n pairwise differences, found without forming them.
 */
#include <math.h>
#include <stddef.h>

#include <gsl/gsl_cdf.h>

#include "benchgate/stats.h"

/* Both samples below this size and no ties: the exact distribution (as bg_mann_whitney). */
#define EXACT_LIMIT 50

/*
 * One pass over the differences y[j] - x[i] (x, y ascending) against d: how many are
 * <= d, the largest of those and the smallest above d (NAN when there is none). For
 * each i the j with y[j] - x[i] <= d form a prefix of y, whose length does not shrink
 * as x[i] grows (rounded subtraction is monotone in each operand): O(m + n).
 */
static size_t count_le(double *below, double *above, const double *x, size_t m,
		       const double *y, size_t n, double d)
{
	size_t i, j = 0, count = 0;

	*below = NAN;
	*above = NAN;
	for (i = 0; i < m; i++) {
		while (j < n && y[j] - x[i] <= d)
			j++;
		count += j;
		if (j > 0 && !(y[j - 1] - x[i] <= *below))
			*below = y[j - 1] - x[i];
		if (j < n && !(y[j] - x[i] >= *above))
			*above = y[j] - x[i];
	}
	return count;
}

/* Ascending doubles, for the last few differences. */
static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/*
 * The want-th smallest (1-based) of the cnt differences in (lo, hi] (lo_inf: no lower
 * limit), gathered and sorted. For each x[i] they are a run of y, both of whose ends
 * move right as x[i] grows.
 */
static double gather(const double *x, size_t m, const double *y, size_t n, double lo,
		     int lo_inf, double hi, size_t want, size_t cnt)
{
	double *buf = bg_malloc((cnt ? cnt : 1) * sizeof(*buf)), v;
	size_t jl = 0, jh = 0, k = 0;

	for (size_t i = 0; i < m; i++) {
		while (!lo_inf && jl < n && y[jl] - x[i] <= lo)
			jl++;
		while (jh < n && y[jh] - x[i] <= hi)
			jh++;
		for (size_t j = jl; j < jh && k < cnt; j++)
			buf[k++] = y[j] - x[i];
	}
	qsort(buf, k, sizeof(*buf), cmp_double);
	v = want >= 1 && want <= k ? buf[want - 1] : NAN;
	free(buf);
	return v;
}

double bg_kth_difference(const double *x, size_t m, const double *y, size_t n, size_t k)
{
	double lo = 0, hi, next, below, above;
	size_t cl = 0, ch, few;
	int lo_inf = 1, step = 0;

	if (m == 0 || n == 0 || k < 1 || k > m * n)
		return NAN;
	/*
	 * The k-th smallest difference d* is the smallest difference with at least k
	 * differences <= it. Keep lo with cl = count(<= lo) < k (lo_inf: below every
	 * difference, cl = 0) and hi a difference with ch = count(<= hi) >= k, so d* is
	 * in (lo, hi]; next is the smallest difference above lo. Probe inside by linear
	 * interpolation on the counts, every other step by bisection (so the bracket at
	 * least halves every two steps); snap hi down to a difference. Stop when next is
	 * hi (then d* = hi), or when few enough differences are left to sort them.
	 */
	hi = y[n - 1] - x[0];
	ch = m * n;
	next = y[0] - x[m - 1];
	few = m + n > 64 ? m + n : 64;
	for (;;) {
		double a = lo_inf ? next : lo, probe;
		size_t c;

		if (next == hi)
			return hi;
		if (ch - cl <= few)
			return gather(x, m, y, n, lo, lo_inf, hi, k - cl, ch - cl);
		if (step++ % 2 == 0)
			probe = a + (hi - a) * ((double)(k - cl) / (double)(ch - cl));
		else
			probe = a + (hi - a) / 2;
		if (!(probe < hi) || !(lo_inf ? probe >= a : probe > a))
			probe = a + (hi - a) / 2;
		if (!(probe < hi) || !(lo_inf ? probe >= a : probe > a))
			return hi;   /* lo and hi adjacent doubles: every difference between is hi */
		c = count_le(&below, &above, x, m, y, n, probe);
		if (c >= k) {
			hi = below;
			ch = c;
		} else {
			lo = probe;
			lo_inf = 0;
			cl = c;
			next = above;
		}
	}
}

/* True when the pooled values of x and y (each ascending) have a tie. */
static int has_ties(const double *x, size_t m, const double *y, size_t n, double *ties)
{
	size_t i = 0, j = 0;
	int tied = 0;

	*ties = 0;
	while (i < m || j < n) {
		double v = i < m && (j >= n || x[i] <= y[j]) ? x[i] : y[j];
		size_t t = 0;

		while (i < m && x[i] == v)
			i++, t++;
		while (j < n && y[j] == v)
			j++, t++;
		if (t > 1) {
			tied = 1;
			*ties += (double)t * (double)t * (double)t - (double)t;
		}
	}
	return tied;
}

void bg_hodges_lehmann(double *estimate, struct bg_interval *ci, const double *x, size_t m,
		       const double *y, size_t n, double confidence)
{
	size_t mn = m * n, q;
	double ties, alpha = 1 - confidence;

	*estimate = NAN;
	ci->lo = -INFINITY;
	ci->hi = INFINITY;
	ci->level = confidence;
	if (m == 0 || n == 0)
		return;
	/* the median of the differences, R's median(): the mean of the middle two when even */
	if (mn % 2) {
		*estimate = bg_kth_difference(x, m, y, n, mn / 2 + 1);
	} else {
		/* the next one up is d itself when d repeats, else the smallest above it */
		double d = bg_kth_difference(x, m, y, n, mn / 2), below, above, d2;

		d2 = count_le(&below, &above, x, m, y, n, d) >= mn / 2 + 1 ? d : above;
		*estimate = d == d2 ? d : (d + d2) / 2;
	}
	if (!(confidence > 0 && confidence < 1))
		return;
	if (x[0] == x[m - 1] && y[0] == y[n - 1]) {
		/* both samples constant: every difference is the same, surely */
		ci->lo = ci->hi = *estimate;
		ci->level = 1;
		return;
	}

	if (m < EXACT_LIMIT && n < EXACT_LIMIT && !has_ties(x, m, y, n, &ties)) {
		/*
		 * R's wilcox.test(conf.int = TRUE): qu = qwilcox(alpha / 2, m, n), the
		 * smallest q with P(U <= q) >= alpha / 2; the bounds are the differences of
		 * ranks qu and mn - qu + 1, of achieved level 1 - 2 P(U <= qu - 1). R takes
		 * qu = 1 when qu is 0, below the level asked for: here that is no bound.
		 */
		q = bg_wilcox_quantile(alpha / 2, m, n);
		if (q == 0)
			return;
		ci->level = 1 - 2 * bg_wilcox_cdf(q - 1, m, n);
	} else {
		/*
		 * The same ranks from the normal approximation with tie and continuity
		 * correction: P(U <= q) ~ Phi((q + 1/2 - mn/2) / s), so qu is the smallest q
		 * with q >= mn/2 - 1/2 + z s, z = Phi^-1(alpha / 2) < 0.
		 */
		double N = (double)(m + n);
		double z = gsl_cdf_ugaussian_Pinv(alpha / 2), c, var;

		has_ties(x, m, y, n, &ties);
		var = (double)m * (double)n / 12 * ((N + 1) - ties / (N * (N - 1)));
		if (!(var > 0))
			return;
		c = ceil((double)mn / 2 - 0.5 + z * sqrt(var));
		if (c < 1)
			return;
		q = (size_t)c;
		ci->level = 1 - 2 * gsl_cdf_ugaussian_P(((double)q - 0.5 - (double)mn / 2) /
							sqrt(var));
	}
	ci->lo = bg_kth_difference(x, m, y, n, q);
	ci->hi = bg_kth_difference(x, m, y, n, mn - q + 1);
}
