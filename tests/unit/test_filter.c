/* Tests for src/core/filter.c: --filter patterns, exclusion, and filters that select nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "benchgate/filter.h"

static void fill(struct bg_resultset *rs)
{
	static const char *const benches[] = { "backend=a/quant=q4", "backend=b/quant=q4", "BM_Sum/64" };
	static const char *const metrics[] = { "latency_ms", "tokens_per_s" };

	bg_resultset_init(rs);
	for (int i = 0; i < 3; i++) {
		struct bg_bench *b = bg_resultset_bench(rs, benches[i]);

		for (int j = 0; j < 2; j++)
			bg_metric_add(bg_bench_metric(b, metrics[j], "", BG_DIR_NONE), 1, 0);
	}
}

/* The metrics left as "bench/metric,..." */
static char *left(const struct bg_resultset *rs)
{
	char *s = calloc(1, 1024);

	for (size_t i = 0; i < rs->nbenches; i++)
		for (size_t j = 0; j < rs->benches[i].nmetrics; j++)
			snprintf(s + strlen(s), 1024 - strlen(s), "%s%s/%s", *s ? "," : "",
				 rs->benches[i].name, rs->benches[i].metrics[j].name);
	return s;
}

static void test_select(void **state)
{
	static const struct {
		const char *pats[3];
		const char *want;     /* NULL: bg_filter_check fails with msg */
		const char *msg;
	} cases[] = {
		{ { "latency" }, "backend=a/quant=q4/latency_ms,backend=b/quant=q4/latency_ms,BM_Sum/64/latency_ms", NULL },
		{ { "^backend=b/" }, "backend=b/quant=q4/latency_ms,backend=b/quant=q4/tokens_per_s", NULL },
		{ { "!tokens", "backend" }, "backend=a/quant=q4/latency_ms,backend=b/quant=q4/latency_ms", NULL },
		{ { "!^BM_" }, "backend=a/quant=q4/latency_ms,backend=a/quant=q4/tokens_per_s,backend=b/quant=q4/latency_ms,backend=b/quant=q4/tokens_per_s", NULL },
		{ { "tokens_per_s$", "latency_ms$" }, "backend=a/quant=q4/latency_ms,backend=a/quant=q4/tokens_per_s,backend=b/quant=q4/latency_ms,backend=b/quant=q4/tokens_per_s,BM_Sum/64/latency_ms,BM_Sum/64/tokens_per_s", NULL },
		{ { "gpu" }, NULL, "--filter 'gpu' matches no benchmark/metric" },
		{ { "latency", "!colour" }, NULL, "--filter '!colour' matches no benchmark/metric" },
		{ { "!." }, NULL, "--filter '!.' leaves no benchmark/metric" },
		{ { "q4", "!backend" }, NULL, "the filters ('q4' ... '!backend') leave no benchmark/metric" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct bg_filter f;
		struct bg_resultset rs;
		struct bg_error err = { 0 };
		char *s;
		int r;

		bg_filter_init(&f);
		fill(&rs);
		for (int k = 0; k < 3 && cases[i].pats[k]; k++)
			assert_int_equal(bg_filter_add(&f, cases[i].pats[k], "--filter", &err), 0);
		bg_filter_apply(&f, &rs);
		r = bg_filter_check(&f, &err);
		if (cases[i].want) {
			assert_int_equal(r, 0);
			s = left(&rs);
			assert_string_equal(s, cases[i].want);
			free(s);
			/* The name index follows the benches that are left. */
			for (size_t k = 0; k < rs.nbenches; k++)
				assert_ptr_equal(bg_resultset_find(&rs, rs.benches[k].name), &rs.benches[k]);
			if (!strstr(cases[i].want, "BM_Sum"))
				assert_null(bg_resultset_find(&rs, "BM_Sum/64"));
		} else {
			assert_int_equal(r, -1);
			assert_int_equal(err.code, BG_EXIT_INPUT);
			assert_string_equal(err.msg, cases[i].msg);
		}
		bg_resultset_release(&rs);
		bg_filter_release(&f);
	}
}

static void test_bad_regex(void **state)
{
	struct bg_filter f;
	struct bg_error err = { 0 };

	(void)state;
	bg_filter_init(&f);
	assert_int_equal(bg_filter_add(&f, "a(b", "--filter", &err), -1);
	assert_int_equal(err.code, BG_EXIT_USAGE);
	assert_true(!strncmp(err.msg, "--filter 'a(b' is not a regular expression: ", 44));
	assert_int_equal(f.n, 0);
	bg_filter_release(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_select),
		cmocka_unit_test(test_bad_regex),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
