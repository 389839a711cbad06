/* Metrics that carry a summary and no samples: their summaries, and their verdict. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/gate.h"
#include "gate.h"

void bg_summary_of_metric(struct bg_summary *out, const struct bg_metric *m, double confidence)
{
	const struct bg_metric_summary *s = &m->summary;
	const struct bg_interval none = { NAN, NAN, NAN };

	if (m->n) {
		double *sorted = bg_sorted_copy(m->samples, m->n);

		bg_summary_compute(out, sorted, m->n, confidence);
		out->runs = bg_metric_runs(m);
		free(sorted);
		return;
	}
	memset(out, 0, sizeof(*out));
	out->n = s->count;
	out->runs = s->runs;
	out->mean = s->mean;
	out->stddev = s->stddev;
	out->min = s->min;
	out->max = s->max;
	out->median = s->median;
	out->p95 = s->p95;
	out->p99 = s->p99;
	out->mad = NAN;
	out->cv = isfinite(s->stddev) && isfinite(s->mean) && s->mean != 0 ? s->stddev / s->mean
									   : NAN;
	out->median_ci = out->p95_ci = out->p99_ci = none;
	out->shape.unknown = 1;
	out->shape.robust_cv = out->shape.bimodality = NAN;
}

json_t *bg_metric_summary_json(const struct bg_metric *m)
{
	const struct bg_metric_summary *s = &m->summary;
	json_t *o = json_object();

	json_object_set_new(o, "mean", bg_json_number(s->mean));
	json_object_set_new(o, "median", bg_json_number(s->median));
	json_object_set_new(o, "p95", bg_json_number(s->p95));
	json_object_set_new(o, "p99", bg_json_number(s->p99));
	json_object_set_new(o, "stddev", bg_json_number(s->stddev));
	json_object_set_new(o, "min", bg_json_number(s->min));
	json_object_set_new(o, "max", bg_json_number(s->max));
	json_object_set_new(o, "count", s->count ? json_integer((json_int_t)s->count) : json_null());
	json_object_set_new(o, "runs", json_integer(s->runs > 0 ? s->runs : 1));
	return o;
}

/* Mean, standard deviation and a count of at least 2 on both sides: Welch's t is possible. */
static int welch_possible(const struct bg_result *r)
{
	return isfinite(r->base.mean) && isfinite(r->cur.mean) && isfinite(r->base.stddev) &&
	       isfinite(r->cur.stddev) && r->base.n >= 2 && r->cur.n >= 2;
}

int bg_compare_summary(struct bg_result *r, const struct bg_mode *mode, double confidence)
{
	const char *stat = bg_statistic_name(r->statistic);
	double b = bg_summary_stat(&r->base, r->statistic);
	double c = bg_summary_stat(&r->cur, r->statistic);
	double sign = r->direction == BG_DIR_HIGHER ? -1 : 1, worse, t = r->threshold;
	int fallback = 0;
	char *msg;

	r->p_value = NAN;
	r->change.estimate = NAN;
	r->change.ci.lo = r->change.ci.hi = r->change.ci.level = NAN;
	/* A count the format gave is held to the mode's minimum; an unknown one only when strict. */
	if ((r->base.n || mode->strict) && r->base.n < mode->min_samples) {
		r->verdict = BG_INSUFFICIENT;
		bg_result_note(r, r->base.n ? bg_asprintf("summary only: %zu samples on the baseline side, %s mode requires %zu",
						r->base.n, mode->name, mode->min_samples)
				  : bg_asprintf("summary only: unknown sample count on the baseline side, %s mode requires %zu",
						mode->name, mode->min_samples));
		return 0;
	}
	if ((r->cur.n || mode->strict) && r->cur.n < mode->min_samples) {
		r->verdict = BG_INSUFFICIENT;
		bg_result_note(r, r->cur.n ? bg_asprintf("summary only: %zu samples on the current side, %s mode requires %zu",
					       r->cur.n, mode->name, mode->min_samples)
				 : bg_asprintf("summary only: unknown sample count on the current side, %s mode requires %zu",
					       mode->name, mode->min_samples));
		return 0;
	}
	if ((msg = bg_runs_short(r, mode))) {
		r->verdict = BG_INSUFFICIENT;
		bg_result_note(r, bg_asprintf("summary only: %s", msg));
		free(msg);
		return 0;
	}
	/*
	 * From a summary the median has no interval, the mean has one: with the mean, its
	 * standard deviation and the count on both sides, the mean's change is tested with
	 * Welch's t, as for samples, and judged by the caller like any measured result;
	 * unless the config chose another statistic (a median rule keeps the median).
	 */
	if ((r->statistic == BG_STAT_MEAN || (r->statistic == BG_STAT_MEDIAN && !r->statistic_set)) &&
	    welch_possible(r)) {
		r->statistic = BG_STAT_MEAN;
		bg_change_means(&r->change, r->base.mean, r->base.stddev, r->base.n, r->cur.mean,
				r->cur.stddev, r->cur.n, confidence);
		r->p_value = r->change.p_value;
		return 1;
	}
	/* No median given (BMF, mitata without samples): the mean, alone, if both have it. */
	if ((isnan(b) || isnan(c)) && r->statistic != BG_STAT_MEAN && !isnan(r->base.mean) &&
	    !isnan(r->cur.mean)) {
		fallback = 1;
		r->statistic = BG_STAT_MEAN;
		b = r->base.mean;
		c = r->cur.mean;
	}
	if (isnan(b) || isnan(c)) {
		r->verdict = BG_INSUFFICIENT;
		bg_result_note(r, bg_asprintf("summary only: no %s on %s", stat,
				    isnan(b) && isnan(c) ? "either side"
				    : isnan(b) ? "the baseline side" : "the current side"));
		return 0;
	}
	stat = bg_statistic_name(r->statistic);
	if (b == 0) {
		r->verdict = BG_INCONCLUSIVE;
		bg_result_note(r, bg_asprintf("summary only: the baseline %s is zero: no relative change", stat));
		return 0;
	}
	r->change.estimate = (c - b) / b;
	worse = sign * r->change.estimate;
	if (worse > t)
		r->verdict = BG_REGRESSION;
	else if (mode->strict)
		r->verdict = BG_INCONCLUSIVE;
	else if (worse < -t)
		r->verdict = BG_IMPROVEMENT;
	else
		r->verdict = BG_PASS;
	if (mode->strict && r->verdict == BG_INCONCLUSIVE)
		bg_result_note(r, bg_asprintf("summary only: no interval, so %s mode cannot show the %s within %g%%",
				    mode->name, stat, t * 100));
	else
		bg_result_note(r, bg_asprintf("summary only: no interval, no p-value; verdict on the %s alone%s",
				    stat, fallback ? " (no median given)" : ""));
	return 0;
}

void bg_compare_summary_note(struct bg_result *r)
{
	if (r->note)
		bg_result_note(r, bg_asprintf("summary only (mean, stddev, count: Welch's t on the mean): %s",
				    r->note));
	else
		bg_result_note(r, bg_strdup("summary only: mean, stddev and count, Welch's t on the mean"));
}
