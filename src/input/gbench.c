/* Google Benchmark --benchmark_format=json: iteration rows grouped by run_name. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/infer.h"
#include "benchgate/input.h"
#include "benchgate/json.h"
#include "reader.h"
#include "strmap.h"

int bg_sniff_gbench(const char *buf, size_t len);
int bg_read_gbench(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		   int first_run, struct bg_error *err);

/* An object with "context" and "benchmarks", and rows with "run_type" or "time_unit". */
int bg_sniff_gbench(const char *buf, size_t len)
{
	size_t n = bg_sniff_object(buf, len);

	return n && memmem(buf, n, "\"context\"", 9) &&
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

/* Unit and direction of a user counter, from its name (items_per_second: items/s, higher); new string. */
static char *counter_unit(const char *key, enum bg_direction *dir)
{
	return bg_infer_metric(key, NULL, dir);
}

static const char *string_field(const struct bg_json *obj, const char *key)
{
	return bg_json_str(bg_json_get(obj, key));
}

/* The file being read, and the maps of one walk. */
struct gb {
	const char *path;
	struct bg_error *err;
	struct bg_strmap has;     /* run_name -> HAS_* bits */
	struct bg_strmap index;   /* run_name -> its benchmark's index: rows interleave */
};

/* One sample of metric key (in unit) of benchmark b, from row. */
static int add_sample(struct gb *x, struct bg_bench *b, const struct bg_json *row,
		      const char *key, const struct bg_json *v, const char *unit,
		      enum bg_direction dir, int run)
{
	struct bg_metric *m;
	char what[512];
	double d;

	if (!v)
		return bg_json_error_at(x->err, x->path, row, "a row of '%s' has no \"%s\"", b->name,
					key);
	if (bg_json_sample_of(&d, v) < 0) {
		snprintf(what, sizeof(what), "'%s' of '%s'", key, b->name);
		return bg_json_bad_sample(x->err, x->path, v, what);
	}
	if (!(m = bg_bench_metric(b, key, unit, dir)))
		return bg_json_error_at(x->err, x->path, v,
					"'%s' of '%s' is in '%s' here but '%s' in an earlier input",
					key, b->name, unit, bg_bench_find(b, key)->unit);
	bg_metric_add(m, d, run);
	return 0;
}

/* The metrics of one row: real_time, cpu_time in time_unit, and the user counters. */
static int read_row(struct gb *x, struct bg_resultset *rs, const struct bg_json *row,
		    const struct bg_json *namev, int run)
{
	const struct bg_json *tu = bg_json_get(row, "time_unit");
	const char *unit = bg_json_str(tu), *name = bg_json_str(namev);
	struct bg_bench *b;

	if (!unit)
		unit = "ns";    /* what Google Benchmark means when it leaves time_unit out */
	if (strcmp(unit, "ns") && strcmp(unit, "us") && strcmp(unit, "ms") && strcmp(unit, "s"))
		return bg_json_error_at(x->err, x->path, tu,
					"time_unit of '%s' must be \"ns\", \"us\", \"ms\" or \"s\"", name);
	b = bg_strmap_bench(&x->index, rs, name, bg_json_strlen(namev));
	if (add_sample(x, b, row, "real_time", bg_json_get(row, "real_time"), unit, BG_DIR_LOWER,
		       run) < 0 ||
	    add_sample(x, b, row, "cpu_time", bg_json_get(row, "cpu_time"), unit, BG_DIR_LOWER,
		       run) < 0)
		return -1;
	for (size_t i = 0; i < bg_json_members(row); i++) {
		const char *key = bg_json_str(bg_json_key(row, i));
		char *cunit;
		const struct bg_json *v = bg_json_value(row, i);
		enum bg_direction dir;

		if (!bg_json_is_number(v) || known_key(key))
			continue;
		cunit = counter_unit(key, &dir);
		if (add_sample(x, b, row, key, v, cunit, dir, run) < 0) {
			free(cunit);
			return -1;
		}
		free(cunit);
	}
	return 0;
}

/* A row's error or skip, said once per row; 1 when the row has one. */
static int failed_row(struct gb *x, struct bg_resultset *rs, const struct bg_json *row,
		      const char *name)
{
	const char *msg;

	if (bg_json_is_true(bg_json_get(row, "error_occurred"))) {
		msg = string_field(row, "error_message");
		bg_strlist_addf(&rs->warnings, "%s: '%s' reported an error (not read): %s", x->path,
				name, msg && *msg ? msg : "no message");
		return 1;
	}
	if (bg_json_is_true(bg_json_get(row, "skipped"))) {
		msg = string_field(row, "skip_message");
		bg_strlist_addf(&rs->warnings, "%s: '%s' was skipped (not read): %s", x->path, name,
				msg && *msg ? msg : "no message");
		return 1;
	}
	return 0;
}

/* A row's run_name, else its name (a string value, or NULL). */
static const struct bg_json *row_name(const struct bg_json *row)
{
	const struct bg_json *v = bg_json_get(row, "run_name");

	return bg_json_is_string(v) ? v : bg_json_is_string(v = bg_json_get(row, "name")) ? v : NULL;
}

/* The rows of "benchmarks": iteration rows, or a median/mean aggregate where there are none. */
static int walk(struct gb *x, const struct bg_json *root, struct bg_resultset *rs, int run)
{
	const struct bg_json *rows = bg_json_get(root, "benchmarks"), *ctx;
	size_t i;

	if (!bg_json_is_object(root) || !bg_json_is_array(rows))
		return bg_json_error_at(x->err, x->path, rows ? rows : root,
					"Google Benchmark output needs \"benchmarks\", a list (run with --benchmark_format=json)");
	/* First what each run_name has, so aggregates are read only where they must be. */
	for (i = 0; i < bg_json_size(rows); i++) {
		const struct bg_json *row = bg_json_at(rows, i), *name;
		const char *type, *agg;
		long bits;

		if (!bg_json_is_object(row))
			return bg_json_error_at(x->err, x->path, row,
						"benchmark row %zu is not an object", i + 1);
		name = row_name(row);
		if (!name || !bg_json_strlen(name))
			return bg_json_error_at(x->err, x->path, row,
						"benchmark row %zu has no \"run_name\" or \"name\" string",
						i + 1);
		if (bg_json_is_true(bg_json_get(row, "error_occurred")) ||
		    bg_json_is_true(bg_json_get(row, "skipped")))
			continue;
		type = string_field(row, "run_type");
		agg = string_field(row, "aggregate_name");
		bits = 0;
		if (!type || !strcmp(type, "iteration"))
			bits = HAS_ITERATION;
		else if (!strcmp(type, "aggregate") && agg && !strcmp(agg, "median"))
			bits = HAS_MEDIAN;
		else if (!strcmp(type, "aggregate") && agg && !strcmp(agg, "mean"))
			bits = HAS_MEAN;
		*bg_strmap_ref(&x->has, bg_json_str(name), bg_json_strlen(name), 0) |= bits;
	}
	for (i = 0; i < bg_json_size(rows); i++) {
		const struct bg_json *row = bg_json_at(rows, i), *namev = row_name(row);
		const char *name = bg_json_str(namev), *type, *agg;
		long *bits;

		if (failed_row(x, rs, row, name))
			continue;
		type = string_field(row, "run_type");
		if (type && strcmp(type, "iteration")) {
			/* An aggregate: only for a run without iteration rows, its median (or mean). */
			agg = string_field(row, "aggregate_name");
			bits = bg_strmap_ref(&x->has, name, bg_json_strlen(namev), 0);
			if ((*bits & HAS_ITERATION) || !agg || strcmp(type, "aggregate"))
				continue;
			if (strcmp(agg, (*bits & HAS_MEDIAN) ? "median" : "mean"))
				continue;
			if (!(*bits & WARNED)) {
				bg_strlist_addf(&rs->warnings,
						"%s: '%s' has only aggregate rows (--benchmark_report_aggregates_only): its %s is read as one sample",
						x->path, name, agg);
				*bits |= WARNED;
			}
		}
		if (read_row(x, rs, row, namev, run) < 0)
			return -1;
	}
	if (bg_json_is_object(ctx = bg_json_get(root, "context")) && !rs->environment)
		rs->environment = bg_json_to_jansson(ctx);
	return 1;
}

int bg_read_gbench(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		   int first_run, struct bg_error *err)
{
	struct bg_json_doc *doc = bg_json_doc_new();
	struct bg_json_error je;
	const struct bg_json *root = bg_json_parse(doc, buf, len, 0, 0, &je);
	struct gb x = { path, err, { 0 }, { 0 } };
	int ret;

	if (!root) {
		bg_json_doc_free(doc);
		return bg_json_parse_error(err, path, &je);
	}
	bg_strmap_init(&x.has);
	bg_strmap_init(&x.index);
	ret = walk(&x, root, rs, first_run);
	bg_strmap_release(&x.has);
	bg_strmap_release(&x.index);
	bg_json_doc_free(doc);
	return ret;
}
