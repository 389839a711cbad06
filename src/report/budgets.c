/* The budgets and targets section of the text, Markdown and JSON check reports. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/budget.h"
#include "benchgate/report.h"
#include "internal.h"

/* A table of br: benchmark (or "A vs B"), metric, limit, figure, status. */
static void budget_table(struct bg_table *t, int strict, const struct bg_budget_report *br,
			 bg_namefn name, int bold_fails)
{
	char **row, conf[32];

	bg_table_init(t, 5, "llllll");
	bg_format_plain_percent(conf, sizeof(conf), br->confidence);
	row = bg_table_row(t);
	row[0] = bg_strdup("budget or target");
	row[1] = bg_strdup("metric");
	row[2] = bg_strdup("limit");
	row[3] = bg_asprintf("figure (%s CI)", conf);
	row[4] = bg_strdup("status");
	for (size_t i = 0; i < br->n; i++) {
		const struct bg_budget_check *b = &br->v[i];
		char *raw = b->is_target ? bg_asprintf("%s vs %s", b->bench, b->versus)
					 : bg_strdup(b->bench);
		char *limit = bg_budget_limit_text(b), *fig = bg_budget_figure_text(b);
		int fails = b->status == BG_BUDGET_MISSED ||
			    (strict && b->status == BG_BUDGET_INCONCLUSIVE);

		row = bg_table_row(t);
		row[0] = name(raw);
		row[1] = name(b->metric);
		row[2] = name(limit);
		row[3] = name(fig);
		row[4] = bg_asprintf(bold_fails && fails ? "**%s**" : "%s",
				     bg_budget_status_name(b->status));
		t->color[t->nrows - 1] = b->status == BG_BUDGET_MET ? NULL
					 : b->status == BG_BUDGET_MISSED ? "31" : "33";
		free(raw);
		free(limit);
		free(fig);
	}
	t->color_col = 4;
}

void bg_budgets_summary(FILE *out, const struct bg_budget_report *br, const char *sep)
{
	if (br && br->n)
		fprintf(out, "%sbudgets and targets: %zu met, %zu missed, %zu inconclusive", sep,
			br->counts[BG_BUDGET_MET], br->counts[BG_BUDGET_MISSED],
			br->counts[BG_BUDGET_INCONCLUSIVE]);
}

static void counts_line(FILE *out, const struct bg_budget_report *br, const char *prefix)
{
	fprintf(out, "%s%zu met, %zu missed, %zu inconclusive\n", prefix,
		br->counts[BG_BUDGET_MET], br->counts[BG_BUDGET_MISSED],
		br->counts[BG_BUDGET_INCONCLUSIVE]);
}

void bg_budgets_text_mode(FILE *out, const struct bg_budget_report *br, int strict, int color)
{
	struct bg_table t;

	if (!br || !br->n)
		return;
	budget_table(&t, strict, br, bg_text_clean, 0);
	bg_table_print_text(out, &t, color);
	bg_table_release(&t);
	fputc('\n', out);
	counts_line(out, br, "budgets and targets: ");
}

void bg_budgets_text_color(FILE *out, const struct bg_comparison *c,
			   const struct bg_budget_report *br, int color)
{
	struct bg_table t;

	if (!br || !br->n)
		return;
	/* The table only: the summary line of the check report has the counts. */
	fputc('\n', out);
	budget_table(&t, bg_report_fails_on(c, BG_INCONCLUSIVE), br, bg_text_clean, 0);
	bg_table_print_text(out, &t, color);
	bg_table_release(&t);
}

void bg_budgets_markdown(FILE *out, const struct bg_comparison *c,
			 const struct bg_budget_report *br)
{
	bg_budgets_markdown_mode(out, br, bg_report_fails_on(c, BG_INCONCLUSIVE));
}

void bg_budgets_markdown_mode(FILE *out, const struct bg_budget_report *br, int strict)
{
	struct bg_table t;

	if (!br || !br->n)
		return;
	counts_line(out, br, "\n**Budgets and targets**: ");
	fputc('\n', out);
	budget_table(&t, strict, br, bg_markdown_escape, 1);
	bg_table_print_markdown(out, &t);
	bg_table_release(&t);
}

json_t *bg_budgets_json(const struct bg_comparison *c, const struct bg_budget_report *br)
{
	return bg_budgets_json_mode(br, bg_report_fails_on(c, BG_INCONCLUSIVE));
}

json_t *bg_budgets_json_mode(const struct bg_budget_report *br, int strict)
{
	json_t *a = json_array();

	for (size_t i = 0; br && i < br->n; i++) {
		const struct bg_budget_check *b = &br->v[i];
		json_t *o = json_object(), *ci = json_array();

		json_array_append_new(ci, bg_json_number(b->ci.lo));
		json_array_append_new(ci, bg_json_number(b->ci.hi));
		json_object_set_new(o, "kind", json_string(b->is_target ? "target" : "budget"));
		json_object_set_new(o, "name", bg_json_string(b->bench));
		json_object_set_new(o, "versus", b->versus ? bg_json_string(b->versus) : json_null());
		json_object_set_new(o, "metric", bg_json_string(b->metric));
		json_object_set_new(o, "unit", bg_json_string(b->unit));
		json_object_set_new(o, "statistic", json_string(bg_statistic_name(b->statistic)));
		json_object_set_new(o, b->is_target ? "min_ratio" : "min", bg_json_number(b->min));
		json_object_set_new(o, b->is_target ? "max_ratio" : "max", bg_json_number(b->max));
		json_object_set_new(o, b->is_target ? "ratio" : "value", bg_json_number(b->value));
		json_object_set_new(o, b->is_target ? "ratio_ci" : "value_ci", ci);
		json_object_set_new(o, "status", json_string(bg_budget_status_name(b->status)));
		json_object_set_new(o, "fails", json_boolean(b->status == BG_BUDGET_MISSED ||
							     (strict && b->status == BG_BUDGET_INCONCLUSIVE)));
		json_array_append_new(a, o);
	}
	return a;
}
