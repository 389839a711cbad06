/* Tests for src/config/ and src/gate/: thresholds, the config file, and verdicts. */
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testutil.h"
#include "benchgate/policy.h"

static void test_threshold_parse(void **state)
{
	static const struct {
		const char *in;
		int ok;
		double want;
	} cases[] = {
		{ "5", 1, 0.05 }, { "5%", 1, 0.05 }, { "0.5", 1, 0.005 }, { "20", 1, 0.2 },
		{ "150%", 1, 1.5 }, { "abc", 0, 0 }, { "-5%", 0, 0 }, { "0", 0, 0 },
		{ "", 0, 0 }, { "5%%", 0, 0 }, { "nan", 0, 0 }, { "inf", 0, 0 },
		{ "1000", 0, 0 }, { "5 %", 0, 0 }, { "1e1", 1, 0.1 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		double v = -1;
		int r = bg_threshold_parse(&v, cases[i].in);

		if (cases[i].ok) {
			assert_int_equal(r, 0);
			assert_close(v, cases[i].want, 1e-12);
		} else if (r == 0) {
			fail_msg("'%s' parsed as %g", cases[i].in, v);
		}
	}
}

static void test_config_good(void **state)
{
	struct bg_config cfg;
	struct bg_error err = { 0 };
	char *path = write_tmp("{\"confidence\": 0.9, \"baselines_dir\": \"b\",\n"
			       " \"modes\": {\"official\": {\"threshold\": 0.05, \"min_samples\": 30,"
			       " \"min_runs\": 2, \"fail_on\": [\"regression\"]}},\n"
			       " \"metrics\": [{\"metric\": \"tokens\", \"direction\": \"higher\"},\n"
			       "   {\"benchmark\": \"llm/*\", \"statistic\": \"p95\", \"threshold\": 0.1}],\n"
			       " \"ignore\": [\"flaky/*\"]}\n");
	struct bg_mode *m;

	(void)state;
	bg_config_init(&cfg);
	assert_int_equal(bg_config_load(&cfg, path, 1, &err), 0);
	assert_close(cfg.confidence, 0.9, 1e-15);
	assert_string_equal(cfg.baselines_dir, "b");
	m = bg_config_mode(&cfg, "official");
	assert_non_null(m);
	assert_close(m->threshold, 0.05, 1e-15);
	assert_int_equal(m->min_samples, 30);
	assert_int_equal(m->min_runs, 2);
	assert_true(m->fail_on[BG_REGRESSION]);
	assert_false(m->fail_on[BG_INCONCLUSIVE]);
	m = bg_config_mode(&cfg, "smoke");
	assert_close(m->threshold, 0.2, 1e-15);
	assert_int_equal(cfg.nrules, 2);
	assert_int_equal(cfg.rules[0].direction, BG_DIR_HIGHER);
	assert_true(cfg.rules[1].has_statistic);
	assert_int_equal(cfg.rules[1].statistic, BG_STAT_P95);
	assert_int_equal(cfg.ignore.n, 1);
	assert_null(bg_config_mode(&cfg, "fast"));
	bg_config_release(&cfg);
	unlink(path);
	free(path);
}

static void test_config_errors(void **state)
{
	static const struct {
		const char *content;
		const char *msg;    /* after "PATH:" */
	} cases[] = {
		{ "{\"treshold\": 1}", "1:2: unknown key 'treshold'" },
		{ "{\"modes\": {\"smoke\": {\"threshold\": \"5%\"}}}",
		  "1:35: 'threshold' must be a number above 0 and below 10" },
		{ "{\"modes\": {\"fast\": {}}}", "1:12: unknown key 'fast'" },
		{ "{\"modes\": {\"smoke\": {\"min_samples\": -1}}}",
		  "1:37: 'min_samples' must be a whole number from 0 to 1000000000" },
		{ "{\n  \"metrics\": [{\"direction\": \"up\"}]\n}",
		  "2:29: 'direction' must be \"lower\" or \"higher\"" },
		{ "{\"metrics\": [{\"statistic\": \"p50\"}]}",
		  "1:28: 'statistic' must be \"median\", \"mean\", \"p95\" or \"p99\"" },
		{ "{\"ignore\": [3]}", "1:13: 'ignore' must be a non-empty string" },
		{ "{\"ignore\": [\"a\", \"\"]}", "1:18: 'ignore' must be a non-empty string" },
		{ "{\"csv\": {\"key\": []}}", "1:17: 'csv.key' must be a non-empty list of column names" },
		{ "{\"csv\": {\"key\": [\"size\",\n  2]}}", "2:3: 'csv.key' must be a non-empty string" },
		{ "{\"csv\": {\"key\": [\"size\", \"a,b\"]}}",
		  "1:26: 'a,b' is not a column name (it holds a comma)" },
		{ "{\"confidence\": 1.5}", "1:16: 'confidence' must be a number above 0.5 and below 1" },
		{ "[1]", "1:1: the config must be a JSON object" },
		{ "{\"a\": 1,}", "1:9: string or '}' expected near '}'" },
		{ "{\"ignore\": [], \"ignore\": []}", "1:23: duplicate object key near '\"ignore\"'" },
		{ "{\"modes\": {\"smoke\": {\"fail_on\": [\"pass\"]}}}",
		  "1:34: 'fail_on' entries are verdicts: regression, improvement, inconclusive, insufficient, missing, new" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct bg_config cfg;
		struct bg_error err = { 0 };
		char *path = write_tmp(cases[i].content);
		char want[1024];

		bg_config_init(&cfg);
		assert_int_equal(bg_config_load(&cfg, path, 1, &err), -1);
		assert_int_equal(err.code, BG_EXIT_INPUT);
		snprintf(want, sizeof(want), "%s:%s", path, cases[i].msg);
		if (strcmp(err.msg, want))
			fail_msg("case %zu: got '%s', want '%s'", i, err.msg, want);
		bg_config_release(&cfg);
		unlink(path);
		free(path);
	}
}

static void test_config_missing(void **state)
{
	struct bg_config cfg;
	struct bg_error err = { 0 };

	(void)state;
	bg_config_init(&cfg);
	assert_int_equal(bg_config_load(&cfg, "/nonexistent/benchgate.json", 0, &err), 0);
	assert_int_equal(bg_config_load(&cfg, "/nonexistent/benchgate.json", 1, &err), -1);
	assert_int_equal(err.code, BG_EXIT_INPUT);
	assert_string_equal(err.msg,
			    "cannot read '/nonexistent/benchgate.json': no such file or directory");
	bg_config_release(&cfg);
}

/* A metric of n lognormal samples around median, one run per chunk of per_run. */
static void add_samples(struct bg_resultset *rs, const char *bench, const char *metric,
			const char *unit, double median, double sigma, size_t n, size_t per_run,
			gsl_rng *rng)
{
	struct bg_bench *b = bg_resultset_bench(rs, bench);
	struct bg_metric *m = bg_bench_metric(b, metric, unit, bg_direction_infer(metric, unit));

	for (size_t i = 0; i < n; i++)
		bg_metric_add(m, median * exp(gsl_ran_gaussian(rng, sigma)), (int)(i / per_run));
}

static const struct bg_result *find(const struct bg_comparison *c, const char *bench,
				    const char *metric)
{
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->results[i].bench, bench) && !strcmp(c->results[i].metric, metric))
			return &c->results[i];
	fail_msg("no result for %s %s", bench, metric);
	return NULL;
}

/* The two result sets, config and comparison most tests start from. */
static void sets_init(struct bg_resultset *base, struct bg_resultset *cur, struct bg_config *cfg,
		      struct bg_comparison *c)
{
	bg_resultset_init(base);
	bg_resultset_init(cur);
	bg_config_init(cfg);
	bg_comparison_init(c);
}

static void sets_release(gsl_rng *rng, struct bg_resultset *base, struct bg_resultset *cur,
			 struct bg_config *cfg, struct bg_comparison *c)
{
	bg_comparison_release(c);
	bg_config_release(cfg);
	bg_resultset_release(base);
	bg_resultset_release(cur);
	gsl_rng_free(rng);
}

static void test_verdicts_smoke(void **state)
{
	/* Seed 42: the sample values are fixed, so the verdicts below are too. */
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	struct bg_resultset base, cur;
	struct bg_config cfg;
	struct bg_comparison c;
	struct bg_error err = { 0 };

	(void)state;
	gsl_rng_set(rng, 42);
	sets_init(&base, &cur, &cfg, &c);
	base.source = strdup("base");
	cur.source = strdup("cur");

	add_samples(&base, "slower", "time", "ns", 100, 0.05, 30, 30, rng);
	add_samples(&cur, "slower", "time", "ns", 140, 0.05, 30, 30, rng);
	add_samples(&base, "same", "time", "ns", 100, 0.05, 30, 30, rng);
	add_samples(&cur, "same", "time", "ns", 101, 0.05, 30, 30, rng);
	add_samples(&base, "faster", "time", "ns", 100, 0.05, 30, 30, rng);
	add_samples(&cur, "faster", "time", "ns", 60, 0.05, 30, 30, rng);
	add_samples(&base, "tput", "tokens_per_sec", "tok/s", 100, 0.05, 30, 30, rng);
	add_samples(&cur, "tput", "tokens_per_sec", "tok/s", 70, 0.05, 30, 30, rng);
	add_samples(&base, "few", "time", "ns", 100, 0.05, 2, 2, rng);
	add_samples(&cur, "few", "time", "ns", 100, 0.05, 2, 2, rng);
	/* +30% on average but so noisy that it cannot be told from noise. */
	add_samples(&base, "noisy", "time", "ns", 100, 0.6, 6, 6, rng);
	add_samples(&cur, "noisy", "time", "ns", 130, 0.6, 6, 6, rng);
	add_samples(&base, "gone", "time", "ns", 100, 0.05, 10, 10, rng);
	add_samples(&cur, "added", "time", "ns", 100, 0.05, 10, 10, rng);
	add_samples(&cur, "same", "tokens", "tokens", 42, 0.05, 30, 30, rng);
	add_samples(&base, "same", "tokens", "tokens", 42, 0.05, 30, 30, rng);

	assert_int_equal(bg_compare(&c, &base, &cur, &cfg, &cfg.modes[0], &err), 0);
	assert_int_equal(find(&c, "slower", "time")->verdict, BG_REGRESSION);
	assert_true(find(&c, "slower", "time")->change.estimate > 0.3);
	assert_true(find(&c, "slower", "time")->p_value < 0.001);
	assert_int_equal(find(&c, "same", "time")->verdict, BG_PASS);
	assert_int_equal(find(&c, "faster", "time")->verdict, BG_IMPROVEMENT);
	/* Higher is better: 30% fewer tokens per second is a regression. */
	assert_int_equal(find(&c, "tput", "tokens_per_sec")->verdict, BG_REGRESSION);
	assert_true(find(&c, "tput", "tokens_per_sec")->change.estimate < -0.2);
	assert_int_equal(find(&c, "few", "time")->verdict, BG_INSUFFICIENT);
	assert_int_equal(find(&c, "gone", "time")->verdict, BG_MISSING);
	assert_int_equal(find(&c, "added", "time")->verdict, BG_NEW);
	assert_int_not_equal(find(&c, "noisy", "time")->verdict, BG_REGRESSION);
	assert_int_equal(c.ungated, 1);   /* tokens: no direction */
	assert_true(c.failed);
	assert_int_equal(c.counts[BG_REGRESSION], 2);
	assert_int_equal(c.counts[BG_IMPROVEMENT], 1);

	sets_release(rng, &base, &cur, &cfg, &c);
}

static void test_verdicts_official(void **state)
{
	/* Seed 7. n=20, CV 10%: a 2% threshold cannot be shown met: inconclusive. */
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	struct bg_resultset base, cur;
	struct bg_config cfg;
	struct bg_comparison c;
	struct bg_error err = { 0 };
	const struct bg_result *r;

	(void)state;
	gsl_rng_set(rng, 7);
	sets_init(&base, &cur, &cfg, &c);
	cfg.modes[1].min_samples = 20;
	cfg.modes[1].min_runs = 2;
	/* The same 20 values on both sides: no change, but too noisy to show it. */
	add_samples(&base, "noisy", "time", "ns", 100, 0.1, 20, 10, rng);
	gsl_rng_set(rng, 7);
	add_samples(&cur, "noisy", "time", "ns", 100, 0.1, 20, 10, rng);
	add_samples(&base, "tight", "time", "ns", 100, 0.002, 200, 40, rng);
	add_samples(&cur, "tight", "time", "ns", 100.1, 0.002, 200, 40, rng);
	add_samples(&base, "onerun", "time", "ns", 100, 0.002, 200, 200, rng);
	add_samples(&cur, "onerun", "time", "ns", 100, 0.002, 200, 200, rng);

	assert_int_equal(bg_compare(&c, &base, &cur, &cfg, &cfg.modes[1], &err), 0);
	r = find(&c, "noisy", "time");
	assert_int_equal(r->verdict, BG_INCONCLUSIVE);
	assert_true(r->needed > 20);
	assert_non_null(strstr(r->note, "samples per side would resolve 2%"));
	assert_int_equal(find(&c, "tight", "time")->verdict, BG_PASS);
	r = find(&c, "onerun", "time");
	assert_int_equal(r->verdict, BG_INSUFFICIENT);
	assert_string_equal(r->note, "1 run on each side, official mode requires 2");
	assert_true(c.failed);

	sets_release(rng, &base, &cur, &cfg, &c);
}

/* The inconclusive note in the words, from a result's own figures. */
static void test_inconclusive_wording(void **state)
{
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	struct bg_resultset base, cur;
	struct bg_config cfg;
	struct bg_comparison c;
	struct bg_error err = { 0 };
	const struct bg_result *r;
	char want[256];

	(void)state;
	gsl_rng_set(rng, 11);
	sets_init(&base, &cur, &cfg, &c);
	cfg.modes[1].min_samples = 20;
	cfg.modes[1].min_runs = 1;
	add_samples(&base, "b", "time", "ns", 100, 0.1, 20, 20, rng);
	add_samples(&cur, "b", "time", "ns", 100, 0.1, 20, 20, rng);
	assert_int_equal(bg_compare(&c, &base, &cur, &cfg, &cfg.modes[1], &err), 0);
	r = find(&c, "b", "time");
	assert_int_equal(r->verdict, BG_INCONCLUSIVE);
	snprintf(want, sizeof(want),
		 "inconclusive: %+.1f%% (%+.1f%% .. %+.1f%%) at n=20; about %zu samples per side would resolve 2%%",
		 r->change.estimate * 100, r->change.ci.lo * 100, r->change.ci.hi * 100, r->needed);
	assert_string_equal(r->note, want);
	/* (half-width / distance to the threshold)^2 x 20: (5.85 / 2.7)^2 x 20 */
	assert_true(r->needed > 80 && r->needed < 100);

	sets_release(rng, &base, &cur, &cfg, &c);
}

/*
 * Benjamini-Hochberg: among 200 unchanged benchmarks and one slightly slower, the
 * p-values alone flag some unchanged ones at 5%; the q-values do not, and the
 * clearly slower one stays a regression.
 */
static void test_fdr(void **state)
{
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	struct bg_resultset base, cur;
	struct bg_config cfg;
	struct bg_comparison with, without;
	struct bg_mode mode;
	struct bg_error err = { 0 };
	char name[32];
	size_t sig_p = 0, sig_q = 0;

	(void)state;
	gsl_rng_set(rng, 3);
	bg_resultset_init(&base);
	bg_resultset_init(&cur);
	bg_config_init(&cfg);
	bg_comparison_init(&with);
	bg_comparison_init(&without);
	for (int i = 0; i < 200; i++) {
		snprintf(name, sizeof(name), "same%03d", i);
		add_samples(&base, name, "time", "ns", 100, 0.01, 100, 20, rng);
		add_samples(&cur, name, "time", "ns", 100, 0.01, 100, 20, rng);
	}
	add_samples(&base, "slower", "time", "ns", 100, 0.01, 100, 20, rng);
	add_samples(&cur, "slower", "time", "ns", 105, 0.01, 100, 20, rng);
	mode = cfg.modes[1];
	assert_true(mode.fdr);
	assert_false(cfg.modes[0].fdr);
	assert_int_equal(bg_compare(&with, &base, &cur, &cfg, &mode, &err), 0);
	mode.fdr = 0;
	assert_int_equal(bg_compare(&without, &base, &cur, &cfg, &mode, &err), 0);
	assert_true(with.fdr && !without.fdr);
	for (size_t i = 0; i < with.n; i++) {
		const struct bg_result *a = &with.results[i], *b = &without.results[i];

		/* q >= p, and nothing but significance changes */
		assert_true(a->q_value >= a->p_value);
		assert_true(isnan(b->q_value));
		assert_true(a->p_value == b->p_value);
		if (strcmp(a->bench, "slower")) {
			sig_p += a->p_value < 0.05;
			sig_q += a->q_value < 0.05;
		}
	}
	assert_true(sig_p > 0);    /* about 5% of 200 */
	assert_int_equal(sig_q, 0);
	assert_int_equal(find(&with, "slower", "time")->verdict, BG_REGRESSION);
	assert_int_equal(find(&without, "slower", "time")->verdict, BG_REGRESSION);

	bg_comparison_release(&with);
	bg_comparison_release(&without);
	bg_config_release(&cfg);
	bg_resultset_release(&base);
	bg_resultset_release(&cur);
	gsl_rng_free(rng);
}

/*
 * Noisy official runs (n = 20, CV 10%), 40 of 200 benchmarks 10% slower: some are
 * significant alone but not over the comparison, and their note says so.
 */
static void test_fdr_note(void **state)
{
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	struct bg_resultset base, cur;
	struct bg_config cfg;
	struct bg_comparison c;
	struct bg_error err = { 0 };
	char name[32];
	size_t said = 0;

	(void)state;
	gsl_rng_set(rng, 8);
	sets_init(&base, &cur, &cfg, &c);
	cfg.modes[1].min_samples = 20;
	cfg.modes[1].min_runs = 1;
	for (int i = 0; i < 200; i++) {
		snprintf(name, sizeof(name), "b%03d", i);
		add_samples(&base, name, "time", "ns", 100, 0.1, 20, 20, rng);
		add_samples(&cur, name, "time", "ns", i < 40 ? 110 : 100, 0.1, 20, 20, rng);
	}
	assert_int_equal(bg_compare(&c, &base, &cur, &cfg, &cfg.modes[1], &err), 0);
	/* the 40 move the median a little: judged relative to that shift, on its p-values */
	assert_true(c.shift.applied);
	for (size_t i = 0; i < c.n; i++) {
		const struct bg_result *r = &c.results[i];
		double p = r->vs_shift ? r->change_vs_shift.p_value : r->p_value;

		if (p < 0.05 && r->q_value >= 0.05 && r->verdict == BG_INCONCLUSIVE) {
			char want[128];

			snprintf(want, sizeof(want), "; p %.4f is not significant over all the results compared (Benjamini-Hochberg q %.4f)",
				 p, r->q_value);
			assert_non_null(strstr(r->note, want));
			said++;
		} else if (r->note) {
			assert_null(strstr(r->note, "Benjamini-Hochberg"));
		}
	}
	assert_true(said > 0);

	sets_release(rng, &base, &cur, &cfg, &c);
}

/* One run of five 5% slower: the run check names it; consistent runs pass it. */
static void test_run_consistency(void **state)
{
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	struct bg_resultset base, cur;
	struct bg_config cfg;
	struct bg_comparison c;
	struct bg_error err = { 0 };
	const struct bg_result *r;
	struct bg_metric *m;

	(void)state;
	gsl_rng_set(rng, 5);
	sets_init(&base, &cur, &cfg, &c);
	add_samples(&base, "b", "time", "ns", 100, 0.01, 100, 20, rng);
	add_samples(&cur, "b", "time", "ns", 100, 0.01, 100, 20, rng);
	m = bg_bench_find(bg_resultset_find(&cur, "b"), "time");
	for (size_t i = 0; i < m->n; i++)
		if (m->runs[i] == 2)
			m->samples[i] *= 1.05;
	assert_int_equal(bg_compare(&c, &base, &cur, &cfg, &cfg.modes[1], &err), 0);
	r = find(&c, "b", "time");
	assert_int_equal(r->cur_runs.runs, 5);
	assert_true(r->cur_runs.p_value < 1e-6);
	assert_int_equal(r->cur_runs.outlier_run, 2);
	assert_true(r->cur_runs.outlier_shift > 0.03 && r->cur_runs.outlier_shift < 0.06);
	assert_true(r->cur_runs.inconsistent);
	assert_false(r->base_runs.inconsistent);
	assert_true(r->base_runs.p_value > BG_RUNS_ALPHA);
	assert_non_null(r->warning);
	/* the shifted run is a fifth of the samples 5 deviations away: a second mode */
	assert_non_null(strstr(r->warning, "current: "));
	assert_non_null(strstr(r->warning, "looks bimodal"));
	assert_non_null(strstr(r->warning, "run 3 of 5 stands out (median +4.3%, Kruskal-Wallis p < 0.0001)"));
	assert_null(strstr(r->warning, "baseline: "));

	sets_release(rng, &base, &cur, &cfg, &c);
}

/* p99 with too few samples for its interval: insufficient, and how many would do. */
static void test_tail_insufficient(void **state)
{
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	struct bg_resultset base, cur;
	struct bg_config cfg;
	struct bg_comparison c;
	struct bg_error err = { 0 };
	struct bg_rule rule = { NULL, NULL, BG_DIR_NONE, 1, BG_STAT_P99, NAN };
	const struct bg_result *r;

	(void)state;
	gsl_rng_set(rng, 9);
	sets_init(&base, &cur, &cfg, &c);
	cfg.rules = &rule;
	cfg.nrules = 1;
	add_samples(&base, "few", "time", "ns", 100, 0.1, 100, 100, rng);
	add_samples(&cur, "few", "time", "ns", 100, 0.1, 100, 100, rng);
	add_samples(&base, "enough", "time", "ns", 100, 0.1, 400, 400, rng);
	add_samples(&cur, "enough", "time", "ns", 100, 0.1, 400, 400, rng);
	assert_int_equal(bg_compare(&c, &base, &cur, &cfg, &cfg.modes[0], &err), 0);
	r = find(&c, "few", "time");
	assert_int_equal(r->verdict, BG_INSUFFICIENT);
	/* 0.99^n <= 0.025 first at n = 368 */
	assert_int_equal(r->needed, 368);
	assert_string_equal(r->note,
			    "too few samples to bound the p99 at 95% confidence: need at least 368 per side");
	r = find(&c, "enough", "time");
	assert_int_equal(r->verdict, BG_PASS);
	assert_true(isfinite(r->change.ci.lo) && isfinite(r->change.ci.hi));
	assert_true(r->p_value > 0 && r->p_value <= 1);
	cfg.rules = NULL;
	cfg.nrules = 0;

	sets_release(rng, &base, &cur, &cfg, &c);
}

/* A config's modes take "fdr": true or false, nothing else. */
static void test_config_fdr(void **state)
{
	struct bg_config cfg;
	struct bg_error err = { 0 };
	char *path = write_tmp("{\"modes\": {\"smoke\": {\"fdr\": true}, \"official\": {\"fdr\": false}}}");

	(void)state;
	bg_config_init(&cfg);
	assert_int_equal(bg_config_load(&cfg, path, 1, &err), 0);
	assert_true(cfg.modes[0].fdr);
	assert_false(cfg.modes[1].fdr);
	bg_config_release(&cfg);
	unlink(path);
	free(path);

	path = write_tmp("{\"modes\": {\"smoke\": {\"fdr\": 1}}}");
	bg_config_init(&cfg);
	assert_int_equal(bg_config_load(&cfg, path, 1, &err), -1);
	assert_int_equal(err.code, BG_EXIT_INPUT);
	assert_non_null(strstr(err.msg, "'fdr' must be true or false"));
	bg_config_release(&cfg);
	unlink(path);
	free(path);
}

static void test_compare_errors_and_rules(void **state)
{
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	struct bg_resultset base, cur;
	struct bg_config cfg;
	struct bg_comparison c;
	struct bg_error err = { 0 };
	struct bg_rule rule = { 0 };

	(void)state;
	gsl_rng_set(rng, 3);
	sets_init(&base, &cur, &cfg, &c);
	base.source = strdup("b.json");
	cur.source = strdup("c.json");
	add_samples(&base, "a", "time", "ns", 100, 0.05, 10, 10, rng);
	add_samples(&cur, "b", "time", "ns", 100, 0.05, 10, 10, rng);
	assert_int_equal(bg_compare(&c, &base, &cur, &cfg, &cfg.modes[0], &err), -1);
	assert_int_equal(err.code, BG_EXIT_INPUT);
	assert_string_equal(err.msg, "no benchmark in common between the baseline 'b.json' and the current results 'c.json'");
	bg_comparison_release(&c);

	add_samples(&cur, "a", "time", "ms", 100, 0.05, 10, 10, rng);
	assert_int_equal(bg_compare(&c, &base, &cur, &cfg, &cfg.modes[0], &err), -1);
	assert_string_equal(err.msg, "'time' of 'a' is in 'ns' in the baseline but 'ms' in the current results");
	bg_comparison_release(&c);
	bg_resultset_release(&cur);
	bg_resultset_init(&cur);
	cur.source = strdup("c.json");

	/* A rule gating on p95 with a 50% threshold turns +30% into a pass. */
	add_samples(&cur, "a", "time", "ns", 130, 0.05, 10, 10, rng);
	rule.metric = strdup("time");
	rule.has_statistic = 1;
	rule.statistic = BG_STAT_MEAN;
	rule.threshold = 0.5;
	cfg.rules = malloc(sizeof(rule));
	cfg.rules[0] = rule;
	cfg.nrules = 1;
	assert_int_equal(bg_compare(&c, &base, &cur, &cfg, &cfg.modes[0], &err), 0);
	assert_int_equal(c.results[0].statistic, BG_STAT_MEAN);
	assert_close(c.results[0].threshold, 0.5, 1e-15);
	assert_int_equal(c.results[0].verdict, BG_PASS);
	assert_false(c.failed);
	bg_comparison_release(&c);

	/* Ignored: nothing left in common. */
	bg_strlist_add(&cfg.ignore, "a:ti*");
	assert_int_equal(bg_compare(&c, &base, &cur, &cfg, &cfg.modes[0], &err), -1);
	assert_int_equal(c.ungated, 1);
	bg_comparison_release(&c);

	bg_config_release(&cfg);
	bg_resultset_release(&base);
	bg_resultset_release(&cur);
	gsl_rng_free(rng);
}

/* A metric of runs x per_run lognormal samples, run r scaled by exp(level[r]). */
static void add_runs(struct bg_resultset *rs, const char *bench, double median, double sigma,
		     int runs, size_t per_run, const double *level, gsl_rng *rng)
{
	struct bg_metric *m = bg_bench_metric(bg_resultset_bench(rs, bench), "time", "ns",
					      BG_DIR_LOWER);

	for (int r = 0; r < runs; r++)
		for (size_t i = 0; i < per_run; i++)
			bg_metric_add(m, median * exp(level[r] + gsl_ran_gaussian(rng, sigma)), r);
}

/*
 * Runs that differ (sd 2% per run, 5 runs of 100 a side, CV 1%, no change) widen every
 * interval, and the advice asks for runs; runs that do not differ leave the intervals
 * those of the samples, bit for bit.
 */
static void test_runs_noise(void **state)
{
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	struct bg_resultset base, cur;
	struct bg_config cfg;
	struct bg_comparison c, iid;
	struct bg_error err = { 0 };
	double lb[5], lc[5], zero[5] = { 0 };
	char name[16];
	size_t advice = 0;

	(void)state;
	gsl_rng_set(rng, 11);
	sets_init(&base, &cur, &cfg, &c);
	bg_comparison_init(&iid);
	for (int b = 0; b < 10; b++) {
		for (int r = 0; r < 5; r++) {
			lb[r] = gsl_ran_gaussian(rng, 0.02);
			lc[r] = gsl_ran_gaussian(rng, 0.02);
		}
		snprintf(name, sizeof(name), "b%d", b);
		add_runs(&base, name, 100, 0.01, 5, 100, lb, rng);
		add_runs(&cur, name, 100, 0.01, 5, 100, lc, rng);
	}
	assert_int_equal(bg_compare(&c, &base, &cur, &cfg, &cfg.modes[1], &err), 0);
	cfg.iid = 1;
	assert_int_equal(bg_compare(&iid, &base, &cur, &cfg, &cfg.modes[1], &err), 0);
	assert_true(c.runs_p < 1e-6);
	assert_true(isnan(iid.runs_p));
	assert_int_equal(c.warnings.n, 1);
	assert_non_null(strstr(c.warnings.v[0], "the runs differ by more than their samples explain (p < 0.0001 over 10 results)"));
	for (size_t i = 0; i < c.n; i++) {
		const struct bg_result *r = &c.results[i], *q = &iid.results[i];

		assert_int_equal(r->noise.source, BG_NOISE_RUNS);
		assert_int_equal(r->noise.n, 10);
		assert_true(r->noise.df == 8);
		assert_true(r->noise.extra_var > 0);
		assert_true(r->noise.sd > 0.005 && r->noise.sd < 0.05);
		assert_true(r->change.estimate == q->change.estimate);
		assert_true(r->change.ci.lo < q->change.ci.lo && r->change.ci.hi > q->change.ci.hi);
		assert_true(r->p_value >= q->p_value);
		assert_int_equal(q->noise.source, BG_NOISE_UNKNOWN);
		if (r->verdict == BG_INCONCLUSIVE) {
			assert_non_null(strstr(r->note, "runs a side would resolve 2% (the runs differ by"));
			assert_true(r->needed_runs > 5);
			assert_int_equal(r->needed, 0);
			advice++;
		}
	}
	assert_true(advice >= 3);

	/* the same benchmarks, runs that do not differ: no widening at all */
	bg_comparison_release(&c);
	bg_comparison_release(&iid);
	bg_resultset_release(&base);
	bg_resultset_release(&cur);
	bg_resultset_init(&base);
	bg_resultset_init(&cur);
	bg_comparison_init(&c);
	bg_comparison_init(&iid);
	for (int b = 0; b < 10; b++) {
		snprintf(name, sizeof(name), "b%d", b);
		add_runs(&base, name, 100, 0.01, 5, 100, zero, rng);
		add_runs(&cur, name, 100, 0.01, 5, 100, zero, rng);
	}
	cfg.iid = 0;
	assert_int_equal(bg_compare(&c, &base, &cur, &cfg, &cfg.modes[1], &err), 0);
	cfg.iid = 1;
	assert_int_equal(bg_compare(&iid, &base, &cur, &cfg, &cfg.modes[1], &err), 0);
	assert_true(c.runs_p > BG_NOISE_ALPHA);
	assert_int_equal(c.warnings.n, 0);
	for (size_t i = 0; i < c.n; i++) {
		const struct bg_result *r = &c.results[i], *q = &iid.results[i];

		assert_int_equal(r->noise.source, BG_NOISE_RUNS);
		assert_true(r->noise.extra_var == 0);
		assert_false(isnan(r->noise.p_value));
		assert_memory_equal(&r->change, &q->change, sizeof(r->change));
		assert_true(r->p_value == q->p_value || (isnan(r->p_value) && isnan(q->p_value)));
		assert_int_equal(r->verdict, q->verdict);
	}
	bg_comparison_release(&iid);
	sets_release(rng, &base, &cur, &cfg, &c);
}

/*
 * Paired runs: each pair shares a job level of sd 10%; pairing cancels it, where the
 * runs alone see it all. Unequal runs with --paired are an input error.
 */
static void test_paired(void **state)
{
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	struct bg_resultset base, cur;
	struct bg_config cfg;
	struct bg_comparison c, unpaired;
	struct bg_error err = { 0 };
	double job[6], lb[6], lc[6];
	const struct bg_result *p, *u;

	(void)state;
	gsl_rng_set(rng, 3);
	sets_init(&base, &cur, &cfg, &c);
	bg_comparison_init(&unpaired);
	for (int r = 0; r < 6; r++) {
		job[r] = gsl_ran_gaussian(rng, 0.10);
		lb[r] = job[r] + gsl_ran_gaussian(rng, 0.005);
		lc[r] = job[r] + log(1.05) + gsl_ran_gaussian(rng, 0.005);
	}
	add_runs(&base, "parse", 100, 0.01, 6, 50, lb, rng);
	add_runs(&cur, "parse", 100, 0.01, 6, 50, lc, rng);
	cfg.paired = 1;
	assert_int_equal(bg_compare(&c, &base, &cur, &cfg, &cfg.modes[0], &err), 0);
	cfg.paired = 0;
	assert_int_equal(bg_compare(&unpaired, &base, &cur, &cfg, &cfg.modes[0], &err), 0);
	p = find(&c, "parse", "time");
	u = find(&unpaired, "parse", "time");
	assert_int_equal(p->noise.source, BG_NOISE_PAIRED);
	assert_int_equal(p->noise.n, 6);
	assert_true(p->noise.df == 5);
	assert_int_equal(u->noise.source, BG_NOISE_RUNS);
	assert_true(u->noise.sd > 0.05);       /* the job level, seen by the runs */
	assert_true(p->noise.sd < 0.02);       /* cancelled by the pairs */
	assert_true(p->change.ci.lo > 0.02 && p->change.ci.hi < 0.08);
	assert_true(u->change.ci.hi - u->change.ci.lo > 3 * (p->change.ci.hi - p->change.ci.lo));
	bg_comparison_release(&c);
	bg_comparison_init(&c);

	/* a seventh run on the current side cannot be paired */
	lc[0] = 0;
	add_runs(&cur, "parse", 100, 0.01, 1, 10, lc, rng);
	bg_metric_add(bg_bench_find(bg_resultset_find(&cur, "parse"), "time"), 100, 6);
	cfg.paired = 1;
	assert_int_equal(bg_compare(&c, &base, &cur, &cfg, &cfg.modes[0], &err), -1);
	assert_int_equal(err.code, BG_EXIT_INPUT);
	assert_string_equal(err.msg, "'--paired' pairs run i of each side, but 'time' of 'parse' has 6 runs in the baseline and 7 in the current results (it needs the same number, at least 2)");
	bg_comparison_release(&unpaired);
	sets_release(rng, &base, &cur, &cfg, &c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_threshold_parse),
		cmocka_unit_test(test_config_good),
		cmocka_unit_test(test_config_errors),
		cmocka_unit_test(test_config_missing),
		cmocka_unit_test(test_verdicts_smoke),
		cmocka_unit_test(test_verdicts_official),
		cmocka_unit_test(test_compare_errors_and_rules),
		cmocka_unit_test(test_inconclusive_wording),
		cmocka_unit_test(test_fdr),
		cmocka_unit_test(test_fdr_note),
		cmocka_unit_test(test_run_consistency),
		cmocka_unit_test(test_tail_insufficient),
		cmocka_unit_test(test_config_fdr),
		cmocka_unit_test(test_runs_noise),
		cmocka_unit_test(test_paired),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
