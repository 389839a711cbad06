/* GitHub Actions reports: workflow commands for annotations, Markdown for the job summary. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/budget.h"
#include "benchgate/report.h"
#include "internal.h"

/*
 * Escape s for a workflow command as GitHub's runner does (toolkit's command.ts):
 * in the message, '%' -> %25, CR -> %0D, LF -> %0A; in a property value also
 * ':' -> %3A and ',' -> %2C. Other control characters become '?' so that nothing
 * can end the line or smuggle terminal codes. New string.
 */
char *bg_github_escape(const char *s, int property)
{
	size_t cap = (s ? strlen(s) : 0) * 3 + 1;
	char *out = bg_malloc(cap), *q = out;

	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		const char *rep = NULL;

		switch (*p) {
		case '%': rep = "%25"; break;
		case '\r': rep = "%0D"; break;
		case '\n': rep = "%0A"; break;
		case ':': rep = property ? "%3A" : NULL; break;
		case ',': rep = property ? "%2C" : NULL; break;
		default: break;
		}
		if (rep) {
			memcpy(q, rep, 3);
			q += 3;
		} else if (*p < 0x20 || *p == 0x7f) {
			*q++ = '?';
		} else {
			*q++ = (char)*p;
		}
	}
	*q = '\0';
	return out;
}

/* "::LEVEL title=TITLE::MESSAGE" with both escaped. */
static void command(FILE *out, const char *level, const char *title, const char *msg)
{
	char *t = bg_github_escape(title, 1), *m = bg_github_escape(msg, 0);

	fprintf(out, "::%s title=%s::%s\n", level, t, m);
	free(t);
	free(m);
}

/*
 * The annotation level of a verdict: error when it fails the gate, notice for an
 * improvement, warning for what needs a look (inconclusive, insufficient, missing,
 * new), nothing for a pass.
 */
static const char *level_of(const struct bg_comparison *c, enum bg_verdict v)
{
	if (bg_report_fails_on(c, v))
		return "error";
	switch (v) {
	case BG_PASS:
		return NULL;
	case BG_IMPROVEMENT:
		return "notice";
	default:
		return "warning";
	}
}

void bg_github_check(FILE *out, const struct bg_comparison *c, const struct bg_report_info *info)
{
	const struct bg_budget_report *br = info->budgets;
	char thr[32], *counts, *line;
	int failed = c->failed;

	for (size_t i = 0; i < c->n; i++) {
		const struct bg_result *r = &c->results[i];
		const char *level = level_of(c, r->verdict);
		char *title, *msg;

		if (!level)
			continue;
		title = bg_asprintf("benchgate: %s %s %s", r->bench, r->metric,
				    bg_verdict_name(r->verdict));
		msg = bg_result_message(c, r);
		command(out, level, title, msg);
		free(title);
		free(msg);
	}
	for (size_t i = 0; br && i < br->n; i++) {
		const struct bg_budget_check *b = &br->v[i];
		int fails = bg_budget_check_fails(c, b);
		char *limit, *fig, *title, *msg;

		if (b->status == BG_BUDGET_MET)
			continue;
		failed |= fails;
		limit = bg_budget_limit_text(b);
		fig = bg_budget_figure_text(b);
		if (b->is_target)
			title = bg_asprintf("benchgate: target %s vs %s %s %s", b->bench, b->versus,
					    b->metric, bg_budget_status_name(b->status));
		else
			title = bg_asprintf("benchgate: budget %s %s %s", b->bench, b->metric,
					    bg_budget_status_name(b->status));
		msg = bg_asprintf("%s: %s, limit %s", bg_budget_status_name(b->status), fig, limit);
		command(out, fails ? "error" : "warning", title, msg);
		free(limit);
		free(fig);
		free(title);
		free(msg);
	}
	counts = bg_report_counts(c);
	bg_format_plain_percent(thr, sizeof(thr), c->mode ? c->mode->threshold : NAN);
	if (br && br->n)
		line = bg_asprintf("%s mode, threshold %s: %s; budgets and targets: %zu met, %zu missed, %zu inconclusive -> %s",
				   c->mode ? c->mode->name : "?", thr, counts,
				   br->counts[BG_BUDGET_MET], br->counts[BG_BUDGET_MISSED],
				   br->counts[BG_BUDGET_INCONCLUSIVE], bg_report_outcome(failed, info));
	else
		line = bg_asprintf("%s mode, threshold %s: %s -> %s", c->mode ? c->mode->name : "?",
				   thr, counts, bg_report_outcome(failed, info));
	/* compare never fails the build: what a check would fail on is a warning there */
	command(out, !failed ? "notice"
		: info->command && !strcmp(info->command, "compare") ? "warning" : "error",
		"benchgate", line);
	free(line);
	free(counts);
}

int bg_github_summary(const char *path, const struct bg_comparison *c,
		      const struct bg_report_info *info, struct bg_error *err)
{
	FILE *f;
	int ret = 0;

	if (!path || !*path)
		return 0;
	if (!(f = fopen(path, "a")))
		return bg_error(err, BG_EXIT_STORE, "cannot append to '%s': %s", path,
				bg_strerror(errno));
	bg_markdown_check(f, c, info);
	fputc('\n', f);
	if (ferror(f))
		ret = bg_error(err, BG_EXIT_STORE, "cannot append to '%s': %s", path,
			       bg_strerror(errno ? errno : EIO));
	if (fclose(f) != 0 && !ret)
		ret = bg_error(err, BG_EXIT_STORE, "cannot append to '%s': %s", path,
			       bg_strerror(errno));
	return ret;
}
