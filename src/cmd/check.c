/* benchgate check and compare: compare current results with a baseline and decide. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "benchgate/axis.h"
#include "benchgate/budget.h"
#include "benchgate/cmd.h"
#include "benchgate/filter.h"
#include "benchgate/input.h"
#include "benchgate/jobnoise.h"
#include "benchgate/policy.h"
#include "benchgate/report.h"
#include "benchgate/store.h"
#include "benchgate/units.h"

#define GATE_OPTIONS                                                                       \
	{ 'm', "mode", 1, "MODE", "smoke (default: 20%, fails on regressions) or official (2%)" }, \
	{ 't', "threshold", 1, "PCT", "threshold in percent, e.g. 5 or 5% (overrides the mode's)" }, \
	{ 0, "confidence", 1, "LEVEL", "confidence of intervals and tests (default 95%)" },      \
	{ 0, "min-samples", 1, "N", "samples required per side (default: the mode's)" },          \
	{ 0, "min-runs", 1, "N", "runs required per side (default: the mode's)" },                \
	{ 0, "fdr", 0, NULL, "significance after Benjamini-Hochberg over all results (official's default)" }, \
	{ 0, "no-fdr", 0, NULL, "significance on each result's own p-value (smoke's default)" }, \
	{ 0, "paired", 0, NULL, "run i of the baseline was measured with run i of the current side (A B A B)" }, \
	{ 'f', "format", 1, "FMT", "text (default), json, markdown, junit, github, html or bmf" },     \
	{ 'o', "output", 1, "FILE", "write the report to FILE instead of standard output" },      \
	{ 0, "color", 1, "WHEN", "colour the text report: never, always, auto (default)" },       \
	{ 0, "allow-unclean", 0, NULL, "accept runs whose reports show swapping or zombie processes in official mode" }, \
	{ 0, "history", 1, "N", "read N notes a benchmark along a git baseline's history for its run-to-run noise (default 20)" }, \
	{ 0, "no-history", 0, NULL, "do not read the git baseline's history" }, \
	{ 0, "no-shift", 0, NULL, "judge each result on its own change, not relative to the machine-wide shift" }, \
	{ 0, "max-samples", 1, "N", "refuse inputs holding more than N samples in all (default 50000000)" }, \
	{ 'j', "jobs", 1, "N", "threads for reading and the statistics (default: one per core; the output is the same)" }, \
	BG_OPT_BY, BG_OPT_FILTER, BG_OPT_KEY, BG_OPT_INPUT_FORMAT, BG_OPT_CONFIG, BG_OPT_HELP

static const struct bg_option check_options[] = {
	{ 'b', "baseline", 1, "SPEC", "the baseline: a file, a saved name, a git revision with a note, or auto" },
	{ 0, "checklist", 0, NULL, "print the release checklist (as 'benchgate release')" },
	GATE_OPTIONS,
	BG_OPT_TARGET,
	BG_OPT_MAX_DISTANCE,
	BG_OPT_SUITE,
	BG_OPT_NOTES_REF,
	{ 0, "allow-env-mismatch", 0, NULL, "official mode: compare even when the baseline was measured elsewhere" },
	{ 0 }
};

static const struct bg_option compare_options[] = {
	GATE_OPTIONS,
	BG_OPT_MAX_DISTANCE,
	BG_OPT_SUITE,
	BG_OPT_NOTES_REF,
	{ 0 }
};

/* The statistic the config gates bench/metric on. */
static enum bg_statistic gated_statistic(const struct bg_config *cfg, const char *bench,
					 const char *metric)
{
	struct bg_rule_view rv;

	bg_config_rules_for(&rv, cfg, bench, metric);
	return rv.statistic;
}

/*
 * --history N, --no-history and the config's "history": how many notes a benchmark
 * to read (0: none).
 */
static int history_limit(size_t *out, const struct bg_args *a, const struct bg_config *cfg,
			 struct bg_error *err)
{
	if (bg_args_has(a, "history") && bg_args_has(a, "no-history"))
		return bg_error(err, BG_EXIT_USAGE, "'--history' and '--no-history' cannot both be given");
	if (bg_args_size(out, a, "history", cfg->history, err) < 0)
		return -1;
	if (*out > BG_HISTORY_MAX)
		return bg_error(err, BG_EXIT_USAGE,
				"'%s' is not a valid count for '--history' (a whole number from 0 to %d)",
				bg_args_get(a, "history"), BG_HISTORY_MAX);
	if (bg_args_has(a, "no-history"))
		*out = 0;
	return 0;
}

/*
 * The history behind a git baseline (docs/statistics.md): the gated statistic of every
 * benchmark and metric of base along the first parents of its commit.
 */
static int load_history(struct bg_hist *h, const struct bg_baseline_origin *origin,
			const struct bg_resultset *base, const struct bg_config *cfg,
			const struct bg_args *a, size_t limit, struct bg_error *err)
{
	struct bg_hist_want *want = NULL;
	struct bg_strlist warnings;
	size_t n = 0, alloc = 0;
	const char *suite = bg_args_get(a, "suite");
	char *ref;
	int ret;

	if (!(ref = bg_cmd_notes_ref(cfg, a, err)))
		return -1;
	for (size_t i = 0; i < base->nbenches; i++)
		for (size_t j = 0; j < base->benches[i].nmetrics; j++) {
			bg_grow(&want, &alloc, n + 1, sizeof(*want));
			want[n].bench = base->benches[i].name;
			want[n].metric = base->benches[i].metrics[j].name;
			want[n].stat = gated_statistic(cfg, want[n].bench, want[n].metric);
			n++;
		}
	bg_strlist_init(&warnings);
	ret = bg_git_history(h, ".", ref, origin->commit, origin->label,
			     suite ? suite : BG_SUITE_DEFAULT, want, n, limit, &warnings, err);
	bg_warn_all(&warnings);
	bg_strlist_release(&warnings);
	free(want);
	free(ref);
	return ret;
}

/* The filters of --filter, each of them. BG_EXIT_USAGE on a bad pattern. */
int bg_cmd_filter(struct bg_filter *f, const struct bg_args *a, const struct bg_config *cfg,
		  struct bg_error *err)
{
	const char *p;

	for (size_t i = 0; cfg && i < cfg->filter.n; i++)
		if (bg_filter_add(f, cfg->filter.v[i], cfg->path ? cfg->path : "config", err) < 0)
			return -1;
	for (int i = 0; (p = bg_args_nth(a, "filter", i)); i++)
		if (bg_filter_add(f, p, "--filter", err) < 0)
			return -1;
	return 0;
}

/* --by (else the config's "by") into ax; *has is whether there is one. BG_EXIT_USAGE. */
int bg_cmd_axis(struct bg_axis *ax, int *has, const struct bg_args *a,
		const struct bg_config *cfg, struct bg_error *err)
{
	const char *by = bg_args_get(a, "by");

	if (!by && cfg)
		by = cfg->by;
	*has = by != NULL;
	return by ? bg_axis_parse(ax, by, bg_args_get(a, "by") ? "--by" : "by", err) : 0;
}

/*
 * The suites --by suite=A,B names, from the note of the revision spec: one result set
 * whose names end in "/suite=NAME". Only for a spec that is not a file or directory.
 */
static int load_suites(struct bg_resultset *rs, struct bg_baseline_origin *origin,
		       const char *spec, const struct bg_axis *ax, const struct bg_config *cfg,
		       const struct bg_args *a, struct bg_error *err)
{
	if (!ax->values.n)
		return bg_error(err, BG_EXIT_USAGE,
				"'--by suite' with the git revision '%s': name the suites (--by suite=A,B)",
				spec);
	for (size_t i = 0; i < ax->values.n; i++) {
		struct bg_resultset one;
		struct bg_baseline_origin o = { 0 };
		int r;

		bg_resultset_init(&one);
		one.read_options = rs->read_options;
		r = bg_cmd_load_suite(&one, &o, spec, ax->values.v[i], cfg, a, NULL, err);
		if (r == 0) {
			for (size_t j = 0; j < one.nbenches; j++) {
				char *name = bg_asprintf("%s/suite=%s", one.benches[j].name,
							 ax->values.v[i]);

				bg_bench_copy(rs, &one.benches[j], name);
				free(name);
			}
			if (one.nruns > rs->nruns)
				rs->nruns = one.nruns;
			if (!rs->environment && one.environment)
				rs->environment = json_incref(one.environment);
			rs->unclean += one.unclean;
			rs->health_records += one.health_records;
			bg_strlist_extend(&rs->warnings, &one.warnings);
			if (i == 0) {
				*origin = o;
				memset(&o, 0, sizeof(o));
			}
		}
		bg_baseline_origin_release(&o);
		bg_resultset_release(&one);
		if (r < 0)
			return -1;
	}
	free(rs->source);
	rs->source = bg_strdup(spec);
	return 0;
}

/* values[from..to) joined by ", ", each as "KEY=VALUE" when key is given (new string). */
static char *values_text(const char *key, const struct bg_strlist *v, size_t from, size_t to)
{
	char *prefix = key ? bg_asprintf("%s=", key) : NULL, *s;

	s = bg_strlist_join(v, from, to, prefix, ", ");
	free(prefix);
	return s;
}

/*
 * Compare base with cur and report; returns the exit code. base_spec NULL: one side
 * only (check and stats with --by and no baseline; compare with one argument), the
 * current files, or for compare the spec current[0], compared along --by within.
 */
static int gate(const struct bg_cmd *self, struct bg_args *a, const char *base_spec,
		char *const *current, size_t ncurrent, int current_is_baseline)
{
	struct bg_error err = { 0 };
	struct bg_config cfg;
	struct bg_resultset base, cur, pbase, pcur;
	struct bg_resultset *B = &base, *C = &cur;
	struct bg_comparison cmp;
	struct bg_report_info info = { 0 };
	struct bg_output out = { 0 };
	struct bg_budget_report budgets;
	struct bg_axis ax;
	struct bg_axis_info ai;
	struct bg_filter filter;
	enum bg_format fmt = BG_FMT_TEXT;
	const char *fstr = bg_args_get(a, "format");
	const char *force = NULL;
	const char *commit = NULL;
	struct bg_mode mode;
	struct bg_read_options ro;
	struct bg_baseline_origin origin = { 0 }, corigin = { 0 };
	char *bsrc = NULL, *csrc = NULL;
	int code = BG_EXIT_OK, by = 0, one_side = base_spec == NULL;
	struct bg_hist hist;
	size_t nhist = 0;
	size_t max_samples, jobs;

	bg_config_init(&cfg);
	bg_resultset_init(&base);
	bg_resultset_init(&cur);
	bg_resultset_init(&pbase);
	bg_resultset_init(&pcur);
	bg_comparison_init(&cmp);
	bg_budget_report_init(&budgets);
	bg_axis_init(&ax);
	bg_axis_info_init(&ai);
	bg_filter_init(&filter);
	bg_hist_init(&hist);

	if (fstr && bg_format_parse(&fmt, fstr) < 0) {
		bg_error(&err, BG_EXIT_USAGE,
			 "unknown format '%s' (expected text, json, markdown, junit, github, html or bmf)",
			 fstr);
		goto fail;
	}
	if (bg_cmd_setup(&cfg, &force, a, &err) < 0 ||
	    bg_cmd_mode(&mode, &cfg, a, "smoke", &err) < 0 ||
	    bg_cmd_axis(&ax, &by, a, &cfg, &err) < 0 || bg_cmd_filter(&filter, a, &cfg, &err) < 0)
		goto fail;
	if (one_side && !by) {
		bg_error(&err, BG_EXIT_USAGE, "%s: one input needs '--by KEY'; usage: benchgate %s %s",
			 self->name, self->name, self->usage);
		goto fail;
	}
	if (bg_args_has(a, "fdr") && bg_args_has(a, "no-fdr")) {
		bg_error(&err, BG_EXIT_USAGE, "'--fdr' and '--no-fdr' cannot both be given");
		goto fail;
	}
	if (bg_args_has(a, "fdr"))
		mode.fdr = 1;
	if (bg_args_has(a, "no-fdr"))
		mode.fdr = 0;
	cfg.paired = bg_args_has(a, "paired");
	if ((info.color = bg_cmd_color(a, bg_args_has(a, "output"), &err)) < 0)
		goto fail;
	if (history_limit(&nhist, a, &cfg, &err) < 0)
		goto fail;
	if (bg_args_has(a, "no-shift"))
		cfg.shift = 0;

	if (bg_args_size(&max_samples, a, "max-samples", BG_MAX_SAMPLES, &err) < 0)
		goto fail;
	bg_sample_limit_set(max_samples);
	if (bg_args_size(&jobs, a, "jobs", 0, &err) < 0)
		goto fail;
	if (bg_args_has(a, "jobs") && (jobs < 1 || jobs > 1024)) {
		bg_error(&err, BG_EXIT_USAGE, "'%s' is not a valid count for '--jobs' (1 to 1024)",
			 bg_args_get(a, "jobs"));
		goto fail;
	}
	cfg.jobs = (int)jobs;
	bg_cmd_read_options(&ro, a, &cfg);
	if (by)
		ro.name_config = ax.key;   /* go test: a configuration line of the key names its results */
	base.read_options = cur.read_options = &ro;
	if (one_side && current_is_baseline) {
		/* compare --by KEY SPEC: a file, a saved name, or a revision's note (its suites). */
		if (!strcmp(ax.key, "suite") && !bg_input_is_dir(current[0]) &&
		    access(current[0], F_OK) != 0) {
			if (load_suites(&cur, &origin, current[0], &ax, &cfg, a, &err) < 0)
				goto fail;
		} else if (bg_cmd_load_baseline_ex(&cur, &origin, current[0], &cfg, a, force, &err) < 0) {
			goto fail;
		}
		if (origin.from_git)
			fprintf(stderr, "benchgate: compared within: %s\n", origin.description);
	} else if (one_side) {
		if (bg_input_read_all(&cur, current, ncurrent, force, &err) < 0)
			goto fail;
	} else {
		if (current_is_baseline) {
			if (bg_cmd_load_baseline_ex(&base, &origin, base_spec, &cfg, a, NULL, &err) < 0)
				goto fail;
			if (origin.from_git)
				fprintf(stderr, "benchgate: baseline: %s\n", origin.description);
			if (bg_cmd_load_baseline_ex(&cur, &corigin, current[0], &cfg, a, force, &err) < 0)
				goto fail;
			if (corigin.from_git)
				fprintf(stderr, "benchgate: compared with: %s\n", corigin.description);
		} else {
			if (bg_cmd_load_sides(&base, &origin, base_spec, &cur, current, ncurrent, &cfg,
					      a, force, &err) < 0)
				goto fail;
			if (origin.from_git)
				fprintf(stderr, "benchgate: baseline: %s\n", origin.description);
		}
		/* Along an axis each side is compared within itself: where each ran does not matter. */
		if (!by && bg_cmd_env_check(&origin, &corigin, &base, &cur, &mode, current_is_baseline,
					    bg_args_has(a, "allow-env-mismatch"), &err) < 0)
			goto fail;
	}
	if (!one_side)
		bg_config_apply(&cfg, &base);
	bg_config_apply(&cfg, &cur);
	bg_warn_all(&base.warnings);
	bg_warn_all(&cur.warnings);
	if (!one_side)
		bg_filter_apply(&filter, &base);
	bg_filter_apply(&filter, &cur);
	if (bg_filter_check(&filter, &err) < 0)
		goto fail;
	if (by) {
		if (!one_side &&
		    bg_axis_pair(&pbase, &pcur, &ai, &base, &ax, "side=baseline", &err) < 0)
			goto fail;
		if (bg_axis_pair(&pbase, &pcur, &ai, &cur, &ax, one_side ? NULL : "side=current",
				 &err) < 0)
			goto fail;
		bsrc = values_text(NULL, &ai.values, 0, 1);
		csrc = values_text(NULL, &ai.values, 1, ai.values.n);
		fprintf(stderr, "benchgate: by %s: %s against %s%s%s (%zu pair%s)\n", ax.key, csrc, bsrc,
			one_side ? " in " : " within each side", one_side ? cur.source : "",
			ai.pairs, ai.pairs == 1 ? "" : "s");
		/* The sources the reports name: "backend=llama.cpp", "backend=tinygrad, backend=mlc". */
		pbase.source = values_text(ax.key, &ai.values, 0, 1);
		pcur.source = values_text(ax.key, &ai.values, 1, ai.values.n);
		B = &pbase;
		C = &pcur;
		/* the values of an axis share each side's runs: no machine between them */
		cfg.one_job = 1;
	}
	if (bg_unclean_refuse(B, C, mode.name, mode.strict, bg_args_has(a, "allow-unclean"), &err) < 0)
		goto fail;
	bg_units_align(C, B);
	if (!by && origin.from_git && origin.commit && nhist > 0) {
		if (load_history(&hist, &origin, &base, &cfg, a, nhist, &err) < 0)
			goto fail;
		cmp.history = &hist;
	}
	if (bg_compare(&cmp, B, C, &cfg, &mode, &err) < 0)
		goto fail;
	bg_warn_all(&cmp.warnings);
	if (cfg.budgets) {
		/* Budgets and targets are judged on the current side alone (budget.h). */
		bg_budget_evaluate(&budgets, cfg.budgets, &cur, cfg.confidence);
		bg_warn_all(&budgets.warnings);
		info.budgets = &budgets;
		if (bg_budget_failed(&budgets, mode.fail_on[BG_INCONCLUSIVE]))
			cmp.failed = 1;
	}

	if (!by && base.provenance && json_is_string(json_object_get(base.provenance, "commit")))
		commit = json_string_value(json_object_get(base.provenance, "commit"));
	info.command = self->name;
	info.baseline_source = B->source;
	info.baseline_commit = commit;
	info.current_source = C->source;
	info.base_rs = B;
	info.cur_rs = C;
	if (by) {
		info.axis_key = ax.key;
		info.axis_values = &ai.values;
		info.axis_rs[0] = one_side ? &cur : &base;
		info.axis_rs[1] = one_side ? NULL : &cur;
		info.axis_side[0] = one_side ? NULL : "baseline";
		info.axis_side[1] = one_side ? NULL : "current";
	}
	if (fmt == BG_FMT_GITHUB)
		info.step_summary = getenv("GITHUB_STEP_SUMMARY");
	bg_output_open(&out, bg_args_get(a, "output"));
	if (bg_output_finish(&out, bg_report_check(out.f, fmt, &cmp, &info, &err), &err) < 0)
		goto fail;
	if (!strcmp(self->name, "check") && cmp.failed)
		code = BG_EXIT_FAIL;
	goto out;
fail:
	code = bg_fail(&err);
out:
	free(bsrc);
	free(csrc);
	bg_baseline_origin_release(&origin);
	bg_baseline_origin_release(&corigin);
	bg_comparison_release(&cmp);
	bg_hist_release(&hist);
	bg_budget_report_release(&budgets);
	bg_resultset_release(&base);
	bg_resultset_release(&cur);
	bg_resultset_release(&pbase);
	bg_resultset_release(&pcur);
	bg_axis_release(&ax);
	bg_axis_info_release(&ai);
	bg_filter_release(&filter);
	bg_config_release(&cfg);
	return code;
}

/* stats --by KEY FILE...: the comparison along KEY of the files, exit 0 (docs/axes.md). */
int bg_cmd_axis_stats(const struct bg_cmd *self, struct bg_args *a)
{
	return gate(self, a, NULL, a->pos, (size_t)a->npos, 0);
}

static int check_exec(const struct bg_cmd *self, struct bg_args *a)
{
	const char *spec = bg_args_get(a, "baseline");
	int by = bg_args_has(a, "by");

	if (bg_args_has(a, "checklist"))
		return bg_release_checklist(self, a, spec);
	if (!spec && !by) {
		struct bg_config cfg;
		struct bg_error err = { 0 };

		/* The config's "by" stands for --by, as the command line's would. */
		bg_config_init(&cfg);
		if (bg_cmd_config(&cfg, a, &err) < 0) {
			bg_config_release(&cfg);
			return bg_fail(&err);
		}
		by = cfg.by != NULL;
		bg_config_release(&cfg);
		if (!by) {
			fprintf(stderr, "benchgate: check: missing '--baseline SPEC' (or '--by KEY'); usage: benchgate check %s\n",
				self->usage);
			return BG_EXIT_USAGE;
		}
	}
	if (!a->npos) {
		/* check --by KEY -b SPEC: the values within the one baseline (a note's suites). */
		if (!spec || !by) {
			fprintf(stderr, "benchgate: check: missing argument; usage: benchgate check %s\n",
				self->usage);
			return BG_EXIT_USAGE;
		}
		return gate(self, a, NULL, (char *const *)&spec, 1, 1);
	}
	return gate(self, a, spec, a->pos, (size_t)a->npos, 0);
}

static int compare_exec(const struct bg_cmd *self, struct bg_args *a)
{
	if (a->npos == 1)
		return gate(self, a, NULL, a->pos, 1, 1);
	return gate(self, a, a->pos[0], a->pos + 1, 1, 1);
}

const struct bg_cmd bg_cmd_check = {
	.name = "check",
	.usage = "-b SPEC [-m smoke|official] [-t PCT] [-f FMT] [-o FILE] CURRENT... | --by KEY[=A,B] [-b SPEC] [CURRENT...]",
	.summary = "compare current results with a baseline; exit 1 on what the mode fails",
	.options = check_options,
	.min_pos = 0,
	.max_pos = -1,
	.exec = check_exec,
};

const struct bg_cmd bg_cmd_compare = {
	.name = "compare",
	.usage = "[-m MODE] [-t PCT] [-f FMT] [-o FILE] A B | --by KEY[=A,B] A [B]",
	.summary = "compare two baselines (or result files); exit 0 whatever the verdicts",
	.options = compare_options,
	.min_pos = 1,
	.max_pos = 2,
	.exec = compare_exec,
};
