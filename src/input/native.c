/* The native results format (benchgate.results/1) and baseline files (benchgate.baseline/1). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/input.h"
#include "benchgate/json.h"
#include "reader.h"

/* The file being read, for error places. */
struct jx {
	const char *path;
	struct bg_error *err;
};

int bg_sniff_native(const char *buf, size_t len);
int bg_read_native(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		   int first_run, struct bg_error *err);

/*
 * JSON text ('{' or '[' first) with the schema names, or with "benchmarks", "metrics"
 * and "samples".
 */
int bg_sniff_native(const char *buf, size_t len)
{
	size_t n = len < 65536 ? len : 65536, rest;
	const char *start = bg_sniff_start(buf, n, &rest);

	if (!rest || (*start != '{' && *start != '['))
		return 0;
	if (memmem(buf, n, "\"benchgate.results/", 19) || memmem(buf, n, "\"benchgate.baseline/", 20))
		return 1;
	return memmem(buf, n, "\"benchmarks\"", 12) && memmem(buf, n, "\"metrics\"", 9) &&
	       memmem(buf, n, "\"samples\"", 9);
}

/* A count kept in a baseline's environment, 0 when absent or not a count. */
static size_t env_count(const struct bg_json *env, const char *key)
{
	const struct bg_json *v = bg_json_get(env, key);

	return bg_json_is_integer(v) && bg_json_int(v) > 0 ? (size_t)bg_json_int(v) : 0;
}

static const char *string_field(const struct bg_json *obj, const char *key)
{
	return bg_json_str(bg_json_get(obj, key));
}

/* A value of a stored summary: null or absent is NAN, else a valid sample. */
static int stored_value(struct jx *x, const struct bg_json *so, const char *key,
			const char *metric, const char *bench, double *out)
{
	const struct bg_json *v = bg_json_get(so, key);
	char what[512];

	*out = NAN;
	if (!v || bg_json_is_null(v) || bg_json_sample_of(out, v) == 0)
		return 0;
	snprintf(what, sizeof(what), "summary '%s' of '%s' in '%s'", key, metric, bench);
	return bg_json_bad_sample(x->err, x->path, v, what);
}

/*
 * A metric stored as a summary ({"summary": {...}} in place of "samples", as
 * `baseline save` writes a summary-only metric): adds it to b; *max_run grows to
 * its runs.
 */
static int read_stored_summary(struct jx *x, struct bg_bench *b, const struct bg_json *so,
			       const char *name, const char *unit, enum bg_direction d,
			       int *max_run)
{
	static const char *const keys[] = { "mean", "median", "p95", "p99", "stddev", "min", "max" };
	const struct bg_json *count = bg_json_get(so, "count"), *runs = bg_json_get(so, "runs");
	struct bg_metric *m;
	double v[7];

	if (!bg_json_is_object(so))
		return bg_json_error_at(x->err, x->path, so,
					"summary of '%s' in '%s' must be an object", name, b->name);
	for (int i = 0; i < 7; i++)
		if (stored_value(x, so, keys[i], name, b->name, &v[i]) < 0)
			return -1;
	if (isnan(v[0]) && isnan(v[1]) && isnan(v[2]) && isnan(v[3]))
		return bg_json_error_at(x->err, x->path, so,
					"summary of '%s' in '%s' has no mean, median, p95 or p99",
					name, b->name);
	if (count && !(bg_json_is_integer(count) && bg_json_int(count) >= 0))
		return bg_json_error_at(x->err, x->path, count,
					"count of '%s' in '%s' must be a whole number >= 0", name, b->name);
	if (runs && !(bg_json_is_integer(runs) && bg_json_int(runs) >= 1 &&
		      bg_json_int(runs) <= BG_MAX_RUN))
		return bg_json_error_at(x->err, x->path, runs,
					"runs of '%s' in '%s' must be a whole number from 1 to %d",
					name, b->name, BG_MAX_RUN);
	if (bg_bench_find(b, name))
		return bg_json_error_at(x->err, x->path, so,
					"'%s' of '%s' has a summary here and data in an earlier input: summaries do not merge",
					name, b->name);
	m = bg_bench_metric(b, name, unit, d);
	bg_metric_set_summary(m, v, count ? (size_t)bg_json_int(count) : 0,
			      runs ? (int)bg_json_int(runs) : 1);
	if (m->summary.runs > *max_run)
		*max_run = m->summary.runs;
	return 0;
}

static int read_metric(struct jx *x, struct bg_bench *b, const struct bg_json *mo,
		       int first_run, int *max_run)
{
	const char *name = string_field(mo, "name"), *unit = string_field(mo, "unit");
	const struct bg_json *dir = bg_json_get(mo, "direction");
	const struct bg_json *samples = bg_json_get(mo, "samples"), *runs = bg_json_get(mo, "runs");
	enum bg_direction d;
	struct bg_metric *m;
	char what[512];
	size_t i, n;

	if (!bg_json_is_object(mo))
		return bg_json_error_at(x->err, x->path, mo, "a metric of '%s' is not an object", b->name);
	if (!name || !*name)
		return bg_json_error_at(x->err, x->path, mo, "a metric of '%s' has no \"name\" string",
					b->name);
	if (!unit) {
		const struct bg_json *u = bg_json_get(mo, "unit");

		return bg_json_error_at(x->err, x->path, u ? u : mo,
					"metric '%s' of '%s' has no \"unit\" string", name, b->name);
	}
	if (!dir || bg_json_is_null(dir)) {
		d = bg_direction_infer(name, unit);
	} else if (bg_json_is_string(dir) && !strcmp(bg_json_str(dir), "none")) {
		d = BG_DIR_NONE;
	} else if (!bg_json_is_string(dir) || bg_direction_parse(&d, bg_json_str(dir)) < 0) {
		return bg_json_error_at(x->err, x->path, dir,
					"direction of '%s' in '%s' must be \"lower\", \"higher\" or \"none\"",
					name, b->name);
	}
	if (!samples && bg_json_get(mo, "summary"))   /* a summary-only metric saved */
		return read_stored_summary(x, b, bg_json_get(mo, "summary"), name, unit, d, max_run);
	if (!samples)
		return bg_json_error_at(x->err, x->path, mo, "metric '%s' of '%s' has no \"samples\"",
					name, b->name);
	if (!bg_json_is_array(samples))
		return bg_json_error_at(x->err, x->path, samples,
					"samples of '%s' in '%s' must be a list of numbers", name, b->name);
	n = bg_json_size(samples);
	if (n == 0)
		return bg_json_error_at(x->err, x->path, samples, "metric '%s' of '%s' has no samples",
					name, b->name);
	if (runs && (!bg_json_is_array(runs) || bg_json_size(runs) != n))
		return bg_json_error_at(x->err, x->path, runs,
					"runs of '%s' in '%s' must be a list of %zu run numbers, one per sample",
					name, b->name, n);
	m = bg_bench_metric(b, name, unit, d);
	if (!m) {
		return bg_json_error_at(x->err, x->path, bg_json_get(mo, "unit"),
					"metric '%s' of '%s' is in '%s' here but '%s' in an earlier input",
					name, b->name, unit, bg_bench_find(b, name)->unit);
	}
	/* The message is built only for a bad value: this loop is the hot one. */
	for (i = 0; i < n; i++) {
		const struct bg_json *v = bg_json_at(samples, i);
		double value;
		int64_t run = 0;

		if (bg_json_sample_of(&value, v) < 0) {
			snprintf(what, sizeof(what), "sample %zu of '%s' in '%s'", i + 1, name,
				 b->name);
			return bg_json_bad_sample(x->err, x->path, v, what);
		}
		if (runs) {
			const struct bg_json *r = bg_json_at(runs, i);

			if (!bg_json_is_integer(r) || bg_json_int(r) < 0 || bg_json_int(r) > BG_MAX_RUN)
				return bg_json_error_at(x->err, x->path, r,
							"run %zu of '%s' in '%s' must be a whole number from 0 to %d",
							i + 1, name, b->name, BG_MAX_RUN);
			run = bg_json_int(r);
		}
		if (run + 1 > *max_run)
			*max_run = (int)run + 1;
		bg_metric_add(m, value, first_run + (int)run);
	}
	return 0;
}

static int read_bench(struct jx *x, struct bg_resultset *rs, const struct bg_json *bo,
		      int first_run, int *max_run)
{
	const char *name = string_field(bo, "name");
	const struct bg_json *metrics = bg_json_get(bo, "metrics");
	struct bg_bench *b;
	size_t i, j;

	if (!bg_json_is_object(bo))
		return bg_json_error_at(x->err, x->path, bo, "a benchmark is not an object");
	if (!name || !*name)
		return bg_json_error_at(x->err, x->path, bo, "a benchmark has no \"name\" string");
	if (!bg_json_is_array(metrics) || bg_json_size(metrics) == 0)
		return bg_json_error_at(x->err, x->path, metrics ? metrics : bo,
					"benchmark '%s' needs \"metrics\", a non-empty list", name);
	b = bg_resultset_bench(rs, name);
	for (i = 0; i < bg_json_size(metrics); i++) {
		const struct bg_json *mo = bg_json_at(metrics, i);
		const char *mn = string_field(mo, "name");

		/* Quadratic in one benchmark's metrics, as bg_bench_metric is: a handful. */
		for (j = 0; mn && j < i; j++) {
			const char *other = string_field(bg_json_at(metrics, j), "name");

			if (other && !strcmp(mn, other))
				return bg_json_error_at(x->err, x->path, bg_json_get(mo, "name"),
							"duplicate metric '%s' in '%s'", mn, name);
		}
		if (read_metric(x, b, mo, first_run, max_run) < 0)
			return -1;
	}
	return 0;
}

/* Names in this file, sorted, to find duplicates in n log n. */
static int cmp_name(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;

	return strcmp(x, y);
}

static int check_duplicates(struct jx *x, const struct bg_json *benches)
{
	size_t n = bg_json_size(benches), k = 0;
	const char **names = bg_calloc(n, sizeof(*names));
	const char *dup = NULL;
	int ret = 0;

	for (size_t i = 0; i < n; i++) {
		const char *s = string_field(bg_json_at(benches, i), "name");

		if (s)
			names[k++] = s;
	}
	qsort(names, k, sizeof(*names), cmp_name);
	for (size_t i = 1; i < k && !dup; i++)
		if (!strcmp(names[i], names[i - 1]))
			dup = names[i];
	if (dup) {
		/* Point at the second occurrence. */
		int seen = 0;

		for (size_t i = 0; i < n; i++) {
			const struct bg_json *nv = bg_json_get(bg_json_at(benches, i), "name");
			const char *s = bg_json_str(nv);

			if (s && !strcmp(s, dup) && seen++) {
				ret = bg_json_error_at(x->err, x->path, nv, "duplicate benchmark '%s'",
						       dup);
				break;
			}
		}
	}
	free(names);
	return ret;
}

int bg_read_native(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		   int first_run, struct bg_error *err)
{
	struct jx x = { path, err };
	struct bg_json_doc *doc = bg_json_doc_new();
	struct bg_json_error je;
	const struct bg_json *root = bg_json_parse(doc, buf, len, 0, 0, &je), *benches, *env, *prov;
	const struct bg_json *schema_v;
	const char *schema;
	int max_run = 1, ret = -1;
	size_t i;

	if (!root) {
		bg_json_parse_error(err, path, &je);
		goto out;
	}
	if (!bg_json_is_object(root)) {
		bg_json_error_at(err, path, root, "the top level must be an object with \"benchmarks\"");
		goto out;
	}
	schema_v = bg_json_get(root, "schema");
	schema = bg_json_str(schema_v);
	if (schema_v && !schema) {
		bg_json_error_at(err, path, schema_v, "\"schema\" must be a string, \"benchgate.results/1\" or \"benchgate.baseline/1\"");
		goto out;
	}
	if (schema && strcmp(schema, "benchgate.results/1") && strcmp(schema, "benchgate.baseline/1")) {
		bg_json_error_at(err, path, schema_v, "unknown schema '%s' (this benchgate reads benchgate.results/1 and benchgate.baseline/1)",
				 schema);
		goto out;
	}
	benches = bg_json_get(root, "benchmarks");
	if (!bg_json_is_array(benches)) {
		bg_json_error_at(err, path, benches ? benches : root,
				 "\"benchmarks\" must be a list of benchmarks");
		goto out;
	}
	if (bg_json_size(benches) == 0) {
		bg_json_error_at(err, path, benches, "\"benchmarks\" is empty");
		goto out;
	}
	if (check_duplicates(&x, benches) < 0)
		goto out;
	for (i = 0; i < bg_json_size(benches); i++)
		if (read_bench(&x, rs, bg_json_at(benches, i), first_run, &max_run) < 0)
			goto out;
	if (bg_json_is_object(env = bg_json_get(root, "environment")) && !rs->environment)
		rs->environment = bg_json_to_jansson(env);
	/* A baseline saved from a run that reported its health (testreport.c) still says so. */
	rs->unclean += env_count(env, "unclean_records");
	rs->health_records += env_count(env, "health_records");
	if (bg_json_is_object(prov = bg_json_get(root, "provenance")) && !rs->provenance)
		rs->provenance = bg_json_to_jansson(prov);
	ret = max_run;
out:
	bg_json_doc_free(doc);
	return ret;
}
