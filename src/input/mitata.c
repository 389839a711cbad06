/*
 * mitata's JSON (run({ format: 'json' }), --json): benchmarks[].runs[].stats, samples in
 * ns per iteration (null with format { json: { samples: false } }: the summary then).
 * The calibration runs under context.noop are not benchmarks and are not read.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsbench.h"
#include "reader.h"

int bg_sniff_mitata(const char *buf, size_t len);
int bg_read_mitata(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		   int first_run, struct bg_error *err);

/* "layout" and "benchmarks" first, runs with "stats" ("context" comes last, after MBs). */
int bg_sniff_mitata(const char *buf, size_t len)
{
	size_t n = bg_sniff_object(buf, len);

	return n && memmem(buf, n, "\"layout\"", 8) && memmem(buf, n, "\"benchmarks\"", 12) &&
	       memmem(buf, n, "\"runs\"", 6) && memmem(buf, n, "\"stats\"", 7);
}

static const char *const keys[7] = { "avg", "p50", NULL, "p99", NULL, "min", "max" };

/* One run r of benchmark i, in the group named group (NULL: none). */
static int read_run(struct bg_jsb *x, const char *group, const struct bg_json *r)
{
	const struct bg_json *name = bg_json_get(r, "name"), *stats = bg_json_get(r, "stats");
	const struct bg_json *samples = bg_json_get(stats, "samples"), *e = bg_json_get(r, "error");
	struct bg_metric *m;
	double v[7];
	char *full;
	int ret = -1;

	if (!bg_json_is_object(r) || !bg_json_strlen(name))
		return bg_json_error_at(x->err, x->path, r, "a run must be an object with a \"name\" string");
	full = group ? bg_asprintf("%s > %s", group, bg_json_str(name)) : bg_strdup(bg_json_str(name));
	if (e && !bg_json_is_null(e)) {
		const struct bg_json *msg = bg_json_get(e, "message");

		bg_strlist_addf(&x->rs->warnings, "%s: '%s' threw (not read): %s", x->path, full,
				bg_json_is_string(msg) ? bg_json_str(msg) : "an error");
		ret = 0;
		goto out;
	}
	if (!bg_json_is_object(stats)) {
		bg_json_error_at(x->err, x->path, stats ? stats : r, "'%s' has no \"stats\" object", full);
		goto out;
	}
	if (samples && !bg_json_is_null(samples) && !bg_json_is_array(samples)) {
		bg_json_error_at(x->err, x->path, samples, "'samples' of '%s' must be a list", full);
		goto out;
	}
	if (bg_json_size(samples)) {
		if (!(m = bg_jsb_metric(x, bg_json_line(r), bg_json_col(r), full, strlen(full), "time",
					"ns", BG_DIR_LOWER, 0)))
			goto out;
		ret = bg_jsb_samples(x, m, full, samples, 1);
		goto out;
	}
	/* samples: false. "ticks" counts iterations, not samples: the count is unknown. */
	if (bg_jsb_summary(x, v, stats, keys, 1, full) < 0)
		goto out;
	if (isnan(v[0]) && isnan(v[1])) {
		bg_json_error_at(x->err, x->path, stats, "'%s' has neither samples nor \"avg\" or \"p50\"",
				 full);
		goto out;
	}
	if (!(m = bg_jsb_metric(x, bg_json_line(r), bg_json_col(r), full, strlen(full), "time", "ns",
				BG_DIR_LOWER, 1)))
		goto out;
	bg_metric_set_summary(m, v, 0, 1);
	ret = 0;
out:
	free(full);
	return ret;
}

int bg_read_mitata(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		   int first_run, struct bg_error *err)
{
	struct bg_json_doc *doc = bg_json_doc_new();
	const struct bg_json *root, *layout, *ctx;
	const struct bg_json *benches = bg_json_read_list(doc, &root, path, buf, len,
							  "mitata JSON", "benchmarks", err);
	static const char *const env_keys[] = { "runtime", "version", "arch", "cpu" };
	struct bg_jsb x;
	int ret = -1;

	bg_jsb_init(&x, rs, path, first_run, err);
	if (!benches)
		goto out;
	layout = bg_json_get(root, "layout");
	for (size_t i = 0; i < bg_json_size(benches); i++) {
		const struct bg_json *b = bg_json_at(benches, i), *runs = bg_json_get(b, "runs");
		const struct bg_json *g = bg_json_get(b, "group");
		const char *group = NULL;

		if (!bg_json_is_object(b) || !bg_json_is_array(runs)) {
			bg_json_error_at(err, path, b, "benchmarks[%zu] must be an object with a \"runs\" list",
					 i);
			goto out;
		}
		/* layout[group].name names the group; null is the top level. */
		if (bg_json_is_integer(g) && bg_json_int(g) >= 0)
			group = bg_json_str(bg_json_get(bg_json_at(layout, (size_t)bg_json_int(g)), "name"));
		for (size_t k = 0; k < bg_json_size(runs); k++)
			if (read_run(&x, group && *group ? group : NULL, bg_json_at(runs, k)) < 0)
				goto out;
	}
	ctx = bg_json_get(root, "context");
	for (size_t k = 0; k < sizeof(env_keys) / sizeof(env_keys[0]); k++) {
		const struct bg_json *v = bg_json_get(ctx, env_keys[k]);

		if (v && !bg_json_is_null(v))
			bg_env_keep(rs, env_keys[k], v);
	}
	bg_jsb_summary_note(&x, "mitata's format { json: { samples: false } }");
	ret = 1;
out:
	bg_jsb_release(&x);
	bg_json_doc_free(doc);
	return ret;
}
