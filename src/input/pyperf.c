/* pyperf JSON (pyperf timeit -o, --append): each run's values; warmups left out. */
#include <stdio.h>
#include <string.h>

#include "benchgate/input.h"
#include "benchgate/json.h"
#include "reader.h"

int bg_sniff_pyperf(const char *buf, size_t len);
int bg_read_pyperf(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		   int first_run, struct bg_error *err);

int bg_sniff_pyperf(const char *buf, size_t len)
{
	size_t n = bg_sniff_object(buf, len);

	return n && memmem(buf, n, "\"benchmarks\"", 12) && memmem(buf, n, "\"runs\"", 6) &&
	       memmem(buf, n, "\"metadata\"", 10);
}

/* A metadata string of the benchmark, else of the file; NULL when neither has it. */
static const struct bg_json *meta(const struct bg_json *bench, const struct bg_json *common,
				  const char *key)
{
	const struct bg_json *v = bg_json_get(bg_json_get(bench, "metadata"), key);

	return v ? v : bg_json_get(common, key);
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
static int walk_bench(const char *path, struct bg_error *err, struct bg_resultset *rs,
		      const struct bg_json *b, const struct bg_json *common, size_t i,
		      int first_run, int *used)
{
	const struct bg_json *name, *unit, *runs;
	const char *metric, *u, *n;
	struct bg_metric *m = NULL;
	int run = 0;

	if (!bg_json_is_object(b))
		return bg_json_error_at(err, path, b, "benchmarks[%zu] must be an object", i);
	name = meta(b, common, "name");
	if (!bg_json_strlen(name))
		return bg_json_error_at(err, path, b, "benchmarks[%zu] has no \"name\" in its metadata", i);
	n = bg_json_str(name);
	unit = meta(b, common, "unit");
	if (unit && (!bg_json_is_string(unit) || unit_of(bg_json_str(unit), &metric, &u) < 0)) {
		const struct bg_json *own = bg_json_get(bg_json_get(b, "metadata"), "unit");

		return bg_json_error_at(err, path, own ? own : b,
					"unit of '%s' must be \"second\", \"byte\" or \"integer\"", n);
	}
	if (!unit)
		unit_of("second", &metric, &u);
	runs = bg_json_get(b, "runs");
	if (!bg_json_is_array(runs))
		return bg_json_error_at(err, path, runs ? runs : b, "'%s' has no \"runs\" list", n);
	for (size_t k = 0; k < bg_json_size(runs); k++) {
		const struct bg_json *r = bg_json_at(runs, k), *values = bg_json_get(r, "values");

		if (!bg_json_is_object(r))
			return bg_json_error_at(err, path, r, "runs[%zu] of '%s' must be an object", k, n);
		/* Calibration runs have warmups only: not a run of measurements. */
		if (!values)
			continue;
		if (!bg_json_is_array(values))
			return bg_json_error_at(err, path, values, "'values' of '%s' must be a list", n);
		if (!bg_json_size(values))
			continue;
		if (run >= BG_MAX_RUN)
			return bg_json_error_at(err, path, r, "more than %d runs in '%s'", BG_MAX_RUN, n);
		if (!m && !(m = bg_bench_metric(bg_resultset_bench(rs, n), metric, u, BG_DIR_LOWER)))
			return bg_json_error_at(err, path, b,
						"'%s' of '%s' is in '%s' here but '%s' in an earlier input",
						metric, n, u,
						bg_bench_find(bg_resultset_find(rs, n), metric)->unit);
		for (size_t j = 0; j < bg_json_size(values); j++) {
			const struct bg_json *v = bg_json_at(values, j);
			double d;

			if (bg_json_sample_of(&d, v) < 0) {
				char what[512];

				snprintf(what, sizeof(what), "value %zu of run %zu of '%s'", j + 1, k + 1, n);
				return bg_json_bad_sample(err, path, v, what);
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
	struct bg_json_doc *doc = bg_json_doc_new();
	const struct bg_json *root, *common;
	const struct bg_json *benches = bg_json_read_list(doc, &root, path, buf, len,
							  "pyperf JSON", "benchmarks", err);
	int ret = -1, used = 0;

	if (!benches)
		goto out;
	common = bg_json_get(root, "metadata");
	for (size_t i = 0; i < bg_json_size(benches); i++)
		if (walk_bench(path, err, rs, bg_json_at(benches, i), common, i, first_run, &used) < 0)
			goto out;
	if (bg_json_is_object(common))
		bg_env_keep(rs, "pyperf_metadata", common);
	ret = used > 0 ? used : 1;
out:
	bg_json_doc_free(doc);
	return ret;
}
