/* Report writers: one per output format. */
#ifndef BENCHGATE_REPORT_H
#define BENCHGATE_REPORT_H

#include <stdio.h>

#include "benchgate/model.h"
#include "benchgate/policy.h"
#include "benchgate/stats.h"

enum bg_format {
	BG_FMT_TEXT = 0,
	BG_FMT_JSON,
	BG_FMT_MARKDOWN,
	BG_FMT_JUNIT,      /* JUnit XML for Jenkins and GitLab (check and compare only) */
	BG_FMT_GITHUB,     /* GitHub Actions workflow commands (check and compare only) */
	BG_FMT_HTML,       /* one self-contained HTML page with SVG plots (check and compare only) */
};

int bg_format_parse(enum bg_format *out, const char *s);   /* 0 or -1 */

struct bg_budget_report;

/* What a check report says about where its two sides came from. */
struct bg_report_info {
	const char *command;          /* "check" or "compare" */
	const char *baseline_source;
	const char *baseline_commit;  /* full id, or NULL */
	const char *current_source;
	int color;                    /* text only: ANSI colours */
	/* The result sets compared, for the raw samples of the HTML plots; may be NULL. */
	const struct bg_resultset *base_rs, *cur_rs;
	/* Budgets and targets judged on the current results, or NULL (budget.h). */
	const struct bg_budget_report *budgets;
	/* github: the file to append the Markdown summary to, or NULL ($GITHUB_STEP_SUMMARY). */
	const char *step_summary;
};

/*
 * Write a comparison. Returns 0, or -1 with err set (BG_EXIT_STORE) when writing
 * fails.
 */
int bg_report_check(FILE *out, enum bg_format fmt, const struct bg_comparison *c,
		    const struct bg_report_info *info, struct bg_error *err);

/* One row of `benchgate stats`. */
struct bg_stats_row {
	const char *bench;            /* borrowed */
	const struct bg_metric *metric;  /* borrowed */
	struct bg_summary summary;
};

int bg_report_stats(FILE *out, enum bg_format fmt, const struct bg_stats_row *rows,
		    size_t n, double confidence, struct bg_error *err);

/* One commit of a history series (`history -f html`). Strings borrowed. */
struct bg_history_point {
	const char *commit;          /* full id */
	const char *date;            /* ISO 8601 with the commit's offset */
	double value;                /* the gated statistic */
	double lo, hi;               /* its 95% interval (+-inf: unbounded); NAN: none (mean) */
	long long n;                 /* samples */
	int shift;                   /* the level shifted here: before, after, change are set */
	double before, after, change;
};

/* One benchmark and metric along the history, oldest point first. Strings borrowed. */
struct bg_history_series {
	const char *bench, *metric, *unit, *direction, *statistic;
	const struct bg_history_point *p;
	size_t n;
};

/*
 * The history as one self-contained HTML page (no script, nothing fetched): a table of
 * the series, then per series an SVG plot of the statistic per commit with its
 * interval, the level shifts marked, and a list of them. ref, suite and range say
 * what was walked (range NULL: HEAD). Names are escaped. Write errors: BG_EXIT_STORE.
 */
int bg_report_history_html(FILE *out, const struct bg_history_series *s, size_t n,
			   const char *ref, const char *suite, const char *range,
			   struct bg_error *err);

/* The summary fields of DESIGN.md's stats JSON, as a new object. */
json_t *bg_summary_json(const struct bg_summary *s);

/* Escape s for a Markdown table cell (no HTML, no mentions, no '|'); new string. */
char *bg_markdown_escape(const char *s);

/*
 * How a value is shown to a person: divided by 10^p10 (or 2^p2) and followed by its
 * unit with the prefix the value's size asks for. Times move between ns, us, ms and s
 * ("1.538 ms", not "1538 us"), sizes between B, kB, MB, GB, TB or KiB .. TiB (also as
 * the numerator of a rate: "131.2 MB/s"); any other unit, and none, takes an SI prefix
 * from 1000 up ("131.2 M items/s", "2.5 k"); "%" stays as it is. The unit as shown is
 * prefix, a blank when both are there, then name (replacing the unit's numerator) or
 * nothing, then rest. The strings are static or borrowed from the unit picked with.
 */
struct bg_display {
	int p10, p2;
	const char *prefix;     /* "M", or "" */
	const char *name;       /* the numerator's new name ("us"), or NULL: unchanged */
	const char *rest;       /* the unit from there on ("/op", or all of it), or NULL */
};

/*
 * The display for values around v in unit: the prefix that puts v, rounded to four
 * significant digits, in [1, 1000) (in [1, 1024) for binary sizes), within what the
 * unit's family has (no prefix below 1 ns, none below 1 for other units). unit NULL:
 * a bare number, never scaled; v not finite or 0: the unit as it is.
 */
void bg_display_pick(struct bg_display *d, double v, const char *unit);
/*
 * The same from e, the decimal exponent of the value rounded to four significant
 * digits; -1 for binary sizes, which need the value (bg_display_pick).
 */
int bg_display_pick_exp(struct bg_display *d, int e, const char *unit);
/* The unit as d shows it ("M items/s", "us/op", ""): its length, cut to fit buf. */
size_t bg_display_unit(char *buf, size_t size, const struct bg_display *d);
/* The same as a new string. */
char *bg_display_unit_new(const struct bg_display *d);

/*
 * v in display d for a person: four significant digits, positional for 1e-4 <= |v| <
 * 1e15 with every integer digit kept, trailing zeros dropped ("1.538", "123456"),
 * followed by " unit" when with_unit and d shows a unit; "-" for NAN, "inf"/"-inf"
 * (never a unit) for infinities. buf of at least 32 bytes; returns buf.
 */
char *bg_format_in(char *buf, size_t size, double v, const struct bg_display *d, int with_unit);

/*
 * Format a value with its unit for a person: bg_format_in of v in the display
 * bg_display_pick chooses for v alone: "1.234 ms", "17.14 tok/s", "131.2 M items/s",
 * "2.294 us" (for 2294 ns). unit may be NULL (a bare number, never scaled) or "".
 * buf of at least 32 bytes; returns buf.
 */
char *bg_format_value(char *buf, size_t size, double v, const char *unit);

/*
 * v is a fraction: "+5.3%", "-0.8%", "+0.0%", one decimal below 1000%, none from
 * there ("+1234%"); "+inf"/"-inf" for infinities, "-" for NAN. buf of at least 32 bytes.
 */
char *bg_format_percent(char *buf, size_t size, double v);

#endif
