/* The release checklist: items that pass or fail with their figure, and its writers. */
#ifndef BENCHGATE_RELEASE_H
#define BENCHGATE_RELEASE_H

#include <stdio.h>

#include "benchgate/error.h"
#include "benchgate/report.h"

enum bg_item_status {
	BG_ITEM_PASS = 0,
	BG_ITEM_FAIL,
	BG_ITEM_SKIPPED,           /* cannot be judged: "not reported", "none configured" */
};

const char *bg_item_status_name(enum bg_item_status s);   /* "pass", "fail", "skipped" */

/* One item: what is checked, whether it holds, and the figure that says so. */
struct bg_item {
	char *id;                  /* stable key for JSON: "samples", "runs", "baseline"... */
	char *title;               /* "samples per benchmark >= 100 on both sides" */
	enum bg_item_status status;
	char *figure;              /* "fewest 30 (baseline), 120 (current)" */
	struct bg_strlist details; /* one line per offending benchmark, at most a few */
};

struct bg_checklist {
	struct bg_item *v;
	size_t n, alloc;
	int failed;                /* some item failed */
	/* For the heading. Borrowed. */
	const char *mode;
	double threshold, confidence;
	const char *baseline_source, *baseline_tag, *baseline_commit, *current_source;
	const char *baseline_store;   /* where the baseline was read: "file" or "git" (a note) */
};

void bg_checklist_init(struct bg_checklist *l);
void bg_checklist_release(struct bg_checklist *l);

/*
 * Append an item; id is copied, title and figure are stolen (new strings). Returns it
 * (borrowed) for details to be added. A failing item sets l->failed.
 */
struct bg_item *bg_checklist_add(struct bg_checklist *l, const char *id,
				 enum bg_item_status status, char *title, char *figure);

/*
 * Write l as text (a line per item, "[pass]", "[FAIL]", "[skip]"), Markdown (a task
 * list: "- [x]" for a pass) or JSON (benchgate.release/1). Other formats:
 * BG_EXIT_USAGE. Write errors: BG_EXIT_STORE.
 */
int bg_report_release(FILE *out, enum bg_format fmt, const struct bg_checklist *l,
		      struct bg_error *err);

/*
 * Helpers of src/report the checklist's figures use (also in src/report/internal.h):
 * verdict counts "1 regression, 10 pass", "20%" for 0.2, the change cell
 * "+5.3% (+2.1% .. +8.4%)". New strings, or buf.
 */
char *bg_report_counts(const struct bg_comparison *c);
char *bg_format_plain_percent(char *buf, size_t size, double t);
char *bg_report_change(const struct bg_change *ch);
/*
 * The sentence on a result that junit, github and the checklist give: "regression:
 * median 2294 ns -> 3075 ns, change +34.1% (+31.0% .. +37.2%) at 95% confidence,
 * threshold 20%; NOTE", the note without what the sentence already says. New string.
 */
char *bg_result_message(const struct bg_comparison *c, const struct bg_result *r);

#endif
