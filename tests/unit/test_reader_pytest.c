/* Tests for src/input/pytest.c on pytest-benchmark 3.2.2's own output (tests/data/pytest-benchmark). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "benchgate/input.h"

#define PB "tests/data/pytest-benchmark/"

/* The fixture's own stats object of benchmark i, read with jansson directly. */
static json_t *fixture_stats(const char *path, size_t i, json_t **doc)
{
	json_error_t je;

	*doc = json_load_file(path, 0, &je);
	assert_non_null(*doc);
	return json_object_get(json_array_get(json_object_get(*doc, "benchmarks"), i), "stats");
}

static void test_samples(void **state)
{
	struct bg_resultset rs;
	struct bg_error err = { 0 };
	json_t *doc, *stats = fixture_stats(PB "run1.json", 0, &doc), *data;
	struct bg_metric *m;

	(void)state;
	bg_resultset_init(&rs);
	assert_int_equal(bg_input_read(&rs, PB "run1.json", NULL, &err), 0);
	assert_int_equal(rs.nbenches, 2);
	assert_string_equal(rs.benches[0].name, "test_tiny.py::test_sort_small");
	m = bg_bench_find(&rs.benches[0], "time");
	assert_non_null(m);
	assert_string_equal(m->unit, "s");
	assert_int_equal(m->direction, BG_DIR_LOWER);
	assert_false(bg_metric_summary_only(m));
	data = json_object_get(stats, "data");
	assert_int_equal(m->n, json_array_size(data));
	for (size_t i = 0; i < m->n; i++)
		assert_true(m->samples[i] == json_real_value(json_array_get(data, i)));
	assert_non_null(json_object_get(rs.environment, "machine_info"));
	assert_non_null(json_object_get(rs.environment, "commit_info"));
	json_decref(doc);
	/* A second file is a second run of the same benchmarks. */
	assert_int_equal(bg_input_read(&rs, PB "run2.json", NULL, &err), 0);
	assert_int_equal(rs.nbenches, 2);
	assert_int_equal(bg_metric_runs(bg_bench_find(&rs.benches[0], "time")), 2);
	bg_resultset_release(&rs);
}

static void test_summary_only(void **state)
{
	struct bg_resultset rs;
	struct bg_error err = { 0 };
	json_t *doc, *stats = fixture_stats(PB "saved-no-data.json", 1, &doc);
	struct bg_metric *m;

	(void)state;
	bg_resultset_init(&rs);
	assert_int_equal(bg_input_read(&rs, PB "saved-no-data.json", NULL, &err), 0);
	m = bg_bench_find(&rs.benches[1], "time");
	assert_true(bg_metric_summary_only(m));
	assert_int_equal(m->n, 0);
	assert_true(m->summary.median == json_real_value(json_object_get(stats, "median")));
	assert_true(m->summary.mean == json_real_value(json_object_get(stats, "mean")));
	assert_true(m->summary.stddev == json_real_value(json_object_get(stats, "stddev")));
	assert_int_equal(m->summary.count, json_integer_value(json_object_get(stats, "rounds")));
	assert_true(isnan(m->summary.p95) && isnan(m->summary.p99));
	json_decref(doc);
	/* Samples and a summary of one benchmark do not merge. */
	assert_int_equal(bg_input_read(&rs, PB "run1.json", NULL, &err), -1);
	assert_non_null(strstr(err.msg, "has only a summary in an earlier input"));
	bg_resultset_release(&rs);
}

static void test_bad(void **state)
{
	static const struct {
		const char *path, *msg;
	} cases[] = {
		{ PB "bad/string-sample.json", PB "bad/string-sample.json:3:42: sample 2 of 'time' in 't.py::test_a' is a string, not a number" },
		{ PB "bad/no-stats.json", PB "bad/no-stats.json:2:17: 't.py::test_a' has no \"stats\" object" },
		{ PB "bad/duplicate.json", PB "bad/duplicate.json:3:17: benchmark 't.py::test_a' is in the file twice" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct bg_resultset rs;
		struct bg_error err = { 0 };

		bg_resultset_init(&rs);
		assert_int_equal(bg_input_read(&rs, cases[i].path, NULL, &err), -1);
		assert_int_equal(err.code, BG_EXIT_INPUT);
		assert_string_equal(err.msg, cases[i].msg);
		bg_resultset_release(&rs);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_samples),
		cmocka_unit_test(test_summary_only),
		cmocka_unit_test(test_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
