/* Report writers: one per output format. */
#ifndef BENCHGATE_REPORT_H
#define BENCHGATE_REPORT_H

#include <stdio.h>

#include "benchgate/format.h"
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
	BG_FMT_BMF,        /* Bencher Metric Format JSON (stats, check and compare) */
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


#endif
