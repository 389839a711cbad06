/* Budgets (absolute limits on a statistic) and targets (ratios between benchmarks). */
#ifndef BENCHGATE_BUDGET_H
#define BENCHGATE_BUDGET_H

#include <stddef.h>
#include <stdio.h>
#include <jansson.h>

#include "benchgate/error.h"
#include "benchgate/model.h"
#include "benchgate/stats.h"

/*
 * One entry of the config's "budgets" or "targets". A budget limits a statistic of
 * every matching benchmark and metric: min <= statistic <= max. A target limits the
 * ratio of a statistic between each benchmark matching bench and its counterpart
 * matching versus, the one whose name has the same text where bench has its '*':
 * min <= bench / versus <= max.
 */
struct bg_budget {
	int is_target;
	char *bench;                  /* glob; NULL = any (budgets only) */
	char *versus;                 /* targets: the counterpart's pattern */
	char *metric;                 /* glob on the metric name */
	enum bg_statistic statistic;  /* median by default */
	double min, max;              /* NAN = no limit; targets: min_ratio, max_ratio */
};

struct bg_budgets {
	struct bg_budget *v;
	size_t n, alloc;
};

enum bg_budget_status {
	BG_BUDGET_MET = 0,
	BG_BUDGET_MISSED,             /* the whole interval is beyond a limit */
	BG_BUDGET_INCONCLUSIVE,       /* the interval straddles a limit */
	BG_BUDGET_NSTATUS
};

const char *bg_budget_status_name(enum bg_budget_status s);   /* "met", "missed", "inconclusive" */

/* One budget or target judged on one benchmark and metric (or pair of benchmarks). */
struct bg_budget_check {
	int is_target;
	char *bench, *versus;         /* versus: targets only, else NULL */
	char *metric, *unit;
	enum bg_statistic statistic;
	size_t n, n_versus;           /* samples behind the figure */
	double value;                 /* the statistic, or the ratio */
	struct bg_interval ci;        /* its interval; infinite bounds when it has none */
	double min, max;              /* the limits, NAN when absent */
	enum bg_budget_status status;
};

struct bg_budget_report {
	struct bg_budget_check *v;
	size_t n, alloc;
	size_t counts[BG_BUDGET_NSTATUS];
	double confidence;
	struct bg_strlist warnings;   /* entries that matched nothing */
};

void bg_budgets_init(struct bg_budgets *b);
void bg_budgets_release(struct bg_budgets *b);
/* Release and free b (may be NULL). */
void bg_budgets_free(struct bg_budgets *b);

/*
 * Read the "budgets" and "targets" lists of a config root object (borrowed) into
 * *out, a new struct, or NULL when neither key is present. path, buf and len are the
 * config file and its text, for error places. Bad content: -1 with err set
 * (BG_EXIT_INPUT, "FILE:LINE:COL: ...").
 */
int bg_budgets_parse(struct bg_budgets **out, json_t *root, const char *path,
		     const char *buf, size_t len, struct bg_error *err);

void bg_budget_report_init(struct bg_budget_report *r);
void bg_budget_report_release(struct bg_budget_report *r);

/*
 * Judge every budget and target of b on rs at the given confidence. A budget on a
 * statistic judges its interval: met when the whole interval is within the limits,
 * missed when it is wholly beyond one, inconclusive otherwise. An entry that
 * matches no benchmark and metric adds a warning. Metrics without samples are
 * skipped.
 */
void bg_budget_evaluate(struct bg_budget_report *out, const struct bg_budgets *b,
			const struct bg_resultset *rs, double confidence);

/* Whether r fails a gate: a missed entry, or an inconclusive one when inconclusive_fails. */
int bg_budget_failed(const struct bg_budget_report *r, int inconclusive_fails);

/*
 * The limit of c for a person: "p95 <= 200 ms", "median >= 20 tok/s",
 * "median ratio <= 1.2", "15 ms <= median <= 20 ms". New string; names raw.
 */
char *bg_budget_limit_text(const struct bg_budget_check *c);

/*
 * The figure of c: "183.2 ms (170.1 .. 199.0)", "ratio 1.13 (1.08 .. 1.19)". New string.
 */
char *bg_budget_figure_text(const struct bg_budget_check *c);

/*
 * Substitute into pattern the text a '*' matched: for targets. *out is a new string.
 * Returns 0, or -1 when name does not match pattern or pattern does not have exactly
 * one '*'. For pattern without '*' and name equal to it, *out is a copy of other.
 */
int bg_budget_counterpart(char **out, const char *pattern, const char *other,
			  const char *name);

/*
 * Writers of a budget report (src/report/budgets.c): a table with a closing count
 * line (text, colours on the status when color), a Markdown table, or a JSON array of
 * {kind, name, versus, metric, unit, statistic, min/max or min_ratio/max_ratio, value
 * or ratio, value_ci or ratio_ci, status, fails}. strict: inconclusive fails.
 */
void bg_budgets_text_mode(FILE *out, const struct bg_budget_report *br, int strict, int color);
void bg_budgets_markdown_mode(FILE *out, const struct bg_budget_report *br, int strict);
json_t *bg_budgets_json_mode(const struct bg_budget_report *br, int strict);

#endif
