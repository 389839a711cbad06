/* Tests for src/stats: summaries, quantile intervals, Mann-Whitney, change intervals. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "testutil.h"
#include "fixture.h"
#include "benchgate/error.h"
#include "benchgate/stats.h"

/* Seed of every simulation below (gsl_rng_mt19937). */
#define SIM_SEED 20240601UL

/* Fixtures (fixture.h): the .tsv files of tests/data/stats, by tests/data/stats/make-fixtures.R. */

/* ---- summaries ---- */

static void test_summary_fixture(void **state)
{
	struct table t;

	(void)state;
	table_read(&t, "summary.tsv", 11);
	for (size_t i = 0; i < t.n; i++) {
		struct row *r = &t.rows[i];
		struct bg_summary s;
		size_t n;
		double *x = numlist(r->f[1], &n), *sorted = bg_sorted_copy(x, n);

		bg_summary_compute(&s, sorted, n, 0.95);
		assert_int_equal(s.n, (size_t)num(r->f[2]));
		assert_int_equal(s.runs, 0);
		assert_same("mean", r->f[0], s.mean, num(r->f[3]), 1e-12);
		assert_same("sd", r->f[0], s.stddev, num(r->f[4]), 1e-12);
		assert_same("min", r->f[0], s.min, num(r->f[5]), 0);
		assert_same("max", r->f[0], s.max, num(r->f[6]), 0);
		assert_same("median", r->f[0], s.median, num(r->f[7]), 1e-14);
		assert_same("p95", r->f[0], s.p95, num(r->f[8]), 1e-14);
		assert_same("p99", r->f[0], s.p99, num(r->f[9]), 1e-14);
		assert_same("mad", r->f[0], s.mad, num(r->f[10]), 1e-14);
		assert_same("cv", r->f[0], s.cv, n > 1 ? num(r->f[4]) / num(r->f[3]) : NAN,
			    1e-12);
		assert_same("median", r->f[0], bg_summary_stat(&s, BG_STAT_MEDIAN), s.median, 0);
		assert_same("mean", r->f[0], bg_summary_stat(&s, BG_STAT_MEAN), s.mean, 0);
		assert_same("p95", r->f[0], bg_summary_stat(&s, BG_STAT_P95), s.p95, 0);
		assert_same("p99", r->f[0], bg_summary_stat(&s, BG_STAT_P99), s.p99, 0);
		free(x);
		free(sorted);
	}
	table_release(&t);
}

static void test_summary_edges(void **state)
{
	static const double one[] = { 4.25 }, two[] = { 1, 3 };
	static const double equal[] = { 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1 };
	static const double zeros[] = { 0, 0, 0, 0 };
	struct bg_summary s;

	(void)state;
	bg_summary_compute(&s, one, 1, 0.95);
	assert_int_equal(s.n, 1);
	assert_true(s.mean == 4.25 && s.median == 4.25 && s.p99 == 4.25 && s.mad == 0);
	assert_true(isnan(s.stddev) && isnan(s.cv));
	/* one value cannot bound the median at 95%: both bounds infinite, coverage 1 */
	assert_true(s.median_ci.lo == -INFINITY && s.median_ci.hi == INFINITY);
	assert_close(s.median_ci.level, 1, 1e-15);

	bg_summary_compute(&s, two, 2, 0.95);
	assert_close(s.mean, 2, 0);
	assert_close(s.stddev, sqrt(2), 1e-15);
	assert_close(s.median, 2, 0);
	assert_close(s.p95, 2.9, 1e-15);
	assert_close(s.mad, 1, 0);

	bg_summary_compute(&s, equal, 10, 0.95);
	/* equal neighbours give the value itself, not an interpolation off by an ulp */
	assert_true(s.median == 0.1 && s.p95 == 0.1 && s.p99 == 0.1 && s.mad == 0);
	assert_true(s.median_ci.lo == 0.1 && s.median_ci.hi == 0.1);
	assert_close(s.median_ci.level, 0.978515625, 1e-12);
	assert_true(s.stddev < 1e-16);
	/* p99 with 10 values: no upper order statistic bounds it */
	assert_true(s.p99_ci.lo == 0.1 && s.p99_ci.hi == INFINITY);

	bg_summary_compute(&s, zeros, 4, 0.95);
	assert_true(s.mean == 0 && s.stddev == 0 && s.median == 0 && s.mad == 0);
	assert_true(isnan(s.cv));

	bg_summary_compute(&s, NULL, 0, 0.95);
	assert_int_equal(s.n, 0);
	assert_true(isnan(s.mean) && isnan(s.median) && isnan(s.mad));
	assert_true(s.median_ci.lo == -INFINITY && s.median_ci.hi == INFINITY);
}

static void test_sorted_copy(void **state)
{
	static const double x[] = { 3, -1, 2.5, 2.5, 0, 1e300, -INFINITY };
	double *s = bg_sorted_copy(x, 7), *e = bg_sorted_copy(NULL, 0);

	(void)state;
	for (size_t i = 1; i < 7; i++)
		assert_true(s[i - 1] <= s[i]);
	assert_true(s[0] == -INFINITY && s[6] == 1e300);
	assert_true(x[0] == 3);
	free(s);
	free(e);
}

/* ---- quantile intervals ---- */

static void test_quantile_ci_fixture(void **state)
{
	struct table t;
	size_t nmax = 0;
	double *x;

	(void)state;
	table_read(&t, "quantile_ci.tsv", 6);
	for (size_t i = 0; i < t.n; i++)
		if ((size_t)num(t.rows[i].f[0]) > nmax)
			nmax = (size_t)num(t.rows[i].f[0]);
	x = bg_malloc(nmax * sizeof(*x));
	for (size_t i = 0; i < nmax; i++)
		x[i] = (double)(i + 1);   /* X(k) = k: the bounds name their ranks */
	for (size_t i = 0; i < t.n; i++) {
		struct row *r = &t.rows[i];
		size_t n = (size_t)num(r->f[0]), l, u, wl = (size_t)num(r->f[3]);
		size_t wu = (size_t)num(r->f[4]);
		double p = num(r->f[1]), conf = num(r->f[2]), tl, tu;
		struct bg_interval ci;

		bg_quantile_ci_ranks(&l, &u, &tl, &tu, n, p, conf);
		if (l != wl || u != wu)
			fail_msg("n=%zu p=%g conf=%g: ranks (%zu, %zu), R says (%zu, %zu)", n, p,
				 conf, l, u, wl, wu);
		bg_quantile_ci_sorted(&ci, x, n, p, conf);
		assert_true(ci.lo == (wl ? (double)wl : -INFINITY));
		assert_true(ci.hi == (wu <= n ? (double)wu : INFINITY));
		assert_close(ci.level, num(r->f[5]), 1e-10);
		assert_close(1 - tl - tu, num(r->f[5]), 1e-10);
		assert_true(tl <= (1 - conf) / 2 * (1 + 1e-9) && tu <= (1 - conf) / 2 * (1 + 1e-9));
	}
	free(x);
	table_release(&t);
}

/* The classic table: the median of 10 values at 95% is (X(2), X(9)), coverage 0.9785. */
static void test_quantile_ci_median10(void **state)
{
	static const double x[] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
	struct bg_interval ci;

	(void)state;
	bg_quantile_ci_sorted(&ci, x, 10, 0.5, 0.95);
	assert_true(ci.lo == 2 && ci.hi == 9);
	assert_close(ci.level, 1 - 2 * 11.0 / 1024, 1e-14);
	/* 3 values at 95%: P(B = 0) = 1/8 > 2.5%, no finite bound either side */
	bg_quantile_ci_sorted(&ci, x, 3, 0.5, 0.95);
	assert_true(ci.lo == -INFINITY && ci.hi == INFINITY && ci.level == 1);
	/* 6 values: P(B = 0) = 1/64 <= 2.5%, (X(1), X(6)), coverage 1 - 2/64 */
	bg_quantile_ci_sorted(&ci, x, 6, 0.5, 0.95);
	assert_true(ci.lo == 1 && ci.hi == 6);
	assert_close(ci.level, 1 - 2.0 / 64, 1e-14);
}

/* ---- Mann-Whitney ---- */

/*
 * R's wilcox.test p-values, agreement to a relative 1e-6: |p - p_R| <= 1e-6 p_R, also
 * for the tiny p-values of separated samples.
 */
static void test_mannwhitney_fixture(void **state)
{
	struct table t;

	(void)state;
	table_read(&t, "mannwhitney.tsv", 4);
	for (size_t i = 0; i < t.n; i++) {
		struct row *r = &t.rows[i];
		size_t nx, ny;
		double *x = numlist(r->f[1], &nx), *y = numlist(r->f[2], &ny);
		double want = num(r->f[3]), got = bg_mann_whitney(x, nx, y, ny);
		double swapped = bg_mann_whitney(y, ny, x, nx);

		if (!(fabs(got - want) <= 1e-6 * want))
			fail_msg("%s: p = %.17g, R says %.17g", r->f[0], got, want);
		if (!(fabs(swapped - want) <= 1e-6 * want))
			fail_msg("%s swapped: p = %.17g, R says %.17g", r->f[0], swapped, want);
		free(x);
		free(y);
	}
	table_release(&t);
}

static void test_mannwhitney_edges(void **state)
{
	static const double a[] = { 3, 1, 2 }, c[] = { 7, 7, 7 }, nan[] = { 1, NAN };
	static const double x[] = { 0.5, 2.5, 1.5, 9, 4 }, y[] = { 3, 8, 6, 7 };
	double xs[] = { 0.5, 1.5, 2.5, 4, 9 };

	(void)state;
	assert_true(isnan(bg_mann_whitney(a, 0, a, 3)));
	assert_true(isnan(bg_mann_whitney(a, 3, a, 0)));
	assert_true(isnan(bg_mann_whitney(nan, 2, a, 3)));
	/* every value equal: R gives NaN (0 / 0); benchgate says no difference, p = 1 */
	assert_true(bg_mann_whitney(c, 3, c, 3) == 1);
	/* order of the input does not matter */
	assert_true(bg_mann_whitney(x, 5, y, 4) == bg_mann_whitney(xs, 5, y, 4));
	/*
	 * exact, by hand: rank sum of x 20, U = 5 of at most 20; 18 of the C(9, 4) = 126
	 * arrangements have U <= 5 (partitions of 0..5 into at most 4 parts of at most 5:
	 * 1 + 1 + 2 + 3 + 5 + 6), p = 2 * 18 / 126
	 */
	assert_close(bg_mann_whitney(x, 5, y, 4), 36.0 / 126, 1e-15);
}

/* ---- change ---- */

static enum bg_statistic stat_of(const char *s)
{
	enum bg_statistic st;

	if (bg_statistic_parse(&st, s) != 0)
		fail_msg("unknown statistic '%s'", s);
	return st;
}

static void test_change_fixture(void **state)
{
	struct table t;

	(void)state;
	table_read(&t, "change.tsv", 9);
	for (size_t i = 0; i < t.n; i++) {
		struct row *r = &t.rows[i];
		size_t nb, nc;
		double *b = numlist(r->f[3], &nb), *c = numlist(r->f[4], &nc);
		double *bs = bg_sorted_copy(b, nb), *cs = bg_sorted_copy(c, nc);
		double conf = num(r->f[2]);
		struct bg_change ch;

		bg_change_compute(&ch, stat_of(r->f[1]), bs, nb, cs, nc, conf);
		assert_same("estimate", r->f[0], ch.estimate, num(r->f[5]), 1e-12);
		assert_same("lo", r->f[0], ch.ci.lo, num(r->f[6]), 1e-12);
		assert_same("hi", r->f[0], ch.ci.hi, num(r->f[7]), 1e-12);
		assert_same("p_value", r->f[0], ch.p_value, num(r->f[8]), 1e-9);
		/* the level achieved: at least the one asked for when the bounds are finite */
		if (isfinite(ch.ci.lo) && isfinite(ch.ci.hi))
			assert_true(ch.ci.level >= conf - 1e-12);
		free(b);
		free(c);
		free(bs);
		free(cs);
	}
	table_release(&t);
}

static void test_change_edges(void **state)
{
	/*
	 * statpsych's ci.ratio.median2 example (Price-Bonett), as published: 1.162162
	 * [0.927667, 1.455933], reached through the fallback for samples not all
	 * positive: the same samples less 20, whose ratio of medians is another.
	 */
	static const double base[] = { 26, 27, 29, 32, 34, 35, 37, 39, 40, 40, 42, 43, 49 };
	static const double cur[] = { 31, 33, 36, 39, 42, 44, 46, 47, 48, 49 };
	static const double z[] = { 0, 0, 0 }, one[] = { 1, 1, 1 }, x[] = { 1, 2, 3 };
	struct bg_change ch;

	(void)state;
	/* all positive: the Hodges-Lehmann shift of the logs, wilcox.test's 0.1622 (R 4.2) */
	bg_change_compute(&ch, BG_STAT_MEDIAN, base, 13, cur, 10, 0.95);
	assert_true(ch.ci.lo < ch.estimate && ch.estimate < ch.ci.hi);

	/* no samples on one side */
	bg_change_compute(&ch, BG_STAT_MEDIAN, base, 0, cur, 10, 0.95);
	assert_true(isnan(ch.estimate) && ch.ci.lo == -INFINITY && ch.ci.hi == INFINITY);
	assert_true(ch.ci.level == 0.95);
	/* zero to zero, every value equal: no change, and surely so */
	for (int s = BG_STAT_MEDIAN; s <= BG_STAT_P99; s++) {
		bg_change_compute(&ch, (enum bg_statistic)s, z, 3, z, 3, 0.95);
		assert_true(ch.estimate == 0 && ch.ci.lo == 0 && ch.ci.hi == 0);
	}
	/* from zero to something: no relative change */
	bg_change_compute(&ch, BG_STAT_MEAN, z, 3, one, 3, 0.95);
	assert_true(isnan(ch.estimate) && ch.ci.lo == -INFINITY && ch.ci.hi == INFINITY);
	/* the same constant on both sides: exactly no change */
	bg_change_compute(&ch, BG_STAT_MEDIAN, one, 3, one, 3, 0.95);
	assert_true(ch.estimate == 0 && ch.ci.lo == 0 && ch.ci.hi == 0);
	bg_change_compute(&ch, BG_STAT_MEAN, one, 3, one, 3, 0.95);
	assert_true(ch.estimate == 0 && ch.ci.lo == 0 && ch.ci.hi == 0);
	/* too few values for a p99 interval */
	bg_change_compute(&ch, BG_STAT_P99, x, 3, x, 3, 0.95);
	assert_true(ch.estimate == 0 && ch.ci.lo == -INFINITY && ch.ci.hi == INFINITY);
	/* the estimate lies inside its interval */
	bg_change_compute(&ch, BG_STAT_MEDIAN, x, 3, one, 3, 0.95);
	assert_true(ch.ci.lo <= ch.estimate && ch.estimate <= ch.ci.hi);
}

/* ---- Hodges-Lehmann and the Moses interval ---- */

static void test_hodges_lehmann_fixture(void **state)
{
	struct table t;

	(void)state;
	table_read(&t, "hodges_lehmann.tsv", 8);
	for (size_t i = 0; i < t.n; i++) {
		struct row *r = &t.rows[i];
		size_t m, n;
		double *x = numlist(r->f[1], &m), *y = numlist(r->f[2], &n);
		double *xs = bg_sorted_copy(x, m), *ys = bg_sorted_copy(y, n), est;
		struct bg_interval ci;

		bg_hodges_lehmann(&est, &ci, xs, m, ys, n, num(r->f[3]));
		assert_same("estimate", r->f[0], est, num(r->f[4]), 1e-12);
		assert_same("lo", r->f[0], ci.lo, num(r->f[5]), 1e-12);
		assert_same("hi", r->f[0], ci.hi, num(r->f[6]), 1e-12);
		assert_same("level", r->f[0], ci.level, num(r->f[7]), 1e-9);
		free(x);
		free(y);
		free(xs);
		free(ys);
	}
	table_release(&t);
}

static int cmp_dbl(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Every k-th difference against a sort of all m n differences, on data with ties. */
static void test_kth_difference(void **state)
{
	static const double x[] = { -3, -1, -1, 0, 0.5, 2, 2, 7 };
	static const double y[] = { -2, -1, 0, 0, 1, 1, 3, 4.25, 9 };
	double d[72];
	size_t k = 0;

	(void)state;
	for (size_t i = 0; i < 8; i++)
		for (size_t j = 0; j < 9; j++)
			d[k++] = y[j] - x[i];
	qsort(d, 72, sizeof(*d), cmp_dbl);
	for (k = 1; k <= 72; k++)
		assert_true(bg_kth_difference(x, 8, y, 9, k) == d[k - 1]);
	assert_true(isnan(bg_kth_difference(x, 8, y, 9, 0)));
	assert_true(isnan(bg_kth_difference(x, 8, y, 9, 73)));
	assert_true(isnan(bg_kth_difference(x, 0, y, 9, 1)));
	/* one value a side */
	assert_true(bg_kth_difference(x + 3, 1, y + 6, 1, 1) == 3);
}

/*
 * Seeded random samples, with ties (values rounded to a coarse grid) and without, of
 * sizes 1 to 120: every k-th difference equals the full sort's.
 */
static void test_kth_difference_random(void **state)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);

	(void)state;
	gsl_rng_set(r, SIM_SEED);
	for (int rep = 0; rep < 200; rep++) {
		size_t m = 1 + gsl_rng_uniform_int(r, 120), n = 1 + gsl_rng_uniform_int(r, 120);
		double *x = bg_malloc(m * sizeof(*x)), *y = bg_malloc(n * sizeof(*y));
		double *d = bg_malloc(m * n * sizeof(*d));
		int coarse = rep % 2;

		for (size_t i = 0; i < m; i++)
			x[i] = coarse ? round(gsl_ran_gaussian(r, 3)) : gsl_ran_lognormal(r, 0, 0.5);
		for (size_t j = 0; j < n; j++)
			y[j] = coarse ? round(gsl_ran_gaussian(r, 3) + 1) : gsl_ran_lognormal(r, 0.1, 0.5);
		qsort(x, m, sizeof(*x), cmp_dbl);
		qsort(y, n, sizeof(*y), cmp_dbl);
		for (size_t i = 0; i < m; i++)
			for (size_t j = 0; j < n; j++)
				d[i * n + j] = y[j] - x[i];
		qsort(d, m * n, sizeof(*d), cmp_dbl);
		for (size_t k = 1; k <= m * n; k += 1 + m * n / 50)
			if (bg_kth_difference(x, m, y, n, k) != d[k - 1])
				fail_msg("m=%zu n=%zu k=%zu: %.17g, sorted %.17g", m, n, k,
					 bg_kth_difference(x, m, y, n, k), d[k - 1]);
		assert_true(bg_kth_difference(x, m, y, n, m * n) == d[m * n - 1]);
		free(x);
		free(y);
		free(d);
	}
	gsl_rng_free(r);
}

/*
 * Samples large enough that the search probes (pairs of probes on the secant, and its
 * fall-backs) before it gathers: lognormal, rounded to a coarse tick (many ties), one
 * side shifted far, and a mixture of two modes (a poor first guess). Every k-th
 * difference asked equals the full sort's, and so do Hodges-Lehmann's estimate and
 * bounds (the median and the order statistics of the differences).
 */
static void test_kth_difference_large(void **state)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);

	(void)state;
	gsl_rng_set(r, SIM_SEED + 7);
	for (int shape = 0; shape < 4; shape++) {
		size_t m = 700 + 100 * (size_t)shape, n = 900 - 50 * (size_t)shape, mn = m * n;
		double *x = bg_malloc(m * sizeof(*x)), *y = bg_malloc(n * sizeof(*y));
		double *d = bg_malloc(mn * sizeof(*d)), est;
		struct bg_interval ci;
		size_t ks[] = { 1, 2, mn / 100, mn / 3, mn / 2, mn / 2 + 1, mn - mn / 50, mn - 1, mn };

		for (size_t i = 0; i < m; i++) {
			x[i] = gsl_ran_lognormal(r, 0, 0.05);
			if (shape == 1)
				x[i] = round(x[i] * 50) / 50;
			if (shape == 3 && i % 3 == 0)
				x[i] += 2;
		}
		for (size_t j = 0; j < n; j++) {
			y[j] = gsl_ran_lognormal(r, shape == 2 ? 3 : 0.01, 0.05);
			if (shape == 1)
				y[j] = round(y[j] * 50) / 50;
		}
		qsort(x, m, sizeof(*x), cmp_dbl);
		qsort(y, n, sizeof(*y), cmp_dbl);
		for (size_t i = 0; i < m; i++)
			for (size_t j = 0; j < n; j++)
				d[i * n + j] = y[j] - x[i];
		qsort(d, mn, sizeof(*d), cmp_dbl);
		for (size_t q = 0; q < sizeof(ks) / sizeof(ks[0]); q++)
			if (bg_kth_difference(x, m, y, n, ks[q]) != d[ks[q] - 1])
				fail_msg("shape %d m=%zu n=%zu k=%zu: %.17g, sorted %.17g", shape, m, n,
					 ks[q], bg_kth_difference(x, m, y, n, ks[q]), d[ks[q] - 1]);
		bg_hodges_lehmann(&est, &ci, x, m, y, n, 0.95);
		assert_true(est == (mn % 2 ? d[mn / 2] : (d[mn / 2 - 1] + d[mn / 2]) / 2) ||
			    (d[mn / 2 - 1] == d[mn / 2] && est == d[mn / 2]));
		/* the bounds are differences, symmetric in rank: k and mn - k + 1 */
		{
			size_t lo = 0, hi = 0;

			while (lo < mn && d[lo] < ci.lo)
				lo++;
			while (hi < mn && d[mn - 1 - hi] > ci.hi)
				hi++;
			assert_true(lo < mn && d[lo] == ci.lo);
			assert_true(hi < mn && d[mn - 1 - hi] == ci.hi);
		}
		free(x);
		free(y);
		free(d);
	}
	gsl_rng_free(r);
}

/* Every k-th difference of x[0..m) and y[0..n) (ascending) equals the full sort's. */
static void check_all_ranks(const double *x, size_t m, const double *y, size_t n)
{
	double *d = bg_malloc(m * n * sizeof(*d));

	for (size_t i = 0; i < m; i++)
		for (size_t j = 0; j < n; j++)
			d[i * n + j] = y[j] - x[i];
	qsort(d, m * n, sizeof(*d), cmp_dbl);
	for (size_t k = 1; k <= m * n; k++)
		if (bg_kth_difference(x, m, y, n, k) != d[k - 1])
			fail_msg("m=%zu n=%zu k=%zu: %.17g, sorted %.17g", m, n, k,
				 bg_kth_difference(x, m, y, n, k), d[k - 1]);
	free(d);
}

/*
 * The edges of the search: differences too large for a double (+inf, so no value
 * lies above the largest to bisect towards, and the padding of +inf no longer ends a
 * prefix); the smallest difference one double below the largest with no lower bound
 * found yet (it must be probed itself); inputs that are not finite (NAN).
 */
static void test_kth_difference_edges(void **state)
{
	double x1[] = { -1e308, 0 }, y1[] = { 0, 1e308 };
	double x2[] = { -1e308, -5e307, 0, 1 }, y2[] = { -1e308, 2, 1e308 };
	double x3[100], y3[100], inf[] = { 1, 2, INFINITY }, nan[] = { 1, NAN, 3 }, est;
	struct bg_interval ci;

	(void)state;
	check_all_ranks(x1, 2, y1, 2);
	assert_true(isinf(bg_kth_difference(x1, 2, y1, 2, 4)));
	check_all_ranks(x2, 4, y2, 3);
	for (int i = 0; i < 100; i++) {
		x3[i] = 1 + (i / 25) * ldexp(1, -52);
		y3[i] = (double)(i / 34);
	}
	check_all_ranks(x3, 100, y3, 100);
	assert_true(bg_kth_difference(x3, 100, y3, 100, 1) == y3[0] - x3[99]);
	assert_true(isnan(bg_kth_difference(inf, 3, inf, 3, 1)));
	assert_true(isnan(bg_kth_difference(x1, 2, nan, 3, 2)));
	bg_hodges_lehmann(&est, &ci, inf, 3, x1, 2, 0.95);
	assert_true(isnan(est) && isinf(ci.lo) && ci.lo < 0 && isinf(ci.hi) && ci.hi > 0);
}

/* qwilcox and pwilcox: small values by enumeration of the 20 arrangements of 3 + 3 */
static void test_wilcox_distribution(void **state)
{
	(void)state;
	/* U of 3 + 3: counts 1 1 2 3 3 3 3 2 1 1 over 0..9, total 20 */
	assert_close(bg_wilcox_cdf(0, 3, 3), 1.0 / 20, 1e-15);
	assert_close(bg_wilcox_cdf(3, 3, 3), 7.0 / 20, 1e-15);
	assert_close(bg_wilcox_cdf(9, 3, 3), 1, 1e-15);
	assert_int_equal(bg_wilcox_quantile(0.025, 3, 3), 0);
	assert_int_equal(bg_wilcox_quantile(0.05, 3, 3), 0);
	assert_int_equal(bg_wilcox_quantile(0.1, 3, 3), 1);
	assert_int_equal(bg_wilcox_quantile(0.35, 3, 3), 3);
	/* R: qwilcox(0.025, 10, 10) = 24, qwilcox(0.005, 49, 49) = 840 */
	assert_int_equal(bg_wilcox_quantile(0.025, 10, 10), 24);
	assert_int_equal(bg_wilcox_quantile(0.005, 49, 49), 840);
	assert_true(isnan(bg_wilcox_cdf(0, 0, 3)));
}

/* ---- Kruskal-Wallis, Benjamini-Hochberg, shape ---- */

static int *intlist(const char *s, size_t *n)
{
	size_t alloc = 0;
	int *v = NULL;
	char *end;

	*n = 0;
	for (;;) {
		bg_grow(&v, &alloc, *n + 1, sizeof(*v));
		v[(*n)++] = (int)strtol(s, &end, 10);
		if (end == s)
			fail_msg("bad integer list at '%.20s'", s);
		if (*end != ',')
			break;
		s = end + 1;
	}
	return v;
}

static void test_kruskal_fixture(void **state)
{
	struct table t;

	(void)state;
	table_read(&t, "kruskal.tsv", 6);
	for (size_t i = 0; i < t.n; i++) {
		struct row *r = &t.rows[i];
		size_t n, ng;
		double *x = numlist(r->f[1], &n), h, p;
		int *g = intlist(r->f[2], &ng);

		assert_int_equal(n, ng);
		p = bg_kruskal_wallis(&h, x, g, n, atoi(r->f[3]));
		assert_same("h", r->f[0], h, num(r->f[4]), 1e-9);
		assert_same("p_value", r->f[0], p, num(r->f[5]), 1e-9);
		free(x);
		free(g);
	}
	table_release(&t);
	/* one run, or a group out of range: no test */
	{
		static const double x[] = { 1, 2, 3 };
		static const int one[] = { 0, 0, 0 }, bad[] = { 0, 1, 2 };

		assert_true(isnan(bg_kruskal_wallis(NULL, x, one, 3, 1)));
		assert_true(isnan(bg_kruskal_wallis(NULL, x, one, 3, 2)));
		assert_true(isnan(bg_kruskal_wallis(NULL, x, bad, 3, 2)));
	}
}

static void test_bh_fixture(void **state)
{
	struct table t;

	(void)state;
	table_read(&t, "bh.tsv", 3);
	for (size_t i = 0; i < t.n; i++) {
		struct row *r = &t.rows[i];
		size_t n, nq;
		double *p = numlist(r->f[1], &n), *want = numlist(r->f[2], &nq);
		double *q = bg_malloc(n * sizeof(*q));

		assert_int_equal(n, nq);
		bg_bh_adjust(q, p, n);
		for (size_t k = 0; k < n; k++)
			assert_same("q", r->f[0], q[k], want[k], 1e-12);
		free(p);
		free(want);
		free(q);
	}
	table_release(&t);
	bg_bh_adjust(NULL, NULL, 0);
}

static void test_shape_fixture(void **state)
{
	struct table t;

	(void)state;
	table_read(&t, "shape.tsv", 6);
	for (size_t i = 0; i < t.n; i++) {
		struct row *r = &t.rows[i];
		size_t n;
		double *x = numlist(r->f[1], &n), *xs = bg_sorted_copy(x, n);
		struct bg_shape sh;

		bg_shape_compute(&sh, xs, n);
		assert_same("mild", r->f[0], (double)sh.mild, num(r->f[2]), 0);
		assert_same("severe", r->f[0], (double)sh.severe, num(r->f[3]), 0);
		assert_same("robust_cv", r->f[0], sh.robust_cv, num(r->f[4]), 1e-12);
		assert_same("bimodality", r->f[0], sh.bimodality, num(r->f[5]), 1e-9);
		free(x);
		free(xs);
	}
	table_release(&t);
}

/* ---- coverage by simulation ---- */

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static void draw_sorted(double *x, size_t n, gsl_rng *r, double mu, double sigma)
{
	for (size_t i = 0; i < n; i++)
		x[i] = gsl_ran_lognormal(r, mu, sigma);
	qsort(x, n, sizeof(*x), cmp);
}

/*
 * Fraction of reps replications whose 95% interval for the change of stat covers the
 * true change 5%: lognormal samples, sigma 0.1, the current side scaled by 1.05 (so
 * every quantile and the mean change by exactly 5%).
 */
static double change_coverage(gsl_rng *r, enum bg_statistic stat, size_t n, int reps)
{
	double *b = bg_malloc(n * sizeof(*b)), *c = bg_malloc(n * sizeof(*c));
	int hit = 0;

	for (int k = 0; k < reps; k++) {
		struct bg_change ch;

		draw_sorted(b, n, r, 0, 0.1);
		draw_sorted(c, n, r, log(1.05), 0.1);
		bg_change_compute(&ch, stat, b, n, c, n, 0.95);
		hit += ch.ci.lo <= 0.05 && 0.05 <= ch.ci.hi;
	}
	free(b);
	free(c);
	return (double)hit / reps;
}

static void test_coverage_change(void **state)
{
	static const struct {
		enum bg_statistic stat;
		size_t n;
		double lo, hi;
	} cases[] = {
		{ BG_STAT_MEDIAN, 30, 0.93, 0.975 },
		{ BG_STAT_MEDIAN, 100, 0.93, 0.975 },
		{ BG_STAT_MEAN, 30, 0.93, 0.975 },
		{ BG_STAT_P95, 100, 0.93, 0.975 },
		{ BG_STAT_P99, 400, 0.93, 0.975 },
	};
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);

	(void)state;
	gsl_rng_set(r, SIM_SEED);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		double cov = change_coverage(r, cases[i].stat, cases[i].n, 2000);

		print_message("coverage of the 95%% %s change interval, n = %zu: %.4f (seed %lu)\n",
			      bg_statistic_name(cases[i].stat), cases[i].n, cov, SIM_SEED);
		if (!(cov >= cases[i].lo && cov <= cases[i].hi))
			fail_msg("%s n=%zu: coverage %.4f outside [%g, %g]",
				 bg_statistic_name(cases[i].stat), cases[i].n, cov, cases[i].lo,
				 cases[i].hi);
	}
	gsl_rng_free(r);
}

/* The order-statistic interval for the median and p95 covers at its stated level. */
static void test_coverage_quantile_ci(void **state)
{
	static const struct {
		size_t n;
		double p, q;   /* quantile of the lognormal(0, 0.1) */
	} cases[] = {
		{ 30, 0.5, 1.0 },
		{ 100, 0.5, 1.0 },
		{ 100, 0.95, 1.1788494080 },   /* exp(0.1 qnorm(0.95)) */
	};
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	double x[100];

	(void)state;
	gsl_rng_set(r, SIM_SEED);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int hit = 0, reps = 2000;
		double level = NAN, cov;

		for (int k = 0; k < reps; k++) {
			struct bg_interval ci;

			draw_sorted(x, cases[i].n, r, 0, 0.1);
			bg_quantile_ci_sorted(&ci, x, cases[i].n, cases[i].p, 0.95);
			hit += ci.lo <= cases[i].q && cases[i].q <= ci.hi;
			level = ci.level;
		}
		cov = (double)hit / reps;
		print_message("coverage of the 95%% order-statistic interval for q%g, n = %zu: "
			      "%.4f, stated %.4f (seed %lu)\n", cases[i].p, cases[i].n, cov,
			      level, SIM_SEED);
		/* 2000 replications: standard error about 0.005 */
		if (!(fabs(cov - level) <= 0.02))
			fail_msg("q%g n=%zu: coverage %.4f, stated %.4f", cases[i].p, cases[i].n,
				 cov, level);
	}
	gsl_rng_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_summary_fixture),
		cmocka_unit_test(test_summary_edges),
		cmocka_unit_test(test_sorted_copy),
		cmocka_unit_test(test_quantile_ci_fixture),
		cmocka_unit_test(test_quantile_ci_median10),
		cmocka_unit_test(test_mannwhitney_fixture),
		cmocka_unit_test(test_mannwhitney_edges),
		cmocka_unit_test(test_change_fixture),
		cmocka_unit_test(test_change_edges),
		cmocka_unit_test(test_hodges_lehmann_fixture),
		cmocka_unit_test(test_kth_difference),
		cmocka_unit_test(test_kth_difference_random),
		cmocka_unit_test(test_kth_difference_large),
		cmocka_unit_test(test_kth_difference_edges),
		cmocka_unit_test(test_wilcox_distribution),
		cmocka_unit_test(test_kruskal_fixture),
		cmocka_unit_test(test_bh_fixture),
		cmocka_unit_test(test_shape_fixture),
		cmocka_unit_test(test_coverage_change),
		cmocka_unit_test(test_coverage_quantile_ci),
	};

	gsl_set_error_handler_off();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
