/* Summary-only JSON: mean, median or p50, p95, p99, stddev, count per metric; no samples. */
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "benchgate/input.h"
#include "reader.h"

int bg_sniff_summary(const char *buf, size_t len);
int bg_read_summary(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		    int first_run, struct bg_error *err);

int bg_sniff_summary(const char *buf, size_t len)
{
	size_t rest, n;
	const char *p = bg_sniff_start(buf, len, &rest);

	n = rest < 65536 ? rest : 65536;
	return n && *p == '{' && memmem(p, n, "\"benchmarks\"", 12) &&
	       (memmem(p, n, "\"p95\"", 5) || memmem(p, n, "\"p50\"", 5) ||
		memmem(p, n, "\"p99\"", 5)) &&
	       !memmem(p, n, "\"samples\"", 9) && !memmem(p, n, "\"benchgate.", 11);
}

/* The statistics a summary may give, and the names frameworks give them. */
static const struct {
	const char *names[5];
} stat_names[] = {
	{ { "mean", "avg", "average", NULL } },
	{ { "median", "p50", "med", NULL } },
	{ { "p95", "p(95)", NULL } },
	{ { "p99", "p(99)", NULL } },
	{ { "stddev", "std", "stdev", "sd", NULL } },
	{ { "min", NULL } },
	{ { "max", NULL } },
};

static int stat_index(const char *k)
{
	for (size_t i = 0; i < sizeof(stat_names) / sizeof(stat_names[0]); i++)
		for (int j = 0; stat_names[i].names[j]; j++)
			if (!strcmp(stat_names[i].names[j], k))
				return (int)i;
	return -1;
}

/* One metric's summary object at p (depth deep): the walk, no parsing here. */
static int walk_metric(struct jctx *x, struct bg_resultset *rs, struct jpath *p, int depth,
		       const char *bench, const char *metric, json_t *o)
{
	double vals[7] = { NAN, NAN, NAN, NAN, NAN, NAN, NAN };
	json_t *unit = json_object_get(o, "unit"), *dirv = json_object_get(o, "direction"), *v;
	json_t *count = json_object_get(o, "count");
	enum bg_direction dir;
	char *u = NULL;
	const char *key;
	struct bg_bench *b;
	struct bg_metric *m;
	int any = 0;

	if (!json_is_object(o))
		return jctx_error(x, p, depth, "summary of '%s' in '%s' must be an object", metric,
				  bench);
	json_object_foreach(o, key, v) {
		int i = stat_index(key);
		char what[512];

		if (i < 0)
			continue;
		jpath_key(p, depth, key);
		if (bg_json_sample(&vals[i], v) < 0) {
			snprintf(what, sizeof(what), "'%s' of '%s' in '%s'", key, metric, bench);
			return jctx_bad_sample(x, v, p, depth + 1, what);
		}
		any |= i < 4;
	}
	if (!any)
		return jctx_error(x, p, depth, "summary of '%s' in '%s' has no mean, median, p95 or p99",
				  metric, bench);
	if (!count)
		count = json_object_get(o, "n");
	if (count && !(json_is_integer(count) && json_integer_value(count) >= 0)) {
		jpath_key(p, depth, json_object_get(o, "count") ? "count" : "n");
		return jctx_error(x, p, depth + 1, "count of '%s' in '%s' must be a whole number >= 0",
				  metric, bench);
	}
	u = bg_name_unit(metric, &dir);
	if (unit) {
		jpath_key(p, depth, "unit");
		if (!json_is_string(unit)) {
			free(u);
			return jctx_error(x, p, depth + 1, "unit of '%s' in '%s' must be a string",
					  metric, bench);
		}
		free(u);
		u = bg_strdup(json_string_value(unit));
		/* The name's direction ("_per_sec"), else the given unit's ("ms"). */
		if (dir == BG_DIR_NONE)
			dir = bg_direction_infer(metric, u);
	}
	if (dirv) {
		jpath_key(p, depth, "direction");
		if (!json_is_string(dirv) || bg_direction_parse(&dir, json_string_value(dirv)) < 0) {
			free(u);
			return jctx_error(x, p, depth + 1, "direction of '%s' in '%s' must be \"lower\" or \"higher\"",
					  metric, bench);
		}
	}
	b = bg_resultset_bench(rs, bench);
	if (bg_bench_find(b, metric)) {
		free(u);
		return jctx_error(x, p, depth, "'%s' of '%s' has a summary in an earlier input or place: summaries do not merge",
				  metric, bench);
	}
	m = bg_bench_metric(b, metric, u, dir);
	free(u);
	m->summary.present = 1;
	m->summary.runs = 1;
	m->summary.mean = vals[0];
	m->summary.median = vals[1];
	m->summary.p95 = vals[2];
	m->summary.p99 = vals[3];
	m->summary.stddev = vals[4];
	m->summary.min = vals[5];
	m->summary.max = vals[6];
	m->summary.count = count ? (size_t)json_integer_value(count) : 0;
	return 0;
}

/* One entry of benchmarks[]: a "metrics" object of summaries, or one summary ("time"). */
static int walk_bench(struct jctx *x, struct bg_resultset *rs, json_t *b, size_t i)
{
	struct jpath p = { 0 };
	json_t *name = json_object_get(b, "name"), *metrics, *v;
	const char *key;

	jpath_key(&p, 0, "benchmarks");
	jpath_index(&p, 1, i);
	if (!json_is_object(b))
		return jctx_error(x, &p, 2, "benchmarks[%zu] must be an object", i);
	if (!json_is_string(name) || !*json_string_value(name))
		return jctx_error(x, &p, 2, "benchmarks[%zu] has no \"name\" string", i);
	metrics = json_object_get(b, "metrics");
	if (!metrics) {
		json_t *mn = json_object_get(b, "metric");
		const char *metric = json_is_string(mn) && *json_string_value(mn)
			? json_string_value(mn) : "time";

		return walk_metric(x, rs, &p, 2, json_string_value(name), metric, b);
	}
	jpath_key(&p, 2, "metrics");
	if (!json_is_object(metrics))
		return jctx_error(x, &p, 3, "'metrics' of '%s' must be an object of summaries",
				  json_string_value(name));
	json_object_foreach(metrics, key, v) {
		jpath_key(&p, 3, key);
		if (walk_metric(x, rs, &p, 4, json_string_value(name), key, v) < 0)
			return -1;
	}
	return 0;
}

int bg_read_summary(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		    int first_run, struct bg_error *err)
{
	struct jctx x = { path, buf, len, 0, err };
	struct jpath p = { 0 };
	json_t *root = jctx_parse(&x, 0), *benches, *b;
	size_t i;
	int ret = -1;

	(void)first_run;   /* a summary is one run: its metrics carry runs = 1 */
	if (!root)
		return -1;
	if (!json_is_object(root)) {
		jctx_error(&x, &p, 0, "summary JSON must be an object");
		goto out;
	}
	benches = json_object_get(root, "benchmarks");
	jpath_key(&p, 0, "benchmarks");
	if (!json_is_array(benches)) {
		jctx_error(&x, &p, benches ? 1 : 0, "\"benchmarks\" must be a list");
		goto out;
	}
	json_array_foreach(benches, i, b)
		if (walk_bench(&x, rs, b, i) < 0)
			goto out;
	if (json_is_object(json_object_get(root, "environment")) && !rs->environment)
		rs->environment = json_deep_copy(json_object_get(root, "environment"));
	ret = 1;
out:
	json_decref(root);
	return ret;
}
