/* Two-sided Mann-Whitney U (Wilcoxon rank-sum) test, as R's wilcox.test computes it. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "benchgate/error.h"
#include "benchgate/stats.h"

/* Both samples below this size and no ties: the exact distribution (R's rule). */
#define EXACT_LIMIT 50

/*
 * Counts of arrangements reach C(98, 49) ~ 2.5e28 for 49 + 49 values: beyond a
 * double's or a long double's exact integers, within a 128-bit integer's.
 */
#ifdef __SIZEOF_INT128__
__extension__ typedef unsigned __int128 count_t;
#else
typedef long double count_t;
#endif

/*
 * P(U <= q) for the Mann-Whitney statistic U of samples of sizes m and n under the
 * null hypothesis, exactly. The counts c[k] of arrangements with U = k are the
 * coefficients of the Gaussian binomial coefficient
 *   [m + n choose m]_t = prod_{i=1..m} (1 - t^(n+i)) / (1 - t^i),
 * built one factor at a time: multiply by (1 - t^(n+i)), then divide by (1 - t^i)
 * (an exact running sum). After each factor the polynomial is [n + i choose i]_t, of
 * nonnegative coefficients at most C(m + n, m). O(m^2 n) operations.
 */
static count_t *wilcox_counts(size_t m, size_t n)
{
	size_t deg, top = m * n, i, k;
	count_t *c;

	if (m > n) {
		size_t t = m;

		m = n;
		n = t;
	}
	c = bg_calloc(top + 1, sizeof(*c));
	c[0] = 1;
	deg = 0;
	for (i = 1; i <= m; i++) {
		size_t shift = n + i, ndeg = deg + n;

		/* times (1 - t^(n+i)): the product has degree deg + n + i, keep <= ndeg */
		for (k = ndeg; k >= shift; k--)
			c[k] -= c[k - shift];
		/* divided by (1 - t^i): c[k] += c[k - i], ascending; exact, ends at ndeg */
		for (k = i; k <= ndeg; k++)
			c[k] += c[k - i];
		deg = ndeg;
	}
	return c;
}

/*
 * The counts for (m, n) or (n, m), the same table: kept for the next call (the last
 * one only), as a comparison asks for the same sizes once per benchmark, two or three
 * times. Borrowed; valid until the next call.
 */
static _Thread_local count_t *table;
static _Thread_local size_t tm, tn;

static const count_t *wilcox_table(size_t m, size_t n)
{
	if (m > n) {
		size_t t = m;

		m = n;
		n = t;
	}
	if (!table || tm != m || tn != n) {
		free(table);
		table = wilcox_counts(m, n);
		tm = m;
		tn = n;
	}
	return table;
}

void bg_stats_thread_release(void)
{
	free(table);
	table = NULL;
}

static double wilcox_cdf(size_t q, size_t m, size_t n)
{
	const count_t *c;
	count_t below = 0, total = 0;

	if (q >= m * n)
		return 1;
	c = wilcox_table(m, n);
	for (size_t k = 0; k <= m * n; k++) {
		total += c[k];
		if (k <= q)
			below += c[k];
	}
	/* In double, not long double, so the result is the same on every platform. */
	return (double)below / (double)total;
}

size_t bg_wilcox_quantile(double p, size_t m, size_t n)
{
	size_t top = m * n, q;
	const count_t *c;
	count_t total = 0, below = 0;

	/*
	 * The smallest q with P(U <= q) >= p, from one table of counts; as R's qwilcox,
	 * p is lowered by 10 DBL_EPSILON (when at most 1/2) against rounding.
	 */
	if (m == 0 || n == 0)
		return 0;
	if (p <= 0.5)
		p -= 10 * DBL_EPSILON;
	c = wilcox_table(m, n);
	for (q = 0; q <= top; q++)
		total += c[q];
	for (q = 0; q < top; q++) {
		below += c[q];
		if ((double)below / (double)total >= p)
			break;
	}
	return q;
}

double bg_wilcox_cdf(size_t q, size_t m, size_t n)
{
	return m && n ? wilcox_cdf(q, m, n) : NAN;
}

/* True when x[0..n) is ascending. */
static int is_sorted(const double *x, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (x[i - 1] > x[i])
			return 0;
	return 1;
}

double bg_mann_whitney(const double *x, size_t nx, const double *y, size_t ny)
{
	double *xs = NULL, *ys = NULL;
	const double *a, *b;
	double w2 = 0, ties = 0, p;
	size_t i = 0, j = 0, pos = 0, N = nx + ny;
	int tied = 0;

	if (nx == 0 || ny == 0)
		return NAN;
	for (i = 0; i < nx; i++)
		if (isnan(x[i]))
			return NAN;
	for (j = 0; j < ny; j++)
		if (isnan(y[j]))
			return NAN;

	/* Ranks by merging the two sorted samples: O((nx + ny) log(nx + ny)). */
	a = is_sorted(x, nx) ? x : (xs = bg_sorted_copy(x, nx));
	b = is_sorted(y, ny) ? y : (ys = bg_sorted_copy(y, ny));
	i = j = 0;
	while (i < nx || j < ny) {
		double v = i < nx && (j >= ny || a[i] <= b[j]) ? a[i] : b[j];
		size_t cx = 0, cy = 0, t;

		while (i < nx && a[i] == v)
			i++, cx++;
		while (j < ny && b[j] == v)
			j++, cy++;
		t = cx + cy;
		/* ranks pos+1 .. pos+t share the mean rank pos + (t + 1) / 2 */
		w2 += (double)cx * (double)(2 * pos + t + 1);
		if (t > 1) {
			tied = 1;
			ties += (double)t * (double)t * (double)t - (double)t;
		}
		pos += t;
	}
	free(xs);
	free(ys);

	/* W = rank sum of x - nx (nx + 1) / 2, the U statistic of x; w2 = 2 W, exact */
	w2 -= (double)nx * (double)(nx + 1);

	if (nx < EXACT_LIMIT && ny < EXACT_LIMIT && !tied) {
		/*
		 * R: p = P(U >= W) when W > nx ny / 2, else P(U <= W); two-sided 2p, at most 1.
		 * U is symmetric about nx ny / 2, so P(U >= W) = P(U <= nx ny - W).
		 */
		size_t q = (size_t)(w2 / 2), mn = nx * ny;

		if (2 * q > mn)
			q = mn - q;
		p = 2 * wilcox_cdf(q, nx, ny);
	} else {
		/*
		 * Normal approximation: z = W - nx ny / 2, continuity correction sign(z) / 2,
		 * variance nx ny / 12 ((N + 1) - sum(t^3 - t) / (N (N - 1))).
		 */
		double z = w2 / 2 - (double)nx * (double)ny / 2;
		double var = (double)nx * (double)ny / 12 *
			     ((double)(N + 1) - ties / ((double)N * (double)(N - 1)));
		double corr = z > 0 ? 0.5 : z < 0 ? -0.5 : 0;

		/*
		 * Every value equal on both sides: R returns NaN (0 / 0); no difference can
		 * be seen, and we say p = 1.
		 */
		if (!(var > 0))
			return 1;
		z = (z - corr) / sqrt(var);
		p = 2 * gsl_cdf_ugaussian_P(-fabs(z));
	}
	return p < 1 ? p : 1;
}
