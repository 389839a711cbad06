/* Known-truth scenarios through bg_compare, beside the naive rules of other tools. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "benchgate/policy.h"
#include "benchgate/stats.h"
#include "sim.h"

#define DEFAULT_SEED 20261123UL
#define DEFAULT_REPS 2000UL

#define OUTLIER_P 0.02        /* probability of a slow outlier */
#define OUTLIER_LO 1.5        /* a slow outlier is U(1.5, 3) times slower */
#define OUTLIER_HI 3.0
#define TAIL_P 0.90           /* tail scenario: samples above this quantile ... */
#define TAIL_FACTOR 1.25      /* ... are this much slower in the current results */

/* A condition on the fraction of benchmarks given one verdict. */
struct cond {
	enum bg_verdict verdict;   /* BG_NVERDICTS: no condition */
	int at_least;              /* 1: fraction >= bound, 0: fraction <= bound */
	double bound;
};

struct scenario {
	const char *name;
	int official;              /* mode: 0 smoke, 1 official */
	size_t n;                  /* samples per side */
	int runs;                  /* runs per side the samples are spread over */
	double cv;                 /* of the lognormal part, outliers aside */
	double factor;             /* current / baseline scale of the whole distribution */
	const char *metric, *unit;
	enum bg_direction dir;
	double median;             /* baseline median of the lognormal part */
	double tick;               /* > 0: values rounded to multiples of the clock tick */
	int tail;                  /* slowest 10% of current samples 25% slower, gated on p95 */
	int coverage;              /* measure the change interval's coverage */
	struct cond target[2];
	enum bg_statistic gate;    /* the gated statistic: median unless set */
	double mix;                /* > 0: only this fraction of benchmarks changes */
	double mode2;              /* > 0: half the samples this much slower (two modes) */
	double run_shift;          /* > 0: the current side's last run this much slower */
};

#define NO_TARGET { { BG_NVERDICTS, 0, 0 }, { BG_NVERDICTS, 0, 0 } }
#define MEDIAN BG_STAT_MEDIAN

static const struct scenario scenarios[] = {
	{ "nochange-smoke", 0, 10, 1, 0.10, 1.00, "time", "ms", BG_DIR_LOWER, 100, 0, 0, 1,
	  { { BG_REGRESSION, 0, 0.01 }, { BG_NVERDICTS, 0, 0 } }, MEDIAN, 0, 0, 0 },
	{ "nochange-official", 1, 100, 5, 0.02, 1.00, "time", "ms", BG_DIR_LOWER, 100, 0, 0, 1,
	  { { BG_REGRESSION, 0, 0.01 }, { BG_NVERDICTS, 0, 0 } }, MEDIAN, 0, 0, 0 },
	{ "slow30-smoke", 0, 10, 1, 0.10, 1.30, "time", "ms", BG_DIR_LOWER, 100, 0, 0, 1,
	  { { BG_REGRESSION, 1, 0.95 }, { BG_NVERDICTS, 0, 0 } }, MEDIAN, 0, 0, 0 },
	{ "fast25-smoke", 0, 10, 1, 0.10, 0.75, "time", "ms", BG_DIR_LOWER, 100, 0, 0, 1,
	  { { BG_IMPROVEMENT, 1, 0.85 }, { BG_NVERDICTS, 0, 0 } }, MEDIAN, 0, 0, 0 },
	{ "slow5-official", 1, 100, 5, 0.02, 1.05, "time", "ms", BG_DIR_LOWER, 100, 0, 0, 1,
	  { { BG_REGRESSION, 1, 0.99 }, { BG_NVERDICTS, 0, 0 } }, MEDIAN, 0, 0, 0 },
	{ "slow0.5-official", 1, 100, 5, 0.02, 1.005, "time", "ms", BG_DIR_LOWER, 100, 0, 0, 1,
	  { { BG_REGRESSION, 0, 0.02 }, { BG_NVERDICTS, 0, 0 } }, MEDIAN, 0, 0, 0 },
	{ "noisy-official", 1, 20, 5, 0.10, 1.00, "time", "ms", BG_DIR_LOWER, 100, 0, 0, 1,
	  { { BG_REGRESSION, 0, 0.01 }, { BG_INCONCLUSIVE, 1, 0.90 } }, MEDIAN, 0, 0, 0 },
	{ "tps-drop30-smoke", 0, 10, 1, 0.10, 0.70, "tokens_per_sec", "tok/s", BG_DIR_HIGHER,
	  100, 0, 0, 1, NO_TARGET, MEDIAN, 0, 0, 0 },
	{ "coarse-slow30-smoke", 0, 20, 1, 0.10, 1.30, "time", "ticks", BG_DIR_LOWER, 20, 1, 0,
	  0, NO_TARGET, MEDIAN, 0, 0, 0 },
	{ "tail-p95-smoke", 0, 200, 1, 0.10, 1.00, "time", "ms", BG_DIR_LOWER, 100, 0, 1, 1,
	  NO_TARGET, BG_STAT_P95, 0, 0, 0 },
	{ "p95-nochange-smoke", 0, 200, 1, 0.10, 1.00, "time", "ms", BG_DIR_LOWER, 100, 0, 0, 1,
	  { { BG_REGRESSION, 0, 0.01 }, { BG_NVERDICTS, 0, 0 } }, BG_STAT_P95, 0, 0, 0 },
	{ "slow30-p99-smoke", 0, 500, 1, 0.10, 1.30, "time", "ms", BG_DIR_LOWER, 100, 0, 0, 1,
	  NO_TARGET, BG_STAT_P99, 0, 0, 0 },
	{ "p99-n100-smoke", 0, 100, 1, 0.10, 1.00, "time", "ms", BG_DIR_LOWER, 100, 0, 0, 0,
	  { { BG_INSUFFICIENT, 1, 1.00 }, { BG_NVERDICTS, 0, 0 } }, BG_STAT_P99, 0, 0, 0 },
	{ "mixed-noisy-official", 1, 20, 5, 0.10, 1.10, "time", "ms", BG_DIR_LOWER, 100, 0, 0, 0,
	  NO_TARGET, MEDIAN, 0.10, 0, 0 },
	{ "bimodal-smoke", 0, 100, 1, 0.02, 1.00, "time", "ms", BG_DIR_LOWER, 100, 0, 0, 0,
	  NO_TARGET, MEDIAN, 0, 1.30, 0 },
	{ "slow-run-official", 1, 100, 5, 0.02, 1.00, "time", "ms", BG_DIR_LOWER, 100, 0, 0, 0,
	  NO_TARGET, MEDIAN, 0, 0, 1.05 },
};

#define NSCEN (sizeof(scenarios) / sizeof(scenarios[0]))

/* What one scenario measured. */
struct tally {
	size_t reps;
	size_t verdicts[BG_NVERDICTS];
	size_t ratio, ponly, welch;   /* naive rules: benchmarks flagged as regressions */
	size_t covered, finite;       /* change intervals containing the truth; finite ones */
	double truth;                 /* true relative change of the gated statistic */
	size_t min_samples;           /* the mode's, after any override */
	int min_runs;
	int overridden;
	size_t changed;               /* mixed scenarios: benchmarks that changed */
	size_t regr_changed, regr_unchanged;            /* with the mode's FDR setting */
	size_t nofdr_regr, nofdr_changed, nofdr_unchanged;   /* official: without FDR */
	size_t warn_outliers, warn_cv, warn_bimodal, warn_runs;
};

/* Print "sim: what" on stderr and return -1 (sim.h). */
int sim_error(const char *fmt, ...)
{
	va_list ap;

	fputs("sim: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return -1;
}

static enum bg_statistic gated_statistic(const struct scenario *sc)
{
	return sc->gate;
}

/* The probability of the quantile a statistic is, 0.5 for the median. */
static double stat_p(enum bg_statistic stat)
{
	return stat == BG_STAT_P95 ? 0.95 : stat == BG_STAT_P99 ? 0.99 : 0.5;
}

static double lognormal_sigma(double cv)
{
	return sqrt(log1p(cv * cv));
}

/* One sample of the scenario: lognormal, tail shift, slow outlier, scale, clock. */
static double draw(const struct scenario *sc, gsl_rng *rng, int current, int changed, int run)
{
	double sigma = lognormal_sigma(sc->cv);
	double z = gsl_ran_gaussian_ziggurat(rng, 1.0);
	double x = sc->median * exp(sigma * z);

	if (sc->mode2 > 0 && gsl_rng_uniform(rng) < 0.5)
		x *= sc->mode2;
	if (current && sc->run_shift > 0 && run == sc->runs - 1)
		x *= sc->run_shift;

	if (current && sc->tail && z > gsl_cdf_ugaussian_Pinv(TAIL_P))
		x *= TAIL_FACTOR;
	if (gsl_rng_uniform(rng) < OUTLIER_P) {
		double o = gsl_ran_flat(rng, OUTLIER_LO, OUTLIER_HI);

		/* Slow means a longer time, or a lower throughput. */
		x = sc->dir == BG_DIR_HIGHER ? x / o : x * o;
	}
	if (current && changed)
		x *= sc->factor;
	if (sc->tick > 0)
		x = round(x / sc->tick) * sc->tick;
	return x;
}

/*
 * CDF at x of the lognormal part (before outliers) of one side, with the tail
 * scenario's shift of the samples above the TAIL_P quantile on the current side.
 */
static double base_cdf(const struct scenario *sc, int current, double x)
{
	double sigma = lognormal_sigma(sc->cv);
	double w, zt, shift;

	if (!(x > 0))
		return 0;
	w = log(x / (sc->median * (current ? sc->factor : 1))) / sigma;
	if (!current || !sc->tail)
		return gsl_cdf_ugaussian_P(w);
	zt = gsl_cdf_ugaussian_Pinv(TAIL_P);
	shift = log(TAIL_FACTOR) / sigma;
	if (w <= zt)
		return gsl_cdf_ugaussian_P(w);
	if (w <= zt + shift)
		return TAIL_P;
	return gsl_cdf_ugaussian_P(w - shift);
}

/*
 * CDF at x of one side, outliers included: (1 - p) F(x) + p E[F(x / O)], O ~ U(lo, hi)
 * (x * O for a higher-is-better metric), the expectation by composite Simpson's rule.
 */
static double mixture_cdf(const struct scenario *sc, int current, double x)
{
	const int panels = 2000;   /* even */
	double h = (OUTLIER_HI - OUTLIER_LO) / panels, sum = 0;

	for (int i = 0; i <= panels; i++) {
		double o = OUTLIER_LO + i * h;
		double f = base_cdf(sc, current, sc->dir == BG_DIR_HIGHER ? x * o : x / o);
		int w = i == 0 || i == panels ? 1 : i % 2 ? 4 : 2;

		sum += w * f;
	}
	return (1 - OUTLIER_P) * base_cdf(sc, current, x) +
	       OUTLIER_P * sum * h / 3 / (OUTLIER_HI - OUTLIER_LO);
}

/* The p-quantile of one side's distribution (clock rounding aside), by bisection. */
static double true_quantile(const struct scenario *sc, int current, double p)
{
	double lo = sc->median * 1e-3, hi = sc->median * 1e3;

	for (int i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
		double mid = (lo + hi) / 2;

		if (mixture_cdf(sc, current, mid) < p)
			lo = mid;
		else
			hi = mid;
	}
	return (lo + hi) / 2;
}

/*
 * The true relative change of the gated statistic. Outliers multiply a sample and the
 * change scales the whole distribution, so every quantile changes by exactly
 * factor - 1; the tail scenario is not a scale change and is computed numerically.
 */
static double true_change(const struct scenario *sc)
{
	double p;

	if (!sc->tail)
		return sc->factor - 1;
	p = stat_p(gated_statistic(sc));
	return true_quantile(sc, 1, p) / true_quantile(sc, 0, p) - 1;
}

/* Worse for the metric: greater when lower is better, smaller otherwise. */
static int worse(const struct scenario *sc, double cur, double base)
{
	return sc->dir == BG_DIR_HIGHER ? cur < base : cur > base;
}

/* Ratio gate (github-action-benchmark): worse mean by more than the threshold. */
static int naive_ratio(const struct scenario *sc, const struct bg_metric *b,
		       const struct bg_metric *c, double threshold)
{
	double mb = bg_mean(b->samples, b->n), mc = bg_mean(c->samples, c->n);
	double ratio = sc->dir == BG_DIR_HIGHER ? mb / mc : mc / mb;

	return ratio > 1 + threshold;
}

static double median_of(const struct bg_metric *m)
{
	double *s = bg_sorted_copy(m->samples, m->n);
	double q = bg_quantile_sorted(s, m->n, 0.5);

	free(s);
	return q;
}

/* p-value only (benchstat): Mann-Whitney p < 0.05 and a worse current median. */
static int naive_ponly(const struct scenario *sc, const struct bg_metric *b,
		       const struct bg_metric *c)
{
	double p = bg_mann_whitney(b->samples, b->n, c->samples, c->n);

	return p < 0.05 && worse(sc, median_of(c), median_of(b));
}

/*
 * Welch's t test on the means, outliers included (Criterion): two-sided p < 0.05 with
 * Welch-Satterthwaite degrees of freedom, and a worse current mean.
 */
static int naive_welch(const struct scenario *sc, const struct bg_metric *b,
		       const struct bg_metric *c)
{
	double mb = bg_mean(b->samples, b->n), mc = bg_mean(c->samples, c->n);
	double vb = pow(bg_sd_m(b->samples, b->n, mb), 2) / (double)b->n;
	double vc = pow(bg_sd_m(c->samples, c->n, mc), 2) / (double)c->n;
	double se = sqrt(vb + vc), t, df, p;

	if (!(se > 0))
		return mb != mc && worse(sc, mc, mb);
	t = (mc - mb) / se;
	df = (vb + vc) * (vb + vc) /
	     (vb * vb / (double)(b->n - 1) + vc * vc / (double)(c->n - 1));
	p = 2 * gsl_cdf_tdist_P(-fabs(t), df);
	return p < 0.05 && worse(sc, mc, mb);
}

/* Whether benchmark i of reps has the scenario's change (all but in mixed ones). */
static int is_changed(const struct scenario *sc, size_t i, size_t reps)
{
	return !(sc->mix > 0) || (double)i < sc->mix * (double)reps;
}

/* Fill base and cur with reps benchmarks of the scenario. */
static int build(struct bg_resultset *base, struct bg_resultset *cur,
		 const struct scenario *sc, size_t reps, gsl_rng *rng)
{
	char name[32];

	base->nruns = cur->nruns = sc->runs;
	for (size_t i = 0; i < reps; i++) {
		snprintf(name, sizeof(name), "bench%05zu", i);
		for (int side = 0; side < 2; side++) {
			struct bg_resultset *rs = side ? cur : base;
			struct bg_bench *b = bg_resultset_bench(rs, name);
			struct bg_metric *m = bg_bench_metric(b, sc->metric, sc->unit, sc->dir);

			if (!m)
				return sim_error("cannot add metric '%s' to '%s'", sc->metric, name);
			for (size_t j = 0; j < sc->n; j++) {
				int run = (int)(j * (size_t)sc->runs / sc->n);

				bg_metric_add(m, draw(sc, rng, side, is_changed(sc, i, reps), run), run);
			}
		}
	}
	return 0;
}

/* Run one scenario: reps benchmarks in one result-set pair, one bg_compare. */
static int run_scenario(struct tally *t, const struct scenario *sc, size_t reps,
			unsigned long seed)
{
	struct bg_resultset base, cur;
	struct bg_comparison cmp;
	struct bg_config cfg;
	struct bg_mode mode;
	struct bg_error err;
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	int ret = -1;

	bg_resultset_init(&base);
	bg_resultset_init(&cur);
	bg_comparison_init(&cmp);
	bg_config_init(&cfg);
	/*
	 * The 2000 benchmarks of a scenario are replications of one benchmark, each with
	 * the scenario's change, not the benchmarks of one job: a machine-wide shift
	 * would take their common change for the machine's. The shift is judged in the
	 * pull-request scenarios of sim/sim_history.c.
	 */
	cfg.shift = 0;
	memset(t, 0, sizeof(*t));
	if (!rng)
		return sim_error("cannot allocate a random number generator");
	gsl_rng_set(rng, seed);

	if (gated_statistic(sc) != BG_STAT_MEDIAN) {
		cfg.rules = bg_calloc(1, sizeof(*cfg.rules));
		cfg.nrules = 1;
		cfg.rules[0].direction = BG_DIR_NONE;
		cfg.rules[0].has_statistic = 1;
		cfg.rules[0].statistic = gated_statistic(sc);
		cfg.rules[0].threshold = NAN;
	}
	mode = cfg.modes[sc->official];
	if (sc->n < mode.min_samples) {
		mode.min_samples = sc->n;
		t->overridden = 1;
	}
	if (sc->runs < mode.min_runs) {
		mode.min_runs = sc->runs;
		t->overridden = 1;
	}
	t->min_samples = mode.min_samples;
	t->min_runs = mode.min_runs;
	t->reps = reps;
	t->truth = true_change(sc);

	if (build(&base, &cur, sc, reps, rng) < 0)
		goto out;
	if (bg_compare(&cmp, &base, &cur, &cfg, &mode, &err) < 0) {
		sim_error("%s: %s", sc->name, err.msg);
		goto out;
	}
	if (cmp.n != reps) {
		sim_error("%s: %zu results for %zu benchmarks", sc->name, cmp.n, reps);
		goto out;
	}
	for (size_t i = 0; i < reps; i++) {
		const struct bg_result *r = &cmp.results[i];
		const struct bg_metric *bm = &base.benches[i].metrics[0];
		const struct bg_metric *cm = &cur.benches[i].metrics[0];

		if (strcmp(r->bench, base.benches[i].name) || strcmp(r->bench, cur.benches[i].name) ||
		    r->statistic != gated_statistic(sc)) {
			sim_error("%s: result %zu is not for '%s' on its %s", sc->name, i,
			      base.benches[i].name, bg_statistic_name(gated_statistic(sc)));
			goto out;
		}
		t->verdicts[r->verdict]++;
		if (is_changed(sc, i, reps)) {
			t->changed++;
			t->regr_changed += r->verdict == BG_REGRESSION;
		} else {
			t->regr_unchanged += r->verdict == BG_REGRESSION;
		}
		if (r->warning) {
			t->warn_outliers += strstr(r->warning, "outlier") != NULL;
			t->warn_cv += strstr(r->warning, "high variation") != NULL;
			t->warn_bimodal += strstr(r->warning, "bimodal") != NULL;
			t->warn_runs += strstr(r->warning, "stands out") != NULL;
		}
		t->ratio += naive_ratio(sc, bm, cm, r->threshold);
		t->ponly += naive_ponly(sc, bm, cm);
		t->welch += naive_welch(sc, bm, cm);
		if (isfinite(r->change.ci.lo) && isfinite(r->change.ci.hi)) {
			t->finite++;
			t->covered += r->change.ci.lo <= t->truth && t->truth <= r->change.ci.hi;
		}
	}
	if (sc->official) {
		/* the same data judged without FDR control: what it costs in power */
		bg_comparison_release(&cmp);
		mode.fdr = 0;
		if (bg_compare(&cmp, &base, &cur, &cfg, &mode, &err) < 0) {
			sim_error("%s: %s", sc->name, err.msg);
			goto out;
		}
		for (size_t i = 0; i < reps && i < cmp.n; i++) {
			int regr = cmp.results[i].verdict == BG_REGRESSION;

			t->nofdr_regr += regr;
			if (is_changed(sc, i, reps))
				t->nofdr_changed += regr;
			else
				t->nofdr_unchanged += regr;
		}
	}
	ret = 0;
out:
	bg_comparison_release(&cmp);
	bg_resultset_release(&base);
	bg_resultset_release(&cur);
	bg_config_release(&cfg);
	gsl_rng_free(rng);
	return ret;
}

static double frac(size_t k, size_t n)
{
	return n ? (double)k / (double)n : NAN;
}

/* The column heading of a verdict's fraction. */
static const char *verdict_column(enum bg_verdict v)
{
	static const char *const names[BG_NVERDICTS] = {
		"pass", "regr", "impr", "inconc", "insuff", "missing", "new"
	};

	return (unsigned)v < BG_NVERDICTS ? names[v] : "?";
}

/*
 * Whether the target is met, -1 when the scenario has none. desc gets the target,
 * figures the measured fractions it is about.
 */
static int target_met(char *desc, char *figures, size_t size, const struct scenario *sc,
		      const struct tally *t)
{
	size_t dl = 0, fl = 0;
	int met = 1, any = 0;

	desc[0] = figures[0] = '\0';
	for (int k = 0; k < 2; k++) {
		const struct cond *c = &sc->target[k];
		double f;

		if (c->verdict == BG_NVERDICTS)
			continue;
		f = frac(t->verdicts[c->verdict], t->reps);
		met &= c->at_least ? f >= c->bound : f <= c->bound;
		dl += (size_t)snprintf(desc + dl, dl < size ? size - dl : 0, "%s%s %s %g%%",
				       any ? ", " : "", verdict_column(c->verdict),
				       c->at_least ? ">=" : "<=", c->bound * 100);
		fl += (size_t)snprintf(figures + fl, fl < size ? size - fl : 0, "%s%.2f%%",
				       any ? ", " : "", f * 100);
		any = 1;
	}
	return any ? met : -1;
}

static void print_truth(char *buf, size_t size, const struct scenario *sc, double truth)
{
	snprintf(buf, size, "%+.1f%% %s", truth * 100,
		 bg_statistic_name(gated_statistic(sc)));
}

static int parse_ulong(unsigned long *out, const char *s, unsigned long min)
{
	char *end;
	unsigned long v;

	errno = 0;
	if (*s == '-')
		return -1;
	v = strtoul(s, &end, 10);
	if (end == s || *end || errno || v < min)
		return -1;
	*out = v;
	return 0;
}

static int usage(void)
{
	fputs("usage: sim [--seed N] [--reps N]\n", stderr);
	return 2;
}

int main(int argc, char **argv)
{
	static struct tally tallies[NSCEN];
	unsigned long seed = DEFAULT_SEED, reps = DEFAULT_REPS;
	int nmet = 0, nmissed = 0;
	char buf[64], desc[64], figures[64];

	gsl_set_error_handler_off();
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--seed") && i + 1 < argc) {
			if (parse_ulong(&seed, argv[++i], 0) < 0) {
				sim_error("'%s' is not a seed", argv[i]);
				return usage();
			}
		} else if (!strcmp(argv[i], "--reps") && i + 1 < argc) {
			if (parse_ulong(&reps, argv[++i], 1) < 0 || reps > 1000000) {
				sim_error("'%s' is not a number of benchmarks from 1 to 1000000", argv[i]);
				return usage();
			}
		} else {
			return usage();
		}
	}

	printf("benchgate simulation: seed %lu, %lu benchmarks per scenario, confidence 95%%, "
	       "noise lognormal + 2%% slow outliers x U(1.5, 3)\n", seed, reps);
	printf("verdicts and naive rules: %% of benchmarks; naive columns count regressions only; "
	       "each scenario's benchmarks are replications of one, judged on their own change "
	       "(no machine-wide shift: sim/sim_history.c's pull requests have it)\n\n");
	printf("%-20s %-8s %4s %4s %4s %-13s | %6s %6s %6s %6s %6s | %6s %6s %6s | %-25s %s\n",
	       "scenario", "mode", "n", "runs", "cv", "truth", "regr", "impr", "inconc", "insuff",
	       "pass", "ratio", "p-only", "welch", "target", "result");
	for (size_t k = 0; k < NSCEN; k++) {
		const struct scenario *sc = &scenarios[k];
		struct tally *t = &tallies[k];
		int met;

		/* One stream per scenario, so that adding one leaves the others alone. */
		if (run_scenario(t, sc, reps, seed + k) < 0)
			return 1;
		print_truth(buf, sizeof(buf), sc, t->truth);
		met = target_met(desc, figures, sizeof(desc), sc, t);
		printf("%-20s %-8s %4zu %4d %3.0f%% %-13s | %6.2f %6.2f %6.2f %6.2f %6.2f | "
		       "%6.2f %6.2f %6.2f | %-25s %s%s%s%s\n",
		       sc->name, sc->official ? "official" : "smoke", sc->n, sc->runs, sc->cv * 100, buf,
		       100 * frac(t->verdicts[BG_REGRESSION], reps),
		       100 * frac(t->verdicts[BG_IMPROVEMENT], reps),
		       100 * frac(t->verdicts[BG_INCONCLUSIVE], reps),
		       100 * frac(t->verdicts[BG_INSUFFICIENT], reps),
		       100 * frac(t->verdicts[BG_PASS], reps),
		       100 * frac(t->ratio, reps), 100 * frac(t->ponly, reps),
		       100 * frac(t->welch, reps), met < 0 ? "-" : desc,
		       met < 0 ? "-" : met ? "met" : "NOT MET", met < 0 ? "" : " (",
		       met < 0 ? "" : figures, met < 0 ? "" : ")");
		if (met >= 0)
			met ? nmet++ : nmissed++;
	}
	printf("\n");
	for (size_t k = 0; k < NSCEN; k++) {
		const struct scenario *sc = &scenarios[k];
		const struct tally *t = &tallies[k];

		if (t->overridden)
			printf("note: %s: %s mode's minimum lowered to %zu samples and %d runs "
			       "per side for n=%zu\n", sc->name, sc->official ? "official" : "smoke",
			       t->min_samples, t->min_runs, sc->n);
		if (sc->tail)
			printf("note: %s: gated on %s by a metric rule; the slowest 10%% of current "
			       "samples are 25%% slower, the median is unchanged\n", sc->name,
			       bg_statistic_name(gated_statistic(sc)));
		else if (gated_statistic(sc) != BG_STAT_MEDIAN)
			printf("note: %s: gated on %s by a metric rule\n", sc->name,
			       bg_statistic_name(gated_statistic(sc)));
		if (sc->tick > 0)
			printf("note: %s: values rounded to a clock tick of %g (median %g ticks), "
			       "so ties are common; +30%% is the change before rounding\n", sc->name,
			       sc->tick, sc->median / sc->tick);
	}
	printf("\ncoverage of the 95%% change interval (truth: factor - 1 exactly, outliers being "
	       "multiplicative; the tail scenarios' change from the mixture's quantiles, computed "
	       "numerically)\n");
	for (size_t k = 0; k < NSCEN; k++) {
		const struct scenario *sc = &scenarios[k];
		const struct tally *t = &tallies[k];
		double f = frac(t->covered, t->finite);
		int met = t->finite && f >= 0.93 && f <= 0.97;

		if (!sc->coverage) {
			if (sc->tick > 0)
				printf("  %-20s not measured: the rounded distribution is discrete, "
				       "its median change is not the +30%% before rounding\n",
				       sc->name);
			else
				printf("  %-20s not measured: no finite interval is expected\n",
				       sc->name);
			continue;
		}
		print_truth(buf, sizeof(buf), sc, t->truth);
		printf("  %-20s n=%-4zu cv %3.0f%%  truth %-13s  covered %6.2f%% of %zu finite "
		       "intervals  target 93%%..97%%  %s\n", sc->name, sc->n, sc->cv * 100, buf,
		       100 * f, t->finite, met ? "met" : "NOT MET");
		met ? nmet++ : nmissed++;
	}
	printf("\nfalse discovery rate: official mode judges significance on Benjamini-Hochberg "
	       "q-values over all its results (--fdr); the same data judged on each p-value "
	       "alone (--no-fdr)\n");
	for (size_t k = 0; k < NSCEN; k++) {
		const struct scenario *sc = &scenarios[k];
		const struct tally *t = &tallies[k];

		if (!sc->official)
			continue;
		if (sc->mix > 0)
			printf("  %-20s regr on the changed %6.2f%% with FDR, %6.2f%% without; unchanged "
			       "%6.2f%% with, %6.2f%% without (%zu of %zu benchmarks changed)\n",
			       sc->name, 100 * frac(t->regr_changed, t->changed),
			       100 * frac(t->nofdr_changed, t->changed),
			       100 * frac(t->regr_unchanged, t->reps - t->changed),
			       100 * frac(t->nofdr_unchanged, t->reps - t->changed), t->changed,
			       t->reps);
		else
			printf("  %-20s regr %6.2f%% with FDR, %6.2f%% without\n", sc->name,
			       100 * frac(t->verdicts[BG_REGRESSION], t->reps),
			       100 * frac(t->nofdr_regr, t->reps));
	}
	printf("\nwarnings (%% of benchmarks): outliers (severe over 0.01%% of a side, or 2+ over 5%%), "
	       "robust CV over 10%%, bimodal (coefficient over 5/9, n >= 20), a run standing out "
	       "(Kruskal-Wallis p < 0.001 and its median off by over half the threshold)\n");
	printf("  %-20s %8s %8s %8s %8s\n", "scenario", "outliers", "cv", "bimodal", "runs");
	for (size_t k = 0; k < NSCEN; k++) {
		const struct tally *t = &tallies[k];

		printf("  %-20s %8.2f %8.2f %8.2f %8.2f\n", scenarios[k].name,
		       100 * frac(t->warn_outliers, t->reps), 100 * frac(t->warn_cv, t->reps),
		       100 * frac(t->warn_bimodal, t->reps), 100 * frac(t->warn_runs, t->reps));
	}
	if (sim_runs(seed, reps, &nmet, &nmissed) < 0)
		return 1;
	if (sim_history(seed, reps, &nmet, &nmissed) < 0)
		return 1;
	printf("\ntargets: %d met, %d not met\n", nmet, nmissed);
	if (fclose(stdout) != 0) {
		sim_error("cannot write the output: %s", bg_strerror(errno));
		return 1;
	}
	return 0;
}
