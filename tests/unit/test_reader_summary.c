/* Tests for src/input/summary.c: summary-only metrics, the names frameworks give statistics. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "benchgate/input.h"

static int read_summary(struct bg_resultset *rs, const char *text, struct bg_error *err)
{
	const struct bg_reader *r = bg_reader_find("summary");

	assert_non_null(r);
	return r->read(rs, "s.json", text, strlen(text), rs->nruns, err);
}

static void test_shapes(void **state)
{
	static const char text[] =
		"{\"benchmarks\": ["
		"{\"name\": \"a\", \"metrics\": {\"latency_ms\": {\"avg\": 2, \"p50\": 1.5, \"p(95)\": 4, \"p99\": 5,"
		" \"std\": 0.5, \"n\": 40, \"min\": 1, \"max\": 6},"
		" \"rps\": {\"mean\": 900, \"unit\": \"req/s\", \"direction\": \"higher\"}}},"
		"{\"name\": \"b\", \"unit\": \"ns\", \"median\": 30, \"count\": 7}]}";
	struct bg_resultset rs;
	struct bg_error err = { 0 };
	struct bg_metric *m;

	(void)state;
	bg_resultset_init(&rs);
	assert_int_equal(read_summary(&rs, text, &err), 1);
	assert_int_equal(rs.nbenches, 2);
	m = bg_bench_find(&rs.benches[0], "latency_ms");
	assert_true(bg_metric_summary_only(m));
	assert_string_equal(m->unit, "ms");
	assert_int_equal(m->direction, BG_DIR_LOWER);
	assert_true(m->summary.mean == 2 && m->summary.median == 1.5 && m->summary.p95 == 4 &&
		    m->summary.p99 == 5 && m->summary.stddev == 0.5 && m->summary.min == 1 &&
		    m->summary.max == 6);
	assert_int_equal(m->summary.count, 40);
	assert_int_equal(m->summary.runs, 1);
	m = bg_bench_find(&rs.benches[0], "rps");
	assert_string_equal(m->unit, "req/s");
	assert_int_equal(m->direction, BG_DIR_HIGHER);
	assert_true(isnan(m->summary.median));
	/* The flat shape: one summary, the metric "time". */
	m = bg_bench_find(&rs.benches[1], "time");
	assert_non_null(m);
	assert_string_equal(m->unit, "ns");
	assert_int_equal(m->direction, BG_DIR_LOWER);
	assert_int_equal(m->summary.count, 7);
	bg_resultset_release(&rs);
}

static void test_errors(void **state)
{
	static const struct {
		const char *text, *msg;
	} cases[] = {
		{ "{\"benchmarks\": [{\"name\": \"a\", \"metrics\": {\"x\": {\"count\": 3}}}]}",
		  "s.json:1:48: summary of 'x' in 'a' has no mean, median, p95 or p99" },
		{ "{\"benchmarks\": [{\"name\": \"a\", \"metrics\": {\"x\": {\"p95\": \"3\"}}}]}",
		  "s.json:1:56: 'p95' of 'x' in 'a' is a string, not a number" },
		{ "{\"benchmarks\": [{\"name\": \"a\", \"metrics\": {\"x\": {\"p95\": 3, \"count\": -1}}}]}",
		  "s.json:1:68: count of 'x' in 'a' must be a whole number >= 0" },
		{ "{\"benchmarks\": [{\"name\": \"a\", \"metrics\": {\"x\": {\"p95\": 3, \"direction\": \"up\"}}}]}",
		  "s.json:1:72: direction of 'x' in 'a' must be \"lower\" or \"higher\"" },
		{ "{\"benchmarks\": [{\"name\": \"a\", \"p95\": 3}, {\"name\": \"a\", \"p95\": 4}]}",
		  "s.json:1:42: 'time' of 'a' has a summary in an earlier input or place: summaries do not merge" },
		{ "{\"benchmarks\": [{\"p95\": 3}]}", "s.json:1:17: benchmarks[0] has no \"name\" string" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct bg_resultset rs;
		struct bg_error err = { 0 };

		bg_resultset_init(&rs);
		assert_int_equal(read_summary(&rs, cases[i].text, &err), -1);
		if (strcmp(err.msg, cases[i].msg))
			fail_msg("case %zu:\n  got  %s\n  want %s", i, err.msg, cases[i].msg);
		bg_resultset_release(&rs);
	}
}

static void test_sniff(void **state)
{
	const struct bg_reader *r = bg_reader_find("summary");
	static const char native[] = "{\"benchmarks\": [{\"name\": \"a\", \"p95\": 1, \"samples\": [1]}]}";
	static const char ok[] = "{\"benchmarks\": [{\"name\": \"a\", \"p95\": 1}]}";

	(void)state;
	assert_true(r->sniff(ok, strlen(ok)));
	assert_false(r->sniff(native, strlen(native)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shapes),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_sniff),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
