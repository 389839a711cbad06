/*
 * Tests for the readers of tinybench, vitest, mitata, benchmark.js (src/input/),
 * Catch2 XML, BMF and cargo bench text: every fixture's sample counts against what the
 * tool wrote (read apart with jansson, or from the XML's attributes), and the errors
 * with their places.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "testutil.h"
#include "benchgate/input.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static int read_as(struct bg_resultset *rs, const char *fmt, const char *text,
		   struct bg_error *err)
{
	const struct bg_reader *r = bg_reader_find(fmt);

	assert_non_null(r);
	return r->read(rs, "t", text, strlen(text), rs->nruns, err);
}

static const struct bg_metric *metric(const struct bg_resultset *rs, const char *bench,
				      const char *name)
{
	const struct bg_bench *b = bg_resultset_find(rs, bench);

	if (!b)
		fail_msg("no benchmark '%s'", bench);
	return bg_bench_find(b, name);
}

/* Read path (sniffed) into rs; it must be read. */
static void read_fixture(struct bg_resultset *rs, const char *path)
{
	struct bg_error err = { 0 };

	bg_resultset_init(rs);
	if (bg_input_read(rs, path, NULL, &err) < 0)
		fail_msg("%s: %s", path, err.msg);
}

/* The samples kept are the tool's: tinybench 2.x and 6.x, benchmark.js, mitata. */
static void test_sample_counts(void **state)
{
	static const struct {
		const char *path, *list_key, *name_key;
		int depth;     /* 0: list of objects; 1: tinybench tasks; 2: mitata */
	} cases[] = {
		{ "tests/data/tinybench/v2-tasks.json", "samples", "name", 1 },
		{ "tests/data/tinybench/v6-samples.json", "samples", "name", 1 },
		{ "tests/data/benchmarkjs/suite.json", "sample", "name", 0 },
		{ "tests/data/mitata/samples.json", "samples", "name", 2 },
	};

	(void)state;
	for (size_t c = 0; c < NELEM(cases); c++) {
		json_error_t je;
		json_t *doc = json_load_file(cases[c].path, 0, &je), *list;
		struct bg_resultset rs;
		size_t checked = 0;

		assert_non_null(doc);
		read_fixture(&rs, cases[c].path);
		list = cases[c].depth == 2 ? json_object_get(doc, "benchmarks") : doc;
		for (size_t i = 0; i < json_array_size(list); i++) {
			json_t *e = json_array_get(list, i), *runs = json_object_get(e, "runs");
			size_t nruns = cases[c].depth == 2 ? json_array_size(runs) : 1;

			for (size_t k = 0; k < nruns; k++) {
				json_t *item = cases[c].depth == 2 ? json_array_get(runs, k) : e, *from;
				const char *name = json_string_value(json_object_get(item, cases[c].name_key));
				char full[256];
				const struct bg_metric *m;

				if (cases[c].depth == 1) {
					from = json_object_get(item, "result");
					if (json_object_get(from, "latency"))
						from = json_object_get(from, "latency");
				} else {
					from = json_object_get(item, "stats");
				}
				snprintf(full, sizeof(full), "%s%s", cases[c].depth == 2 ? "arrays > " : "",
					 name);
				m = metric(&rs, full, "time");
				assert_non_null(m);
				assert_int_equal(m->n, json_array_size(json_object_get(from, cases[c].list_key)));
				assert_true(m->n > 0);
				/* Every value as written, in the tool's unit. */
				for (size_t j = 0; j < m->n; j++)
					assert_true(m->samples[j] ==
						    json_number_value(json_array_get(json_object_get(from, cases[c].list_key), j)));
				checked++;
			}
		}
		assert_true(checked >= 2);
		assert_int_equal(rs.nbenches, checked);
		bg_resultset_release(&rs);
		json_decref(doc);
	}
}

/* Summaries: the count the tool gives is n (tinybench 6, vitest, Catch2). */
static void test_summary_counts(void **state)
{
	struct bg_resultset rs;
	const struct bg_metric *m;

	(void)state;
	read_fixture(&rs, "tests/data/tinybench/v6-summary.json");
	m = metric(&rs, "sort 10000", "time");
	assert_true(bg_metric_summary_only(m));
	assert_int_equal(m->summary.count, 100);   /* latency.samplesCount */
	assert_string_equal(m->unit, "ms");
	assert_true(m->summary.mean > 0 && m->summary.stddev > 0 && m->summary.median > 0);
	bg_resultset_release(&rs);

	read_fixture(&rs, "tests/data/vitest/v4-summary.json");
	m = metric(&rs, "sort.bench.mjs > arrays > sort 10000", "time");
	assert_true(bg_metric_summary_only(m));
	assert_int_equal(m->summary.count, 100);   /* sampleCount */
	assert_true(m->summary.median > 0);
	bg_resultset_release(&rs);

	read_fixture(&rs, "tests/data/catch2/bench.xml");
	assert_int_equal(rs.nbenches, 3);
	m = metric(&rs, "arrays > sort 1000", "time");
	assert_int_equal(m->summary.count, 100);   /* samples="100" */
	assert_true(m->summary.mean == 16128.2 && m->summary.stddev == 3004.55);
	assert_string_equal(m->unit, "ns");
	/* XML entities decoded by expat. */
	assert_non_null(metric(&rs, "arrays > string <concat> & \"escape\"", "time"));
	bg_resultset_release(&rs);

	read_fixture(&rs, "tests/data/libtest/bench.txt");
	m = metric(&rs, "sort_10000", "time");
	assert_true(m->summary.median == 316626.14);   /* "316,626.14 ns/iter" */
	assert_true(isnan(m->summary.mean));
	assert_int_equal(m->summary.count, 0);
	bg_resultset_release(&rs);
}

static void test_shapes(void **state)
{
	struct bg_resultset rs;
	struct bg_error err = { 0 };
	const struct bg_metric *m;

	(void)state;
	/* libtest: MB/s is a second metric, higher is better; CRLF and other lines skipped. */
	bg_resultset_init(&rs);
	assert_int_equal(read_as(&rs, "libtest",
				 "running 2 tests\r\ntest a::b ... bench:       1,234 ns/iter (+/- 56) = 3319 MB/s\r\n"
				 "test c ... ok\r\ntest d ... bench: 7.5 ns/iter (+/- 0.25)\r\n", &err), 1);
	m = metric(&rs, "a::b", "throughput");
	assert_string_equal(m->unit, "MB/s");
	assert_int_equal(m->direction, BG_DIR_HIGHER);
	assert_true(m->summary.median == 3319);
	assert_true(metric(&rs, "a::b", "time")->summary.median == 1234);
	assert_true(metric(&rs, "d", "time")->summary.median == 7.5);
	assert_int_equal(rs.nbenches, 2);
	bg_resultset_release(&rs);

	/* BMF: built-in measures' units and directions, others from the name. */
	bg_resultset_init(&rs);
	assert_int_equal(read_as(&rs, "bmf",
				 "{\"a\": {\"latency\": {\"value\": 5, \"lower_value\": 4, \"upper_value\": 7},"
				 " \"throughput\": {\"value\": 9}, \"ttft_ms\": {\"value\": 3}, \"x\": {\"value\": 1}}}",
				 &err), 1);
	m = metric(&rs, "a", "latency");
	assert_string_equal(m->unit, "ns");
	assert_true(m->summary.mean == 5 && m->summary.min == 4 && m->summary.max == 7);
	assert_int_equal(metric(&rs, "a", "throughput")->direction, BG_DIR_HIGHER);
	assert_string_equal(metric(&rs, "a", "ttft_ms")->unit, "ms");
	assert_int_equal(metric(&rs, "a", "ttft_ms")->direction, BG_DIR_LOWER);
	assert_int_equal(metric(&rs, "a", "x")->direction, BG_DIR_NONE);
	bg_resultset_release(&rs);

	/* tinybench: a task that did not complete is skipped with a warning. */
	bg_resultset_init(&rs);
	assert_int_equal(read_as(&rs, "tinybench",
				 "[{\"name\": \"ok\", \"result\": {\"state\": \"completed\", \"latency\": {\"samples\": [1, 2]}, \"throughput\": {}}},"
				 " {\"name\": \"bad\", \"result\": {\"state\": \"errored\", \"error\": {\"message\": \"boom\"}}}]",
				 &err), 1);
	assert_int_equal(rs.nbenches, 1);
	assert_int_equal(rs.warnings.n, 1);
	assert_non_null(strstr(rs.warnings.v[0], "'bad' did not complete (not read): boom"));
	bg_resultset_release(&rs);

	/* mitata: a run that threw is skipped; a named group prefixes the name. */
	bg_resultset_init(&rs);
	assert_int_equal(read_as(&rs, "mitata",
				 "{\"layout\": [{\"name\": null}, {\"name\": \"g\"}], \"benchmarks\": ["
				 "{\"group\": 1, \"runs\": [{\"name\": \"x\", \"stats\": {\"samples\": [3, 4]}},"
				 " {\"name\": \"y\", \"error\": {\"message\": \"no\"}}]},"
				 "{\"group\": 0, \"runs\": [{\"name\": \"z\", \"stats\": {\"samples\": null, \"avg\": 5, \"p50\": 4}}]}],"
				 " \"context\": {\"noop\": {\"fn\": {\"samples\": [1]}}, \"runtime\": \"node\"}}", &err), 1);
	assert_int_equal(metric(&rs, "g > x", "time")->n, 2);
	m = metric(&rs, "z", "time");
	assert_true(bg_metric_summary_only(m) && m->summary.mean == 5 && m->summary.median == 4);
	assert_int_equal(rs.nbenches, 2);
	/* The run that threw, and the one metric given as a summary only, said once. */
	assert_int_equal(rs.warnings.n, 2);
	assert_non_null(strstr(rs.warnings.v[0], "t: 'g > y' threw (not read): no"));
	assert_string_equal(rs.warnings.v[1], "t: 1 metric with a summary only, no samples (mitata's format { json: { samples: false } })");
	assert_string_equal(json_string_value(json_object_get(rs.environment, "runtime")), "node");
	assert_null(json_object_get(rs.environment, "noop"));
	bg_resultset_release(&rs);
}

static void test_errors(void **state)
{
	static const struct {
		const char *fmt, *text, *msg;
	} cases[] = {
		{ "tinybench", "[{}]", "t:1:2: task 1 is empty: tinybench 6 tasks stringify to {}; write bench.tasks.map((t) => ({ name: t.name, result: t.result }))" },
		{ "tinybench", "[{\"result\": {\"samples\": [1]}}]", "t:1:2: task 1 has no \"name\" string" },
		{ "tinybench", "[{\"name\": \"a\", \"result\": {\"samples\": [1, -2]}}]", "t:1:42: sample 2 of 'a' is negative (-2)" },
		{ "tinybench", "[{\"name\": \"a\", \"result\": {\"samples\": [1]}},\n {\"name\": \"a\", \"result\": {\"samples\": [2]}}]",
		  "t:2:38: benchmark 'a' is in the file twice" },
		{ "vitest", "{\"files\": [{\"groups\": [{\"benchmarks\": []}]}]}", "t:1:24: files[0].groups[0] needs a \"fullName\" string and a \"benchmarks\" list" },
		{ "vitest", "{\"files\": [{\"groups\": [{\"fullName\": \"f\", \"benchmarks\": [{\"name\": \"b\", \"sampleCount\": 3}]}]}]}",
		  "t:1:57: 'f > b' has neither samples nor a mean or median" },
		{ "vitest", "{\"files\": [{\"groups\": [{\"fullName\": \"f\", \"benchmarks\": [{\"name\": \"b\", \"mean\": 1, \"sampleCount\": 1.5}]}]}]}",
		  "t:1:97: 'sampleCount' of 'f > b' must be a whole number >= 0" },
		{ "mitata", "{\"layout\": [], \"benchmarks\": [{\"runs\": [{\"name\": \"x\", \"stats\": {\"samples\": [\"1\"]}}]}]}",
		  "t:1:77: sample 1 of 'x' is a string, not a number" },
		{ "benchmarkjs", "[{\"name\": \"a\", \"stats\": {\"sample\": {}}}]", "t:1:36: 'stats.sample' of 'a' must be a list" },
		{ "benchmarkjs", "[{\"name\": \"a\"}]", "t:1:2: 'a' has no \"stats\" object" },
		{ "catch2", "<Catch>\n  <BenchmarkResults name=\"a\" samples=\"10\">\n  </Catch>",
		  "t:3:5: mismatched tag" },
		{ "catch2", "<Catch><BenchmarkResults name=\"a\"></BenchmarkResults></Catch>",
		  "t:1:8: <BenchmarkResults> of 'a' has no samples count" },
		{ "catch2", "<Catch><BenchmarkResults name=\"a\" samples=\"2.5\"/></Catch>",
		  "t:1:8: samples=\"2.5\" of 'a' is not a whole number >= 1" },
		{ "catch2", "<Catch><BenchmarkResults name=\"a\" samples=\"5\"><mean value=\"3\" lowerBound=\"4\"/></BenchmarkResults></Catch>",
		  "t:1:47: the bounds of <mean> in 'a' do not hold its value" },
		{ "catch2", "<Catch><BenchmarkResults name=\"a\" samples=\"5\"><mean value=\"x\"/></BenchmarkResults></Catch>",
		  "t:1:47: value=\"x\" of <mean> in 'a' is not a finite number >= 0" },
		{ "catch2", "<Catch><BenchmarkResults name=\"a\" samples=\"5\"></BenchmarkResults></Catch>",
		  "t:1:8: <BenchmarkResults> of 'a' has no <mean>" },
		{ "catch2", "<testsuites/>", "t:1:1: a Catch2 XML report starts with <Catch> or <Catch2TestRun>, not <testsuites>" },
		{ "bmf", "{\"a\": {\"latency\": {\"lower_value\": 1}}}", "t:1:19: 'latency' of 'a' has no \"value\"" },
		{ "bmf", "{\"a\": {\"latency\": {\"value\": 1, \"lower_value\": 2}}}",
		  "t:1:19: the lower_value and upper_value of 'latency' of 'a' do not hold its value" },
		{ "bmf", "{\"a\": [1]}", "t:1:7: 'a' must be an object of measures" },
		{ "bmf", "[1]", "t:1:1: BMF must be an object of benchmarks" },
		{ "libtest", "test a ... bench: x ns/iter (+/- 1)\n", "t:1:19: a bench result needs a number of ns/iter after 'bench:'" },
		{ "libtest", "test a ... bench: 5 ms/iter (+/- 1)\n", "t:1:20: a bench result's time must be in 'ns/iter'" },
		{ "libtest", "\ntest a ... bench: 5 ns/iter (+/- 1)\ntest a ... bench: 6 ns/iter (+/- 1)\n",
		  "t:3:6: benchmark 'a' is in the file twice" },
		{ "libtest", "test a ... bench: 5 ns/iter (+/- 1) = x MB/s\n",
		  "t:1:39: a bench result's throughput must be a number of 'MB/s'" },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		struct bg_resultset rs;
		struct bg_error err = { 0 };

		bg_resultset_init(&rs);
		if (read_as(&rs, cases[i].fmt, cases[i].text, &err) != -1)
			fail_msg("case %zu (%s): read", i, cases[i].fmt);
		assert_int_equal(err.code, BG_EXIT_INPUT);
		if (strcmp(err.msg, cases[i].msg))
			fail_msg("case %zu (%s):\n  got  %s\n  want %s", i, cases[i].fmt, err.msg,
				 cases[i].msg);
		bg_resultset_release(&rs);
	}
}

/* Summaries do not merge across files; samples do, as runs. */
static void test_runs(void **state)
{
	struct bg_resultset rs;
	struct bg_error err = { 0 };

	(void)state;
	bg_resultset_init(&rs);
	assert_int_equal(bg_input_read(&rs, "tests/data/benchmarkjs/suite.json", NULL, &err), 0);
	assert_int_equal(bg_input_read(&rs, "tests/data/benchmarkjs/suite-slow.json", NULL, &err), 0);
	assert_int_equal(rs.nruns, 2);
	assert_int_equal(bg_metric_runs(metric(&rs, "sort 1000", "time")), 2);
	bg_resultset_release(&rs);
	bg_resultset_init(&rs);
	assert_int_equal(bg_input_read(&rs, "tests/data/catch2/bench.xml", NULL, &err), 0);
	assert_int_equal(bg_input_read(&rs, "tests/data/catch2/bench-slow.xml", NULL, &err), -1);
	assert_non_null(strstr(err.msg, "summaries do not merge"));
	bg_resultset_release(&rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sample_counts),
		cmocka_unit_test(test_summary_counts),
		cmocka_unit_test(test_shapes),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_runs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
