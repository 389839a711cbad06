/* benchgate release: the official gate against the previous release, as a checklist. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/budget.h"
#include "benchgate/cmd.h"
#include "benchgate/input.h"
#include "benchgate/policy.h"
#include "benchgate/release.h"
#include "benchgate/report.h"
#include "benchgate/store.h"
#include "benchgate/tags.h"

/* Offending benchmarks listed under an item; the rest are counted. */
#define MAX_DETAILS 10

static const struct bg_option release_options[] = {
	{ 'b', "baseline", 1, "SPEC", "the baseline (default last-tag: the newest tag before HEAD, saved in baselines/TAG.json)" },
	{ 'm', "mode", 1, "MODE", "official (default) or smoke" },
	{ 't', "threshold", 1, "PCT", "threshold in percent (overrides the mode's)" },
	{ 0, "confidence", 1, "LEVEL", "confidence of intervals and tests (default 95%)" },
	{ 0, "min-samples", 1, "N", "samples required per side (default: the mode's, 100)" },
	{ 0, "min-runs", 1, "N", "runs required per side (default: the mode's, 5)" },
	{ 'f', "format", 1, "FMT", "text (default), json or markdown" },
	{ 'o', "output", 1, "FILE", "write the checklist to FILE instead of standard output" },
	BG_OPT_INPUT_FORMAT, BG_OPT_CONFIG, BG_OPT_HELP,
	{ 0 }
};

/* Add a detail line, or count it once MAX_DETAILS are shown. */
static void detail(struct bg_item *it, size_t *shown, size_t *more, char *line)
{
	if (*shown < MAX_DETAILS) {
		bg_strlist_add(&it->details, line);
		(*shown)++;
	} else {
		(*more)++;
	}
	free(line);
}

static void detail_more(struct bg_item *it, size_t more)
{
	if (more)
		bg_strlist_addf(&it->details, "... and %zu more", more);
}

/* Samples per benchmark on both sides against the mode's minimum. */
static void item_samples(struct bg_checklist *l, const struct bg_comparison *c,
			 const struct bg_mode *m)
{
	size_t fb = (size_t)-1, fc = (size_t)-1, bad = 0, shown = 0, more = 0;
	struct bg_item *it;

	for (size_t i = 0; i < c->n; i++) {
		const struct bg_result *r = &c->results[i];

		if (r->has_base && r->base.n < fb)
			fb = r->base.n;
		if (r->has_cur && r->cur.n < fc)
			fc = r->cur.n;
		bad += (r->has_base && r->base.n < m->min_samples) ||
		       (r->has_cur && r->cur.n < m->min_samples);
	}
	it = bg_checklist_add(l, "samples", bad ? BG_ITEM_FAIL : BG_ITEM_PASS,
			      bg_asprintf("samples per benchmark >= %zu on both sides", m->min_samples),
			      bg_asprintf("fewest %zu (baseline), %zu (current)",
					  fb == (size_t)-1 ? 0 : fb, fc == (size_t)-1 ? 0 : fc));
	for (size_t i = 0; i < c->n; i++) {
		const struct bg_result *r = &c->results[i];

		if ((r->has_base && r->base.n < m->min_samples) ||
		    (r->has_cur && r->cur.n < m->min_samples))
			detail(it, &shown, &more,
			       bg_asprintf("%s %s: %zu baseline, %zu current", r->bench, r->metric,
					   r->has_base ? r->base.n : 0, r->has_cur ? r->cur.n : 0));
	}
	detail_more(it, more);
}

/* Runs on both sides against the mode's minimum. */
static void item_runs(struct bg_checklist *l, const struct bg_comparison *c,
		      const struct bg_mode *m, const struct bg_resultset *base,
		      const struct bg_resultset *cur)
{
	int fb = base->nruns, fc = cur->nruns;
	size_t shown = 0, more = 0;
	struct bg_item *it;
	int bad = 0;

	for (size_t i = 0; i < c->n; i++) {
		const struct bg_result *r = &c->results[i];

		if (r->has_base && r->base.runs < fb)
			fb = r->base.runs;
		if (r->has_cur && r->cur.runs < fc)
			fc = r->cur.runs;
	}
	bad = fb < m->min_runs || fc < m->min_runs;
	it = bg_checklist_add(l, "runs", bad ? BG_ITEM_FAIL : BG_ITEM_PASS,
			      bg_asprintf("runs >= %d on both sides", m->min_runs),
			      bg_asprintf("fewest %d (baseline), %d (current)", fb, fc));
	for (size_t i = 0; i < c->n && bad; i++) {
		const struct bg_result *r = &c->results[i];

		if ((r->has_base && r->base.runs < m->min_runs) ||
		    (r->has_cur && r->cur.runs < m->min_runs))
			detail(it, &shown, &more,
			       bg_asprintf("%s %s: %d baseline, %d current", r->bench, r->metric,
					   r->has_base ? r->base.runs : 0, r->has_cur ? r->cur.runs : 0));
	}
	detail_more(it, more);
}

/* A string member of obj, or NULL. Borrowed. */
static const char *member(json_t *obj, const char *key)
{
	json_t *v = json_is_object(obj) ? json_object_get(obj, key) : NULL;

	return json_is_string(v) && *json_string_value(v) ? json_string_value(v) : NULL;
}

/*
 * The fields of an environment that must match: what the input says of where it ran
 * ("environment"), else what benchgate recorded ("recorded"). A small local
 * comparison; a fingerprint comparison in src/store can replace it.
 */
static const char *const env_keys[] = { "host", "cpu", "os", "compiler", NULL };
/* The fields that must be recorded on both sides; the others are compared when present. */
#define ENV_REQUIRED 3

static const char *env_get(json_t *declared, json_t *recorded, const char *key)
{
	const char *v = member(declared, key);

	return v ? v : member(recorded, key);
}

static void item_environment(struct bg_checklist *l, json_t *base_env, json_t *base_rec,
			     json_t *cur_env, json_t *cur_rec)
{
	struct bg_strlist missing, differ;
	struct bg_item *it;
	char *figure;
	size_t len = 0;

	bg_strlist_init(&missing);
	bg_strlist_init(&differ);
	figure = bg_strdup("");
	for (int i = 0; env_keys[i]; i++) {
		const char *b = env_get(base_env, base_rec, env_keys[i]);
		const char *c = env_get(cur_env, cur_rec, env_keys[i]);

		if (i < ENV_REQUIRED && (!b || !c))
			bg_strlist_addf(&missing, "%s not recorded on %s", env_keys[i],
					!b && !c ? "either side" : !b ? "the baseline side" : "the current side");
		else if (b && c && strcmp(b, c))
			bg_strlist_addf(&differ, "%s: '%s' in the baseline, '%s' now", env_keys[i], b, c);
		else if (b && c) {
			char *f = bg_asprintf("%s%s%s %s", figure, len ? ", " : "", env_keys[i], c);

			free(figure);
			figure = f;
			len++;
		}
	}
	if (missing.n || differ.n) {
		free(figure);
		figure = bg_asprintf("%zu field%s missing, %zu different", missing.n,
				     missing.n == 1 ? "" : "s", differ.n);
	} else if (!len) {
		free(figure);
		figure = bg_strdup("nothing to compare");
	}
	it = bg_checklist_add(l, "environment", missing.n || differ.n ? BG_ITEM_FAIL : BG_ITEM_PASS,
			      bg_strdup("environment recorded on both sides and matching"), figure);
	bg_strlist_extend(&it->details, &missing);
	bg_strlist_extend(&it->details, &differ);
	bg_strlist_release(&missing);
	bg_strlist_release(&differ);
}

/* No gated metric worse than the threshold: nothing the mode fails on. */
static void item_gate(struct bg_checklist *l, const struct bg_comparison *c,
		      const struct bg_mode *m)
{
	size_t shown = 0, more = 0, bad = 0, worst = (size_t)-1;
	double worst_b = -INFINITY;
	char thr[32], conf[32], *counts = bg_report_counts(c), *figure;
	struct bg_item *it;

	for (size_t i = 0; i < c->n; i++) {
		const struct bg_result *r = &c->results[i];
		double sign = r->direction == BG_DIR_HIGHER ? -1 : 1;

		if (m->fail_on[r->verdict])
			bad++;
		else if (isfinite(r->change.estimate) && sign * r->change.estimate > worst_b) {
			worst_b = sign * r->change.estimate;
			worst = i;
		}
	}
	bg_format_plain_percent(thr, sizeof(thr), m->threshold);
	bg_format_plain_percent(conf, sizeof(conf), c->confidence);
	if (!bad && worst != (size_t)-1) {
		const struct bg_result *r = &c->results[worst];
		char *ch = bg_report_change(&r->change);

		figure = bg_asprintf("%s; least good: %s %s %s", counts, r->bench, r->metric, ch);
		free(ch);
	} else {
		figure = bg_strdup(counts);
	}
	it = bg_checklist_add(l, "gate", bad ? BG_ITEM_FAIL : BG_ITEM_PASS,
			      bg_asprintf("no gated metric worse than %s (%s interval)", thr, conf),
			      figure);
	for (size_t i = 0; i < c->n; i++) {
		const struct bg_result *r = &c->results[i];
		char *ch;

		if (!m->fail_on[r->verdict])
			continue;
		ch = bg_report_change(&r->change);
		detail(it, &shown, &more,
		       bg_asprintf("%s %s: %s %s%s%s", r->bench, r->metric, bg_verdict_name(r->verdict),
				   ch, r->note ? "; " : "", r->note ? r->note : ""));
		free(ch);
	}
	detail_more(it, more);
	free(counts);
}

static void item_budgets(struct bg_checklist *l, const struct bg_budget_report *br, int strict)
{
	size_t shown = 0, more = 0;
	struct bg_item *it;
	int bad;

	if (!br) {
		bg_checklist_add(l, "budgets", BG_ITEM_SKIPPED,
				 bg_strdup("every budget and target met"),
				 bg_strdup("none configured"));
		return;
	}
	bad = bg_budget_failed(br, strict);
	it = bg_checklist_add(l, "budgets", bad ? BG_ITEM_FAIL : BG_ITEM_PASS,
			      bg_strdup("every budget and target met"),
			      bg_asprintf("%zu met, %zu missed, %zu inconclusive",
					  br->counts[BG_BUDGET_MET], br->counts[BG_BUDGET_MISSED],
					  br->counts[BG_BUDGET_INCONCLUSIVE]));
	for (size_t i = 0; i < br->n; i++) {
		const struct bg_budget_check *b = &br->v[i];
		char *limit, *fig;

		if (b->status == BG_BUDGET_MET)
			continue;
		limit = bg_budget_limit_text(b);
		fig = bg_budget_figure_text(b);
		if (b->is_target)
			detail(it, &shown, &more,
			       bg_asprintf("%s vs %s %s: %s %s, limit %s", b->bench, b->versus,
					   b->metric, bg_budget_status_name(b->status), fig, limit));
		else
			detail(it, &shown, &more,
			       bg_asprintf("%s %s: %s %s, limit %s", b->bench, b->metric,
					   bg_budget_status_name(b->status), fig, limit));
		free(limit);
		free(fig);
	}
	detail_more(it, more);
}

/* The "recorded" object of the baseline file behind spec, or NULL. New reference. */
static json_t *baseline_recorded(const char *spec, const struct bg_config *cfg)
{
	char *dir = bg_store_dir(cfg->baselines_dir), *path = NULL;
	json_t *doc = NULL, *rec = NULL;

	if (bg_baseline_resolve(&path, spec, dir, NULL) == 0 &&
	    (doc = json_load_file(path, 0, NULL)) && json_is_object(json_object_get(doc, "recorded")))
		rec = json_incref(json_object_get(doc, "recorded"));
	json_decref(doc);
	free(path);
	free(dir);
	return rec;
}

/*
 * The baseline item: the baseline must be the previous release. With last-tag it is
 * by construction, unless its recorded commit is another; with an explicit SPEC its
 * commit must be the last tag's.
 */
static void item_baseline(struct bg_checklist *l, const char *spec, int by_tag, const char *tag,
			  const char *tag_commit, const char *tag_err, const char *base_commit)
{
	const char *title = "the baseline is the previous release";

	if (!tag) {
		bg_checklist_add(l, "baseline", BG_ITEM_FAIL, bg_strdup(title),
				 tag_err ? bg_strdup(tag_err)
					 : bg_asprintf("no tag before HEAD; '%s' cannot be checked", spec));
		return;
	}
	if (base_commit && strcmp(base_commit, tag_commit)) {
		bg_checklist_add(l, "baseline", BG_ITEM_FAIL, bg_strdup(title),
				 bg_asprintf("'%s' was measured at commit %.12s, but the last tag %s is commit %.12s",
					     spec, base_commit, tag, tag_commit));
		return;
	}
	if (!base_commit && !by_tag) {
		bg_checklist_add(l, "baseline", BG_ITEM_FAIL, bg_strdup(title),
				 bg_asprintf("'%s' records no commit; the last tag is %s (commit %.12s)",
					     spec, tag, tag_commit));
		return;
	}
	bg_checklist_add(l, "baseline", BG_ITEM_PASS, bg_strdup(title),
			 bg_asprintf("tag %s, commit %.12s", tag, tag_commit));
}

int bg_release_checklist(const struct bg_cmd *self, struct bg_args *a, const char *spec)
{
	struct bg_error err = { 0 }, terr = { 0 };
	struct bg_config cfg;
	struct bg_resultset base, cur;
	struct bg_comparison cmp;
	struct bg_budget_report budgets;
	struct bg_checklist list;
	struct bg_output out = { 0 };
	enum bg_format fmt = BG_FMT_TEXT;
	const char *fstr = bg_args_get(a, "format"), *tstr = bg_args_get(a, "threshold");
	const char *mode_name = bg_args_get(a, "mode"), *force = bg_args_get(a, "input-format");
	const char *base_commit = NULL;
	char *tag = NULL, *tag_commit = NULL, *bspec = NULL;
	json_t *machine = NULL, *recorded = NULL;
	struct bg_mode mode, *m;
	int code = BG_EXIT_OK, by_tag = !spec || !strcmp(spec, "last-tag"), trc;

	(void)self;
	bg_config_init(&cfg);
	bg_resultset_init(&base);
	bg_resultset_init(&cur);
	bg_comparison_init(&cmp);
	bg_budget_report_init(&budgets);
	bg_checklist_init(&list);

	if (fstr && (bg_format_parse(&fmt, fstr) < 0 ||
		     (fmt != BG_FMT_TEXT && fmt != BG_FMT_JSON && fmt != BG_FMT_MARKDOWN))) {
		bg_error(&err, BG_EXIT_USAGE,
			 "unknown format '%s' for the checklist (expected text, json or markdown)", fstr);
		goto fail;
	}
	if (force && !bg_reader_find(force)) {
		bg_error(&err, BG_EXIT_USAGE, "unknown input format '%s'; see 'benchgate formats'",
			 force);
		goto fail;
	}
	if (bg_cmd_config(&cfg, a, &err) < 0 || bg_cmd_overrides(&cfg, a, &err) < 0)
		goto fail;
	if (!(m = bg_config_mode(&cfg, mode_name ? mode_name : "official"))) {
		bg_error(&err, BG_EXIT_USAGE, "unknown mode '%s' (expected smoke or official)",
			 mode_name);
		goto fail;
	}
	mode = *m;
	if (tstr && bg_threshold_parse(&mode.threshold, tstr) < 0) {
		bg_error(&err, BG_EXIT_USAGE,
			 "'%s' is not a valid threshold (a percentage above 0, e.g. 5 or 5%%)", tstr);
		goto fail;
	}

	/* The previous release: the newest tag before HEAD. */
	trc = bg_tag_last(&tag, &tag_commit, ".", &terr);
	if (by_tag) {
		if (trc < 0) {
			bg_error(&err, terr.code, "%s; give --baseline SPEC", terr.msg);
			goto fail;
		}
		if (trc > 0) {
			bg_error(&err, BG_EXIT_STORE,
				 "no tag before HEAD to take as the previous release; give --baseline SPEC");
			goto fail;
		}
		bspec = bg_strdup(tag);
	} else {
		bspec = bg_strdup(spec);
	}
	if (bg_cmd_load_baseline(&base, bspec, &cfg, NULL, &err) < 0) {
		if (by_tag)
			bg_error(&err, BG_EXIT_STORE,
				 "no baseline saved for the last tag '%s' (save one with 'benchgate baseline save -n %s')",
				 tag, tag);
		goto fail;
	}
	if (bg_input_read_all(&cur, a->pos, (size_t)a->npos, force, &err) < 0)
		goto fail;
	bg_config_apply(&cfg, &base);
	bg_config_apply(&cfg, &cur);
	bg_warn_all(&base.warnings);
	bg_warn_all(&cur.warnings);
	if (bg_compare(&cmp, &base, &cur, &cfg, &mode, &err) < 0)
		goto fail;
	bg_warn_all(&cmp.warnings);
	if (cfg.budgets) {
		bg_budget_evaluate(&budgets, cfg.budgets, &cur, cfg.confidence);
		bg_warn_all(&budgets.warnings);
	}
	if (base.provenance)
		base_commit = json_string_value(json_object_get(base.provenance, "commit"));

	list.mode = mode.name;
	list.threshold = mode.threshold;
	list.confidence = cfg.confidence;
	list.baseline_source = bspec;
	list.baseline_tag = by_tag ? tag : NULL;
	list.baseline_commit = base_commit ? base_commit : by_tag ? tag_commit : NULL;
	list.current_source = cur.source;

	item_baseline(&list, bspec, by_tag, trc == 0 ? tag : NULL, tag_commit,
		      trc < 0 ? terr.msg : NULL, base_commit);
	item_samples(&list, &cmp, &mode);
	item_runs(&list, &cmp, &mode, &base, &cur);
	recorded = baseline_recorded(bspec, &cfg);
	machine = bg_machine_collect();
	item_environment(&list, base.environment, recorded, cur.environment, machine);
	bg_checklist_add(&list, "clean", BG_ITEM_SKIPPED,
			 bg_strdup("every run clean (no swapping, no zombie processes)"),
			 bg_strdup("not reported by the inputs"));
	item_gate(&list, &cmp, &mode);
	item_budgets(&list, cfg.budgets ? &budgets : NULL, mode.fail_on[BG_INCONCLUSIVE]);

	bg_output_open(&out, bg_args_get(a, "output"));
	if (bg_report_release(out.f, fmt, &list, &err) < 0) {
		/* Drop what was built: never write it anywhere (not even /dev/null,
		 * which an atomic rename would replace with a file when run as root). */
		fclose(out.f);
		free(out.buf);
		goto fail;
	}
	if (bg_output_close(&out, &err) < 0)
		goto fail;
	code = list.failed ? BG_EXIT_FAIL : BG_EXIT_OK;
	goto out;
fail:
	code = bg_fail(&err);
out:
	json_decref(machine);
	json_decref(recorded);
	free(tag);
	free(tag_commit);
	free(bspec);
	bg_checklist_release(&list);
	bg_budget_report_release(&budgets);
	bg_comparison_release(&cmp);
	bg_resultset_release(&base);
	bg_resultset_release(&cur);
	bg_config_release(&cfg);
	return code;
}

static int release_exec(const struct bg_cmd *self, struct bg_args *a)
{
	return bg_release_checklist(self, a, bg_args_get(a, "baseline"));
}

const struct bg_cmd bg_cmd_release = {
	.name = "release",
	.usage = "[-b SPEC] [-m MODE] [-f FMT] [-o FILE] CURRENT...",
	.summary = "official gate against the last release, as a checklist",
	.options = release_options,
	.min_pos = 1,
	.max_pos = -1,
	.exec = release_exec,
};
