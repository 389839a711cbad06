/* Tests for src/gate/axis.c: name parts, --by specs, and the pairs an axis makes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "benchgate/axis.h"
#include "benchgate/policy.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* The parts of a name as "key=value|key=value". */
static char *parts_str(const char *name, const char *whole_key)
{
	struct bg_name_part p[BG_NAME_MAX_PARTS];
	size_t n = bg_name_parts(p, name, whole_key);
	char *s = calloc(1, 1024);

	for (size_t i = 0; i < n; i++)
		snprintf(s + strlen(s), 1024 - strlen(s), "%s%.*s=%.*s", i ? "|" : "", (int)p[i].klen,
			 p[i].key, (int)p[i].vlen, p[i].value);
	return s;
}

static void test_parts(void **state)
{
	static const struct {
		const char *name, *whole, *want;
	} cases[] = {
		{ "backend=llama.cpp/quant=q4/model=llama-1b", NULL, "backend=llama.cpp|quant=q4|model=llama-1b" },
		{ "BenchmarkDecode/backend=cpu/size=1k", NULL, "name=BenchmarkDecode|backend=cpu|size=1k" },
		{ "BM_Sum/64/8", NULL, "name=BM_Sum|arg1=64|arg2=8" },
		{ "BM_Copy/threads:4", NULL, "name=BM_Copy|threads=4" },
		{ "model=meta-llama/Llama-3-8B/quant=q4", NULL, "model=meta-llama/Llama-3-8B|quant=q4" },
		{ "llama-1b", "model", "model=llama-1b" },
		{ "meta-llama/Llama-3/suite=m4", "model", "model=meta-llama/Llama-3|suite=m4" },
		{ "a=b=c", NULL, "a=b=c" },
		{ "=x/y", NULL, "name==x|arg1=y" },
		{ "time:", NULL, "name=time:" },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		char *s = parts_str(cases[i].name, cases[i].whole);

		if (strcmp(s, cases[i].want))
			fail_msg("'%s': '%s', expected '%s'", cases[i].name, s, cases[i].want);
		free(s);
	}
}

static void test_rest(void **state)
{
	char *v, *r;

	(void)state;
	r = bg_axis_rest(&v, "backend=tiny/quant=q4/model=m", "quant", NULL);
	assert_string_equal(r, "backend=tiny/model=m");
	assert_string_equal(v, "q4");
	free(r), free(v);
	r = bg_axis_rest(&v, "llama-1b", "model", "model");
	assert_string_equal(r, "");
	assert_string_equal(v, "llama-1b");
	free(r), free(v);
	assert_null(bg_axis_rest(&v, "backend=tiny", "quant", NULL));
	assert_null(v);
}

static void test_parse(void **state)
{
	static const struct {
		const char *spec;
		int ok;
		size_t nvalues;
	} cases[] = {
		{ "backend", 1, 0 }, { "quant=q4,q8", 1, 2 }, { "suite=m4", 1, 1 },
		{ "", 0, 0 }, { "=q4", 0, 0 }, { "quant=", 0, 0 }, { "quant=q4,,q8", 0, 0 },
		{ "quant=q4,q4", 0, 0 }, { "a/b", 0, 0 },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		struct bg_axis ax;
		struct bg_error err = { 0 };
		int r;

		bg_axis_init(&ax);
		r = bg_axis_parse(&ax, cases[i].spec, "--by", &err);
		if ((r == 0) != cases[i].ok)
			fail_msg("'%s': %d (%s)", cases[i].spec, r, err.msg);
		if (r < 0)
			assert_int_equal(err.code, BG_EXIT_USAGE);
		else
			assert_int_equal(ax.values.n, cases[i].nvalues);
		bg_axis_release(&ax);
	}
}

static void add(struct bg_resultset *rs, const char *name, double level)
{
	struct bg_bench *b = bg_resultset_bench(rs, name);
	struct bg_metric *m = bg_bench_metric(b, "time", "ms", BG_DIR_LOWER);

	for (int i = 0; i < 3; i++)
		bg_metric_add(m, level + i, i);
}

static void test_pair(void **state)
{
	struct bg_resultset rs, base, cur;
	struct bg_axis ax;
	struct bg_axis_info info;
	struct bg_error err = { 0 };

	(void)state;
	bg_resultset_init(&rs);
	rs.source = strdup("steps.csv");
	add(&rs, "backend=a/quant=q4", 10);
	add(&rs, "backend=a/quant=q8", 20);
	add(&rs, "backend=b/quant=q4", 11);
	add(&rs, "backend=b/quant=q8", 21);
	add(&rs, "backend=c/quant=q4", 12);   /* c: q4 only */
	add(&rs, "backend=b/quant=f16", 30);  /* no reference */
	add(&rs, "other", 1);                 /* no key */

	bg_resultset_init(&base);
	bg_resultset_init(&cur);
	bg_axis_init(&ax);
	bg_axis_info_init(&info);
	assert_int_equal(bg_axis_parse(&ax, "backend", "--by", &err), 0);
	assert_int_equal(bg_axis_pair(&base, &cur, &info, &rs, &ax, NULL, &err), 0);
	assert_int_equal(info.pairs, 3);
	assert_int_equal(info.unpaired, 2);
	assert_int_equal(info.values.n, 3);
	assert_string_equal(info.values.v[0], "a");
	/* Pairs in group order, then the unpaired. */
	assert_int_equal(base.nbenches, 3);
	assert_string_equal(base.benches[0].name, "backend=b/quant=q4");
	assert_string_equal(base.benches[1].name, "backend=c/quant=q4");
	assert_string_equal(base.benches[2].name, "backend=b/quant=q8");
	assert_true(base.benches[0].metrics[0].samples[0] == 10);   /* a's samples */
	assert_true(cur.benches[0].metrics[0].samples[0] == 11);
	assert_true(base.benches[2].metrics[0].samples[0] == 20);
	assert_int_equal(cur.nbenches, 5);
	assert_string_equal(cur.benches[3].name, "backend=b/quant=f16");
	assert_string_equal(cur.benches[4].name, "other");
	bg_resultset_release(&base);
	bg_resultset_release(&cur);
	bg_axis_info_release(&info);

	/* Chosen values: c against b, with a suffix; a is left out. */
	bg_resultset_init(&base);
	bg_resultset_init(&cur);
	bg_axis_info_init(&info);
	assert_int_equal(bg_axis_parse(&ax, "backend=b,c", "--by", &err), 0);
	assert_int_equal(bg_axis_pair(&base, &cur, &info, &rs, &ax, "side=x", &err), 0);
	assert_int_equal(info.pairs, 1);
	assert_string_equal(base.benches[0].name, "backend=c/quant=q4/side=x");
	assert_true(base.benches[0].metrics[0].samples[0] == 11);
	assert_null(bg_resultset_find(&cur, "backend=a/quant=q4/side=x"));
	assert_non_null(bg_resultset_find(&cur, "backend=b/quant=q8/side=x"));
	bg_resultset_release(&base);
	bg_resultset_release(&cur);
	bg_axis_info_release(&info);

	/* Errors: a key no name has, a value no benchmark has, nothing that pairs. */
	{
		static const struct {
			const char *spec, *msg;
		} bad[] = {
			{ "colour", "'--by colour': no benchmark name in 'steps.csv' has the key 'colour' (its keys: backend, quant, name)" },
			{ "backend=a,z", "'--by backend=z': no benchmark in 'steps.csv' has backend=z" },
			{ "name", "'--by name': no two benchmarks in 'steps.csv' differ only in 'name'" },
		};

		for (size_t i = 0; i < NELEM(bad); i++) {
			bg_resultset_init(&base);
			bg_resultset_init(&cur);
			bg_axis_info_init(&info);
			assert_int_equal(bg_axis_parse(&ax, bad[i].spec, "--by", &err), 0);
			assert_int_equal(bg_axis_pair(&base, &cur, &info, &rs, &ax, NULL, &err), -1);
			assert_int_equal(err.code, BG_EXIT_INPUT);
			assert_string_equal(err.msg, bad[i].msg);
			bg_resultset_release(&base);
			bg_resultset_release(&cur);
			bg_axis_info_release(&info);
		}
	}
	bg_axis_release(&ax);
	bg_resultset_release(&rs);
}

/* Seeded samples around level (a fixed linear congruential sequence: no library RNG needed). */
static void add_noisy(struct bg_resultset *rs, const char *name, double level, unsigned seed)
{
	struct bg_bench *b = bg_resultset_bench(rs, name);
	struct bg_metric *m = bg_bench_metric(b, "latency_ms", "ms", BG_DIR_LOWER);

	for (int i = 0; i < 20; i++) {
		seed = seed * 1103515245u + 12345u;
		bg_metric_add(m, level * (1 + ((seed >> 16) % 1000) / 10000.0), i % 2);
	}
}

/*
 * The pairs feed the comparison of commits unchanged: B against A along an axis gives
 * the same change, interval, p-value and verdict as a baseline of A's samples against
 * current results of B's.
 */
static void test_feeds_compare(void **state)
{
	struct bg_resultset rs, pb, pc, base, cur;
	struct bg_axis ax;
	struct bg_axis_info info;
	struct bg_config cfg;
	struct bg_comparison c1, c2;
	struct bg_error err = { 0 };
	const struct bg_result *r1, *r2;

	(void)state;
	bg_resultset_init(&rs);
	bg_resultset_init(&pb);
	bg_resultset_init(&pc);
	bg_resultset_init(&base);
	bg_resultset_init(&cur);
	bg_axis_init(&ax);
	bg_axis_info_init(&info);
	bg_config_init(&cfg);
	bg_comparison_init(&c1);
	bg_comparison_init(&c2);
	rs.nruns = base.nruns = cur.nruns = 2;
	add_noisy(&rs, "backend=a/quant=q4", 40, 1);
	add_noisy(&rs, "backend=b/quant=q4", 52, 2);
	add_noisy(&base, "x", 40, 1);
	add_noisy(&cur, "x", 52, 2);
	assert_int_equal(bg_axis_parse(&ax, "backend", "--by", &err), 0);
	assert_int_equal(bg_axis_pair(&pb, &pc, &info, &rs, &ax, NULL, &err), 0);
	assert_int_equal(bg_compare(&c1, &pb, &pc, &cfg, bg_config_mode(&cfg, "smoke"), &err), 0);
	assert_int_equal(bg_compare(&c2, &base, &cur, &cfg, bg_config_mode(&cfg, "smoke"), &err), 0);
	assert_int_equal(c1.n, 1);
	assert_int_equal(c2.n, 1);
	r1 = &c1.results[0];
	r2 = &c2.results[0];
	assert_string_equal(r1->bench, "backend=b/quant=q4");
	assert_true(r1->change.estimate == r2->change.estimate);
	assert_true(r1->change.ci.lo == r2->change.ci.lo);
	assert_true(r1->change.ci.hi == r2->change.ci.hi);
	assert_true(r1->p_value == r2->p_value);
	assert_int_equal(r1->verdict, r2->verdict);
	assert_int_equal(r1->verdict, BG_REGRESSION);   /* +30% at a 20% threshold */
	assert_int_equal(r1->base.runs, 2);
	bg_comparison_release(&c1);
	bg_comparison_release(&c2);
	bg_config_release(&cfg);
	bg_axis_info_release(&info);
	bg_axis_release(&ax);
	bg_resultset_release(&rs);
	bg_resultset_release(&pb);
	bg_resultset_release(&pc);
	bg_resultset_release(&base);
	bg_resultset_release(&cur);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parts),
		cmocka_unit_test(test_rest),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_pair),
		cmocka_unit_test(test_feeds_compare),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
