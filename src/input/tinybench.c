/*
 * tinybench task results: JSON.stringify(bench.tasks) of tinybench 2.x (name and result
 * of each task, result.samples in ms), each task's name and result of 6.x (result.latency,
 * its samples only with retainSamples, else its summary), or bench.results (no names).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "jsbench.h"
#include "reader.h"

int bg_sniff_tinybench(const char *buf, size_t len);
int bg_read_tinybench(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		      int first_run, struct bg_error *err);

/* A list whose first result has 6.x's "latency" and "throughput", or 2.x's "hz" and "period". */
int bg_sniff_tinybench(const char *buf, size_t len)
{
	size_t n = bg_sniff_array(buf, len);

	if (!n || memmem(buf, n, "\"stats\"", 7))
		return 0;
	return (memmem(buf, n, "\"latency\"", 9) && memmem(buf, n, "\"throughput\"", 12)) ||
	       (memmem(buf, n, "\"hz\"", 4) && memmem(buf, n, "\"period\"", 8) &&
		memmem(buf, n, "\"totalTime\"", 11));
}

/* The keys of a summary (6.x's latency, 2.x's result), in bg_metric_set_summary's order. */
static const char *const keys[7] = { "mean", "p50", NULL, "p99", "sd", "min", "max" };

/* One task's result r under name: samples when it has them, else its summary. */
static int read_result(struct bg_jsb *x, const struct bg_json *r, const char *name, size_t nlen)
{
	const struct bg_json *lat = bg_json_get(r, "latency"), *state = bg_json_get(r, "state");
	const struct bg_json *from = lat ? lat : r, *samples, *e = bg_json_get(r, "error");
	double v[7];
	size_t count = 0;
	struct bg_metric *m;

	if (!bg_json_is_object(r))
		return bg_json_error_at(x->err, x->path, r, "the result of '%s' must be an object", name);
	if (e || (bg_json_is_string(state) && strcmp(bg_json_str(state), "completed"))) {
		const struct bg_json *msg = bg_json_get(e, "message");

		bg_strlist_addf(&x->rs->warnings, "%s: '%s' did not complete (not read): %s", x->path,
				name, bg_json_is_string(msg) ? bg_json_str(msg)
				: bg_json_is_string(state) ? bg_json_str(state) : "an error");
		return 0;
	}
	if (lat && !bg_json_is_object(lat))
		return bg_json_error_at(x->err, x->path, lat, "'latency' of '%s' must be an object", name);
	samples = bg_json_get(from, "samples");
	if (samples && !bg_json_is_null(samples) && !bg_json_is_array(samples))
		return bg_json_error_at(x->err, x->path, samples, "'samples' of '%s' must be a list",
					name);
	if (bg_json_size(samples)) {
		if (!(m = bg_jsb_metric(x, bg_json_line(samples), bg_json_col(samples), name, nlen,
					"time", "ms", BG_DIR_LOWER, 0)))
			return -1;
		return bg_jsb_samples(x, m, name, samples, 1);
	}
	/* 6.x without retainSamples: the summary of samplesCount samples. */
	if (bg_jsb_summary(x, v, from, keys, 1, name) < 0 ||
	    bg_jsb_count(x, &count, from, "samplesCount", name) < 0)
		return -1;
	if (isnan(v[0]) && isnan(v[1]))
		return bg_json_error_at(x->err, x->path, from,
					"'%s' has neither samples nor a mean or median", name);
	if (!(m = bg_jsb_metric(x, bg_json_line(from), bg_json_col(from), name, nlen, "time", "ms",
				BG_DIR_LOWER, 1)))
		return -1;
	bg_metric_set_summary(m, v, count, 1);
	return 0;
}

int bg_read_tinybench(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		      int first_run, struct bg_error *err)
{
	struct bg_json_doc *doc = bg_json_doc_new();
	const struct bg_json *root;
	struct bg_jsb x;
	int ret = -1, unnamed = 0;

	if (!(root = bg_jsb_parse(&x, doc, rs, path, buf, len, first_run, err)))
		goto out;
	if (!bg_json_is_array(root) || !bg_json_size(root)) {
		bg_json_error_at(err, path, root, "tinybench results must be a non-empty list of tasks");
		goto out;
	}
	for (size_t i = 0; i < bg_json_size(root); i++) {
		const struct bg_json *t = bg_json_at(root, i), *name = bg_json_get(t, "name");
		const struct bg_json *r = bg_json_get(t, "result");
		char pos[32];

		if (!bg_json_is_object(t)) {
			bg_json_error_at(err, path, t, "task %zu must be an object", i + 1);
			goto out;
		}
		if (!bg_json_members(t)) {
			bg_json_error_at(err, path, t,
					 "task %zu is empty: tinybench 6 tasks stringify to {}; write bench.tasks.map((t) => ({ name: t.name, result: t.result }))",
					 i + 1);
			goto out;
		}
		if (r) {
			if (!bg_json_strlen(name)) {
				bg_json_error_at(err, path, name ? name : t,
						 "task %zu has no \"name\" string", i + 1);
				goto out;
			}
			if (read_result(&x, r, bg_json_str(name), bg_json_strlen(name)) < 0)
				goto out;
			continue;
		}
		/* bench.results: the results alone, in the order of the tasks. */
		unnamed = 1;
		snprintf(pos, sizeof(pos), "#%zu", i + 1);
		if (read_result(&x, t, pos, strlen(pos)) < 0)
			goto out;
	}
	if (unnamed)
		bg_strlist_addf(&rs->warnings,
				"%s: tinybench results without task names: benchmarks named by position (#1, #2, ...); write each task's name and result to keep them apart",
				path);
	bg_jsb_summary_note(&x, "tinybench 6 keeps samples only with retainSamples");
	ret = 1;
out:
	bg_jsb_release(&x);
	bg_json_doc_free(doc);
	return ret;
}
