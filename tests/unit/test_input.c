/* Tests for src/input: each reader on its fixtures, sniffing, merging, bad input, bg_json_locate. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "benchgate/input.h"
#include "benchgate/json.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* What one metric of a fixture holds: its first and last sample, its distinct runs. */
struct want_metric {
	const char *bench, *metric, *unit;
	enum bg_direction dir;
	size_t n;
	int runs;
	double first, last;
};

struct good_case {
	const char *path;
	const char *format;     /* the reader sniffing picks */
	size_t nbenches, nmetrics;
	int nruns;
	size_t nwarnings;
	struct want_metric m[8];
};

#define HF "tests/data/hyperfine/"
#define LLM "tests/data/llm/"
#define NAT "tests/data/native/"
#define BAD "tests/data/bad/"

static const struct good_case good_cases[] = {
	{ NAT "results.json", "native", 2, 5, 1, 0, {
		{ "json/parse", "time", "ns", BG_DIR_LOWER, 5, 1, 812.5, 801 },
		{ "json/parse", "alloc", "B/op", BG_DIR_LOWER, 5, 1, 4096, 4096 },
		{ "json/serialize", "time", "ns", BG_DIR_LOWER, 3, 1, 1520, 1510.25 },
		{ "json/serialize", "throughput", "MB/s", BG_DIR_HIGHER, 3, 1, 210.5, 208.75 },
		{ "json/serialize", "cache-misses", "count", BG_DIR_NONE, 3, 1, 0, 7 },
	} },
	{ NAT "results2.json", "native", 2, 2, 1, 0, {
		{ "json/parse", "time", "ns", BG_DIR_LOWER, 3, 1, 815, 799.25 },
		{ "json/validate", "time", "us", BG_DIR_LOWER, 2, 1, 12.5, 12.25 },
	} },
	{ NAT "runs.json", "native", 1, 2, 3, 0, {
		{ "sort/1k", "time", "us", BG_DIR_LOWER, 6, 3, 41.5, 42.5 },
		{ "sort/1k", "items_per_second", "items/s", BG_DIR_HIGHER, 2, 2, 24096.4, 23809.5 },
	} },
	{ NAT "plain.json", "native", 1, 1, 1, 0, {
		{ "noop", "wall", "s", BG_DIR_LOWER, 3, 1, 0.5, 0 },
	} },
	{ NAT "baseline.json", "native", 1, 2, 2, 0, {
		{ "json/parse-small", "time", "ns", BG_DIR_LOWER, 4, 2, 819.746, 809.934 },
		{ "json/parse-small", "page-faults", "", BG_DIR_NONE, 4, 2, 3, 3 },
	} },
	{ NAT "bom.json", "native", 1, 1, 1, 0, {
		{ "bom", "time", "ms", BG_DIR_LOWER, 2, 1, 2.5, 3 },
	} },
	{ HF "sleep.json", "hyperfine", 2, 2, 1, 0, {
		{ "sleep 0.01", "time", "s", BG_DIR_LOWER, 10, 1, 0.012674244000000001, 0.01187344 },
		{ "sleep 0.02", "time", "s", BG_DIR_LOWER, 10, 1, 0.021660841000000004,
		  0.022360467000000002 },
	} },
	{ HF "failing.json", "hyperfine", 2, 2, 1, 1, {
		{ "sh -c \"sleep 0.01; exit 3\"", "time", "s", BG_DIR_LOWER, 5, 1, 0.01365914508,
		  0.01375359408 },
		{ "sleep 0.01", "time", "s", BG_DIR_LOWER, 5, 1, 0.01220767108, 0.01195945708 },
	} },
	/* --warmup runs are not exported; -N (no shell) changes nothing in the format. */
	{ HF "warmup-noshell.json", "hyperfine", 2, 2, 1, 0, {
		{ "sleep 0.01", "time", "s", BG_DIR_LOWER, 5, 1, 0.011476894000000001,
		  0.011577433000000002 },
		{ "true", "time", "s", BG_DIR_LOWER, 5, 1, 0.0013744010000000001, 0.001500784 },
	} },
	/* -L: each parameter value is its own command, so its own benchmark. */
	{ HF "params.json", "hyperfine", 2, 2, 1, 0, {
		{ "sleep 0.01", "time", "s", BG_DIR_LOWER, 3, 1, 0.01191401696,
		  0.012072530960000001 },
		{ "sleep 0.02", "time", "s", BG_DIR_LOWER, 3, 1, 0.02234153096, 0.02221965196 },
	} },
	{ HF "named.json", "hyperfine", 2, 2, 1, 0, {
		{ "fast", "time", "s", BG_DIR_LOWER, 3, 1, 0.012347086, 0.012263011 },
		{ "slow", "time", "s", BG_DIR_LOWER, 3, 1, 0.032499994000000004, 0.03264224 },
	} },
	{ LLM "run1.json", "llm", 1, 4, 1, 0, {
		{ "llama-1b", "tokens", "tokens", BG_DIR_NONE, 1, 1, 256, 256 },
		{ "llama-1b", "elapsed_s", "s", BG_DIR_LOWER, 1, 1, 4.12, 4.12 },
		{ "llama-1b", "tps", "tok/s", BG_DIR_HIGHER, 1, 1, 62.14, 62.14 },
		{ "llama-1b", "ttft_ms", "ms", BG_DIR_LOWER, 1, 1, 85.3, 85.3 },
	} },
	{ LLM "run2.json", "llm", 1, 4, 1, 0, {
		{ "llama-1b", "tps", "tok/s", BG_DIR_HIGHER, 1, 1, 63.21, 63.21 },
		{ "llama-1b", "ttft_ms", "ms", BG_DIR_LOWER, 1, 1, 82.9, 82.9 },
	} },
	/* mistral-7b's record has no number: no benchmark (an empty one could not be saved). */
	{ LLM "models.jsonl", "llm", 3, 12, 1, 0, {
		{ "llama-1b", "tps", "tok/s", BG_DIR_HIGHER, 2, 1, 60.95, 58.18 },
		{ "llama-1b", "total_latency_ms", "ms", BG_DIR_LOWER, 2, 1, 2100.5, 2200 },
		{ "qwen-0.5b", "tps", "tok/s", BG_DIR_HIGHER, 2, 1, 121.9, 116.36 },
		{ "qwen-0.5b", "elapsed_s", "s", BG_DIR_LOWER, 2, 1, 1.05, 1.1 },
		{ "phi-mini", "tokens", "tokens", BG_DIR_NONE, 1, 1, 64, 64 },
		{ "phi-mini", "total_latency_ms", "ms", BG_DIR_LOWER, 1, 1, 1600.75, 1600.75 },
	} },
};

/* The metric w names in rs, checked against w; fails the test when absent. */
static const struct bg_metric *check_metric(const struct bg_resultset *rs,
					    const struct want_metric *w, const char *path)
{
	const struct bg_bench *b = bg_resultset_find(rs, w->bench);
	const struct bg_metric *m = b ? bg_bench_find(b, w->metric) : NULL;

	if (!m)
		fail_msg("%s: no metric '%s' in '%s'", path, w->metric, w->bench);
	if (strcmp(m->unit, w->unit))
		fail_msg("%s: '%s' of '%s': unit '%s', want '%s'", path, w->metric, w->bench,
			 m->unit, w->unit);
	if (m->direction != w->dir)
		fail_msg("%s: '%s' of '%s': direction %s, want %s", path, w->metric, w->bench,
			 bg_direction_name(m->direction), bg_direction_name(w->dir));
	if (m->n != w->n)
		fail_msg("%s: '%s' of '%s': %zu samples, want %zu", path, w->metric, w->bench,
			 m->n, w->n);
	if (bg_metric_runs(m) != w->runs)
		fail_msg("%s: '%s' of '%s': %d runs, want %d", path, w->metric, w->bench,
			 bg_metric_runs(m), w->runs);
	assert_close(m->samples[0], w->first, 1e-15);
	assert_close(m->samples[m->n - 1], w->last, 1e-15);
	return m;
}

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
	if (rs.nruns != c->nruns)
		fail_msg("%s: %d runs, want %d", c->path, rs.nruns, c->nruns);
	if (rs.warnings.n != c->nwarnings)
		fail_msg("%s: %zu warnings, want %zu", c->path, rs.warnings.n, c->nwarnings);
	for (size_t i = 0; i < NELEM(c->m) && c->m[i].bench; i++)
		check_metric(&rs, &c->m[i], c->path);
	bg_resultset_release(&rs);
}

static void test_good_fixtures(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(good_cases); i++)
		check_good(&good_cases[i], NULL);
}

/* --input-format names the reader sniffing would pick: the same result. */
static void test_force_format(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(good_cases); i++)
		check_good(&good_cases[i], good_cases[i].format);
}

/* The whole file, NUL-terminated; fails the test when it cannot be read. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t alloc = 0;

	if (!f)
		fail_msg("cannot open '%s'", path);
	*len = 0;
	for (;;) {
		size_t r;

		bg_grow(&buf, &alloc, *len + 4097, 1);
		r = fread(buf + *len, 1, alloc - *len - 1, f);
		*len += r;
		if (r == 0)
			break;
	}
	fclose(f);
	buf[*len] = '\0';
	return buf;
}

/* Name of the first reader whose sniffer takes buf, or NULL. */
static const char *sniffed(const char *buf, size_t len)
{
	for (const struct bg_reader *r = bg_readers; r->name; r++)
		if (r->sniff(buf, len))
			return r->name;
	return NULL;
}

static void test_sniff(void **state)
{
	static const struct {
		const char *text, *want;
	} texts[] = {
		{ "{\"schema\": \"benchgate.results/1\"}", "native" },
		{ "{\"schema\": \"benchgate.baseline/1\"}", "native" },
		{ "\xEF\xBB\xBF {\"benchmarks\": [{\"metrics\": [{\"samples\": []}]}]}", "native" },
		{ "\n  [{\"benchmarks\": [{\"metrics\": [{\"samples\": []}]}]}]", "native" },
		/* Native needs JSON text: not a NUL, not CSV (a header alone is CSV's). */
		{ "name,\"benchmarks\",\"metrics\",\"samples\"", "csv" },
		{ "{\"results\": [{\"command\": \"true\"}]}", "hyperfine" },
		{ "{\"model_id\": \"m\", \"tps\": 1}", "llm" },
		{ "{\"results\": [{\"command\": \"echo \\\"model_id\\\"\"}]}", "hyperfine" },
		{ "{\"hello\": \"world\"}", NULL },
		{ "", NULL },
	};
	static const char nul[] = "\0{\"benchmarks\": {\"metrics\": {\"samples\"";
	static const char *const bad_files[] = {
		BAD "unknown-shape.json", BAD "malformed.json", BAD "empty.json",
	};
	char *big;
	size_t len;

	(void)state;
	for (size_t i = 0; i < NELEM(texts); i++) {
		const char *got = sniffed(texts[i].text, strlen(texts[i].text));

		if (got != texts[i].want && (!got || !texts[i].want || strcmp(got, texts[i].want)))
			fail_msg("sniffing '%s': got %s, want %s", texts[i].text, got ? got : "none",
				 texts[i].want ? texts[i].want : "none");
	}
	assert_null(sniffed(nul, sizeof(nul) - 1));
	for (size_t i = 0; i < NELEM(good_cases); i++) {
		char *buf = slurp(good_cases[i].path, &len);
		const char *got = sniffed(buf, len);

		if (!got || strcmp(got, good_cases[i].format))
			fail_msg("%s: sniffed as %s, want %s", good_cases[i].path,
				 got ? got : "none", good_cases[i].format);
		free(buf);
	}
	for (size_t i = 0; i < NELEM(bad_files); i++) {
		char *buf = slurp(bad_files[i], &len);

		assert_null(sniffed(buf, len));
		free(buf);
	}
	/* Only the first 64 KiB are looked at. */
	len = 70000;
	big = bg_malloc(len + 1);
	memset(big, ' ', len);
	big[0] = '{';
	memcpy(big + 66000, "\"model_id\": \"m\"}", 16);
	big[len] = '\0';
	assert_null(sniffed(big, len));
	memcpy(big + 1000, "\"model_id\"", 10);
	assert_string_equal(sniffed(big, len), "llm");
	free(big);
	assert_non_null(bg_reader_find("native"));
	assert_non_null(bg_reader_find("hyperfine"));
	assert_non_null(bg_reader_find("llm"));
	assert_null(bg_reader_find("xml"));
}

/* bg_input_read_all on paths that are string literals (it takes char *const *). */
static int read_all(struct bg_resultset *rs, const char *const *paths, size_t n,
		    const char *force, struct bg_error *err)
{
	char *v[8];
	int ret;

	assert_true(n <= NELEM(v));
	for (size_t i = 0; i < n; i++)
		v[i] = bg_strdup(paths[i]);
	ret = bg_input_read_all(rs, v, n, force, err);
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	return ret;
}

/* Reading files one after another: each is a run; names and units must agree. */
static void test_merge(void **state)
{
	static const char *const two[] = { NAT "results.json", NAT "results2.json" };
	static const char *const llm[] = { LLM "run1.json", LLM "run2.json", LLM "run3.json" };
	static const char *const mixed[] = { NAT "results.json", NAT "runs.json", HF "sleep.json" };
	struct bg_resultset rs;
	struct bg_error err = { 0 };
	const struct bg_metric *m;

	(void)state;
	bg_resultset_init(&rs);
	if (read_all(&rs, two, NELEM(two), NULL, &err) < 0)
		fail_msg("%s", err.msg);
	assert_int_equal(rs.nruns, 2);
	assert_int_equal(rs.nbenches, 3);
	assert_string_equal(rs.source, NAT "results.json, " NAT "results2.json");
	m = bg_bench_find(bg_resultset_find(&rs, "json/parse"), "time");
	assert_int_equal(m->n, 8);
	assert_int_equal(bg_metric_runs(m), 2);
	assert_int_equal(m->runs[0], 0);
	assert_int_equal(m->runs[4], 0);
	assert_int_equal(m->runs[5], 1);
	assert_close(m->samples[5], 815, 0);
	m = bg_bench_find(bg_resultset_find(&rs, "json/parse"), "alloc");
	assert_int_equal(bg_metric_runs(m), 1);
	m = bg_bench_find(bg_resultset_find(&rs, "json/validate"), "time");
	assert_int_equal(m->runs[0], 1);
	/* The first file's environment is kept. */
	assert_string_equal(json_string_value(json_object_get(rs.environment, "host")),
			    "ci-runner-1");
	assert_null(rs.provenance);
	bg_resultset_release(&rs);

	bg_resultset_init(&rs);
	if (read_all(&rs, llm, NELEM(llm), NULL, &err) < 0)
		fail_msg("%s", err.msg);
	assert_int_equal(rs.nruns, 3);
	assert_int_equal(rs.nbenches, 1);
	m = bg_bench_find(bg_resultset_find(&rs, "llama-1b"), "tps");
	assert_int_equal(m->n, 3);
	assert_int_equal(bg_metric_runs(m), 3);
	assert_close(m->samples[0], 62.14, 0);
	assert_close(m->samples[1], 63.21, 0);
	assert_close(m->samples[2], 58.0, 0);
	assert_int_equal(m->runs[2], 2);
	assert_string_equal(rs.source, LLM "run1.json, " LLM "run2.json, " LLM "run3.json");
	bg_resultset_release(&rs);

	/* A file with "runs" takes as many runs as it names, numbered after earlier files. */
	bg_resultset_init(&rs);
	if (read_all(&rs, mixed, NELEM(mixed), NULL, &err) < 0)
		fail_msg("%s", err.msg);
	assert_int_equal(rs.nruns, 5);
	m = bg_bench_find(bg_resultset_find(&rs, "sort/1k"), "time");
	assert_int_equal(m->runs[0], 1);
	assert_int_equal(m->runs[2], 2);
	assert_int_equal(m->runs[5], 3);
	m = bg_bench_find(bg_resultset_find(&rs, "sleep 0.02"), "time");
	assert_int_equal(m->runs[0], 4);
	bg_resultset_release(&rs);

	/* Forcing applies to every file. */
	bg_resultset_init(&rs);
	if (read_all(&rs, llm, 2, "llm", &err) < 0)
		fail_msg("%s", err.msg);
	assert_int_equal(rs.nruns, 2);
	bg_resultset_release(&rs);
}

/* A baseline document: its provenance and environment are kept, "none" accepted. */
static void test_baseline(void **state)
{
	struct bg_resultset rs;
	struct bg_error err = { 0 };
	const struct bg_metric *m;

	(void)state;
	bg_resultset_init(&rs);
	if (bg_input_read(&rs, NAT "baseline.json", NULL, &err) < 0)
		fail_msg("%s", err.msg);
	assert_non_null(rs.provenance);
	assert_string_equal(json_string_value(json_object_get(rs.provenance, "branch")), "main");
	assert_string_equal(json_string_value(json_object_get(rs.environment, "compiler")),
			    "gcc 12.2.0");
	m = bg_bench_find(bg_resultset_find(&rs, "json/parse-small"), "page-faults");
	assert_int_equal(m->direction, BG_DIR_NONE);
	assert_int_equal(m->runs[1], 0);
	assert_int_equal(m->runs[2], 1);
	assert_int_equal(rs.nruns, 2);
	bg_resultset_release(&rs);
}

static void test_hyperfine_warning(void **state)
{
	struct bg_resultset rs;
	struct bg_error err = { 0 };

	(void)state;
	bg_resultset_init(&rs);
	if (bg_input_read(&rs, HF "failing.json", NULL, &err) < 0)
		fail_msg("%s", err.msg);
	assert_int_equal(rs.warnings.n, 1);
	assert_string_equal(rs.warnings.v[0],
			    HF "failing.json: 'sh -c \"sleep 0.01; exit 3\"' exited non-zero in 5 of 5 runs");
	bg_resultset_release(&rs);
}

struct bad_case {
	const char *path, *force, *msg;
	int code;
};

static const struct bad_case bad_cases[] = {
	{ BAD "missing.json", NULL,
	  "cannot read '" BAD "missing.json': no such file or directory", BG_EXIT_INPUT },
	{ "tests/data/bad", NULL, "'tests/data/bad' is a directory, and no Criterion.rs benchmark "
	  "with a 'new' baseline is in it (give a file, or target/criterion or a directory in it)",
	  BG_EXIT_INPUT },
	{ BAD "empty.json", NULL, "'" BAD "empty.json' is empty", BG_EXIT_INPUT },
	{ BAD "blank.json", NULL, "'" BAD "blank.json' is empty", BG_EXIT_INPUT },
	{ BAD "malformed.json", NULL, BAD "malformed.json:2:20: string or '}' expected near ','",
	  BG_EXIT_INPUT },
	{ BAD "unknown-shape.json", NULL, "'" BAD "unknown-shape.json': unknown format: none of "
	  "native, hyperfine, llm, criterion, gbench, gotest, pytest, pyperf, testreport, summary, "
	  "csv, tinybench, vitest, mitata, benchmarkjs, catch2, bmf, libtest (see 'benchgate "
	  "formats'; --input-format NAME forces one)", BG_EXIT_INPUT },
	{ BAD "string-sample.json", NULL, BAD "string-sample.json:4:23: sample 2 of 'time' in "
	  "'parse' is a string, not a number", BG_EXIT_INPUT },
	{ BAD "null-sample.json", NULL, BAD "null-sample.json:4:28: sample 3 of 'time' in "
	  "'parse' is null, not a number", BG_EXIT_INPUT },
	{ BAD "nan.json", NULL, BAD "nan.json:4:25: invalid token near 'NaN'", BG_EXIT_INPUT },
	{ BAD "overflow.json", NULL, BAD "overflow.json:4:27: real number overflow near '1e999'",
	  BG_EXIT_INPUT },
	{ BAD "negative-time.json", NULL, BAD "negative-time.json:4:23: sample 2 of 'time' in "
	  "'parse' is negative (-2.5)", BG_EXIT_INPUT },
	{ BAD "no-samples.json", NULL, BAD "no-samples.json:4:17: metric 'time' of 'parse' has "
	  "no samples", BG_EXIT_INPUT },
	{ BAD "missing-unit.json", NULL, BAD "missing-unit.json:3:5: metric 'time' of 'parse' "
	  "has no \"unit\" string", BG_EXIT_INPUT },
	{ BAD "bad-direction.json", NULL, BAD "bad-direction.json:3:49: direction of 'time' in "
	  "'parse' must be \"lower\", \"higher\" or \"none\"", BG_EXIT_INPUT },
	{ BAD "duplicate-bench.json", NULL, BAD "duplicate-bench.json:4:12: duplicate benchmark "
	  "'parse'", BG_EXIT_INPUT },
	{ BAD "duplicate-metric.json", NULL, BAD "duplicate-metric.json:4:14: duplicate metric "
	  "'time' in 'parse'", BG_EXIT_INPUT },
	{ BAD "duplicate-key.json", NULL, BAD "duplicate-key.json:3:41: duplicate object key "
	  "near '\"unit\"'", BG_EXIT_INPUT },
	{ BAD "runs-length.json", NULL, BAD "runs-length.json:4:14: runs of 'time' in 'parse' "
	  "must be a list of 3 run numbers, one per sample", BG_EXIT_INPUT },
	{ BAD "negative-run.json", NULL, BAD "negative-run.json:4:18: run 2 of 'time' in "
	  "'parse' must be a whole number from 0 to 1000000", BG_EXIT_INPUT },
	{ BAD "top-level-array.json", NULL, BAD "top-level-array.json:1:1: the top level must "
	  "be an object with \"benchmarks\"", BG_EXIT_INPUT },
	{ BAD "unknown-schema.json", NULL, BAD "unknown-schema.json:2:13: unknown schema "
	  "'benchgate.results/2' (this benchgate reads benchgate.results/1 and "
	  "benchgate.baseline/1)", BG_EXIT_INPUT },
	{ BAD "hyperfine-no-times.json", NULL, BAD "hyperfine-no-times.json:3:5: 'sleep 0.01' "
	  "has no \"times\" list (export with hyperfine --export-json)", BG_EXIT_INPUT },
	{ BAD "llm-no-model.jsonl", NULL, BAD "llm-no-model.jsonl:2:1: record has no "
	  "\"model_id\" string", BG_EXIT_INPUT },
	{ BAD "llm-broken-line.jsonl", NULL, BAD "llm-broken-line.jsonl:3:33: unexpected token "
	  "near '}'", BG_EXIT_INPUT },
	{ BAD "llm-negative-tps.json", NULL, BAD "llm-negative-tps.json:4:10: 'tps' of "
	  "'llama-1b' is negative (-62.1)", BG_EXIT_INPUT },
	/* One object over several lines: its own error, not JSON Lines' at line 1. */
	{ BAD "llm-broken-object.json", NULL, BAD "llm-broken-object.json:5:1: string or '}' "
	  "expected near '}'", BG_EXIT_INPUT },
	/* NUL is not white space: the line is an error, not skipped. */
	{ BAD "nul-byte.jsonl", NULL, BAD "nul-byte.jsonl:2:1: '[' or '{' expected near end of "
	  "file", BG_EXIT_INPUT },
	/* Forced readers on the wrong shape. */
	{ NAT "results.json", "hyperfine", NAT "results.json:1:1: hyperfine output needs "
	  "\"results\", a non-empty list", BG_EXIT_INPUT },
	{ NAT "results.json", "llm", NAT "results.json:1:1: record has no \"model_id\" string",
	  BG_EXIT_INPUT },
	{ BAD "unknown-shape.json", "native", BAD "unknown-shape.json:1:1: \"benchmarks\" must "
	  "be a list of benchmarks", BG_EXIT_INPUT },
	{ NAT "results.json", "xml", "unknown input format 'xml' (the formats: native, hyperfine, llm, criterion, "
	  "gbench, gotest, pytest, pyperf, testreport, summary, csv, tinybench, vitest, mitata, benchmarkjs, "
	  "catch2, bmf, libtest)", BG_EXIT_USAGE },
};

static void test_bad_inputs(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(bad_cases); i++) {
		const struct bad_case *c = &bad_cases[i];
		struct bg_resultset rs;
		struct bg_error err = { 0 };

		bg_resultset_init(&rs);
		if (bg_input_read(&rs, c->path, c->force, &err) == 0)
			fail_msg("%s: read without error", c->path);
		if (strcmp(err.msg, c->msg))
			fail_msg("%s:\n  got  %s\n  want %s", c->path, err.msg, c->msg);
		if (err.code != c->code)
			fail_msg("%s: code %d, want %d", c->path, err.code, c->code);
		bg_resultset_release(&rs);
	}
}

/*
 * Bad text given straight to a reader, as "t.json": the cases that need no fixture
 * file of their own. N is the start of a native document up to a metric's samples.
 */
#define N "{\"benchmarks\": [{\"name\": \"p\", \"metrics\": [{\"name\": \"time\", " \
	"\"unit\": \"ns\", \"samples\": "

struct bad_text {
	const char *reader, *text, *msg;
};

static const struct bad_text bad_texts[] = {
	/* JSON has no Infinity; -1e999 overflows as 1e999 does. */
	{ "native", N "[1, Infinity]}]}]}", "t.json:1:96: invalid token near 'Infinity'" },
	{ "native", N "[1, -1e999]}]}]}", "t.json:1:94: real number overflow near '-1e999'" },
	{ "native", N "[1, true]}]}]}", "t.json:1:89: sample 2 of 'time' in 'p' is not a number" },
	{ "native", N "[1, {}]}]}]}", "t.json:1:89: sample 2 of 'time' in 'p' is not a number" },
	{ "native", N "\"1\"}]}]}", "t.json:1:85: samples of 'time' in 'p' must be a list of "
	  "numbers" },
	/* A single-document format is one document: nothing may follow it. */
	{ "native", N "[1]}]}]} x", "t.json:1:94: end of file expected near 'x'" },
	{ "native", N "[1]}]}]}\n" N "[1]}]}]}", "t.json:2:1: end of file expected near '{'" },
	{ "native", N "[1, 2], \"runs\": 0}]}]}", "t.json:1:101: runs of 'time' in 'p' must be "
	  "a list of 2 run numbers, one per sample" },
	{ "native", N "[1, 2], \"runs\": [0, 1.5]}]}]}", "t.json:1:105: run 2 of 'time' in 'p' "
	  "must be a whole number from 0 to 1000000" },
	{ "native", N "[1, 2], \"runs\": [0, 1000001]}]}]}", "t.json:1:105: run 2 of 'time' in "
	  "'p' must be a whole number from 0 to 1000000" },
	{ "native", "{\"schema\": 2, \"benchmarks\": []}", "t.json:1:12: \"schema\" must be a "
	  "string, \"benchgate.results/1\" or \"benchgate.baseline/1\"" },
	{ "native", "{\"schema\": \"benchgate.results/1\", \"benchmarks\": []}",
	  "t.json:1:49: \"benchmarks\" is empty" },
	{ "native", "{\"benchmarks\": {}}", "t.json:1:16: \"benchmarks\" must be a list of "
	  "benchmarks" },
	{ "native", "{\"benchmarks\": [3]}", "t.json:1:17: a benchmark is not an object" },
	{ "native", "{\"benchmarks\": [{\"name\": \"p\"}]}", "t.json:1:17: benchmark 'p' needs "
	  "\"metrics\", a non-empty list" },
	{ "native", "{\"benchmarks\": [{\"name\": \"p\", \"metrics\": [7]}]}", "t.json:1:43: a "
	  "metric of 'p' is not an object" },
	{ "native", "{\"benchmarks\": [{\"name\": \"p\", \"metrics\": [{\"name\": \"t\", \"unit\": "
	  "\"ns\", \"direction\": 1, \"samples\": [1]}]}]}", "t.json:1:84: direction of 't' in "
	  "'p' must be \"lower\", \"higher\" or \"none\"" },
	/* Without JSON_DECODE_ANY a scalar at the top is a parse error. */
	{ "native", "\"just a string\"", "t.json:1:15: '[' or '{' expected near '\"just a string\"'" },
	{ "hyperfine", "{\"results\": [{\"command\": \"a\", \"times\": [1]}, {\"command\": \"a\", "
	  "\"times\": [2]}]}", "t.json:1:58: duplicate benchmark 'a' (give each command a name "
	  "with --command-name)" },
	{ "hyperfine", "{\"results\": [5]}", "t.json:1:14: result 1 has no \"command\" string" },
	{ "hyperfine", "{\"results\": []}", "t.json:1:13: hyperfine output needs \"results\", a "
	  "non-empty list" },
	{ "hyperfine", "{\"results\": [{\"command\": \"a\", \"times\": []}]}", "t.json:1:40: 'a' "
	  "has no samples" },
	{ "hyperfine", "{\"results\": [{\"command\": \"a\", \"times\": [0.1, -1]}]}",
	  "t.json:1:46: time 2 of 'a' is negative (-1)" },
	{ "hyperfine", "{\"results\": [{\"command\": \"a\", \"times\": [0.1]}]} {}",
	  "t.json:1:49: end of file expected near '{'" },
	/* LLM fields named like metrics must hold numbers; the place is the file's line. */
	{ "llm", "{\"model_id\": \"m\", \"tps\": \"fast\"}", "t.json:1:26: 'tps' of 'm' is a "
	  "string, not a number" },
	{ "llm", "{\"model_id\": \"m\", \"tps\": null}", "t.json:1:26: 'tps' of 'm' is null, not "
	  "a number" },
	{ "llm", "{\"model_id\": 5, \"tps\": 1}", "t.json:1:14: record has no \"model_id\" string" },
	{ "llm", "{\"tps\": 1}", "t.json:1:1: record has no \"model_id\" string" },
	{ "llm", "[{\"model_id\": \"m\", \"tps\": 1}]", "t.json:1:1: a record must be a JSON "
	  "object with \"model_id\"" },
	{ "llm", "{\"model_id\": \"m\", \"tps\": 1}\n   \n  {\"model_id\": \"m\", \"tps\": 2, "
	  "\"tps\": 3}\n", "t.json:3:35: duplicate object key near '\"tps\"'" },
	{ "llm", "{\"model_id\": \"m\", \"tps\": 1}\n\"x\"\n", "t.json:2:3: '[' or '{' expected "
	  "near '\"x\"'" },
	{ "llm", "{\"model_id\": \"m\", \"tps\": 1}\n{\"model_id\": \"m\", \"tps\": -1}\n",
	  "t.json:2:26: 'tps' of 'm' is negative (-1)" },
	{ "llm", "{\"model_id\": \"m\", \"tps\": 1}\n{\"model_id\": \"m\", \"tps\": 1, "
	  "\"elapsed_s\": 1}\n{\"model_id\": \"m\", \"latency\": 1e999}\n",
	  "t.json:3:34: real number overflow near '1e999'" },
	{ "llm", "{\"model_id\": \"m\", \"tps\": 1} x", "t.json:1:29: end of file expected near "
	  "'x'" },
};

static void test_bad_texts(void **state)
{
	(void)state;
	for (size_t i = 0; i < NELEM(bad_texts); i++) {
		const struct bad_text *c = &bad_texts[i];
		const struct bg_reader *r = bg_reader_find(c->reader);
		struct bg_resultset rs;
		struct bg_error err = { 0 };

		bg_resultset_init(&rs);
		if (r->read(&rs, "t.json", c->text, strlen(c->text), 0, &err) >= 0)
			fail_msg("%s '%s': read without error", c->reader, c->text);
		if (strcmp(err.msg, c->msg))
			fail_msg("%s '%s':\n  got  %s\n  want %s", c->reader, c->text, err.msg, c->msg);
		assert_int_equal(err.code, BG_EXIT_INPUT);
		bg_resultset_release(&rs);
	}
}

/* Text a reader takes: runs, exit codes, JSON Lines with CRLF and blank lines. */
static void test_good_texts(void **state)
{
	static const struct {
		const char *reader, *text;
		int runs;
		size_t nbenches, nsamples, nwarnings;
	} cases[] = {
		{ "native", N "[1, 2], \"runs\": [0, 1000000]}]}]}", 1000001, 1, 2, 0 },
		{ "native", N "[0, -0.0, 1e-300]}]}]}", 1, 1, 3, 0 },
		/* exit_codes of any shape never stops the reading; null is a signal. */
		{ "hyperfine", "{\"results\": [{\"command\": \"a\", \"times\": [0.1], \"exit_codes\": 7}]}",
		  1, 1, 1, 0 },
		{ "hyperfine", "{\"results\": [{\"command\": \"a\", \"times\": [0.1, 0.2], "
		  "\"exit_codes\": [0, null]}]}", 1, 1, 2, 1 },
		{ "llm", "{\"model_id\": \"m\", \"tps\": 1}\r\n\r\n{\"model_id\": \"m\", \"tps\": 2}\r\n",
		  1, 1, 2, 0 },
		{ "llm", "\n\n{\"model_id\": \"m\", \"tps\": 1}\n\n", 1, 1, 1, 0 },
		/* No number: nothing read (bg_input_read says so), no empty benchmark. */
		{ "llm", "{\"model_id\": \"m\", \"prompt\": \"hi\", \"ok\": true}", 1, 0, 0, 0 },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		const struct bg_reader *r = bg_reader_find(cases[i].reader);
		struct bg_resultset rs;
		struct bg_error err = { 0 };
		size_t n = 0;
		int runs;

		bg_resultset_init(&rs);
		runs = r->read(&rs, "t.json", cases[i].text, strlen(cases[i].text), 0, &err);
		if (runs != cases[i].runs)
			fail_msg("case %zu: %d runs, want %d (%s)", i, runs, cases[i].runs, err.msg);
		for (size_t b = 0; b < rs.nbenches; b++)
			for (size_t m = 0; m < rs.benches[b].nmetrics; m++)
				n += rs.benches[b].metrics[m].n;
		assert_int_equal(rs.nbenches, cases[i].nbenches);
		assert_int_equal(n, cases[i].nsamples);
		assert_int_equal(rs.warnings.n, cases[i].nwarnings);
		bg_resultset_release(&rs);
	}
}

#undef N

/* Text written to a temporary file and read with bg_input_read: sniffing's errors. */
static void test_bad_sniffed_texts(void **state)
{
	static const struct {
		const char *text, *msg;   /* msg: %s is the file's name */
	} cases[] = {
		/* JSON Lines of no known shape: unknown, not an error on line 2. */
		{ "{\"a\": 1}\n{\"a\": 2}\n", "'%s': ""unknown format: none of native, hyperfine, llm, criterion, gbench, gotest, pytest, "
		  "pyperf, testreport, summary, csv, tinybench, vitest, mitata, benchmarkjs, catch2, bmf, "
		  "libtest (see 'benchgate formats'; --input-format NAME "
		  "forces one)" },
		/* An object or a list at the top; jansson's column is the token's last. */
		{ "42", "%s:1:2: '[' or '{' expected near '42'" },
		{ "\xEF\xBB\xBF \n\t", "'%s' is empty" },
		{ "{\"model_id\": \"m\", \"prompt\": \"hi\"}", "'%s' holds no benchmark samples" },
		/* Text that is not JSON, nor any text format: unknown, not a JSON error. */
		{ "name time\nparse 1\n", "'%s': ""unknown format: none of native, hyperfine, llm, criterion, gbench, gotest, pytest, "
		  "pyperf, testreport, summary, csv, tinybench, vitest, mitata, benchmarkjs, catch2, bmf, "
		  "libtest (see 'benchgate formats'; --input-format NAME "
		  "forces one)" },
	};
	char dir[] = "/tmp/bg-test-input-XXXXXX", path[64], want[512];

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/t.json", dir);
	for (size_t i = 0; i < NELEM(cases); i++) {
		struct bg_resultset rs;
		struct bg_error err = { 0 };
		FILE *f = fopen(path, "wb");

		assert_non_null(f);
		fputs(cases[i].text, f);
		fclose(f);
		bg_resultset_init(&rs);
		assert_int_equal(bg_input_read(&rs, path, NULL, &err), -1);
		snprintf(want, sizeof(want), cases[i].msg, path);
		if (strcmp(err.msg, want))
			fail_msg("case %zu:\n  got  %s\n  want %s", i, err.msg, want);
		assert_int_equal(err.code, BG_EXIT_INPUT);
		bg_resultset_release(&rs);
	}
	remove(path);
	rmdir(dir);
}

/* Errors that need an earlier file: units of the same metric must agree. */
static void test_bad_merge(void **state)
{
	static const char *const units[] = { NAT "results.json", BAD "unit-mismatch.json" };
	static const char *const later[] = { NAT "runs.json", HF "sleep.json", BAD "string-sample.json" };
	struct bg_resultset rs;
	struct bg_error err = { 0 };

	(void)state;
	bg_resultset_init(&rs);
	assert_int_equal(read_all(&rs, units, NELEM(units), NULL, &err), -1);
	assert_string_equal(err.msg, BAD "unit-mismatch.json:3:30: metric 'time' of 'json/parse' "
			    "is in 'us' here but 'ns' in an earlier input");
	assert_int_equal(err.code, BG_EXIT_INPUT);
	assert_null(rs.source);
	bg_resultset_release(&rs);

	bg_resultset_init(&rs);
	assert_int_equal(read_all(&rs, later, NELEM(later), NULL, &err), -1);
	assert_string_equal(err.msg, BAD "string-sample.json:4:23: sample 2 of 'time' in "
			    "'parse' is a string, not a number");
	bg_resultset_release(&rs);
}

/* bg_json_sample_of: a finite number >= 0, nothing else; *out untouched on refusal. */
static void test_json_sample(void **state)
{
	static const struct {
		const char *text;
		int ret;
		double want;
	} cases[] = {
		{ "[2.5]", 0, 2.5 }, { "[0]", 0, 0 }, { "[-0.0]", 0, 0 }, { "[-1]", -1, 0 },
		{ "[\"1\"]", -1, 0 }, { "[null]", -1, 0 }, { "[true]", -1, 0 }, { "[[1]]", -1, 0 },
		{ "[1e308]", 0, 1e308 },
	};
	struct bg_json_doc *doc = bg_json_doc_new();

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		const struct bg_json *root = bg_json_parse(doc, cases[i].text, strlen(cases[i].text),
							   0, 0, NULL);
		double d = -7;

		assert_non_null(root);
		assert_int_equal(bg_json_sample_of(&d, bg_json_at(root, 0)), cases[i].ret);
		assert_close(d, cases[i].ret ? -7 : cases[i].want, 0);
	}
	bg_json_doc_free(doc);
}

/* bg_json_locate: the value at a path, counted in characters, or -1 and the deepest parent. */
static void test_json_locate(void **state)
{
	static const struct {
		const char *text;
		const char *path[6];
		int ret, line, col;
	} cases[] = {
		{ "{\"a\": {\"b\": [1, [2, 3], {\"c\": 4}]}}", { "a", "b", "[2]", "c" }, 0, 1, 31 },
		{ "{\"a\": {\"b\": [1, [2, 3], {\"c\": 4}]}}", { "a", "b", "[1]", "[1]" }, 0, 1, 21 },
		/* Escaped quotes inside strings do not end them. */
		{ "{\"s\": \"x\\\"y\\\", \\\"b\\\": 9\", \"b\": 5}", { "b" }, 0, 1, 32 },
		{ "{\"s\\\"\": 1, \"b\\\\\": 2, \"b\": 3}", { "b" }, 0, 1, 27 },
		/* Nested arrays, brackets and braces inside strings. */
		{ "[[1, [2, [3]]], [\"]\", \"[{\", 5]]", { "[1]", "[2]" }, 0, 1, 29 },
		{ "[[1, [2, [3]]], [4, 5]]", { "[0]", "[1]", "[1]", "[0]" }, 0, 1, 11 },
		/* Keys with brackets: "[0]" in an object is a key, not an index. */
		{ "{\"x]\": 0, \"a[1]\": 8, \"[0]\": 7}", { "[0]" }, 0, 1, 29 },
		{ "{\"x]\": 0, \"a[1]\": 8, \"[0]\": 7}", { "a[1]" }, 0, 1, 19 },
		{ "{\"[0]\": [\"p\", \"q\"]}", { "[0]", "[1]" }, 0, 1, 15 },
		/* Escaped keys match what they decode to. */
		{ "{\"t\\u0070s\": 3}", { "tps" }, 0, 1, 14 },
		{ "{\"lat\\u00eancia_ms\": 3}", { "lat\xC3\xAA" "ncia_ms" }, 0, 1, 22 },
		{ "{\"\\ud83d\\ude00\": 1}", { "\xF0\x9F\x98\x80" }, 0, 1, 18 },
		{ "{\"a\\nb\": 1, \"a\\/b\": 2}", { "a/b" }, 0, 1, 21 },
		{ "{\"tps\\u\": 1}", { "tps" }, -1, 1, 1 },
		/* Columns count characters: multibyte UTF-8 before the value. */
		{ "{\"n\xC3\xA9v\": \"\xC5\x91\", \"x\": 1}", { "x" }, 0, 1, 19 },
		{ "{\"\xE2\x82\xAC\xF0\x9F\x98\x80\": [1, 2]}", { "\xE2\x82\xAC\xF0\x9F\x98\x80", "[1]" },
		  0, 1, 12 },
		{ "{\n  \"a\": [\n    1,\n    2\n  ]\n}", { "a", "[1]" }, 0, 4, 5 },
		{ "\n  {}", { NULL }, 0, 2, 3 },
		/* Truncated input: what is there is found, what is not gives -1. */
		{ "{\"a\": [1, 2", { "a", "[1]" }, 0, 1, 11 },
		{ "{\"a\": [1, 2", { "a", "[2]" }, -1, 1, 7 },
		{ "{\"a\": \"unterminated", { "b" }, -1, 1, 1 },
		{ "{\"a\": {\"b\": ", { "a", "b" }, 0, 1, 13 },
		{ "{\"a", { "a" }, -1, 1, 1 },
		{ "{\"a\\", { "a" }, -1, 1, 1 },
		{ "", { "a" }, -1, 1, 1 },
		/* Not found: -1, at the deepest value that was. */
		{ "{\"a\": 1}", { "b" }, -1, 1, 1 },
		{ "{\"a\": {\"b\": 1}}", { "a", "c" }, -1, 1, 7 },
		{ "{\"a\": []}", { "a", "[0]" }, -1, 1, 7 },
		{ "{\"a\": [1]}", { "a", "[1]" }, -1, 1, 7 },
		{ "{\"a\": 1}", { "a", "[0]" }, -1, 1, 7 },
		{ "[1, 2]", { "a" }, -1, 1, 1 },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		int line = -1, col = -1;
		int ret = bg_json_locate(cases[i].text, strlen(cases[i].text), cases[i].path,
					 &line, &col);

		if (ret != cases[i].ret || line != cases[i].line || col != cases[i].col)
			fail_msg("case %zu '%s': got %d at %d:%d, want %d at %d:%d", i,
				 cases[i].text, ret, line, col, cases[i].ret, cases[i].line,
				 cases[i].col);
	}
}

/* Only len bytes are looked at: text past it is not read. */
static void test_json_locate_len(void **state)
{
	static const char text[] = "{\"a\": 1, \"b\": 2}";
	static const char *const b[] = { "b", NULL };
	int line, col;

	(void)state;
	assert_int_equal(bg_json_locate(text, 8, b, &line, &col), -1);
	assert_int_equal(bg_json_locate(text, sizeof(text) - 1, b, &line, &col), 0);
	assert_int_equal(col, 15);
	assert_int_equal(bg_json_locate(text, 0, NULL, &line, &col), 0);
	assert_int_equal(line, 1);
	assert_int_equal(col, 1);
}

/*
 * Any bytes: a place inside the text (or just past it), never a crash or a read past
 * len (ASan and valgrind watch). Deterministic: a fixed linear congruential sequence.
 */
static void test_json_locate_any_bytes(void **state)
{
	static const char alphabet[] = "{}[]\":,\\ \n\tab0u1-e.x\xC3\xA9";
	static const char *const paths[][4] = {
		{ "a", NULL }, { "[0]", NULL }, { "a", "[1]", "b", NULL }, { "[1]", "[0]", "a", NULL },
		{ "\xC3\xA9", "[0]", NULL },
	};
	unsigned long seed = 12345;
	char *deep;
	const char *deep_path[9];

	(void)state;
	for (int iter = 0; iter < 20000; iter++) {
		size_t len;
		char *text;
		int line = 0, col = 0, ret, lines = 1;

		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		len = (seed >> 33) % 48;
		text = bg_malloc(len ? len : 1);   /* exactly len bytes, no NUL after */
		for (size_t i = 0; i < len; i++) {
			seed = seed * 6364136223846793005UL + 1442695040888963407UL;
			text[i] = alphabet[(seed >> 33) % (sizeof(alphabet) - 1)];
			lines += text[i] == '\n';
		}
		ret = bg_json_locate(text, len, paths[iter % NELEM(paths)], &line, &col);
		assert_true(ret == 0 || ret == -1);
		assert_true(line >= 1 && line <= lines);
		assert_true(col >= 1 && (size_t)col <= len + 1);
		free(text);
	}
	/* Nesting far deeper than any parser allows: no recursion, no stack to run out of. */
	deep = bg_malloc(200001);
	memset(deep, '[', 100000);
	memset(deep + 100000, ']', 100000);
	deep[200000] = '\0';
	for (int i = 0; i < 8; i++)
		deep_path[i] = "[0]";
	deep_path[8] = NULL;
	{
		int line, col;

		assert_int_equal(bg_json_locate(deep, 200000, deep_path, &line, &col), 0);
		assert_int_equal(col, 9);
		deep_path[7] = "[1]";
		assert_int_equal(bg_json_locate(deep, 200000, deep_path, &line, &col), -1);
		assert_int_equal(bg_json_locate(deep, 100000, deep_path, &line, &col), -1);
	}
	free(deep);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_fixtures),
		cmocka_unit_test(test_force_format),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_merge),
		cmocka_unit_test(test_baseline),
		cmocka_unit_test(test_hyperfine_warning),
		cmocka_unit_test(test_bad_inputs),
		cmocka_unit_test(test_bad_texts),
		cmocka_unit_test(test_good_texts),
		cmocka_unit_test(test_bad_sniffed_texts),
		cmocka_unit_test(test_bad_merge),
		cmocka_unit_test(test_json_sample),
		cmocka_unit_test(test_json_locate),
		cmocka_unit_test(test_json_locate_len),
		cmocka_unit_test(test_json_locate_any_bytes),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
