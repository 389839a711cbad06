/* Tests for src/gate/budget.c: the config's budgets and targets, and how they are judged. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "benchgate/budget.h"
#include "benchgate/policy.h"

static void test_config_good(void **state)
{
	struct bg_config cfg;
	struct bg_error err = { 0 };
	char *path = write_tmp(
		"{\"budgets\": [{\"metric\": \"ttft_ms\", \"statistic\": \"p95\", \"max\": 200},\n"
		"  {\"benchmark\": \"llm/*\", \"metric\": \"tokens_per_sec\", \"min\": 20, \"max\": 90}],\n"
		" \"targets\": [{\"benchmark\": \"engine-a/*\", \"versus\": \"engine-b/*\",\n"
		"  \"metric\": \"ttft_ms\", \"max_ratio\": 1.2}]}\n");
	const struct bg_budget *b;

	(void)state;
	bg_config_init(&cfg);
	assert_int_equal(bg_config_load(&cfg, path, 1, &err), 0);
	assert_non_null(cfg.budgets);
	assert_int_equal(cfg.budgets->n, 3);
	b = &cfg.budgets->v[0];
	assert_false(b->is_target);
	assert_null(b->bench);
	assert_string_equal(b->metric, "ttft_ms");
	assert_int_equal(b->statistic, BG_STAT_P95);
	assert_true(isnan(b->min));
	assert_close(b->max, 200, 0);
	b = &cfg.budgets->v[1];
	assert_string_equal(b->bench, "llm/*");
	assert_int_equal(b->statistic, BG_STAT_MEDIAN);
	assert_close(b->min, 20, 0);
	assert_close(b->max, 90, 0);
	b = &cfg.budgets->v[2];
	assert_true(b->is_target);
	assert_string_equal(b->bench, "engine-a/*");
	assert_string_equal(b->versus, "engine-b/*");
	assert_close(b->max, 1.2, 0);
	assert_true(isnan(b->min));
	bg_config_release(&cfg);
	unlink(path);
	free(path);

	/* No budgets: no struct. */
	path = write_tmp("{\"confidence\": 0.9}\n");
	bg_config_init(&cfg);
	assert_int_equal(bg_config_load(&cfg, path, 1, &err), 0);
	assert_null(cfg.budgets);
	bg_config_release(&cfg);
	unlink(path);
	free(path);
}

static void test_config_errors(void **state)
{
	static const struct {
		const char *json, *msg;
	} cases[] = {
		{ "{\"budgets\": {}}", "1:13: 'budgets' must be a list" },
		{ "{\"budgets\": [3]}", "1:14: a budget must be an object" },
		{ "{\"budgets\": [{\"max\": 1}]}", "1:14: a budget needs 'metric'" },
		{ "{\"budgets\": [{\"metric\": \"t\"}]}", "1:14: a budget needs 'min' or 'max'" },
		{ "{\"budgets\": [{\"metric\": \"t\", \"max\": \"2\"}]}", "1:37: 'max' must be a number" },
		{ "{\"budgets\": [{\"metric\": \"t\", \"max\": 1, \"statistic\": \"p50\"}]}",
		  "1:53: 'statistic' must be \"median\", \"mean\", \"p95\" or \"p99\"" },
		{ "{\"budgets\": [{\"metric\": \"t\", \"max\": 1,\n \"maxx\": 2}]}",
		  "2:2: unknown key 'maxx'" },
		{ "{\"budgets\": [{\"metric\": \"t\", \"min\": 5, \"max\": 1}]}",
		  "1:14: the lower limit 5 is above the upper limit 1" },
		{ "{\"budgets\": [{\"metric\": \"\", \"max\": 1}]}",
		  "1:25: 'metric' must be a non-empty string" },
		{ "{\"targets\": [{\"benchmark\": \"a/*\", \"metric\": \"t\", \"max_ratio\": 1}]}",
		  "1:14: a target needs 'versus'" },
		{ "{\"targets\": [{\"benchmark\": \"a/*\", \"versus\": \"b\", \"metric\": \"t\", \"max_ratio\": 1}]}",
		  "1:45: 'benchmark' and 'versus' must both have one '*' (the part of the names they share) or both none" },
		{ "{\"targets\": [{\"benchmark\": \"a\", \"versus\": \"b\", \"metric\": \"t\", \"min_ratio\": 0}]}",
		  "1:76: 'min_ratio' must be a number above 0" },
		{ "{\"targets\": [{\"benchmark\": \"a\", \"versus\": \"b\", \"metric\": \"t\", \"max\": 2}]}",
		  "1:63: unknown key 'max'" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct bg_config cfg;
		struct bg_error err = { 0 };
		char *path = write_tmp(cases[i].json), *want;

		bg_config_init(&cfg);
		assert_int_equal(bg_config_load(&cfg, path, 1, &err), -1);
		assert_int_equal(err.code, BG_EXIT_INPUT);
		want = bg_asprintf("%s:%s", path, cases[i].msg);
		if (strcmp(err.msg, want))
			fail_msg("case %zu: got '%s', want '%s'", i, err.msg, want);
		free(want);
		bg_config_release(&cfg);
		unlink(path);
		free(path);
	}
}

static void test_counterpart(void **state)
{
	static const struct {
		const char *pattern, *other, *name, *want;
	} cases[] = {
		{ "engine-a/*", "engine-b/*", "engine-a/chat", "engine-b/chat" },
		{ "engine-a/*", "engine-b/*", "engine-a/", "engine-b/" },
		{ "*-cuda", "*-cpu", "llama-7b-cuda", "llama-7b-cpu" },
		{ "a/*/x", "b/*/y", "a/m/n/x", "b/m/n/y" },
		{ "engine-a/*", "engine-b/*", "engine-b/chat", NULL },
		{ "engine-a/*", "engine-b/*", "engine-a", NULL },
		{ "a", "b", "a", "b" },
		{ "a", "b", "ab", NULL },
		{ "a/*", "b", "a/x", NULL },
		{ "a/*/*", "b/*/*", "a/x/y", NULL },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *out = (char *)"sentinel";
		int r = bg_budget_counterpart(&out, cases[i].pattern, cases[i].other, cases[i].name);

		if (cases[i].want) {
			assert_int_equal(r, 0);
			assert_string_equal(out, cases[i].want);
			free(out);
		} else {
			assert_int_equal(r, -1);
			assert_null(out);
		}
	}
}

/* rs with a benchmark "name" holding metric "m" (unit "ms") of x[i] * scale, i = 1..n. */
static void add_bench(struct bg_resultset *rs, const char *name, size_t n, double scale)
{
	struct bg_bench *b = bg_resultset_bench(rs, name);
	struct bg_metric *m = bg_bench_metric(b, "m", "ms", BG_DIR_LOWER);

	for (size_t i = 1; i <= n; i++)
		bg_metric_add(m, (double)i * scale, 0);
}

static struct bg_budget budget(const char *bench, enum bg_statistic st, double min, double max)
{
	struct bg_budget b = { 0 };

	b.bench = (char *)bench;
	b.metric = (char *)"m";
	b.statistic = st;
	b.min = min;
	b.max = max;
	return b;
}

/*
 * Samples 1..100: the median is 50.5 with the order-statistic interval of the
 * summary, about [40, 61]; the mean is 50.5 with Student's t interval 44.74349 ..
 * 56.25651 (R: t.test(1:100)$conf.int).
 */
static void test_judge_budgets(void **state)
{
	static const struct {
		enum bg_statistic st;
		double min, max;
		enum bg_budget_status want;
	} cases[] = {
		{ BG_STAT_MEDIAN, NAN, 70, BG_BUDGET_MET },
		{ BG_STAT_MEDIAN, NAN, 30, BG_BUDGET_MISSED },
		{ BG_STAT_MEDIAN, NAN, 55, BG_BUDGET_INCONCLUSIVE },
		{ BG_STAT_MEDIAN, 30, NAN, BG_BUDGET_MET },
		{ BG_STAT_MEDIAN, 70, NAN, BG_BUDGET_MISSED },
		{ BG_STAT_MEDIAN, 45, NAN, BG_BUDGET_INCONCLUSIVE },
		{ BG_STAT_MEDIAN, 30, 70, BG_BUDGET_MET },
		{ BG_STAT_MEDIAN, 30, 55, BG_BUDGET_INCONCLUSIVE },
		{ BG_STAT_MEAN, NAN, 56.26, BG_BUDGET_MET },
		{ BG_STAT_MEAN, NAN, 56.25, BG_BUDGET_INCONCLUSIVE },
		{ BG_STAT_MEAN, NAN, 44.74, BG_BUDGET_MISSED },
		{ BG_STAT_MEAN, 44.74, NAN, BG_BUDGET_MET },
		{ BG_STAT_P99, NAN, 1000, BG_BUDGET_INCONCLUSIVE },  /* no finite upper bound at n = 100 */
		{ BG_STAT_P99, NAN, 50, BG_BUDGET_MISSED },
	};
	struct bg_resultset rs;

	(void)state;
	bg_resultset_init(&rs);
	add_bench(&rs, "x", 100, 1);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct bg_budget b = budget(NULL, cases[i].st, cases[i].min, cases[i].max);
		struct bg_budgets list = { &b, 1, 1 };
		struct bg_budget_report r;

		bg_budget_report_init(&r);
		bg_budget_evaluate(&r, &list, &rs, 0.95);
		assert_int_equal(r.n, 1);
		if (r.v[0].status != cases[i].want)
			fail_msg("case %zu: %s, want %s (interval %g .. %g)", i,
				 bg_budget_status_name(r.v[0].status),
				 bg_budget_status_name(cases[i].want), r.v[0].ci.lo, r.v[0].ci.hi);
		assert_int_equal(r.counts[cases[i].want], 1);
		if (cases[i].st == BG_STAT_MEAN) {
			assert_close(r.v[0].value, 50.5, 1e-12);
			assert_close(r.v[0].ci.lo, 44.74349, 1e-6);
			assert_close(r.v[0].ci.hi, 56.25651, 1e-6);
		}
		assert_int_equal(bg_budget_failed(&r, 0), cases[i].want == BG_BUDGET_MISSED);
		assert_int_equal(bg_budget_failed(&r, 1), cases[i].want != BG_BUDGET_MET);
		bg_budget_report_release(&r);
	}
	bg_resultset_release(&rs);
}

static void test_judge_targets(void **state)
{
	struct bg_resultset rs;
	struct bg_budget t[3] = { budget("a/*", BG_STAT_MEDIAN, NAN, 3),
				  budget("a/*", BG_STAT_MEDIAN, NAN, 1.5),
				  budget("a/*", BG_STAT_MEDIAN, 1.9, 2.1) };
	struct bg_budgets list = { t, 3, 3 };
	struct bg_budget_report r;

	(void)state;
	for (int i = 0; i < 3; i++) {
		t[i].is_target = 1;
		t[i].versus = (char *)"b/*";
	}
	bg_resultset_init(&rs);
	add_bench(&rs, "a/one", 100, 2);     /* twice b/one */
	add_bench(&rs, "b/one", 100, 1);
	add_bench(&rs, "a/two", 100, 1);     /* no b/two: not judged */
	bg_budget_report_init(&r);
	bg_budget_evaluate(&r, &list, &rs, 0.95);
	assert_int_equal(r.n, 3);
	for (int i = 0; i < 3; i++) {
		assert_string_equal(r.v[i].bench, "a/one");
		assert_string_equal(r.v[i].versus, "b/one");
		assert_close(r.v[i].value, 2, 1e-12);
		assert_true(r.v[i].ci.lo < 2 && r.v[i].ci.hi > 2);
	}
	assert_int_equal(r.v[0].status, BG_BUDGET_MET);
	assert_int_equal(r.v[1].status, BG_BUDGET_MISSED);
	/* 1.9 .. 2.1 is narrower than the ratio interval at n = 100, about 1.52 .. 2.64. */
	assert_int_equal(r.v[2].status, BG_BUDGET_INCONCLUSIVE);
	assert_int_equal(r.warnings.n, 0);
	bg_budget_report_release(&r);
	bg_resultset_release(&rs);
}

static void test_no_match_warns(void **state)
{
	struct bg_resultset rs;
	struct bg_budget b[2] = { budget("nothing/*", BG_STAT_MEDIAN, NAN, 1),
				  budget("x/*", BG_STAT_MEDIAN, NAN, 1) };
	struct bg_budgets list = { b, 2, 2 };
	struct bg_budget_report r;

	(void)state;
	b[1].is_target = 1;
	b[1].versus = (char *)"y/*";
	bg_resultset_init(&rs);
	add_bench(&rs, "x/1", 10, 1);
	bg_budget_report_init(&r);
	bg_budget_evaluate(&r, &list, &rs, 0.95);
	assert_int_equal(r.n, 0);
	assert_int_equal(r.warnings.n, 2);
	assert_string_equal(r.warnings.v[0],
			    "budget 1 (benchmark 'nothing/*', metric 'm') matches no benchmark");
	assert_string_equal(r.warnings.v[1],
			    "target 1 ('x/*' versus 'y/*', metric 'm') matches no pair of benchmarks");
	assert_false(bg_budget_failed(&r, 1));
	bg_budget_report_release(&r);
	bg_resultset_release(&rs);
}

static void test_texts(void **state)
{
	struct bg_budget_check c = { 0 };
	char *s;

	(void)state;
	c.statistic = BG_STAT_P95;
	c.unit = (char *)"ms";
	c.min = NAN;
	c.max = 200;
	c.value = 183.24;
	c.ci.lo = 170.1;
	c.ci.hi = INFINITY;
	s = bg_budget_limit_text(&c);
	assert_string_equal(s, "p95 <= 200 ms");
	free(s);
	s = bg_budget_figure_text(&c);
	assert_string_equal(s, "183.2 ms (170.1 .. inf)");
	free(s);
	c.min = 15;
	s = bg_budget_limit_text(&c);
	assert_string_equal(s, "15 ms <= p95 <= 200 ms");
	free(s);
	c.is_target = 1;
	c.statistic = BG_STAT_MEDIAN;
	c.max = NAN;
	c.min = 0.9;
	c.value = 1.1304;
	c.ci.hi = 1.19;
	s = bg_budget_limit_text(&c);
	assert_string_equal(s, "median ratio >= 0.9");
	free(s);
	s = bg_budget_figure_text(&c);
	assert_string_equal(s, "ratio 1.13 (170.1 .. 1.19)");
	free(s);
	assert_string_equal(bg_budget_status_name(BG_BUDGET_INCONCLUSIVE), "inconclusive");
	assert_string_equal(bg_budget_status_name((enum bg_budget_status)9), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_config_good),
		cmocka_unit_test(test_config_errors),
		cmocka_unit_test(test_counterpart),
		cmocka_unit_test(test_judge_budgets),
		cmocka_unit_test(test_judge_targets),
		cmocka_unit_test(test_no_match_warns),
		cmocka_unit_test(test_texts),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
