/* SVG scales and grid lines, shared by the HTML pages (html.c, html_axis.c, history_html.c). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "benchgate/report.h"
#include "internal.h"

#define F_LEFT 340         /* the plot area's left edge: units are labelled left of it */

/* A "nice" tick step (1, 2 or 5 times a power of ten) for about five ticks over span. */
double bg_nice_step(double span)
{
	double raw = span / 5, p = pow(10, floor(log10(raw))), m = raw / p;

	if (m < 1.5)
		return p;
	if (m < 3.5)
		return 2 * p;
	if (m < 7.5)
		return 5 * p;
	return 10 * p;
}

double bg_scale_at(const struct bg_scale *s, double v)
{
	if (v < s->lo)
		v = s->lo;
	if (v > s->hi)
		v = s->hi;
	return s->x0 + (v - s->lo) / (s->hi - s->lo) * (s->x1 - s->x0);
}

/*
 * Grid lines at nice steps of scale s and their labels (percent or values): vertical
 * lines from a to b (y coordinates) labelled above, or, across, horizontal lines from
 * a to b (x coordinates) labelled at the left.
 */
static void grid(FILE *out, const struct bg_scale *s, int across, double a, double b,
		 int percent)
{
	double step = bg_nice_step(s->hi - s->lo);

	for (double t = ceil(s->lo / step) * step; t <= s->hi + step * 1e-9; t += step) {
		char lab[64];
		double p = bg_scale_at(s, t);

		if (fabs(t) < step * 1e-9)
			t = 0;
		if (percent)
			snprintf(lab, sizeof(lab), "%+g%%", t * 100);
		else
			bg_format_value(lab, sizeof(lab), t, NULL);
		fprintf(out, "<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke-width=\"0.5\"/>",
			across ? a : p, across ? p : a, across ? b : p, across ? p : b);
		if (across)
			fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"end\">%s</text>\n",
				a - 6, p + 4, lab);
		else
			fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n",
				p, a - 6, lab);
	}
}

void bg_svg_xticks(FILE *out, const struct bg_scale *s, double top, double bottom, int percent,
		   const char *unit)
{
	grid(out, s, 0, top, bottom, percent);
	if (unit && *unit) {
		char *u = bg_xml_escape(unit);

		fprintf(out, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" class=\"muted\">%s</text>\n",
			F_LEFT - 8, top - 6, u);
		free(u);
	}
}

void bg_svg_yticks(FILE *out, const struct bg_scale *s, double left, double right)
{
	grid(out, s, 1, left, right, 0);
}

