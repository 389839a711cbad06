/* Order statistics of a sorted sample: R type 7 quantiles, MAD, distribution-free intervals. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>

#include "benchgate/error.h"
#include "benchgate/stats.h"

/*
 * Relative slack when comparing a binomial tail with alpha / 2, so that a tail equal
 * to alpha / 2 in exact arithmetic (n = 2, p = 0.5, confidence 0.5) is accepted
 * whatever the last bits of gsl_cdf_binomial_P.
 */
#define TAIL_FUZZ (1 + 1e-9)

/* Ascending order; NaN sorts last so that the order is total. */
static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	if (x < y)
		return -1;
	if (x > y)
		return 1;
	if (isnan(x))
		return isnan(y) ? 0 : 1;
	return isnan(y) ? -1 : 0;
}

/*
 * Sort s[0..n) ascending by the bits of its doubles: a least significant digit radix
 * sort, 8 bits a pass, through tmp[0..n). A double's bits with the sign bit flipped
 * (positive) or every bit flipped (negative) order as unsigned integers as the doubles
 * do. Stable, as the merge sort before it, and equal keys are equal bits, so the
 * result is the same array. Passes whose digit is the same in every key are skipped.
 * Returns -1, leaving s as it was, when s holds a NaN or a zero (-0 and +0 compare
 * equal but their keys do not): qsort takes those.
 */
/* A 64-bit integer that may alias a double: the sort keeps keys in the doubles' storage. */
typedef uint64_t __attribute__((may_alias)) sort_key;

static int radix_sort(double *s, sort_key *tmp, size_t n)
{
	size_t count[8][256] = { { 0 } };
	sort_key *a = tmp, *b;

	for (size_t i = 0; i < n; i++) {
		uint64_t k;

		if (isnan(s[i]) || s[i] == 0)
			return -1;
		memcpy(&k, &s[i], sizeof(k));
		k ^= k >> 63 ? ~(uint64_t)0 : (uint64_t)1 << 63;
		a[i] = k;
		for (int d = 0; d < 8; d++)
			count[d][(k >> (8 * d)) & 0xff]++;
	}
	b = (sort_key *)(void *)s;   /* the doubles' storage holds keys until the end */
	for (int d = 0; d < 8; d++) {
		size_t sum = 0, *c = count[d];

		if (c[(a[0] >> (8 * d)) & 0xff] == n)
			continue;   /* every key has this digit */
		for (int v = 0; v < 256; v++) {
			size_t t = c[v];

			c[v] = sum;
			sum += t;
		}
		for (size_t i = 0; i < n; i++)
			b[c[(a[i] >> (8 * d)) & 0xff]++] = a[i];
		{
			sort_key *t = a;

			a = b;
			b = t;
		}
	}
	for (size_t i = 0; i < n; i++) {
		uint64_t k = a[i];
		double v;

		k ^= k >> 63 ? (uint64_t)1 << 63 : ~(uint64_t)0;
		memcpy(&v, &k, sizeof(v));
		s[i] = v;   /* a is s or tmp: each key is read before its slot is written */
	}
	return 0;
}

double *bg_sorted_copy(const double *x, size_t n)
{
	double *s = bg_malloc(n * sizeof(*s));

	if (!n)
		return s;
	memcpy(s, x, n * sizeof(*s));
	if (n >= 64) {
		sort_key *tmp = bg_malloc(n * sizeof(*tmp));
		int done = radix_sort(s, tmp, n) == 0;

		free(tmp);
		if (done)
			return s;
		memcpy(s, x, n * sizeof(*s));
	}
	qsort(s, n, sizeof(*s), cmp_double);
	return s;
}

double bg_quantile_sorted(const double *sorted, size_t n, double p)
{
	double h;
	size_t lo;

	if (n == 0 || !(p >= 0 && p <= 1))
		return NAN;
	/*
	 * R type 7: h = (n - 1) p, x[floor h] + (h - floor h) (x[floor h + 1] - x[floor h]).
	 * GSL computes it as (1 - d) a + d b, which need not give back a when a == b:
	 * equal neighbours are returned as they are.
	 */
	h = p * (double)(n - 1);
	lo = (size_t)h;
	if (lo + 1 >= n || sorted[lo] == sorted[lo + 1])
		return sorted[lo < n ? lo : n - 1];
	return gsl_stats_quantile_from_sorted_data(sorted, 1, n, p);
}

/* P(B <= k), B ~ Bin(n, p); k < n. */
static double binom_le(size_t k, double p, size_t n)
{
	return gsl_cdf_binomial_P((unsigned int)k, p, (unsigned int)n);
}

/* P(B > k), B ~ Bin(n, p); k < n. */
static double binom_gt(size_t k, double p, size_t n)
{
	return gsl_cdf_binomial_Q((unsigned int)k, p, (unsigned int)n);
}

static void ci_ranks(size_t *lo, size_t *hi, double *tail_lo, double *tail_hi, size_t n,
		     double p, double confidence);

/*
 * The last few answers, by (n, p, confidence): a comparison asks the same for every
 * benchmark of as many samples, and each answer costs dozens of binomial tails.
 */
#define RANKS_MEMO 8
static _Thread_local struct {
	size_t n, lo, hi;
	double p, confidence, tail_lo, tail_hi;
	int used;
} ranks_memo[RANKS_MEMO];
static _Thread_local unsigned ranks_next;

void bg_quantile_ci_ranks(size_t *lo, size_t *hi, double *tail_lo, double *tail_hi,
			  size_t n, double p, double confidence)
{
	unsigned k;

	for (k = 0; k < RANKS_MEMO; k++)
		if (ranks_memo[k].used && ranks_memo[k].n == n && ranks_memo[k].p == p &&
		    ranks_memo[k].confidence == confidence) {
			*lo = ranks_memo[k].lo;
			*hi = ranks_memo[k].hi;
			*tail_lo = ranks_memo[k].tail_lo;
			*tail_hi = ranks_memo[k].tail_hi;
			return;
		}
	ci_ranks(lo, hi, tail_lo, tail_hi, n, p, confidence);
	k = ranks_next++ % RANKS_MEMO;
	ranks_memo[k].n = n;
	ranks_memo[k].p = p;
	ranks_memo[k].confidence = confidence;
	ranks_memo[k].lo = *lo;
	ranks_memo[k].hi = *hi;
	ranks_memo[k].tail_lo = *tail_lo;
	ranks_memo[k].tail_hi = *tail_hi;
	ranks_memo[k].used = 1;
}

static void ci_ranks(size_t *lo, size_t *hi, double *tail_lo, double *tail_hi, size_t n,
		     double p, double confidence)
{
	double half = (1 - confidence) / 2 * TAIL_FUZZ;
	size_t a, b;

	*lo = 0;
	*hi = n + 1;
	*tail_lo = 0;
	*tail_hi = 0;
	if (n == 0 || n > 0xffffffffu || !(p >= 0 && p <= 1) ||
	    !(confidence > 0 && confidence < 1))
		return;

	/*
	 * Lower bound: the largest l in 1..n with P(B <= l - 1) <= alpha / 2. P(B <= k) is
	 * nondecreasing in k: find the largest k in 0..n-1 with P(B <= k) <= alpha / 2 by
	 * bisection, l = k + 1. None (P(B <= 0) too big) leaves l = 0: -infinity.
	 */
	if (binom_le(0, p, n) <= half) {
		a = 0;          /* P(B <= a) <= half */
		b = n;          /* P(B <= b) = 1 > half */
		while (b - a > 1) {
			size_t m = a + (b - a) / 2;

			if (binom_le(m, p, n) <= half)
				a = m;
			else
				b = m;
		}
		*lo = a + 1;
		*tail_lo = binom_le(a, p, n);
	}

	/*
	 * Upper bound: the smallest u in 1..n with P(B >= u) = P(B > u - 1) <= alpha / 2,
	 * P(B > k) nonincreasing in k. None (P(B >= n) too big) leaves u = n + 1.
	 */
	if (binom_gt(n - 1, p, n) <= half) {
		a = 0;          /* candidate k = u - 1 */
		b = n - 1;      /* P(B > b) <= half */
		if (binom_gt(0, p, n) <= half) {
			b = 0;
		} else {
			/* P(B > a) > half, P(B > b) <= half */
			while (b - a > 1) {
				size_t m = a + (b - a) / 2;

				if (binom_gt(m, p, n) <= half)
					b = m;
				else
					a = m;
			}
		}
		*hi = b + 1;
		*tail_hi = binom_gt(b, p, n);
	}
}

void bg_quantile_ci_sorted(struct bg_interval *out, const double *sorted, size_t n,
			   double p, double confidence)
{
	size_t l, u;
	double tl, tu;

	bg_quantile_ci_ranks(&l, &u, &tl, &tu, n, p, confidence);
	out->lo = l >= 1 ? sorted[l - 1] : -INFINITY;
	out->hi = u <= n ? sorted[u - 1] : INFINITY;
	if (!(confidence > 0 && confidence < 1) || !(p >= 0 && p <= 1))
		out->level = NAN;
	else
		out->level = 1 - tl - tu;
}

/*
 * Raw median absolute deviation of sorted[0..n) about med, without sorting: the
 * deviations left of the median, read from the middle outwards, ascend, and so do
 * those on the right; merging the two runs finds the middle ones.
 */
double bg_mad_sorted(const double *s, size_t n, double med)
{
	size_t split = 0, i, j, k, want1, want2;
	double d1 = NAN, d2 = NAN;

	while (split < n && s[split] < med)
		split++;
	/* left run: med - s[split-1], med - s[split-2], ...; right run: s[split] - med, ... */
	want1 = (n - 1) / 2;    /* 0-based ranks of the middle deviations */
	want2 = n / 2;
	i = split;              /* next left element is s[i - 1] */
	j = split;              /* next right element is s[j] */
	for (k = 0; k <= want2; k++) {
		double d;

		if (i > 0 && (j >= n || med - s[i - 1] <= s[j] - med))
			d = med - s[--i];
		else
			d = s[j++] - med;
		if (k == want1)
			d1 = d;
		if (k == want2)
			d2 = d;
	}
	return d1 == d2 ? d1 : (d1 + d2) / 2;
}
