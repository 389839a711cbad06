/*
 * benchmark.js: a suite's benchmarks as JSON.stringify writes them (a list of objects
 * with "name" and "stats"), stats.sample in seconds per iteration.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "jsbench.h"
#include "reader.h"

int bg_sniff_benchmarkjs(const char *buf, size_t len);
int bg_read_benchmarkjs(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
			int first_run, struct bg_error *err);

int bg_sniff_benchmarkjs(const char *buf, size_t len)
{
	size_t n = bg_sniff_array(buf, len);

	return n && memmem(buf, n, "\"stats\"", 7) && memmem(buf, n, "\"sample\"", 8) &&
	       memmem(buf, n, "\"hz\"", 4);
}

static const char *const keys[7] = { "mean", NULL, NULL, NULL, "deviation", NULL, NULL };

int bg_read_benchmarkjs(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
			int first_run, struct bg_error *err)
{
	struct bg_json_doc *doc = bg_json_doc_new();
	const struct bg_json *root;
	struct bg_jsb x;
	int ret = -1;

	if (!(root = bg_jsb_parse(&x, doc, rs, path, buf, len, first_run, err)))
		goto out;
	if (!bg_json_is_array(root) || !bg_json_size(root)) {
		bg_json_error_at(err, path, root, "benchmark.js results must be a non-empty list of benchmarks");
		goto out;
	}
	for (size_t i = 0; i < bg_json_size(root); i++) {
		const struct bg_json *b = bg_json_at(root, i), *name = bg_json_get(b, "name");
		const struct bg_json *stats = bg_json_get(b, "stats"), *sample = bg_json_get(stats, "sample");
		const struct bg_json *e = bg_json_get(b, "error");
		const char *n;
		struct bg_metric *m;
		double v[7];

		if (!bg_json_is_object(b) || !bg_json_strlen(name)) {
			bg_json_error_at(err, path, b, "benchmark %zu must be an object with a \"name\" string",
					 i + 1);
			goto out;
		}
		n = bg_json_str(name);
		if ((e && !bg_json_is_null(e)) || bg_json_is_true(bg_json_get(b, "aborted"))) {
			const struct bg_json *msg = bg_json_get(e, "message");

			bg_strlist_addf(&rs->warnings, "%s: '%s' failed (not read): %s", path, n,
					bg_json_is_string(msg) ? bg_json_str(msg) : "aborted");
			continue;
		}
		if (!bg_json_is_object(stats)) {
			bg_json_error_at(err, path, stats ? stats : b, "'%s' has no \"stats\" object", n);
			goto out;
		}
		if (sample && !bg_json_is_null(sample) && !bg_json_is_array(sample)) {
			bg_json_error_at(err, path, sample, "'stats.sample' of '%s' must be a list", n);
			goto out;
		}
		if (bg_json_size(sample)) {
			if (!(m = bg_jsb_metric(&x, bg_json_line(b), bg_json_col(b), n, bg_json_strlen(name),
						"time", "s", BG_DIR_LOWER, 0)) ||
			    bg_jsb_samples(&x, m, n, sample, 1) < 0)
				goto out;
			continue;
		}
		/* No samples (trimmed): the mean and deviation; the count is unknown. */
		if (bg_jsb_summary(&x, v, stats, keys, 1, n) < 0)
			goto out;
		if (isnan(v[0])) {
			bg_json_error_at(err, path, stats, "'%s' has neither \"stats.sample\" nor a mean", n);
			goto out;
		}
		if (!(m = bg_jsb_metric(&x, bg_json_line(b), bg_json_col(b), n, bg_json_strlen(name),
					"time", "s", BG_DIR_LOWER, 1)))
			goto out;
		bg_metric_set_summary(m, v, 0, 1);
	}
	bg_jsb_summary_note(&x, "no stats.sample");
	ret = 1;
out:
	bg_jsb_release(&x);
	bg_json_doc_free(doc);
	return ret;
}
