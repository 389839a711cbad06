/* Markdown reports: a pull-request comment that cannot break its tables or ping anyone. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/report.h"
#include "internal.h"

/*
 * Whether r goes in the visible table: regressions, improvements, and whatever else
 * the mode fails the gate on. The rest is folded inside <details>.
 */
static int shown(const struct bg_comparison *c, const struct bg_result *r)
{
	return r->verdict == BG_REGRESSION || r->verdict == BG_IMPROVEMENT ||
	       bg_report_fails_on(c, r->verdict);
}

/* The table and the notes of the results for which shown() is want. */
static void section(FILE *out, const struct bg_comparison *c, int want)
{
	struct bg_table t;

	bg_check_table_init(&t, c->confidence);
	for (size_t i = 0; i < c->n; i++) {
		const struct bg_result *r = &c->results[i];

		if (shown(c, r) == want)
			bg_check_table_row(&t, r, bg_markdown_escape,
					   bg_report_fails_on(c, r->verdict) ? "**%s**" : "%s");
	}
	bg_table_print_markdown(out, &t);
	bg_table_release(&t);

	bg_write_notes(out, c, shown, want, bg_markdown_escape, "-");
}

/* "Baseline: X (commit Y). Current: Z." from info, escaped; nothing when unknown. */
static void sources(FILE *out, const struct bg_report_info *info)
{
	char *s;

	if (!info->baseline_source && !info->current_source)
		return;
	fputc('\n', out);
	if (info->baseline_source) {
		s = bg_markdown_escape(info->baseline_source);
		fprintf(out, "Baseline: %s", s);
		free(s);
		if (info->baseline_commit) {
			char *id = bg_strndup(info->baseline_commit,
					      strnlen(info->baseline_commit, 12));

			s = bg_markdown_escape(id);
			fprintf(out, " (commit %s)", s);
			free(s);
			free(id);
		}
		fputs(info->current_source ? ". " : ".\n", out);
	}
	if (info->current_source) {
		s = bg_markdown_escape(info->current_source);
		fprintf(out, "Current: %s.\n", s);
		free(s);
	}
}

void bg_markdown_check(FILE *out, const struct bg_comparison *c,
		       const struct bg_report_info *info)
{
	char thr[32], *counts = bg_report_counts(c), *mode;
	size_t nshown = 0;

	for (size_t i = 0; i < c->n; i++)
		nshown += shown(c, &c->results[i]);

	mode = bg_markdown_escape(c->mode ? c->mode->name : "?");
	bg_format_plain_percent(thr, sizeof(thr), c->mode ? c->mode->threshold : NAN);
	fprintf(out, "**benchgate: %s** \xe2\x80\x94 %s (%s, threshold %s",
		bg_report_outcome(c->failed, info), counts, mode, thr);
	if (c->ungated)
		fprintf(out, ", %zu metric%s not gated", c->ungated, c->ungated == 1 ? "" : "s");
	bg_budgets_summary(out, info->budgets, "; ");
	fputs(")\n", out);
	free(mode);
	free(counts);
	sources(out, info);

	fputc('\n', out);
	if (nshown)
		section(out, c, 1);
	else
		fputs("No regression or improvement beyond the threshold.\n", out);
	bg_write_comparison_notes(out, c, bg_markdown_escape, "-");

	if (nshown < c->n) {
		size_t rest = c->n - nshown;

		fprintf(out, "\n<details><summary>%zu other result%s</summary>\n\n", rest,
			rest == 1 ? "" : "s");
		section(out, c, 0);
		fputs("\n</details>\n", out);
	}
	bg_budgets_markdown(out, c, info->budgets);
}

void bg_markdown_stats(FILE *out, const struct bg_stats_row *rows, size_t n,
		       double confidence)
{
	struct bg_table t;

	bg_stats_table(&t, rows, n, confidence, bg_markdown_escape);
	bg_table_print_markdown(out, &t);
	bg_table_release(&t);
}
