/*
 * Pull requests with run-to-run noise, one job a side: history as the noise floor and
 * the machine-wide shift (docs/statistics.md), beside what today's iid rules say.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "benchgate/policy.h"
#include "benchgate/jobnoise.h"
#include "benchgate/stats.h"

#define PR_BENCHES 20        /* benchmarks a pull request */
#define PR_SAMPLES 10        /* samples a benchmark, one job a side */
#define SHARED_SD 0.10       /* the machine factor of a job (all its benchmarks), log scale */
#define BENCH_SD 0.03        /* a benchmark's own factor per job, log scale */
#define WITHIN_CV 0.03       /* within a run */
#define HISTORY_NOTES 20     /* notes along main behind the baseline, the baseline's first */

struct hscenario {
	const char *name;
	int history;             /* the baseline has HISTORY_NOTES notes behind it */
	double factor;           /* current / baseline of the changed benchmarks */
	size_t changed;          /* how many of the PR_BENCHES changed */
	int at_least;            /* target: 1 fail >= bound, 0 fail <= bound, -1 none */
	double bound;
};

static const struct hscenario hscenarios[] = {
	{ "pr-nochange", 0, 1.00, 0, 0, 0.02 },
	{ "pr-nochange-hist", 1, 1.00, 0, 0, 0.02 },
	{ "pr-slow30-3of20", 0, 1.30, 3, 1, 0.95 },
	{ "pr-slow30-3of20-hist", 1, 1.30, 3, 1, 0.95 },
	{ "pr-slow30-all-hist", 1, 1.30, PR_BENCHES, 1, 0.50 },
	{ "pr-slow30-all", 0, 1.30, PR_BENCHES, -1, 0 },
};

#define NHSCEN (sizeof(hscenarios) / sizeof(hscenarios[0]))

static int sim_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print "sim: what" on stderr and return -1. */
static int sim_error(const char *fmt, ...)
{
	va_list ap;

	fputs("sim: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

struct htally {
	size_t prs, fail, iid_fail;
	size_t regr, regr_changed, regr_unchanged, changed, benches;   /* per benchmark */
	size_t shift[BG_NVERDICTS], shift_none;                        /* the shift's verdict */
	size_t covered, finite;  /* the shift's interval and the true shared change */
};

/* One job's samples of every benchmark: level x exp(S + b) x within-run noise. */
static void job(double (*x)[PR_SAMPLES], const double *level, double factor_changed,
		size_t changed, gsl_rng *rng)
{
	double s = gsl_ran_gaussian(rng, SHARED_SD);
	double sigma = sqrt(log(1 + WITHIN_CV * WITHIN_CV));

	for (size_t b = 0; b < PR_BENCHES; b++) {
		double lb = log(level[b]) + s + gsl_ran_gaussian(rng, BENCH_SD) +
			    (b < changed ? log(factor_changed) : 0);

		for (size_t k = 0; k < PR_SAMPLES; k++)
			x[b][k] = exp(lb + gsl_ran_gaussian(rng, sigma));
	}
}

static double median10(const double *x)
{
	double *s = bg_sorted_copy(x, PR_SAMPLES);
	double m = bg_quantile_sorted(s, PR_SAMPLES, 0.5);

	free(s);
	return m;
}

static int fill(struct bg_resultset *rs, double (*x)[PR_SAMPLES])
{
	char name[32];

	rs->nruns = 1;
	for (size_t b = 0; b < PR_BENCHES; b++) {
		struct bg_bench *bb;
		struct bg_metric *m;

		snprintf(name, sizeof(name), "bench%02zu", b);
		bb = bg_resultset_bench(rs, name);
		if (!(m = bg_bench_metric(bb, "time", "ns", BG_DIR_LOWER)))
			return sim_error("cannot add a metric to '%s'", name);
		for (size_t k = 0; k < PR_SAMPLES; k++)
			bg_metric_add(m, x[b][k], 0);
	}
	return 0;
}

/* One pull request: the gate with the scenario's history and shift, and today's rules. */
static int one_pr(struct htally *t, const struct hscenario *sc, gsl_rng *rng)
{
	double level[PR_BENCHES], x[PR_BENCHES][PR_SAMPLES];
	struct bg_resultset base, cur;
	struct bg_comparison cmp;
	struct bg_config cfg;
	struct bg_hist h;
	struct bg_error err;
	int ret = -1;

	bg_resultset_init(&base);
	bg_resultset_init(&cur);
	bg_config_init(&cfg);
	bg_hist_init(&h);
	for (size_t b = 0; b < PR_BENCHES; b++)
		level[b] = exp(gsl_ran_flat(rng, log(1e3), log(1e6)));
	/* the notes along main, newest (the baseline's job) first */
	if (sc->history) {
		h.label = bg_strdup("main");
		h.nnotes = HISTORY_NOTES;
		h.limit = HISTORY_NOTES;
		h.first_is_baseline = 1;
		for (size_t b = 0; b < PR_BENCHES; b++) {
			char name[32];

			snprintf(name, sizeof(name), "bench%02zu", b);
			bg_hist_add(&h, name, "time", HISTORY_NOTES)->n = HISTORY_NOTES;
		}
		for (size_t j = HISTORY_NOTES; j-- > 0;) {
			job(x, level, 1, 0, rng);
			for (size_t b = 0; b < PR_BENCHES; b++)
				h.series[b].value[j] = median10(x[b]);
		}
		/* x holds job 0's samples: the baseline */
	} else {
		job(x, level, 1, 0, rng);
	}
	if (fill(&base, x) < 0)
		goto out;
	job(x, level, sc->factor, sc->changed, rng);
	if (fill(&cur, x) < 0)
		goto out;

	for (int iid = 0; iid < 2; iid++) {
		const struct bg_mode *mode = &cfg.modes[0];

		bg_comparison_init(&cmp);
		cfg.shift = !iid;
		cmp.history = sc->history && !iid ? &h : NULL;
		if (bg_compare(&cmp, &base, &cur, &cfg, mode, &err) < 0) {
			bg_comparison_release(&cmp);
			sim_error("%s: %s", sc->name, err.msg);
			goto out;
		}
		if (iid) {
			t->iid_fail += cmp.failed;
			bg_comparison_release(&cmp);
			continue;
		}
		t->fail += cmp.failed;
		for (size_t i = 0; i < cmp.n; i++) {
			int regr = cmp.results[i].verdict == BG_REGRESSION;
			int changed = (size_t)atoi(cmp.results[i].bench + 5) < sc->changed;

			t->benches++;
			t->regr += regr;
			t->changed += changed;
			if (changed && !regr && getenv("SIM_DEBUG"))
				fprintf(stderr, "%s %s own %+.3f [%+.3f %+.3f] vs %+.3f [%+.3f %+.3f] p %.4f shift %+.3f note %s\n", sc->name, bg_verdict_name(cmp.results[i].verdict), cmp.results[i].change.estimate, cmp.results[i].change.ci.lo, cmp.results[i].change.ci.hi, cmp.results[i].change_vs_shift.estimate, cmp.results[i].change_vs_shift.ci.lo, cmp.results[i].change_vs_shift.ci.hi, cmp.results[i].change_vs_shift.p_value, cmp.shift.estimate, cmp.results[i].note ? cmp.results[i].note : "");
			if (changed)
				t->regr_changed += regr;
			else
				t->regr_unchanged += regr;
		}
		if (cmp.shift.active) {
			double truth = sc->changed == PR_BENCHES ? sc->factor - 1 : 0;

			t->shift[cmp.shift.verdict]++;
			if (isfinite(cmp.shift.ci.lo) && isfinite(cmp.shift.ci.hi) && sc->history) {
				t->finite++;
				(void)truth;
			}
		} else {
			t->shift_none++;
		}
		bg_comparison_release(&cmp);
	}
	t->prs++;
	ret = 0;
out:
	bg_hist_release(&h);
	bg_resultset_release(&base);
	bg_resultset_release(&cur);
	bg_config_release(&cfg);
	return ret;
}

static double pct(size_t k, size_t n)
{
	return n ? 100.0 * (double)k / (double)n : NAN;
}

/* Run every scenario and print its line; counts targets met and missed. 0, or -1. */
int sim_history(unsigned long seed, unsigned long reps, int *nmet, int *nmissed);

int sim_history(unsigned long seed, unsigned long reps, int *nmet, int *nmissed)
{
	size_t prs = reps / 2 > 50 ? reps / 2 : 50;

	printf("\npull requests with run-to-run noise (sim/sim_history.c): %d benchmarks a pull "
	       "request, one job a side of %d samples each, smoke mode (20%%); log x = level + S "
	       "(the job's machine, sd %.0f%%, shared by its benchmarks) + b (benchmark and job, sd "
	       "%.0f%%) + within-run noise (CV %.0f%%); history: the %d notes along main behind "
	       "the baseline (its own first), simulated jobs of the same model; %zu pull requests "
	       "a scenario, seed %lu + 100 + k\n", PR_BENCHES, PR_SAMPLES, SHARED_SD * 100,
	       BENCH_SD * 100, WITHIN_CV * 100, HISTORY_NOTES, prs, seed);
	printf("fail: %% of pull requests the gate fails; iid: what today's rules say (no "
	       "history, no shift: samples taken as independent); regr: %% of benchmarks called "
	       "regressions (changed / unchanged); shift: the machine-wide shift's verdict (%% of "
	       "pull requests)\n");
	printf("%-22s %4s %-14s | %6s %6s | %7s %7s | %6s %6s %6s | %-12s %s\n", "scenario", "hist",
	       "truth", "fail", "iid", "regr-ch", "regr-un", "s-regr", "s-inc", "s-pass", "target",
	       "result");
	for (size_t k = 0; k < NHSCEN; k++) {
		const struct hscenario *sc = &hscenarios[k];
		struct htally t = { 0 };
		gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
		char truth[32], target[32] = "-";
		double fail;
		int met = -1;

		if (!rng)
			return sim_error("cannot allocate a random number generator");
		gsl_rng_set(rng, seed + 100 + k);
		for (size_t p = 0; p < prs; p++) {
			if (one_pr(&t, sc, rng) < 0) {
				gsl_rng_free(rng);
				return -1;
			}
		}
		gsl_rng_free(rng);
		fail = pct(t.fail, t.prs);
		if (sc->changed)
			snprintf(truth, sizeof(truth), "%+.0f%% on %zu", (sc->factor - 1) * 100,
				 sc->changed);
		else
			snprintf(truth, sizeof(truth), "no change");
		if (sc->at_least >= 0) {
			met = sc->at_least ? fail >= sc->bound * 100 : fail <= sc->bound * 100;
			snprintf(target, sizeof(target), "fail %s %g%%", sc->at_least ? ">=" : "<=",
				 sc->bound * 100);
			met ? (*nmet)++ : (*nmissed)++;
		}
		printf("%-22s %4s %-14s | %6.2f %6.2f | %7.2f %7.2f | %6.2f %6.2f %6.2f | %-12s %s\n",
		       sc->name, sc->history ? "20" : "no", truth, fail, pct(t.iid_fail, t.prs),
		       pct(t.regr_changed, t.changed), pct(t.regr_unchanged, t.benches - t.changed),
		       pct(t.shift[BG_REGRESSION], t.prs), pct(t.shift[BG_INCONCLUSIVE], t.prs),
		       pct(t.shift[BG_PASS], t.prs), target,
		       met < 0 ? "-" : met ? "met" : "NOT MET");
	}
	return 0;
}
