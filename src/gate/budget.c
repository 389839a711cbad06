/* Budgets and targets: the config's absolute limits and engine-to-engine ratios, judged. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "benchgate/budget.h"
#include "benchgate/format.h"

static const char *const status_names[BG_BUDGET_NSTATUS] = { "met", "missed", "inconclusive" };

const char *bg_budget_status_name(enum bg_budget_status s)
{
	return (unsigned)s < BG_BUDGET_NSTATUS ? status_names[s] : "?";
}

/* --- judging --------------------------------------------------------------- */

void bg_budget_report_init(struct bg_budget_report *r)
{
	memset(r, 0, sizeof(*r));
	bg_strlist_init(&r->warnings);
}

void bg_budget_report_release(struct bg_budget_report *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].bench);
		free(r->v[i].versus);
		free(r->v[i].metric);
		free(r->v[i].unit);
	}
	free(r->v);
	bg_strlist_release(&r->warnings);
	bg_budget_report_init(r);
}

int bg_budget_counterpart(char **out, const char *pattern, const char *other, const char *name)
{
	const char *star = strchr(pattern, '*'), *ostar = strchr(other, '*');
	size_t pre, suf, len = strlen(name);

	*out = NULL;
	if (!star) {
		if (ostar || strcmp(pattern, name))
			return -1;
		*out = bg_strdup(other);
		return 0;
	}
	if (!ostar || strchr(star + 1, '*') || strchr(ostar + 1, '*'))
		return -1;
	pre = (size_t)(star - pattern);
	suf = strlen(star + 1);
	if (len < pre + suf || strncmp(name, pattern, pre) || strcmp(name + len - suf, star + 1))
		return -1;
	*out = bg_asprintf("%.*s%.*s%s", (int)(ostar - other), other, (int)(len - pre - suf),
			   name + pre, ostar + 1);
	return 0;
}

/*
 * The interval of a statistic of one sample: the order-statistic intervals of the
 * summary for the median, p95 and p99; for the mean, Student's t interval
 * mean +/- t(n-1) sd / sqrt(n) (infinite with fewer than 2 samples).
 */
static void stat_interval(struct bg_interval *out, const struct bg_summary *s,
			  enum bg_statistic stat, double confidence)
{
	switch (stat) {
	case BG_STAT_P95:
		*out = s->p95_ci;
		break;
	case BG_STAT_P99:
		*out = s->p99_ci;
		break;
	case BG_STAT_MEAN:
		out->lo = -INFINITY;
		out->hi = INFINITY;
		out->level = confidence;
		if (s->n >= 2 && isfinite(s->stddev)) {
			double h = gsl_cdf_tdist_Pinv((1 + confidence) / 2, (double)(s->n - 1)) *
				   s->stddev / sqrt((double)s->n);

			out->lo = s->mean - h;
			out->hi = s->mean + h;
		}
		break;
	case BG_STAT_MEDIAN:
	default:
		*out = s->median_ci;
		break;
	}
}

/* Met, missed or inconclusive: the interval against the limits. */
static enum bg_budget_status judge(const struct bg_interval *ci, double min, double max)
{
	if ((!isnan(max) && ci->lo > max) || (!isnan(min) && ci->hi < min))
		return BG_BUDGET_MISSED;
	if ((isnan(max) || ci->hi <= max) && (isnan(min) || ci->lo >= min))
		return BG_BUDGET_MET;
	return BG_BUDGET_INCONCLUSIVE;
}

static struct bg_budget_check *check_new(struct bg_budget_report *out, const struct bg_budget *b,
					 const char *bench, const struct bg_metric *m)
{
	struct bg_budget_check *c;

	bg_grow(&out->v, &out->alloc, out->n + 1, sizeof(*out->v));
	c = &out->v[out->n++];
	memset(c, 0, sizeof(*c));
	c->is_target = b->is_target;
	c->bench = bg_strdup(bench);
	c->metric = bg_strdup(m->name);
	c->unit = bg_strdup(m->unit);
	c->statistic = b->statistic;
	c->min = b->min;
	c->max = b->max;
	return c;
}

static size_t eval_budget(struct bg_budget_report *out, const struct bg_budget *b,
			  const struct bg_resultset *rs, double confidence)
{
	size_t matched = 0;

	for (size_t i = 0; i < rs->nbenches; i++) {
		const struct bg_bench *bench = &rs->benches[i];

		if (b->bench && !bg_glob_match(b->bench, bench->name))
			continue;
		for (size_t j = 0; j < bench->nmetrics; j++) {
			const struct bg_metric *m = &bench->metrics[j];
			struct bg_budget_check *c;
			struct bg_summary s;
			double *sorted;

			if (!m->n || !bg_glob_match(b->metric, m->name))
				continue;
			sorted = bg_sorted_copy(m->samples, m->n);
			bg_summary_compute(&s, sorted, m->n, confidence);
			free(sorted);
			c = check_new(out, b, bench->name, m);
			c->n = m->n;
			c->value = bg_summary_stat(&s, b->statistic);
			stat_interval(&c->ci, &s, b->statistic, confidence);
			c->status = judge(&c->ci, b->min, b->max);
			out->counts[c->status]++;
			matched++;
		}
	}
	return matched;
}

static size_t eval_target(struct bg_budget_report *out, const struct bg_budget *b,
			  const struct bg_resultset *rs, double confidence)
{
	size_t matched = 0;

	for (size_t i = 0; i < rs->nbenches; i++) {
		const struct bg_bench *bench = &rs->benches[i], *vs;
		char *vname = NULL;

		if (bg_budget_counterpart(&vname, b->bench, b->versus, bench->name) < 0)
			continue;
		vs = bg_resultset_find(rs, vname);
		for (size_t j = 0; vs && vs != bench && j < bench->nmetrics; j++) {
			const struct bg_metric *m = &bench->metrics[j], *vm;
			struct bg_budget_check *c;
			struct bg_change ch;
			double *ms, *vss;

			if (!m->n || !bg_glob_match(b->metric, m->name) ||
			    !(vm = bg_bench_find(vs, m->name)) || !vm->n)
				continue;
			ms = bg_sorted_copy(m->samples, m->n);
			vss = bg_sorted_copy(vm->samples, vm->n);
			/* ratio = bench / versus = 1 + the change from versus to bench. */
			bg_change_compute(&ch, b->statistic, vss, vm->n, ms, m->n, confidence);
			free(ms);
			free(vss);
			c = check_new(out, b, bench->name, m);
			c->versus = bg_strdup(vname);
			c->n = m->n;
			c->n_versus = vm->n;
			c->value = 1 + ch.estimate;
			c->ci.lo = 1 + ch.ci.lo;
			c->ci.hi = 1 + ch.ci.hi;
			c->ci.level = ch.ci.level;
			if (isnan(c->value)) {
				c->ci.lo = -INFINITY;
				c->ci.hi = INFINITY;
			}
			c->status = judge(&c->ci, b->min, b->max);
			out->counts[c->status]++;
			matched++;
		}
		free(vname);
	}
	return matched;
}

void bg_budget_evaluate(struct bg_budget_report *out, const struct bg_budgets *b,
			const struct bg_resultset *rs, double confidence)
{
	size_t nb = 0, nt = 0;   /* 1-based place in the config's own list, for messages */

	out->confidence = confidence;
	for (size_t i = 0; b && i < b->n; i++) {
		const struct bg_budget *e = &b->v[i];

		if (e->is_target) {
			nt++;
			if (!eval_target(out, e, rs, confidence))
				bg_strlist_addf(&out->warnings,
						"target %zu ('%s' versus '%s', metric '%s') matches no pair of benchmarks",
						nt, e->bench, e->versus, e->metric);
		} else if (nb++, !eval_budget(out, e, rs, confidence)) {
			bg_strlist_addf(&out->warnings,
					"budget %zu (benchmark '%s', metric '%s') matches no benchmark",
					nb, e->bench ? e->bench : "*", e->metric);
		}
	}
}

int bg_budget_failed(const struct bg_budget_report *r, int inconclusive_fails)
{
	return r && (r->counts[BG_BUDGET_MISSED] ||
		     (inconclusive_fails && r->counts[BG_BUDGET_INCONCLUSIVE]));
}

char *bg_budget_limit_text(const struct bg_budget_check *c)
{
	char lo[64], hi[64];
	const char *stat = bg_statistic_name(c->statistic);
	const char *what = c->is_target ? "ratio" : "";
	const char *unit = c->is_target ? NULL : c->unit;

	bg_format_value(lo, sizeof(lo), c->min, unit);
	bg_format_value(hi, sizeof(hi), c->max, unit);
	if (!isnan(c->min) && !isnan(c->max))
		return bg_asprintf("%s <= %s%s%s <= %s", lo, stat, *what ? " " : "", what, hi);
	if (!isnan(c->max))
		return bg_asprintf("%s%s%s <= %s", stat, *what ? " " : "", what, hi);
	return bg_asprintf("%s%s%s >= %s", stat, *what ? " " : "", what, lo);
}

char *bg_budget_figure_text(const struct bg_budget_check *c)
{
	char v[64], lo[64], hi[64];
	const char *unit = c->is_target ? NULL : c->unit;
	struct bg_display d;

	/* The interval in the value's unit: "2.294 us (2.28 .. 2.31)". */
	bg_display_pick(&d, c->value, unit);
	bg_format_in(v, sizeof(v), c->value, &d, 1);
	bg_format_in(lo, sizeof(lo), c->ci.lo, &d, 0);
	bg_format_in(hi, sizeof(hi), c->ci.hi, &d, 0);
	return bg_asprintf("%s%s (%s .. %s)", c->is_target ? "ratio " : "", v, lo, hi);
}
