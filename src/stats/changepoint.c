/* Level shifts in a series of measurements: penalised binary segmentation. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/changepoint.h"
#include "benchgate/error.h"

/* The k-th smallest of x[0..n) (0-based), reordering x: Hoare's selection. */
static double select_kth(double *x, size_t n, size_t k)
{
	size_t lo = 0, hi = n - 1;

	while (lo < hi) {
		double pivot = x[lo + (hi - lo) / 2];
		size_t i = lo, j = hi;

		while (i <= j) {
			while (x[i] < pivot)
				i++;
			while (x[j] > pivot)
				j--;
			if (i <= j) {
				double t = x[i];

				x[i] = x[j];
				x[j] = t;
				i++;
				if (j == 0)
					break;
				j--;
			}
		}
		if (k <= j)
			hi = j;
		else if (k >= i)
			lo = i;
		else
			break;
	}
	return x[k];
}

/* The median of x[0..n), n >= 1, reordering x. */
static double median_inplace(double *x, size_t n)
{
	double hi = select_kth(x, n, n / 2), lo;

	if (n % 2)
		return hi;
	/* the largest of the lower half, which selection left below n / 2 */
	lo = x[0];
	for (size_t i = 1; i < n / 2; i++)
		if (x[i] > lo)
			lo = x[i];
	return (lo + hi) / 2;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return (x > y) - (x < y);
}

double bg_cp_sigma(const double *x, size_t n)
{
	double *d, med, mean = 0;

	if (n < 2)
		return 0;
	d = bg_malloc((n - 1) * sizeof(*d));
	for (size_t i = 0; i + 1 < n; i++) {
		d[i] = fabs(x[i + 1] - x[i]);
		mean += d[i];
	}
	med = median_inplace(d, n - 1);
	free(d);
	/* |d| of N(0, 2 s^2): median 0.6745 * sqrt(2) s, mean sqrt(2 / pi) * sqrt(2) s. */
	if (med > 0)
		return 1.482602218505602 * med / M_SQRT2;
	return mean / (double)(n - 1) * 1.2533141373155003 / M_SQRT2;
}

/* Sum of y[a..b) from prefix sums. */
static double seg_sum(const double *s, size_t a, size_t b)
{
	return s[b] - s[a];
}

size_t bg_changepoints(struct bg_changepoint **out, const double *x, size_t n, double penalty,
		       size_t min_segment)
{
	double *y, *s, sigma, beta;
	size_t *stack, *cuts, nstack = 0, ncuts = 0;
	int logscale = 1;

	*out = NULL;
	if (penalty <= 0)
		penalty = BG_CP_PENALTY;
	if (min_segment == 0)
		min_segment = BG_CP_MIN_SEGMENT;
	if (n < 2 * min_segment)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!(x[i] > 0))
			logscale = 0;
	y = bg_malloc(n * sizeof(*y));
	s = bg_malloc((n + 1) * sizeof(*s));
	for (size_t i = 0; i < n; i++)
		y[i] = logscale ? log(x[i]) : x[i];
	sigma = bg_cp_sigma(y, n);
	if (!(sigma > 0)) {
		free(y);
		free(s);
		return 0;
	}
	s[0] = 0;
	for (size_t i = 0; i < n; i++)
		s[i + 1] = s[i] + y[i];
	beta = penalty * log((double)(n > 50 ? n : 50));

	/* Segments to examine, as [a, b) pairs; each split adds at most two. */
	stack = bg_malloc(2 * (n + 1) * sizeof(*stack));
	cuts = bg_malloc((n + 1) * sizeof(*cuts));
	stack[nstack++] = 0;
	stack[nstack++] = n;
	while (nstack) {
		size_t b = stack[--nstack], a = stack[--nstack], best = 0;
		double total, len = (double)(b - a), bestr = 0;

		if (b - a < 2 * min_segment)
			continue;
		total = seg_sum(s, a, b);
		for (size_t k = a + min_segment; k + min_segment <= b; k++) {
			double n1 = (double)(k - a), n2 = (double)(b - k);
			double m1 = seg_sum(s, a, k) / n1, m2 = (total - seg_sum(s, a, k)) / n2;
			double r = n1 * n2 / len * (m1 - m2) * (m1 - m2);

			if (r > bestr) {
				bestr = r;
				best = k;
			}
		}
		if (best && bestr / (sigma * sigma) > beta) {
			cuts[ncuts++] = best;
			stack[nstack++] = a;
			stack[nstack++] = best;
			stack[nstack++] = best;
			stack[nstack++] = b;
		}
	}
	if (ncuts) {
		qsort(cuts, ncuts, sizeof(*cuts), cmp_size);
		*out = bg_calloc(ncuts, sizeof(**out));
		for (size_t i = 0; i < ncuts; i++) {
			size_t a = i ? cuts[i - 1] : 0, k = cuts[i], b = i + 1 < ncuts ? cuts[i + 1] : n;
			double m1 = seg_sum(s, a, k) / (double)(k - a);
			double m2 = seg_sum(s, k, b) / (double)(b - k);
			struct bg_changepoint *c = &(*out)[i];

			c->index = k;
			c->before = logscale ? exp(m1) : m1;
			c->after = logscale ? exp(m2) : m2;
			c->change = logscale ? expm1(m2 - m1) : m1 != 0 ? (m2 - m1) / fabs(m1) : NAN;
		}
	}
	free(stack);
	free(cuts);
	free(y);
	free(s);
	return ncuts;
}
