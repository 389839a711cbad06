/*
 * vitest bench --outputJson: files[].groups[].benchmarks[], times in ms. vitest 1.x to
 * 4.x write the summary only ("samples": [] or none, "sampleCount"); samples are read
 * when a list holds them.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsbench.h"
#include "reader.h"

int bg_sniff_vitest(const char *buf, size_t len);
int bg_read_vitest(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		   int first_run, struct bg_error *err);

int bg_sniff_vitest(const char *buf, size_t len)
{
	size_t n = bg_sniff_object(buf, len);

	return n && memmem(buf, n, "\"files\"", 7) && memmem(buf, n, "\"groups\"", 8) &&
	       memmem(buf, n, "\"benchmarks\"", 12);
}

static const char *const keys[7] = { "mean", "median", NULL, "p99", "sd", "min", "max" };

/* One benchmark b of the group named group. */
static int read_bench(struct bg_jsb *x, const char *group, const struct bg_json *b, size_t i)
{
	const struct bg_json *name = bg_json_get(b, "name"), *samples = bg_json_get(b, "samples");
	char *full;
	double v[7];
	size_t count, flen;
	struct bg_metric *m;
	int ret = -1;

	if (!bg_json_is_object(b))
		return bg_json_error_at(x->err, x->path, b, "benchmark %zu of '%s' must be an object",
					i + 1, group);
	if (!bg_json_strlen(name))
		return bg_json_error_at(x->err, x->path, b, "benchmark %zu of '%s' has no \"name\" string",
					i + 1, group);
	full = *group ? bg_asprintf("%s > %s", group, bg_json_str(name)) : bg_strdup(bg_json_str(name));
	flen = strlen(full);
	if (samples && !bg_json_is_null(samples) && !bg_json_is_array(samples)) {
		bg_json_error_at(x->err, x->path, samples, "'samples' of '%s' must be a list", full);
		goto out;
	}
	if (bg_json_size(samples)) {
		if (!(m = bg_jsb_metric(x, bg_json_line(b), bg_json_col(b), full, flen, "time", "ms",
					BG_DIR_LOWER, 0)))
			goto out;
		ret = bg_jsb_samples(x, m, full, samples, 1);
		goto out;
	}
	if (bg_jsb_summary(x, v, b, keys, 1, full) < 0 ||
	    bg_jsb_count(x, &count, b, "sampleCount", full) < 0)
		goto out;
	if (isnan(v[0]) && isnan(v[1])) {
		bg_json_error_at(x->err, x->path, b, "'%s' has neither samples nor a mean or median",
				 full);
		goto out;
	}
	if (!(m = bg_jsb_metric(x, bg_json_line(b), bg_json_col(b), full, flen, "time", "ms",
				BG_DIR_LOWER, 1)))
		goto out;
	bg_metric_set_summary(m, v, count, 1);
	ret = 0;
out:
	free(full);
	return ret;
}

int bg_read_vitest(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		   int first_run, struct bg_error *err)
{
	struct bg_json_doc *doc = bg_json_doc_new();
	const struct bg_json *root;
	const struct bg_json *files = bg_json_read_list(doc, &root, path, buf, len,
							"vitest bench JSON", "files", err);
	struct bg_jsb x;
	int ret = -1;

	bg_jsb_init(&x, rs, path, first_run, err);
	if (!files)
		goto out;
	for (size_t f = 0; f < bg_json_size(files); f++) {
		const struct bg_json *file = bg_json_at(files, f), *groups = bg_json_get(file, "groups");

		if (!bg_json_is_array(groups)) {
			bg_json_error_at(err, path, groups ? groups : file,
					 "files[%zu] has no \"groups\" list", f);
			goto out;
		}
		for (size_t g = 0; g < bg_json_size(groups); g++) {
			const struct bg_json *group = bg_json_at(groups, g);
			const struct bg_json *gname = bg_json_get(group, "fullName");
			const struct bg_json *benches = bg_json_get(group, "benchmarks");

			if (!bg_json_is_string(gname) || !bg_json_is_array(benches)) {
				bg_json_error_at(err, path, group,
						 "files[%zu].groups[%zu] needs a \"fullName\" string and a \"benchmarks\" list",
						 f, g);
				goto out;
			}
			for (size_t i = 0; i < bg_json_size(benches); i++)
				if (read_bench(&x, bg_json_str(gname), bg_json_at(benches, i), i) < 0)
					goto out;
		}
	}
	bg_jsb_summary_note(&x, "vitest --outputJson writes none");
	ret = 1;
out:
	bg_jsb_release(&x);
	bg_json_doc_free(doc);
	return ret;
}
