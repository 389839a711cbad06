/* The comparison: pairing baseline and current metrics, their summaries and run checks. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/*
 * A result whose statistics are still to compute, by index (results move as they are
 * added): its baseline metric (NULL: new) and current one (NULL: missing).
 */
struct pending {
	size_t result;
	const struct bg_metric *bm, *cm;
};

/* A thread's share of the pending results: [from, to). */
struct share {
	struct bg_comparison *out;
	const struct pending *p;
	size_t from, to;
	const struct bg_mode *mode;
	const struct bg_config *cfg;
};

/* The summaries, run checks and change of one result: it touches nothing else. */
static void compute(struct bg_result *r, const struct pending *p, const struct bg_mode *mode,
		    const struct bg_config *cfg)
{
	double *bs = NULL, *cs = NULL, confidence = cfg->confidence;

	if (p->bm) {
		summarize(&r->base, &bs, p->bm, confidence);
		check_runs(&r->base_runs, p->bm, r->base.median, r->threshold);
	}
	if (p->cm) {
		summarize(&r->cur, &cs, p->cm, confidence);
		check_runs(&r->cur_runs, p->cm, r->cur.median, r->threshold);
	}
	if (p->bm && p->cm) {
		r->summary_only = bg_metric_summary_only(p->bm) || bg_metric_summary_only(p->cm);
		if (r->summary_only)
			r->summary_test = bg_compare_summary(r, mode, confidence);
		else
			measure(r, p->bm, p->cm, bs, cs, cfg);
	}
	free(bs);
	free(cs);
}

static void *compute_share(void *arg)
{
	const struct share *s = arg;

	for (size_t i = s->from; i < s->to; i++)
		compute(&s->out->results[s->p[i].result], &s->p[i], s->mode, s->cfg);
	return NULL;
}

static void *compute_share_thread(void *arg)
{
	compute_share(arg);
	bg_stats_thread_release();
	return NULL;
}

/* Below this many samples in all, threads cost more than they save. */
#define PARALLEL_MIN_SAMPLES 100000
#define MAX_JOBS 64

/*
 * Compute the n pending results on up to jobs threads (0: one per core), each a fixed
 * contiguous share, so the results are the same whatever the number of threads.
 */
static void compute_all(struct bg_comparison *out, const struct pending *p, size_t n,
			const struct bg_mode *mode, const struct bg_config *cfg, int jobs)
{
	struct share shares[MAX_JOBS];
	pthread_t tids[MAX_JOBS];
	int started[MAX_JOBS] = { 0 };
	size_t samples = 0, t, nt;

	for (size_t i = 0; i < n; i++)
		samples += (p[i].bm ? p[i].bm->n : 0) + (p[i].cm ? p[i].cm->n : 0);
	if (jobs <= 0) {
		long cores = sysconf(_SC_NPROCESSORS_ONLN);

		jobs = cores > 0 ? (int)cores : 1;
	}
	nt = jobs < MAX_JOBS ? (size_t)jobs : MAX_JOBS;
	if (nt > n)
		nt = n;
	if (samples < PARALLEL_MIN_SAMPLES || nt < 2)
		nt = 1;
	for (t = 0; t < nt; t++) {
		shares[t].out = out;
		shares[t].p = p;
		shares[t].from = n * t / nt;
		shares[t].to = n * (t + 1) / nt;
		shares[t].mode = mode;
		shares[t].cfg = cfg;
	}
	/* a thread that cannot start leaves its share to this one */
	for (t = 1; t < nt; t++)
		started[t] = pthread_create(&tids[t], NULL, compute_share_thread, &shares[t]) == 0;
	compute_share(&shares[0]);
	for (t = 1; t < nt; t++) {
		if (started[t])
			pthread_join(tids[t], NULL);
		else
			compute_share(&shares[t]);
	}
}

int bg_compare(struct bg_comparison *out, const struct bg_resultset *base,
	       const struct bg_resultset *cur, const struct bg_config *cfg,
	       const struct bg_mode *mode, struct bg_error *err)
{
	size_t common = 0, npending = 0, apending = 0;
	struct pending *pending = NULL;
	int ret = -1;

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

			if (bg_config_ignored(cfg, bb->name, bm->name)) {
				out->ungated++;
				continue;
			}
			if (cm && strcmp(cm->unit, bm->unit)) {
				bg_error(err, BG_EXIT_INPUT,
					 "'%s' of '%s' is in '%s' in the baseline but '%s' in the current results",
					 bm->name, bb->name, bm->unit, cm->unit);
				goto out;
			}
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
			if (!cm) {
				r->verdict = BG_MISSING;
				bg_result_note(r, bg_strdup("not in the current results"));
			} else {
				r->has_cur = 1;
				common++;
				if (cfg->paired && !bg_metric_summary_only(bm) &&
				    !bg_metric_summary_only(cm) &&
				    bg_paired_check(bm, cm, bb->name, err) < 0)
					goto out;
			}
			/* the statistics come after the listing, on threads: compute_all */
			bg_grow(&pending, &apending, npending + 1, sizeof(*pending));
			pending[npending].result = out->n - 1;
			pending[npending].bm = bm;
			pending[npending].cm = cm;
			npending++;
		}
	}
	for (size_t i = 0; i < cur->nbenches; i++) {
		const struct bg_bench *cb = &cur->benches[i];
		const struct bg_bench *bb = bg_resultset_find(base, cb->name);

		for (size_t j = 0; j < cb->nmetrics; j++) {
			const struct bg_metric *cm = &cb->metrics[j];
			struct bg_rule_view rv;
			struct bg_result *r;

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
			r->verdict = BG_NEW;
			bg_result_note(r, bg_strdup("not in the baseline"));
			bg_grow(&pending, &apending, npending + 1, sizeof(*pending));
			pending[npending].result = out->n - 1;
			pending[npending].bm = NULL;
			pending[npending].cm = cm;
			npending++;
		}
	}
	compute_all(out, pending, npending, mode, cfg, cfg->jobs);
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
	if (!common) {
		bg_error(err, BG_EXIT_INPUT,
			 "no benchmark in common between the baseline '%s' and the current results '%s'",
			 base->source ? base->source : "?", cur->source ? cur->source : "?");
		goto out;
	}
	ret = 0;
out:
	free(pending);
	return ret;
}
