/* Helpers of the readers of JavaScript harnesses, Catch2, BMF and cargo bench (jsbench.h). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsbench.h"
#include "reader.h"

size_t bg_sniff_array(const char *buf, size_t len)
{
	size_t n = len < 65536 ? len : 65536, rest;
	const char *start = bg_sniff_start(buf, n, &rest);

	return rest && *start == '[' ? n : 0;
}

void bg_jsb_init(struct bg_jsb *x, struct bg_resultset *rs, const char *path, int run,
		 struct bg_error *err)
{
	x->rs = rs;
	x->path = path;
	x->err = err;
	x->run = run;
	x->first_bench = rs->nbenches;
	x->summaries = 0;
	bg_strmap_init(&x->index);
}

void bg_jsb_release(struct bg_jsb *x)
{
	bg_strmap_release(&x->index);
}

const struct bg_json *bg_jsb_parse(struct bg_jsb *x, struct bg_json_doc *doc,
				   struct bg_resultset *rs, const char *path, const char *buf,
				   size_t len, int run, struct bg_error *err)
{
	struct bg_json_error je;
	const struct bg_json *root = bg_json_parse(doc, buf, len, 0, 0, &je);

	bg_jsb_init(x, rs, path, run, err);
	if (!root)
		bg_json_parse_error(err, path, &je);
	return root;
}

static int error_at(struct bg_jsb *x, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int error_at(struct bg_jsb *x, int line, int col, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = bg_error_vat(x->err, BG_EXIT_INPUT, x->path, line, col, fmt, ap);
	va_end(ap);
	return ret;
}

struct bg_metric *bg_jsb_metric(struct bg_jsb *x, int line, int col, const char *name,
				size_t len, const char *metric, const char *unit,
				enum bg_direction dir, int summary)
{
	struct bg_bench *b;
	struct bg_metric *m;

	b = bg_strmap_bench(&x->index, x->rs, name, len);
	m = bg_bench_find(b, metric);
	/*
	 * Given before in this file: a benchmark this file added, or samples of this run
	 * (no map of the pairs seen: one lookup per benchmark keeps summaries fast to read).
	 */
	if (m && ((size_t)(b - x->rs->benches) >= x->first_bench ||
		  (m->n && m->runs[m->n - 1] == x->run))) {
		error_at(x, line, col, "benchmark '%s' is in the file twice", name);
		return NULL;
	}
	if (m && strcmp(m->unit, unit)) {
		error_at(x, line, col, "'%s' of '%s' is in '%s' here but '%s' in an earlier input",
			 metric, name, unit, m->unit);
		return NULL;
	}
	if (m && (summary || bg_metric_summary_only(m))) {
		error_at(x, line, col, m->n ? "'%s' has samples in an earlier input but only a summary here"
				   : "'%s' has only a summary in an earlier input: summaries do not merge",
			 name);
		return NULL;
	}
	x->summaries += summary != 0;
	return bg_bench_metric(b, metric, unit, dir);
}

void bg_jsb_summary_note(struct bg_jsb *x, const char *why)
{
	if (x->summaries)
		bg_strlist_addf(&x->rs->warnings, "%s: %zu metric%s with a summary only, no samples (%s)",
				x->path, x->summaries, x->summaries == 1 ? "" : "s", why);
}

int bg_jsb_samples(struct bg_jsb *x, struct bg_metric *m, const char *name,
		   const struct bg_json *list, double scale)
{
	for (size_t i = 0; i < bg_json_size(list); i++) {
		const struct bg_json *v = bg_json_at(list, i);
		double d;

		if (bg_json_sample_of(&d, v) < 0 || !isfinite(d * scale)) {
			char what[512];

			snprintf(what, sizeof(what), "sample %zu of '%s'", i + 1, name);
			if (bg_json_sample_of(&d, v) == 0)
				return bg_json_error_at(x->err, x->path, v, "%s is not a finite number",
							what);
			return bg_json_bad_sample(x->err, x->path, v, what);
		}
		bg_metric_add(m, d * scale, x->run);
	}
	return 0;
}

int bg_jsb_summary(struct bg_jsb *x, double v[7], const struct bg_json *o,
		   const char *const keys[7], double scale, const char *name)
{
	for (int i = 0; i < 7; i++) {
		const struct bg_json *k = keys[i] ? bg_json_get(o, keys[i]) : NULL;
		char what[512];
		double d;

		v[i] = NAN;
		if (!k || bg_json_is_null(k))
			continue;
		if (bg_json_sample_of(&d, k) < 0 || !isfinite(d * scale)) {
			/* Only an error formats its subject: this is the readers' inner loop. */
			snprintf(what, sizeof(what), "'%s' of '%s'", keys[i], name);
			if (bg_json_sample_of(&d, k) < 0)
				return bg_json_bad_sample(x->err, x->path, k, what);
			return bg_json_error_at(x->err, x->path, k, "%s is not a finite number", what);
		}
		v[i] = d * scale;
	}
	return 0;
}

int bg_jsb_count(struct bg_jsb *x, size_t *out, const struct bg_json *o, const char *key,
		 const char *name)
{
	const struct bg_json *k = bg_json_get(o, key);

	*out = 0;
	if (!k || bg_json_is_null(k))
		return 0;
	if (!bg_json_is_integer(k) || bg_json_int(k) < 0)
		return bg_json_error_at(x->err, x->path, k,
					"'%s' of '%s' must be a whole number >= 0", key, name);
	*out = (size_t)bg_json_int(k);
	return 0;
}
