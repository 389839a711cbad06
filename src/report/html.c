/*
 * HTML reports: one self-contained page (no script, no network, a Content Security
 * Policy that forbids both) with a summary, a forest plot of the changes against the
 * threshold band, and each benchmark's two distributions side by side, in inline SVG.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/budget.h"
#include "benchgate/report.h"
#include "internal.h"

/* The forest plot's geometry, in SVG user units (pixels at 100%). */
#define F_WIDTH 960
#define F_LABEL 330        /* the label column */
#define F_LEFT 340         /* plot area */
#define F_RIGHT 940
#define F_TOP 34
#define F_ROW 26
#define D_HEIGHT 120       /* one distribution plot */
#define D_MAX_POINTS 2000  /* points drawn per side; more are thinned evenly */

static const char style[] =
	"body{font:14px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px;"
	"color:#1b1b1b;background:#fff;max-width:1000px}\n"
	"h1{font-size:22px;margin:0 0 4px}h1 .fail{color:#b71c1c}h1 .pass{color:#1b5e20}\n"
	"h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd}\n"
	"h3{font-size:14px;margin:18px 0 4px;font-weight:600}\n"
	"table{border-collapse:collapse;font-variant-numeric:tabular-nums}\n"
	"th,td{padding:3px 8px;border-bottom:1px solid #eee;text-align:left}\n"
	"td.num{text-align:right;white-space:nowrap}\n"
	".v-regression,.v-missed{color:#b71c1c;font-weight:600}"
	".v-improvement{color:#1b5e20}.v-inconclusive,.v-insufficient{color:#e65100}\n"
	".v-missing,.v-new{color:#666}.fails{font-weight:700}\n"
	"svg text{font:12px system-ui,sans-serif;fill:#333}svg .axis{stroke:#999}\n"
	".muted{color:#666}code{font-size:13px}\n";

/* Stroke colour of a verdict in the plots. */
static const char *verdict_color(enum bg_verdict v)
{
	switch (v) {
	case BG_REGRESSION:
		return "#c62828";
	case BG_IMPROVEMENT:
		return "#2e7d32";
	case BG_INCONCLUSIVE:
	case BG_INSUFFICIENT:
		return "#ef6c00";
	case BG_PASS:
		return "#37474f";
	default:
		return "#9e9e9e";
	}
}

/* Whether the forest plot has a row with an estimate for r. */
static int plotted(const struct bg_result *r)
{
	return r->has_base && r->has_cur && isfinite(r->change.estimate);
}

/* The change domain: every finite bound and estimate, and 1.5 thresholds either side. */
static void forest_domain(struct bg_scale *s, const struct bg_comparison *c)
{
	s->lo = 0;
	s->hi = 0;
	for (size_t i = 0; i < c->n; i++) {
		const struct bg_result *r = &c->results[i];
		double v[3] = { r->change.estimate, r->change.ci.lo, r->change.ci.hi };

		if (!plotted(r))
			continue;
		for (int k = 0; k < 3; k++) {
			if (isfinite(v[k]) && v[k] < s->lo)
				s->lo = v[k];
			if (isfinite(v[k]) && v[k] > s->hi)
				s->hi = v[k];
		}
		if (-1.5 * r->threshold < s->lo)
			s->lo = -1.5 * r->threshold;
		if (1.5 * r->threshold > s->hi)
			s->hi = 1.5 * r->threshold;
	}
	/* Keep a wild outlier from squashing the rest: -100% .. +500% at most. */
	if (s->lo < -1)
		s->lo = -1;
	if (s->hi > 5)
		s->hi = 5;
	if (!(s->hi > s->lo)) {
		s->lo = -0.3;
		s->hi = 0.3;
	}
	s->lo -= (s->hi - s->lo) * 0.04;
	s->hi += (s->hi - s->lo) * 0.04;
	s->x0 = F_LEFT;
	s->x1 = F_RIGHT;
}

/* A small arrow head at x pointing left (dir -1) or right (+1): an unbounded interval. */
static void arrow(FILE *out, double x, double y, int dir, const char *color)
{
	fprintf(out, "<path d=\"M%.1f %.1fl%d -5v10z\" fill=\"%s\"/>", x, y, -7 * dir, color);
}

static void forest(FILE *out, const struct bg_comparison *c)
{
	struct bg_scale s;
	double height = F_TOP + (double)c->n * F_ROW + 12, y;

	forest_domain(&s, c);
	fprintf(out, "<svg id=\"forest\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%.0f\" viewBox=\"0 0 %d %.0f\" role=\"img\" aria-label=\"relative change of each benchmark with its interval\">\n",
		F_WIDTH, height, F_WIDTH, height);
	fprintf(out, "<rect width=\"%d\" height=\"%.0f\" fill=\"#fff\"/>\n", F_WIDTH, height);
	bg_svg_xticks(out, &s, F_TOP, height - 10, 1, NULL);
	fprintf(out, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%.0f\" stroke=\"#444\" stroke-dasharray=\"3 3\"/>\n",
		bg_scale_at(&s, 0), F_TOP, bg_scale_at(&s, 0), height - 10);
	y = F_TOP;
	for (size_t i = 0; i < c->n; i++, y += F_ROW) {
		const struct bg_result *r = &c->results[i];
		const char *col = verdict_color(r->verdict);
		double cy = y + F_ROW / 2.0;
		char *label = r->statistic == BG_STAT_MEDIAN
				      ? bg_asprintf("%s %s", r->bench, r->metric)
				      : bg_asprintf("%s %s (%s)", r->bench, r->metric,
						    bg_statistic_name(r->statistic));
		char *lab = bg_xml_escape(label), *change = bg_report_change(&r->change);
		char *tip = bg_asprintf("%s: %s, %s", label, bg_verdict_name(r->verdict), change);
		char *t = bg_xml_escape(tip);

		fprintf(out, "<g class=\"row\" data-verdict=\"%s\"><title>%s</title>\n",
			bg_verdict_name(r->verdict), t);
		if (i % 2 == 0)
			fprintf(out, "<rect x=\"0\" y=\"%.1f\" width=\"%d\" height=\"%d\" fill=\"#f7f7f7\"/>",
				y, F_WIDTH, F_ROW);
		/* The threshold band of this row: changes within it pass. */
		fprintf(out, "<rect class=\"band\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"#c8e6c9\" fill-opacity=\"0.6\"/>",
			bg_scale_at(&s, -r->threshold), y + 3, bg_scale_at(&s, r->threshold) - bg_scale_at(&s, -r->threshold),
			F_ROW - 6);
		/* A long name is squeezed into the label column rather than overlapping the plot. */
		if (bg_utf8_width(label) > 48)
			fprintf(out, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" textLength=\"%d\" lengthAdjust=\"spacingAndGlyphs\">%s</text>",
				F_LABEL, cy + 4, F_LABEL - 10, lab);
		else
			fprintf(out, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
				F_LABEL, cy + 4, lab);
		if (plotted(r)) {
			double lo = r->change.ci.lo, hi = r->change.ci.hi;
			double xl = isfinite(lo) ? bg_scale_at(&s, lo) : s.x0, xh = isfinite(hi) ? bg_scale_at(&s, hi) : s.x1;

			fprintf(out, "<line class=\"ci\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"/>",
				xl, cy, xh, cy, col);
			if (!isfinite(lo) || lo < s.lo)
				arrow(out, s.x0, cy, -1, col);
			if (!isfinite(hi) || hi > s.hi)
				arrow(out, s.x1, cy, 1, col);
			fprintf(out, "<circle class=\"est\" cx=\"%.1f\" cy=\"%.1f\" r=\"5\" fill=\"%s\"/>",
				bg_scale_at(&s, r->change.estimate), cy, col);
		} else {
			char *why = bg_xml_escape(r->note ? r->note : bg_verdict_name(r->verdict));

			fprintf(out, "<text x=\"%d\" y=\"%.1f\" class=\"muted\" fill=\"#777\">%s</text>",
				F_LEFT + 6, cy + 4, why);
			free(why);
		}
		fputs("</g>\n", out);
		free(label);
		free(lab);
		free(change);
		free(tip);
		free(t);
	}
	fputs("</svg>\n", out);
}

/* The samples of bench/metric in rs, or NULL. Borrowed. */
static const struct bg_metric *samples_of(const struct bg_resultset *rs, const char *bench,
					  const char *metric)
{
	const struct bg_bench *b = rs ? bg_resultset_find(rs, bench) : NULL;
	const struct bg_metric *m = b ? bg_bench_find(b, metric) : NULL;

	return m && m->n ? m : NULL;
}

/* A deterministic vertical jitter in -1 .. 1 for the i-th point. */
static double jitter(size_t i)
{
	uint32_t h = (uint32_t)i * 2654435761u;

	h ^= h >> 15;
	return (double)(h % 2001) / 1000.0 - 1;
}

/* One side's strip (points) and box (quartiles, median, whiskers to min and max) at y. */
static void strip(FILE *out, const struct bg_scale *s, const char *label, const struct bg_metric *m,
		  const struct bg_summary *sum, double y, const char *color)
{
	fprintf(out, "<g class=\"side\" data-side=\"%s\">", label);
	fprintf(out, "<text x=\"10\" y=\"%.1f\">%s</text><text x=\"10\" y=\"%.1f\" class=\"muted\" fill=\"#777\">n=%zu, %d run%s</text>",
		y - 2, label, y + 13, sum->n, sum->runs, sum->runs == 1 ? "" : "s");
	if (m) {
		double *sorted = bg_sorted_copy(m->samples, m->n);
		size_t step = m->n > D_MAX_POINTS ? (m->n + D_MAX_POINTS - 1) / D_MAX_POINTS : 1;
		double q1 = bg_quantile_sorted(sorted, m->n, 0.25);
		double q3 = bg_quantile_sorted(sorted, m->n, 0.75);

		fprintf(out, "<g class=\"points\" fill=\"%s\" fill-opacity=\"0.35\">", color);
		for (size_t i = 0; i < m->n; i += step)
			fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.5\"/>", bg_scale_at(s, m->samples[i]),
				y + 9 * jitter(i));
		fputs("</g>", out);
		fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>",
			bg_scale_at(s, sorted[0]), y, bg_scale_at(s, sorted[m->n - 1]), y, color);
		fprintf(out, "<rect class=\"box\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"16\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\"/>",
			bg_scale_at(s, q1), y - 8, bg_scale_at(s, q3) - bg_scale_at(s, q1), color);
		free(sorted);
	} else {
		fprintf(out, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>",
			bg_scale_at(s, sum->min), y, bg_scale_at(s, sum->max), y, color);
	}
	fprintf(out, "<line class=\"median\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"3\"/>",
		bg_scale_at(s, sum->median), y - 10, bg_scale_at(s, sum->median), y + 10, color);
	fputs("</g>\n", out);
}

static void distribution(FILE *out, const struct bg_result *r, const struct bg_report_info *info)
{
	const struct bg_metric *bm = r->has_base ? samples_of(info->base_rs, r->bench, r->metric) : NULL;
	const struct bg_metric *cm = r->has_cur ? samples_of(info->cur_rs, r->bench, r->metric) : NULL;
	struct bg_scale s = { INFINITY, -INFINITY, F_LEFT, F_RIGHT };
	char *b = bg_xml_escape(r->bench), *m = bg_xml_escape(r->metric);
	char *change = bg_report_change(&r->change);

	if (r->has_base) {
		s.lo = fmin(s.lo, r->base.min);
		s.hi = fmax(s.hi, r->base.max);
	}
	if (r->has_cur) {
		s.lo = fmin(s.lo, r->cur.min);
		s.hi = fmax(s.hi, r->cur.max);
	}
	if (!(s.hi > s.lo)) {
		double d = fabs(s.lo) > 0 ? fabs(s.lo) * 0.05 : 1;

		s.lo -= d;
		s.hi += d;
	}
	s.lo -= (s.hi - s.lo) * 0.03;
	s.hi += (s.hi - s.lo) * 0.03;

	fprintf(out, "<section class=\"bench\"><h3>%s <span class=\"muted\">%s</span> <span class=\"v-%s\">%s</span> <span class=\"muted\">%s</span></h3>\n",
		b, m, bg_verdict_name(r->verdict), bg_verdict_name(r->verdict), change);
	fprintf(out, "<svg class=\"dist\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"samples of the baseline and the current results\">\n",
		F_WIDTH, D_HEIGHT, F_WIDTH, D_HEIGHT);
	fprintf(out, "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n", F_WIDTH, D_HEIGHT);
	bg_svg_xticks(out, &s, 22, D_HEIGHT - 4, 0, r->unit);
	if (r->has_base)
		strip(out, &s, "baseline", bm, &r->base, 50, "#546e7a");
	if (r->has_cur)
		strip(out, &s, "current", cm, &r->cur, 92, verdict_color(r->verdict));
	fputs("</svg></section>\n", out);
	free(b);
	free(m);
	free(change);
}

/* One table cell: text escaped, class optional. */
static void cell(FILE *out, const char *cls, const char *text)
{
	char *t = bg_xml_escape(text);

	if (cls)
		fprintf(out, "<td class=\"%s\">%s</td>", cls, t);
	else
		fprintf(out, "<td>%s</td>", t);
	free(t);
}

static void results_table(FILE *out, const struct bg_comparison *c)
{
	char conf[32];

	bg_format_plain_percent(conf, sizeof(conf), c->confidence);
	fprintf(out, "<table id=\"results\"><thead><tr><th>benchmark</th><th>metric</th><th>baseline</th><th>current</th><th>change (%s CI)</th><th>p</th><th>verdict</th></tr></thead><tbody>\n",
		conf);
	for (size_t i = 0; i < c->n; i++) {
		const struct bg_result *r = &c->results[i];
		char *bv = bg_report_side(r, 0, r->unit);
		char *cv = bg_report_side(r, 1, r->unit);
		char *ch = bg_report_change(&r->change), *metric, p[16], vc[64];

		metric = r->statistic == BG_STAT_MEDIAN
				 ? bg_strdup(r->metric)
				 : bg_asprintf("%s (%s)", r->metric, bg_statistic_name(r->statistic));
		snprintf(vc, sizeof(vc), "v-%s%s", bg_verdict_name(r->verdict),
			 bg_report_fails_on(c, r->verdict) ? " fails" : "");
		fputs("<tr>", out);
		cell(out, NULL, r->bench);
		cell(out, NULL, metric);
		cell(out, "num", bv);
		cell(out, "num", cv);
		cell(out, "num", ch);
		cell(out, "num", bg_format_pvalue(p, sizeof(p), r->p_value));
		cell(out, vc, bg_verdict_name(r->verdict));
		fputs("</tr>\n", out);
		free(bv);
		free(cv);
		free(ch);
		free(metric);
	}
	fputs("</tbody></table>\n", out);
}

static void notes(FILE *out, const struct bg_comparison *c)
{
	int any = 0;

	for (size_t i = 0; i < c->n; i++) {
		const struct bg_result *r = &c->results[i];
		char *b, *m, *n;

		if (!r->note)
			continue;
		if (!any++)
			fputs("<ul id=\"notes\">\n", out);
		b = bg_xml_escape(r->bench);
		m = bg_xml_escape(r->metric);
		n = bg_xml_escape(r->note);
		fprintf(out, "<li><code>%s</code> %s: %s</li>\n", b, m, n);
		free(b);
		free(m);
		free(n);
	}
	if (any)
		fputs("</ul>\n", out);
}

static void budgets(FILE *out, const struct bg_comparison *c, const struct bg_budget_report *br)
{
	fputs("<h2>Budgets and targets</h2>\n<table id=\"budgets\"><thead><tr><th>benchmark</th><th>metric</th><th>limit</th><th>figure</th><th>status</th></tr></thead><tbody>\n",
	      out);
	for (size_t i = 0; i < br->n; i++) {
		const struct bg_budget_check *b = &br->v[i];
		char *name = b->is_target ? bg_asprintf("%s vs %s", b->bench, b->versus)
					  : bg_strdup(b->bench);
		char *limit = bg_budget_limit_text(b), *fig = bg_budget_figure_text(b), cls[64];

		snprintf(cls, sizeof(cls), "v-%s%s", bg_budget_status_name(b->status),
			 bg_budget_check_fails(c, b) ? " fails" : "");
		fputs("<tr>", out);
		cell(out, NULL, name);
		cell(out, NULL, b->metric);
		cell(out, NULL, limit);
		cell(out, "num", fig);
		cell(out, cls, bg_budget_status_name(b->status));
		fputs("</tr>\n", out);
		free(name);
		free(limit);
		free(fig);
	}
	fputs("</tbody></table>\n", out);
}

void bg_html_begin(FILE *out, const char *title)
{
	char *t = bg_xml_escape(title);

	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n", out);
	/* Nothing may be fetched and nothing run: styles inline, images only as data. */
	fputs("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n",
	      out);
	fputs("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n", out);
	fprintf(out, "<title>%s</title>\n<style>\n%s</style>\n</head>\n<body>\n", t, style);
	free(t);
}

void bg_html_check(FILE *out, const struct bg_comparison *c, const struct bg_report_info *info)
{
	char thr[32], conf[32], *counts = bg_report_counts(c), *s;
	const char *cmd = info->command ? info->command : "check";
	const char *verdict = bg_report_outcome(c->failed, info);

	bg_format_plain_percent(thr, sizeof(thr), c->mode ? c->mode->threshold : NAN);
	bg_format_plain_percent(conf, sizeof(conf), c->confidence);
	s = bg_asprintf("benchgate %s: %s", cmd, verdict);
	bg_html_begin(out, s);
	free(s);
	fprintf(out, "<header id=\"summary\" data-verdict=\"%s\"><h1>benchgate %s: <span class=\"%s\">%s</span></h1>\n",
		c->failed ? "fail" : "pass", cmd, c->failed ? "fail" : "pass", verdict);
	s = bg_xml_escape(c->mode ? c->mode->name : "?");
	fprintf(out, "<p>%s mode, threshold %s, %s confidence: %s", s, thr, conf, counts);
	free(s);
	if (c->ungated)
		fprintf(out, " (%zu metric%s not gated: no direction or ignored)", c->ungated,
			c->ungated == 1 ? "" : "s");
	bg_budgets_summary(out, info->budgets, "; ");
	fputs(".</p>\n", out);
	if (info->baseline_source) {
		s = bg_xml_escape(info->baseline_source);
		fprintf(out, "<p>Baseline: <code>%s</code>", s);
		free(s);
		if (info->baseline_commit) {
			s = bg_xml_escape(info->baseline_commit);
			fprintf(out, " at commit <code>%.12s</code>", s);
			free(s);
		}
		fputs(".", out);
		if (info->current_source) {
			s = bg_xml_escape(info->current_source);
			fprintf(out, " Current: <code>%s</code>.", s);
			free(s);
		}
		fputs("</p>\n", out);
	}
	fputs("</header>\n", out);

	fputs("<h2>Changes</h2>\n<p class=\"muted\">The relative change of each gated statistic with its interval; the green band is the threshold within which a change passes. An arrow marks an interval that goes beyond the plot or has no bound.</p>\n",
	      out);
	forest(out, c);
	results_table(out, c);
	notes(out, c);
	if (info->budgets && info->budgets->n)
		budgets(out, c, info->budgets);
	bg_html_axis(out, info);
	fputs("<h2>Distributions</h2>\n<p class=\"muted\">Every sample of each side (thinned evenly above 2000), the box from the first to the third quartile, the median as a thick line, the whiskers to the minimum and maximum.</p>\n",
	      out);
	for (size_t i = 0; i < c->n; i++)
		distribution(out, &c->results[i], info);
	fputs("</body>\n</html>\n", out);
	free(counts);
}
