/* benchgate budgets: judge the config's budgets and targets on results, without a baseline. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/budget.h"
#include "benchgate/cmd.h"
#include "benchgate/input.h"
#include "benchgate/policy.h"
#include "benchgate/report.h"

static const struct bg_option budgets_options[] = {
	{ 'm', "mode", 1, "MODE", "smoke (default: inconclusive is a warning) or official (inconclusive fails)" },
	{ 0, "confidence", 1, "LEVEL", "confidence of the intervals (default 95%)" },
	{ 'f', "format", 1, "FMT", "text (default), json or markdown" },
	{ 'o', "output", 1, "FILE", "write the report to FILE instead of standard output" },
	{ 0, "color", 1, "WHEN", "colour the text report: never, always, auto (default)" },
	BG_OPT_INPUT_FORMAT, BG_OPT_CONFIG, BG_OPT_HELP,
	{ 0 }
};

/* The benchgate.budgets/1 document. */
static void write_json(FILE *out, const struct bg_budget_report *br, const char *mode,
		       const char *source, int failed)
{
	json_t *root = json_object();

	json_object_set_new(root, "schema", json_string("benchgate.budgets/1"));
	json_object_set_new(root, "mode", json_string(mode));
	json_object_set_new(root, "confidence", json_real(br->confidence));
	json_object_set_new(root, "verdict", json_string(failed ? "fail" : "pass"));
	json_object_set_new(root, "current", json_pack("{s:o}", "source", bg_json_string(source)));
	json_object_set_new(root, "counts",
			    json_pack("{s:I,s:I,s:I}", "met", (json_int_t)br->counts[BG_BUDGET_MET],
				      "missed", (json_int_t)br->counts[BG_BUDGET_MISSED],
				      "inconclusive", (json_int_t)br->counts[BG_BUDGET_INCONCLUSIVE]));
	json_object_set_new(root, "budgets", bg_budgets_json_mode(br, !strcmp(mode, "official")));
	json_dumpf(root, out, JSON_INDENT(2) | JSON_SORT_KEYS | JSON_REAL_PRECISION(17));
	fputc('\n', out);
	json_decref(root);
}

static int budgets_exec(const struct bg_cmd *self, struct bg_args *a)
{
	struct bg_error err = { 0 };
	struct bg_config cfg;
	struct bg_resultset cur;
	struct bg_budget_report br;
	struct bg_output out = { 0 };
	enum bg_format fmt = BG_FMT_TEXT;
	const char *fstr = bg_args_get(a, "format"), *mode = bg_args_get(a, "mode");
	const char *force = NULL;
	int code = BG_EXIT_OK, color, failed, strict;

	(void)self;
	bg_config_init(&cfg);
	bg_resultset_init(&cur);
	bg_budget_report_init(&br);
	if (fstr && (bg_format_parse(&fmt, fstr) < 0 ||
		     (fmt != BG_FMT_TEXT && fmt != BG_FMT_JSON && fmt != BG_FMT_MARKDOWN))) {
		bg_error(&err, BG_EXIT_USAGE, "unknown format '%s' (expected text, json or markdown)",
			 fstr);
		goto fail;
	}
	if (!mode)
		mode = "smoke";
	if (strcmp(mode, "smoke") && strcmp(mode, "official")) {
		bg_error(&err, BG_EXIT_USAGE, "unknown mode '%s' (expected smoke or official)", mode);
		goto fail;
	}
	strict = !strcmp(mode, "official");
	if (bg_cmd_setup(&cfg, &force, a, &err) < 0)
		goto fail;
	if ((color = bg_cmd_color(a, bg_args_has(a, "output"), &err)) < 0)
		goto fail;
	if (!cfg.budgets || !cfg.budgets->n) {
		bg_error(&err, BG_EXIT_USAGE, "no budgets or targets in %s%s%s (see docs/config.md)",
			 cfg.path ? "'" : "the config", cfg.path ? cfg.path : "",
			 cfg.path ? "'" : "");
		goto fail;
	}
	if (bg_input_read_all(&cur, a->pos, (size_t)a->npos, force, &err) < 0)
		goto fail;
	bg_config_apply(&cfg, &cur);
	bg_warn_all(&cur.warnings);
	bg_budget_evaluate(&br, cfg.budgets, &cur, cfg.confidence);
	bg_warn_all(&br.warnings);
	failed = bg_budget_failed(&br, strict);

	bg_output_open(&out, bg_args_get(a, "output"));
	if (fmt == BG_FMT_JSON) {
		write_json(out.f, &br, mode, cur.source, failed);
	} else if (fmt == BG_FMT_MARKDOWN) {
		fprintf(out.f, "**benchgate budgets: %s** (%s mode)\n", failed ? "FAIL" : "PASS", mode);
		bg_budgets_markdown_mode(out.f, &br, strict);
	} else {
		bg_budgets_text_mode(out.f, &br, strict, color);
		fprintf(out.f, "%s mode -> %s\n", mode, failed ? "FAIL" : "PASS");
	}
	if (bg_output_close(&out, &err) < 0)
		goto fail;
	code = failed ? BG_EXIT_FAIL : BG_EXIT_OK;
	goto out;
fail:
	code = bg_fail(&err);
out:
	bg_budget_report_release(&br);
	bg_resultset_release(&cur);
	bg_config_release(&cfg);
	return code;
}

const struct bg_cmd bg_cmd_budgets = {
	.name = "budgets",
	.usage = "[-m smoke|official] [-f FMT] [-o FILE] [--config FILE] FILE...",
	.summary = "check the budgets and targets of the config, without a baseline",
	.options = budgets_options,
	.min_pos = 1,
	.max_pos = -1,
	.exec = budgets_exec,
};
