/* Run-to-run noise scenarios (issue 11): several runs a side, and paired runs, through bg_compare. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "benchgate/noise.h"
#include "benchgate/policy.h"
#include "benchgate/stats.h"
#include "sim.h"

#define BENCHES 20            /* benchmarks of one pull request: they share its runs */
#define OUTLIER_P 0.02        /* as sim.c: a slow outlier, U(1.5, 3) times slower */
#define OUTLIER_LO 1.5
#define OUTLIER_HI 3.0

/* A condition on the fraction of benchmarks given one verdict. */
struct rcond {
	enum bg_verdict verdict;   /* BG_NVERDICTS: none */
	int at_least;
	double bound;
};

struct rscenario {
	const char *name;
	int official;
	int runs;                  /* per side */
	size_t per_run;            /* samples per run */
	double shared_sd;          /* S_r: shared by every benchmark of a run (the job) */
	double bench_sd;           /* b_r: this benchmark in this run */
	double cv;                 /* within the run, lognormal */
	double factor;             /* true change of the changed benchmarks */
	int nchanged;              /* benchmarks of each pull request that change; BENCHES = all */
	int paired;                /* run i of both sides in one job: they share S_r (--paired) */
	enum bg_statistic gate;
	struct rcond target;
	int pr_mult;               /* this many times the pull requests (small samples: cheap) */
};

#define NONE { BG_NVERDICTS, 0, 0 }

/*
 * Official: the numbers, 5 runs of 100 samples a side, a job factor of sd 0.5%
 * shared by all benchmarks, 1% per benchmark and run (run-to-run sd about 1.1%),
 * within-run CV 2%. Smoke: 3 runs of 10, 10% shared, 3% per benchmark, CV 3%.
 */
static const struct rscenario rscenarios[] = {
	{ "runs-nochange-official", 1, 5, 100, 0.005, 0.01, 0.02, 1.00, BENCHES, 0, BG_STAT_MEDIAN,
	  { BG_REGRESSION, 0, 0.01 }, 1 },
	{ "runs-slow1-official", 1, 5, 100, 0.005, 0.01, 0.02, 1.01, BENCHES, 0, BG_STAT_MEDIAN,
	  { BG_REGRESSION, 0, 0.05 }, 1 },
	{ "runs-slow3-official", 1, 5, 100, 0.005, 0.01, 0.02, 1.03, BENCHES, 0, BG_STAT_MEDIAN,
	  { BG_PASS, 0, 0.02 }, 1 },
	{ "runs-slow5-official", 1, 5, 100, 0.005, 0.01, 0.02, 1.05, BENCHES, 0, BG_STAT_MEDIAN,
	  { BG_REGRESSION, 1, 0.95 }, 1 },
	{ "runs-few5-official", 1, 5, 100, 0.005, 0.01, 0.02, 1.05, 3, 0, BG_STAT_MEDIAN, NONE, 1 },
	{ "runs-p95-official", 1, 5, 100, 0.005, 0.01, 0.02, 1.00, BENCHES, 0, BG_STAT_P95, NONE, 1 },
	{ "runs-mean-official", 1, 5, 100, 0.005, 0.01, 0.02, 1.03, BENCHES, 0, BG_STAT_MEAN, NONE, 1 },
	{ "runs-iid-official", 1, 5, 100, 0, 0, 0.02, 1.00, BENCHES, 0, BG_STAT_MEDIAN,
	  { BG_REGRESSION, 0, 0.01 }, 1 },
	{ "runs-3x-official", 1, 3, 100, 0.005, 0.01, 0.02, 1.00, BENCHES, 0, BG_STAT_MEDIAN, NONE, 1 },
	{ "runs-nochange-smoke", 0, 3, 10, 0.10, 0.03, 0.03, 1.00, BENCHES, 0, BG_STAT_MEDIAN,
	  { BG_REGRESSION, 0, 0.01 }, 10 },
	{ "runs-slow30-smoke", 0, 3, 10, 0.10, 0.03, 0.03, 1.30, BENCHES, 0, BG_STAT_MEDIAN, NONE, 10 },
	{ "runs-few30-smoke", 0, 3, 10, 0.10, 0.03, 0.03, 1.30, 3, 0, BG_STAT_MEDIAN, NONE, 10 },
	{ "paired-nochange-official", 1, 5, 100, 0.05, 0.01, 0.02, 1.00, BENCHES, 1, BG_STAT_MEDIAN,
	  { BG_REGRESSION, 0, 0.01 }, 1 },
	{ "paired-slow3-official", 1, 5, 100, 0.05, 0.01, 0.02, 1.03, BENCHES, 1, BG_STAT_MEDIAN,
	  { BG_PASS, 0, 0.02 }, 1 },
	{ "paired-slow5-official", 1, 5, 100, 0.05, 0.01, 0.02, 1.05, BENCHES, 1, BG_STAT_MEDIAN,
	  { BG_REGRESSION, 1, 0.95 }, 1 },
};

#define NRSCEN (sizeof(rscenarios) / sizeof(rscenarios[0]))

struct rtally {
	size_t benches, prs;
	size_t verdicts[BG_NVERDICTS], iid[BG_NVERDICTS];
	size_t pr_failed, iid_pr_failed;
	size_t covered, finite, iid_covered, iid_finite;
	size_t changed, regr_changed, regr_unchanged;
	size_t iid_regr_changed, iid_regr_unchanged;
	size_t advice_runs, advice_samples;   /* inconclusive notes naming runs or samples */
	double width, iid_width;              /* sums of log interval widths */
};

/* Fill one pull request's two result sets; paired scenarios share S_r within a pair. */
static int build_pr(struct bg_resultset *base, struct bg_resultset *cur,
		    const struct rscenario *sc, gsl_rng *rng)
{
	double shared[2][64];
	double sigma = sqrt(log1p(sc->cv * sc->cv));
	char name[32];

	for (int r = 0; r < sc->runs; r++) {
		shared[0][r] = gsl_ran_gaussian(rng, sc->shared_sd);
		shared[1][r] = sc->paired ? shared[0][r] : gsl_ran_gaussian(rng, sc->shared_sd);
	}
	base->nruns = cur->nruns = sc->runs;
	for (int i = 0; i < BENCHES; i++) {
		snprintf(name, sizeof(name), "bench%02d", i);
		for (int side = 0; side < 2; side++) {
			struct bg_resultset *rs = side ? cur : base;
			struct bg_metric *m = bg_bench_metric(bg_resultset_bench(rs, name), "time",
							      "ms", BG_DIR_LOWER);
			double f = side && i < sc->nchanged ? sc->factor : 1;

			if (!m)
				return sim_error("cannot add a metric to '%s'", name);
			for (int r = 0; r < sc->runs; r++) {
				double level = shared[side][r] + gsl_ran_gaussian(rng, sc->bench_sd);

				for (size_t j = 0; j < sc->per_run; j++) {
					double x = 100 * f * exp(level + gsl_ran_gaussian_ziggurat(rng, sigma));

					if (gsl_rng_uniform(rng) < OUTLIER_P)
						x *= gsl_ran_flat(rng, OUTLIER_LO, OUTLIER_HI);
					bg_metric_add(m, x, r);
				}
			}
		}
	}
	return 0;
}

/* One comparison of the pull request, tallied into t (iid: today's rules). */
static int judge(struct rtally *t, const struct bg_resultset *base, const struct bg_resultset *cur,
		 const struct rscenario *sc, struct bg_config *cfg, int iid)
{
	struct bg_comparison cmp;
	struct bg_error err;
	struct bg_mode mode = cfg->modes[sc->official];
	int ret = -1;

	bg_comparison_init(&cmp);
	cfg->iid = iid;
	cfg->paired = sc->paired && !iid;
	if (bg_compare(&cmp, base, cur, cfg, &mode, &err) < 0) {
		sim_error("%s: %s", sc->name, err.msg);
		goto out;
	}
	if (cmp.n != BENCHES) {
		sim_error("%s: %zu results for %d benchmarks", sc->name, cmp.n, BENCHES);
		goto out;
	}
	if (iid)
		t->iid_pr_failed += cmp.failed != 0;
	else
		t->pr_failed += cmp.failed != 0;
	for (size_t i = 0; i < cmp.n; i++) {
		const struct bg_result *r = &cmp.results[i];
		int changed = (int)i < sc->nchanged;
		double truth = changed ? sc->factor - 1 : 0;
		int regr = r->verdict == BG_REGRESSION;

		(iid ? t->iid : t->verdicts)[r->verdict]++;
		if (iid) {
			t->iid_regr_changed += changed && regr;
			t->iid_regr_unchanged += !changed && regr;
		} else {
			t->changed += changed;
			t->regr_changed += changed && regr;
			t->regr_unchanged += !changed && regr;
			if (r->verdict == BG_INCONCLUSIVE && r->note) {
				t->advice_runs += strstr(r->note, "runs a side would") != NULL ||
						  strstr(r->note, "pairs of runs would") != NULL;
				t->advice_samples += strstr(r->note, "samples per side") != NULL;
			}
		}
		if (isfinite(r->change.ci.lo) && isfinite(r->change.ci.hi)) {
			int cov = r->change.ci.lo <= truth && truth <= r->change.ci.hi;
			double w = log1p(r->change.ci.hi) - log1p(r->change.ci.lo);

			if (iid) {
				t->iid_finite++;
				t->iid_covered += cov;
				t->iid_width += w;
			} else {
				t->finite++;
				t->covered += cov;
				t->width += w;
			}
		}
	}
	ret = 0;
out:
	bg_comparison_release(&cmp);
	return ret;
}

static int run_rscenario(struct rtally *t, const struct rscenario *sc, size_t prs,
			 unsigned long seed)
{
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	struct bg_config cfg;
	int ret = -1;

	memset(t, 0, sizeof(*t));
	if (!rng)
		return sim_error("cannot allocate a random number generator");
	gsl_rng_set(rng, seed);
	bg_config_init(&cfg);
	if (sc->gate != BG_STAT_MEDIAN) {
		cfg.rules = bg_calloc(1, sizeof(*cfg.rules));
		cfg.nrules = 1;
		cfg.rules[0].direction = BG_DIR_NONE;
		cfg.rules[0].has_statistic = 1;
		cfg.rules[0].statistic = sc->gate;
		cfg.rules[0].threshold = NAN;
	}
	/* the mode's own minimums: smoke needs 3 samples, official 100 and 5 runs a side */
	if (sc->runs < cfg.modes[sc->official].min_runs)
		cfg.modes[sc->official].min_runs = sc->runs;
	for (size_t pr = 0; pr < prs; pr++) {
		struct bg_resultset base, cur;
		int bad;

		bg_resultset_init(&base);
		bg_resultset_init(&cur);
		bad = build_pr(&base, &cur, sc, rng) < 0 || judge(t, &base, &cur, sc, &cfg, 0) < 0 ||
		      judge(t, &base, &cur, sc, &cfg, 1) < 0;
		bg_resultset_release(&base);
		bg_resultset_release(&cur);
		if (bad)
			goto out;
		t->prs++;
		t->benches += BENCHES;
	}
	ret = 0;
out:
	bg_config_release(&cfg);
	gsl_rng_free(rng);
	return ret;
}

static double pct(size_t k, size_t n)
{
	return n ? 100.0 * (double)k / (double)n : NAN;
}

static const char *column(enum bg_verdict v)
{
	static const char *const names[BG_NVERDICTS] = {
		"pass", "regr", "impr", "inconc", "insuff", "missing", "new"
	};

	return names[v];
}

int sim_runs(unsigned long seed, unsigned long reps, int *nmet, int *nmissed)
{
	static struct rtally tallies[NRSCEN];
	size_t prs = (reps + BENCHES - 1) / BENCHES;

	printf("\nrun-to-run noise (issue 11): per pull request %d benchmarks, each side several runs "
	       "(jobs); log x = log 100 + S_r (shared by the pull request's benchmarks in run r) + "
	       "b_r (this benchmark in run r) + lognormal within-run noise + 2%% slow outliers; "
	       "paired: run r of both sides in one job, sharing S_r; %zu pull requests per scenario "
	       "(10 times as many for the cheap smoke ones, whose shared 10%% makes a pull request's "
	       "benchmarks move together), seed %lu + 100 + k\n", BENCHES, prs, seed);
	printf("benchgate: runs as the unit of replication (--paired where paired); iid: today's "
	       "rules on the same data, every sample independent; %% of benchmarks, PRs: %% of pull "
	       "requests whose gate fails\n\n");
	printf("%-24s %-8s %-8s %5s %5s %4s %-18s | %6s %6s %6s %6s %6s %6s | %6s %6s %6s %6s | %s\n",
	       "scenario", "mode", "runs x n", "S", "b", "cv", "truth", "regr", "impr", "inconc",
	       "insuff", "pass", "PRs", "regr", "pass", "inconc", "PRs", "target (benchgate)");
	printf("%-24s %-8s %-8s %5s %5s %4s %-18s | %-41s | %-27s |\n", "", "", "", "", "", "", "",
	       "benchgate", "iid (today)");
	for (size_t k = 0; k < NRSCEN; k++) {
		const struct rscenario *sc = &rscenarios[k];
		struct rtally *t = &tallies[k];
		char rn[16], truth[32], target[64] = "-";

		if (run_rscenario(t, sc, prs * (size_t)(sc->pr_mult > 1 ? sc->pr_mult : 1),
				  seed + 100 + k) < 0)
			return -1;
		snprintf(rn, sizeof(rn), "%dx%zu", sc->runs, sc->per_run);
		snprintf(truth, sizeof(truth), "%+.0f%% %s%s", (sc->factor - 1) * 100,
			 bg_statistic_name(sc->gate), sc->nchanged < BENCHES ? " 3/20" : "");
		if (sc->target.verdict != BG_NVERDICTS) {
			double f = pct(t->verdicts[sc->target.verdict], t->benches);
			int met = sc->target.at_least ? f >= 100 * sc->target.bound :
							f <= 100 * sc->target.bound;

			snprintf(target, sizeof(target), "%s %s %g%% %s (%.2f%%)",
				 column(sc->target.verdict), sc->target.at_least ? ">=" : "<=",
				 100 * sc->target.bound, met ? "met" : "NOT MET", f);
			met ? (*nmet)++ : (*nmissed)++;
		}
		printf("%-24s %-8s %-8s %4.1f%% %4.1f%% %3.0f%% %-18s | %6.2f %6.2f %6.2f %6.2f %6.2f "
		       "%6.1f | %6.2f %6.2f %6.2f %6.1f | %s\n", sc->name,
		       sc->official ? "official" : "smoke", rn, 100 * sc->shared_sd,
		       100 * sc->bench_sd, 100 * sc->cv, truth,
		       pct(t->verdicts[BG_REGRESSION], t->benches),
		       pct(t->verdicts[BG_IMPROVEMENT], t->benches),
		       pct(t->verdicts[BG_INCONCLUSIVE], t->benches),
		       pct(t->verdicts[BG_INSUFFICIENT], t->benches),
		       pct(t->verdicts[BG_PASS], t->benches), pct(t->pr_failed, t->prs),
		       pct(t->iid[BG_REGRESSION], t->benches), pct(t->iid[BG_PASS], t->benches),
		       pct(t->iid[BG_INCONCLUSIVE], t->benches), pct(t->iid_pr_failed, t->prs),
		       target);
	}

	printf("\ncoverage of the 95%% change interval with runs (target 93%%..97%%), beside "
	       "today's iid interval on the same data; mean width of the log interval\n");
	for (size_t k = 0; k < NRSCEN; k++) {
		const struct rscenario *sc = &rscenarios[k];
		const struct rtally *t = &tallies[k];
		double f = pct(t->covered, t->finite);
		int met = t->finite && f >= 93 && f <= 97;

		printf("  %-24s covered %6.2f%% of %5zu (mean width %5.2f points)  iid %6.2f%% "
		       "(%5.2f points)  %s\n", sc->name, f, t->finite,
		       t->finite ? 100 * t->width / (double)t->finite : NAN,
		       pct(t->iid_covered, t->iid_finite),
		       t->iid_finite ? 100 * t->iid_width / (double)t->iid_finite : NAN,
		       met ? "met" : "NOT MET");
		met ? (*nmet)++ : (*nmissed)++;
	}

	printf("\nchange on a few benchmarks (3 of 20 per pull request): regression on the changed "
	       "and on the unchanged\n");
	for (size_t k = 0; k < NRSCEN; k++) {
		const struct rscenario *sc = &rscenarios[k];
		const struct rtally *t = &tallies[k];

		if (sc->nchanged >= BENCHES)
			continue;
		printf("  %-24s changed %6.2f%% (iid %6.2f%%), unchanged %5.2f%% (iid %5.2f%%)\n",
		       sc->name, pct(t->regr_changed, t->changed),
		       pct(t->iid_regr_changed, t->changed),
		       pct(t->regr_unchanged, t->benches - t->changed),
		       pct(t->iid_regr_unchanged, t->benches - t->changed));
	}
	printf("\ninconclusive advice (%% of inconclusive results): more runs a side, or more "
	       "samples per side\n");
	for (size_t k = 0; k < NRSCEN; k++) {
		const struct rtally *t = &tallies[k];
		size_t inc = t->verdicts[BG_INCONCLUSIVE];

		if (inc)
			printf("  %-24s runs %6.2f%%  samples %6.2f%%  (of %zu)\n", rscenarios[k].name,
			       pct(t->advice_runs, inc), pct(t->advice_samples, inc), inc);
	}
	return 0;
}
