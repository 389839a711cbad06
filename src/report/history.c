/* The history of gated statistics for a person or a program: text, CSV, JSON and the HTML page. */
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/changepoint.h"
#include "benchgate/history.h"
#include "benchgate/report.h"

void bg_hseries_release(struct bg_hseries *s)
{
	free(s->bench);
	free(s->metric);
	free(s->unit);
	free(s->direction);
	free(s->p);
	free(s->cp);
	free(s->shift_at);
	free(s->arena);
}

/* The three texts of a point: value, lo, hi. */
static void point_text(const struct bg_hseries *s, const struct bg_hpoint *p, const char **t)
{
	t[0] = s->arena + p->text;
	t[1] = t[0] + strlen(t[0]) + 1;
	t[2] = t[1] + strlen(t[1]) + 1;
}

/*
 * Output through one buffer: a million lines through stdio calls, printf field by
 * field, took longer than reading the history.
 */
struct out {
	FILE *f;             /* NULL: into mem */
	char *mem;
	size_t mlen, malloc_;
	size_t len;
	char buf[1 << 16];
};

/* An output into f, or into memory when f is NULL. */
static struct out *out_new(FILE *f)
{
	struct out *o = bg_malloc(sizeof(*o));

	o->f = f;
	o->mem = NULL;
	o->mlen = o->malloc_ = o->len = 0;
	return o;
}

/* Into the file, or the memory of an output without one. */
static void out_write(struct out *o, const char *s, size_t n)
{
	if (o->f) {
		fwrite(s, 1, n, o->f);
		return;
	}
	bg_grow(&o->mem, &o->malloc_, o->mlen + n, 1);
	memcpy(o->mem + o->mlen, s, n);
	o->mlen += n;
}

static void out_flush(struct out *o)
{
	if (o->len)
		out_write(o, o->buf, o->len);
	o->len = 0;
}

/* Write what is buffered, and free o. */
static void out_end(struct out *o)
{
	out_flush(o);
	free(o->mem);
	free(o);
}

static void out_put(struct out *o, const char *s, size_t n)
{
	if (o->len + n > sizeof(o->buf)) {
		out_flush(o);
		if (n > sizeof(o->buf)) {
			out_write(o, s, n);
			return;
		}
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static void out_str(struct out *o, const char *s)
{
	out_put(o, s, strlen(s));
}

static void out_chr(struct out *o, char c)
{
	if (o->len == sizeof(o->buf))
		out_flush(o);
	o->buf[o->len++] = c;
}

/* s in a field of width columns, as printf's "%*s" (right) or "%-*s" (left). */
static void out_pad(struct out *o, const char *s, size_t n, size_t width, int left)
{
	if (left)
		out_put(o, s, n);
	for (size_t i = n; i < width; i++)
		out_chr(o, ' ');
	if (!left)
		out_put(o, s, n);
}

/* A whole number as "%lld" would, right-aligned in width columns. */
static void out_ll(struct out *o, long long v, size_t width)
{
	char b[24];
	size_t n = sizeof(b);
	unsigned long long u = v < 0 ? 0 - (unsigned long long)v : (unsigned long long)v;

	do {
		b[--n] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		b[--n] = '-';
	out_pad(o, b + n, sizeof(b) - n, width, 0);
}

static void out_printf(struct out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void out_printf(struct out *o, const char *fmt, ...)
{
	char small[512], *big = NULL;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(small, sizeof(small), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof(small)) {
		big = bg_malloc((size_t)n + 1);
		va_start(ap, fmt);
		vsnprintf(big, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	out_put(o, big ? big : small, (size_t)n);
	free(big);
}

/* A CSV field: as it is, or quoted when it holds a comma, quote or line break. New. */
static char *csv_quoted(const char *s)
{
	char *r, *w;

	if (!strpbrk(s, ",\"\n\r"))
		return bg_strdup(s);
	w = r = bg_malloc(2 * strlen(s) + 3);
	*w++ = '"';
	for (; *s; s++) {
		if (*s == '"')
			*w++ = '"';
		*w++ = *s;
	}
	*w++ = '"';
	*w = '\0';
	return r;
}

/*
 * The number a summary's text t denotes. side says what "null" is: the value (NAN),
 * -1 a lower bound, 1 an upper bound (the infinite bound on that side).
 */
static double text_value(const char *t, int side)
{
	if (!strcmp(t, "null"))
		return side < 0 ? -INFINITY : side > 0 ? INFINITY : NAN;
	return strtod(t, NULL);
}

/*
 * A number of the summary as text shows it (bg_format_value), its display in *d: from
 * its text when bg_summary_format_pick can, else from the double it denotes.
 */
static size_t format_text(char *buf, size_t size, struct bg_display *d, const char *t,
			  const char *unit)
{
	int n = bg_summary_format_pick(buf, size, d, t, strlen(t), unit);
	double v;

	if (n >= 0)
		return (size_t)n;
	v = text_value(t, 0);
	bg_display_pick(d, v, unit);
	bg_format_in(buf, size, v, d, 1);
	return strlen(buf);
}

/* A bound of the interval in display d, without unit (side as for text_value). */
static size_t format_text_in(char *buf, size_t size, const struct bg_display *d, const char *t,
			     int side)
{
	int n = bg_summary_format_in(buf, size, t, strlen(t), d, 0);

	if (n >= 0)
		return (size_t)n;
	bg_format_in(buf, size, text_value(t, side), d, 0);
	return strlen(buf);
}

/* Series i as text. */
static void text_series(struct out *o, const struct bg_history *h, size_t i)
{
	const struct bg_hseries *s = &h->series[i];
	const char *stat = bg_statistic_name(s->stat);

	out_printf(o, "%s%s  %s  (%s, %s is better, %zu commit%s, %zu shift%s)\n",
		   i ? "\n" : "", s->bench, s->metric, stat, s->direction, s->n,
		   s->n == 1 ? "" : "s", s->ncp, s->ncp == 1 ? "" : "s");
	out_printf(o, "%-8s  %-10s  %12s  %-27s  %6s  %s\n", "commit", "date", stat,
		   s->stat == BG_STAT_MEAN ? "" : "95% CI", "n", "shift");
	for (size_t j = 0; j < s->n; j++) {
		const struct bg_hpoint *p = &s->p[j];
		const struct bg_hcommit *c = &h->commits[p->commit];
		const char *t[3];
		char v[64], ci[140];
		size_t vl, cl = 0;
		struct bg_display d;

		point_text(s, p, t);
		vl = format_text(v, sizeof(v), &d, t[0], s->unit);
		if (s->stat != BG_STAT_MEAN) {
			/* The interval in the value's unit. */
			ci[cl++] = '[';
			cl += format_text_in(ci + cl, 64, &d, t[1], -1);
			ci[cl++] = ',';
			ci[cl++] = ' ';
			cl += format_text_in(ci + cl, 64, &d, t[2], 1);
			ci[cl++] = ']';
		}
		out_put(o, c->id, 7);
		out_put(o, "   ", 3);
		out_pad(o, c->day, strlen(c->day), 10, 1);
		out_put(o, "  ", 2);
		out_pad(o, v, vl, 12, 0);
		out_put(o, "  ", 2);
		out_pad(o, ci, cl, 27, 1);
		out_put(o, "  ", 2);
		out_ll(o, p->n, 6);
		if (s->shift_at[j]) {
			const struct bg_changepoint *cp = &s->cp[s->shift_at[j] - 1];
			char pc[40], b[40], a[40];

			bg_format_percent(pc, sizeof(pc), cp->change);
			bg_format_value(b, sizeof(b), cp->before, s->unit);
			bg_format_value(a, sizeof(a), cp->after, s->unit);
			out_printf(o, "  %s (level %s -> %s)", pc, b, a);
		}
		out_chr(o, '\n');
	}
}

/* A share of the series [from, to) formatted on a thread of its own, into memory. */
struct share {
	const struct bg_history *h;
	void (*series)(struct out *o, const struct bg_history *h, size_t i);
	size_t from, to;
	struct out *o;
};

static void *share_run(void *arg)
{
	struct share *sh = arg;

	for (size_t i = sh->from; i < sh->to; i++)
		sh->series(sh->o, sh->h, i);
	out_flush(sh->o);
	return NULL;
}

/* Points a share holds at least before it is cut (and so in memory at most, about). */
#define SHARE_POINTS 50000

/* The end of the share of series from: about SHARE_POINTS points, one series at least. */
static size_t share_end(const struct bg_history *h, size_t from)
{
	size_t points = 0, to = from;

	while (to < h->nseries && (to == from || points + h->series[to].n <= SHARE_POINTS))
		points += h->series[to++].n;
	return to;
}

/*
 * Every series through series(o, h, i) in order into o: shares of them two at a
 * time, the second formatted on another thread into memory while this one writes
 * the first, then written after it. The output is the same as one series after the
 * other; a history of a few thousand points is done here alone.
 */
static void print_series(struct out *o, const struct bg_history *h,
			 void (*series)(struct out *o, const struct bg_history *h, size_t i))
{
	size_t total = 0, i = 0;

	for (size_t k = 0; k < h->nseries; k++)
		total += h->series[k].n;
	while (i < h->nseries) {
		size_t mid = share_end(h, i), end = mid < h->nseries ? share_end(h, mid) : mid;
		struct share sh = { h, series, mid, end, NULL };
		pthread_t tid;
		int started = 0;

		if (total >= 2 * SHARE_POINTS && mid < end) {
			sh.o = out_new(NULL);
			started = pthread_create(&tid, NULL, share_run, &sh) == 0;
		}
		for (; i < (started ? mid : end); i++)
			series(o, h, i);
		if (started) {
			pthread_join(tid, NULL);
			out_flush(o);
			out_put(o, sh.o->mem, sh.o->mlen);
			i = end;
		}
		if (sh.o)
			out_end(sh.o);
	}
}

void bg_history_print_text(FILE *f, const struct bg_history *h)
{
	struct out *o = out_new(f);

	print_series(o, h, text_series);
	out_end(o);
}

/* Series i as CSV rows. */
static void csv_series(struct out *o, const struct bg_history *h, size_t i)
{
	const struct bg_hseries *s = &h->series[i];
	char *bench = csv_quoted(s->bench), *metric = csv_quoted(s->metric);
	char *unit = csv_quoted(s->unit);
	/* The columns every line of the series shares, formatted once. */
	char *head = bg_asprintf("%s,%s,%s,%s,%s,", bench, metric, unit, s->direction,
				 bg_statistic_name(s->stat));
	size_t hl = strlen(head);

	free(bench);
	free(metric);
	free(unit);
	for (size_t j = 0; j < s->n; j++) {
		const struct bg_hpoint *p = &s->p[j];
		const struct bg_hcommit *c = &h->commits[p->commit];
		const char *t[3];

		point_text(s, p, t);
		out_put(o, head, hl);
		out_str(o, c->id);
		out_chr(o, ',');
		out_str(o, c->date);
		for (int k = 0; k < 3; k++) {
			out_chr(o, ',');
			if (strcmp(t[k], "null"))
				out_str(o, t[k]);
		}
		out_chr(o, ',');
		out_ll(o, p->n, 0);
		out_chr(o, ',');
		if (s->shift_at[j])
			out_printf(o, "%.10g", s->cp[s->shift_at[j] - 1].change);
		out_chr(o, '\n');
	}
	free(head);
}

void bg_history_print_csv(FILE *f, const struct bg_history *h)
{
	struct out *o = out_new(f);

	out_str(o, "name,metric,unit,direction,statistic,commit,date,value,ci_lo,ci_hi,n,shift\n");
	print_series(o, h, csv_series);
	out_end(o);
}

/* A JSON string (escaped by jansson) or null. */
static void json_str(struct out *o, const char *s)
{
	json_t *v = json_string(s);
	char *t = v ? json_dumps(v, JSON_ENCODE_ANY) : NULL;

	out_str(o, t ? t : "null");
	free(t);
	json_decref(v);
}

static void json_num(struct out *o, double v)
{
	if (isfinite(v))
		out_printf(o, "%.10g", v);
	else
		out_str(o, "null");
}

/* Written by hand: a million points through jansson objects would take seconds. */
void bg_history_print_json(FILE *f, const struct bg_history *h, const char *ref, const char *range)
{
	struct out *o = out_new(f);

	out_str(o, "{\n  \"schema\": \"benchgate.history/1\",\n  \"notes_ref\": ");
	json_str(o, ref);
	out_str(o, ",\n  \"suite\": ");
	json_str(o, h->suite);
	out_str(o, ",\n  \"range\": ");
	json_str(o, range ? range : "HEAD");
	out_str(o, ",\n  \"series\": [");
	for (size_t i = 0; i < h->nseries; i++) {
		const struct bg_hseries *s = &h->series[i];
		int first = 1;

		out_str(o, i ? ",\n    {\n      \"name\": " : "\n    {\n      \"name\": ");
		json_str(o, s->bench);
		out_str(o, ",\n      \"metric\": ");
		json_str(o, s->metric);
		out_str(o, ",\n      \"unit\": ");
		json_str(o, s->unit);
		out_str(o, ",\n      \"direction\": ");
		json_str(o, s->direction);
		out_printf(o, ",\n      \"statistic\": \"%s\",\n      \"points\": [",
			   bg_statistic_name(s->stat));
		for (size_t j = 0; j < s->n; j++) {
			const struct bg_hpoint *p = &s->p[j];
			const struct bg_hcommit *c = &h->commits[p->commit];
			const char *t[3];

			point_text(s, p, t);
			out_str(o, j ? ",\n        {\"commit\": \"" : "\n        {\"commit\": \"");
			out_str(o, c->id);
			out_str(o, "\", \"date\": \"");
			out_str(o, c->date);
			out_str(o, "\", \"value\": ");
			out_str(o, t[0]);
			out_str(o, ", \"ci\": [");
			out_str(o, t[1]);
			out_str(o, ", ");
			out_str(o, t[2]);
			out_str(o, "], \"n\": ");
			out_ll(o, p->n, 0);
			out_chr(o, '}');
		}
		out_str(o, s->n ? "\n      ],\n      \"shifts\": [" : "],\n      \"shifts\": [");
		for (size_t j = 0; j < s->n; j++) {
			const struct bg_changepoint *cp;

			if (!s->shift_at[j])
				continue;
			cp = &s->cp[s->shift_at[j] - 1];
			out_printf(o, "%s\n        {\"commit\": \"%s\", \"date\": \"%s\", \"before\": ",
				   first ? "" : ",", h->commits[s->p[j].commit].id,
				   h->commits[s->p[j].commit].date);
			json_num(o, cp->before);
			out_str(o, ", \"after\": ");
			json_num(o, cp->after);
			out_str(o, ", \"change\": ");
			json_num(o, cp->change);
			out_chr(o, '}');
			first = 0;
		}
		out_str(o, first ? "]\n    }" : "\n      ]\n    }");
	}
	out_str(o, h->nseries ? "\n  ]\n}\n" : "]\n}\n");
	out_end(o);
}

/* The page of src/report/history_html.c, oldest point first. */
int bg_history_print_html(FILE *f, const struct bg_history *h, const char *ref, const char *range,
			   struct bg_error *err)
{
	struct bg_history_series *hs = bg_calloc(h->nseries ? h->nseries : 1, sizeof(*hs));
	int ret;

	for (size_t i = 0; i < h->nseries; i++) {
		const struct bg_hseries *s = &h->series[i];
		struct bg_history_point *pts = bg_calloc(s->n ? s->n : 1, sizeof(*pts));

		for (size_t j = 0; j < s->n; j++) {
			const struct bg_hpoint *p = &s->p[j];
			struct bg_history_point *q = &pts[s->n - 1 - j];
			const char *t[3];

			point_text(s, p, t);
			q->commit = h->commits[p->commit].id;
			q->date = h->commits[p->commit].date;
			q->value = p->value;
			q->lo = s->stat == BG_STAT_MEAN ? NAN : text_value(t[1], -1);
			q->hi = s->stat == BG_STAT_MEAN ? NAN : text_value(t[2], 1);
			q->n = p->n;
			if (s->shift_at[j]) {
				const struct bg_changepoint *c = &s->cp[s->shift_at[j] - 1];

				q->shift = 1;
				q->before = c->before;
				q->after = c->after;
				q->change = c->change;
			}
		}
		hs[i].bench = s->bench;
		hs[i].metric = s->metric;
		hs[i].unit = s->unit;
		hs[i].direction = s->direction;
		hs[i].statistic = bg_statistic_name(s->stat);
		hs[i].p = pts;
		hs[i].n = s->n;
	}
	ret = bg_report_history_html(f, hs, h->nseries, ref, h->suite, range, err);
	for (size_t i = 0; i < h->nseries; i++)
		free((void *)hs[i].p);
	free(hs);
	return ret;
}
