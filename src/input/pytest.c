/* pytest-benchmark JSON (--benchmark-json): per-round times, or the summary alone. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "benchgate/input.h"
#include "benchgate/json.h"
#include "reader.h"
#include "strmap.h"

int bg_sniff_pytest(const char *buf, size_t len);
int bg_read_pytest(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		   int first_run, struct bg_error *err);

int bg_sniff_pytest(const char *buf, size_t len)
{
	size_t n = bg_sniff_object(buf, len);

	return n && memmem(buf, n, "\"machine_info\"", 14) &&
	       memmem(buf, n, "\"benchmarks\"", 12);
}

/* A summary value: absent or null is NAN; anything else must be a valid sample. */
static int stat_value(const char *path, struct bg_error *err, const struct bg_json *stats,
		      const char *key, const char *name, double *out)
{
	const struct bg_json *v = bg_json_get(stats, key);
	char what[512];

	*out = NAN;
	if (!v || bg_json_is_null(v) || bg_json_sample_of(out, v) == 0)
		return 0;
	snprintf(what, sizeof(what), "'stats.%s' of '%s'", key, name);
	return bg_json_bad_sample(err, path, v, what);
}

/* One entry of benchmarks[] (the walk: no parsing here). */
static int walk_bench(const char *path, struct bg_error *err, struct bg_resultset *rs,
		      const struct bg_json *b, size_t i, int run)
{
	const struct bg_json *name = bg_json_get(b, "fullname"), *stats, *data, *v;
	double vals[7] = { NAN, NAN, NAN, NAN, NAN, NAN, NAN };
	struct bg_metric *m;
	const char *n;

	if (!bg_json_is_object(b))
		return bg_json_error_at(err, path, b, "benchmarks[%zu] must be an object", i);
	if (!name)
		name = bg_json_get(b, "name");
	if (!bg_json_strlen(name))
		return bg_json_error_at(err, path, b,
					"benchmarks[%zu] has no \"fullname\" or \"name\" string", i);
	n = bg_json_str(name);
	stats = bg_json_get(b, "stats");
	if (!bg_json_is_object(stats))
		return bg_json_error_at(err, path, stats ? stats : b, "'%s' has no \"stats\" object", n);
	if (bg_resultset_find(rs, n) && bg_bench_find(bg_resultset_find(rs, n), "time") &&
	    bg_metric_summary_only(bg_bench_find(bg_resultset_find(rs, n), "time")))
		return bg_json_error_at(err, path, b,
					"'%s' has only a summary in an earlier input: summaries do not merge", n);
	if (!(m = bg_bench_metric(bg_resultset_bench(rs, n), "time", "s", BG_DIR_LOWER)))
		return bg_json_error_at(err, path, b,
					"'time' of '%s' is in 's' here but '%s' in an earlier input",
					n, bg_bench_find(bg_resultset_find(rs, n), "time")->unit);
	data = bg_json_get(stats, "data");
	if (data && !bg_json_is_null(data)) {
		if (!bg_json_is_array(data))
			return bg_json_error_at(err, path, data,
						"'stats.data' of '%s' must be a list of times", n);
		if (!bg_json_size(data))
			return bg_json_error_at(err, path, data, "'stats.data' of '%s' is empty", n);
		for (size_t k = 0; k < bg_json_size(data); k++) {
			double d;

			v = bg_json_at(data, k);
			if (bg_json_sample_of(&d, v) < 0) {
				char what[512];

				snprintf(what, sizeof(what), "sample %zu of 'time' in '%s'", k + 1, n);
				return bg_json_bad_sample(err, path, v, what);
			}
			bg_metric_add(m, d, run);
		}
		return 0;
	}
	if (m->n)
		return bg_json_error_at(err, path, stats,
					"'%s' has samples in an earlier input but only a summary here", n);
	/* No stats.data (pytest-benchmark without --benchmark-save-data... or trimmed): summary only. */
	if (stat_value(path, err, stats, "mean", n, &vals[0]) < 0 ||
	    stat_value(path, err, stats, "median", n, &vals[1]) < 0 ||
	    stat_value(path, err, stats, "stddev", n, &vals[4]) < 0 ||
	    stat_value(path, err, stats, "min", n, &vals[5]) < 0 ||
	    stat_value(path, err, stats, "max", n, &vals[6]) < 0)
		return -1;
	if (isnan(vals[0]) && isnan(vals[1]))
		return bg_json_error_at(err, path, stats,
					"'%s' has neither \"stats.data\" nor a mean or median", n);
	v = bg_json_get(stats, "rounds");
	bg_metric_set_summary(m, vals, bg_json_is_integer(v) && bg_json_int(v) > 0
					       ? (size_t)bg_json_int(v) : 0, 1);
	return 0;
}

int bg_read_pytest(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		   int first_run, struct bg_error *err)
{
	struct bg_json_doc *doc = bg_json_doc_new();
	const struct bg_json *root, *v;
	const struct bg_json *benches = bg_json_read_list(doc, &root, path, buf, len,
							  "pytest-benchmark JSON", "benchmarks", err);
	struct bg_strmap seen;
	int ret = -1;

	bg_strmap_init(&seen);
	if (!benches)
		goto out;
	for (size_t i = 0; i < bg_json_size(benches); i++) {
		const struct bg_json *b = bg_json_at(benches, i), *name = bg_json_get(b, "fullname");

		/* The same test twice in one file would silently pool two runs. */
		if (bg_json_is_string(name) &&
		    bg_strmap_get(&seen, bg_json_str(name), bg_json_strlen(name), (long)i) != (long)i) {
			bg_json_error_at(err, path, b, "benchmark '%s' is in the file twice",
					 bg_json_str(name));
			goto out;
		}
		if (walk_bench(path, err, rs, b, i, first_run) < 0)
			goto out;
	}
	if (bg_json_is_object(v = bg_json_get(root, "machine_info")))
		bg_env_keep(rs, "machine_info", v);
	if (bg_json_is_object(v = bg_json_get(root, "commit_info")))
		bg_env_keep(rs, "commit_info", v);
	ret = 1;
out:
	bg_strmap_release(&seen);
	bg_json_doc_free(doc);
	return ret;
}
