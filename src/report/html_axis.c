/*
 * The HTML report's plots along an axis (--by): per benchmark group and metric, the
 * samples of every value of the axis side by side, on a log scale when they span more
 * than ten times.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/names.h"
#include "benchgate/report.h"
#include "benchgate/stats.h"
#include "internal.h"

#define A_WIDTH 960
#define A_LEFT 340
#define A_RIGHT 940
#define A_TOP 24
#define A_ROW 34
#define A_MAX_POINTS 2000

/* One value's samples of one metric. Borrowed. */
struct member {
	const char *value;
	const struct bg_metric *m;
};

/* A deterministic vertical jitter in -1 .. 1 for the i-th point. */
static double jitter(size_t i)
{
	uint32_t h = (uint32_t)i * 2654435761u;

	h ^= h >> 15;
	return (double)(h % 2001) / 1000.0 - 1;
}

/* Where v falls: log10 of it on a log scale. */
static double at(const struct bg_scale *s, int logscale, double v)
{
	return bg_scale_at(s, logscale ? log10(v) : v);
}

/* Grid lines at the powers of ten (and 2x, 5x when there are few) of a log scale, labelled above. */
static void log_ticks(FILE *out, const struct bg_scale *s, double top, double bottom)
{
	int lo = (int)floor(s->lo), hi = (int)ceil(s->hi);
	int few = hi - lo <= 2;

	for (int k = lo; k <= hi; k++)
		for (int f = 1; f <= 5; f += (f == 1 ? 1 : 3)) {
			double v = f * pow(10, k), x;
			char lab[64];

			if ((f != 1 && !few) || log10(v) < s->lo || log10(v) > s->hi)
				continue;
			x = bg_scale_at(s, log10(v));
			bg_format_value(lab, sizeof(lab), v, NULL);
			fprintf(out, "<line class=\"axis\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke-width=\"0.5\"/>",
				x, top, x, bottom);
			fprintf(out, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>\n", x,
				top - 6, lab);
		}
}

/* One value's row: points, the box from the first to the third quartile, the median, whiskers. */
static void row(FILE *out, const struct bg_scale *s, int logscale, const char *key,
		const struct member *mb, double y, const char *color, int reference)
{
	const struct bg_metric *m = mb->m;
	double *sorted = bg_sorted_copy(m->samples, m->n);
	size_t step = m->n > A_MAX_POINTS ? (m->n + A_MAX_POINTS - 1) / A_MAX_POINTS : 1;
	double q1 = bg_quantile_sorted(sorted, m->n, 0.25), q3 = bg_quantile_sorted(sorted, m->n, 0.75);
	double med = bg_quantile_sorted(sorted, m->n, 0.5);
	char *label = bg_asprintf("%s=%s", key, mb->value), *l = bg_xml_escape(label);
	int runs = bg_metric_runs(m);

	fprintf(out, "<g class=\"value\" data-value=\"%s\"%s>", l, reference ? " data-reference=\"1\"" : "");
	fprintf(out, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s%s</text>", A_LEFT - 10, y - 1,
		l, reference ? " (reference)" : "");
	fprintf(out, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" class=\"muted\" fill=\"#777\">n=%zu, %d run%s</text>",
		A_LEFT - 10, y + 13, m->n, runs, runs == 1 ? "" : "s");
	fprintf(out, "<g class=\"points\" fill=\"%s\" fill-opacity=\"0.35\">", color);
	for (size_t i = 0; i < m->n; i += step)
		fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\"/>", at(s, logscale, m->samples[i]),
			y + 9 * jitter(i));
	fputs("</g>", out);
	fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>",
		at(s, logscale, sorted[0]), y, at(s, logscale, sorted[m->n - 1]), y, color);
	fprintf(out, "<rect class=\"box\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"16\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"/>",
		at(s, logscale, q1), y - 8, at(s, logscale, q3) - at(s, logscale, q1), color);
	fprintf(out, "<line class=\"median\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"3\"/>",
		at(s, logscale, med), y - 10, at(s, logscale, med), y + 10, color);
	fputs("</g>\n", out);
	free(sorted);
	free(label);
	free(l);
}

/* One group's metric: the rows of every value that has samples of it. */
static void plot(FILE *out, const char *key, const char *group, const char *side,
		 const char *metric, const struct member *mb, size_t n)
{
	static const char *const colors[] = { "#546e7a", "#1565c0", "#6a1b9a", "#00838f", "#ad1457", "#ef6c00" };
	double lo = INFINITY, hi = -INFINITY;
	struct bg_scale s;
	int logscale;
	double height = A_TOP + (double)n * A_ROW + 10;
	char *g = bg_xml_escape(*group ? group : "(the whole name)"), *mt = bg_xml_escape(metric);
	const char *unit = mb[0].m->unit;

	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < mb[i].m->n; j++) {
			lo = fmin(lo, mb[i].m->samples[j]);
			hi = fmax(hi, mb[i].m->samples[j]);
		}
	logscale = lo > 0 && hi / lo > 10;
	if (logscale) {
		lo = log10(lo);
		hi = log10(hi);
	}
	if (!(hi > lo)) {
		double d = fabs(lo) > 0 ? fabs(lo) * 0.05 : 1;

		lo -= d;
		hi += d;
	}
	s.lo = lo - (hi - lo) * 0.03;
	s.hi = hi + (hi - lo) * 0.03;
	s.x0 = A_LEFT;
	s.x1 = A_RIGHT;
	fprintf(out, "<section class=\"axis-group\"><h3>%s <span class=\"muted\">%s", g, mt);
	if (side)
		fprintf(out, ", %s side", side);
	fprintf(out, "%s</span></h3>\n", logscale ? ", log scale" : "");
	fprintf(out, "<svg class=\"axis-dist\" data-scale=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%.0f\" viewBox=\"0 0 %d %.0f\" role=\"img\" aria-label=\"samples of each %s side by side\">\n",
		logscale ? "log" : "linear", A_WIDTH, height, A_WIDTH, height, key);
	fprintf(out, "<rect width=\"%d\" height=\"%.0f\" fill=\"#fff\"/>\n", A_WIDTH, height);
	if (logscale) {
		log_ticks(out, &s, A_TOP, height - 4);
		if (*unit) {
			char *u = bg_xml_escape(unit);

			fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" class=\"muted\">%s</text>\n",
				A_LEFT - 8, A_TOP - 6, u);
			free(u);
		}
	} else {
		bg_svg_xticks(out, &s, A_TOP, height - 4, 0, unit);
	}
	for (size_t i = 0; i < n; i++)
		row(out, &s, logscale, key, &mb[i], A_TOP + 20 + (double)i * A_ROW,
		    colors[i % (sizeof(colors) / sizeof(colors[0]))], i == 0);
	fputs("</svg></section>\n", out);
	free(g);
	free(mt);
}

/* Every group of rs along key, in order of first appearance, each metric a plot. */
static void side_plots(FILE *out, const struct bg_resultset *rs, const char *side,
		       const char *key, const struct bg_strlist *values)
{
	size_t nb = rs->nbenches;
	char **rest = bg_calloc(nb ? nb : 1, sizeof(*rest)), **val = bg_calloc(nb ? nb : 1, sizeof(*val));
	struct member *mb = bg_calloc(values->n ? values->n : 1, sizeof(*mb));

	for (size_t i = 0; i < nb; i++)
		rest[i] = bg_axis_rest(&val[i], rs->benches[i].name, key, rs->name_key);
	for (size_t i = 0; i < nb; i++) {
		int first = 1;

		if (!rest[i])
			continue;
		for (size_t k = 0; k < i && first; k++)
			if (rest[k] && !strcmp(rest[k], rest[i]))
				first = 0;
		if (!first)
			continue;
		/* The group's metrics, as its first member has them. */
		for (size_t j = 0; j < rs->benches[i].nmetrics; j++) {
			const char *metric = rs->benches[i].metrics[j].name;
			size_t n = 0;

			for (size_t v = 0; v < values->n; v++)
				for (size_t k = 0; k < nb; k++) {
					const struct bg_metric *m;

					if (!rest[k] || strcmp(rest[k], rest[i]) || strcmp(val[k], values->v[v]))
						continue;
					m = bg_bench_find(&rs->benches[k], metric);
					if (m && m->n) {
						mb[n].value = values->v[v];
						mb[n++].m = m;
					}
				}
			if (n >= 2)
				plot(out, key, rest[i], side, metric, mb, n);
		}
	}
	for (size_t i = 0; i < nb; i++) {
		free(rest[i]);
		free(val[i]);
	}
	free(rest);
	free(val);
	free(mb);
}

void bg_html_axis(FILE *out, const struct bg_report_info *info)
{
	char *k;

	if (!info->axis_key || !info->axis_values || !info->axis_rs[0])
		return;
	k = bg_xml_escape(info->axis_key);
	fprintf(out, "<h2 id=\"along\">Along %s</h2>\n<p class=\"muted\">For each group of benchmarks that differ only in <code>%s</code>, every value's samples side by side, the reference first: the box from the first to the third quartile, the median as a thick line, the whiskers to the minimum and maximum. The scale is logarithmic when the samples span more than ten times.</p>\n",
		k, k);
	free(k);
	for (int i = 0; i < 2; i++)
		if (info->axis_rs[i])
			side_plots(out, info->axis_rs[i], info->axis_side[i], info->axis_key,
				   info->axis_values);
}
