/* Tests for src/input/testreport.c: durations per test and model, outcomes, unclean runs. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "benchgate/input.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static int read_report(struct bg_resultset *rs, const char *text, struct bg_error *err)
{
	const struct bg_reader *r = bg_reader_find("testreport");

	assert_non_null(r);
	return r->read(rs, "r.jsonl", text, strlen(text), rs->nruns, err);
}

static const char clean[] =
	"{\"test\": \"t_a\", \"model\": \"m1\", \"outcome\": \"passed\", \"duration\": 0.5, \"schema_version\": \"1.0\","
	" \"hardware_profile\": {\"cpu\": \"x\"}, \"system_health\": {\"swap_used_mb\": 0, \"zombie_processes\": 0},"
	" \"test_start_ts\": 1.0, \"test_end_ts\": 1.5}\n"
	"\n"
	"{\"test\": \"t_a\", \"model\": \"m1\", \"outcome\": \"passed\", \"duration\": 0.25}\n"
	"{\"test\": \"t_a\", \"model\": \"m2\", \"outcome\": \"passed\", \"duration\": 1}\n"
	"{\"test\": \"t_a\", \"model\": \"m1\", \"outcome\": \"failed\", \"duration\": 99}\n"
	"{\"test\": \"t_b\", \"outcome\": \"skipped\", \"duration\": null}\n"
	"{\"test\": \"t_b\", \"outcome\": \"passed\", \"duration\": 2}\n";

static void test_records(void **state)
{
	struct bg_resultset rs;
	struct bg_error err = { 0 };
	struct bg_metric *m;

	(void)state;
	bg_resultset_init(&rs);
	assert_int_equal(read_report(&rs, clean, &err), 1);
	assert_int_equal(rs.nbenches, 3);
	assert_string_equal(rs.benches[0].name, "t_a (m1)");
	assert_string_equal(rs.benches[1].name, "t_a (m2)");
	assert_string_equal(rs.benches[2].name, "t_b");
	m = bg_bench_find(&rs.benches[0], "duration");
	assert_string_equal(m->unit, "s");
	assert_int_equal(m->direction, BG_DIR_LOWER);
	/* The failed record's 99 is left out. */
	assert_int_equal(m->n, 2);
	assert_true(m->samples[0] == 0.5 && m->samples[1] == 0.25);
	assert_int_equal(rs.unclean, 0);
	assert_int_equal(rs.warnings.n, 1);
	assert_string_equal(rs.warnings.v[0],
			    "'r.jsonl': 2 of 6 records not passed (1 failed, 1 skipped): their durations are left out");
	assert_string_equal(json_string_value(json_object_get(rs.environment, "schema_version")), "1.0");
	assert_non_null(json_object_get(rs.environment, "hardware_profile"));
	bg_resultset_release(&rs);
}

static void test_unclean(void **state)
{
	static const char text[] =
		"{\"test\": \"t\", \"outcome\": \"passed\", \"duration\": 1, \"system_health\": {\"swap_used_mb\": 12.5, \"zombie_processes\": 0}}\n"
		"{\"test\": \"t\", \"outcome\": \"passed\", \"duration\": 1, \"system_health\": {\"swap_used_mb\": 0, \"zombie_processes\": 3}}\n"
		"{\"test\": \"t\", \"outcome\": \"passed\", \"duration\": 1, \"system_health\": {\"swap_used_mb\": 0, \"zombie_processes\": 0}}\n";
	struct bg_resultset rs, clean_rs;
	struct bg_error err = { 0 };

	(void)state;
	bg_resultset_init(&rs);
	bg_resultset_init(&clean_rs);
	assert_int_equal(read_report(&rs, text, &err), 1);
	assert_int_equal(rs.unclean, 2);
	assert_int_equal(rs.warnings.n, 1);
	assert_string_equal(rs.warnings.v[0],
			    "'r.jsonl': unclean run: 1 record with swap in use, 1 with zombie processes");
	/* Smoke passes it on with the warning; official refuses either side, unless allowed. */
	assert_int_equal(bg_unclean_refuse(&clean_rs, &rs, "smoke", 0, 0, &err), 0);
	assert_int_equal(bg_unclean_refuse(&clean_rs, &rs, "official", 1, 0, &err), -1);
	assert_int_equal(err.code, BG_EXIT_INPUT);
	assert_non_null(strstr(err.msg, "the current results come from an unclean run"));
	assert_int_equal(bg_unclean_refuse(&rs, &clean_rs, "official", 1, 0, &err), -1);
	assert_non_null(strstr(err.msg, "the baseline results come from an unclean run"));
	assert_int_equal(bg_unclean_refuse(&clean_rs, &rs, "official", 1, 1, &err), 0);
	assert_int_equal(bg_unclean_refuse(&clean_rs, &clean_rs, "official", 1, 0, &err), 0);
	bg_resultset_release(&rs);
	bg_resultset_release(&clean_rs);
}

static void test_errors(void **state)
{
	static const struct {
		const char *text, *msg;
	} cases[] = {
		{ "{\"test\": \"a\", \"outcome\": \"passed\", \"duration\": 1}\n{\"outcome\": \"passed\"}\n",
		  "r.jsonl:2:1: record has no \"test\" string" },
		{ "{\"test\": \"a\", \"duration\": 1}\n", "r.jsonl:1:1: record of 'a' has no \"outcome\" string" },
		{ "{\"test\": \"a\", \"outcome\": \"passed\"}\n", "r.jsonl:1:1: passed record of 'a' has no \"duration\"" },
		{ "{\"test\": \"a\", \"outcome\": \"passed\", \"duration\": \"1\"}\n",
		  "r.jsonl:1:48: 'duration' of 'a' is a string, not a number" },
		{ "{\"test\": \"a\", \"outcome\": \"passed\", \"duration\": -1}\n",
		  "r.jsonl:1:48: 'duration' of 'a' is negative (-1)" },
		{ "{\"test\": \"a\", \"outcome\": \"passed\", \"duration\": 1, \"model\": 7}\n",
		  "r.jsonl:1:60: 'model' of 'a' must be a string" },
		{ "{\"test\": \"a\", \"outcome\": \"passed\", \"duration\": 1, \"system_health\": {\"zombie_processes\": -1}}\n",
		  "r.jsonl:1:89: 'system_health.zombie_processes' must be a number >= 0" },
		{ "{\"test\": \"a\", \"outcome\": \"passed\", \"duration\": 1}\n[1]\n",
		  "r.jsonl:2:1: a test report record must be a JSON object" },
		{ "{\"test\": \"a\", \"outcome\": \"passed\", \"duration\": 1}\n{\"test\": \n",
		  "r.jsonl:2:9: unexpected token near end of file" },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		struct bg_resultset rs;
		struct bg_error err = { 0 };

		bg_resultset_init(&rs);
		assert_int_equal(read_report(&rs, cases[i].text, &err), -1);
		assert_int_equal(err.code, BG_EXIT_INPUT);
		if (strcmp(err.msg, cases[i].msg))
			fail_msg("case %zu:\n  got  %s\n  want %s", i, err.msg, cases[i].msg);
		bg_resultset_release(&rs);
	}
}

static void test_profiles(void **state)
{
	static const char text[] =
		"{\"test\": \"t\", \"outcome\": \"passed\", \"duration\": 1, \"hardware_profile\": {\"cpu\": \"a\"}}\n"
		"{\"test\": \"t\", \"outcome\": \"passed\", \"duration\": 1, \"hardware_profile\": {\"cpu\": \"a\"}}\n"
		"{\"test\": \"t\", \"outcome\": \"passed\", \"duration\": 1, \"hardware_profile\": {\"cpu\": \"b\"}}\n";
	struct bg_resultset rs;
	struct bg_error err = { 0 };

	(void)state;
	bg_resultset_init(&rs);
	assert_int_equal(read_report(&rs, text, &err), 1);
	assert_int_equal(rs.warnings.n, 1);
	assert_string_equal(rs.warnings.v[0],
			    "'r.jsonl': 1 record has a hardware_profile other than the first record's: one run on several machines?");
	assert_string_equal(json_string_value(json_object_get(json_object_get(rs.environment, "hardware_profile"), "cpu")), "a");
	bg_resultset_release(&rs);
}

/* Seven outcomes are named; the rest are counted as "other". */
static void test_many_outcomes(void **state)
{
	static const char *const outcomes[] = { "failed", "error", "skipped", "xfailed", "xpassed",
						"rerun", "timeout", "crashed", "hung", "failed" };
	char text[4096];
	size_t k = 0;
	struct bg_resultset rs;
	struct bg_error err = { 0 };

	(void)state;
	for (size_t i = 0; i < sizeof(outcomes) / sizeof(outcomes[0]); i++)
		k += (size_t)snprintf(text + k, sizeof(text) - k,
				      "{\"test\": \"t\", \"outcome\": \"%s\", \"duration\": 1}\n", outcomes[i]);
	snprintf(text + k, sizeof(text) - k, "{\"test\": \"t\", \"outcome\": \"passed\", \"duration\": 1}\n");
	bg_resultset_init(&rs);
	assert_int_equal(read_report(&rs, text, &err), 1);
	assert_int_equal(rs.warnings.n, 1);
	assert_string_equal(rs.warnings.v[0],
			    "'r.jsonl': 10 of 11 records not passed (2 failed, 1 error, 1 skipped, 1 xfailed, "
			    "1 xpassed, 1 rerun, 1 timeout, 2 other): their durations are left out");
	bg_resultset_release(&rs);
}

static void test_sniff(void **state)
{
	const struct bg_reader *r = bg_reader_find("testreport");

	(void)state;
	assert_true(r->sniff(clean, strlen(clean)));
	assert_false(r->sniff("{\"model_id\": \"m\", \"tps\": 1}", 27));
	assert_false(r->sniff("test,outcome,duration\n", 22));
	assert_true(r->sniff("{\"test\": \"a\", \"outcome\": \"skipped\"}\n", 36));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_records),
		cmocka_unit_test(test_unclean),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_many_outcomes),
		cmocka_unit_test(test_profiles),
		cmocka_unit_test(test_sniff),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
