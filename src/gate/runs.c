/* Run-to-run noise in the comparison: each result's from its runs or pairs, and the widening. */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

#include "benchgate/gate.h"
#include "benchgate/noise.h"
#include "gate.h"

/*
 * The variance of the log change that a change interval implies: the mean of the
 * squares of its two half-widths on the log scale over the normal quantile; NAN when
 * the interval is unbounded or not on a ratio (a bound at or below -100%).
 */
static double log_change_var(const struct bg_change *ch, double confidence)
{
	double z = gsl_cdf_ugaussian_Pinv(1 - (1 - confidence) / 2), d, lo, hi;

	if (!(ch->estimate > -1) || !(ch->ci.lo > -1) || !isfinite(ch->ci.hi))
		return NAN;
	d = log1p(ch->estimate);
	lo = (d - log1p(ch->ci.lo)) / z;
	hi = (log1p(ch->ci.hi) - d) / z;
	return (lo * lo + hi * hi) / 2;
}

int bg_paired_check(const struct bg_metric *bm, const struct bg_metric *cm, const char *bench,
		    struct bg_error *err)
{
	int kb = bg_metric_runs(bm), kc = bg_metric_runs(cm);

	if (kb == kc && kb >= 2)
		return 0;
	return bg_error(err, BG_EXIT_INPUT,
			"'--paired' pairs run i of each side, but '%s' of '%s' has %d run%s in the baseline and %d in the current results (it needs the same number, at least 2)",
			bm->name, bench, kb, kb == 1 ? "" : "s", kc);
}

void bg_result_noise(struct bg_result *r, const struct bg_metric *bm, const struct bg_metric *cm,
		     const struct bg_config *cfg)
{
	r->within_var = log_change_var(&r->change, cfg->confidence);
	/* one run a side: nothing to estimate (and no time spent on it) */
	if (!cfg->iid && (r->base.runs >= 2 || r->cur.runs >= 2))
		bg_noise_of_samples(&r->noise, bm->samples, bm->runs, bm->n, cm->samples, cm->runs,
				    cm->n, cfg->paired);
}

void bg_comparison_widen(struct bg_comparison *c, double confidence)
{
	double *p = bg_malloc((c->n ? c->n : 1) * sizeof(*p));
	size_t n = 0;

	for (size_t i = 0; i < c->n; i++) {
		const struct bg_noise *nz = &c->results[i].noise;

		p[i] = nz->source == BG_NOISE_RUNS ? nz->p_value : NAN;
		n += nz->source == BG_NOISE_RUNS;
	}
	c->runs_p = bg_noise_combined_p(p, c->n);
	free(p);
	if (c->runs_p < BG_NOISE_ALPHA)
		bg_strlist_addf(&c->warnings,
				"the runs differ by more than their samples explain (p %s%.4f over %zu result%s): change intervals carry the run-to-run variance",
				c->runs_p < 0.0001 ? "< " : "= ",
				c->runs_p < 0.0001 ? 0.0001 : c->runs_p, n, n == 1 ? "" : "s");
	for (size_t i = 0; i < c->n; i++) {
		struct bg_result *r = &c->results[i];

		if (r->noise.source == BG_NOISE_UNKNOWN || r->summary_only)
			continue;
		/* pairs were asked for: their variance always counts */
		if (r->noise.source == BG_NOISE_RUNS && !(c->runs_p < BG_NOISE_ALPHA)) {
			r->noise.extra_var = 0;
			continue;
		}
		bg_change_widen(&r->change, &r->change, r->noise.extra_var, r->noise.df, confidence);
		r->p_value = r->change.p_value;
	}
}
