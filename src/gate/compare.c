/* The comparison: pairing baseline and current metrics, their summaries and run checks. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/gate.h"
#include "gate.h"

void bg_comparison_init(struct bg_comparison *c)
{
	memset(c, 0, sizeof(*c));
	c->runs_p = NAN;
	bg_strlist_init(&c->warnings);
}

void bg_comparison_release(struct bg_comparison *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->results[i].bench);
		free(c->results[i].metric);
		free(c->results[i].unit);
		free(c->results[i].note);
		free(c->results[i].warning);
	}
	free(c->results);
	free(c->shift.reason);
	free(c->noise_note);
	bg_strlist_release(&c->warnings);
	bg_comparison_init(c);
}

static struct bg_result *result_new(struct bg_comparison *c, const char *bench,
				    const struct bg_metric *m)
{
	struct bg_result *r;

	bg_grow(&c->results, &c->alloc, c->n + 1, sizeof(*c->results));
	r = &c->results[c->n++];
	memset(r, 0, sizeof(*r));
	r->bench = bg_strdup(bench);
	r->metric = bg_strdup(m->name);
	r->unit = bg_strdup(m->unit);
	r->direction = m->direction;
	r->p_value = NAN;
	r->q_value = NAN;
	r->base_runs.p_value = r->cur_runs.p_value = NAN;
	r->base_runs.outlier_run = r->cur_runs.outlier_run = -1;
	r->base_runs.outlier_shift = r->cur_runs.outlier_shift = NAN;
	r->change.estimate = NAN;
	r->change.ci.lo = -INFINITY;
	r->change.ci.hi = INFINITY;
	r->change.p_value = NAN;
	bg_noise_init(&r->noise);
	r->within_var = NAN;
	r->change_vs_shift = r->change;
	return r;
}

static void summarize(struct bg_summary *s, double **sorted, const struct bg_metric *m,
		      double confidence)
{
	*sorted = NULL;
	if (!m->n) {   /* summary only (compare_summary.c) */
		bg_summary_of_metric(s, m, confidence);
		return;
	}
	*sorted = bg_sorted_copy(m->samples, m->n);
	bg_summary_compute(s, *sorted, m->n, confidence);
	s->runs = bg_metric_runs(m);
}

/* A sample and its run, for the medians of the runs. */
struct run_obs {
	int run;
	double v;
};

static int cmp_run_obs(const void *a, const void *b)
{
	const struct run_obs *x = a, *y = b;

	if (x->run != y->run)
		return x->run < y->run ? -1 : 1;
	return (x->v > y->v) - (x->v < y->v);
}

/*
 * Run-to-run consistency of a metric's samples: Kruskal-Wallis across its runs, and
 * the run whose median is furthest from median, the median of all its samples.
 */
static void check_runs(struct bg_runcheck *rc, const struct bg_metric *m, double median,
		       double threshold)
{
	struct run_obs *o;
	double *vals;
	int maxrun = 0;

	rc->runs = bg_metric_runs(m);
	rc->p_value = NAN;
	rc->outlier_run = -1;
	rc->outlier_shift = NAN;
	rc->inconsistent = 0;
	if (rc->runs < 2 || !m->runs)
		return;
	for (size_t i = 0; i < m->n; i++)
		if (m->runs[i] > maxrun)
			maxrun = m->runs[i];
	rc->p_value = bg_kruskal_wallis(NULL, m->samples, m->runs, m->n, maxrun + 1);

	o = bg_malloc(m->n * sizeof(*o));
	vals = bg_malloc(m->n * sizeof(*vals));
	for (size_t i = 0; i < m->n; i++) {
		o[i].run = m->runs[i];
		o[i].v = m->samples[i];
	}
	qsort(o, m->n, sizeof(*o), cmp_run_obs);
	for (size_t i = 0; i < m->n;) {
		size_t j = i;
		double med, shift;

		/* o[i..j) are the run's samples, ascending */
		while (j < m->n && o[j].run == o[i].run)
			j++;
		for (size_t q = i; q < j; q++)
			vals[q - i] = o[q].v;
		med = bg_quantile_sorted(vals, j - i, 0.5);
		shift = median != 0 ? (med - median) / fabs(median) : NAN;
		if (isfinite(shift) && (rc->outlier_run < 0 || fabs(shift) > fabs(rc->outlier_shift))) {
			rc->outlier_run = o[i].run;
			rc->outlier_shift = shift;
		}
		i = j;
	}
	free(o);
	free(vals);
	rc->inconsistent = rc->p_value < BG_RUNS_ALPHA && fabs(rc->outlier_shift) > threshold / 2;
}

/* Round up to two significant digits, so advice does not pretend to precision. */
/*
 * The change of the gated statistic and its p-value, before any verdict: from the
 * samples, and the run-to-run noise of the runs (or pairs) of both sides, by which
 * bg_comparison_widen widens it once the whole comparison is measured.
 */
static void measure(struct bg_result *r, const struct bg_metric *bm, const struct bg_metric *cm,
		    const double *bs, const double *cs, const struct bg_config *cfg)
{
	bg_change_compute(&r->change, r->statistic, bs, r->base.n, cs, r->cur.n, cfg->confidence);
	bg_result_noise(r, bm, cm, cfg);
	r->p_value = r->change.p_value;
}

static void count(struct bg_comparison *c, const struct bg_result *r, const struct bg_mode *mode)
{
	c->counts[r->verdict]++;
	if (mode->fail_on[r->verdict])
		c->failed = 1;
}

/*
 * Benjamini-Hochberg over the p-values the verdicts are judged on: relative to the
 * machine-wide shift where there is one (p_value keeps the result's own).
 */
static void adjust(struct bg_comparison *c, const struct bg_mode *mode)
{
	for (size_t i = 0; i < c->n; i++)
		if (c->results[i].vs_shift) {
			double p = c->results[i].p_value;

			c->results[i].p_value = c->results[i].change_vs_shift.p_value;
			c->results[i].change_vs_shift.p_value = p;
		}
	bg_verdict_adjust(c, mode);
	for (size_t i = 0; i < c->n; i++)
		if (c->results[i].vs_shift) {
			double p = c->results[i].p_value;

			c->results[i].p_value = c->results[i].change_vs_shift.p_value;
			c->results[i].change_vs_shift.p_value = p;
		}
}

/*
 * The verdict of a measured result: on its change relative to the machine-wide shift
 * when there is one (its note then says so), else on its own change.
 */
static void decide(struct bg_result *r, const struct bg_mode *mode, double confidence)
{
	struct bg_change own = r->change;
	double own_p = r->p_value;

	if (!r->vs_shift) {
		bg_verdict_decide(r, mode, mode->fdr ? r->q_value : r->p_value, confidence);
		return;
	}
	r->change = r->change_vs_shift;
	r->p_value = r->change_vs_shift.p_value;
	bg_verdict_decide(r, mode, mode->fdr ? r->q_value : r->p_value, confidence);
	r->change = own;
	r->p_value = own_p;
	if (r->note && !strncmp(r->note, "inconclusive: ", 14)) {
		char *n = bg_asprintf("inconclusive relative to the machine-wide shift: %s", r->note + 14);

		bg_result_note(r, n);
	}
}

int bg_compare(struct bg_comparison *out, const struct bg_resultset *base,
	       const struct bg_resultset *cur, const struct bg_config *cfg,
	       const struct bg_mode *mode, struct bg_error *err)
{
	size_t common = 0;

	out->mode = mode;
	out->confidence = cfg->confidence;
	for (size_t i = 0; i < base->nbenches; i++) {
		const struct bg_bench *bb = &base->benches[i];
		const struct bg_bench *cb = bg_resultset_find(cur, bb->name);

		for (size_t j = 0; j < bb->nmetrics; j++) {
			const struct bg_metric *bm = &bb->metrics[j];
			const struct bg_metric *cm = cb ? bg_bench_find(cb, bm->name) : NULL;
			struct bg_rule_view rv;
			struct bg_result *r;
			double *bs = NULL, *cs = NULL;

			if (bg_config_ignored(cfg, bb->name, bm->name)) {
				out->ungated++;
				continue;
			}
			if (cm && strcmp(cm->unit, bm->unit))
				return bg_error(err, BG_EXIT_INPUT,
						"'%s' of '%s' is in '%s' in the baseline but '%s' in the current results",
						bm->name, bb->name, bm->unit, cm->unit);
			if ((cm ? cm->direction : bm->direction) == BG_DIR_NONE) {
				out->ungated++;
				continue;
			}
			bg_config_rules_for(&rv, cfg, bb->name, bm->name);
			r = result_new(out, bb->name, cm ? cm : bm);
			r->statistic = rv.statistic;
			r->statistic_set = rv.has_statistic;
			r->threshold = isnan(rv.threshold) ? mode->threshold : rv.threshold;
			r->has_base = 1;
			summarize(&r->base, &bs, bm, cfg->confidence);
			check_runs(&r->base_runs, bm, r->base.median, r->threshold);
			if (!cm) {
				r->verdict = BG_MISSING;
				bg_result_note(r, bg_strdup("not in the current results"));
			} else {
				r->has_cur = 1;
				summarize(&r->cur, &cs, cm, cfg->confidence);
				check_runs(&r->cur_runs, cm, r->cur.median, r->threshold);
				r->summary_only = bg_metric_summary_only(bm) || bg_metric_summary_only(cm);
				if (cfg->paired && !r->summary_only &&
				    bg_paired_check(bm, cm, bb->name, err) < 0) {
					free(bs);
					free(cs);
					return -1;
				}
				if (r->summary_only)
					r->summary_test = bg_compare_summary(r, mode, cfg->confidence);
				else
					measure(r, bm, cm, bs, cs, cfg);
				common++;
			}
			free(bs);
			free(cs);
		}
	}
	for (size_t i = 0; i < cur->nbenches; i++) {
		const struct bg_bench *cb = &cur->benches[i];
		const struct bg_bench *bb = bg_resultset_find(base, cb->name);

		for (size_t j = 0; j < cb->nmetrics; j++) {
			const struct bg_metric *cm = &cb->metrics[j];
			struct bg_rule_view rv;
			struct bg_result *r;
			double *cs = NULL;

			if (bb && bg_bench_find(bb, cm->name))
				continue;
			if (bg_config_ignored(cfg, cb->name, cm->name) || cm->direction == BG_DIR_NONE) {
				out->ungated++;
				continue;
			}
			bg_config_rules_for(&rv, cfg, cb->name, cm->name);
			r = result_new(out, cb->name, cm);
			r->statistic = rv.statistic;
			r->threshold = isnan(rv.threshold) ? mode->threshold : rv.threshold;
			r->has_cur = 1;
			summarize(&r->cur, &cs, cm, cfg->confidence);
			check_runs(&r->cur_runs, cm, r->cur.median, r->threshold);
			r->verdict = BG_NEW;
			bg_result_note(r, bg_strdup("not in the baseline"));
			free(cs);
		}
	}
	bg_comparison_widen(out, cfg->confidence);
	out->fdr = mode->fdr;
	bg_gate_jobnoise(out, base, cur, cfg, mode);
	if (mode->fdr)
		adjust(out, mode);
	for (size_t i = 0; i < out->n; i++) {
		struct bg_result *r = &out->results[i];

		if (r->has_base && r->has_cur && (!r->summary_only || r->summary_test)) {
			decide(r, mode, cfg->confidence);
			if (r->summary_test)
				bg_compare_summary_note(r);
		}
		bg_result_warnings(r);
		count(out, r, mode);
	}
	if (out->shift.applied && mode->fail_on[out->shift.verdict])
		out->failed = 1;
	if (!common)
		return bg_error(err, BG_EXIT_INPUT,
				"no benchmark in common between the baseline '%s' and the current results '%s'",
				base->source ? base->source : "?", cur->source ? cur->source : "?");
	return 0;
}
