/*
 * Run-to-run noise from history, and the machine-wide shift (docs/statistics.md): after
 * every result is measured, before any verdict.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "benchgate/format.h"
#include "benchgate/jobnoise.h"
#include "benchgate/noise.h"
#include "gate.h"

/* Whether r has a measured change on its samples, one the shift can use. */
static int measured(const struct bg_result *r)
{
	return r->has_base && r->has_cur && !r->summary_only && isfinite(r->change.estimate) &&
	       r->change.estimate > -1;
}

/* +1 for a lower-is-better metric (a slower machine raises it), -1 otherwise. */
static double orient(const struct bg_result *r)
{
	return r->direction == BG_DIR_HIGHER ? -1 : 1;
}

/* Satterthwaite's degrees of freedom of v1 + v2 (df INFINITY: known). */
static double satterthwaite(double v1, double df1, double v2, double df2)
{
	double d = 0;

	if (v1 > 0 && isfinite(df1))
		d += v1 * v1 / df1;
	if (v2 > 0 && isfinite(df2))
		d += v2 * v2 / df2;
	return d > 0 ? (v1 + v2) * (v1 + v2) / d : INFINITY;
}

/*
 * The job-to-job spread of the part shared by all results, from the runs of each side:
 * per run, the median over the results of (the run's level - the mean of that result's
 * run levels on its side); the sample variance of those run levels, pooled over the
 * sides with 2 runs or more (k - 1 degrees of freedom each). extra_var = sd^2 (1/k_b +
 * 1/k_c). -1 when no side has 2 runs common to at least BG_SHIFT_MIN results.
 */
static int shared_from_runs(struct bg_noise *out, const struct bg_comparison *c,
			    const struct bg_resultset *sides[2])
{
	double ss = 0, dfsum = 0;
	size_t k[2] = { 0, 0 };

	for (int s = 0; s < 2; s++) {
		size_t kk = 0, used = 0, alloc = 0;
		double *dev = NULL;   /* [result][run] deviations, results that have kk runs */

		for (size_t i = 0; i < c->n; i++) {
			const struct bg_result *r = &c->results[i];
			const struct bg_bench *b;
			const struct bg_metric *m;
			struct bg_runlevels rl;
			double mean = 0;

			/* a side of one run (most often all of them): no lookup */
			if (!measured(r) || (s ? r->cur.runs : r->base.runs) < 2 ||
			    !(b = bg_resultset_find(sides[s], r->bench)) ||
			    !(m = bg_bench_find(b, r->metric)))
				continue;
			if (bg_runlevels_compute(&rl, m->samples, m->runs, m->n) < 0 || rl.k < 2 ||
			    (kk && rl.k != kk)) {
				bg_runlevels_release(&rl);
				continue;
			}
			kk = rl.k;
			for (size_t j = 0; j < kk; j++)
				mean += rl.level[j] / (double)kk;
			bg_grow(&dev, &alloc, (used + 1) * kk, sizeof(*dev));
			for (size_t j = 0; j < kk; j++)
				dev[used * kk + j] = orient(r) * (rl.level[j] - mean);
			used++;
			bg_runlevels_release(&rl);
		}
		if (used >= BG_SHIFT_MIN) {
			double *col = bg_malloc(used * sizeof(*col)), *lev = bg_malloc(kk * sizeof(*lev));
			double est, se, mean = 0, var = 0;

			for (size_t j = 0; j < kk; j++) {
				for (size_t i = 0; i < used; i++)
					col[i] = dev[i * kk + j];
				bg_shift_median(&est, &se, col, used);
				lev[j] = est;
				mean += est / (double)kk;
			}
			for (size_t j = 0; j < kk; j++)
				var += (lev[j] - mean) * (lev[j] - mean) / (double)(kk - 1);
			ss += var * (double)(kk - 1);
			dfsum += (double)(kk - 1);
			k[s] = kk;
			free(col);
			free(lev);
		}
		free(dev);
	}
	if (dfsum == 0)
		return -1;
	bg_noise_init(out);
	out->source = BG_NOISE_RUNS;
	out->sd = sqrt(ss / dfsum);
	out->extra_var = (ss / dfsum) * (1.0 / (double)(k[0] ? k[0] : 1) +
					 1.0 / (double)(k[1] ? k[1] : 1));
	out->df = dfsum;
	out->n = (int)(k[0] + k[1]);
	return 0;
}

/*
 * The p-value of a change relative to the shift from its interval alone (within the
 * runs): the standard error from the half-width facing 0 over the normal quantile of
 * the level, as bg_change_widen takes it. 1 for an estimate of 0.
 */
static double within_p(const struct bg_change *ch, double conf)
{
	double d = log1p(ch->estimate), z = gsl_cdf_ugaussian_Pinv(1 - (1 - conf) / 2);
	double bound = d > 0 ? ch->ci.lo : ch->ci.hi, se;

	if (d == 0)
		return 1;
	if (!isfinite(bound) || bound <= -1)
		return NAN;
	se = fabs(d - log1p(bound)) / z;
	return se > 0 ? 2 * gsl_cdf_ugaussian_Q(fabs(d) / se) : 0;
}

/* "+-9.8%": a run-to-run sd on the log scale as the relative spread of one job. */
static void spread_text(char *buf, size_t size, double sd)
{
	snprintf(buf, size, "+-%.1f%%", (exp(sd) - 1) * 100);
}

/* The once-a-comparison line on where run-to-run noise came from (new string or NULL). */
static char *noise_note(const struct bg_comparison *c, const struct bg_hist *h)
{
	size_t nhist = 0, nunknown = 0, nmeasured = 0, nnotes = 0;
	double lo = INFINITY, hi = -INFINITY;
	const struct bg_result *one = NULL;
	char a[32], b[32];

	for (size_t i = 0; i < c->n; i++) {
		const struct bg_result *r = &c->results[i];

		if (!measured(r))
			continue;
		nmeasured++;
		if (r->noise.source == BG_NOISE_HISTORY) {
			nhist++;
			one = r;
			if ((size_t)r->noise.n > nnotes)
				nnotes = (size_t)r->noise.n;
			lo = fmin(lo, r->noise.sd);
			hi = fmax(hi, r->noise.sd);
		} else if (r->noise.source == BG_NOISE_UNKNOWN && r->base.runs <= 1 &&
			   r->cur.runs <= 1) {
			/* several runs with the noise unknown: the runs' part says why */
			nunknown++;
		}
	}
	if (nhist) {
		char *others = nunknown ? bg_asprintf("; %zu other%s: fewer than 5 notes", nunknown,
						      nunknown == 1 ? "" : "s")
					: bg_strdup("");
		char *r;

		spread_text(a, sizeof(a), lo);
		spread_text(b, sizeof(b), hi);
		if (nhist == 1)
			r = bg_asprintf("run-to-run noise from %d notes on %s: %s for %s%s",
					one->noise.n, h->label ? h->label : "the baseline's history", a,
					one->bench, others);
		else if (!strcmp(a, b))
			r = bg_asprintf("run-to-run noise from up to %zu notes on %s: %s over %zu results%s",
					nnotes, h->label ? h->label : "the baseline's history", a, nhist,
					others);
		else
			r = bg_asprintf("run-to-run noise from up to %zu notes on %s: %s to %s over %zu results%s",
					nnotes, h->label ? h->label : "the baseline's history", a, b,
					nhist, others);
		free(others);
		return r;
	}
	if (nunknown && nunknown == nmeasured)
		return bg_strdup(h ? "run-to-run noise unknown: fewer than 5 notes a benchmark along the baseline's history; more notes there, several runs a side, or --paired would tell it"
				   : "run-to-run noise unknown: one run a side and no history; several runs a side, a git baseline with notes along its history (--baseline auto), or --paired would tell it");
	return NULL;
}

/*
 * The baseline job's shared level against the notes before it (log scale): level[0] -
 * the median of the others' levels. NAN unless note 0 is the baseline's and at least
 * BG_HISTORY_MIN others have a level.
 */
static double anchor(const double *level, const struct bg_hist *h)
{
	double *o, off = NAN;
	size_t k = 0;

	if (!h->first_is_baseline || h->nnotes < 2 || !isfinite(level[0]))
		return NAN;
	o = bg_malloc(h->nnotes * sizeof(*o));
	for (size_t j = 1; j < h->nnotes; j++)
		if (isfinite(level[j]))
			o[k++] = level[j];
	if (k >= BG_HISTORY_MIN) {
		double se;

		bg_shift_median(&off, &se, o, k);
		off = level[0] - off;
	}
	free(o);
	return off;
}

/* The shift's verdict: bg_verdict_decide on a result that holds the shift alone. */
static void judge_shift(struct bg_run_shift *s, const struct bg_mode *mode, double threshold,
			double confidence, int history)
{
	struct bg_result r;
	memset(&r, 0, sizeof(r));
	r.direction = BG_DIR_LOWER;
	r.statistic = BG_STAT_MEDIAN;
	r.threshold = threshold;
	r.has_base = r.has_cur = 1;
	r.base.n = r.cur.n = mode->min_samples;
	r.base.runs = r.cur.runs = mode->min_runs;
	r.change = s->judged;
	r.p_value = s->judged.p_value;
	r.q_value = NAN;
	bg_verdict_decide(&r, mode, r.p_value, confidence);
	s->verdict = r.verdict;
	free(r.note);
	if (s->noise.source == BG_NOISE_UNKNOWN) {
		s->verdict = BG_INCONCLUSIVE;
		s->reason = bg_strdup(history ? "the job-to-job spread of the machine is unknown (one run a side, fewer than 5 notes of history)"
					      : "the job-to-job spread of the machine is unknown (one run a side and no history)");
	} else {
		char sd[32];

		spread_text(sd, sizeof(sd), s->noise.sd);
		s->reason = bg_asprintf("job-to-job spread of %s from %d %s", sd, s->noise.n,
					s->noise.source == BG_NOISE_HISTORY ? "notes" : "runs");
	}
}

void bg_gate_jobnoise(struct bg_comparison *c, const struct bg_resultset *base,
		      const struct bg_resultset *cur, const struct bg_config *cfg,
		      const struct bg_mode *mode)
{
	const struct bg_hist *h = c->history;
	const struct bg_resultset *sides[2] = { base, cur };
	struct bg_change *within = bg_malloc((c->n ? c->n : 1) * sizeof(*within));
	struct bg_jobsd shared = { NAN, NAN, 0, 0 }, *total = NULL, *own = NULL;
	double *lc = bg_malloc((c->n ? c->n : 1) * sizeof(*lc)), *level = NULL;
	double conf = cfg->confidence;
	size_t m = 0;

	if (h) {
		total = bg_calloc(h->nseries ? h->nseries : 1, sizeof(*total));
		own = bg_calloc(h->nseries ? h->nseries : 1, sizeof(*own));
		level = bg_malloc((h->nnotes ? h->nnotes : 1) * sizeof(*level));
		bg_hist_spread(&shared, level, total, own, h, h->limit);
	}
	/* history: each side one job, extra_var = 2 sd^2 */
	for (size_t i = 0; i < c->n; i++) {
		struct bg_result *r = &c->results[i];
		const struct bg_hist_series *s;
		size_t k;

		within[i] = r->change;
		if (!measured(r) || r->noise.source != BG_NOISE_UNKNOWN || !h ||
		    !(s = bg_hist_find(h, r->bench, r->metric)))
			continue;
		k = (size_t)(s - h->series);
		if (total[k].n < BG_HISTORY_MIN || !isfinite(total[k].sd))
			continue;
		r->noise.source = BG_NOISE_HISTORY;
		r->noise.sd = total[k].sd;
		r->noise.extra_var = 2 * total[k].sd * total[k].sd;
		r->noise.df = total[k].df;
		r->noise.n = (int)total[k].n;
		bg_change_widen(&r->change, &within[i], r->noise.extra_var, r->noise.df, conf);
		r->p_value = r->change.p_value;
	}
	free(c->noise_note);
	c->noise_note = cfg->one_job ? NULL : noise_note(c, h);

	/* the machine-wide shift */
	for (size_t i = 0; i < c->n; i++)
		if (measured(&c->results[i]))
			lc[m++] = orient(&c->results[i]) * log1p(within[i].estimate);
	/* paired runs: the machine cancels within each pair, a shift left is a change */
	if (cfg->shift && !cfg->paired && !cfg->one_job && m >= BG_SHIFT_MIN) {
		struct bg_run_shift *sh = &c->shift;
		double est, se, t, judged;
		struct bg_change in;

		bg_shift_median(&est, &se, lc, m);
		sh->active = 1;
		sh->count = m;
		sh->baseline_offset = NAN;
		t = gsl_cdf_tdist_Pinv(1 - (1 - conf) / 2, (double)m - 1);
		sh->estimate = expm1(est);
		sh->ci.lo = expm1(est - t * se);
		sh->ci.hi = expm1(est + t * se);
		sh->ci.level = conf;
		judged = est;
		bg_noise_init(&sh->noise);
		if (shared_from_runs(&sh->noise, c, sides) < 0 && h && shared.n >= BG_HISTORY_MIN &&
		    isfinite(shared.sd)) {
			double off = anchor(level, h);

			sh->noise.source = BG_NOISE_HISTORY;
			sh->noise.sd = shared.sd;
			sh->noise.df = shared.df;
			sh->noise.n = (int)shared.n;
			if (isfinite(off)) {
				/*
				 * The baseline's job against the notes before it: the current job is
				 * judged against main's level, S_c - median S_j, variance sd^2 (1 +
				 * pi / (2 (n - 1))), rather than against one job, 2 sd^2.
				 */
				sh->baseline_offset = expm1(off);
				judged = est + off;
				sh->noise.extra_var = shared.sd * shared.sd *
						      (1 + M_PI / (2 * ((double)shared.n - 1)));
			} else {
				sh->noise.extra_var = 2 * shared.sd * shared.sd;
			}
		}
		in.estimate = expm1(judged);
		in.ci.lo = expm1(judged - t * se);
		in.ci.hi = expm1(judged + t * se);
		in.ci.level = conf;
		in.p_value = se > 0 ? 2 * gsl_cdf_tdist_Q(fabs(judged) / se, (double)m - 1)
				    : (judged != 0 ? 0 : 1);
		if (sh->noise.source != BG_NOISE_UNKNOWN) {
			double v = se * se, df = satterthwaite(sh->noise.extra_var, sh->noise.df, v,
								(double)m - 1);

			/* the median's own error rides along with the shared part's */
			bg_change_widen(&sh->judged, &in, sh->noise.extra_var, df, conf);
		} else {
			sh->judged = in;
		}
		judge_shift(sh, mode, mode->threshold, conf, h != NULL);
		sh->p_shared = se > 0 ? 2 * gsl_cdf_tdist_Q(fabs(est) / se, (double)m - 1)
				      : (est != 0 ? 0 : 1);
		/*
		 * Applied when the results move together, or when history knows the shared
		 * part and removing it is worth the shift's error: relative to the shift a
		 * result carries 2 own^2 + se^2 rather than 2 total^2 = 2 (own^2 + shared^2).
		 */
		sh->applied = sh->p_shared < 1 - conf ||
			      (sh->noise.source == BG_NOISE_HISTORY && se * se < 2 * shared.sd * shared.sd);
		if (!sh->applied) {
			free(sh->reason);
			sh->reason = bg_asprintf("the results do not move together (p %.4f): each is judged on its own change",
						 sh->p_shared);
			sh->verdict = BG_PASS;
			goto out;
		}

		/*
		 * A shift judged beyond the job-to-job spread is a change of everything, not
		 * the machine: each result keeps the verdict of its own change.
		 */
		if (sh->verdict == BG_REGRESSION || sh->verdict == BG_IMPROVEMENT)
			goto out;
		/* each result relative to the shift */
		for (size_t i = 0; i < c->n; i++) {
			struct bg_result *r = &c->results[i];
			struct bg_change rel = within[i];
			double d = orient(r) * est, extra = se * se, df = (double)m - 1;
			const struct bg_hist_series *s;

			if (!measured(r))
				continue;
			rel.estimate = expm1(log1p(within[i].estimate) - d);
			rel.ci.lo = isfinite(rel.ci.lo) && rel.ci.lo > -1 ? expm1(log1p(rel.ci.lo) - d) : rel.ci.lo;
			rel.ci.hi = isfinite(rel.ci.hi) ? expm1(log1p(rel.ci.hi) - d) : rel.ci.hi;
			rel.p_value = within_p(&rel, conf);
			if (r->noise.source == BG_NOISE_HISTORY && h &&
			    (s = bg_hist_find(h, r->bench, r->metric))) {
				const struct bg_jobsd *o = &own[s - h->series];
				double v = 2 * o->sd * o->sd;

				df = satterthwaite(v, o->df, extra, df);
				extra += v;
			} else if (r->noise.source != BG_NOISE_UNKNOWN) {
				/* runs, paired: their variance holds the shared part too (conservative) */
				df = satterthwaite(r->noise.extra_var, r->noise.df, extra, df);
				extra += r->noise.extra_var;
			}
			/* the median's error as a symmetric p on the within interval: widen */
			bg_change_widen(&r->change_vs_shift, &rel, extra, df, conf);
			r->vs_shift = 1;
		}
	}
out:
	free(within);
	free(level);
	free(lc);
	free(total);
	free(own);
}
