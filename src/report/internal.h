/* Helpers shared by the report writers of src/report; not part of the public API. */
#ifndef BENCHGATE_REPORT_INTERNAL_H
#define BENCHGATE_REPORT_INTERNAL_H

#include <stdio.h>

#include "benchgate/report.h"

/*
 * A table of owned cells, filled row by row, then printed aligned (text) or as a
 * GitHub-flavoured Markdown table. Row 0 is the header. align holds one 'l' or 'r'
 * per column (borrowed).
 */
struct bg_table {
	size_t ncols, nrows, alloc;
	const char *align;
	char **cells;              /* nrows * ncols, each owned (NULL prints as "") */
	const char **color;        /* per row: SGR code ("31") for color_col, or NULL */
	size_t color_alloc;
	size_t color_col;          /* the column color[] applies to */
};

void bg_table_init(struct bg_table *t, size_t ncols, const char *align);
void bg_table_release(struct bg_table *t);
/* Append a row of empty cells; returns its cells (borrowed) for the caller to fill. */
char **bg_table_row(struct bg_table *t);

/*
 * Print t with columns two spaces apart, widths in UTF-8 code points (a wide or
 * combining character counts as one). Padding is written outside the colour codes,
 * so colours never break alignment. No trailing blanks.
 */
void bg_table_print_text(FILE *out, const struct bg_table *t, int color);
/* Print t as a Markdown table; the cells must already be escaped. */
void bg_table_print_markdown(FILE *out, const struct bg_table *t);

/* How a writer makes a name safe: bg_text_clean or bg_markdown_escape. New string. */
typedef char *(*bg_namefn)(const char *s);

/* A check table with its header row: benchmark, metric, baseline, current, change, p, verdict. */
void bg_check_table_init(struct bg_table *t, double confidence);
/*
 * Append the row of r. Names (benchmark, metric, unit) go through name; the verdict
 * through the printf format verdict_fmt ("%s" when NULL). Colour is left to the caller.
 */
void bg_check_table_row(struct bg_table *t, const struct bg_result *r, bg_namefn name,
			const char *verdict_fmt);
/*
 * The stats table (initialised here, with its header row): benchmark, metric, n, runs,
 * median, CI of the median, mean, stddev, cv, p95, p99, unit. Values without unit.
 */
void bg_stats_table(struct bg_table *t, const struct bg_stats_row *rows, size_t n,
		    double confidence, bg_namefn name);

/* Number of UTF-8 code points in s (bytes that are not continuation bytes). */
size_t bg_utf8_width(const char *s);

/*
 * A copy of s safe to print on a terminal: C0 and C1 control characters and DEL
 * become '?'. NULL gives "". New string.
 */
char *bg_text_clean(const char *s);

/*
 * One line "PREFIX BENCH METRIC: NOTE" per result that has a note and for which
 * keep(c, r) is want (keep NULL: every result), names made safe by escape; a blank
 * line before the first.
 */
void bg_write_notes(FILE *out, const struct bg_comparison *c,
		    int (*keep)(const struct bg_comparison *, const struct bg_result *), int want,
		    bg_namefn escape, const char *prefix);

/*
 * The comparison's own lines, each "PREFIX LINE" escaped, after a blank line: the
 * machine-wide shift (bg_shift_text) and where run-to-run noise came from. Nothing
 * when there is neither.
 */
void bg_write_comparison_notes(FILE *out, const struct bg_comparison *c, bg_namefn escape,
			       const char *prefix);

/* The machine-wide shift's line, or NULL when it was not estimated. New string. */
char *bg_shift_text(const struct bg_comparison *c);

/*
 * A value and its unit as a new string: bg_format_value of v, followed by " unit"
 * when v is finite and unit is not empty. unit is printed as given (the caller
 * cleans or escapes it).
 */
char *bg_report_value(double v, const char *unit);
/* v in display d as a new string, with d's unit when with_unit and v is finite. */
char *bg_report_value_in(double v, const struct bg_display *d, int with_unit);
/*
 * The gated statistic of r's baseline (current 0) or current side with unit, "-" when
 * the side is absent; both sides in the display of the larger ("818.5 ns" and "1.002
 * us" would read "0.8185 us", "1.002 us"). New string.
 */
char *bg_report_side(const struct bg_result *r, int current, const char *unit);


/* The change cell: "+5.3% (+2.1% .. +8.4%)", "-" when there is no estimate. New string. */
char *bg_report_change(const struct bg_change *ch);

/*
 * The non-zero verdict counts in a fixed order (regressions, improvements, pass,
 * inconclusive, insufficient, missing, new): "1 regression, 10 pass", or "no results";
 * then "; machine-wide shift: regression" when the shift applied and did not pass.
 * New string.
 */
char *bg_report_counts(const struct bg_comparison *c);
/*
 * The outcome a report's summary line ends with: "FAIL" or "PASS" for check; for
 * compare, which never fails the build (exit 0), what a check would say, said so.
 */
const char *bg_report_outcome(int failed, const struct bg_report_info *info);


/* Whether the mode of c fails the gate on verdict v. */
int bg_report_fails_on(const struct bg_comparison *c, enum bg_verdict v);

/*
 * Flush out and check it: 0, or -1 with err set (BG_EXIT_STORE) when any write
 * failed.
 */
int bg_report_finish(FILE *out, struct bg_error *err);

/* The per-format writers behind bg_report_check and bg_report_stats. */
void bg_text_check(FILE *out, const struct bg_comparison *c, const struct bg_report_info *info);
void bg_json_check(FILE *out, const struct bg_comparison *c, const struct bg_report_info *info);
void bg_markdown_check(FILE *out, const struct bg_comparison *c,
		       const struct bg_report_info *info);
void bg_text_stats(FILE *out, const struct bg_stats_row *rows, size_t n, double confidence);
void bg_json_stats(FILE *out, const struct bg_stats_row *rows, size_t n, double confidence);

/* Bencher Metric Format (bmf.c): the stats rows, or the current side of a comparison. */
void bg_bmf_stats(FILE *out, const struct bg_stats_row *rows, size_t n);
void bg_bmf_check(FILE *out, const struct bg_comparison *c);
void bg_markdown_stats(FILE *out, const struct bg_stats_row *rows, size_t n,
		       double confidence);

/* ---- HTML and SVG pieces (html.c), shared by the check and history pages ---- */

/* A linear scale: domain lo .. hi onto x0 .. x1 (x1 < x0 for a y axis drawn upwards). */
struct bg_scale {
	double lo, hi;      /* domain */
	double x0, x1;      /* range */
};

/* Where v falls, clamped to the domain. */
double bg_scale_at(const struct bg_scale *s, double v);
/* A "nice" tick step (1, 2 or 5 times a power of ten) for about five ticks over span. */
double bg_nice_step(double span);
/*
 * Vertical grid lines of an x scale between top and bottom, labelled above: percent
 * ("+5%") or values, and the unit (escaped here) left of the plot when given.
 */
void bg_svg_xticks(FILE *out, const struct bg_scale *s, double top, double bottom, int percent,
		   const char *unit);
/* Horizontal grid lines of a y scale between left and right, values labelled at the left. */
void bg_svg_yticks(FILE *out, const struct bg_scale *s, double left, double right);
/*
 * The page's beginning up to <body>: doctype, a Content Security Policy that lets
 * nothing be fetched or run, the shared style, the title (escaped here).
 */
void bg_html_begin(FILE *out, const char *title);
/* The plots along an axis (html_axis.c): nothing unless info has an axis. */
void bg_html_axis(FILE *out, const struct bg_report_info *info);

/* JUnit, GitHub and HTML writers (junit.c, github.c, html.c). */
void bg_junit_check(FILE *out, const struct bg_comparison *c, const struct bg_report_info *info);
void bg_github_check(FILE *out, const struct bg_comparison *c, const struct bg_report_info *info);
void bg_html_check(FILE *out, const struct bg_comparison *c, const struct bg_report_info *info);

/*
 * Append the Markdown report of c to path (GitHub's job summary file); nothing when
 * path is NULL or empty. BG_EXIT_STORE when it cannot be written.
 */
int bg_github_summary(const char *path, const struct bg_comparison *c,
		      const struct bg_report_info *info, struct bg_error *err);

/*
 * s safe as XML 1.0 (and HTML) text or quoted attribute: & < > " ' as entities, tab,
 * LF, CR as character references, other control characters, U+FFFE/U+FFFF and bytes
 * that are not UTF-8 as U+FFFD. NULL gives "". New string.
 */
char *bg_xml_escape(const char *s);

/*
 * s for a GitHub workflow command: % CR LF as %25 %0D %0A, and in a property value
 * (property non-zero) also : and , as %3A and %2C; other control characters as '?'.
 * New string.
 */
char *bg_github_escape(const char *s, int property);

/*
 * One line on a result for annotations and JUnit: "regression: median 2294 ns -> 3075 ns,
 * change +34.1% (+31.0% .. +37.2%) at 95% confidence, threshold 20%; NOTE". Names
 * are not included. New string, raw (the caller escapes it).
 */
char *bg_result_message(const struct bg_comparison *c, const struct bg_result *r);

struct bg_budget_check;
/* Whether budget check b fails the gate of c: missed, or inconclusive where c's mode fails on that. */
int bg_budget_check_fails(const struct bg_comparison *c, const struct bg_budget_check *b);

/* The budgets section of the text, Markdown and JSON reports (budgets.c). */
void bg_budgets_text(FILE *out, const struct bg_comparison *c, const struct bg_budget_report *br);
void bg_budgets_markdown(FILE *out, const struct bg_comparison *c,
			 const struct bg_budget_report *br);
json_t *bg_budgets_json(const struct bg_comparison *c, const struct bg_budget_report *br);
/* "SEPbudgets and targets: 4 met, 1 missed, 0 inconclusive" for a summary line; nothing without budgets. */
void bg_budgets_summary(FILE *out, const struct bg_budget_report *br, const char *sep);
/* The text section with ANSI colours on the status when color. */
void bg_budgets_text_color(FILE *out, const struct bg_comparison *c,
			   const struct bg_budget_report *br, int color);


#endif
