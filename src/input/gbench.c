/* Google Benchmark --benchmark_format=json: iteration rows grouped by run_name. */
#include <stdio.h>
#include <string.h>

#include "benchgate/input.h"
#include "reader.h"

int bg_sniff_gbench(const char *buf, size_t len);
int bg_read_gbench(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		   int first_run, struct bg_error *err);

/* An object with "context" and "benchmarks", and rows with "run_type" or "time_unit". */
int bg_sniff_gbench(const char *buf, size_t len)
{
	size_t n = len < 65536 ? len : 65536, rest;
	const char *start = bg_sniff_start(buf, n, &rest);

	return rest && *start == '{' && memmem(buf, n, "\"context\"", 9) &&
	       memmem(buf, n, "\"benchmarks\"", 12) &&
	       (memmem(buf, n, "\"run_type\"", 10) || memmem(buf, n, "\"time_unit\"", 11));
}

/* What a run_name has: iteration rows, a median or a mean aggregate. */
enum { HAS_ITERATION = 1, HAS_MEDIAN = 2, HAS_MEAN = 4, WARNED = 8 };

/* Keys of a row that are not user counters. */
static int known_key(const char *k)
{
	static const char *const keys[] = {
		"name", "family_index", "per_family_instance_index", "run_name", "run_type",
		"repetitions", "repetition_index", "threads", "iterations", "real_time",
		"cpu_time", "time_unit", "aggregate_name", "aggregate_unit", "error_occurred",
		"error_message", "skipped", "skip_message", "label", "big_o", "rms",
		"cpu_coefficient", "real_coefficient", NULL,
	};

	for (const char *const *p = keys; *p; p++)
		if (**p == *k && !strcmp(*p, k))
			return 1;
	return 0;
}

/* Unit and direction of a user counter: the two rates Google Benchmark names, else inferred. */
static const char *counter_unit(const char *key, enum bg_direction *dir)
{
	if (!strcmp(key, "items_per_second")) {
		*dir = BG_DIR_HIGHER;
		return "items/s";
	}
	if (!strcmp(key, "bytes_per_second")) {
		*dir = BG_DIR_HIGHER;
		return "B/s";
	}
	*dir = bg_direction_infer(key, "");
	return "";
}

static const char *string_field(const json_t *obj, const char *key)
{
	const json_t *v = json_object_get(obj, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* One sample of metric key (in unit) of benchmark b, from row's value at p. */
static int add_sample(struct jctx *x, struct jpath *p, struct bg_bench *b, json_t *row,
		      const char *key, const char *unit, enum bg_direction dir, int run)
{
	json_t *v = json_object_get(row, key);
	struct bg_metric *m;
	char what[512];
	double d;

	jpath_key(p, 2, key);
	if (!v)
		return jctx_error(x, p, 2, "a row of '%s' has no \"%s\"", b->name, key);
	if (bg_json_sample(&d, v) < 0) {
		snprintf(what, sizeof(what), "'%s' of '%s'", key, b->name);
		return jctx_bad_sample(x, v, p, 3, what);
	}
	if (!(m = bg_bench_metric(b, key, unit, dir)))
		return jctx_error(x, p, 3, "'%s' of '%s' is in '%s' here but '%s' in an earlier input",
				  key, b->name, unit, bg_bench_find(b, key)->unit);
	bg_metric_add(m, d, run);
	return 0;
}

/* The metrics of one row: real_time, cpu_time in time_unit, and the user counters. */
/* The benchmark named name, through index (name -> its index in rs): rows interleave. */
static struct bg_bench *bench_for(struct bg_resultset *rs, json_t *index, const char *name)
{
	json_t *i = json_object_get(index, name);
	struct bg_bench *b;

	if (i)
		return &rs->benches[json_integer_value(i)];
	b = bg_resultset_bench(rs, name);
	json_object_set_new(index, name, json_integer((json_int_t)(b - rs->benches)));
	return b;
}

static int read_row(struct jctx *x, struct jpath *p, struct bg_resultset *rs, json_t *index,
		    json_t *row, const char *name, int run)
{
	const char *unit = string_field(row, "time_unit"), *key;
	struct bg_bench *b;
	json_t *v;

	if (!unit)
		unit = "ns";    /* what Google Benchmark means when it leaves time_unit out */
	if (strcmp(unit, "ns") && strcmp(unit, "us") && strcmp(unit, "ms") && strcmp(unit, "s")) {
		jpath_key(p, 2, "time_unit");
		return jctx_error(x, p, 3, "time_unit of '%s' must be \"ns\", \"us\", \"ms\" or \"s\"",
				  name);
	}
	b = bench_for(rs, index, name);
	if (add_sample(x, p, b, row, "real_time", unit, BG_DIR_LOWER, run) < 0 ||
	    add_sample(x, p, b, row, "cpu_time", unit, BG_DIR_LOWER, run) < 0)
		return -1;
	json_object_foreach(row, key, v) {
		enum bg_direction dir;
		const char *cunit;

		if (known_key(key) || !json_is_number(v))
			continue;
		cunit = counter_unit(key, &dir);
		if (add_sample(x, p, b, row, key, cunit, dir, run) < 0)
			return -1;
	}
	return 0;
}

/* A row's error or skip, said once per row; 1 when the row has one. */
static int failed_row(struct jctx *x, struct bg_resultset *rs, json_t *row, const char *name)
{
	const char *msg;

	if (json_is_true(json_object_get(row, "error_occurred"))) {
		msg = string_field(row, "error_message");
		bg_strlist_addf(&rs->warnings, "%s: '%s' reported an error (not read): %s", x->path,
				name, msg && *msg ? msg : "no message");
		return 1;
	}
	if (json_is_true(json_object_get(row, "skipped"))) {
		msg = string_field(row, "skip_message");
		bg_strlist_addf(&rs->warnings, "%s: '%s' was skipped (not read): %s", x->path, name,
				msg && *msg ? msg : "no message");
		return 1;
	}
	return 0;
}

/* The rows of "benchmarks": iteration rows, or a median/mean aggregate where there are none. */
static int walk(struct jctx *x, json_t *root, struct bg_resultset *rs, int run)
{
	struct jpath p = { 0 };
	json_t *rows = json_object_get(root, "benchmarks"), *row, *ctx;
	json_t *has = json_object(), *index = json_object();
	int ret = -1;
	size_t i;

	jpath_key(&p, 0, "benchmarks");
	if (!json_is_object(root) || !json_is_array(rows)) {
		jctx_error(x, &p, json_is_object(root) && rows ? 1 : 0,
			   "Google Benchmark output needs \"benchmarks\", a list (run with --benchmark_format=json)");
		goto out;
	}
	/* First what each run_name has, so aggregates are read only where they must be. */
	json_array_foreach(rows, i, row) {
		const char *name, *type, *agg;
		json_t *nv;
		json_int_t bits;

		jpath_index(&p, 1, i);
		if (!json_is_object(row)) {
			jctx_error(x, &p, 2, "benchmark row %zu is not an object", i + 1);
			goto out;
		}
		name = string_field(row, "run_name");
		if (!name)
			name = string_field(row, "name");
		jpath_key(&p, 2, "name");
		if (!name || !*name) {
			jctx_error(x, &p, 2, "benchmark row %zu has no \"run_name\" or \"name\" string", i + 1);
			goto out;
		}
		type = string_field(row, "run_type");
		agg = string_field(row, "aggregate_name");
		bits = json_integer_value(json_object_get(has, name));
		if (json_is_true(json_object_get(row, "error_occurred")) ||
		    json_is_true(json_object_get(row, "skipped")))
			continue;
		if (!type || !strcmp(type, "iteration"))
			bits |= HAS_ITERATION;
		else if (!strcmp(type, "aggregate") && agg && !strcmp(agg, "median"))
			bits |= HAS_MEDIAN;
		else if (!strcmp(type, "aggregate") && agg && !strcmp(agg, "mean"))
			bits |= HAS_MEAN;
		nv = json_integer(bits);
		json_object_set_new(has, name, nv);
	}
	json_array_foreach(rows, i, row) {
		const char *name = string_field(row, "run_name"), *type, *agg;
		json_int_t bits;

		if (!name)
			name = string_field(row, "name");
		type = string_field(row, "run_type");
		agg = string_field(row, "aggregate_name");
		bits = json_integer_value(json_object_get(has, name));
		jpath_index(&p, 1, i);
		if (failed_row(x, rs, row, name))
			continue;
		if (type && strcmp(type, "iteration")) {
			/* An aggregate: only for a run without iteration rows, its median (or mean). */
			if ((bits & HAS_ITERATION) || !agg || strcmp(type, "aggregate"))
				continue;
			if (strcmp(agg, (bits & HAS_MEDIAN) ? "median" : "mean"))
				continue;
			if (!(bits & WARNED)) {
				bg_strlist_addf(&rs->warnings,
						"%s: '%s' has only aggregate rows (--benchmark_report_aggregates_only): its %s is read as one sample",
						x->path, name, agg);
				json_object_set_new(has, name, json_integer(bits | WARNED));
			}
		}
		if (read_row(x, &p, rs, index, row, name, run) < 0)
			goto out;
	}
	if (json_is_object(ctx = json_object_get(root, "context")) && !rs->environment)
		rs->environment = json_incref(ctx);
	ret = 1;
out:
	json_decref(has);
	json_decref(index);
	return ret;
}

int bg_read_gbench(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		   int first_run, struct bg_error *err)
{
	struct jctx x = { path, buf, len, 0, err };
	json_t *root = jctx_parse(&x, 0);
	int ret;

	if (!root)
		return -1;
	ret = walk(&x, root, rs, first_run);
	json_decref(root);
	return ret;
}
