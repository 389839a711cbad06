/* Tests for src/input/pyperf.c: each pyperf run is a run; warmups and calibration runs left out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "benchgate/input.h"

static int read_pyperf(struct bg_resultset *rs, const char *text, struct bg_error *err)
{
	const struct bg_reader *r = bg_reader_find("pyperf");

	assert_non_null(r);
	return r->read(rs, "p.json", text, strlen(text), rs->nruns, err);
}

static void test_fixture(void **state)
{
	struct bg_resultset rs;
	struct bg_error err = { 0 };
	json_error_t je;
	json_t *doc = json_load_file("tests/data/pyperf/base.json", 0, &je), *runs, *r;
	struct bg_metric *m;
	size_t i, k = 0, withvalues = 0;

	(void)state;
	assert_non_null(doc);
	bg_resultset_init(&rs);
	assert_int_equal(bg_input_read(&rs, "tests/data/pyperf/base.json", NULL, &err), 0);
	assert_int_equal(rs.nbenches, 2);
	m = bg_bench_find(&rs.benches[0], "time");
	assert_string_equal(m->unit, "s");
	/* Every value of every run with values, in order; no warmup. */
	runs = json_object_get(json_array_get(json_object_get(doc, "benchmarks"), 0), "runs");
	json_array_foreach(runs, i, r) {
		json_t *values = json_object_get(r, "values");

		withvalues += values != NULL;
		for (size_t j = 0; j < json_array_size(values); j++, k++)
			assert_true(m->samples[k] == json_real_value(json_array_get(values, j)));
	}
	assert_int_equal(m->n, k);
	assert_int_equal(bg_metric_runs(m), (int)withvalues);
	assert_int_equal(rs.nruns, (int)withvalues);
	json_decref(doc);
	bg_resultset_release(&rs);
}

static void test_units_and_runs(void **state)
{
	static const char text[] =
		"{\"version\": \"1.0\", \"metadata\": {\"unit\": \"byte\", \"name\": \"mem\"},"
		" \"benchmarks\": [{\"metadata\": {}, \"runs\": ["
		"{\"metadata\": {}, \"warmups\": [[1, 1e9]]},"
		"{\"metadata\": {}, \"warmups\": [[1, 1e9]], \"values\": [10, 11]},"
		"{\"metadata\": {}, \"values\": [12]}]}]}";
	struct bg_resultset rs;
	struct bg_error err = { 0 };
	struct bg_metric *m;

	(void)state;
	bg_resultset_init(&rs);
	rs.nruns = 4;
	assert_int_equal(read_pyperf(&rs, text, &err), 2);
	m = bg_bench_find(bg_resultset_find(&rs, "mem"), "memory");
	assert_non_null(m);
	assert_string_equal(m->unit, "B");
	assert_int_equal(m->n, 3);
	assert_int_equal(m->runs[0], 4);
	assert_int_equal(m->runs[2], 5);
	bg_resultset_release(&rs);
}

static void test_errors(void **state)
{
	static const struct {
		const char *text, *msg;
	} cases[] = {
		{ "{\"metadata\": {}, \"benchmarks\": [{\"metadata\": {}, \"runs\": []}]}",
		  "p.json:1:33: benchmarks[0] has no \"name\" in its metadata" },
		{ "{\"metadata\": {}, \"benchmarks\": [{\"metadata\": {\"name\": \"a\"}, \"runs\": [{\"values\": [1, null]}]}]}",
		  "p.json:1:85: value 2 of run 1 of 'a' is null, not a number" },
		{ "{\"metadata\": {\"unit\": 3}, \"benchmarks\": [{\"metadata\": {\"name\": \"a\"}, \"runs\": []}]}",
		  "p.json:1:42: unit of 'a' must be \"second\", \"byte\" or \"integer\"" },
		{ "{\"metadata\": {}, \"benchmarks\": {}}", "p.json:1:32: \"benchmarks\" must be a list" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct bg_resultset rs;
		struct bg_error err = { 0 };

		bg_resultset_init(&rs);
		assert_int_equal(read_pyperf(&rs, cases[i].text, &err), -1);
		if (strcmp(err.msg, cases[i].msg))
			fail_msg("case %zu:\n  got  %s\n  want %s", i, err.msg, cases[i].msg);
		bg_resultset_release(&rs);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixture),
		cmocka_unit_test(test_units_and_runs),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
