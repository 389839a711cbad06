/* The release checklist: items, and its text, Markdown and JSON (benchgate.release/1) writers. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/budget.h"
#include "benchgate/release.h"
#include "internal.h"

const char *bg_item_status_name(enum bg_item_status s)
{
	switch (s) {
	case BG_ITEM_PASS:
		return "pass";
	case BG_ITEM_FAIL:
		return "fail";
	default:
		return "skipped";
	}
}

void bg_checklist_init(struct bg_checklist *l)
{
	memset(l, 0, sizeof(*l));
}

void bg_checklist_release(struct bg_checklist *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].id);
		free(l->v[i].title);
		free(l->v[i].figure);
		bg_strlist_release(&l->v[i].details);
	}
	free(l->v);
	bg_checklist_init(l);
}

struct bg_item *bg_checklist_add(struct bg_checklist *l, const char *id,
				 enum bg_item_status status, char *title, char *figure)
{
	struct bg_item *it;

	bg_grow(&l->v, &l->alloc, l->n + 1, sizeof(*l->v));
	it = &l->v[l->n++];
	memset(it, 0, sizeof(*it));
	it->id = bg_strdup(id);
	it->status = status;
	it->title = title;
	it->figure = figure;
	bg_strlist_init(&it->details);
	if (status == BG_ITEM_FAIL)
		l->failed = 1;
	return it;
}

/* "official mode, threshold 2%, 95% confidence" */
static void heading_mode(FILE *out, const struct bg_checklist *l, bg_namefn esc)
{
	char thr[32], conf[32], *m = esc(l->mode ? l->mode : "?");

	bg_format_plain_percent(thr, sizeof(thr), l->threshold);
	bg_format_plain_percent(conf, sizeof(conf), l->confidence);
	fprintf(out, "%s mode, threshold %s, %s confidence", m, thr, conf);
	free(m);
}

static void sources(FILE *out, const struct bg_checklist *l, bg_namefn esc, const char *code)
{
	char *s;

	if (l->baseline_source) {
		s = esc(l->baseline_source);
		fprintf(out, "baseline %s%s%s", code, s, code);
		free(s);
		if (l->baseline_commit)
			fprintf(out, " (commit %.12s)", l->baseline_commit);
	}
	if (l->current_source) {
		s = esc(l->current_source);
		fprintf(out, "%scurrent %s%s%s", l->baseline_source ? ", " : "", code, s, code);
		free(s);
	}
}

static void write_text(FILE *out, const struct bg_checklist *l)
{
	fprintf(out, "benchgate release checklist: %s (", l->failed ? "FAIL" : "PASS");
	heading_mode(out, l, bg_text_clean);
	fputs(")\n", out);
	sources(out, l, bg_text_clean, "");
	fputs("\n\n", out);
	for (size_t i = 0; i < l->n; i++) {
		const struct bg_item *it = &l->v[i];
		const char *tag = it->status == BG_ITEM_PASS ? "[pass]"
				  : it->status == BG_ITEM_FAIL ? "[FAIL]" : "[skip]";
		char *t = bg_text_clean(it->title), *f = bg_text_clean(it->figure);

		fprintf(out, "%s %s: %s\n", tag, t, f);
		for (size_t k = 0; k < it->details.n; k++) {
			char *d = bg_text_clean(it->details.v[k]);

			fprintf(out, "       %s\n", d);
			free(d);
		}
		free(t);
		free(f);
	}
	fprintf(out, "\n%zu item%s: ", l->n, l->n == 1 ? "" : "s");
	{
		size_t k[3] = { 0, 0, 0 };

		for (size_t i = 0; i < l->n; i++)
			k[l->v[i].status]++;
		fprintf(out, "%zu pass, %zu fail, %zu skipped -> %s\n", k[BG_ITEM_PASS],
			k[BG_ITEM_FAIL], k[BG_ITEM_SKIPPED], l->failed ? "FAIL" : "PASS");
	}
}

static void write_markdown(FILE *out, const struct bg_checklist *l)
{
	fprintf(out, "### benchgate release checklist: %s\n\n", l->failed ? "FAIL" : "PASS");
	heading_mode(out, l, bg_markdown_escape);
	fputs("; ", out);
	sources(out, l, bg_markdown_escape, "");
	fputs(".\n\n", out);
	for (size_t i = 0; i < l->n; i++) {
		const struct bg_item *it = &l->v[i];
		char *t = bg_markdown_escape(it->title), *f = bg_markdown_escape(it->figure);

		if (it->status == BG_ITEM_PASS)
			fprintf(out, "- [x] %s: %s\n", t, f);
		else if (it->status == BG_ITEM_FAIL)
			fprintf(out, "- [ ] **%s**: %s\n", t, f);
		else
			fprintf(out, "- [ ] %s: %s (skipped)\n", t, f);
		for (size_t k = 0; k < it->details.n; k++) {
			char *d = bg_markdown_escape(it->details.v[k]);

			fprintf(out, "  - %s\n", d);
			free(d);
		}
		free(t);
		free(f);
	}
}

static void write_json(FILE *out, const struct bg_checklist *l)
{
	json_t *root = json_object(), *items = json_array(), *base = json_object();

	json_object_set_new(root, "schema", json_string("benchgate.release/1"));
	json_object_set_new(root, "mode", bg_json_string(l->mode));
	json_object_set_new(root, "threshold", bg_json_number(l->threshold));
	json_object_set_new(root, "confidence", bg_json_number(l->confidence));
	json_object_set_new(root, "verdict", json_string(l->failed ? "fail" : "pass"));
	json_object_set_new(base, "source", bg_json_string(l->baseline_source));
	json_object_set_new(base, "tag", bg_json_string(l->baseline_tag));
	json_object_set_new(base, "commit", bg_json_string(l->baseline_commit));
	json_object_set_new(base, "store", bg_json_string(l->baseline_store));
	json_object_set_new(root, "baseline", base);
	json_object_set_new(root, "current",
			    json_pack("{s:o}", "source", bg_json_string(l->current_source)));
	for (size_t i = 0; i < l->n; i++) {
		const struct bg_item *it = &l->v[i];
		json_t *o = json_object(), *d = json_array();

		for (size_t k = 0; k < it->details.n; k++)
			json_array_append_new(d, bg_json_string(it->details.v[k]));
		json_object_set_new(o, "id", bg_json_string(it->id));
		json_object_set_new(o, "title", bg_json_string(it->title));
		json_object_set_new(o, "status", json_string(bg_item_status_name(it->status)));
		json_object_set_new(o, "figure", bg_json_string(it->figure));
		json_object_set_new(o, "details", d);
		json_array_append_new(items, o);
	}
	json_object_set_new(root, "items", items);
	json_dumpf(root, out, JSON_INDENT(2) | JSON_SORT_KEYS | JSON_REAL_PRECISION(17));
	fputc('\n', out);
	json_decref(root);
}

int bg_report_release(FILE *out, enum bg_format fmt, const struct bg_checklist *l,
		      struct bg_error *err)
{
	switch (fmt) {
	case BG_FMT_TEXT:
		write_text(out, l);
		break;
	case BG_FMT_MARKDOWN:
		write_markdown(out, l);
		break;
	case BG_FMT_JSON:
		write_json(out, l);
		break;
	default:
		return bg_error(err, BG_EXIT_USAGE,
				"the release checklist is written as text, json or markdown");
	}
	return bg_report_finish(out, err);
}
