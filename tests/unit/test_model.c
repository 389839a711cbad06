/* Tests for src/core/model.c and src/core/error.c: the data model, direction inference, errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "benchgate/model.h"

static void test_direction_infer(void **state)
{
	static const struct {
		const char *metric, *unit;
		enum bg_direction want;
	} cases[] = {
		{ "time", "ns", BG_DIR_LOWER },
		{ "time", "", BG_DIR_LOWER },
		{ "elapsed_s", "s", BG_DIR_LOWER },
		{ "ttft_ms", "ms", BG_DIR_LOWER },
		{ "total_latency_ms", "", BG_DIR_LOWER },
		{ "enqueue_latency_ms", "ms", BG_DIR_LOWER },
		{ "x", "B/op", BG_DIR_LOWER },
		{ "x", "allocs/op", BG_DIR_LOWER },
		{ "tps", "tok/s", BG_DIR_HIGHER },
		{ "tps", "", BG_DIR_HIGHER },
		{ "tokens_per_sec", "", BG_DIR_HIGHER },
		{ "memory_throughput_gb_s", "", BG_DIR_HIGHER },
		{ "items_per_second", "", BG_DIR_HIGHER },
		{ "bytes", "MB/s", BG_DIR_HIGHER },
		{ "ops", "ops/s", BG_DIR_HIGHER },
		{ "tokens", "tokens", BG_DIR_NONE },
		{ "size", "", BG_DIR_NONE },
		{ "timestamp_id", "", BG_DIR_NONE },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum bg_direction d = bg_direction_infer(cases[i].metric, cases[i].unit);

		if (d != cases[i].want)
			fail_msg("%s [%s]: got %s, want %s", cases[i].metric, cases[i].unit,
				 bg_direction_name(d), bg_direction_name(cases[i].want));
	}
}

static void test_resultset(void **state)
{
	struct bg_resultset rs;
	struct bg_bench *b;
	struct bg_metric *m;

	(void)state;
	bg_resultset_init(&rs);
	b = bg_resultset_bench(&rs, "a");
	assert_ptr_equal(bg_resultset_bench(&rs, "a"), b);
	assert_null(bg_resultset_find(&rs, "b"));
	m = bg_bench_metric(b, "time", "ns", BG_DIR_LOWER);
	assert_non_null(m);
	assert_ptr_equal(bg_bench_metric(b, "time", "ns", BG_DIR_LOWER), m);
	assert_null(bg_bench_metric(b, "time", "ms", BG_DIR_LOWER));
	for (int i = 0; i < 100; i++)
		bg_metric_add(m, i, i % 3 == 0 ? 5 : i % 3);
	assert_int_equal(m->n, 100);
	assert_int_equal(m->samples[99], 99);
	assert_int_equal(bg_metric_runs(m), 3);
	bg_resultset_release(&rs);
}

static void test_names(void **state)
{
	enum bg_direction d;
	enum bg_statistic s;

	(void)state;
	assert_int_equal(bg_direction_parse(&d, "higher"), 0);
	assert_int_equal(d, BG_DIR_HIGHER);
	assert_int_equal(bg_direction_parse(&d, "none"), -1);
	assert_int_equal(bg_statistic_parse(&s, "p99"), 0);
	assert_int_equal(s, BG_STAT_P99);
	assert_string_equal(bg_statistic_name(BG_STAT_MEAN), "mean");
	assert_int_equal(bg_statistic_parse(&s, "p50"), -1);
	assert_true(bg_glob_match("llm/*", "llm/llama-1b"));
	assert_false(bg_glob_match("llm/*", "xllm/a"));
}

static void test_errors(void **state)
{
	struct bg_error err = { 0 };
	struct bg_strlist l;

	(void)state;
	assert_int_equal(bg_error_at(&err, 3, "r.json", 3, 17, "'%s' is bad", "x"), -1);
	assert_string_equal(err.msg, "r.json:3:17: 'x' is bad");
	assert_int_equal(err.code, 3);
	bg_error_at(&err, 3, "r.csv", 14, 0, "short");
	assert_string_equal(err.msg, "r.csv:14: short");
	bg_error_at(&err, 4, "dir", 0, 0, "gone");
	assert_string_equal(err.msg, "dir: gone");
	assert_int_equal(bg_error(NULL, 2, "x"), -1);
	bg_strlist_init(&l);
	bg_strlist_addf(&l, "%d warnings", 2);
	bg_strlist_add(&l, "x");
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0], "2 warnings");
	bg_strlist_release(&l);
}

/*
 * The sample limit counts what is held at once: past it samples are dropped and the
 * limit says so; released result sets give their place back. Benchmarks are found by
 * name through the index among many.
 */
static void test_sample_limit(void **state)
{
	struct bg_resultset a, b;
	struct bg_metric *m;
	char name[32];

	(void)state;
	bg_resultset_init(&a);
	bg_resultset_init(&b);
	bg_sample_limit_set(10);
	m = bg_bench_metric(bg_resultset_bench(&a, "x"), "time", "ns", BG_DIR_LOWER);
	for (int i = 0; i < 10; i++)
		bg_metric_add(m, i, 0);
	assert_false(bg_sample_limit_exceeded());
	bg_metric_add(m, 10, 0);
	assert_true(bg_sample_limit_exceeded());
	assert_int_equal(m->n, 10);   /* the eleventh was not kept */
	bg_resultset_release(&a);
	assert_false(bg_sample_limit_exceeded());
	m = bg_bench_metric(bg_resultset_bench(&b, "y"), "time", "ns", BG_DIR_LOWER);
	for (int i = 0; i < 10; i++)
		bg_metric_add(m, i, 0);
	assert_false(bg_sample_limit_exceeded());
	assert_int_equal(m->n, 10);
	bg_resultset_release(&b);
	bg_sample_limit_set(BG_MAX_SAMPLES);

	for (int i = 0; i < 5000; i++) {
		snprintf(name, sizeof(name), "bench/%d", i);
		bg_resultset_bench(&a, name);
	}
	assert_int_equal(a.nbenches, 5000);
	for (int i = 0; i < 5000; i += 7) {
		snprintf(name, sizeof(name), "bench/%d", i);
		assert_non_null(bg_resultset_find(&a, name));
		assert_string_equal(bg_resultset_find(&a, name)->name, name);
		assert_ptr_equal(bg_resultset_bench(&a, name), bg_resultset_find(&a, name));
	}
	assert_null(bg_resultset_find(&a, "bench/5000"));
	assert_int_equal(a.nbenches, 5000);
	bg_resultset_release(&a);
}

/* bg_strlist_join: ranges, a prefix on each, the separator only between. */
static void test_strlist_join(void **state)
{
	struct bg_strlist l;
	char *s;

	(void)state;
	bg_strlist_init(&l);
	s = bg_strlist_join(&l, 0, 0, NULL, ", ");
	assert_string_equal(s, "");
	free(s);
	bg_strlist_add(&l, "q4");
	bg_strlist_add(&l, "q8");
	bg_strlist_add(&l, "f16");
	s = bg_strlist_join(&l, 0, l.n, NULL, "; ");
	assert_string_equal(s, "q4; q8; f16");
	free(s);
	s = bg_strlist_join(&l, 1, 3, "quant=", ", ");
	assert_string_equal(s, "quant=q8, quant=f16");
	free(s);
	s = bg_strlist_join(&l, 2, 3, NULL, ", ");
	assert_string_equal(s, "f16");
	free(s);
	bg_strlist_release(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_direction_infer),
		cmocka_unit_test(test_resultset),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_strlist_join),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_sample_limit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
