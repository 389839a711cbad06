/* Tests for src/stats/jobnoise.c: the robust job-to-job sd, a history's spread, the shift. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "testutil.h"
#include "fixture.h"
#include "benchgate/error.h"
#include "benchgate/jobnoise.h"

/* Seed of every simulation below (gsl_rng_mt19937). */
#define SIM_SEED 20261207UL

/* Fixtures (fixture.h): tests/data/stats/{jobsd,shift,spread}.tsv, by make-jobnoise.R. */

/* ---- the robust sd ---- */

static void test_jobsd_fixture(void **state)
{
	struct table tab;

	(void)state;
	table_read(&tab, "jobsd.tsv", 7);
	for (size_t i = 0; i < tab.n; i++) {
		size_t nv;
		double *v = numlist(tab.rows[i].f[1], &nv);
		struct bg_jobsd s;

		bg_jobsd(&s, v, nv);
		if (s.n != (size_t)num(tab.rows[i].f[2]) || s.kept != (size_t)num(tab.rows[i].f[4]))
			fail_msg("%s: n %zu kept %zu, expected %s and %s", tab.rows[i].f[0], s.n, s.kept,
				 tab.rows[i].f[2], tab.rows[i].f[4]);
		assert_same("sd", tab.rows[i].f[0], s.sd, num(tab.rows[i].f[5]), 1e-12);
		assert_same("df", tab.rows[i].f[0], s.df, num(tab.rows[i].f[6]), 1e-12);
		free(v);
	}
	table_release(&tab);
}

static void test_jobsd_edges(void **state)
{
	double one[] = { 3.0 }, nan2[] = { NAN, 1.0, NAN };
	double flat[] = { 2, 2, 2, 2, 2 };
	struct bg_jobsd s;

	(void)state;
	bg_jobsd(&s, NULL, 0);
	assert_true(isnan(s.sd) && s.n == 0);
	bg_jobsd(&s, one, 1);
	assert_true(isnan(s.sd) && isnan(s.df) && s.n == 1);
	bg_jobsd(&s, nan2, 3);
	assert_true(isnan(s.sd) && s.n == 1);
	bg_jobsd(&s, flat, 5);
	assert_true(s.sd == 0 && s.kept == 4);
}

/*
 * Seeded simulation: independent normal jobs of sd 0.1, 20 a series. The squared
 * estimate is unbiased within 2% (the cut at 5 sds keeps all but a few in a million of
 * differences) and its variance matches a chi-square on df degrees of freedom
 * (2 sd^4 / df) within 15%; a level shift of 30% in the middle moves the estimate
 * by less than 15%, where the plain sd moves it by 60%.
 */
static void test_jobsd_simulated(void **state)
{
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	const size_t reps = 20000, n = 20;
	const double sigma = 0.1;
	double y[20], sum = 0, sum2 = 0, sum_shift = 0, sum_plain = 0, df = 0;

	(void)state;
	gsl_rng_set(rng, SIM_SEED);
	for (size_t r = 0; r < reps; r++) {
		struct bg_jobsd s;
		double m = 0, v = 0;

		for (size_t i = 0; i < n; i++)
			y[i] = gsl_ran_gaussian(rng, sigma);
		bg_jobsd(&s, y, n);
		sum += s.sd * s.sd;
		sum2 += s.sd * s.sd * s.sd * s.sd;
		df = s.df;
		for (size_t i = n / 2; i < n; i++)
			y[i] += log(1.3);
		bg_jobsd(&s, y, n);
		sum_shift += s.sd * s.sd;
		for (size_t i = 0; i < n; i++)
			m += y[i] / (double)n;
		for (size_t i = 0; i < n; i++)
			v += (y[i] - m) * (y[i] - m) / (double)(n - 1);
		sum_plain += v;
	}
	{
		double mean = sum / (double)reps, var = sum2 / (double)reps - mean * mean;
		double s2 = sigma * sigma;

		assert_close(mean, s2, 0.02);
		assert_close(var / (2 * s2 * s2 / df), 1.0, 0.15);
		assert_true(sqrt(sum_shift / (double)reps) < 1.15 * sigma);
		assert_true(sqrt(sum_plain / (double)reps) > 1.6 * sigma);
	}
	gsl_rng_free(rng);
}

/* ---- the shift ---- */

static void test_shift_fixture(void **state)
{
	struct table tab;

	(void)state;
	table_read(&tab, "shift.tsv", 5);
	for (size_t i = 0; i < tab.n; i++) {
		size_t m;
		double *v = numlist(tab.rows[i].f[1], &m), est, se;
		size_t k = bg_shift_median(&est, &se, v, m);

		assert_int_equal(k, (size_t)num(tab.rows[i].f[2]));
		assert_same("median", tab.rows[i].f[0], est, num(tab.rows[i].f[3]), 1e-14);
		assert_same("se", tab.rows[i].f[0], se, num(tab.rows[i].f[4]), 1e-12);
		free(v);
	}
	table_release(&tab);
}

/*
 * Seeded simulation: 20 benchmarks share a shift of +10% and each has its own noise
 * (sd 4%). Without other changes, the median +- t(0.975, m - 1) se covers the shared shift in
 * 93-97% of draws (se from R-checked normal theory); with 3 of the 20 also +30%, the
 * median moves by less than a point on average (a tenth of what the mean would move).
 */
static void test_shift_simulated(void **state)
{
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	const size_t reps = 4000, m = 20;
	double c[20], covered = 0, bias = 0;

	(void)state;
	gsl_rng_set(rng, SIM_SEED + 1);
	for (size_t r = 0; r < reps; r++) {
		double est, se;

		for (size_t i = 0; i < m; i++)
			c[i] = log(1.1) + gsl_ran_gaussian(rng, 0.04);
		bg_shift_median(&est, &se, c, m);
		covered += fabs(est - log(1.1)) <= gsl_cdf_tdist_Pinv(0.975, (double)m - 1) * se;
		for (size_t i = 0; i < m; i++)
			c[i] = log(1.1) + gsl_ran_gaussian(rng, 0.04) + (i < 3 ? log(1.3) : 0);
		bg_shift_median(&est, &se, c, m);
		bias += (est - log(1.1)) / (double)reps;
	}
	covered /= (double)reps;
	if (covered < 0.93 || covered > 0.97 || !(bias >= 0 && bias < 0.01))
		fail_msg("coverage %.4f, bias with 3 changed %.4f", covered, bias);
	gsl_rng_free(rng);
}

/* ---- a history's spread ---- */

static void test_spread_fixture(void **state)
{
	struct table tab;

	(void)state;
	table_read(&tab, "spread.tsv", 9);
	for (size_t i = 0; i < tab.n; i++) {
		size_t notes = (size_t)num(tab.rows[i].f[1]), ns = (size_t)num(tab.rows[i].f[2]), nv, k;
		double *v = numlist(tab.rows[i].f[3], &nv);
		double *tot = numlist(tab.rows[i].f[7], &k), *own = numlist(tab.rows[i].f[8], &k);
		struct bg_hist h;
		struct bg_jobsd shared, *t = bg_calloc(ns, sizeof(*t)), *o = bg_calloc(ns, sizeof(*o));

		assert_int_equal(nv, notes * ns);
		bg_hist_init(&h);
		h.nnotes = notes;
		for (size_t s = 0; s < ns; s++) {
			char name[32];
			struct bg_hist_series *hs;

			snprintf(name, sizeof(name), "b%zu", s);
			hs = bg_hist_add(&h, name, "time", notes);
			for (size_t j = 0; j < notes; j++)
				hs->value[j] = v[s * notes + j];
		}
		bg_hist_spread(&shared, NULL, t, o, &h, 0);
		assert_same("shared sd", tab.rows[i].f[0], shared.sd, num(tab.rows[i].f[4]), 1e-12);
		assert_same("shared df", tab.rows[i].f[0], shared.df, num(tab.rows[i].f[5]), 1e-12);
		assert_int_equal(shared.n, (size_t)num(tab.rows[i].f[6]));
		for (size_t s = 0; s < ns; s++) {
			assert_same("total sd", tab.rows[i].f[0], t[s].sd, tot[s], 1e-12);
			assert_same("own sd", tab.rows[i].f[0], o[s].sd, own[s], 1e-12);
		}
		/* a throughput (higher is better) moves against the machine: the same levels */
		for (size_t j = 0; j < notes; j++)
			h.series[0].value[j] = 1 / h.series[0].value[j];
		h.series[0].higher = 1;
		bg_hist_spread(&shared, NULL, t, o, &h, 0);
		assert_same("shared sd, one series higher", tab.rows[i].f[0], shared.sd,
			    num(tab.rows[i].f[4]), 1e-9);
		assert_same("own sd, higher", tab.rows[i].f[0], o[0].sd, own[0], 1e-9);
		bg_hist_release(&h);
		free(t);
		free(o);
		free(v);
		free(tot);
		free(own);
	}
	table_release(&tab);
}

/*
 * Seeded simulation of the model of docs/statistics.md: 20 notes of 30 benchmarks,
 * shared factor sd 10%, per benchmark and note sd 3%. Averaged over draws, the shared
 * sd is within 10% of 0.1, the own sd within 15% of 0.03 and the total within 10% of
 * sqrt(0.1^2 + 0.03^2); limit = 8 uses 8 values a series.
 */
static void test_spread_simulated(void **state)
{
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	const size_t reps = 300, notes = 20, ns = 30;
	double sh = 0, own = 0, tot = 0;
	struct bg_jobsd shared, t[30], o[30];

	(void)state;
	gsl_rng_set(rng, SIM_SEED + 2);
	for (size_t r = 0; r < reps; r++) {
		struct bg_hist h;
		double S[20];

		bg_hist_init(&h);
		h.nnotes = notes;
		for (size_t j = 0; j < notes; j++)
			S[j] = gsl_ran_gaussian(rng, 0.1);
		for (size_t s = 0; s < ns; s++) {
			char name[32];
			struct bg_hist_series *hs;

			snprintf(name, sizeof(name), "b%02zu", s);
			hs = bg_hist_add(&h, name, "time", notes);
			for (size_t j = 0; j < notes; j++)
				hs->value[j] = 1000.0 * (double)(s + 1) *
					       exp(S[j] + gsl_ran_gaussian(rng, 0.03));
		}
		bg_hist_spread(&shared, NULL, t, o, &h, 0);
		sh += shared.sd / (double)reps;
		for (size_t s = 0; s < ns; s++) {
			own += o[s].sd / (double)(reps * ns);
			tot += t[s].sd / (double)(reps * ns);
		}
		if (r == 0) {
			bg_hist_spread(&shared, NULL, t, o, &h, 8);
			assert_int_equal(t[0].n, 8);
			assert_int_equal(shared.n, 8);
		}
		bg_hist_release(&h);
	}
	assert_close(sh, 0.1, 0.01);
	assert_true(fabs(own / 0.03 - 1) < 0.15);
	assert_true(fabs(tot / sqrt(0.01 + 0.0009) - 1) < 0.10);
	gsl_rng_free(rng);
}

static void test_history_find(void **state)
{
	struct bg_hist h;

	(void)state;
	bg_hist_init(&h);
	bg_hist_add(&h, "b", "time", 1)->value[0] = 2;
	bg_hist_add(&h, "a", "time", 1);
	bg_hist_add(&h, "a", "alloc", 1);
	assert_non_null(bg_hist_find(&h, "a", "alloc"));   /* unsorted: found linearly */
	bg_hist_sort(&h);
	assert_string_equal(h.series[0].bench, "a");
	assert_string_equal(h.series[0].metric, "alloc");
	assert_true(bg_hist_find(&h, "b", "time")->value[0] == 2);
	assert_null(bg_hist_find(&h, "b", "alloc"));
	assert_null(bg_hist_find(&h, "c", "time"));
	bg_hist_release(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jobsd_fixture),
		cmocka_unit_test(test_jobsd_edges),
		cmocka_unit_test(test_jobsd_simulated),
		cmocka_unit_test(test_shift_fixture),
		cmocka_unit_test(test_shift_simulated),
		cmocka_unit_test(test_spread_fixture),
		cmocka_unit_test(test_spread_simulated),
		cmocka_unit_test(test_history_find),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
