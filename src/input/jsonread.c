/* What the readers on src/input/json.c share: the common document shape, the environment. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "benchgate/input.h"
#include "benchgate/json.h"
#include "reader.h"

const struct bg_json *bg_json_read_list(struct bg_json_doc *doc, const struct bg_json **root,
					const char *path, const char *buf, size_t len,
					const char *what, const char *key, struct bg_error *err)
{
	struct bg_json_error je;
	const struct bg_json *list;

	if (!(*root = bg_json_parse(doc, buf, len, 0, 0, &je))) {
		bg_json_parse_error(err, path, &je);
		return NULL;
	}
	if (!bg_json_is_object(*root)) {
		bg_json_error_at(err, path, *root, "%s must be an object", what);
		return NULL;
	}
	list = bg_json_get(*root, key);
	if (!bg_json_is_array(list)) {
		bg_json_error_at(err, path, list ? list : *root, "\"%s\" must be a list", key);
		return NULL;
	}
	return list;
}

void bg_env_keep(struct bg_resultset *rs, const char *key, const struct bg_json *v)
{
	if (!v)
		return;
	if (!rs->environment)
		rs->environment = json_object();
	if (!json_object_get(rs->environment, key))
		json_object_set_new(rs->environment, key, bg_json_to_jansson(v));
}

int bg_json_equal_jansson(const struct bg_json *a, const json_t *b)
{
	size_t i;

	switch (bg_json_type(a)) {
	case BG_JSON_NULL:
		return json_is_null(b);
	case BG_JSON_TRUE:
		return json_is_true(b);
	case BG_JSON_FALSE:
		return json_is_false(b);
	case BG_JSON_NUMBER:
		if (bg_json_is_integer(a))
			return json_is_integer(b) && json_integer_value(b) == bg_json_int(a);
		return json_is_real(b) && json_real_value(b) == bg_json_num(a);
	case BG_JSON_STRING:
		return json_is_string(b) && json_string_length(b) == bg_json_strlen(a) &&
		       !memcmp(json_string_value(b), bg_json_str(a), bg_json_strlen(a));
	case BG_JSON_ARRAY:
		if (!json_is_array(b) || json_array_size(b) != bg_json_size(a))
			return 0;
		for (i = 0; i < bg_json_size(a); i++)
			if (!bg_json_equal_jansson(bg_json_at(a, i), json_array_get(b, i)))
				return 0;
		return 1;
	case BG_JSON_OBJECT:
		/* Keys are unique on both sides: same count and each key equal is equality. */
		if (!json_is_object(b) || json_object_size(b) != bg_json_members(a))
			return 0;
		for (i = 0; i < bg_json_members(a); i++) {
			const json_t *bv = json_object_getn(b, bg_json_str(bg_json_key(a, i)),
							    bg_json_strlen(bg_json_key(a, i)));

			if (!bv || !bg_json_equal_jansson(bg_json_value(a, i), bv))
				return 0;
		}
		return 1;
	}
	return 0;
}

int bg_json_lines(struct bg_json_doc *doc, const char *path, const char *buf, size_t len,
		  int (*fn)(void *ctx, const struct bg_json *rec), void *ctx,
		  struct bg_error *err)
{
	const char *line = buf, *end = buf + len;
	int lineno = 0;

	while (line < end) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		size_t n = nl ? (size_t)(nl - line) : (size_t)(end - line);
		size_t k;

		lineno++;
		for (k = 0; k < n && bg_json_space(line[k]); k++)
			;
		if (k < n) {
			struct bg_json_error je;
			const struct bg_json *rec = bg_json_parse(doc, line, n, lineno - 1, 0, &je);

			if (!rec)
				return bg_json_parse_error(err, path, &je);
			if (fn(ctx, rec) < 0)
				return -1;
		}
		line += n + 1;
	}
	return 0;
}

void bg_metric_set_summary(struct bg_metric *m, const double v[7], size_t count, int runs)
{
	m->summary.present = 1;
	m->summary.mean = v[0];
	m->summary.median = v[1];
	m->summary.p95 = v[2];
	m->summary.p99 = v[3];
	m->summary.stddev = v[4];
	m->summary.min = v[5];
	m->summary.max = v[6];
	m->summary.count = count;
	m->summary.runs = runs;
}
