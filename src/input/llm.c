/* Per-run JSON of LLM serving benchmarks: one object per file, or JSON Lines. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/infer.h"
#include "benchgate/input.h"
#include "benchgate/json.h"
#include "reader.h"

int bg_sniff_llm(const char *buf, size_t len);
int bg_read_llm(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		int first_run, struct bg_error *err);

int bg_sniff_llm(const char *buf, size_t len)
{
	size_t n = bg_sniff_object(buf, len);

	/* JSON (an object, or JSON Lines of them): a CSV log may have a "model_id" column. */
	return n && memmem(buf, n, "\"model_id\"", 10) != NULL;
}

/*
 * Unit (into unit, of size usize) and direction of a field: tps is tok/s, tokens a
 * count; any other from its name (bg_infer_metric: tokens_per_s is tok/s, higher).
 */
static void field_unit(const char *key, char *unit, size_t usize, enum bg_direction *dir)
{
	char *u;

	if (!strcmp(key, "tps")) {
		snprintf(unit, usize, "tok/s");
		*dir = BG_DIR_HIGHER;
		return;
	}
	if (!strcmp(key, "tokens")) {
		snprintf(unit, usize, "tokens");
		*dir = BG_DIR_NONE;
		return;
	}
	u = bg_infer_metric(key, NULL, dir);
	snprintf(unit, usize, "%s", u);
	free(u);
}

/* field_unit's answers for the keys met so far: records repeat the same few keys. */
struct unit_cache {
	struct {
		char key[48];
		size_t len;
		char unit[40];
		enum bg_direction dir;
	} e[32];
	int n;
};

static void cached_unit(struct unit_cache *c, const struct bg_json *k, char *unit, size_t usize,
			enum bg_direction *dir)
{
	size_t len = bg_json_strlen(k);
	const char *key = bg_json_str(k);

	for (int i = 0; i < c->n; i++)
		if (c->e[i].len == len && !memcmp(c->e[i].key, key, len)) {
			snprintf(unit, usize, "%s", c->e[i].unit);
			*dir = c->e[i].dir;
			return;
		}
	field_unit(key, unit, usize, dir);
	if (c->n < 32 && len < sizeof(c->e[0].key)) {
		memcpy(c->e[c->n].key, key, len + 1);
		c->e[c->n].len = len;
		snprintf(c->e[c->n].unit, sizeof(c->e[c->n].unit), "%s", unit);
		c->e[c->n].dir = *dir;
		c->n++;
	}
}

/* One record: a sample of each numeric field for the benchmark named by model_id. */
static int read_record(const char *path, struct bg_error *err, struct unit_cache *uc,
		       struct bg_resultset *rs, const struct bg_json *obj, int run)
{
	const struct bg_json *id = bg_json_get(obj, "model_id");
	const char *name;
	struct bg_bench *b = NULL;

	if (!bg_json_is_object(obj))
		return bg_json_error_at(err, path, obj, "a record must be a JSON object with \"model_id\"");
	if (!bg_json_is_string(id) || !*bg_json_str(id))
		return bg_json_error_at(err, path, id ? id : obj, "record has no \"model_id\" string");
	name = bg_json_str(id);
	for (size_t i = 0; i < bg_json_members(obj); i++) {
		const struct bg_json *k = bg_json_key(obj, i), *v = bg_json_value(obj, i);
		const char *key = bg_json_str(k);
		char unit[40];
		enum bg_direction dir;
		struct bg_metric *m;
		double d;
		char what[512];

		if (!strcmp(key, "model_id") || !strcmp(key, "instance_id"))
			continue;
		cached_unit(uc, k, unit, sizeof(unit), &dir);
		/* Non-numeric fields are descriptions, except where a metric is expected. */
		if (!bg_json_is_number(v) && !(dir != BG_DIR_NONE || !strcmp(key, "tokens")))
			continue;
		if (bg_json_sample_of(&d, v) < 0) {
			snprintf(what, sizeof(what), "'%s' of '%s'", key, name);
			return bg_json_bad_sample(err, path, v, what);
		}
		/* Created with its first metric: a benchmark without any cannot be saved. */
		if (!b)
			b = bg_resultset_bench(rs, name);
		if (!(m = bg_bench_metric(b, key, unit, dir)))
			return bg_json_error_at(err, path, v, "'%s' of '%s' is in '%s' here but '%s' in an earlier input",
						key, name, unit, bg_bench_find(b, key)->unit);
		bg_metric_add(m, d, run);
	}
	return 0;
}

/* What read_record needs, for bg_json_lines. */
struct llm {
	const char *path;
	struct bg_error *err;
	struct unit_cache uc;
	struct bg_resultset *rs;
	int run;
};

static int line_record(void *ctx, const struct bg_json *rec)
{
	struct llm *l = ctx;

	return read_record(l->path, l->err, &l->uc, l->rs, rec, l->run);
}

int bg_read_llm(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		int first_run, struct bg_error *err)
{
	struct bg_json_doc *doc = bg_json_doc_new();
	struct bg_json_error je;
	const struct bg_json *rec = bg_json_parse(doc, buf, len, 0, 0, &je);
	struct llm l;
	int ret = -1;

	l.path = path;
	l.err = err;
	l.uc.n = 0;
	l.rs = rs;
	l.run = first_run;
	rs->name_key = "model";
	if (rec) {
		if (read_record(path, err, &l.uc, rs, rec, first_run) == 0)
			ret = 1;
		goto out;
	}
	/*
	 * JSON Lines when a first document parses and more text follows; any other
	 * error is one document's, at its place (an object over several lines).
	 */
	if (je.code != BG_JSON_ETRAILING) {
		bg_json_parse_error(err, path, &je);
		goto out;
	}
	if (bg_json_lines(doc, path, buf, len, line_record, &l, err) == 0)
		ret = 1;
out:
	bg_json_doc_free(doc);
	return ret;
}
