/*
 * history -f html: each metric's series per commit with its intervals and the level
 * shifts marked, in inline SVG on one self-contained page (the check page's style,
 * Content Security Policy and plot helpers, html.c).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/report.h"
#include "internal.h"

/* A series plot's geometry, in SVG user units. */
#define H_WIDTH 960
#define H_HEIGHT 232
#define H_LEFT 90          /* plot area */
#define H_RIGHT 940
#define H_TOP 16
#define H_BOTTOM 192
#define H_MAX_POINTS 2000  /* points drawn per series; more are thinned evenly (shifts kept) */

/* The colour of a shift: worse red, better green, orange when the direction is not known. */
static const char *shift_color(const struct bg_history_series *s, double change)
{
	int lower = s->direction && !strcmp(s->direction, "lower");
	int higher = s->direction && !strcmp(s->direction, "higher");

	if ((!lower && !higher) || !isfinite(change))
		return "#ef6c00";
	return (change > 0) == lower ? "#c62828" : "#2e7d32";
}

/* The y domain: every finite value and bound, with a margin; 1 when all are equal. */
static int y_domain(struct bg_scale *ys, const struct bg_history_series *s)
{
	double lo = INFINITY, hi = -INFINITY;

	for (size_t i = 0; i < s->n; i++) {
		const struct bg_history_point *p = &s->p[i];
		double v[3] = { p->value, p->lo, p->hi };

		for (int k = 0; k < 3; k++) {
			if (isfinite(v[k]) && v[k] < lo)
				lo = v[k];
			if (isfinite(v[k]) && v[k] > hi)
				hi = v[k];
		}
	}
	if (!isfinite(lo))
		return -1;
	if (!(hi > lo)) {
		double d = fabs(lo) > 0 ? fabs(lo) * 0.05 : 1;

		lo -= d;
		hi += d;
	}
	ys->lo = lo - (hi - lo) * 0.05;
	ys->hi = hi + (hi - lo) * 0.05;
	ys->x0 = H_BOTTOM;
	ys->x1 = H_TOP;
	return 0;
}

/* "1.234 ms at abc1234 (2026-01-02), 95% CI 1.2 .. 1.3, n=10" */
static char *point_title(const struct bg_history_series *s, const struct bg_history_point *p)
{
	char v[48], lo[48], hi[48], day[11];
	struct bg_display d;

	bg_display_pick(&d, p->value, s->unit);
	bg_format_in(v, sizeof(v), p->value, &d, 1);
	snprintf(day, sizeof(day), "%s", p->date ? p->date : "");
	if (isnan(p->lo) && isnan(p->hi))
		return bg_asprintf("%s at %.7s (%s), n=%lld", v, p->commit, day, p->n);
	bg_format_in(lo, sizeof(lo), p->lo, &d, 0);
	bg_format_in(hi, sizeof(hi), p->hi, &d, 0);
	return bg_asprintf("%s at %.7s (%s), 95%% CI %s .. %s, n=%lld", v, p->commit, day, lo, hi,
			   p->n);
}

static void plot(FILE *out, const struct bg_history_series *s)
{
	struct bg_scale ys, xs = { 0, 1, H_LEFT + 10, H_RIGHT - 10 };
	size_t step = s->n > H_MAX_POINTS ? (s->n + H_MAX_POINTS - 1) / H_MAX_POINTS : 1;
	char *t;

	if (y_domain(&ys, s) < 0) {
		fputs("<p class=\"muted\">No finite value to plot.</p>\n", out);
		return;
	}
	if (s->n > 1)
		xs.hi = (double)(s->n - 1);
	else
		xs.lo = -1;
	t = bg_asprintf("%s %s per commit", s->bench, s->metric);
	{
		char *a = bg_xml_escape(t);

		fprintf(out, "<svg class=\"history\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"%s\">\n",
			H_WIDTH, H_HEIGHT, H_WIDTH, H_HEIGHT, a);
		free(a);
	}
	free(t);
	fprintf(out, "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n", H_WIDTH, H_HEIGHT);
	bg_svg_yticks(out, &ys, H_LEFT, H_RIGHT);
	if (s->unit && *s->unit) {
		char *u = bg_xml_escape(s->unit);

		fprintf(out, "<text x=\"8\" y=\"%d\" class=\"muted\">%s</text>\n", H_TOP + 4, u);
		free(u);
	}
	/* The intervals: a band of vertical bars, an arrow-less clamp where unbounded. */
	fputs("<g class=\"intervals\" stroke=\"#90a4ae\" stroke-width=\"2\">", out);
	for (size_t i = 0; i < s->n; i++) {
		const struct bg_history_point *p = &s->p[i];
		double x = bg_scale_at(&xs, (double)i);

		if ((i % step && !p->shift) || (isnan(p->lo) && isnan(p->hi)))
			continue;
		fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>", x,
			bg_scale_at(&ys, isfinite(p->lo) ? p->lo : ys.lo), x,
			bg_scale_at(&ys, isfinite(p->hi) ? p->hi : ys.hi));
	}
	fputs("</g>\n<polyline class=\"series\" fill=\"none\" stroke=\"#37474f\" stroke-width=\"1.5\" points=\"", out);
	for (size_t i = 0; i < s->n; i++)
		if ((!(i % step) || s->p[i].shift || i == s->n - 1) && isfinite(s->p[i].value))
			fprintf(out, "%s%.1f,%.1f", i ? " " : "", bg_scale_at(&xs, (double)i),
				bg_scale_at(&ys, s->p[i].value));
	fputs("\"/>\n", out);
	/* The level shifts: a dashed line at the first commit of the new level. */
	for (size_t i = 0; i < s->n; i++) {
		const struct bg_history_point *p = &s->p[i];
		const char *col;
		char pc[40], b[48], a[48], *tip, *et;
		double x;

		if (!p->shift)
			continue;
		col = shift_color(s, p->change);
		x = bg_scale_at(&xs, (double)i);
		bg_format_percent(pc, sizeof(pc), p->change);
		bg_format_value(b, sizeof(b), p->before, s->unit);
		bg_format_value(a, sizeof(a), p->after, s->unit);
		tip = bg_asprintf("level shift at %.7s: %s (%s -> %s)", p->commit, pc, b, a);
		et = bg_xml_escape(tip);
		fprintf(out, "<g class=\"shift\" data-change=\"%s\"><title>%s</title><line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"5 3\"/><text x=\"%.1f\" y=\"%d\" style=\"fill:%s\">%s</text></g>\n",
			pc, et, x, H_TOP, x, H_BOTTOM, col, x + 4, H_TOP + 10, col, pc);
		free(tip);
		free(et);
	}
	/* The points, each with its commit, value and interval as a tooltip. */
	fputs("<g class=\"points\" fill=\"#37474f\">", out);
	for (size_t i = 0; i < s->n; i++) {
		const struct bg_history_point *p = &s->p[i];
		char *tip, *et;

		if ((i % step && !p->shift) || !isfinite(p->value))
			continue;
		tip = point_title(s, p);
		et = bg_xml_escape(tip);
		fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\"><title>%s</title></circle>",
			bg_scale_at(&xs, (double)i), bg_scale_at(&ys, p->value), et);
		free(tip);
		free(et);
	}
	fputs("</g>\n", out);
	/* Dates under the axis: the first and last commits. */
	for (int k = 0; k < 2 && s->n; k++) {
		const struct bg_history_point *p = &s->p[k ? s->n - 1 : 0];
		char day[11];

		if (k && s->n == 1)
			break;
		snprintf(day, sizeof(day), "%s", p->date ? p->date : "");
		fprintf(out, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"%s\">%.7s %s</text>\n",
			bg_scale_at(&xs, k ? (double)(s->n - 1) : 0), H_BOTTOM + 20,
			k ? "end" : s->n == 1 ? "middle" : "start", p->commit, day);
	}
	fputs("</svg>\n", out);
}

/* The shifts of a series as a list, newest last. */
static void shift_list(FILE *out, const struct bg_history_series *s)
{
	int any = 0;

	for (size_t i = 0; i < s->n; i++) {
		const struct bg_history_point *p = &s->p[i];
		char pc[40], b[48], a[48], day[11], *eb, *ea;

		if (!p->shift)
			continue;
		if (!any++)
			fputs("<ul class=\"shifts\">\n", out);
		bg_format_percent(pc, sizeof(pc), p->change);
		bg_format_value(b, sizeof(b), p->before, s->unit);
		bg_format_value(a, sizeof(a), p->after, s->unit);
		snprintf(day, sizeof(day), "%s", p->date ? p->date : "");
		eb = bg_xml_escape(b);
		ea = bg_xml_escape(a);
		fprintf(out, "<li>at <code>%.12s</code> (%s): <span style=\"color:%s\">%s</span>, level %s &#8594; %s</li>\n",
			p->commit, day, shift_color(s, p->change), pc, eb, ea);
		free(eb);
		free(ea);
	}
	if (any)
		fputs("</ul>\n", out);
}

static size_t shifts_of(const struct bg_history_series *s)
{
	size_t k = 0;

	for (size_t i = 0; i < s->n; i++)
		k += s->p[i].shift != 0;
	return k;
}

int bg_report_history_html(FILE *out, const struct bg_history_series *s, size_t n,
			   const char *ref, const char *suite, const char *range,
			   struct bg_error *err)
{
	size_t total = 0;
	char *e;

	for (size_t i = 0; i < n; i++)
		total += shifts_of(&s[i]);
	bg_html_begin(out, "benchgate history");
	fputs("<header id=\"summary\"><h1>benchgate history</h1>\n<p>", out);
	e = bg_xml_escape(ref);
	fprintf(out, "Notes <code>%s</code>", e);
	free(e);
	e = bg_xml_escape(suite);
	fprintf(out, ", suite <code>%s</code>", e);
	free(e);
	e = bg_xml_escape(range ? range : "HEAD");
	fprintf(out, ", along <code>%s</code>: %zu series, %zu level shift%s.</p>\n</header>\n", e, n,
		total, total == 1 ? "" : "s");
	free(e);
	fputs("<table id=\"series\"><thead><tr><th>benchmark</th><th>metric</th><th>statistic</th><th>commits</th><th>latest</th><th>shifts</th></tr></thead><tbody>\n",
	      out);
	for (size_t i = 0; i < n; i++) {
		const struct bg_history_series *x = &s[i];
		char v[48], *b = bg_xml_escape(x->bench), *m = bg_xml_escape(x->metric), *ev;

		bg_format_value(v, sizeof(v), x->n ? x->p[x->n - 1].value : NAN, x->unit);
		ev = bg_xml_escape(v);
		fprintf(out, "<tr><td>%s</td><td>%s</td><td>%s</td><td class=\"num\">%zu</td><td class=\"num\">%s</td><td class=\"num\">%zu</td></tr>\n",
			b, m, x->statistic, x->n, ev, shifts_of(x));
		free(b);
		free(m);
		free(ev);
	}
	fputs("</tbody></table>\n<h2>Series</h2>\n<p class=\"muted\">The gated statistic at each commit with a note, oldest first, with its 95% interval as a vertical bar; a dashed line marks the first commit of a new level (red worse, green better), with the change of level.</p>\n",
	      out);
	for (size_t i = 0; i < n; i++) {
		const struct bg_history_series *x = &s[i];
		char *b = bg_xml_escape(x->bench), *m = bg_xml_escape(x->metric);
		int known = x->direction &&
			    (!strcmp(x->direction, "lower") || !strcmp(x->direction, "higher"));

		fprintf(out, "<section class=\"series\"><h3>%s <span class=\"muted\">%s</span> <span class=\"muted\">%s%s%s, %zu commit%s</span></h3>\n",
			b, m, x->statistic, known ? ", " : "", known ? (x->direction[0] == 'l' ? "lower is better" : "higher is better") : "",
			x->n, x->n == 1 ? "" : "s");
		plot(out, x);
		shift_list(out, x);
		fputs("</section>\n", out);
		free(b);
		free(m);
	}
	fputs("</body>\n</html>\n", out);
	return bg_report_finish(out, err);
}
