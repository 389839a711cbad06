/* Text reports: aligned tables for a person at a terminal. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "benchgate/report.h"
#include "internal.h"

/* SGR code of a verdict's colour, or NULL for none. */
static const char *verdict_color(enum bg_verdict v)
{
	switch (v) {
	case BG_REGRESSION:
		return "31";       /* red */
	case BG_IMPROVEMENT:
		return "32";       /* green */
	case BG_INCONCLUSIVE:
	case BG_INSUFFICIENT:
		return "33";       /* yellow */
	case BG_MISSING:
	case BG_NEW:
		return "2";        /* dim */
	default:
		return NULL;
	}
}

void bg_text_check(FILE *out, const struct bg_comparison *c, const struct bg_report_info *info)
{
	struct bg_table t;
	char thr[32], *counts;

	bg_check_table_init(&t, c->confidence);
	for (size_t i = 0; i < c->n; i++) {
		bg_check_table_row(&t, &c->results[i], bg_text_clean, NULL);
		t.color[t.nrows - 1] = verdict_color(c->results[i].verdict);
	}
	bg_table_print_text(out, &t, info->color);
	bg_table_release(&t);

	/* What to do about each result that says why: advice, reasons, absences. */
	bg_write_notes(out, c, NULL, 0, bg_text_clean, " ");
	bg_write_comparison_notes(out, c, bg_text_clean, " ");
	bg_budgets_text_color(out, c, info->budgets, info->color);

	counts = bg_report_counts(c);
	bg_format_plain_percent(thr, sizeof(thr), c->mode ? c->mode->threshold : NAN);
	fprintf(out, "\n%s mode, threshold %s: %s", c->mode ? c->mode->name : "?", thr, counts);
	if (c->ungated)
		fprintf(out, " (%zu metric%s not gated: no direction or ignored)", c->ungated,
			c->ungated == 1 ? "" : "s");
	bg_budgets_summary(out, info->budgets, "; ");
	fprintf(out, " -> %s\n", bg_report_outcome(c->failed, info));
	free(counts);
}

void bg_text_stats(FILE *out, const struct bg_stats_row *rows, size_t n, double confidence)
{
	struct bg_table t;

	bg_stats_table(&t, rows, n, confidence, bg_text_clean);
	bg_table_print_text(out, &t, 0);
	bg_table_release(&t);
}
