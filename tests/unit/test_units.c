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
		bg_compare_summary(&r, mode);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_factor),
		cmocka_unit_test(test_align),
		cmocka_unit_test(test_verdicts),
		cmocka_unit_test(test_compare_mixed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
