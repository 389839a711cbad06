/* Tests for src/stats/changepoint.c: level shifts by penalised binary segmentation. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "testutil.h"
#include "benchgate/changepoint.h"
#include "benchgate/error.h"

/* Seed of every simulation below (gsl_rng_mt19937). */
#define SIM_SEED 20251125UL

static void test_sigma(void **state)
{
	/* diffs 1, 3, 1, 1: median 1, so 1.4826 / sqrt(2) */
	double x[] = { 1, 2, 5, 4, 5 }, flat[] = { 3, 3, 3 };

	(void)state;
	assert_close(bg_cp_sigma(x, 5), 1.482602218505602 / 1.4142135623730951, 1e-12);
	assert_true(bg_cp_sigma(flat, 3) == 0);
	assert_true(bg_cp_sigma(x, 1) == 0);
}

static int cmp_dbl(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The selection-based median behind bg_cp_sigma against a sort, ties included. */
static void test_sigma_vs_sort(void **state)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);

	(void)state;
	gsl_rng_set(r, SIM_SEED);
	for (size_t n = 2; n < 80; n++) {
		for (int rep = 0; rep < 20; rep++) {
			double x[80], d[80], med;

			for (size_t i = 0; i < n; i++)
				x[i] = rep % 2 ? (double)gsl_rng_uniform_int(r, 4) : gsl_ran_gaussian(r, 1);
			for (size_t i = 0; i + 1 < n; i++)
				d[i] = fabs(x[i + 1] - x[i]);
			qsort(d, n - 1, sizeof(*d), cmp_dbl);
			med = (n - 1) % 2 ? d[(n - 1) / 2] : (d[(n - 1) / 2 - 1] + d[(n - 1) / 2]) / 2;
			if (med > 0)
				assert_close(bg_cp_sigma(x, n), 1.482602218505602 * med / M_SQRT2, 1e-12);
		}
	}
	gsl_rng_free(r);
}

static void test_no_change(void **state)
{
	double flat[40];
	struct bg_changepoint *cp = (struct bg_changepoint *)&cp;

	(void)state;
	for (int i = 0; i < 40; i++)
		flat[i] = 7;
	assert_int_equal(bg_changepoints(&cp, flat, 40, 0, 0), 0);
	assert_null(cp);
	/* too short for two segments of two */
	assert_int_equal(bg_changepoints(&cp, flat, 3, 0, 0), 0);
}

static void test_one_step(void **state)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	double x[60];
	struct bg_changepoint *cp;
	size_t n;

	(void)state;
	gsl_rng_set(r, SIM_SEED);
	for (int i = 0; i < 60; i++)
		x[i] = (i < 37 ? 100 : 130) * (1 + 0.01 * gsl_ran_gaussian(r, 1));
	n = bg_changepoints(&cp, x, 60, 0, 0);
	assert_int_equal(n, 1);
	assert_int_equal(cp[0].index, 37);
	assert_close(cp[0].before, 100, 0.01);
	assert_close(cp[0].after, 130, 0.01);
	assert_close(cp[0].change, 0.30, 0.02);
	free(cp);
	gsl_rng_free(r);
}

static void test_not_log_scale(void **state)
{
	/* A zero forbids the log scale: the change is then relative to |before|. */
	double x[] = { 0, 0.1, -0.1, 0.05, 0, 10, 10.1, 9.9, 10, 10.05 };
	struct bg_changepoint *cp;

	(void)state;
	assert_int_equal(bg_changepoints(&cp, x, 10, 0, 0), 1);
	assert_int_equal(cp[0].index, 5);
	assert_close(cp[0].after, 10.01, 1e-9);
	free(cp);
}

/* The fixture of tests/data/changepoint/make-fixture.py: exact optimal partitioning. */
static void test_fixture(void **state)
{
	FILE *f = fopen("tests/data/changepoint/series.txt", "r");
	char line[65536];
	int cases = 0;

	(void)state;
	assert_non_null(f);
	while (fgets(line, sizeof(line), f)) {
		char *bar = strchr(line, '|'), *p;
		size_t want[16], nwant = 0, n = 0, got;
		double x[1024];
		struct bg_changepoint *cp;

		assert_non_null(bar);
		*bar = '\0';
		for (p = line; *p && *p != ' ';) {
			want[nwant++] = strtoul(p, &p, 10);
			if (*p == ',')
				p++;
		}
		for (p = bar + 1; ; ) {
			char *end;
			double v = strtod(p, &end);

			if (end == p)
				break;
			x[n++] = v;
			p = end;
		}
		got = bg_changepoints(&cp, x, n, 0, 0);
		assert_int_equal(got, nwant);
		for (size_t i = 0; i < got; i++)
			assert_int_equal(cp[i].index, want[i]);
		free(cp);
		cases++;
	}
	fclose(f);
	assert_int_equal(cases, 6);
}

/* Share of n-point series without a shift where a shift is flagged. */
static double fpr(gsl_rng *r, size_t n, size_t reps, int laplace)
{
	double *x = bg_malloc(n * sizeof(*x));
	size_t hits = 0;

	for (size_t i = 0; i < reps; i++) {
		struct bg_changepoint *cp;

		for (size_t j = 0; j < n; j++)
			x[j] = 100 * exp(0.03 * (laplace ? gsl_ran_laplace(r, 1) : gsl_ran_gaussian(r, 1)));
		hits += bg_changepoints(&cp, x, n, 0, 0) > 0;
		free(cp);
	}
	free(x);
	return (double)hits / (double)reps;
}

/*
 * The documented false-positive rates (docs/baselines.md; bench/changepoint-fpr.c has
 * the full table): normal noise at most 3.3% from n = 10, 1.3% at n = 50; Laplace at most
 * 5%. Bounds leave room for the simulation error of 1000 runs (about 0.6% at 2%).
 */
static void test_false_positive_rate(void **state)
{
	gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
	double a, b, c;

	(void)state;
	gsl_rng_set(r, SIM_SEED);
	a = fpr(r, 20, 1000, 0);
	b = fpr(r, 100, 1000, 0);
	c = fpr(r, 50, 1000, 1);
	print_message("false-positive rate (seed %lu, 1000 series): normal n=20 %.3f, n=100 %.3f; laplace n=50 %.3f\n",
		      SIM_SEED, a, b, c);
	assert_true(a <= 0.04);
	assert_true(b <= 0.015);
	assert_true(c <= 0.065);
	gsl_rng_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sigma),
		cmocka_unit_test(test_sigma_vs_sort),
		cmocka_unit_test(test_no_change),
		cmocka_unit_test(test_one_step),
		cmocka_unit_test(test_not_log_scale),
		cmocka_unit_test(test_fixture),
		cmocka_unit_test(test_false_positive_rate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
