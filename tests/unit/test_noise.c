/* Tests for src/stats/noise.c: run levels, variance components, widening a change. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "testutil.h"
#include "fixture.h"
#include "benchgate/error.h"
#include "benchgate/noise.h"
#include "benchgate/stats.h"

/* Seed of every simulation below (gsl_rng_mt19937). */
#define SIM_SEED 20261207UL

/* Fixtures (fixture.h): tests/data/stats/{noise,widen,stouffer}.tsv, by make-noise-fixtures.R. */

/* A comma-separated list of whole numbers as a new array; *n of them. */
static int *parse_ints(size_t *n, const char *s)
{
	double *d = numlist(s, n);
	int *v = malloc((*n ? *n : 1) * sizeof(*v));

	assert_non_null(v);
	for (size_t i = 0; i < *n; i++) {
		if (d[i] != (int)d[i])
			fail_msg("%.17g is not a whole number", d[i]);
		v[i] = (int)d[i];
	}
	free(d);
	return v;
}

/* Agreement to a relative tolerance, also for tiny values (a p-value of 1e-39). */
static void assert_rel(double a, double b, double tol)
{
	if (isinf(b) || isnan(b)) {
		if (isnan(b))
			assert_true(isnan(a));
		else
			assert_true(a == b);
		return;
	}
	if (!(fabs(a - b) <= tol * fabs(b) || a == b))
		fail_msg("%.17g, expected %.17g (relative tolerance %g)", a, b, tol);
}

/* ---- widening ---- */

static void test_widen_fixture(void **state)
{
	struct table tab;

	(void)state;
	table_read(&tab, "widen.tsv", 11);
	assert_true(tab.n >= 9);
	for (size_t i = 0; i < tab.n; i++) {
		struct bg_change in, out;
		double v, df, conf;

		in.estimate = num(tab.rows[i].f[1]);
		in.ci.lo = num(tab.rows[i].f[2]);
		in.ci.hi = num(tab.rows[i].f[3]);
		in.p_value = num(tab.rows[i].f[4]);
		v = num(tab.rows[i].f[5]);
		df = num(tab.rows[i].f[6]);
		conf = num(tab.rows[i].f[7]);
		in.ci.level = conf;
		bg_change_widen(&out, &in, v, df, conf);
		print_message("widen %s\n", tab.rows[i].f[0]);
		assert_rel(out.ci.lo, num(tab.rows[i].f[8]), 1e-12);
		assert_rel(out.ci.hi, num(tab.rows[i].f[9]), 1e-12);
		assert_rel(out.p_value, num(tab.rows[i].f[10]), 1e-8);
		assert_true(out.estimate == in.estimate);
		assert_true(out.ci.level == in.ci.level);
		/* widening never narrows, never makes a change more significant */
		assert_true(out.ci.lo <= in.ci.lo && out.ci.hi >= in.ci.hi);
		assert_true(isnan(in.p_value) || out.p_value >= in.p_value);
	}
	table_release(&tab);
}

/* With no extra variance the change is today's, bit for bit, for every statistic. */
static void test_widen_zero_is_identity(void **state)
{
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	enum bg_statistic stats[] = { BG_STAT_MEDIAN, BG_STAT_MEAN, BG_STAT_P95, BG_STAT_P99 };
	int checked = 0;

	(void)state;
	gsl_rng_set(rng, SIM_SEED);
	for (size_t s = 0; s < 4; s++) {
		for (size_t n = 3; n <= 1000; n = n * 3 + 1) {
			double *b = malloc(n * sizeof(*b)), *c = malloc(n * sizeof(*c)), *bs, *cs;
			struct bg_change in, out, same;

			for (size_t i = 0; i < n; i++) {
				b[i] = 100 * exp(0.05 * gsl_ran_gaussian(rng, 1));
				c[i] = 103 * exp(0.05 * gsl_ran_gaussian(rng, 1));
			}
			bs = bg_sorted_copy(b, n);
			cs = bg_sorted_copy(c, n);
			memset(&in, 0, sizeof(in));
			bg_change_compute(&in, stats[s], bs, n, cs, n, 0.95);
			memset(&out, 0xa5, sizeof(out));
			bg_change_widen(&out, &in, 0, 8, 0.95);
			assert_memory_equal(&out, &in, sizeof(in));
			bg_change_widen(&out, &in, -1e-9, 8, 0.95);
			assert_memory_equal(&out, &in, sizeof(in));
			same = in;
			bg_change_widen(&same, &same, 0, INFINITY, 0.95);   /* out may be in */
			assert_memory_equal(&same, &in, sizeof(in));
			checked++;
			free(bs);
			free(cs);
			free(b);
			free(c);
		}
	}
	assert_true(checked >= 20);
	gsl_rng_free(rng);
}

/* Bad extra variance or degrees of freedom fail closed; a NAN estimate stays. */
static void test_widen_fail_closed(void **state)
{
	struct bg_change in = { 0.05, { 0.03, 0.07, 0.95 }, 0.001 }, out;

	(void)state;
	bg_change_widen(&out, &in, NAN, 8, 0.95);
	assert_true(isinf(out.ci.lo) && out.ci.lo < 0 && isinf(out.ci.hi) && out.ci.hi > 0);
	assert_true(isnan(out.p_value));
	assert_true(out.estimate == in.estimate);
	bg_change_widen(&out, &in, INFINITY, 8, 0.95);
	assert_true(isinf(out.ci.lo) && isinf(out.ci.hi) && isnan(out.p_value));
	bg_change_widen(&out, &in, 1e-4, 0, 0.95);
	assert_true(isinf(out.ci.lo) && isinf(out.ci.hi) && isnan(out.p_value));
	bg_change_widen(&out, &in, 1e-4, 8, 1);
	assert_true(isinf(out.ci.lo) && isinf(out.ci.hi) && isnan(out.p_value));

	in.estimate = NAN;
	in.ci.lo = -INFINITY;
	in.ci.hi = INFINITY;
	bg_change_widen(&out, &in, 1e-4, 8, 0.95);
	assert_memory_equal(&out, &in, sizeof(in));

	/* off the log scale: a lower bound below -100% is kept, the upper one widens */
	in.estimate = -0.5;
	in.ci.lo = -1.4;
	in.ci.hi = 0.2;
	in.p_value = 0.3;
	bg_change_widen(&out, &in, 1e-2, 8, 0.95);
	assert_true(out.ci.lo == -1.4);
	assert_true(out.ci.hi > 0.2);
	assert_true(out.p_value == 0.3);   /* the half facing 0 is the upper, finite one, p >= in's */
}

/* p < alpha exactly when the widened interval excludes 0, over random intervals. */
static void test_widen_consistent(void **state)
{
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	int excluded = 0, included = 0;

	(void)state;
	gsl_rng_set(rng, SIM_SEED + 1);
	for (int i = 0; i < 4000; i++) {
		double d = gsl_ran_gaussian(rng, 0.03), hw = gsl_ran_flat(rng, 0.001, 0.04);
		double v = pow(10, gsl_ran_flat(rng, -6, -3)), df = 1 + gsl_rng_uniform_int(rng, 30);
		double conf = i % 3 == 0 ? 0.9 : 0.95;
		struct bg_change in = { expm1(d), { expm1(d - hw), expm1(d + hw), conf }, NAN }, out;
		int excl;

		bg_change_widen(&out, &in, v, df, conf);
		excl = out.ci.lo > 0 || out.ci.hi < 0;
		/* away from the boundary, where rounding cannot decide */
		if (fabs(out.p_value - (1 - conf)) < 1e-9)
			continue;
		assert_int_equal(excl, out.p_value < 1 - conf);
		excl ? excluded++ : included++;
	}
	assert_true(excluded > 300 && included > 300);
	gsl_rng_free(rng);
}

/* ---- variance components, against R ---- */

static void test_noise_fixture(void **state)
{
	struct table tab;
	size_t checked_two_stage = 0;

	(void)state;
	table_read(&tab, "noise.tsv", 19);
	assert_true(tab.n >= 8);
	for (size_t i = 0; i < tab.n; i++) {
		const struct row *r = &tab.rows[i];
		size_t nb, nc, nbr, ncr, nbl, ncl;
		double *bx, *cx, *bl, *cl;
		int *br, *cr, paired;
		struct bg_runlevels b, c;
		struct bg_noise nz, nz2;

		print_message("noise %s\n", r->f[0]);
		paired = atoi(r->f[1]);
		bx = numlist(r->f[2], &nb);
		br = parse_ints(&nbr, r->f[3]);
		cx = numlist(r->f[4], &nc);
		cr = parse_ints(&ncr, r->f[5]);
		bl = numlist(r->f[6], &nbl);
		cl = numlist(r->f[8], &ncl);
		assert_int_equal(nb, nbr);
		assert_int_equal(nc, ncr);

		assert_int_equal(bg_runlevels_compute(&b, bx, br, nb), 0);
		assert_int_equal(bg_runlevels_compute(&c, cx, cr, nc), 0);
		assert_int_equal(b.k, nbl);
		assert_int_equal(c.k, ncl);
		for (size_t k = 0; k < b.k; k++)
			assert_close(b.level[k], bl[k], 1e-12);
		for (size_t k = 0; k < c.k; k++)
			assert_close(c.level[k], cl[k], 1e-12);
		assert_rel(b.within, num(r->f[7]), 1e-10);
		assert_rel(c.within, num(r->f[9]), 1e-10);

		assert_int_equal(paired ? bg_noise_from_pairs(&nz, &b, &c) : bg_noise_from_runs(&nz, &b, &c), 0);
		assert_int_equal(nz.source, paired ? BG_NOISE_PAIRED : BG_NOISE_RUNS);
		assert_string_equal(bg_noise_source_name(nz.source), paired ? "paired" : "runs");
		assert_rel(nz.sd * nz.sd * (paired ? 2 : 1), num(r->f[10]), 1e-9);
		assert_rel(nz.extra_var, num(r->f[11]), 1e-9);
		assert_true(nz.df == num(r->f[12]));
		assert_rel(nz.sd, num(r->f[13]), 1e-9);
		assert_int_equal(nz.n, atoi(r->f[14]));
		if (isnan(num(r->f[17])))
			assert_true(isnan(nz.p_value));
		else if (num(r->f[17]) < 1e-300)
			assert_true(nz.p_value < 1e-200);
		else
			assert_rel(nz.p_value, num(r->f[17]), 1e-9);
		assert_true(nz.df_within == num(r->f[18]));

		/* the one-step form gives the same */
		assert_int_equal(bg_noise_of_samples(&nz2, bx, br, nb, cx, cr, nc, paired), 0);
		assert_int_equal(nz2.source, nz.source);
		assert_true((nz2.sd == nz.sd || (isnan(nz.sd) && isnan(nz2.sd))) &&
			    nz2.extra_var == nz.extra_var && nz2.df == nz.df);
		assert_int_equal(nz2.n, nz.n);

		/*
		 * Another route: when the runs differ far more than their samples explain,
		 * the widened interval of the log change is close to the two-stage (Welch
		 * on the run levels) one that R's t.test gives.
		 */
		if (!strcmp(r->f[0], "big_tau")) {
			double *bs = bg_sorted_copy(bx, nb), *cs = bg_sorted_copy(cx, nc);
			double lo2 = num(r->f[15]), hi2 = num(r->f[16]);
			struct bg_change ch;

			bg_change_compute(&ch, BG_STAT_MEDIAN, bs, nb, cs, nc, 0.95);
			bg_change_widen(&ch, &ch, nz.extra_var, nz.df, 0.95);
			print_message("  widened [%g, %g], two-stage [%g, %g]\n", log1p(ch.ci.lo),
				      log1p(ch.ci.hi), lo2, hi2);
			assert_true(fabs((log1p(ch.ci.hi) - log1p(ch.ci.lo)) / (hi2 - lo2) - 1) < 0.15);
			assert_true(fabs((log1p(ch.ci.lo) + log1p(ch.ci.hi)) / 2 - (lo2 + hi2) / 2) <
				    0.1 * (hi2 - lo2));
			checked_two_stage++;
			free(bs);
			free(cs);
		}
		bg_runlevels_release(&b);
		bg_runlevels_release(&c);
		free(bx);
		free(cx);
		free(br);
		free(cr);
		free(bl);
		free(cl);
	}
	assert_int_equal(checked_two_stage, 1);
	table_release(&tab);
}

/* The levels do not depend on the order of the samples: runs interleaved or grouped. */
static void test_runlevels_order(void **state)
{
	double x[] = { 10, 11, 12, 20, 21, 22, 23, 13, 24, 30 };
	int run[] = { 0, 0, 0, 1, 1, 1, 1, 0, 1, 2 };
	double xs[] = { 10, 11, 12, 13, 20, 21, 22, 23, 24, 30 };
	int runs[] = { 5, 5, 5, 5, 7, 7, 7, 7, 7, 9 };
	struct bg_runlevels a, b;

	(void)state;
	assert_int_equal(bg_runlevels_compute(&a, x, run, 10), 0);
	assert_int_equal(bg_runlevels_compute(&b, xs, runs, 10), 0);
	assert_int_equal(a.k, 3);
	assert_int_equal(b.k, 3);
	for (size_t r = 0; r < 3; r++) {
		assert_true(a.level[r] == b.level[r]);
		assert_int_equal(a.size[r], b.size[r]);
		assert_true(a.vfactor[r] == b.vfactor[r]);
	}
	assert_true(a.within == b.within && a.df_within == b.df_within);
	/* run 0: 10..13, one trimmed from each end of 4? floor(0.8) = 0: the mean of the logs */
	assert_close(a.level[0], (log(10) + log(11) + log(12) + log(13)) / 4, 1e-15);
	/* run 1: 20..24, floor(1.0) = 1 cut from each end: the mean of log 21, 22, 23 */
	assert_close(a.level[1], (log(21) + log(22) + log(23)) / 3, 1e-15);
	assert_close(a.level[2], log(30), 1e-15);
	assert_true(a.vfactor[2] == 1);
	bg_runlevels_release(&a);
	bg_runlevels_release(&b);
}

/* Stouffer's combination of the results' p-values, against R. */
static void test_combined_p(void **state)
{
	struct table tab;

	(void)state;
	table_read(&tab, "stouffer.tsv", 2);
	assert_true(tab.n >= 6);
	for (size_t i = 0; i < tab.n; i++) {
		size_t m;
		double *p = numlist(tab.rows[i].f[0], &m);

		assert_rel(bg_noise_combined_p(p, m), num(tab.rows[i].f[1]), 1e-12);
		free(p);
	}
	assert_true(isnan(bg_noise_combined_p(NULL, 0)));
	table_release(&tab);
}

/* What cannot be estimated says so, and leaves the noise unknown. */
static void test_noise_unknown(void **state)
{
	double x[] = { 1, 2, 3, 4 }, y[] = { 1, 2, 0, 4 };
	int one[] = { 0, 0, 0, 0 }, two[] = { 0, 0, 1, 1 }, three[] = { 0, 1, 2, 2 };
	struct bg_noise nz;
	struct bg_runlevels rl;

	(void)state;
	bg_noise_init(&nz);
	assert_int_equal(nz.source, BG_NOISE_UNKNOWN);
	assert_string_equal(bg_noise_source_name(nz.source), "unknown");
	assert_true(isnan(nz.sd) && nz.extra_var == 0);
	/* one run a side */
	assert_int_equal(bg_noise_of_samples(&nz, x, one, 4, x, one, 4, 0), -1);
	assert_int_equal(nz.source, BG_NOISE_UNKNOWN);
	assert_int_equal(bg_noise_of_samples(&nz, x, NULL, 4, x, NULL, 4, 0), -1);
	/* a sample that has no logarithm */
	assert_int_equal(bg_noise_of_samples(&nz, x, two, 4, y, two, 4, 0), -1);
	assert_int_equal(nz.source, BG_NOISE_UNKNOWN);
	assert_int_equal(bg_runlevels_compute(&rl, y, two, 4), -1);
	assert_int_equal(rl.k, 0);
	bg_runlevels_release(&rl);
	/* paired needs the same runs on both sides */
	assert_int_equal(bg_noise_of_samples(&nz, x, two, 4, x, three, 4, 1), -1);
	assert_int_equal(nz.source, BG_NOISE_UNKNOWN);
	assert_int_equal(bg_noise_of_samples(&nz, x, one, 4, x, one, 4, 1), -1);
	/* several runs on one side are enough for runs */
	assert_int_equal(bg_noise_of_samples(&nz, x, one, 4, x, two, 4, 0), 0);
	assert_int_equal(nz.source, BG_NOISE_RUNS);
	assert_true(nz.df == 1);
}

/*
 * Seeded simulation of the model: k runs of m samples a side (5 of 20 unless said),
 * within-run lognormal CV 2%, run effects of sd tau, 2% slow outliers. With tau = 1% the samples-only
 * interval misses a third of the time and the widened one covers about 95%; with tau = 0
 * widening costs little (coverage stays below 98.5%, the width grows by under 25%).
 */
static void coverage(double *within, double *widened, double *growth, size_t k, size_t m,
		     double tau, int reps, gsl_rng *rng)
{
	const size_t n = k * m;
	double b[200], c[200], *bs, *cs, w0 = 0, w1 = 0;
	int run[200], cov0 = 0, cov1 = 0;
	double sigma = sqrt(log1p(0.02 * 0.02));

	for (int rep = 0; rep < reps; rep++) {
		struct bg_change ch, w;
		struct bg_noise nz;

		for (int s = 0; s < 2; s++) {
			double *x = s ? c : b;

			for (size_t r = 0; r < k; r++) {
				double e = gsl_ran_gaussian(rng, tau);

				for (size_t j = 0; j < m; j++) {
					double v = 100 * exp(e + gsl_ran_gaussian(rng, sigma));

					if (gsl_rng_uniform(rng) < 0.02)
						v *= gsl_ran_flat(rng, 1.5, 3);
					x[r * m + j] = v;
					run[r * m + j] = (int)r;
				}
			}
		}
		assert_int_equal(bg_noise_of_samples(&nz, b, run, n, c, run, n, 0), 0);
		bs = bg_sorted_copy(b, n);
		cs = bg_sorted_copy(c, n);
		bg_change_compute(&ch, BG_STAT_MEDIAN, bs, n, cs, n, 0.95);
		bg_change_widen(&w, &ch, nz.extra_var, nz.df, 0.95);
		cov0 += ch.ci.lo <= 0 && 0 <= ch.ci.hi;
		cov1 += w.ci.lo <= 0 && 0 <= w.ci.hi;
		w0 += log1p(ch.ci.hi) - log1p(ch.ci.lo);
		w1 += log1p(w.ci.hi) - log1p(w.ci.lo);
		free(bs);
		free(cs);
	}
	*within = (double)cov0 / reps;
	*widened = (double)cov1 / reps;
	*growth = w1 / w0;
}

static void test_noise_coverage(void **state)
{
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	double within, widened, growth;

	(void)state;
	gsl_rng_set(rng, SIM_SEED);
	coverage(&within, &widened, &growth, 5, 20, 0.01, 1000, rng);
	print_message("tau 1%%: covered %.3f samples only, %.3f widened\n", within, widened);
	assert_true(within < 0.8);
	assert_true(widened >= 0.93 && widened <= 0.97);
	/* two runs a side (t on 2 degrees of freedom) and ten */
	coverage(&within, &widened, &growth, 2, 100, 0.01, 1000, rng);
	print_message("2 runs of 100, tau 1%%: covered %.3f widened\n", widened);
	assert_true(widened >= 0.92 && widened <= 0.975);
	coverage(&within, &widened, &growth, 10, 20, 0.01, 1000, rng);
	print_message("10 runs of 20, tau 1%%: covered %.3f widened\n", widened);
	assert_true(widened >= 0.93 && widened <= 0.97);
	coverage(&within, &widened, &growth, 5, 20, 0, 1000, rng);
	print_message("tau 0: covered %.3f samples only, %.3f widened, width x%.3f\n", within,
		      widened, growth);
	assert_true(within >= 0.93);
	assert_true(widened >= within && widened <= 0.985);
	assert_true(growth < 1.25);
	gsl_rng_free(rng);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_widen_fixture),
		cmocka_unit_test(test_widen_zero_is_identity),
		cmocka_unit_test(test_widen_fail_closed),
		cmocka_unit_test(test_widen_consistent),
		cmocka_unit_test(test_noise_fixture),
		cmocka_unit_test(test_noise_unknown),
		cmocka_unit_test(test_combined_p),
		cmocka_unit_test(test_runlevels_order),
		cmocka_unit_test(test_noise_coverage),
	};

	gsl_set_error_handler_off();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
