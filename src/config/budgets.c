/* The config's "budgets" and "targets": read into struct bg_budgets, each error with its place. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/budget.h"
#include "benchgate/input.h"

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
	va_list ap;
	int line = 0, col = 0;

	if (at_key)
		bg_json_locate_key(x->buf, x->len, x->where, &line, &col);
	else
		bg_json_locate(x->buf, x->len, x->where, &line, &col);
	va_start(ap, fmt);
	bg_error_vat(x->err, BG_EXIT_INPUT, x->path, line, col, fmt, ap);
	va_end(ap);
	return -1;
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
