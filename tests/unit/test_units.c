/* Tests for src/core/units.c and src/gate/summary_only.c: unit families, alignment, summary-only verdicts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "benchgate/gate.h"
#include "benchgate/units.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static void test_factor(void **state)
{
	static const struct {
		const char *from, *to;
		double factor;   /* 0: they do not convert */
	} cases[] = {
		{ "ns", "ns", 1 }, { "ns", "s", 1e-9 }, { "s", "ms", 1e3 }, { "us", "ms", 1e-3 },
		{ "\xC2\xB5s", "us", 1 }, { "second", "ns", 1e9 }, { "ms", "s", 1e-3 },
		{ "B", "KB", 1e-3 }, { "MB", "B", 1e6 }, { "KiB", "B", 1024 }, { "GiB", "MiB", 1024 },
		{ "MB/s", "GB/s", 1e-3 }, { "B/s", "MB/s", 1e-6 }, { "ops/ms", "ops/s", 1e3 },
		{ "tokens/s", "tokens/ms", 1e-3 }, { "ns/op", "us/op", 1e-3 }, { "B/op", "KB/op", 1e-3 },
		{ "tok/s", "tok/s", 1 }, { "", "", 1 },
		{ "ns", "B", 0 }, { "ops/s", "items/s", 0 }, { "ms", "ms/op", 0 }, { "s/B", "s/KB", 0 },
		{ "ns/op", "ns/iter", 0 }, { "count", "", 0 }, { "MB/s", "MB", 0 }, { "/s", "/s", 1 },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		double f = -1;
		int r = bg_unit_factor(&f, cases[i].from, cases[i].to);

		if (cases[i].factor == 0) {
			if (r == 0)
				fail_msg("'%s' -> '%s' converted (%g)", cases[i].from, cases[i].to, f);
			continue;
		}
		if (r < 0)
			fail_msg("'%s' -> '%s' did not convert", cases[i].from, cases[i].to);
		assert_close(f, cases[i].factor, 1e-15);
	}
}

static struct bg_metric *add(struct bg_resultset *rs, const char *bench, const char *metric,
			     const char *unit)
{
	return bg_bench_metric(bg_resultset_bench(rs, bench), metric, unit, BG_DIR_LOWER);
}

static void test_align(void **state)
{
	struct bg_resultset base, cur;
	struct bg_metric *m, *s, *x;

	(void)state;
	bg_resultset_init(&base);
	bg_resultset_init(&cur);
	bg_metric_add(add(&base, "a", "time", "us"), 1, 0);
	bg_metric_add(add(&base, "b", "size", "B"), 1, 0);
	bg_metric_add(add(&base, "c", "time", "ns"), 1, 0);
	m = add(&cur, "a", "time", "s");
	bg_metric_add(m, 1.5, 0);
	bg_metric_add(m, 0.000123, 0);
	s = add(&cur, "b", "size", "KiB");
	s->summary.present = 1;
	s->summary.median = 2;
	s->summary.p95 = NAN;
	x = add(&cur, "c", "time", "B");   /* does not convert: left for bg_compare */
	bg_metric_add(x, 7, 0);
	bg_units_align(&cur, &base);
	m = bg_bench_find(bg_resultset_find(&cur, "a"), "time");
	assert_string_equal(m->unit, "us");
	/* Scaled by exact powers: 1.5 s is 1500000 us exactly, 0.000123 s is 123 us. */
	assert_true(m->samples[0] == 1500000);
	assert_true(m->samples[1] == 0.000123 * 1000000);
	s = bg_bench_find(bg_resultset_find(&cur, "b"), "size");
	assert_string_equal(s->unit, "B");
	assert_true(s->summary.median == 2048);
	assert_true(isnan(s->summary.p95));
	x = bg_bench_find(bg_resultset_find(&cur, "c"), "time");
	assert_string_equal(x->unit, "B");
	assert_true(x->samples[0] == 7);
	bg_resultset_release(&base);
	bg_resultset_release(&cur);
}

/* A result comparing two summaries: median b against c, n samples and one run each. */
static void result(struct bg_result *r, double b, double c, size_t n, enum bg_direction dir)
{
	memset(r, 0, sizeof(*r));
	r->direction = dir;
	r->statistic = BG_STAT_MEDIAN;
	r->threshold = 0.2;
	r->has_base = r->has_cur = 1;
	r->base.median = b;
	r->cur.median = c;
	r->base.p95 = r->cur.p95 = NAN;
	/* No mean or standard deviation given: the median alone (Welch's cases are below). */
	r->base.mean = r->cur.mean = r->base.stddev = r->cur.stddev = NAN;
	r->base.n = r->cur.n = n;
	r->base.runs = r->cur.runs = 5;
}

static void test_verdicts(void **state)
{
	static const struct {
		double b, c;
		size_t n;
		enum bg_direction dir;
		int official;
		enum bg_verdict want;
		const char *note;
	} cases[] = {
		{ 100, 130, 0, BG_DIR_LOWER, 0, BG_REGRESSION, "summary only: no interval, no p-value; verdict on the median alone" },
		{ 100, 110, 0, BG_DIR_LOWER, 0, BG_PASS, NULL },
		{ 100, 70, 0, BG_DIR_LOWER, 0, BG_IMPROVEMENT, NULL },
		{ 100, 70, 0, BG_DIR_HIGHER, 0, BG_REGRESSION, NULL },
		{ 100, 130, 0, BG_DIR_HIGHER, 0, BG_IMPROVEMENT, NULL },
		{ 0, 1, 0, BG_DIR_LOWER, 0, BG_INCONCLUSIVE, "summary only: the baseline median is zero: no relative change" },
		{ 100, 100, 2, BG_DIR_LOWER, 0, BG_INSUFFICIENT, "summary only: 2 samples on the baseline side, smoke mode requires 3" },
		{ NAN, 100, 0, BG_DIR_LOWER, 0, BG_INSUFFICIENT, "summary only: no median on the baseline side" },
		/* Official: never a strict pass without an interval. */
		{ 100, 100.5, 500, BG_DIR_LOWER, 1, BG_INCONCLUSIVE, "summary only: no interval, so official mode cannot show the median within 2%" },
		{ 100, 103, 500, BG_DIR_LOWER, 1, BG_REGRESSION, NULL },
		{ 100, 90, 500, BG_DIR_LOWER, 1, BG_INCONCLUSIVE, NULL },
		{ 100, 100, 0, BG_DIR_LOWER, 1, BG_INSUFFICIENT, "summary only: unknown sample count on the baseline side, official mode requires 100" },
	};
	struct bg_config cfg;

	(void)state;
	bg_config_init(&cfg);
	for (size_t i = 0; i < NELEM(cases); i++) {
		struct bg_mode *mode = &cfg.modes[cases[i].official];
		struct bg_result r;

		result(&r, cases[i].b, cases[i].c, cases[i].n, cases[i].dir);
		r.threshold = mode->threshold;
		assert_int_equal(bg_compare_summary(&r, mode, 0.95), 0);
		if (r.verdict != cases[i].want)
			fail_msg("case %zu: %s, want %s", i, bg_verdict_name(r.verdict),
				 bg_verdict_name(cases[i].want));
		assert_true(isnan(r.p_value));
		assert_true(isnan(r.change.ci.lo) && isnan(r.change.ci.hi));
		assert_non_null(r.note);
		assert_non_null(strstr(r.note, "summary only"));
		if (cases[i].note && strcmp(r.note, cases[i].note))
			fail_msg("case %zu: note '%s'", i, r.note);
		if (!isnan(cases[i].b) && cases[i].b != 0 && r.verdict != BG_INSUFFICIENT)
			assert_close(r.change.estimate, (cases[i].c - cases[i].b) / cases[i].b, 1e-15);
		free(r.note);
	}
	bg_config_release(&cfg);
}

/* Through bg_compare: a summary-only side and a sampled side meet on the summaries. */
static void test_compare_mixed(void **state)
{
	struct bg_resultset base, cur;
	struct bg_config cfg;
	struct bg_comparison c;
	struct bg_error err = { 0 };
	struct bg_metric *m;

	(void)state;
	bg_config_init(&cfg);
	bg_resultset_init(&base);
	bg_resultset_init(&cur);
	bg_comparison_init(&c);
	m = add(&base, "a", "time", "ms");
	m->summary.present = 1;
	m->summary.runs = 1;
	m->summary.median = 10;
	m->summary.mean = m->summary.p95 = m->summary.p99 = m->summary.stddev = NAN;
	m->summary.min = m->summary.max = NAN;
	m = add(&cur, "a", "time", "ms");
	for (int i = 0; i < 5; i++)
		bg_metric_add(m, 13 + i, 0);   /* median 15: +50% */
	assert_int_equal(bg_compare(&c, &base, &cur, &cfg, &cfg.modes[0], &err), 0);
	assert_int_equal(c.n, 1);
	assert_int_equal(c.results[0].verdict, BG_REGRESSION);
	assert_close(c.results[0].change.estimate, 0.5, 1e-15);
	assert_int_equal(c.results[0].base.n, 0);
	assert_int_equal(c.results[0].cur.n, 5);
	assert_true(c.failed);
	bg_comparison_release(&c);
	bg_resultset_release(&base);
	bg_resultset_release(&cur);
	bg_config_release(&cfg);
}

/*
 * Summaries with mean, standard deviation and count: Welch's t on the mean. Expected
 * values from R 4.2 (r-base-core), the documented formula computed apart:
 *   log scale (both means > 0): vb <- sb^2/(nb*mb^2); vc <- sc^2/(nc*mc^2);
 *     df <- (vb+vc)^2/(vb^2/(nb-1)+vc^2/(nc-1)); se <- sqrt(vb+vc); d <- log(mc/mb);
 *     exp(d) - 1, exp(d -+ qt(0.975, df)*se) - 1, 2*pt(-abs(d)/se, df)
 *   linear (a mean of 0): vb <- sb^2/nb ...; d <- mc-mb; d/mb, (d -+ q*se)/mb
 */
static void test_welch_from_summaries(void **state)
{
	static const struct {
		double mb, sb, mc, sc;
		size_t nb, nc;
		double est, lo, hi, p;
	} cases[] = {
		/* Catch2's sort 1000 against its run with 50% more work (tests/data/catch2). */
		{ 16128.2, 3004.55, 27536.8, 6342.88, 100, 100, 0.70736970027653423,
		  0.61045693606612073, 0.81011440178161709, 4.5454081615862887e-43 },
		{ 0.5165, 0.3957, 0.5268, 0.41, 40, 40, 0.019941916747338029,
		  -0.27676762223461804, 0.43837796193867762, 0.90925278454551606 },
		{ 10, 1, 12, 4, 5, 30, 0.19999999999999996, 0.026065776107704108,
		  0.40341879977960193, 0.024502329747974238 },
		{ 10, 1, 0, 0, 5, 8, -1, -1.1241663998203764, -0.87583360017962364,
		  2.368332803706707e-05 },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		struct bg_change ch;

		bg_change_means(&ch, cases[i].mb, cases[i].sb, cases[i].nb, cases[i].mc, cases[i].sc,
				cases[i].nc, 0.95);
		assert_close(ch.estimate, cases[i].est, 1e-12);
		assert_close(ch.ci.lo, cases[i].lo, 1e-9);
		assert_close(ch.ci.hi, cases[i].hi, 1e-9);
		assert_close(ch.p_value, cases[i].p, 1e-9 * cases[i].p + 1e-300);
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The same test from a summary as from the samples it summarises (bg_change_compute). */
static void test_welch_matches_samples(void **state)
{
	double x[] = { 3.1, 2.9, 3.4, 3.0, 2.7, 3.3, 3.8, 2.95 };
	double y[] = { 4.0, 3.6, 4.4, 3.9, 4.8, 3.7 };
	size_t nx = NELEM(x), ny = NELEM(y);
	struct bg_change a, b;

	(void)state;
	qsort(x, nx, sizeof(x[0]), cmp_double);
	qsort(y, ny, sizeof(y[0]), cmp_double);
	bg_change_compute(&a, BG_STAT_MEAN, x, nx, y, ny, 0.95);
	bg_change_means(&b, bg_mean(x, nx), bg_sd_m(x, nx, bg_mean(x, nx)), nx, bg_mean(y, ny),
			bg_sd_m(y, ny, bg_mean(y, ny)), ny, 0.95);
	assert_close(a.estimate, b.estimate, 1e-14);
	assert_close(a.ci.lo, b.ci.lo, 1e-14);
	assert_close(a.ci.hi, b.ci.hi, 1e-14);
	assert_close(a.p_value, b.p_value, 1e-14);
	/* One sample a side, or no standard deviation: the estimate, no interval. */
	bg_change_means(&b, 10, 1, 1, 12, 1, 5, 0.95);
	assert_close(b.estimate, 0.2, 1e-15);
	assert_true(isinf(b.ci.lo) && isinf(b.ci.hi) && isnan(b.p_value));
	bg_change_means(&b, 10, NAN, 5, 12, 1, 5, 0.95);
	assert_true(isinf(b.ci.lo) && isnan(b.p_value));
}

/* Make m a summary of count samples: mean, median, stddev (NAN: not given). */
static void set_summary(struct bg_metric *m, double mean, double median, double sd, size_t count)
{
	m->summary.present = 1;
	m->summary.mean = mean;
	m->summary.median = median;
	m->summary.stddev = sd;
	m->summary.p95 = m->summary.p99 = m->summary.min = m->summary.max = NAN;
	m->summary.count = count;
	m->summary.runs = 1;
}

/* bg_compare_summary: Welch's test when it can, judged by bg_compare as any other. */
static void test_summary_welch_verdicts(void **state)
{
	struct bg_config cfg;
	struct bg_resultset base, cur;
	struct bg_comparison c;
	struct bg_error err;

	(void)state;
	bg_config_init(&cfg);
	bg_resultset_init(&base);
	bg_resultset_init(&cur);
	bg_comparison_init(&c);
	base.source = bg_strdup("b");
	cur.source = bg_strdup("c");
	set_summary(add(&base, "sort", "time", "ns"), 16128.2, NAN, 3004.55, 100);
	set_summary(add(&cur, "sort", "time", "ns"), 27536.8, NAN, 6342.88, 100);
	set_summary(add(&base, "same", "time", "ns"), 16128.2, NAN, 3004.55, 100);
	set_summary(add(&cur, "same", "time", "ns"), 16128.2, NAN, 3004.55, 100);
	set_summary(add(&base, "nosd", "time", "ns"), 16128.2, 16000, NAN, 100);
	set_summary(add(&cur, "nosd", "time", "ns"), 16128.2, 16000, NAN, 100);
	assert_int_equal(bg_compare(&c, &base, &cur, &cfg, &cfg.modes[0], &err), 0);
	assert_int_equal(c.n, 3);
	for (size_t i = 0; i < c.n; i++) {
		const struct bg_result *r = &c.results[i];

		assert_non_null(strstr(r->note, "summary only"));
		if (!strcmp(r->bench, "sort")) {
			assert_int_equal(r->verdict, BG_REGRESSION);
			assert_int_equal(r->statistic, BG_STAT_MEAN);
			assert_true(r->summary_test);
			assert_close(r->change.ci.lo, 0.61045693606612073, 1e-9);
			assert_true(r->p_value < 1e-40);
		} else if (!strcmp(r->bench, "same")) {
			assert_int_equal(r->verdict, BG_PASS);
			assert_close(r->p_value, 1, 1e-15);
			assert_true(r->change.ci.lo < 0 && r->change.ci.hi > 0);
		} else {
			/* No standard deviation: the median alone, as before. */
			assert_false(r->summary_test);
			assert_int_equal(r->statistic, BG_STAT_MEDIAN);
			assert_true(isnan(r->p_value));
			assert_int_equal(r->verdict, BG_PASS);
		}
	}
	assert_false(c.failed == 0);
	bg_comparison_release(&c);
	bg_resultset_release(&base);
	bg_resultset_release(&cur);
	bg_config_release(&cfg);
}

/* A config rule that chooses the median keeps it: the point comparison, no Welch. */
static void test_summary_median_rule(void **state)
{
	struct bg_config cfg;
	struct bg_resultset base, cur;
	struct bg_comparison c;
	struct bg_error err;
	const struct bg_result *r;

	(void)state;
	bg_config_init(&cfg);
	cfg.rules = bg_calloc(1, sizeof(*cfg.rules));
	cfg.nrules = 1;
	cfg.rules[0].has_statistic = 1;
	cfg.rules[0].statistic = BG_STAT_MEDIAN;
	cfg.rules[0].threshold = NAN;
	bg_resultset_init(&base);
	bg_resultset_init(&cur);
	bg_comparison_init(&c);
	base.source = bg_strdup("b");
	cur.source = bg_strdup("c");
	set_summary(add(&base, "sort", "time", "ns"), 16128.2, 16000, 3004.55, 100);
	set_summary(add(&cur, "sort", "time", "ns"), 27536.8, 17000, 6342.88, 100);
	assert_int_equal(bg_compare(&c, &base, &cur, &cfg, &cfg.modes[0], &err), 0);
	r = &c.results[0];
	assert_false(r->summary_test);
	assert_int_equal(r->statistic, BG_STAT_MEDIAN);
	assert_close(r->change.estimate, 1000.0 / 16000, 1e-15);
	assert_int_equal(r->verdict, BG_PASS);
	assert_true(isnan(r->p_value));
	bg_comparison_release(&c);
	bg_resultset_release(&base);
	bg_resultset_release(&cur);
	bg_config_release(&cfg);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_factor),
		cmocka_unit_test(test_align),
		cmocka_unit_test(test_verdicts),
		cmocka_unit_test(test_compare_mixed),
		cmocka_unit_test(test_welch_from_summaries),
		cmocka_unit_test(test_welch_matches_samples),
		cmocka_unit_test(test_summary_welch_verdicts),
		cmocka_unit_test(test_summary_median_rule),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
