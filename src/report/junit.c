/* JUnit XML reports: one testcase per benchmark and metric, as Jenkins and GitLab read them. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/budget.h"
#include "benchgate/report.h"
#include "internal.h"

/*
 * XML 1.0 text and attribute values: & < > " ' become entities; characters XML 1.0
 * cannot hold at all (C0 controls other than tab, LF and CR, U+FFFE, U+FFFF) and bytes
 * that are not UTF-8 become U+FFFD; tab, LF and CR become character references so
 * that attribute values keep them. The result is also safe as HTML text and as a
 * quoted HTML attribute.
 */
char *bg_xml_escape(const char *s)
{
	size_t cap = (s ? strlen(s) : 0) * 6 + 1, k;
	char *out = bg_malloc(cap), *q = out;

	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p += k) {
		k = bg_utf8_seq(p);
		if (!k) {
			memcpy(q, "\xef\xbf\xbd", 3);
			q += 3;
			k = 1;
			continue;
		}
		if (k == 3 && p[0] == 0xef && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf)) {
			memcpy(q, "\xef\xbf\xbd", 3);
			q += 3;
			continue;
		}
		switch (*p) {
		case '&': memcpy(q, "&amp;", 5); q += 5; break;
		case '<': memcpy(q, "&lt;", 4); q += 4; break;
		case '>': memcpy(q, "&gt;", 4); q += 4; break;
		case '"': memcpy(q, "&quot;", 6); q += 6; break;
		case '\'': memcpy(q, "&#39;", 5); q += 5; break;
		case '\t': memcpy(q, "&#9;", 4); q += 4; break;
		case '\n': memcpy(q, "&#10;", 5); q += 5; break;
		case '\r': memcpy(q, "&#13;", 5); q += 5; break;
		default:
			if (*p < 0x20 || *p == 0x7f) {
				memcpy(q, "\xef\xbf\xbd", 3);
				q += 3;
			} else {
				memcpy(q, p, k);
				q += k;
			}
		}
	}
	*q = '\0';
	return out;
}

/*
 * What r's note adds to the sentence of bg_result_message, which already gives the
 * verdict and the change: a note that opens with "VERDICT: " and the change (the
 * statistics' full sentence, "inconclusive: +27.1% (-14.4% .. +97.1%) at n=6; about
 * 380 samples...") loses both. *n_out receives the "n=6" it states, if any. Borrowed
 * from the note, or NULL when nothing is left.
 */
static const char *note_rest(const struct bg_result *r, const char *change, long *n_out)
{
	const char *n = r->note, *v = bg_verdict_name(r->verdict);
	size_t vl = strlen(v), cl = strlen(change);
	char *end;

	*n_out = -1;
	if (!n)
		return NULL;
	if (!strncmp(n, v, vl) && n[vl] == ':' && n[vl + 1] == ' ') {
		n += vl + 2;
		if (!strncmp(n, change, cl))
			n += cl;
		while (*n == ' ')
			n++;
		if (!strncmp(n, "at n=", 5)) {
			long k = strtol(n + 5, &end, 10);

			if (end > n + 5 && (*end == ';' || !*end)) {
				*n_out = k;
				n = end;
			}
		}
		while (*n == ';' || *n == ' ')
			n++;
	}
	return *n ? n : NULL;
}

char *bg_result_message(const struct bg_comparison *c, const struct bg_result *r)
{
	char thr[32], nn[48] = "", *change = bg_report_change(&r->change), *msg;
	char *bv = bg_report_side(r, 0, r->unit);
	char *cv = bg_report_side(r, 1, r->unit);
	long n;
	const char *rest = note_rest(r, change, &n);

	bg_format_plain_percent(thr, sizeof(thr), r->threshold);
	if (n >= 0)
		snprintf(nn, sizeof(nn), " and n=%ld", n);
	if (r->has_base && r->has_cur)
		msg = bg_asprintf("%s: %s %s -> %s, change %s at %g%% confidence%s, threshold %s%s%s",
				  bg_verdict_name(r->verdict), bg_statistic_name(r->statistic), bv,
				  cv, change, c->confidence * 100, nn, thr, rest ? "; " : "",
				  rest ? rest : "");
	else
		msg = bg_asprintf("%s: %s", bg_verdict_name(r->verdict),
				  rest ? rest : "one side only");
	free(change);
	free(bv);
	free(cv);
	return msg;
}

/* <testcase> of one result. */
static void testcase(FILE *out, const struct bg_comparison *c, const struct bg_result *r)
{
	char *cls = bg_xml_escape(r->bench), *name = bg_xml_escape(r->metric);
	char *raw = bg_result_message(c, r), *msg = bg_xml_escape(raw);

	fprintf(out, "    <testcase classname=\"%s\" name=\"%s\" time=\"0\">\n", cls, name);
	if (bg_report_fails_on(c, r->verdict))
		fprintf(out, "      <failure type=\"%s\" message=\"%s\">%s</failure>\n",
			bg_verdict_name(r->verdict), msg, msg);
	else if (r->verdict == BG_MISSING || r->verdict == BG_NEW)
		fprintf(out, "      <skipped message=\"%s\"/>\n", msg);
	else
		fprintf(out, "      <system-out>%s</system-out>\n", msg);
	fputs("    </testcase>\n", out);
	free(cls);
	free(name);
	free(raw);
	free(msg);
}

/* <testcase> of one budget or target, in the suite "budgets". */
static void budget_case(FILE *out, const struct bg_budget_check *b, int fails)
{
	char *limit = bg_budget_limit_text(b), *fig = bg_budget_figure_text(b);
	char *name = b->is_target ? bg_asprintf("%s vs %s %s: %s", b->bench, b->versus, b->metric, limit)
				  : bg_asprintf("%s %s: %s", b->bench, b->metric, limit);
	char *raw = bg_asprintf("%s: %s", bg_budget_status_name(b->status), fig);
	char *n = bg_xml_escape(name), *m = bg_xml_escape(raw);

	fprintf(out, "    <testcase classname=\"%s\" name=\"%s\" time=\"0\">\n",
		b->is_target ? "targets" : "budgets", n);
	if (fails)
		fprintf(out, "      <failure type=\"%s\" message=\"%s\">%s</failure>\n",
			bg_budget_status_name(b->status), m, m);
	else
		fprintf(out, "      <system-out>%s</system-out>\n", m);
	fputs("    </testcase>\n", out);
	free(limit);
	free(fig);
	free(name);
	free(raw);
	free(n);
	free(m);
}

/* Whether budget check b fails the gate of c: missed, or inconclusive where that fails. */
int bg_budget_check_fails(const struct bg_comparison *c, const struct bg_budget_check *b)
{
	return b->status == BG_BUDGET_MISSED ||
	       (b->status == BG_BUDGET_INCONCLUSIVE && bg_report_fails_on(c, BG_INCONCLUSIVE));
}

void bg_junit_check(FILE *out, const struct bg_comparison *c, const struct bg_report_info *info)
{
	const struct bg_budget_report *br = info->budgets;
	size_t failures = 0, skipped = 0, bfail = 0, nb = br ? br->n : 0;
	char thr[32], *suite, *src;

	for (size_t i = 0; i < c->n; i++) {
		if (bg_report_fails_on(c, c->results[i].verdict))
			failures++;
		else if (c->results[i].verdict == BG_MISSING || c->results[i].verdict == BG_NEW)
			skipped++;
	}
	for (size_t i = 0; i < nb; i++)
		bfail += bg_budget_check_fails(c, &br->v[i]);
	bg_format_plain_percent(thr, sizeof(thr), c->mode ? c->mode->threshold : NAN);
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", out);
	fprintf(out, "<testsuites name=\"benchgate\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"%zu\">\n",
		c->n + nb, failures + bfail, skipped);
	suite = bg_asprintf("benchgate %s (%s mode, threshold %s)",
			    info->command ? info->command : "check", c->mode ? c->mode->name : "?",
			    thr);
	src = bg_xml_escape(suite);
	fprintf(out, "  <testsuite name=\"%s\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"%zu\" time=\"0\">\n",
		src, c->n, failures, skipped);
	free(src);
	free(suite);
	fputs("    <properties>\n", out);
	if (info->baseline_source) {
		src = bg_xml_escape(info->baseline_source);
		fprintf(out, "      <property name=\"baseline\" value=\"%s\"/>\n", src);
		free(src);
	}
	if (info->baseline_commit) {
		src = bg_xml_escape(info->baseline_commit);
		fprintf(out, "      <property name=\"baseline_commit\" value=\"%s\"/>\n", src);
		free(src);
	}
	if (info->current_source) {
		src = bg_xml_escape(info->current_source);
		fprintf(out, "      <property name=\"current\" value=\"%s\"/>\n", src);
		free(src);
	}
	fprintf(out, "      <property name=\"verdict\" value=\"%s\"/>\n", c->failed ? "fail" : "pass");
	fputs("    </properties>\n", out);
	for (size_t i = 0; i < c->n; i++)
		testcase(out, c, &c->results[i]);
	fputs("  </testsuite>\n", out);
	if (nb) {
		fprintf(out, "  <testsuite name=\"benchgate budgets and targets\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" skipped=\"0\" time=\"0\">\n",
			nb, bfail);
		for (size_t i = 0; i < nb; i++)
			budget_case(out, &br->v[i], bg_budget_check_fails(c, &br->v[i]));
		fputs("  </testsuite>\n", out);
	}
	fputs("</testsuites>\n", out);
}
