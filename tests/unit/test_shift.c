/* Tests of the gate's history and machine-wide shift step (src/gate/jobnoise.c) through bg_compare. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "testutil.h"
#include "benchgate/jobnoise.h"
#include "benchgate/policy.h"

#define SEED 20261207UL
#define NB 20

/*
 * Two sides of nb benchmarks of 10 samples (CV 2%, fixed draws from seed): the current
 * side's benchmark b scaled by shift x (b < nchanged ? change : 1).
 */
static void sides(struct bg_resultset *base, struct bg_resultset *cur, size_t nb, double shift,
		  size_t nchanged, double change, unsigned long seed)
{
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	char name[32];

	gsl_rng_set(rng, seed);
	bg_resultset_init(base);
	bg_resultset_init(cur);
	base->nruns = cur->nruns = 1;
	for (size_t b = 0; b < nb; b++) {
		double level = 1000.0 * (double)(b + 1);

		snprintf(name, sizeof(name), "b%02zu", b);
		for (int s = 0; s < 2; s++) {
			struct bg_resultset *rs = s ? cur : base;
			struct bg_metric *m = bg_bench_metric(bg_resultset_bench(rs, name), "time", "ns",
							      BG_DIR_LOWER);
			double f = s ? shift * (b < nchanged ? change : 1) : 1;

			for (int k = 0; k < 10; k++)
				bg_metric_add(m, level * f * exp(gsl_ran_gaussian(rng, 0.02)), 0);
		}
	}
	gsl_rng_free(rng);
}

/* A history of nnotes notes for the NB benchmarks: machine sd 10%, own 3%, note 0 = level 1. */
static void history(struct bg_hist *h, size_t nnotes, unsigned long seed)
{
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	double S[64];

	gsl_rng_set(rng, seed);
	bg_hist_init(h);
	h->label = bg_strdup("main");
	h->nnotes = nnotes;
	h->limit = nnotes;
	h->first_is_baseline = 1;
	for (size_t j = 0; j < nnotes; j++)
		S[j] = j ? gsl_ran_gaussian(rng, 0.10) : 0;
	for (size_t b = 0; b < NB; b++) {
		char name[32];
		struct bg_hist_series *s;

		snprintf(name, sizeof(name), "b%02zu", b);
		s = bg_hist_add(h, name, "time", nnotes);
		for (size_t j = 0; j < nnotes; j++)
			s->value[j] = 1000.0 * (double)(b + 1) *
				      exp(S[j] + (j ? gsl_ran_gaussian(rng, 0.03) : 0));
		s->n = nnotes;
	}
	gsl_rng_free(rng);
	bg_hist_sort(h);
}

static int run(struct bg_comparison *c, struct bg_resultset *base, struct bg_resultset *cur,
	       const struct bg_hist *h, int shift)
{
	struct bg_config cfg;
	struct bg_error err = { 0 };
	int rc;

	bg_config_init(&cfg);
	cfg.shift = shift;
	bg_comparison_init(c);
	c->history = h;
	rc = bg_compare(c, base, cur, &cfg, &cfg.modes[0], &err);
	bg_config_release(&cfg);
	return rc;
}

/* A machine 30% slower on every benchmark, no history: no regression, the shift inconclusive. */
static void test_slow_machine_no_history(void **state)
{
	struct bg_resultset base, cur;
	struct bg_comparison c;

	(void)state;
	sides(&base, &cur, NB, 1.3, 0, 1, SEED);
	assert_int_equal(run(&c, &base, &cur, NULL, 1), 0);
	assert_true(c.shift.active && c.shift.applied);
	assert_int_equal(c.shift.count, NB);
	assert_true(fabs(c.shift.estimate - 0.3) < 0.02);
	assert_int_equal(c.shift.verdict, BG_INCONCLUSIVE);
	assert_non_null(strstr(c.shift.reason, "unknown"));
	assert_int_equal(c.counts[BG_REGRESSION], 0);
	assert_false(c.failed);
	for (size_t i = 0, covered = 0; i < c.n; i++) {
		const struct bg_result *r = &c.results[i];

		assert_true(r->vs_shift);
		assert_true(fabs(r->change.estimate - 0.3) < 0.05);   /* its own change stays */
		assert_true(fabs(r->change_vs_shift.estimate) < 0.05);
		covered += r->change_vs_shift.ci.lo < 0 && r->change_vs_shift.ci.hi > 0;
		if (i == c.n - 1 && covered < NB - 3)
			fail_msg("%zu of %d intervals relative to the shift hold 0", covered, NB);
	}
	assert_non_null(strstr(c.noise_note, "unknown"));
	bg_comparison_release(&c);
	/* --no-shift: today's verdicts, every benchmark a regression */
	assert_int_equal(run(&c, &base, &cur, NULL, 0), 0);
	assert_false(c.shift.active);
	assert_int_equal(c.counts[BG_REGRESSION], NB);
	assert_false(c.results[0].vs_shift);
	bg_comparison_release(&c);
	bg_resultset_release(&base);
	bg_resultset_release(&cur);
}

/* 3 of 20 benchmarks 40% slower on a machine 10% faster: those 3 regress, relative to it. */
static void test_three_changed(void **state)
{
	struct bg_resultset base, cur;
	struct bg_comparison c;

	(void)state;
	sides(&base, &cur, NB, 0.9, 3, 1.4, SEED + 1);
	assert_int_equal(run(&c, &base, &cur, NULL, 1), 0);
	assert_true(fabs(c.shift.estimate + 0.1) < 0.02);
	for (size_t i = 0; i < c.n; i++)
		assert_int_equal(c.results[i].verdict, i < 3 ? BG_REGRESSION : BG_PASS);
	assert_true(c.failed);
	bg_comparison_release(&c);
	bg_resultset_release(&base);
	bg_resultset_release(&cur);
}

/*
 * With history: each result's noise is history's, its interval wider than the samples'
 * alone; the machine-wide shift of +60% is judged against the shared spread (about 10%)
 * and fails; a shift of +5% passes.
 */
static void test_history(void **state)
{
	struct bg_resultset base, cur;
	struct bg_comparison c, plain;
	struct bg_hist h;

	(void)state;
	history(&h, 20, SEED + 2);
	sides(&base, &cur, NB, 1.6, 0, 1, SEED + 3);
	assert_int_equal(run(&plain, &base, &cur, NULL, 0), 0);
	assert_int_equal(run(&c, &base, &cur, &h, 1), 0);
	for (size_t i = 0; i < c.n; i++) {
		const struct bg_result *r = &c.results[i], *p = &plain.results[i];

		assert_int_equal(r->noise.source, BG_NOISE_HISTORY);
		assert_int_equal(r->noise.n, 20);
		if (!(r->noise.sd > 0.05 && r->noise.sd < 0.2))
			fail_msg("%s: history sd %g", r->bench, r->noise.sd);
		assert_true(r->change.estimate == p->change.estimate);
		assert_true(r->change.ci.lo < p->change.ci.lo && r->change.ci.hi > p->change.ci.hi);
	}
	assert_int_equal(c.shift.noise.source, BG_NOISE_HISTORY);
	assert_true(isfinite(c.shift.baseline_offset));
	assert_int_equal(c.shift.verdict, BG_REGRESSION);
	assert_true(c.failed);
	assert_non_null(strstr(c.noise_note, "20 notes on main"));
	bg_comparison_release(&c);
	bg_comparison_release(&plain);
	bg_resultset_release(&base);
	bg_resultset_release(&cur);

	sides(&base, &cur, NB, 1.05, 0, 1, SEED + 4);
	assert_int_equal(run(&c, &base, &cur, &h, 1), 0);
	assert_int_equal(c.shift.verdict, BG_PASS);
	assert_false(c.failed);
	bg_comparison_release(&c);
	bg_resultset_release(&base);
	bg_resultset_release(&cur);
	bg_hist_release(&h);
}

/* Too few notes (4): no history noise, and it says so. Fewer than 5 results: no shift. */
static void test_too_little(void **state)
{
	struct bg_resultset base, cur;
	struct bg_comparison c;
	struct bg_hist h;

	(void)state;
	history(&h, 4, SEED + 5);
	sides(&base, &cur, NB, 1.0, 0, 1, SEED + 6);
	assert_int_equal(run(&c, &base, &cur, &h, 1), 0);
	assert_int_equal(c.results[0].noise.source, BG_NOISE_UNKNOWN);
	assert_non_null(strstr(c.noise_note, "fewer than 5 notes"));
	bg_comparison_release(&c);
	bg_hist_release(&h);
	bg_resultset_release(&base);
	bg_resultset_release(&cur);
	sides(&base, &cur, 4, 1.0, 0, 1, SEED + 6);
	assert_int_equal(run(&c, &base, &cur, NULL, 1), 0);
	assert_false(c.shift.active);
	assert_false(c.results[0].vs_shift);
	bg_comparison_release(&c);
	bg_resultset_release(&base);
	bg_resultset_release(&cur);
}

/* Six results that go their own ways: no shift applied, each judged on its own change. */
static void test_not_together(void **state)
{
	static const double f[] = { 1.4, 1.01, 0.6, 1.3, 1.0, 1.2 };
	struct bg_resultset base, cur;
	struct bg_comparison c;
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);

	(void)state;
	gsl_rng_set(rng, SEED + 7);
	bg_resultset_init(&base);
	bg_resultset_init(&cur);
	for (size_t b = 0; b < 6; b++) {
		char name[32];

		snprintf(name, sizeof(name), "b%zu", b);
		for (int s = 0; s < 2; s++) {
			struct bg_metric *m = bg_bench_metric(bg_resultset_bench(s ? &cur : &base, name),
							      "time", "ns", BG_DIR_LOWER);

			for (int k = 0; k < 10; k++)
				bg_metric_add(m, 100 * (s ? f[b] : 1) * exp(gsl_ran_gaussian(rng, 0.02)), 0);
		}
	}
	assert_int_equal(run(&c, &base, &cur, NULL, 1), 0);
	assert_true(c.shift.active);
	assert_false(c.shift.applied);
	assert_true(c.shift.p_shared >= 0.05);
	assert_int_equal(c.shift.verdict, BG_PASS);
	assert_non_null(strstr(c.shift.reason, "do not move together"));
	assert_int_equal(c.results[0].verdict, BG_REGRESSION);
	assert_int_equal(c.results[2].verdict, BG_IMPROVEMENT);
	assert_int_equal(c.results[3].verdict, BG_REGRESSION);
	assert_false(c.results[0].vs_shift);
	bg_comparison_release(&c);
	bg_resultset_release(&base);
	bg_resultset_release(&cur);
	gsl_rng_free(rng);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_slow_machine_no_history),
		cmocka_unit_test(test_three_changed),
		cmocka_unit_test(test_history),
		cmocka_unit_test(test_too_little),
		cmocka_unit_test(test_not_together),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
