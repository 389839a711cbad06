/* The native results format (benchgate.results/1) and baseline files (benchgate.baseline/1). */
#include <stdlib.h>
#include <string.h>

#include "benchgate/input.h"
#include "reader.h"

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

static const char *string_field(const json_t *obj, const char *key)
{
	const json_t *v = json_object_get(obj, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

static int read_metric(struct jctx *x, struct bg_bench *b, json_t *mo, struct jpath *p,
		       int first_run, int *max_run)
{
	const char *name = string_field(mo, "name"), *unit = string_field(mo, "unit");
	json_t *dir = json_object_get(mo, "direction");
	json_t *samples = json_object_get(mo, "samples"), *runs = json_object_get(mo, "runs");
	enum bg_direction d;
	struct bg_metric *m;
	char what[512];
	size_t i;
	json_t *v;

	if (!json_is_object(mo))
		return jctx_error(x, p, 4, "a metric of '%s' is not an object", b->name);
	if (!name || !*name)
		return jctx_error(x, p, 4, "a metric of '%s' has no \"name\" string", b->name);
	if (!unit) {
		jpath_key(p, 4, "unit");
		return jctx_error(x, p, json_object_get(mo, "unit") ? 5 : 4,
				  "metric '%s' of '%s' has no \"unit\" string", name, b->name);
	}
	if (!dir || json_is_null(dir)) {
		d = bg_direction_infer(name, unit);
	} else if (json_is_string(dir) && !strcmp(json_string_value(dir), "none")) {
		d = BG_DIR_NONE;
	} else if (!json_is_string(dir) || bg_direction_parse(&d, json_string_value(dir)) < 0) {
		jpath_key(p, 4, "direction");
		return jctx_error(x, p, 5, "direction of '%s' in '%s' must be \"lower\", \"higher\" or \"none\"",
				  name, b->name);
	}
	jpath_key(p, 4, "samples");
	if (!samples && json_object_get(mo, "summary"))   /* a summary-only metric saved */
		return bg_read_stored_summary(x, b, json_object_get(mo, "summary"), p, name, unit, d,
					      max_run);
	if (!samples)
		return jctx_error(x, p, 4, "metric '%s' of '%s' has no \"samples\"", name, b->name);
	if (!json_is_array(samples))
		return jctx_error(x, p, 5, "samples of '%s' in '%s' must be a list of numbers", name,
				  b->name);
	if (json_array_size(samples) == 0)
		return jctx_error(x, p, 5, "metric '%s' of '%s' has no samples", name, b->name);
	if (runs) {
		jpath_key(p, 4, "runs");
		if (!json_is_array(runs) || json_array_size(runs) != json_array_size(samples))
			return jctx_error(x, p, 5, "runs of '%s' in '%s' must be a list of %zu run numbers, one per sample",
					  name, b->name, json_array_size(samples));
	}
	m = bg_bench_metric(b, name, unit, d);
	if (!m) {
		jpath_key(p, 4, "unit");
		return jctx_error(x, p, 5, "metric '%s' of '%s' is in '%s' here but '%s' in an earlier input",
				  name, b->name, unit, bg_bench_find(b, name)->unit);
	}
	/* The path and message are built only for a bad value: this loop is the hot one. */
	json_array_foreach(samples, i, v) {
		double value;
		json_int_t run = 0;

		if (bg_json_sample(&value, v) < 0) {
			jpath_key(p, 4, "samples");
			jpath_index(p, 5, i);
			snprintf(what, sizeof(what), "sample %zu of '%s' in '%s'", i + 1, name,
				 b->name);
			return jctx_bad_sample(x, v, p, 6, what);
		}
		if (runs) {
			json_t *r = json_array_get(runs, i);

			if (!json_is_integer(r) || json_integer_value(r) < 0 ||
			    json_integer_value(r) > BG_MAX_RUN) {
				jpath_key(p, 4, "runs");
				jpath_index(p, 5, i);
				return jctx_error(x, p, 6, "run %zu of '%s' in '%s' must be a whole number from 0 to %d",
						  i + 1, name, b->name, BG_MAX_RUN);
			}
			run = json_integer_value(r);
		}
		if (run + 1 > *max_run)
			*max_run = (int)run + 1;
		bg_metric_add(m, value, first_run + (int)run);
	}
	return 0;
}

static int read_bench(struct jctx *x, struct bg_resultset *rs, json_t *bo, struct jpath *p,
		      int first_run, int *max_run)
{
	const char *name = string_field(bo, "name");
	json_t *metrics = json_object_get(bo, "metrics");
	struct bg_bench *b;
	size_t i, j;
	json_t *mo;

	if (!json_is_object(bo))
		return jctx_error(x, p, 2, "a benchmark is not an object");
	if (!name || !*name)
		return jctx_error(x, p, 2, "a benchmark has no \"name\" string");
	jpath_key(p, 2, "metrics");
	if (!json_is_array(metrics) || json_array_size(metrics) == 0)
		return jctx_error(x, p, metrics ? 3 : 2,
				  "benchmark '%s' needs \"metrics\", a non-empty list", name);
	b = bg_resultset_bench(rs, name);
	json_array_foreach(metrics, i, mo) {
		const char *mn = string_field(mo, "name");

		jpath_key(p, 2, "metrics");
		jpath_index(p, 3, i);
		/* Quadratic in one benchmark's metrics, as bg_bench_metric is: a handful. */
		for (j = 0; mn && j < i; j++) {
			const char *other = string_field(json_array_get(metrics, j), "name");

			if (other && !strcmp(mn, other)) {
				jpath_key(p, 4, "name");
				return jctx_error(x, p, 5, "duplicate metric '%s' in '%s'", mn, name);
			}
		}
		if (read_metric(x, b, mo, p, first_run, max_run) < 0)
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

static int check_duplicates(struct jctx *x, json_t *benches, struct jpath *p)
{
	size_t n = json_array_size(benches), k = 0;
	const char **names = bg_calloc(n, sizeof(*names));
	const char *dup = NULL;
	int ret = 0;

	for (size_t i = 0; i < n; i++) {
		const char *s = string_field(json_array_get(benches, i), "name");

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
			const char *s = string_field(json_array_get(benches, i), "name");

			if (s && !strcmp(s, dup) && seen++) {
				jpath_index(p, 1, i);
				jpath_key(p, 2, "name");
				ret = jctx_error(x, p, 3, "duplicate benchmark '%s'", dup);
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
	struct jctx x = { path, buf, len, 0, err };
	struct jpath p = { 0 };
	json_t *root = jctx_parse(&x, 0), *benches, *env, *prov, *bo;
	const char *schema;
	int max_run = 1, ret = -1;
	size_t i;

	if (!root)
		return -1;
	if (!json_is_object(root)) {
		jctx_error(&x, &p, 0, "the top level must be an object with \"benchmarks\"");
		goto out;
	}
	schema = string_field(root, "schema");
	jpath_key(&p, 0, "schema");
	if (json_object_get(root, "schema") && !schema) {
		jctx_error(&x, &p, 1, "\"schema\" must be a string, \"benchgate.results/1\" or \"benchgate.baseline/1\"");
		goto out;
	}
	if (schema && strcmp(schema, "benchgate.results/1") && strcmp(schema, "benchgate.baseline/1")) {
		jctx_error(&x, &p, 1, "unknown schema '%s' (this benchgate reads benchgate.results/1 and benchgate.baseline/1)",
			   schema);
		goto out;
	}
	benches = json_object_get(root, "benchmarks");
	jpath_key(&p, 0, "benchmarks");
	if (!json_is_array(benches)) {
		jctx_error(&x, &p, benches ? 1 : 0, "\"benchmarks\" must be a list of benchmarks");
		goto out;
	}
	if (json_array_size(benches) == 0) {
		jctx_error(&x, &p, 1, "\"benchmarks\" is empty");
		goto out;
	}
	if (check_duplicates(&x, benches, &p) < 0)
		goto out;
	json_array_foreach(benches, i, bo) {
		jpath_key(&p, 0, "benchmarks");
		jpath_index(&p, 1, i);
		if (read_bench(&x, rs, bo, &p, first_run, &max_run) < 0)
			goto out;
	}
	if (json_is_object(env = json_object_get(root, "environment")) && !rs->environment)
		rs->environment = json_incref(env);
	/* A baseline saved from an unclean run (testreport.c) is still one. */
	if (json_is_object(env) && json_integer_value(json_object_get(env, "unclean_records")) > 0)
		rs->unclean += (size_t)json_integer_value(json_object_get(env, "unclean_records"));
	if (json_is_object(prov = json_object_get(root, "provenance")) && !rs->provenance)
		rs->provenance = json_incref(prov);
	ret = max_run;
out:
	json_decref(root);
	return ret;
}
