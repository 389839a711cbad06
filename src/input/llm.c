/* Per-run JSON of LLM serving benchmarks: one object per file, or JSON Lines. */
#include <stdio.h>
#include <string.h>

#include "benchgate/input.h"
#include "reader.h"

int bg_sniff_llm(const char *buf, size_t len);
int bg_read_llm(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		int first_run, struct bg_error *err);

int bg_sniff_llm(const char *buf, size_t len)
{
	size_t n = len < 65536 ? len : 65536;

	return memmem(buf, n, "\"model_id\"", 10) != NULL;
}

/* Unit and direction of a field: the known ones, else from its name. */
static void field_unit(const char *key, const char **unit, enum bg_direction *dir)
{
	static const struct {
		const char *suffix, *unit;
	} suffixes[] = { { "_ms", "ms" }, { "_us", "us" }, { "_ns", "ns" }, { "_s", "s" } };
	size_t kl = strlen(key);

	*dir = bg_direction_infer(key, "");
	*unit = "";
	if (!strcmp(key, "tps") || strstr(key, "per_sec") || strstr(key, "per_second")) {
		*unit = "tok/s";
		*dir = BG_DIR_HIGHER;
		return;
	}
	if (!strcmp(key, "tokens")) {
		*unit = "tokens";
		*dir = BG_DIR_NONE;
		return;
	}
	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		size_t sl = strlen(suffixes[i].suffix);

		if (kl > sl && !strcmp(key + kl - sl, suffixes[i].suffix))
			*unit = suffixes[i].unit;
	}
}

/* One record: a sample of each numeric field for the benchmark named by model_id. */
static int read_record(struct jctx *x, struct bg_resultset *rs, json_t *obj, int run)
{
	struct jpath p = { 0 };
	json_t *id = json_object_get(obj, "model_id"), *v;
	const char *key, *name;
	struct bg_bench *b = NULL;

	if (!json_is_object(obj))
		return jctx_error(x, &p, 0, "a record must be a JSON object with \"model_id\"");
	jpath_key(&p, 0, "model_id");
	if (!json_is_string(id) || !*json_string_value(id))
		return jctx_error(x, &p, id ? 1 : 0, "record has no \"model_id\" string");
	name = json_string_value(id);
	json_object_foreach(obj, key, v) {
		const char *unit;
		enum bg_direction dir;
		struct bg_metric *m;
		double d;
		char what[512];

		if (!strcmp(key, "model_id") || !strcmp(key, "instance_id"))
			continue;
		field_unit(key, &unit, &dir);
		/* Non-numeric fields are descriptions, except where a metric is expected. */
		if (!json_is_number(v) && !(dir != BG_DIR_NONE || !strcmp(key, "tokens")))
			continue;
		jpath_key(&p, 0, key);
		if (bg_json_sample(&d, v) < 0) {
			snprintf(what, sizeof(what), "'%s' of '%s'", key, name);
			return jctx_bad_sample(x, v, &p, 1, what);
		}
		/* Created with its first metric: a benchmark without any cannot be saved. */
		if (!b)
			b = bg_resultset_bench(rs, name);
		if (!(m = bg_bench_metric(b, key, unit, dir)))
			return jctx_error(x, &p, 1, "'%s' of '%s' is in '%s' here but '%s' in an earlier input",
					  key, name, unit, bg_bench_find(b, key)->unit);
		bg_metric_add(m, d, run);
	}
	return 0;
}

int bg_read_llm(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		int first_run, struct bg_error *err)
{
	struct jctx x = { path, buf, len, 0, err };
	json_error_t je;
	json_t *doc = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je);
	const char *line = buf, *end = buf + len;
	int lineno = 0, ret;

	if (doc) {
		ret = read_record(&x, rs, doc, first_run);
		json_decref(doc);
		return ret < 0 ? -1 : 1;
	}
	/*
	 * JSON Lines when a first document parses and more text follows; any other
	 * error is one document's, at its place (an object over several lines).
	 */
	if (json_error_code(&je) != json_error_end_of_input_expected)
		return bg_error_at(err, BG_EXIT_INPUT, path, je.line, je.column > 0 ? je.column : 1,
				   "%s", je.text);
	/* One record per non-blank line. */
	while (line < end) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		size_t n = nl ? (size_t)(nl - line) : (size_t)(end - line);
		size_t k;

		lineno++;
		for (k = 0; k < n && bg_json_space(line[k]); k++)
			;
		if (k < n) {
			struct jctx lx = { path, line, n, lineno - 1, err };
			json_t *rec = jctx_parse(&lx, 0);

			if (!rec)
				return -1;
			ret = read_record(&lx, rs, rec, first_run);
			json_decref(rec);
			if (ret < 0)
				return -1;
		}
		line += n + 1;
	}
	return 1;
}
