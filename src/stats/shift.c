/*
 * Hodges-Lehmann shift between two samples and its Mann-Whitney (Moses) interval, from
 * order statistics of the m n pairwise differences, found without forming them.
 */
#include <math.h>
#include <stddef.h>

#include <gsl/gsl_cdf.h>

#include "benchgate/stats.h"

/* The most differences gathered to select from (8 MB); more are narrowed by counting. */
#define FEW_MAX ((size_t)1 << 20)

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

/*
 * The want-th smallest (1-based, 1 <= want <= k) of a[0..k), reordering a: Hoare's
 * FIND (Wirth's form) with the median of three values as the pivot, O(k) expected.
 * Exact: it moves values, never computes one.
 */
static double select_kth(double *a, size_t k, size_t want)
{
	ptrdiff_t l = 0, r = (ptrdiff_t)k - 1, t = (ptrdiff_t)want - 1;

	while (l < r) {
		double p = a[l], q = a[l + (r - l) / 2], u = a[r], pivot;
		ptrdiff_t i = l, j = r;

		pivot = p < q ? (q < u ? q : p < u ? u : p) : (p < u ? p : q < u ? u : q);
		do {
			while (a[i] < pivot)
				i++;
			while (pivot < a[j])
				j--;
			if (i <= j) {
				double tmp = a[i];

				a[i++] = a[j];
				a[j--] = tmp;
			}
		} while (i <= j);
		/* a[l..j] <= pivot <= a[i..r], and what lies between equals the pivot */
		if (t <= j)
			r = j;
		else if (t >= i)
			l = i;
		else
			break;
	}
	return a[t];
}

/*
 * The want-th smallest (1-based) of the cnt differences in (lo, hi] (lo_inf: no lower
 * limit), gathered and selected. For each x[i] they are a run of y, both of whose ends
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
	v = want >= 1 && want <= k ? select_kth(buf, k, want) : NAN;
	free(buf);
	return v;
}

/* probe when it is strictly inside the bracket (a, hi) (a itself allowed when a_in), or NAN. */
static double inside(double probe, double a, int a_in, double hi)
{
	return probe < hi && (a_in ? probe >= a : probe > a) ? probe : NAN;
}

/*
 * The k-th difference from a first guess of its value and of the slope of the counts
 * there (differences per unit of value); see bg_kth_difference. *slope_out: the last
 * slope seen, a guess for the next difference asked for nearby.
 */
static double kth(double *slope_out, const double *x, size_t m, const double *y, size_t n,
		  size_t k, double guess, double slope)
{
	double lo = 0, hi, next, below, above, last_v = guess, last_c;
	size_t cl = 0, ch, few, width;
	int lo_inf = 1, stalled = 0, have_last = 0;

	/*
	 * The k-th smallest difference d* is the smallest difference with at least k
	 * differences <= it. Keep lo with cl = count(<= lo) < k (lo_inf: below every
	 * difference, cl = 0) and hi a difference with ch = count(<= hi) >= k, so d* is
	 * in (lo, hi]; next is the smallest difference above lo. Each probe costs one
	 * O(m + n) count. A round probes a pair of values about few / 4 ranks either
	 * side of where the slope puts d* (from the guess at first, then the secant of
	 * the last two probes), so that it usually leaves few enough differences between
	 * them to gather and select. After two rounds that did not halve the differences
	 * left, rounds of one probe alternate bisection and interpolation on the counts,
	 * so the bracket at least halves in value every two rounds. Snap hi down to a
	 * difference. Stop when next is hi (then d* = hi), or when few are left.
	 */
	hi = y[n - 1] - x[0];
	ch = m * n;
	next = y[0] - x[m - 1];
	last_c = (double)k - 0.5;
	/* gathering costs about what a count does; at most 8 MB of them at once */
	few = 2 * (m + n) + 64 < FEW_MAX ? 2 * (m + n) + 64 : FEW_MAX;
	for (;;) {
		double a = lo_inf ? next : lo, probes[2];
		size_t np = 0;

		*slope_out = slope;
		if (next == hi)
			return hi;
		if (ch - cl <= few)
			return gather(x, m, y, n, lo, lo_inf, hi, k - cl, ch - cl);
		width = ch - cl;
		if (stalled < 2 && slope > 0 && isfinite(slope)) {
			double v = last_v + ((double)k - 0.5 - last_c) / slope;
			double half = (double)few / 4 / slope;

			probes[np++] = v - half;
			probes[np++] = v + half;
		} else {
			double probe = stalled % 2 ? a + (hi - a) * ((double)(k - cl) / (double)width)
						   : a + (hi - a) / 2;

			if (isnan(probe = inside(probe, a, lo_inf, hi)) &&
			    isnan(probe = inside(a + (hi - a) / 2, a, lo_inf, hi)))
				return hi;   /* lo and hi adjacent doubles: every difference between is hi */
			probes[np++] = probe;
		}
		for (size_t p = 0; p < np; p++) {
			double probe = inside(probes[p], lo_inf ? next : lo, lo_inf, hi);
			size_t c;

			if (isnan(probe))
				continue;
			c = count_le(&below, &above, x, m, y, n, probe);
			if (have_last && probe != last_v && (double)c != last_c)
				slope = ((double)c - last_c) / (probe - last_v);
			last_v = probe;
			last_c = (double)c;
			have_last = 1;
			if (c >= k) {
				hi = below;
				ch = c;
			} else {
				lo = probe;
				lo_inf = 0;
				cl = c;
				next = above;
			}
			if (next == hi || ch - cl <= few)
				break;
		}
		stalled = 2 * (ch - cl) > width ? stalled + 1 : 0;
	}
}

/*
 * A first guess of the k-th difference and of the slope of the counts there: the
 * differences as a normal about the mean of y's and x's differences at 15 quantiles
 * from 0.2 to 0.8 (steadier than the medians' difference), of standard deviation
 * from the interquartile ranges. Any guess gives the same (exact) answer, a good one
 * fewer counts.
 */
static void first_guess(double *guess, double *slope, const double *x, size_t m,
			const double *y, size_t n, size_t k)
{
	double sx, sy, sd, z, shift = 0;

	for (int q = 0; q < 15; q++) {
		double p = 0.2 + 0.6 * q / 14;

		shift += y[(size_t)(p * (double)(n - 1))] - x[(size_t)(p * (double)(m - 1))];
	}
	sx = (x[3 * (m - 1) / 4] - x[(m - 1) / 4]) / 1.349;
	sy = (y[3 * (n - 1) / 4] - y[(n - 1) / 4]) / 1.349;
	sd = sqrt(sx * sx + sy * sy);
	z = gsl_cdf_ugaussian_Pinv((double)k / ((double)m * (double)n + 1));
	*guess = shift / 15 + z * sd;
	*slope = (double)m * (double)n * exp(-z * z / 2) / (2.5066282746310002 * sd);
	if (!isfinite(*guess))
		*slope = 0;
}

double bg_kth_difference(const double *x, size_t m, const double *y, size_t n, size_t k)
{
	double guess, slope;

	if (m == 0 || n == 0 || k < 1 || k > m * n)
		return NAN;
	first_guess(&guess, &slope, x, m, y, n, k);
	return kth(&slope, x, m, y, n, k, guess, slope);
}

/*
 * The k-th difference after the k0-th, d0, was found with the slope slope0 there: the
 * guess is d0 moved by the ranks between over that slope.
 */
static double kth_near(const double *x, size_t m, const double *y, size_t n, size_t k,
		       double d0, size_t k0, double slope0)
{
	double slope;

	if (!(slope0 > 0 && isfinite(slope0) && isfinite(d0)))
		return bg_kth_difference(x, m, y, n, k);
	return kth(&slope, x, m, y, n, k, d0 + ((double)k - (double)k0) / slope0, slope0);
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
	size_t mn = m * n, q, kmed = mn / 2 + mn % 2;
	double ties, alpha = 1 - confidence, d, guess, slope = 0;

	*estimate = NAN;
	ci->lo = -INFINITY;
	ci->hi = INFINITY;
	ci->level = confidence;
	if (m == 0 || n == 0)
		return;
	/* the median of the differences, R's median(): the mean of the middle two when even */
	first_guess(&guess, &slope, x, m, y, n, kmed);
	d = kth(&slope, x, m, y, n, kmed, guess, slope);
	if (mn % 2) {
		*estimate = d;
	} else {
		/* the next one up is d itself when d repeats, else the smallest above it */
		double below, above, d2;

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
	/* near the median: start from it and the slope of the counts found there */
	ci->lo = kth_near(x, m, y, n, q, d, kmed, slope);
	ci->hi = kth_near(x, m, y, n, mn - q + 1, d, kmed, slope);
}
