/* Formatting shared by the report writers: format names, numbers, escaping. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/report.h"
#include "internal.h"

int bg_format_parse(enum bg_format *out, const char *s)
{
	static const struct {
		const char *name;
		enum bg_format fmt;
	} formats[] = {
		{ "text", BG_FMT_TEXT },
		{ "json", BG_FMT_JSON },
		{ "markdown", BG_FMT_MARKDOWN },
		{ "junit", BG_FMT_JUNIT },
		{ "github", BG_FMT_GITHUB },
		{ "html", BG_FMT_HTML },
		{ "bmf", BG_FMT_BMF },
	};

	if (!s)
		return -1;
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		if (!strcmp(s, formats[i].name)) {
			*out = formats[i].fmt;
			return 0;
		}
	}
	return -1;
}

/*
 * For a table cell of GitHub-flavoured Markdown: & < > become entities (no HTML gets
 * through), | becomes \| (no new cell), ASCII punctuation with a meaning in Markdown
 * is backslash-escaped (including $, which GitHub reads as maths), newlines, tabs and
 * other control characters become spaces, and '@' is followed by U+200B ZERO WIDTH
 * SPACE so that "@team" mentions nobody.
 */
char *bg_markdown_escape(const char *s)
{
	struct bg_sbuf b = { NULL, 0, 0 };

	bg_sbuf_add(&b, "", 0);
	for (const char *p = s ? s : ""; *p; p++) {
		unsigned char ch = (unsigned char)*p;

		switch (ch) {
		case '&':
			bg_sbuf_add(&b, "&amp;", 5);
			break;
		case '<':
			bg_sbuf_add(&b, "&lt;", 4);
			break;
		case '>':
			bg_sbuf_add(&b, "&gt;", 4);
			break;
		case '@':
			bg_sbuf_add(&b, "@\xe2\x80\x8b", 4);
			break;
		case '|': case '\\': case '`': case '*': case '_': case '[': case ']':
		case '(': case ')': case '#': case '+': case '!': case '~': case '$':
			bg_sbuf_add(&b, "\\", 1);
			bg_sbuf_add(&b, p, 1);
			break;
		default:
			if (ch < 0x20 || ch == 0x7f)
				bg_sbuf_add(&b, " ", 1);
			else
				bg_sbuf_add(&b, p, 1);
		}
	}
	return b.s;
}

size_t bg_utf8_width(const char *s)
{
	size_t w = 0;

	for (; s && *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	return w;
}

char *bg_text_clean(const char *s)
{
	char *r = bg_strdup(s ? s : "");

	for (unsigned char *p = (unsigned char *)r; *p; p++) {
		if (*p < 0x20 || *p == 0x7f) {
			*p = '?';
		} else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			/* U+0080..U+009F, the C1 controls (CSI is U+009B). */
			*p = '?';
			memmove(p + 1, p + 2, strlen((char *)p + 2) + 1);
		}
	}
	return r;
}

char *bg_report_value(double v, const char *unit)
{
	struct bg_display d;

	bg_display_pick(&d, v, unit);
	return bg_report_value_in(v, &d, 1);
}

char *bg_report_value_in(double v, const struct bg_display *d, int with_unit)
{
	char num[64], *unit, *r;

	bg_format_in(num, sizeof(num), v, d, 0);
	if (!isfinite(v) || !with_unit)
		return bg_strdup(num);
	unit = bg_display_unit_new(d);
	r = *unit ? bg_asprintf("%s %s", num, unit) : bg_strdup(num);
	free(unit);
	return r;
}

/* The display of r's row: from the larger gated statistic of its two sides. */
static void result_display(struct bg_display *d, const struct bg_result *r, const char *unit)
{
	double b = r->has_base ? bg_summary_stat(&r->base, r->statistic) : NAN;
	double c = r->has_cur ? bg_summary_stat(&r->cur, r->statistic) : NAN;

	bg_display_pick(d, !isfinite(b) ? c : !isfinite(c) ? b : fabs(b) >= fabs(c) ? b : c, unit);
}

char *bg_report_side(const struct bg_result *r, int current, const char *unit)
{
	struct bg_display d;

	if (!(current ? r->has_cur : r->has_base))
		return bg_strdup("-");
	result_display(&d, r, unit);
	return bg_report_value_in(bg_summary_stat(current ? &r->cur : &r->base, r->statistic), &d,
				  1);
}

char *bg_report_change(const struct bg_change *ch)
{
	char est[32], lo[32], hi[32];

	if (isnan(ch->estimate))
		return bg_strdup("-");
	bg_format_percent(est, sizeof(est), ch->estimate);
	if (isnan(ch->ci.lo) && isnan(ch->ci.hi))
		return bg_strdup(est);
	bg_format_percent(lo, sizeof(lo), ch->ci.lo);
	bg_format_percent(hi, sizeof(hi), ch->ci.hi);
	return bg_asprintf("%s (%s .. %s)", est, lo, hi);
}

const char *bg_report_outcome(int failed, const struct bg_report_info *info)
{
	if (info && info->command && !strcmp(info->command, "compare"))
		return failed ? "a check would FAIL (compare does not gate)"
			      : "a check would PASS (compare does not gate)";
	return failed ? "FAIL" : "PASS";
}

char *bg_report_counts(const struct bg_comparison *c)
{
	static const struct {
		enum bg_verdict v;
		const char *one, *many;
	} order[] = {
		{ BG_REGRESSION, "regression", "regressions" },
		{ BG_IMPROVEMENT, "improvement", "improvements" },
		{ BG_PASS, "pass", "pass" },
		{ BG_INCONCLUSIVE, "inconclusive", "inconclusive" },
		{ BG_INSUFFICIENT, "insufficient", "insufficient" },
		{ BG_MISSING, "missing", "missing" },
		{ BG_NEW, "new", "new" },
	};
	struct bg_sbuf b = { NULL, 0, 0 };

	bg_sbuf_add(&b, "", 0);
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		size_t k = c->counts[order[i].v];
		char part[64];
		int len;

		if (!k)
			continue;
		len = snprintf(part, sizeof(part), "%s%zu %s", b.len ? ", " : "", k,
			       k == 1 ? order[i].one : order[i].many);
		bg_sbuf_add(&b, part, (size_t)len);
	}
	if (!b.len)
		bg_sbuf_add(&b, "no results", 10);
	if (c->shift.applied && c->shift.verdict != BG_PASS) {
		char part[96];
		int len = snprintf(part, sizeof(part), "; machine-wide shift: %s",
				   bg_verdict_name(c->shift.verdict));

		bg_sbuf_add(&b, part, (size_t)len);
	}
	return b.s;
}

int bg_report_fails_on(const struct bg_comparison *c, enum bg_verdict v)
{
	return c->mode && (unsigned)v < BG_NVERDICTS && c->mode->fail_on[v];
}
