/* Summary-only JSON: mean, median or p50, p95, p99, stddev, count per metric; no samples. */
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "benchgate/input.h"
#include "benchgate/json.h"
#include "reader.h"
#include "strmap.h"

int bg_sniff_summary(const char *buf, size_t len);
int bg_read_summary(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		    int first_run, struct bg_error *err);

int bg_sniff_summary(const char *buf, size_t len)
{
	size_t n = bg_sniff_object(buf, len);

	return n && memmem(buf, n, "\"benchmarks\"", 12) &&
	       (memmem(buf, n, "\"p95\"", 5) || memmem(buf, n, "\"p50\"", 5) ||
		memmem(buf, n, "\"p99\"", 5)) &&
	       !memmem(buf, n, "\"samples\"", 9) && !memmem(buf, n, "\"benchgate.", 11) &&
	       !memmem(buf, n, "\"groups\"", 8);   /* vitest's files[].groups[] */
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

/* One metric's summary object o: the walk, no parsing here. */
static int walk_metric(const char *path, struct bg_error *err, struct bg_resultset *rs,
		       struct bg_strmap *index, const struct bg_json *name, const char *metric,
		       const struct bg_json *o)
{
	double vals[7] = { NAN, NAN, NAN, NAN, NAN, NAN, NAN };
	const struct bg_json *unit = bg_json_get(o, "unit"), *dirv = bg_json_get(o, "direction");
	const struct bg_json *count = bg_json_get(o, "count");
	const char *bench = bg_json_str(name);
	enum bg_direction dir;
	char *u = NULL;
	struct bg_bench *b;
	struct bg_metric *m;
	int any = 0;

	if (!bg_json_is_object(o))
		return bg_json_error_at(err, path, o, "summary of '%s' in '%s' must be an object",
					metric, bench);
	for (size_t k = 0; k < bg_json_members(o); k++) {
		const char *key = bg_json_str(bg_json_key(o, k));
		const struct bg_json *v = bg_json_value(o, k);
		int i = stat_index(key);
		char what[512];

		if (i < 0)
			continue;
		if (bg_json_sample_of(&vals[i], v) < 0) {
			snprintf(what, sizeof(what), "'%s' of '%s' in '%s'", key, metric, bench);
			return bg_json_bad_sample(err, path, v, what);
		}
		any |= i < 4;
	}
	if (!any)
		return bg_json_error_at(err, path, o,
					"summary of '%s' in '%s' has no mean, median, p95 or p99",
					metric, bench);
	if (!count)
		count = bg_json_get(o, "n");
	if (count && !(bg_json_is_integer(count) && bg_json_int(count) >= 0))
		return bg_json_error_at(err, path, count,
					"count of '%s' in '%s' must be a whole number >= 0", metric, bench);
	if (unit && !bg_json_is_string(unit))
		return bg_json_error_at(err, path, unit, "unit of '%s' in '%s' must be a string",
					metric, bench);
	if (dirv && (!bg_json_is_string(dirv) || bg_direction_parse(&dir, bg_json_str(dirv)) < 0))
		return bg_json_error_at(err, path, dirv,
					"direction of '%s' in '%s' must be \"lower\" or \"higher\"",
					metric, bench);
	b = bg_strmap_bench(index, rs, bench, bg_json_strlen(name));
	if (bg_bench_find(b, metric))
		return bg_json_error_at(err, path, o,
					"'%s' of '%s' has a summary in an earlier input or place: summaries do not merge",
					metric, bench);
	u = bg_name_unit(metric, &dir);
	if (unit) {
		free(u);
		u = bg_strdup(bg_json_str(unit));
		/* The name's direction ("_per_sec"), else the given unit's ("ms"). */
		if (dir == BG_DIR_NONE)
			dir = bg_direction_infer(metric, u);
	}
	if (dirv)
		bg_direction_parse(&dir, bg_json_str(dirv));
	m = bg_bench_metric(b, metric, u, dir);
	free(u);
	bg_metric_set_summary(m, vals, count ? (size_t)bg_json_int(count) : 0, 1);
	return 0;
}

/* One entry of benchmarks[]: a "metrics" object of summaries, or one summary ("time"). */
static int walk_bench(const char *path, struct bg_error *err, struct bg_resultset *rs,
		      struct bg_strmap *index, const struct bg_json *b, size_t i)
{
	const struct bg_json *name = bg_json_get(b, "name"), *metrics;

	if (!bg_json_is_object(b))
		return bg_json_error_at(err, path, b, "benchmarks[%zu] must be an object", i);
	if (!bg_json_strlen(name))
		return bg_json_error_at(err, path, b, "benchmarks[%zu] has no \"name\" string", i);
	metrics = bg_json_get(b, "metrics");
	if (!metrics) {
		const struct bg_json *mn = bg_json_get(b, "metric");

		return walk_metric(path, err, rs, index, name,
				   bg_json_strlen(mn) ? bg_json_str(mn) : "time", b);
	}
	if (!bg_json_is_object(metrics))
		return bg_json_error_at(err, path, metrics,
					"'metrics' of '%s' must be an object of summaries",
					bg_json_str(name));
	for (size_t k = 0; k < bg_json_members(metrics); k++)
		if (walk_metric(path, err, rs, index, name, bg_json_str(bg_json_key(metrics, k)),
				bg_json_value(metrics, k)) < 0)
			return -1;
	return 0;
}

int bg_read_summary(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		    int first_run, struct bg_error *err)
{
	struct bg_json_doc *doc = bg_json_doc_new();
	const struct bg_json *root, *env;
	const struct bg_json *benches = bg_json_read_list(doc, &root, path, buf, len,
							  "summary JSON", "benchmarks", err);
	struct bg_strmap index;
	int ret = -1;

	(void)first_run;   /* a summary is one run: its metrics carry runs = 1 */
	bg_strmap_init(&index);
	if (!benches)
		goto out;
	for (size_t i = 0; i < bg_json_size(benches); i++)
		if (walk_bench(path, err, rs, &index, bg_json_at(benches, i), i) < 0)
			goto out;
	if (bg_json_is_object(env = bg_json_get(root, "environment")) && !rs->environment)
		rs->environment = bg_json_to_jansson(env);
	ret = 1;
out:
	bg_strmap_release(&index);
	bg_json_doc_free(doc);
	return ret;
}
