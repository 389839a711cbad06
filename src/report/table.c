/* Tables shared by the report writers: cells, alignment, and the rows of check and stats. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/report.h"
#include "internal.h"

void bg_table_init(struct bg_table *t, size_t ncols, const char *align)
{
	memset(t, 0, sizeof(*t));
	t->ncols = ncols;
	t->align = align;
}

void bg_table_release(struct bg_table *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->color);
	bg_table_init(t, t->ncols, t->align);
}

char **bg_table_row(struct bg_table *t)
{
	bg_grow(&t->cells, &t->alloc, (t->nrows + 1) * t->ncols, sizeof(*t->cells));
	bg_grow(&t->color, &t->color_alloc, t->nrows + 1, sizeof(*t->color));
	memset(&t->cells[t->nrows * t->ncols], 0, t->ncols * sizeof(*t->cells));
	t->color[t->nrows] = NULL;
	return &t->cells[t->nrows++ * t->ncols];
}

void bg_table_print_text(FILE *out, const struct bg_table *t, int color)
{
	size_t *w = bg_calloc(t->ncols, sizeof(*w));

	for (size_t i = 0; i < t->nrows; i++) {
		for (size_t j = 0; j < t->ncols; j++) {
			size_t cw = bg_utf8_width(t->cells[i * t->ncols + j]);

			if (cw > w[j])
				w[j] = cw;
		}
	}
	for (size_t i = 0; i < t->nrows; i++) {
		for (size_t j = 0; j < t->ncols; j++) {
			const char *cell = t->cells[i * t->ncols + j];
			const char *col = color && j == t->color_col ? t->color[i] : NULL;
			size_t pad = w[j] - bg_utf8_width(cell);
			int last = j + 1 == t->ncols;

			if (j)
				fputs("  ", out);
			if (t->align[j] == 'r')
				fprintf(out, "%*s", (int)pad, "");
			if (col)
				fprintf(out, "\033[%sm%s\033[0m", col, cell ? cell : "");
			else
				fputs(cell ? cell : "", out);
			if (t->align[j] != 'r' && !last)
				fprintf(out, "%*s", (int)pad, "");
		}
		fputc('\n', out);
	}
	free(w);
}

void bg_table_print_markdown(FILE *out, const struct bg_table *t)
{
	for (size_t i = 0; i < t->nrows; i++) {
		for (size_t j = 0; j < t->ncols; j++) {
			const char *cell = t->cells[i * t->ncols + j];

			fprintf(out, "| %s ", cell ? cell : "");
		}
		fputs("|\n", out);
		if (i == 0) {
			for (size_t j = 0; j < t->ncols; j++)
				fputs(t->align[j] == 'r' ? "| ---: " : "| --- ", out);
			fputs("|\n", out);
		}
	}
}

void bg_check_table_init(struct bg_table *t, double confidence)
{
	char conf[32], **row;

	bg_table_init(t, 7, "llrrrrl");
	t->color_col = 6;
	bg_format_plain_percent(conf, sizeof(conf), confidence);
	row = bg_table_row(t);
	row[0] = bg_strdup("benchmark");
	row[1] = bg_strdup("metric");
	row[2] = bg_strdup("baseline");
	row[3] = bg_strdup("current");
	row[4] = bg_asprintf("change (%s CI)", conf);
	row[5] = bg_strdup("p");
	row[6] = bg_strdup("verdict");
}

void bg_check_table_row(struct bg_table *t, const struct bg_result *r, bg_namefn name,
			const char *verdict_fmt)
{
	char **row = bg_table_row(t), *unit = name(r->unit), *metric = name(r->metric), p[16];

	row[0] = name(r->bench);
	/* The gated statistic is named when it is not the median. */
	if (r->statistic == BG_STAT_MEDIAN)
		row[1] = metric;
	else
		row[1] = bg_asprintf("%s (%s)", metric, bg_statistic_name(r->statistic));
	row[2] = bg_report_side(r, 0, unit);
	row[3] = bg_report_side(r, 1, unit);
	row[4] = bg_report_change(&r->change);
	row[5] = name(bg_format_pvalue(p, sizeof(p), r->p_value));   /* "<0.0001" */
	row[6] = bg_asprintf(verdict_fmt ? verdict_fmt : "%s", bg_verdict_name(r->verdict));
	if (row[1] != metric)
		free(metric);
	free(unit);
}

/* "12.3%" for a coefficient of variation of 0.123; "-" for NAN. New string. */
static char *cv_cell(double cv)
{
	return isfinite(cv) ? bg_asprintf("%.1f%%", cv * 100) : bg_strdup("-");
}

void bg_stats_table(struct bg_table *t, const struct bg_stats_row *rows, size_t n,
		    double confidence, bg_namefn name)
{
	char **row, conf[32];

	bg_table_init(t, 12, "llrrrrrrrrrl");
	bg_format_plain_percent(conf, sizeof(conf), confidence);
	row = bg_table_row(t);
	row[0] = bg_strdup("benchmark");
	row[1] = bg_strdup("metric");
	row[2] = bg_strdup("n");
	row[3] = bg_strdup("runs");
	row[4] = bg_strdup("median");
	row[5] = bg_asprintf("%s CI", conf);
	row[6] = bg_strdup("mean");
	row[7] = bg_strdup("stddev");
	row[8] = bg_strdup("cv");
	row[9] = bg_strdup("p95");
	row[10] = bg_strdup("p99");
	row[11] = bg_strdup("unit");
	for (size_t i = 0; i < n; i++) {
		const struct bg_summary *s = &rows[i].summary;
		char *unit = name(rows[i].metric->unit), *lo, *hi;
		struct bg_display d;

		/* One display per row, the median's: "2.294" ... "us". */
		bg_display_pick(&d, s->median, unit);
		lo = bg_report_value_in(s->median_ci.lo, &d, 0);
		hi = bg_report_value_in(s->median_ci.hi, &d, 0);
		row = bg_table_row(t);
		row[0] = name(rows[i].bench);
		row[1] = name(rows[i].metric->name);
		row[2] = bg_asprintf("%zu", s->n);
		row[3] = bg_asprintf("%d", s->runs);
		row[4] = bg_report_value_in(s->median, &d, 0);
		row[5] = bg_asprintf("[%s, %s]", lo, hi);
		row[6] = bg_report_value_in(s->mean, &d, 0);
		row[7] = bg_report_value_in(s->stddev, &d, 0);
		row[8] = cv_cell(s->cv);
		row[9] = bg_report_value_in(s->p95, &d, 0);
		row[10] = bg_report_value_in(s->p99, &d, 0);
		row[11] = bg_display_unit_new(&d);
		free(lo);
		free(hi);
		free(unit);
	}
}

void bg_write_notes(FILE *out, const struct bg_comparison *c,
		    int (*keep)(const struct bg_comparison *, const struct bg_result *), int want,
		    bg_namefn escape, const char *prefix)
{
	size_t written = 0;

	for (size_t i = 0; i < c->n; i++) {
		const struct bg_result *r = &c->results[i];
		char *b, *m, *note;

		if ((!r->note && !r->warning) || (keep && keep(c, r) != want))
			continue;
		b = escape(r->bench);
		m = escape(r->metric);
		if (r->note) {
			note = escape(r->note);
			fprintf(out, "%s%s %s %s: %s\n", written++ ? "" : "\n", prefix, b, m, note);
			free(note);
		}
		if (r->warning) {
			note = escape(r->warning);
			fprintf(out, "%s%s %s %s: warning: %s\n", written++ ? "" : "\n", prefix, b, m,
				note);
			free(note);
		}
		free(b);
		free(m);
	}
}

/* "+1.2% (-0.4% .. +2.9%)": a change and its interval. */
static void change_text(char *buf, size_t size, const struct bg_change *ch)
{
	char e[32], lo[32], hi[32];

	bg_format_percent(e, sizeof(e), ch->estimate);
	bg_format_percent(lo, sizeof(lo), ch->ci.lo);
	bg_format_percent(hi, sizeof(hi), ch->ci.hi);
	snprintf(buf, size, "%s (%s .. %s)", e, lo, hi);
}

char *bg_shift_text(const struct bg_comparison *c)
{
	const struct bg_run_shift *s = &c->shift;
	char raw[128], judged[128], off[32], *anchor = NULL, *r;

	if (!s->applied)
		return NULL;
	change_text(raw, sizeof(raw), &(struct bg_change){ s->estimate, s->ci, NAN });
	if (s->noise.source == BG_NOISE_UNKNOWN)
		return bg_asprintf("machine-wide shift: %s over %zu results, each judged relative to it; the shift itself: %s: %s",
				   raw, s->count, bg_verdict_name(s->verdict), s->reason);
	change_text(judged, sizeof(judged), &s->judged);
	if (isfinite(s->baseline_offset)) {
		bg_format_percent(off, sizeof(off), s->baseline_offset);
		anchor = bg_asprintf(" against the level of the notes before the baseline, whose own job ran at %s,",
				     off);
	}
	r = bg_asprintf("machine-wide shift: %s over %zu results, %s; the shift itself%s %s with a %s: %s",
			raw, s->count,
			s->verdict == BG_REGRESSION || s->verdict == BG_IMPROVEMENT
			? "beyond the machine's spread, so each is judged on its own change"
			: "each judged relative to it",
			anchor ? anchor : "", judged, s->reason, bg_verdict_name(s->verdict));
	free(anchor);
	return r;
}

void bg_write_comparison_notes(FILE *out, const struct bg_comparison *c, bg_namefn escape,
			       const char *prefix)
{
	char *shift = bg_shift_text(c), *t;

	if (shift || c->noise_note)
		fputc('\n', out);
	if (shift) {
		t = escape(shift);
		fprintf(out, "%s %s\n", prefix, t);
		free(t);
	}
	if (c->noise_note) {
		t = escape(c->noise_note);
		fprintf(out, "%s %s\n", prefix, t);
		free(t);
	}
	free(shift);
}
