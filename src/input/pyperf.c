/* pyperf JSON (pyperf timeit -o, --append): each run's values; warmups left out. */
#include <stdio.h>
#include <string.h>

#include "benchgate/input.h"
#include "reader.h"

int bg_sniff_pyperf(const char *buf, size_t len);
int bg_read_pyperf(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		   int first_run, struct bg_error *err);

int bg_sniff_pyperf(const char *buf, size_t len)
{
	size_t rest, n;
	const char *p = bg_sniff_start(buf, len, &rest);

	n = rest < 65536 ? rest : 65536;
	return n && *p == '{' && memmem(p, n, "\"benchmarks\"", 12) && memmem(p, n, "\"runs\"", 6) &&
	       memmem(p, n, "\"metadata\"", 10);
}

/* A metadata string of the benchmark, else of the file; NULL when neither has it. */
static json_t *meta(json_t *bench, json_t *common, const char *key)
{
	json_t *v = json_object_get(json_object_get(bench, "metadata"), key);

	return v ? v : json_object_get(common, key);
}

/* pyperf's unit names: the metric, its unit and direction (all lower is better). */
static int unit_of(const char *u, const char **metric, const char **unit)
{
	if (!strcmp(u, "second")) {
		*metric = "time";
		*unit = "s";
	} else if (!strcmp(u, "byte")) {
		*metric = "memory";
		*unit = "B";
	} else if (!strcmp(u, "integer")) {
		*metric = "value";
		*unit = "";
	} else {
		return -1;
	}
	return 0;
}

/* One entry of benchmarks[] (the walk: no parsing here). *used: runs it has. */
static int walk_bench(struct jctx *x, struct bg_resultset *rs, json_t *b, json_t *common,
		      size_t i, int first_run, int *used)
{
	struct jpath p = { 0 };
	json_t *name, *unit, *runs, *r;
	const char *metric, *u;
	struct bg_metric *m = NULL;
	size_t k;
	int run = 0;

	jpath_key(&p, 0, "benchmarks");
	jpath_index(&p, 1, i);
	if (!json_is_object(b))
		return jctx_error(x, &p, 2, "benchmarks[%zu] must be an object", i);
	name = meta(b, common, "name");
	if (!json_is_string(name) || !*json_string_value(name))
		return jctx_error(x, &p, 2, "benchmarks[%zu] has no \"name\" in its metadata", i);
	unit = meta(b, common, "unit");
	if (unit && (!json_is_string(unit) || unit_of(json_string_value(unit), &metric, &u) < 0)) {
		jpath_key(&p, 2, "metadata");
		jpath_key(&p, 3, "unit");
		return jctx_error(x, &p, json_object_get(json_object_get(b, "metadata"), "unit") ? 4 : 2,
				  "unit of '%s' must be \"second\", \"byte\" or \"integer\"",
				  json_string_value(name));
	}
	if (!unit)
		unit_of("second", &metric, &u);
	runs = json_object_get(b, "runs");
	jpath_key(&p, 2, "runs");
	if (!json_is_array(runs))
		return jctx_error(x, &p, runs ? 3 : 2, "'%s' has no \"runs\" list",
				  json_string_value(name));
	json_array_foreach(runs, k, r) {
		json_t *values = json_object_get(r, "values"), *v;
		size_t j;

		jpath_index(&p, 3, k);
		if (!json_is_object(r))
			return jctx_error(x, &p, 4, "runs[%zu] of '%s' must be an object", k,
					  json_string_value(name));
		/* Calibration runs have warmups only: not a run of measurements. */
		if (!values)
			continue;
		jpath_key(&p, 4, "values");
		if (!json_is_array(values))
			return jctx_error(x, &p, 5, "'values' of '%s' must be a list",
					  json_string_value(name));
		if (!json_array_size(values))
			continue;
		if (run >= BG_MAX_RUN)
			return jctx_error(x, &p, 4, "more than %d runs in '%s'", BG_MAX_RUN,
					  json_string_value(name));
		if (!m && !(m = bg_bench_metric(bg_resultset_bench(rs, json_string_value(name)),
						metric, u, BG_DIR_LOWER)))
			return jctx_error(x, &p, 2, "'%s' of '%s' is in '%s' here but '%s' in an earlier input",
					  metric, json_string_value(name), u,
					  bg_bench_find(bg_resultset_find(rs, json_string_value(name)),
							metric)->unit);
		json_array_foreach(values, j, v) {
			double d;

			if (bg_json_sample(&d, v) < 0) {
				char what[512];

				snprintf(what, sizeof(what), "value %zu of run %zu of '%s'", j + 1, k + 1,
					 json_string_value(name));
				jpath_index(&p, 5, j);
				return jctx_bad_sample(x, v, &p, 6, what);
			}
			bg_metric_add(m, d, first_run + run);
		}
		run++;
	}
	if (run > *used)
		*used = run;
	return 0;
}

int bg_read_pyperf(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		   int first_run, struct bg_error *err)
{
	struct jctx x = { path, buf, len, 0, err };
	struct jpath p = { 0 };
	json_t *root = jctx_parse(&x, 0), *benches, *common, *b;
	size_t i;
	int ret = -1, used = 0;

	if (!root)
		return -1;
	if (!json_is_object(root)) {
		jctx_error(&x, &p, 0, "pyperf JSON must be an object");
		goto out;
	}
	common = json_object_get(root, "metadata");
	benches = json_object_get(root, "benchmarks");
	jpath_key(&p, 0, "benchmarks");
	if (!json_is_array(benches)) {
		jctx_error(&x, &p, benches ? 1 : 0, "\"benchmarks\" must be a list");
		goto out;
	}
	json_array_foreach(benches, i, b)
		if (walk_bench(&x, rs, b, common, i, first_run, &used) < 0)
			goto out;
	if (json_is_object(common)) {
		if (!rs->environment)
			rs->environment = json_object();
		if (!json_object_get(rs->environment, "pyperf_metadata"))
			json_object_set(rs->environment, "pyperf_metadata", common);
	}
	ret = used > 0 ? used : 1;
out:
	json_decref(root);
	return ret;
}
