/* pytest-benchmark JSON (--benchmark-json): per-round times, or the summary alone. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "benchgate/input.h"
#include "reader.h"
#include "strmap.h"

int bg_sniff_pytest(const char *buf, size_t len);
int bg_read_pytest(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		   int first_run, struct bg_error *err);

int bg_sniff_pytest(const char *buf, size_t len)
{
	size_t rest, n;
	const char *p = bg_sniff_start(buf, len, &rest);

	n = rest < 65536 ? rest : 65536;
	return n && *p == '{' && memmem(p, n, "\"machine_info\"", 14) &&
	       memmem(p, n, "\"benchmarks\"", 12);
}

/* A summary value: absent or null is NAN; anything else must be a valid sample. */
static int stat_value(struct jctx *x, struct jpath *p, int depth, json_t *stats, const char *key,
		      const char *name, double *out)
{
	json_t *v = json_object_get(stats, key);
	char what[512];

	*out = NAN;
	if (!v || json_is_null(v))
		return 0;
	if (bg_json_sample(out, v) == 0)
		return 0;
	jpath_key(p, depth, key);
	snprintf(what, sizeof(what), "'stats.%s' of '%s'", key, name);
	return jctx_bad_sample(x, v, p, depth + 1, what);
}

/* One entry of benchmarks[] (the walk: no parsing here). */
static int walk_bench(struct jctx *x, struct bg_resultset *rs, json_t *b, size_t i, int run)
{
	struct jpath p = { 0 };
	json_t *name = json_object_get(b, "fullname"), *stats, *data, *v;
	struct bg_metric *m;
	const char *n;
	size_t k;

	jpath_key(&p, 0, "benchmarks");
	jpath_index(&p, 1, i);
	if (!json_is_object(b))
		return jctx_error(x, &p, 2, "benchmarks[%zu] must be an object", i);
	if (!name)
		name = json_object_get(b, "name");
	if (!json_is_string(name) || !*json_string_value(name))
		return jctx_error(x, &p, 2, "benchmarks[%zu] has no \"fullname\" or \"name\" string", i);
	n = json_string_value(name);
	stats = json_object_get(b, "stats");
	jpath_key(&p, 2, "stats");
	if (!json_is_object(stats))
		return jctx_error(x, &p, stats ? 3 : 2, "'%s' has no \"stats\" object", n);
	if (bg_resultset_find(rs, n) && bg_bench_find(bg_resultset_find(rs, n), "time") &&
	    bg_metric_summary_only(bg_bench_find(bg_resultset_find(rs, n), "time")))
		return jctx_error(x, &p, 2, "'%s' has only a summary in an earlier input: summaries do not merge", n);
	if (!(m = bg_bench_metric(bg_resultset_bench(rs, n), "time", "s", BG_DIR_LOWER)))
		return jctx_error(x, &p, 2, "'time' of '%s' is in 's' here but '%s' in an earlier input",
				  n, bg_bench_find(bg_resultset_find(rs, n), "time")->unit);
	data = json_object_get(stats, "data");
	if (data && !json_is_null(data)) {
		jpath_key(&p, 3, "data");
		if (!json_is_array(data))
			return jctx_error(x, &p, 4, "'stats.data' of '%s' must be a list of times", n);
		if (!json_array_size(data))
			return jctx_error(x, &p, 4, "'stats.data' of '%s' is empty", n);
		json_array_foreach(data, k, v) {
			double d;

			if (bg_json_sample(&d, v) < 0) {
				char what[512];

				snprintf(what, sizeof(what), "sample %zu of 'time' in '%s'", k + 1, n);
				jpath_index(&p, 4, k);
				return jctx_bad_sample(x, v, &p, 5, what);
			}
			bg_metric_add(m, d, run);
		}
		return 0;
	}
	if (m->n)
		return jctx_error(x, &p, 3, "'%s' has samples in an earlier input but only a summary here", n);
	/* No stats.data (pytest-benchmark without --benchmark-save-data... or trimmed): summary only. */
	m->summary.present = 1;
	m->summary.runs = 1;
	m->summary.p95 = m->summary.p99 = NAN;
	if (stat_value(x, &p, 3, stats, "mean", n, &m->summary.mean) < 0 ||
	    stat_value(x, &p, 3, stats, "median", n, &m->summary.median) < 0 ||
	    stat_value(x, &p, 3, stats, "stddev", n, &m->summary.stddev) < 0 ||
	    stat_value(x, &p, 3, stats, "min", n, &m->summary.min) < 0 ||
	    stat_value(x, &p, 3, stats, "max", n, &m->summary.max) < 0)
		return -1;
	if (isnan(m->summary.mean) && isnan(m->summary.median))
		return jctx_error(x, &p, 3, "'%s' has neither \"stats.data\" nor a mean or median", n);
	v = json_object_get(stats, "rounds");
	if (json_is_integer(v) && json_integer_value(v) > 0)
		m->summary.count = (size_t)json_integer_value(v);
	return 0;
}

static void env_keep(struct bg_resultset *rs, const char *key, json_t *v)
{
	if (!json_is_object(v))
		return;
	if (!rs->environment)
		rs->environment = json_object();
	if (!json_object_get(rs->environment, key))
		json_object_set(rs->environment, key, v);
}

int bg_read_pytest(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		   int first_run, struct bg_error *err)
{
	struct jctx x = { path, buf, len, 0, err };
	struct jpath p = { 0 };
	json_t *root = jctx_parse(&x, 0), *benches, *b;
	struct bg_strmap seen;
	size_t i;
	int ret = -1;

	bg_strmap_init(&seen);

	if (!root)
		return -1;
	if (!json_is_object(root)) {
		jctx_error(&x, &p, 0, "pytest-benchmark JSON must be an object");
		goto out;
	}
	benches = json_object_get(root, "benchmarks");
	jpath_key(&p, 0, "benchmarks");
	if (!json_is_array(benches)) {
		jctx_error(&x, &p, benches ? 1 : 0, "\"benchmarks\" must be a list");
		goto out;
	}
	json_array_foreach(benches, i, b) {
		json_t *name = json_object_get(b, "fullname");

		/* The same test twice in one file would silently pool two runs. */
		if (json_is_string(name) &&
		    bg_strmap_get(&seen, json_string_value(name), json_string_length(name), (long)i) !=
			    (long)i) {
			jpath_index(&p, 1, i);
			jctx_error(&x, &p, 2, "benchmark '%s' is in the file twice",
				   json_string_value(name));
			goto out;
		}
		if (walk_bench(&x, rs, b, i, first_run) < 0)
			goto out;
	}
	env_keep(rs, "machine_info", json_object_get(root, "machine_info"));
	env_keep(rs, "commit_info", json_object_get(root, "commit_info"));
	ret = 1;
out:
	bg_strmap_release(&seen);
	json_decref(root);
	return ret;
}
