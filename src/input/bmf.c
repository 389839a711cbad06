/*
 * Bencher Metric Format (BMF) JSON: {BENCHMARK: {MEASURE: {value, lower_value,
 * upper_value}}}, read as summaries: value as the mean, lower_value and upper_value as
 * the minimum and maximum (what benchgate writes, src/report/bmf.c). No sample count.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsbench.h"
#include "reader.h"

int bg_sniff_bmf(const char *buf, size_t len);
int bg_read_bmf(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		int first_run, struct bg_error *err);

/* p at a JSON string: past its closing quote, or NULL. */
static const char *skip_string(const char *p, const char *end)
{
	if (p >= end || *p != '"')
		return NULL;
	for (p++; p < end; p++) {
		if (*p == '\\')
			p++;
		else if (*p == '"')
			return p + 1;
	}
	return NULL;
}

static const char *skip_space(const char *p, const char *end)
{
	while (p < end && bg_json_space(*p))
		p++;
	return p;
}

/* {"NAME": {"MEASURE": {"value" | "lower_value" | "upper_value" ...: the shape's start. */
int bg_sniff_bmf(const char *buf, size_t len)
{
	size_t n = bg_sniff_object(buf, len), rest;
	const char *p = bg_sniff_start(buf, n, &rest), *end = p + rest;

	if (!n)
		return 0;
	for (int level = 0; level < 2; level++) {
		p = skip_space(p + 1, end);                 /* past '{' */
		if (!(p = skip_string(p, end)))
			return 0;
		p = skip_space(p, end);
		if (p >= end || *p != ':')
			return 0;
		p = skip_space(p + 1, end);
		if (p >= end || *p != '{')
			return 0;
	}
	p = skip_space(p + 1, end);
	n = (size_t)(end - p);
	return (n >= 7 && !memcmp(p, "\"value\"", 7)) ||
	       (n >= 13 && (!memcmp(p, "\"lower_value\"", 13) || !memcmp(p, "\"upper_value\"", 13)));
}

/* Bencher's built-in measures: their units and directions. Others: from the name. */
static const struct {
	const char *measure, *unit;
	enum bg_direction dir;
} builtin[] = {
	{ "latency", "ns", BG_DIR_LOWER },
	{ "throughput", "ops/s", BG_DIR_HIGHER },
	{ "file-size", "B", BG_DIR_LOWER },
	{ "build-time", "s", BG_DIR_LOWER },
};

static const char *const keys[7] = { "value", NULL, NULL, NULL, NULL, "lower_value", "upper_value" };

static int read_measure(struct bg_jsb *x, const struct bg_json *name, const char *measure,
			const struct bg_json *o)
{
	const char *bench = bg_json_str(name);
	enum bg_direction dir = BG_DIR_NONE;
	char *unit = NULL;
	struct bg_metric *m;
	double v[7];
	int ret = -1;

	if (!bg_json_is_object(o))
		return bg_json_error_at(x->err, x->path, o, "'%s' of '%s' must be an object", measure,
					bench);
	if (!bg_json_get(o, "value"))
		return bg_json_error_at(x->err, x->path, o, "'%s' of '%s' has no \"value\"", measure,
					bench);
	if (bg_jsb_summary(x, v, o, keys, 1, bench) < 0)
		return -1;
	if ((!isnan(v[5]) && v[5] > v[0]) || (!isnan(v[6]) && v[6] < v[0]))
		return bg_json_error_at(x->err, x->path, o,
					"the lower_value and upper_value of '%s' of '%s' do not hold its value",
					measure, bench);
	for (size_t i = 0; i < sizeof(builtin) / sizeof(builtin[0]); i++)
		if (!strcmp(measure, builtin[i].measure)) {
			unit = bg_strdup(builtin[i].unit);
			dir = builtin[i].dir;
		}
	if (!unit) {
		unit = bg_name_unit(measure, &dir);
	}
	if (!(m = bg_jsb_metric(x, bg_json_line(o), bg_json_col(o), bench, bg_json_strlen(name),
				measure, unit, dir, 1)))
		goto out;
	bg_metric_set_summary(m, v, 0, 1);
	ret = 0;
out:
	free(unit);
	return ret;
}

int bg_read_bmf(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		int first_run, struct bg_error *err)
{
	struct bg_json_doc *doc = bg_json_doc_new();
	const struct bg_json *root;
	struct bg_jsb x;
	int ret = -1;

	if (!(root = bg_jsb_parse(&x, doc, rs, path, buf, len, first_run, err)))
		goto out;
	if (!bg_json_is_object(root)) {
		bg_json_error_at(err, path, root, "BMF must be an object of benchmarks");
		goto out;
	}
	for (size_t i = 0; i < bg_json_members(root); i++) {
		const struct bg_json *name = bg_json_key(root, i), *measures = bg_json_value(root, i);

		if (!bg_json_strlen(name)) {
			bg_json_error_at(err, path, name, "a benchmark's name is empty");
			goto out;
		}
		if (!bg_json_is_object(measures)) {
			bg_json_error_at(err, path, measures, "'%s' must be an object of measures",
					 bg_json_str(name));
			goto out;
		}
		for (size_t k = 0; k < bg_json_members(measures); k++) {
			const struct bg_json *mk = bg_json_key(measures, k);

			if (!bg_json_strlen(mk)) {
				bg_json_error_at(err, path, mk, "a measure of '%s' has an empty name",
						 bg_json_str(name));
				goto out;
			}
			if (read_measure(&x, name, bg_json_str(mk), bg_json_value(measures, k)) < 0)
				goto out;
		}
	}
	bg_jsb_summary_note(&x, "BMF holds none");
	ret = 1;
out:
	bg_jsb_release(&x);
	bg_json_doc_free(doc);
	return ret;
}
