/* Budgets and targets: the config's absolute limits and engine-to-engine ratios, judged. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "benchgate/budget.h"
#include "benchgate/input.h"
#include "benchgate/report.h"

static const char *const status_names[BG_BUDGET_NSTATUS] = { "met", "missed", "inconclusive" };

const char *bg_budget_status_name(enum bg_budget_status s)
{
	return (unsigned)s < BG_BUDGET_NSTATUS ? status_names[s] : "?";
}

void bg_budgets_init(struct bg_budgets *b)
{
	memset(b, 0, sizeof(*b));
}

void bg_budgets_release(struct bg_budgets *b)
{
	for (size_t i = 0; i < b->n; i++) {
		free(b->v[i].bench);
		free(b->v[i].versus);
		free(b->v[i].metric);
	}
	free(b->v);
	bg_budgets_init(b);
}

void bg_budgets_free(struct bg_budgets *b)
{
	if (!b)
		return;
	bg_budgets_release(b);
	free(b);
}

/* --- the config ----------------------------------------------------------- */

struct ctx {
	const char *path, *buf;
	size_t len;
	struct bg_error *err;
	const char *where[5];   /* "budgets", "[i]", key, NULL */
};

static int perr(struct ctx *x, int at_key, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int perr(struct ctx *x, int at_key, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	int line = 0, col = 0;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (at_key)
		bg_json_locate_key(x->buf, x->len, x->where, &line, &col);
	else
		bg_json_locate(x->buf, x->len, x->where, &line, &col);
	return bg_error_at(x->err, BG_EXIT_INPUT, x->path, line, col, "%s", msg);
}

static int count_stars(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '*';
	return n;
}

/* A string member: NULL when absent, -1 when not a non-empty string. */
static int get_string(struct ctx *x, char **out, json_t *obj, const char *key, int required)
{
	json_t *v = json_object_get(obj, key);

	x->where[2] = key;
	x->where[3] = NULL;
	if (!v) {
		x->where[2] = NULL;
		if (required)
			return perr(x, 0, "a %s needs '%s'",
				    strcmp(x->where[0], "targets") ? "budget" : "target", key);
		return 0;
	}
	if (!json_is_string(v) || !*json_string_value(v))
		return perr(x, 0, "'%s' must be a non-empty string", key);
	*out = bg_strdup(json_string_value(v));
	return 0;
}

/* A limit: absent (NAN), or a finite number; ratios must be above 0. */
static int get_limit(struct ctx *x, double *out, json_t *obj, const char *key, int ratio)
{
	json_t *v = json_object_get(obj, key);

	*out = NAN;
	if (!v)
		return 0;
	x->where[2] = key;
	x->where[3] = NULL;
	if (!json_is_number(v) || !isfinite(json_number_value(v)) ||
	    (ratio && !(json_number_value(v) > 0)))
		return perr(x, 0, ratio ? "'%s' must be a number above 0" : "'%s' must be a number",
			    key);
	*out = json_number_value(v);
	return 0;
}

static int parse_entry(struct ctx *x, struct bg_budget *b, json_t *e, int target)
{
	static const char *const bkeys[] = { "benchmark", "metric", "statistic", "min", "max", NULL };
	static const char *const tkeys[] = { "benchmark", "versus", "metric", "statistic",
					     "min_ratio", "max_ratio", NULL };
	const char *const *keys = target ? tkeys : bkeys;
	const char *key;
	json_t *v;

	b->is_target = target;
	b->min = b->max = NAN;
	if (!json_is_object(e))
		return perr(x, 0, "a %s must be an object", target ? "target" : "budget");
	json_object_foreach(e, key, v) {
		int ok = 0;

		for (int i = 0; keys[i] && !ok; i++)
			ok = !strcmp(keys[i], key);
		if (!ok) {
			x->where[2] = key;
			x->where[3] = NULL;
			return perr(x, 1, "unknown key '%s'", key);
		}
	}
	if (get_string(x, &b->bench, e, "benchmark", target) < 0 ||
	    (target && get_string(x, &b->versus, e, "versus", 1) < 0) ||
	    get_string(x, &b->metric, e, "metric", 1) < 0)
		return -1;
	if ((v = json_object_get(e, "statistic"))) {
		x->where[2] = "statistic";
		x->where[3] = NULL;
		if (!json_is_string(v) || bg_statistic_parse(&b->statistic, json_string_value(v)) < 0)
			return perr(x, 0, "'statistic' must be \"median\", \"mean\", \"p95\" or \"p99\"");
	}
	if (get_limit(x, &b->min, e, target ? "min_ratio" : "min", target) < 0 ||
	    get_limit(x, &b->max, e, target ? "max_ratio" : "max", target) < 0)
		return -1;
	x->where[2] = NULL;
	if (isnan(b->min) && isnan(b->max))
		return perr(x, 0, target ? "a target needs 'min_ratio' or 'max_ratio'"
					 : "a budget needs 'min' or 'max'");
	if (b->min > b->max)
		return perr(x, 0, "the lower limit %g is above the upper limit %g", b->min, b->max);
	if (target) {
		int sb = count_stars(b->bench), sv = count_stars(b->versus);

		if (sb > 1 || sv != sb) {
			x->where[2] = "versus";
			return perr(x, 0, "'benchmark' and 'versus' must both have one '*' (the part of the names they share) or both none");
		}
	}
	return 0;
}

static int parse_list(struct ctx *x, struct bg_budgets *b, json_t *root, const char *key,
		      int target)
{
	json_t *list = json_object_get(root, key), *e;
	char idx[32];
	size_t i;

	if (!list)
		return 0;
	x->where[0] = key;
	x->where[1] = NULL;
	if (!json_is_array(list))
		return perr(x, 0, "'%s' must be a list", key);
	json_array_foreach(list, i, e) {
		struct bg_budget *entry;

		snprintf(idx, sizeof(idx), "[%zu]", i);
		x->where[1] = idx;
		x->where[2] = NULL;
		bg_grow(&b->v, &b->alloc, b->n + 1, sizeof(*b->v));
		entry = &b->v[b->n++];
		memset(entry, 0, sizeof(*entry));
		if (parse_entry(x, entry, e, target) < 0)
			return -1;
	}
	return 0;
}

int bg_budgets_parse(struct bg_budgets **out, json_t *root, const char *path,
		     const char *buf, size_t len, struct bg_error *err)
{
	struct ctx x = { path, buf, len, err, { NULL } };
	struct bg_budgets *b;

	*out = NULL;
	if (!json_is_object(root) ||
	    (!json_object_get(root, "budgets") && !json_object_get(root, "targets")))
		return 0;
	b = bg_malloc(sizeof(*b));
	bg_budgets_init(b);
	if (parse_list(&x, b, root, "budgets", 0) < 0 ||
	    parse_list(&x, b, root, "targets", 1) < 0) {
		bg_budgets_free(b);
		return -1;
	}
	*out = b;
	return 0;
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
