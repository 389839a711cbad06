/* Tests for src/core/infer.c: unit and direction of real metric names, one table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "benchgate/infer.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

#define L BG_DIR_LOWER
#define H BG_DIR_HIGHER
#define N BG_DIR_NONE

/*
 * Metric names as the harnesses benchgate reads write them, with the unit the format
 * states (NULL: the format states none, the reader asks the name), the unit the name
 * implies and the direction a person reading the harness's docs expects.
 */
static const struct {
	const char *harness, *name, *unit, *want_unit;
	enum bg_direction want;
} cases[] = {
	/* go test -bench: ns/op is read as "time" in ns; other metrics are named by their unit. */
	{ "go", "time", "ns", "", L },
	{ "go", "B/op", "B/op", "", L },
	{ "go", "allocs/op", "allocs/op", "", L },
	{ "go", "MB/s", "MB/s", "MB/s", H },
	{ "go", "sec/op", "sec/op", "", L },
	{ "go", "ns/elem", "ns/elem", "", L },
	{ "go", "elements/op", "elements/op", "", N },
	{ "go", "tokens/s", "tokens/s", "", H },
	{ "go", "ops/s", "ops/s", "", H },
	{ "go", "B/s", "B/s", "B/s", H },
	/* Google Benchmark: times, and user counters (no unit in the JSON). */
	{ "gbench", "real_time", "ns", "", L },
	{ "gbench", "cpu_time", "us", "", L },
	{ "gbench", "items_per_second", NULL, "items/s", H },
	{ "gbench", "bytes_per_second", NULL, "B/s", H },
	{ "gbench", "elements", NULL, "", N },
	{ "gbench", "bytes", NULL, "", N },
	{ "gbench", "cache_misses", NULL, "", N },
	{ "gbench", "compression_ratio", NULL, "", N },
	{ "gbench", "GFLOPS", NULL, "", H },
	/* pyperf, hyperfine, pytest-benchmark, criterion, testreport: fixed metrics. */
	{ "pyperf", "time", "s", "", L },
	{ "hyperfine", "time", "s", "", L },
	{ "pytest", "time", "s", "", L },
	{ "criterion", "time", "ns", "", L },
	{ "criterion", "throughput", "B/s", "", H },
	{ "criterion", "throughput", "elem/s", "", H },
	{ "testreport", "duration", "s", "", L },
	/* The llm reader: per-run records of serving benchmarks. */
	{ "llm", "tps", NULL, "", H },
	{ "llm", "tokens", NULL, "", N },
	{ "llm", "elapsed_s", NULL, "s", L },
	{ "llm", "ttft_ms", NULL, "ms", L },
	{ "llm", "tpot_ms", NULL, "ms", L },
	{ "llm", "itl_ms", NULL, "ms", L },
	{ "llm", "e2e_latency_ms", NULL, "ms", L },
	{ "llm", "median_e2el_ms", NULL, "ms", L },
	{ "llm", "mean_ttft_ms", NULL, "ms", L },
	{ "llm", "p99_itl_ms", NULL, "ms", L },
	{ "llm", "time_to_first_token_ms", NULL, "ms", L },
	{ "llm", "tokens_per_s", NULL, "tok/s", H },
	{ "llm", "output_tokens_per_sec", NULL, "tok/s", H },
	{ "llm", "prefill_tokens_per_s", NULL, "tok/s", H },
	{ "llm", "decode_tokens_per_second", NULL, "tok/s", H },
	{ "llm", "request_throughput", NULL, "", H },
	{ "llm", "total_token_throughput", NULL, "", H },
	{ "llm", "req_per_s", NULL, "req/s", H },
	{ "llm", "requests_per_sec", NULL, "req/s", H },
	{ "llm", "prompt_tokens", NULL, "", N },
	{ "llm", "ms_per_token", NULL, "ms/tok", L },
	/* CSV logs of training and inference harnesses. */
	{ "csv", "enqueue_latency_ms", NULL, "ms", L },
	{ "csv", "total_latency_ms", NULL, "ms", L },
	{ "csv", "tokens_per_sec", NULL, "tok/s", H },
	{ "csv", "memory_throughput_gb_s", NULL, "GB/s", H },
	{ "csv", "param_throughput_gb_s", NULL, "GB/s", H },
	{ "csv", "bandwidth_gb_s", NULL, "GB/s", H },
	{ "csv", "gb_per_s", NULL, "GB/s", H },
	{ "csv", "mb_per_sec", NULL, "MB/s", H },
	{ "csv", "step_time_s", NULL, "s", L },
	{ "csv", "wall_s", NULL, "s", L },
	{ "csv", "duration_seconds", NULL, "s", L },
	{ "csv", "kernel_time_ns", NULL, "ns", L },
	{ "csv", "latency_us", NULL, "us", L },
	{ "csv", "latency_min", NULL, "", L },
	{ "csv", "total_s", NULL, "s", L },
	{ "csv", "throughput", NULL, "", H },
	{ "csv", "qps", NULL, "", H },
	{ "csv", "rps", NULL, "", H },
	{ "csv", "samples_per_second", NULL, "samples/s", H },
	{ "csv", "images_per_sec", NULL, "images/s", H },
	{ "csv", "frames_per_minute", NULL, "frames/min", H },
	{ "csv", "peak_memory_gb", NULL, "GB", N },
	{ "csv", "model_size_mb", NULL, "MB", N },
	{ "csv", "output_bytes", NULL, "B", N },
	{ "csv", "loss", NULL, "", N },
	{ "csv", "accuracy", NULL, "", N },
	{ "csv", "batch_size", NULL, "", N },
	{ "csv", "per_sec", NULL, "/s", H },
	/* summary JSON states a unit beside names of the same kinds. */
	{ "summary", "latency", "ms", "", L },
	{ "summary", "tokens_per_s", "tok/s", "tok/s", H },
	{ "summary", "queue_depth", "", "", N },
};

static void test_names(void **state)
{
	int bad = 0;

	(void)state;
	assert_true(NELEM(cases) >= 50);
	for (size_t i = 0; i < NELEM(cases); i++) {
		enum bg_direction d = (enum bg_direction)99;
		char *u = bg_infer_metric(cases[i].name, cases[i].unit, &d);

		if (d != cases[i].want || strcmp(u, cases[i].want_unit))
			bad++, print_error("%s '%s' (unit '%s'): %s '%s', expected %s '%s'\n", cases[i].harness,
				 cases[i].name, cases[i].unit ? cases[i].unit : "(none)",
				 bg_direction_name(d), u, bg_direction_name(cases[i].want),
				 cases[i].want_unit);
		free(u);
	}
	assert_int_equal(bad, 0);
}

/* The rules are ordered: each pair here is decided by the earlier rule. */
static void test_order(void **state)
{
	static const struct {
		const char *name, *unit;
		enum bg_direction want;
	} order[] = {
		{ "tokens_per_s", NULL, H },          /* 1 before 6: ends in _s */
		{ "latency_per_s", NULL, H },         /* 1 before 5 */
		{ "ms_per_token", NULL, L },          /* 2: a time over a count */
		{ "ops", "ns", L },                   /* 3 before 4: the stated unit */
		{ "time", "tok/s", H },               /* 3 before 5 */
		{ "throughput_ms", NULL, H },         /* 4 before 6 */
		{ "time_per_output_token_ms", NULL, L }, /* per without a time word is no rate */
	};

	(void)state;
	for (size_t i = 0; i < NELEM(order); i++) {
		enum bg_direction d;
		char *u = bg_infer_metric(order[i].name, order[i].unit, &d);

		if (d != order[i].want)
			fail_msg("'%s': %s, expected %s", order[i].name, bg_direction_name(d),
				 bg_direction_name(order[i].want));
		free(u);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_order),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
