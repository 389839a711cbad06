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
#include "sim.h"

#define PR_BENCHES 20        /* benchmarks a pull request */
#define MAX_SAMPLES 100      /* samples a benchmark and side, at most */
#define HISTORY_NOTES 20     /* notes along main behind the baseline, the baseline's first */

/* The noise of one mode (issue 11's model), on the log scale. */
struct hmodel {
	int official;            /* mode: 0 smoke, 1 official */
	int runs;                /* runs a side; each run its own machine factor */
	size_t samples;          /* a benchmark's samples a side, spread evenly over the runs */
	double shared_sd;        /* S: a run's factor shared by all its benchmarks */
	double bench_sd;         /* b: a benchmark's own factor per run */
	double within_cv;        /* within a run */
};

static const struct hmodel smoke_model = { 0, 1, 10, 0.10, 0.03, 0.03 };
static const struct hmodel official_model = { 1, 5, 100, 0.005, 0.01, 0.02 };

struct hscenario {
	const char *name;
	const struct hmodel *model;
	int history;             /* the baseline has HISTORY_NOTES notes behind it */
	double factor;           /* current / baseline of the changed benchmarks */
	size_t changed;          /* how many of the PR_BENCHES changed */
	int at_least;            /* target: 1 fail >= bound, 0 fail <= bound, -1 none */
	double bound;
};

static const struct hscenario hscenarios[] = {
	{ "pr-nochange", &smoke_model, 0, 1.00, 0, 0, 0.02 },
	{ "pr-nochange-hist", &smoke_model, 1, 1.00, 0, 0, 0.02 },
	{ "pr-slow30-3of20", &smoke_model, 0, 1.30, 3, 1, 0.95 },
	{ "pr-slow30-3of20-hist", &smoke_model, 1, 1.30, 3, 1, 0.95 },
	{ "pr-slow30-all-hist", &smoke_model, 1, 1.30, PR_BENCHES, 1, 0.50 },
	{ "pr-slow30-all", &smoke_model, 0, 1.30, PR_BENCHES, -1, 0 },
	{ "pr-off-nochange", &official_model, 0, 1.00, 0, -1, 0 },
	{ "pr-off-slow3-all", &official_model, 0, 1.03, PR_BENCHES, -1, 0 },
	{ "pr-off-slow5-3of20", &official_model, 0, 1.05, 3, -1, 0 },
};

#define NHSCEN (sizeof(hscenarios) / sizeof(hscenarios[0]))

struct htally {
	size_t prs, fail, iid_fail;
	size_t regr, regr_changed, regr_unchanged, changed, benches;   /* per benchmark */
	size_t shift[BG_NVERDICTS], shift_none;                        /* the shift's verdict */
};

/*
 * One job's samples of every benchmark: per run r, level x exp(S_r + b_r) x within-run
 * noise; the changed benchmarks x factor.
 */
static void job(double (*x)[MAX_SAMPLES], const struct hmodel *md, const double *level,
		double factor, size_t changed, gsl_rng *rng)
{
	double sigma = sqrt(log(1 + md->within_cv * md->within_cv));
	double S[8];

	for (int r = 0; r < md->runs; r++)
		S[r] = gsl_ran_gaussian(rng, md->shared_sd);
	for (size_t b = 0; b < PR_BENCHES; b++)
		for (int r = 0; r < md->runs; r++) {
			double lb = log(level[b]) + S[r] + gsl_ran_gaussian(rng, md->bench_sd) +
				    (b < changed ? log(factor) : 0);

			for (size_t k = (size_t)r * md->samples / (size_t)md->runs;
			     k < (size_t)(r + 1) * md->samples / (size_t)md->runs; k++)
				x[b][k] = exp(lb + gsl_ran_gaussian(rng, sigma));
		}
}

static double median_of(const double *x, size_t n)
{
	double *s = bg_sorted_copy(x, n);
	double m = bg_quantile_sorted(s, n, 0.5);

	free(s);
	return m;
}

static int fill(struct bg_resultset *rs, double (*x)[MAX_SAMPLES], const struct hmodel *md)
{
	char name[32];

	rs->nruns = md->runs;
	for (size_t b = 0; b < PR_BENCHES; b++) {
		struct bg_bench *bb;
		struct bg_metric *m;

		snprintf(name, sizeof(name), "bench%02zu", b);
		bb = bg_resultset_bench(rs, name);
		if (!(m = bg_bench_metric(bb, "time", "ns", BG_DIR_LOWER)))
			return sim_error("cannot add a metric to '%s'", name);
		for (size_t k = 0; k < md->samples; k++)
			bg_metric_add(m, x[b][k], (int)(k * (size_t)md->runs / md->samples));
	}
	return 0;
}

/* One pull request: the gate with the scenario's history and shift, and today's rules. */
static int one_pr(struct htally *t, const struct hscenario *sc, gsl_rng *rng)
{
	const struct hmodel *md = sc->model;
	double level[PR_BENCHES], x[PR_BENCHES][MAX_SAMPLES];
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
			job(x, md, level, 1, 0, rng);
			for (size_t b = 0; b < PR_BENCHES; b++)
				h.series[b].value[j] = median_of(x[b], md->samples);
		}
		/* x holds job 0's samples: the baseline */
	} else {
		job(x, md, level, 1, 0, rng);
	}
	if (fill(&base, x, md) < 0)
		goto out;
	job(x, md, level, sc->factor, sc->changed, rng);
	if (fill(&cur, x, md) < 0)
		goto out;

	for (int iid = 0; iid < 2; iid++) {
		const struct bg_mode *mode = &cfg.modes[md->official];

		bg_comparison_init(&cmp);
		cfg.shift = !iid;
		cfg.iid = iid;
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
			if (changed)
				t->regr_changed += regr;
			else
				t->regr_unchanged += regr;
		}
		if (cmp.shift.active)
			t->shift[cmp.shift.verdict]++;
		else
			t->shift_none++;
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

int sim_history(unsigned long seed, unsigned long reps, int *nmet, int *nmissed)
{
	size_t prs = reps / 2 > 50 ? reps / 2 : 50;

	printf("\npull requests with run-to-run noise (sim/sim_history.c): %d benchmarks a pull "
	       "request; per run, log x = level + S (the run's machine, shared by its benchmarks) "
	       "+ b (benchmark and run) + within-run noise; smoke: one job a side of %zu samples, "
	       "S sd %.0f%%, b sd %.0f%%, CV %.0f%%; official (pr-off-*): %d runs a side, %zu "
	       "samples, S sd %.1f%%, b sd %.0f%%, CV %.0f%%; history: the %d notes along main "
	       "behind the baseline (its own first), simulated jobs of the same model; %zu pull "
	       "requests a scenario, seed %lu + 200 + k\n", PR_BENCHES, smoke_model.samples,
	       smoke_model.shared_sd * 100, smoke_model.bench_sd * 100, smoke_model.within_cv * 100,
	       official_model.runs, official_model.samples, official_model.shared_sd * 100,
	       official_model.bench_sd * 100, official_model.within_cv * 100, HISTORY_NOTES, prs,
	       seed);
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
		size_t n = sc->model->official ? prs / 5 : prs;   /* 100 samples a side: slower */
		gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
		char truth[32], target[32] = "-";
		double fail;
		int met = -1;

		if (!rng)
			return sim_error("cannot allocate a random number generator");
		gsl_rng_set(rng, seed + 200 + k);
		for (size_t p = 0; p < n; p++) {
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
