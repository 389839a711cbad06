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
	{ 'b', "baseline", 1, "SPEC", "the baseline (default last-tag: the newest tag before HEAD, saved in baselines/TAG.json or as a git note on its commit)" },
	{ 'm', "mode", 1, "MODE", "official (default) or smoke" },
	{ 't', "threshold", 1, "PCT", "threshold in percent (overrides the mode's)" },
	{ 0, "confidence", 1, "LEVEL", "confidence of intervals and tests (default 95%)" },
	{ 0, "min-samples", 1, "N", "samples required per side (default: the mode's, 100)" },
	{ 0, "min-runs", 1, "N", "runs required per side (default: the mode's, 5)" },
	{ 'f', "format", 1, "FMT", "text (default), json or markdown" },
	{ 'o', "output", 1, "FILE", "write the checklist to FILE instead of standard output" },
	BG_OPT_SUITE,
	BG_OPT_NOTES_REF,
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

/* "current run 3 of 5 stands out (median +12.3%, Kruskal-Wallis p = 0.0012)", or NULL. */
static char *run_outlier(const char *side, const struct bg_runcheck *rc)
{
	char shift[32];

	if (!rc->inconsistent)
		return NULL;
	bg_format_percent(shift, sizeof(shift), rc->outlier_shift);
	return bg_asprintf("%s run %d of %d stands out (median %s, Kruskal-Wallis p %s%.4f)", side,
			   rc->outlier_run + 1, rc->runs, shift, rc->p_value < 0.0001 ? "< " : "= ",
			   rc->p_value < 0.0001 ? 0.0001 : rc->p_value);
}

/* Runs on both sides against the mode's minimum, and no run standing out from the others. */
static void item_runs(struct bg_checklist *l, const struct bg_comparison *c,
		      const struct bg_mode *m, const struct bg_resultset *base,
		      const struct bg_resultset *cur)
{
	int fb = base->nruns, fc = cur->nruns;
	size_t shown = 0, more = 0, odd = 0;
	struct bg_item *it;
	int few;

	for (size_t i = 0; i < c->n; i++) {
		const struct bg_result *r = &c->results[i];

		if (r->has_base && r->base.runs < fb)
			fb = r->base.runs;
		if (r->has_cur && r->cur.runs < fc)
			fc = r->cur.runs;
		odd += (r->has_base && r->base_runs.inconsistent) +
		       (r->has_cur && r->cur_runs.inconsistent);
	}
	few = fb < m->min_runs || fc < m->min_runs;
	it = bg_checklist_add(l, "runs", few || odd ? BG_ITEM_FAIL : BG_ITEM_PASS,
			      bg_asprintf("runs >= %d on both sides, none standing out", m->min_runs),
			      bg_asprintf("fewest %d (baseline), %d (current); %s", fb, fc,
					  !odd ? "no run stands out"
					  : odd == 1 ? "1 run stands out" : "several runs stand out"));
	for (size_t i = 0; i < c->n; i++) {
		const struct bg_result *r = &c->results[i];
		char *ob = r->has_base ? run_outlier("baseline", &r->base_runs) : NULL;
		char *oc = r->has_cur ? run_outlier("current", &r->cur_runs) : NULL;

		if ((r->has_base && r->base.runs < m->min_runs) ||
		    (r->has_cur && r->cur.runs < m->min_runs))
			detail(it, &shown, &more,
			       bg_asprintf("%s %s: %d baseline, %d current", r->bench, r->metric,
					   r->has_base ? r->base.runs : 0, r->has_cur ? r->cur.runs : 0));
		if (ob)
			detail(it, &shown, &more, bg_asprintf("%s %s: %s", r->bench, r->metric, ob));
		if (oc)
			detail(it, &shown, &more, bg_asprintf("%s %s: %s", r->bench, r->metric, oc));
		free(ob);
		free(oc);
	}
	detail_more(it, more);
}

/* The fingerprint keys that must be known on both sides; the others are compared when both know them. */
static const char *const env_required[] = { "host", "cpu", "os", NULL };

/*
 * The environment through the git store's fingerprints (store.h), as `check` compares
 * them: the baseline's recorded machine and what its input said, against this machine
 * and what the current input says. The differences are bg_fingerprint_diff's lines,
 * word for word the ones `check` prints.
 */
static void item_environment(struct bg_checklist *l, const json_t *base_recorded,
			     const json_t *base_env, const json_t *cur_env)
{
	json_t *machine = bg_machine_collect();
	json_t *bf = bg_fingerprint(base_recorded, base_env), *cf = bg_fingerprint(machine, cur_env);
	struct bg_strlist missing, differ;
	struct bg_item *it;
	char *figure;

	bg_strlist_init(&missing);
	bg_strlist_init(&differ);
	for (int i = 0; env_required[i]; i++) {
		int b = json_object_get(bf, env_required[i]) != NULL;
		int c = json_object_get(cf, env_required[i]) != NULL;

		if (!b || !c)
			bg_strlist_addf(&missing, "%s not recorded on %s", env_required[i],
					!b && !c ? "either side" : !b ? "the baseline side" : "the current side");
	}
	bg_fingerprint_diff(&differ, bf, cf);
	if (missing.n || differ.n) {
		figure = differ.n ? bg_asprintf("the baseline was measured in another environment (%zu difference%s)%s",
						differ.n, differ.n == 1 ? "" : "s",
						missing.n ? ", and fields are missing" : "")
				  : bg_asprintf("%zu field%s not recorded", missing.n,
						missing.n == 1 ? "" : "s");
	} else {
		const char *key;
		json_t *v;
		size_t len = 0;

		/* The keys that matched, not their values: those name this machine. */
		figure = bg_strdup("");
		json_object_foreach(cf, key, v) {
			char *f;

			if (!json_object_get(bf, key))
				continue;
			f = bg_asprintf("%s%s%s", figure, len++ ? ", " : "", key);
			free(figure);
			figure = f;
		}
		key = figure;
		figure = bg_asprintf("%s match", key);
		free((char *)key);
	}
	it = bg_checklist_add(l, "environment", missing.n || differ.n ? BG_ITEM_FAIL : BG_ITEM_PASS,
			      bg_strdup("environment recorded on both sides and matching"), figure);
	bg_strlist_extend(&it->details, &missing);
	bg_strlist_extend(&it->details, &differ);
	bg_strlist_release(&missing);
	bg_strlist_release(&differ);
	json_decref(machine);
	json_decref(bf);
	json_decref(cf);
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
		char *msg;

		if (!m->fail_on[r->verdict])
			continue;
		/* The sentence junit and github give, so the three say it alike and once. */
		msg = bg_result_message(c, r);
		detail(it, &shown, &more, bg_asprintf("%s %s: %s", r->bench, r->metric, msg));
		free(msg);
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

/*
 * Whether one of paths is a JSON Lines test report that states system_health: the only
 * input that reports whether its run was clean. The reader counts what was unclean
 * (rs->unclean); this tells "clean" from "not reported".
 */
static int reports_health(char *const *paths, size_t n, const char *force)
{
	const struct bg_reader *tr = bg_reader_find("testreport");

	for (size_t i = 0; tr && i < n; i++) {
		struct bg_error ignore = { 0 };
		char *buf = NULL;
		size_t len = 0;
		int yes;

		if (bg_input_is_dir(paths[i]) || bg_file_read(&buf, &len, paths[i], &ignore) < 0)
			continue;
		yes = (force ? !strcmp(force, tr->name) : tr->sniff(buf, len)) &&
		      memmem(buf, len, "\"system_health\"", 15);
		free(buf);
		if (yes)
			return 1;
	}
	return 0;
}

/*
 * Every run clean: no record with swap in use or zombie processes on either side. A
 * baseline keeps its count (unclean_records) and a current test report states its
 * health; when neither side reports it, the item is skipped rather than passed.
 */
static void item_clean(struct bg_checklist *l, const struct bg_resultset *base,
		       const struct bg_resultset *cur, int cur_reports)
{
	const char *title = "every run clean (no swapping, no zombie processes)";
	struct bg_item *it;

	if (!base->unclean && !cur->unclean && !cur_reports) {
		bg_checklist_add(l, "clean", BG_ITEM_SKIPPED, bg_strdup(title),
				 bg_strdup("not reported by the inputs"));
		return;
	}
	if (!base->unclean && !cur->unclean) {
		bg_checklist_add(l, "clean", BG_ITEM_PASS, bg_strdup(title),
				 bg_strdup("no unclean record on either side"));
		return;
	}
	it = bg_checklist_add(l, "clean", BG_ITEM_FAIL, bg_strdup(title),
			      bg_asprintf("%zu unclean record%s (baseline), %zu (current)",
					  base->unclean, base->unclean == 1 ? "" : "s", cur->unclean));
	if (base->unclean)
		bg_strlist_addf(&it->details,
				"the baseline was saved from an unclean run: %zu record%s with swap in use or zombie processes",
				base->unclean, base->unclean == 1 ? "" : "s");
	if (cur->unclean)
		bg_strlist_addf(&it->details,
				"the current results come from an unclean run: %zu record%s with swap in use or zombie processes",
				cur->unclean, cur->unclean == 1 ? "" : "s");
}

/*
 * The baseline item: the baseline must be the previous release. With last-tag it is
 * by construction, unless its recorded commit is another; with an explicit SPEC its
 * commit must be the last tag's. from says where it was read: a file or a git note.
 */
static void item_baseline(struct bg_checklist *l, const char *spec, int by_tag, const char *tag,
			  const char *tag_commit, const char *tag_err, const char *base_commit,
			  const char *from)
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
			 bg_asprintf("tag %s, commit %.12s, read from %s", tag, tag_commit, from));
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
	struct bg_baseline_origin origin = { 0 };
	enum bg_format fmt = BG_FMT_TEXT;
	const char *fstr = bg_args_get(a, "format"), *force = NULL;
	const char *base_commit = NULL;
	char *tag = NULL, *tag_commit = NULL, *bspec = NULL, *from = NULL;
	struct bg_mode mode;
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
	if (bg_cmd_setup(&cfg, &force, a, &err) < 0 ||
	    bg_cmd_mode(&mode, &cfg, a, "official", &err) < 0)
		goto fail;

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
	/* A file or a name in baselines/ first, then the note on the commit (git store). */
	if (bg_cmd_load_baseline_ex(&base, &origin, bspec, &cfg, a, NULL, &err) < 0) {
		if (by_tag && err.code == BG_EXIT_STORE)
			bg_error(&err, BG_EXIT_STORE,
				 "no baseline for the last tag '%s': no saved baseline of that name, and no note on its commit %.12s (save one with 'benchgate baseline save -n %s', or with 'benchgate baseline save --git' at the tag)",
				 tag, tag_commit, tag);
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
	if (origin.from_git)
		base_commit = origin.commit;
	else if (base.provenance)
		base_commit = json_string_value(json_object_get(base.provenance, "commit"));
	from = origin.from_git ? bg_asprintf("the git %s", origin.description)
			       : bg_asprintf("'%s'", origin.description ? origin.description : bspec);

	list.mode = mode.name;
	list.threshold = mode.threshold;
	list.confidence = cfg.confidence;
	list.baseline_source = origin.from_git ? origin.description : bspec;
	list.baseline_store = origin.from_git ? "git" : "file";
	list.baseline_tag = by_tag ? tag : NULL;
	list.baseline_commit = base_commit ? base_commit : by_tag ? tag_commit : NULL;
	list.current_source = cur.source;

	item_baseline(&list, list.baseline_source, by_tag, trc == 0 ? tag : NULL, tag_commit,
		      trc < 0 ? terr.msg : NULL, base_commit, from);
	item_samples(&list, &cmp, &mode);
	item_runs(&list, &cmp, &mode, &base, &cur);
	item_environment(&list, origin.recorded, base.environment, cur.environment);
	item_clean(&list, &base, &cur, reports_health(a->pos, (size_t)a->npos, force));
	item_gate(&list, &cmp, &mode);
	item_budgets(&list, cfg.budgets ? &budgets : NULL, mode.fail_on[BG_INCONCLUSIVE]);

	bg_output_open(&out, bg_args_get(a, "output"));
	if (bg_output_finish(&out, bg_report_release(out.f, fmt, &list, &err), &err) < 0)
		goto fail;
	code = list.failed ? BG_EXIT_FAIL : BG_EXIT_OK;
	goto out;
fail:
	code = bg_fail(&err);
out:
	free(tag);
	free(tag_commit);
	free(bspec);
	free(from);
	bg_baseline_origin_release(&origin);
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
