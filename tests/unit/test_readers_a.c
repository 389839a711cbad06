/* Tests for the criterion, gbench and gotest readers: fixtures, sniffing, bad input with places. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "benchgate/input.h"
#include "../../src/input/criterion.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#define CR "tests/data/criterion/criterion"
#define GB "tests/data/gbench/"
#define GO "tests/data/gotest/"

/* One metric of a fixture: samples, first and last (from the file, computed in Python). */
struct want_metric {
	const char *bench, *metric, *unit;
	enum bg_direction dir;
	size_t n;
	double first, last;
};

struct good_case {
	const char *path;
	const char *format;      /* NULL: read with sniffing (or, for a directory, criterion) */
	size_t nbenches, nmetrics, nwarnings;
	const char *warning;     /* the first warning, when there is one */
	struct want_metric m[6];
};

static const struct good_case good_cases[] = {
	/* Criterion.rs: times[i] / iters[i]; throughput Elements(10) * iters / times, per s. */
	{ CR, NULL, 3, 5, 0, NULL, {
		{ "sum_100", "time", "ns", BG_DIR_LOWER, 10, 50.78721973094171, 58.21482062780269 },
		{ "sums/sum/10", "time", "ns", BG_DIR_LOWER, 10, 4.434838081117596, 4.6740419768807575 },
		{ "sums/sum/10", "throughput", "elem/s", BG_DIR_HIGHER, 10, 2254873755.724575, 0 },
		{ "sums/sum/1000", "time", "ns", BG_DIR_LOWER, 10, 517.545899632803, 511.6764805573863 },
	} },
	{ CR "@main", NULL, 3, 5, 0, NULL, {
		{ "sum_100", "time", "ns", BG_DIR_LOWER, 10, 50.81261380720709, 50.98058624135065 },
		{ "sums/sum/10", "throughput", "elem/s", BG_DIR_HIGHER, 10, 2229662912.823364, 0 },
		{ "sums/sum/1000", "time", "ns", BG_DIR_LOWER, 10, 510.18639249502513, 512.3963422723397 },
	} },
	{ CR "/sums", NULL, 2, 4, 0, NULL, {
		{ "sums/sum/10", "time", "ns", BG_DIR_LOWER, 10, 4.434838081117596, 4.6740419768807575 },
	} },
	{ CR "/sums/sum/1000@main", NULL, 1, 2, 0, NULL, {
		{ "sums/sum/1000", "time", "ns", BG_DIR_LOWER, 10, 510.18639249502513, 512.3963422723397 },
	} },
	{ CR "/sum_100/main", NULL, 1, 1, 0, NULL, {
		{ "sum_100", "time", "ns", BG_DIR_LOWER, 10, 50.81261380720709, 50.98058624135065 },
	} },
	{ CR "/sum_100/new/sample.json", "criterion", 1, 1, 0, NULL, {
		{ "sum_100", "time", "ns", BG_DIR_LOWER, 10, 50.78721973094171, 58.21482062780269 },
	} },
	/* Google Benchmark: iteration rows only; counters higher when they are rates by name. */
	{ GB "repetitions.json", "gbench", 3, 8, 0, NULL, {
		{ "BM_Sum/64", "real_time", "ns", BG_DIR_LOWER, 5, 21.45685827633807, 19.352989505077016 },
		{ "BM_Sum/64", "cpu_time", "ns", BG_DIR_LOWER, 5, 19.44724121437213, 19.353576151487022 },
		{ "BM_Sum/512", "real_time", "ns", BG_DIR_LOWER, 5, 146.28703492104037, 148.10019319850812 },
		{ "BM_StringCopy/256", "bytes_per_second", "B/s", BG_DIR_HIGHER, 5, 15930024639.852808,
		  15947157695.038126 },
		{ "BM_StringCopy/256", "items_per_second", "items/s", BG_DIR_HIGHER, 5, 62226658.74942503,
		  62293584.74624268 },
	} },
	{ GB "counters.json", "gbench", 1, 4, 0, NULL, {
		{ "BM_Sort", "real_time", "us", BG_DIR_LOWER, 3, 1.7752477944178657, 1.717397290923071 },
		{ "BM_Sort", "elements", "", BG_DIR_NONE, 3, 143364448.27083996, 149007868.93992275 },
		{ "BM_Sort", "swaps", "", BG_DIR_NONE, 3, 42, 42 },
	} },
	{ GB "error.json", "gbench", 1, 2, 1,
	  GB "error.json: 'BM_Fails' reported an error (not read): could not open the input", {
		{ "BM_Sum/64", "real_time", "ns", BG_DIR_LOWER, 1, 20.506913619576146, 20.506913619576146 },
	} },
	{ GB "aggregates.json", "gbench", 1, 2, 1,
	  GB "aggregates.json: 'BM_Sum/64' has only aggregate rows (--benchmark_report_aggregates_only): "
	  "its median is read as one sample", {
		{ "BM_Sum/64", "real_time", "ns", BG_DIR_LOWER, 1, 20.0620139098858, 20.0620139098858 },
		{ "BM_Sum/64", "cpu_time", "ns", BG_DIR_LOWER, 1, 19.399683586799615, 19.399683586799615 },
	} },
	/* go test: -N dropped from names; ns/op is "time" in ns; every line a sample. */
	{ GO "sums.txt", "gotest", 5, 17, 0, NULL, {
		{ "BenchmarkSum/n=64", "time", "ns", BG_DIR_LOWER, 5, 20.01, 20.29 },
		{ "BenchmarkSum/n=512", "allocs/op", "allocs/op", BG_DIR_LOWER, 5, 0, 0 },
		{ "BenchmarkJoin", "MB/s", "MB/s", BG_DIR_HIGHER, 5, 430.51, 169.29 },
		{ "BenchmarkJoin", "B/op", "B/op", BG_DIR_LOWER, 5, 24, 24 },
		{ "BenchmarkSort", "elements/op", "elements/op", BG_DIR_NONE, 5, 256, 256 },
		{ "BenchmarkFails", "time", "ns", BG_DIR_LOWER, 5, 0.3496, 0.3946 },
	} },
	/* A Unit line gives elements/op its direction. */
	{ GO "units.txt", "gotest", 1, 2, 0, NULL, {
		{ "BenchmarkSort", "elements/op", "elements/op", BG_DIR_HIGHER, 3, 256, 256 },
		{ "BenchmarkSort", "time", "ns", BG_DIR_LOWER, 3, 16884, 8066 },
	} },
	/* -cpu 1,2: the names keep go test's -N to tell the two apart. */
	{ GO "cpus.txt", "gotest", 2, 4, 0, NULL, {
		{ "BenchmarkJoin", "time", "ns", BG_DIR_LOWER, 2, 50.08, 45.73 },
		{ "BenchmarkJoin-2", "time", "ns", BG_DIR_LOWER, 2, 112.6, 50.24 },
	} },
	{ GO "fails.txt", "gotest", 1, 2, 2, GO "fails.txt:7: 'BenchmarkFails' failed", {
		{ "BenchmarkJoin", "MB/s", "MB/s", BG_DIR_HIGHER, 2, 327.41, 311.15 },
	} },
	/* -v: a benchmark's name alone on a line is not a result. */
	{ GO "verbose.txt", "gotest", 1, 1, 0, NULL, {
		{ "BenchmarkSum/n=64", "time", "ns", BG_DIR_LOWER, 2, 33.67, 26.41 },
	} },
};

static void check_good(const struct good_case *c, const char *force)
{
	struct bg_resultset rs;
	struct bg_error err = { 0 };

	bg_resultset_init(&rs);
	if (bg_input_read(&rs, c->path, force, &err) < 0)
		fail_msg("%s: %s", c->path, err.msg);
	if (rs.nbenches != c->nbenches)
		fail_msg("%s: %zu benchmarks, want %zu", c->path, rs.nbenches, c->nbenches);
	if (count_metrics(&rs) != c->nmetrics)
		fail_msg("%s: %zu metrics, want %zu", c->path, count_metrics(&rs), c->nmetrics);
	assert_int_equal(rs.nruns, 1);
	if (rs.warnings.n != c->nwarnings)
		fail_msg("%s: %zu warnings, want %zu", c->path, rs.warnings.n, c->nwarnings);
	if (c->warning)
		assert_string_equal(rs.warnings.v[0], c->warning);
	for (size_t i = 0; i < NELEM(c->m) && c->m[i].bench; i++) {
		const struct want_metric *w = &c->m[i];
		const struct bg_bench *b = bg_resultset_find(&rs, w->bench);
		const struct bg_metric *m = b ? bg_bench_find(b, w->metric) : NULL;

		if (!m)
			fail_msg("%s: no metric '%s' in '%s'", c->path, w->metric, w->bench);
		assert_string_equal(m->unit, w->unit);
		if (m->direction != w->dir)
			fail_msg("%s: '%s' of '%s': direction %s", c->path, w->metric, w->bench,
				 bg_direction_name(m->direction));
		if (m->n != w->n)
			fail_msg("%s: '%s' of '%s': %zu samples, want %zu", c->path, w->metric,
				 w->bench, m->n, w->n);
		assert_close(m->samples[0], w->first, 1e-15);
		if (w->last != 0 || w->first == 0)
			assert_close(m->samples[m->n - 1], w->last, 1e-15);
		for (size_t k = 0; k < m->n; k++)
			assert_int_equal(m->runs[k], 0);
	}
	bg_resultset_release(&rs);
}

static void test_good_fixtures(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(good_cases); i++)
		check_good(&good_cases[i], NULL);
}

static void test_force_format(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(good_cases); i++)
		check_good(&good_cases[i], good_cases[i].format ? good_cases[i].format : "criterion");
}

/* Each fixture file is claimed by its own reader and no other; theirs by none of ours. */
static void test_sniff(void **state)
{
	static const struct {
		const char *path, *format;
	} files[] = {
		{ CR "/sum_100/new/sample.json", "criterion" },
		{ CR "/sums/sum/10/main/sample.json", "criterion" },
		{ GB "repetitions.json", "gbench" },
		{ GB "counters.json", "gbench" },
		{ GB "error.json", "gbench" },
		{ GB "aggregates.json", "gbench" },
		{ GO "sums.txt", "gotest" },
		{ GO "units.txt", "gotest" },
		{ GO "cpus.txt", "gotest" },
		{ GO "fails.txt", "gotest" },
		{ GO "verbose.txt", "gotest" },
		{ "tests/data/native/results.json", "native" },
		{ "tests/data/native/baseline.json", "native" },
		{ "tests/data/hyperfine/sleep.json", "hyperfine" },
		{ "tests/data/llm/models.jsonl", "llm" },
		{ CR "/sum_100/new/benchmark.json", NULL },
		{ CR "/sum_100/new/estimates.json", NULL },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(files); i++) {
		char *buf = NULL;
		size_t len = 0, n = 0;
		const char *got = NULL;

		if (bg_file_read(&buf, &len, files[i].path, NULL) < 0)
			fail_msg("cannot read %s", files[i].path);
		for (const struct bg_reader *r = bg_readers; r->name; r++)
			if (r->sniff(buf, len)) {
				got = r->name;
				n++;
			}
		if (n > 1 || (files[i].format ? !got || strcmp(got, files[i].format) : got != NULL))
			fail_msg("%s: sniffed as %s (%zu readers), want %s", files[i].path,
				 got ? got : "nothing", n, files[i].format ? files[i].format : "nothing");
		free(buf);
	}
}

/* Text cases: written to a file, read, and the error (or first warning) compared. */
struct text_case {
	const char *text;
	const char *format;   /* NULL: sniffed */
	const char *msg;      /* printf format, %s is the file's path */
	int code;             /* 0: reads, msg is the first warning */
};

static const struct text_case text_cases[] = {
	/* gotest */
	{ "goos: linux\nBenchmarkX-8 abc 12 ns/op\n", NULL,
	  "%s:2:14: 'abc' is not an iteration count", BG_EXIT_INPUT },
	{ "BenchmarkX-8\t100\t12\n", NULL, "%s:1:18: value '12' of 'BenchmarkX' has no unit",
	  BG_EXIT_INPUT },
	{ "BenchmarkX-8 100 1x2 ns/op\n", NULL, "%s:1:18: '1x2' is not a number", BG_EXIT_INPUT },
	{ "BenchmarkX-8 100 inf ns/op\n", NULL, "%s:1:18: 'inf' is not a number", BG_EXIT_INPUT },
	{ "BenchmarkX-8 100 1e400 ns/op\n", NULL, "%s:1:18: '1e400' is not a finite number",
	  BG_EXIT_INPUT },
	{ "BenchmarkX-8 100 -3 widgets/op\n", NULL, "%s:1:18: 'widgets/op' of 'BenchmarkX' is negative (-3)",
	  BG_EXIT_INPUT },
	{ "BenchmarkX-8 100\n", NULL, "%s:1:17: 'BenchmarkX' has an iteration count but no measurements",
	  BG_EXIT_INPUT },
	{ "BenchmarkX 100 1 ns/op 2 ns/op\n", NULL, "%s:1:26: 'ns/op' twice on one line",
	  BG_EXIT_INPUT },
	{ "Unit ns/op better=sideways\nBenchmarkX 1 1 ns/op\n", NULL,
	  "%s:1:19: better must be \"higher\" or \"lower\", not 'sideways'", BG_EXIT_INPUT },
	{ "Unit\nBenchmarkX 1 1 ns/op\n", NULL,
	  "%s:1:5: a Unit line needs a unit (Unit ns/op better=lower)", BG_EXIT_INPUT },
	{ "Unit x/op better\nBenchmarkX 1 1 ns/op\n", NULL, "%s:1:11: 'better' is not a key=value pair",
	  BG_EXIT_INPUT },
	/* Columns count characters, not bytes. */
	{ "pkg: x\nBenchmark\xc3\x84\xc3\x96 10 z ns/op\n", NULL, "%s:2:16: 'z' is not a number",
	  BG_EXIT_INPUT },
	{ "goos: linux\npkg: x\nPASS\n", NULL, "'%s' holds no benchmark samples", BG_EXIT_INPUT },
	{ "BenchmarkA 1 5 ns/op\n--- SKIP: BenchmarkB\n", NULL, "%s:2: 'BenchmarkB' was skipped", 0 },
	/* Unit lines hold for the whole file, before or after the results. */
	{ "BenchmarkA 1 5 frobs/op\r\nUnit frobs/op better=higher\r\n", NULL, NULL, 0 },
	/* gbench */
	{ "{\"context\": {}, \"benchmarks\": 3}", "gbench",
	  "%s:1:31: Google Benchmark output needs \"benchmarks\", a list (run with --benchmark_format=json)",
	  BG_EXIT_INPUT },
	{ "{\"context\": {}, \"benchmarks\": [\n{\"name\": \"a\", \"run_type\": \"iteration\", "
	  "\"real_time\": \"1\", \"cpu_time\": 1, \"time_unit\": \"ns\"}]}", NULL,
	  "%s:2:53: 'real_time' of 'a' is a string, not a number", BG_EXIT_INPUT },
	{ "{\"context\": {}, \"benchmarks\": [\n{\"name\": \"a\", \"run_type\": \"iteration\", "
	  "\"real_time\": 1, \"time_unit\": \"ns\"}]}", NULL,
	  "%s:2:1: a row of 'a' has no \"cpu_time\"", BG_EXIT_INPUT },
	{ "{\"context\": {}, \"benchmarks\": [\n{\"name\": \"a\", \"run_type\": \"iteration\", "
	  "\"real_time\": 1, \"cpu_time\": -1, \"time_unit\": \"ns\"}]}", NULL,
	  "%s:2:68: 'cpu_time' of 'a' is negative (-1)", BG_EXIT_INPUT },
	{ "{\"context\": {}, \"benchmarks\": [\n{\"name\": \"a\", \"run_type\": \"iteration\", "
	  "\"real_time\": 1, \"cpu_time\": 1, \"time_unit\": \"fortnight\"}]}", NULL,
	  "%s:2:84: time_unit of 'a' must be \"ns\", \"us\", \"ms\" or \"s\"", BG_EXIT_INPUT },
	{ "{\"context\": {}, \"benchmarks\": [1, {\"name\": \"a\"}], \"time_unit\": 1}", NULL,
	  "%s:1:32: benchmark row 1 is not an object", BG_EXIT_INPUT },
	{ "{\"context\": {}, \"benchmarks\": [{\"run_type\": \"iteration\"}]}", NULL,
	  "%s:1:32: benchmark row 1 has no \"run_name\" or \"name\" string", BG_EXIT_INPUT },
	/* Google Benchmark 1.8's SkipWithMessage (Debian has 1.7.1): a warning, not a sample. */
	{ "{\"context\": {}, \"benchmarks\": [{\"name\": \"a\", \"run_name\": \"a\", \"run_type\": "
	  "\"iteration\", \"real_time\": 2, \"cpu_time\": 2, \"time_unit\": \"ms\"}, {\"name\": \"b\", "
	  "\"run_name\": \"b\", \"run_type\": \"iteration\", \"skipped\": true, \"skip_message\": "
	  "\"needs a GPU\", \"real_time\": 0, \"cpu_time\": 0, \"time_unit\": \"ns\"}]}", NULL,
	  "%s: 'b' was skipped (not read): needs a GPU", 0 },
	{ "{\"context\": {}, \"benchmarks\": [{\"name\": \"b\", \"run_type\": \"iteration\", "
	  "\"error_occurred\": true, \"real_time\": 0, \"cpu_time\": 0}]}", NULL,
	  "'%1$s' holds no benchmark samples (%1$s: 'b' reported an error (not read): no message)",
	  BG_EXIT_INPUT },
	/* criterion: a sample.json without benchmark.json beside it */
	{ "{\"sampling_mode\": \"Linear\", \"iters\": [1], \"times\": [5]}", NULL,
	  "'%s' is a Criterion.rs sample.json, but '%s/benchmark.json' beside it, which names the "
	  "benchmark, cannot be read", BG_EXIT_INPUT },
	/* two sniffers: an error naming both */
	{ "{\"context\": {}, \"benchmarks\": [{\"name\": \"a\", \"run_type\": \"iteration\", "
	  "\"metrics\": 1, \"samples\": 2}]}", NULL,
	  "'%s' looks like more than one format (native, gbench): name one with --input-format",
	  BG_EXIT_INPUT },
	{ "{\"context\": {}, \"benchmarks\": [{\"name\": \"a\", \"run_type\": \"iteration\", "
	  "\"metrics\": 1, \"samples\": 2, \"real_time\": 1, \"cpu_time\": 1}]}", "gbench", NULL, 0 },
};

static void test_texts(void **state)
{
	char dir[] = "/tmp/bg-test-readers-XXXXXX", path[64], want[1024];

	(void)state;
	assert_non_null(mkdtemp(dir));
	for (size_t i = 0; i < NELEM(text_cases); i++) {
		const struct text_case *c = &text_cases[i];
		struct bg_resultset rs;
		struct bg_error err = { 0 };
		FILE *f;
		int ret;

		/* The criterion case needs a directory without benchmark.json: the temp one. */
		snprintf(path, sizeof(path), "%s/t%zu.txt", dir, i);
		assert_non_null(f = fopen(path, "wb"));
		fputs(c->text, f);
		fclose(f);
		bg_resultset_init(&rs);
		ret = bg_input_read(&rs, path, c->format, &err);
		if (c->msg)
			snprintf(want, sizeof(want), c->msg, path, dir);
		if (c->code) {
			if (ret == 0)
				fail_msg("case %zu: read, want error %s", i, want);
			if (strcmp(err.msg, want))
				fail_msg("case %zu:\n  got  %s\n  want %s", i, err.msg, want);
			assert_int_equal(err.code, c->code);
		} else {
			if (ret < 0)
				fail_msg("case %zu: %s", i, err.msg);
			if (c->msg && (!rs.warnings.n || strcmp(rs.warnings.v[0], want)))
				fail_msg("case %zu: warning %s, want %s", i,
					 rs.warnings.n ? rs.warnings.v[0] : "none", want);
		}
		bg_resultset_release(&rs);
		unlink(path);
	}
	rmdir(dir);
}

/* Unit lines before or after: the direction holds for the file's metric of that unit. */
static void test_gotest_unit_after(void **state)
{
	struct bg_resultset rs;
	struct bg_error err = { 0 };
	const char *text = "BenchmarkA 1 5 frobs/op\nUnit frobs/op better=higher\nUnit ns/op better=higher\n"
			   "BenchmarkA 1 6 frobs/op 7 ns/op\n";

	(void)state;
	bg_resultset_init(&rs);
	assert_int_equal(bg_reader_find("gotest")->read(&rs, "t.txt", text, strlen(text), 0, &err), 1);
	assert_int_equal(bg_bench_find(&rs.benches[0], "frobs/op")->direction, BG_DIR_HIGHER);
	assert_int_equal(bg_bench_find(&rs.benches[0], "frobs/op")->n, 2);
	assert_int_equal(bg_bench_find(&rs.benches[0], "time")->direction, BG_DIR_HIGHER);
	bg_resultset_release(&rs);

	/* "-0" is no GOMAXPROCS (it is never 0): it stays in the name. */
	text = "BenchmarkA-0 1 5 ns/op\nBenchmarkA-0 1 6 ns/op\n";
	bg_resultset_init(&rs);
	assert_int_equal(bg_reader_find("gotest")->read(&rs, "t.txt", text, strlen(text), 0, &err), 1);
	assert_non_null(bg_resultset_find(&rs, "BenchmarkA-0"));
	assert_int_equal(json_integer_value(json_object_get(rs.environment, "gomaxprocs")), 1);
	bg_resultset_release(&rs);
	text = "BenchmarkB-16 1 5 ns/op\n";
	bg_resultset_init(&rs);
	assert_int_equal(bg_reader_find("gotest")->read(&rs, "t.txt", text, strlen(text), 0, &err), 1);
	assert_non_null(bg_resultset_find(&rs, "BenchmarkB"));
	assert_int_equal(json_integer_value(json_object_get(rs.environment, "gomaxprocs")), 16);
	bg_resultset_release(&rs);
}

/* The environment: go test's configuration lines and -N; Google Benchmark's context. */
static void test_environment(void **state)
{
	struct bg_resultset rs;
	struct bg_error err = { 0 };
	const char *text = "goos: linux\npkg: a\nBenchmarkA-4 1 5 ns/op\npkg: b\nBenchmarkB-4 1 5 ns/op\n"
			   "pkg: a\nPASS\n";
	json_t *pkg;

	(void)state;
	bg_resultset_init(&rs);
	assert_int_equal(bg_input_read(&rs, GO "sums.txt", NULL, &err), 0);
	assert_string_equal(json_string_value(json_object_get(rs.environment, "goos")), "linux");
	assert_string_equal(json_string_value(json_object_get(rs.environment, "cpu")), "AMD EPYC");
	assert_int_equal(json_integer_value(json_object_get(rs.environment, "gomaxprocs")), 2);
	bg_resultset_release(&rs);

	/* A value that changes (two packages) is the list of its values. */
	bg_resultset_init(&rs);
	assert_int_equal(bg_reader_find("gotest")->read(&rs, "t.txt", text, strlen(text), 0, &err), 1);
	pkg = json_object_get(rs.environment, "pkg");
	assert_int_equal(json_array_size(pkg), 2);
	assert_string_equal(json_string_value(json_array_get(pkg, 1)), "b");
	assert_non_null(bg_resultset_find(&rs, "BenchmarkA"));
	bg_resultset_release(&rs);

	bg_resultset_init(&rs);
	assert_int_equal(bg_input_read(&rs, GB "counters.json", NULL, &err), 0);
	assert_string_equal(json_string_value(json_object_get(rs.environment, "host_name")), "vm");
	assert_int_equal(json_integer_value(json_object_get(rs.environment, "num_cpus")), 2);
	bg_resultset_release(&rs);
}

/*
 * go test's numbers are read exactly as strtod reads them, fast path or not: seeded
 * random decimals of 1 to 20 digits with 0 to 25 after the point, and exponents.
 */
static void test_gotest_numbers(void **state)
{
	struct bg_resultset rs;
	struct bg_error err = { 0 };
	char *text = NULL, num[64][64];
	size_t alloc = 0, len = 0;
	unsigned long seed = 12345;

	(void)state;
	for (int round = 0; round < 200; round++) {
		bg_resultset_init(&rs);
		len = 0;
		for (int i = 0; i < 64; i++) {
			int digits = 1, point, k = 0;

			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			digits += (int)((seed >> 33) % 20);
			point = (int)((seed >> 40) % (unsigned long)(digits + 6));
			for (int d = 0; d < digits; d++) {
				seed = seed * 6364136223846793005UL + 1442695040888963407UL;
				if (d == point && d)
					num[i][k++] = '.';
				num[i][k++] = (char)('0' + (seed >> 50) % 10);
			}
			if (i % 16 == 15)
				k += snprintf(num[i] + k, 8, "e%d", (int)(seed >> 45) % 40 - 20);
			num[i][k] = '\0';
			bg_grow(&text, &alloc, len + 128, 1);
			len += (size_t)snprintf(text + len, 128, "BenchmarkN 1 %s ns/op\n", num[i]);
		}
		if (bg_reader_find("gotest")->read(&rs, "n.txt", text, len, 0, &err) < 0)
			fail_msg("%s", err.msg);
		for (int i = 0; i < 64; i++) {
			double want = strtod(num[i], NULL), got = rs.benches[0].metrics[0].samples[i];

			if (memcmp(&want, &got, sizeof(want)))
				fail_msg("'%s': got %.17g, want %.17g", num[i], got, want);
		}
		bg_resultset_release(&rs);
	}
	free(text);
}

/* The reader is given exactly len bytes: a result line cut anywhere is never over-read. */
static void test_gotest_cut(void **state)
{
	const char *text = "BenchmarkJoin-2   20000   51.10 ns/op   430.51 MB/s   24 B/op";
	size_t n = strlen(text);

	(void)state;
	for (size_t k = 1; k <= n; k++) {
		char *copy = bg_malloc(k);
		struct bg_resultset rs;
		struct bg_error err = { 0 };

		memcpy(copy, text, k);
		bg_resultset_init(&rs);
		bg_reader_find("gotest")->read(&rs, "cut.txt", copy, k, 0, &err);
		bg_resultset_release(&rs);
		free(copy);
	}
}

/* Criterion documents one by one, with places. */
static void test_criterion_documents(void **state)
{
	static const struct {
		const char *id, *sample, *msg;
	} cases[] = {
		{ "{\"title\": \"x\"}", "{}", "benchmark.json:1:1: benchmark.json has no \"full_id\" string" },
		{ "{\"full_id\": 3}", "{}", "benchmark.json:1:13: benchmark.json has no \"full_id\" string" },
		{ "{\"full_id\": \"a\", \"throughput\": 5}", "{}",
		  "benchmark.json:1:32: \"throughput\" must be an object or null" },
		{ "{\"full_id\": \"a\"}", "[1]",
		  "sample.json:1:1: sample.json must be an object with \"iters\" and \"times\"" },
		{ "{\"full_id\": \"a\"}", "{\"times\": [1]}", "sample.json:1:1: 'a' has no \"iters\" list" },
		{ "{\"full_id\": \"a\"}", "{\"iters\": [1], \"times\": []}",
		  "sample.json:1:25: 'a' has no samples" },
		{ "{\"full_id\": \"a\"}", "{\"iters\": [1, 2],\n \"times\": [3]}",
		  "sample.json:1:11: \"iters\" of 'a' has 2 entries but \"times\" 1" },
		{ "{\"full_id\": \"a\"}", "{\"iters\": [1, 0], \"times\": [3, 4]}",
		  "sample.json:1:15: iteration count 2 of 'a' is 0" },
		{ "{\"full_id\": \"a\"}", "{\"iters\": [1, 2], \"times\": [3, -4]}",
		  "sample.json:1:32: time 2 of 'a' is negative (-4)" },
		{ "{\"full_id\": \"a\"}", "{\"iters\": [1, \"2\"], \"times\": [3, 4]}",
		  "sample.json:1:15: iteration count 2 of 'a' is a string, not a number" },
		{ "{\"full_id\": \"a\"}", "{\"iters\": [1], \"times\": [3]} x",
		  "sample.json:1:30: end of file expected near 'x'" },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		struct bg_resultset rs;
		struct bg_error err = { 0 };
		char *id = NULL, *dir = NULL;
		json_t *tp = NULL;
		int ret;

		bg_resultset_init(&rs);
		ret = bg_criterion_id(&id, &dir, &tp, "benchmark.json", cases[i].id,
				      strlen(cases[i].id), &err);
		if (ret == 0)
			ret = bg_criterion_samples(&rs, id, tp, "sample.json", cases[i].sample,
						   strlen(cases[i].sample), 0, &err);
		assert_int_equal(ret, -1);
		if (strcmp(err.msg, cases[i].msg))
			fail_msg("case %zu:\n  got  %s\n  want %s", i, err.msg, cases[i].msg);
		assert_int_equal(err.code, BG_EXIT_INPUT);
		free(id);
		free(dir);
		json_decref(tp);
		bg_resultset_release(&rs);
	}
}

/* Directories: what is not Criterion.rs is refused, with the reason. */
static void test_directories(void **state)
{
	static const struct {
		const char *path, *force, *msg;
		int code;
	} cases[] = {
		{ "tests/data/gbench", NULL, "'tests/data/gbench' is a directory, and no Criterion.rs "
		  "benchmark with a 'new' baseline is in it (give a file, or target/criterion or a "
		  "directory in it)", BG_EXIT_INPUT },
		/* Above target/criterion: the benchmarks' directory_name says it is not theirs. */
		{ "tests/data/criterion", NULL, "'tests/data/criterion' is a directory, and no "
		  "Criterion.rs benchmark with a 'new' baseline is in it (give a file, or "
		  "target/criterion or a directory in it)", BG_EXIT_INPUT },
		{ CR "@nope", NULL, "'" CR "' is a directory, and no Criterion.rs benchmark with a "
		  "'nope' baseline is in it (give a file, or target/criterion or a directory in it)",
		  BG_EXIT_INPUT },
		{ CR "@", NULL, "'" CR "': '@' is not a baseline name", BG_EXIT_INPUT },
		{ CR "/sum_100/new@main", NULL, "'" CR "/sum_100/new' is one baseline's directory: "
		  "'@main' picks a baseline in target/criterion or a benchmark's directory",
		  BG_EXIT_INPUT },
		{ CR, "gbench", "'" CR "' is a directory, not a file", BG_EXIT_INPUT },
		{ CR, "nosuch", "unknown input format 'nosuch' (the formats: native, hyperfine, llm, criterion, gbench, gotest, pytest, pyperf, testreport, summary, csv, tinybench, vitest, mitata, benchmarkjs, catch2, bmf, libtest)",
		  BG_EXIT_USAGE },
		{ GO "sums.txt@main", NULL, "cannot read '" GO "sums.txt@main': no such file or directory",
		  BG_EXIT_INPUT },
		{ "tests/data/nosuch@main", NULL,
		  "cannot read 'tests/data/nosuch@main': no such file or directory", BG_EXIT_INPUT },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		struct bg_resultset rs;
		struct bg_error err = { 0 };

		bg_resultset_init(&rs);
		assert_int_equal(bg_input_read(&rs, cases[i].path, cases[i].force, &err), -1);
		if (strcmp(err.msg, cases[i].msg))
			fail_msg("case %zu:\n  got  %s\n  want %s", i, err.msg, cases[i].msg);
		assert_int_equal(err.code, cases[i].code);
		bg_resultset_release(&rs);
	}
}

/* Formats mix: a Criterion.rs directory and a go test file are two runs of one set. */
static void test_mixed_runs(void **state)
{
	struct bg_resultset rs;
	struct bg_error err = { 0 };
	char p0[] = CR, p1[] = CR "@main", p2[] = GO "cpus.txt";
	char *paths[] = { p0, p1, p2 };

	(void)state;
	bg_resultset_init(&rs);
	assert_int_equal(bg_input_read_all(&rs, paths, 3, NULL, &err), 0);
	assert_int_equal(rs.nruns, 3);
	assert_int_equal(bg_bench_find(bg_resultset_find(&rs, "sum_100"), "time")->n, 20);
	assert_int_equal(bg_metric_runs(bg_bench_find(bg_resultset_find(&rs, "sum_100"), "time")), 2);
	assert_int_equal(bg_resultset_find(&rs, "BenchmarkJoin")->metrics[0].runs[0], 2);
	bg_resultset_release(&rs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_fixtures),
		cmocka_unit_test(test_force_format),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_texts),
		cmocka_unit_test(test_gotest_unit_after),
		cmocka_unit_test(test_environment),
		cmocka_unit_test(test_gotest_numbers),
		cmocka_unit_test(test_gotest_cut),
		cmocka_unit_test(test_criterion_documents),
		cmocka_unit_test(test_directories),
		cmocka_unit_test(test_mixed_runs),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
