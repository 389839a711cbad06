/* benchgate history: the gated statistic per commit along first parents, and its shifts. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "benchgate/changepoint.h"
#include "benchgate/cmd.h"
#include "benchgate/policy.h"
#include "benchgate/report.h"
#include "benchgate/store.h"

static const struct bg_option history_options[] = {
	{ 'm', "metric", 1, "METRIC", "only metrics matching METRIC (a glob; default: all)" },
	{ 0, "bench", 1, "PATTERN", "only benchmarks matching PATTERN (a glob)" },
	{ 'f', "format", 1, "FMT", "text (default), json, csv or html" },
	BG_OPT_SUITE,
	BG_OPT_NOTES_REF,
	BG_OPT_CONFIG,
	BG_OPT_HELP,
	{ 0 }
};

enum hfmt { H_TEXT, H_JSON, H_CSV, H_HTML };

/* A commit with a note, in walk order (newest first). */
struct hcommit {
	char id[41];
	long long time;
	int offset;
	char day[16], date[32];      /* 2026-01-02, and with the time and offset */
};

/* One point of a series: the summary row's numbers at one commit. */
struct hpoint {
	size_t commit;           /* index into commits */
	size_t text;             /* into the series' arena: "VALUE\0LO\0HI\0" as the summary wrote them */
	double value;
	long long n;
};

struct hseries {
	char *bench, *metric, *unit, *direction;
	enum bg_statistic stat;
	struct hpoint *p;
	size_t n, alloc;
	struct bg_changepoint *cp;   /* index into chronological order */
	size_t ncp;
	size_t *shift_at;            /* per point (walk order): 1 + cp index, or 0 */
	int skip;                    /* not matched by --bench or -m: read past */
	/* the numbers' text, per series so that printing reads it in order */
	char *arena;
	size_t alen, aalloc;
};

struct history {
	const struct bg_config *cfg;
	const char *suite, *metric_glob, *bench_glob;
	struct hcommit *commits;
	size_t ncommits, calloc_;
	struct hseries *series;
	size_t nseries, salloc;
	/* open addressing: series index + 1, 0 empty */
	size_t *table, tsize;
	unsigned want;               /* summary columns to convert */
	int used;                    /* the note being read gave a point */
	/* the series of each row of the last note, by position: notes list theirs alike */
	size_t *order, norder, oalloc, row;
	struct bg_strlist *warnings;
};

static size_t hash2(const char *a, const char *b)
{
	size_t h = 1469598103934665603ULL;

	for (; *a; a++)
		h = (h ^ (unsigned char)*a) * 1099511628211ULL;
	h = (h ^ 0xff) * 1099511628211ULL;
	for (; *b; b++)
		h = (h ^ (unsigned char)*b) * 1099511628211ULL;
	return h;
}

static void table_grow(struct history *h)
{
	size_t size = h->tsize ? h->tsize * 2 : 256;
	size_t *t = bg_calloc(size, sizeof(*t));

	for (size_t i = 0; i < h->nseries; i++) {
		size_t j = hash2(h->series[i].bench, h->series[i].metric) & (size - 1);

		while (t[j])
			j = (j + 1) & (size - 1);
		t[j] = i + 1;
	}
	free(h->table);
	h->table = t;
	h->tsize = size;
}

/* The statistic the config gates bench/metric on (last matching rule wins). */
static enum bg_statistic gated(const struct bg_config *cfg, const char *bench, const char *metric)
{
	enum bg_statistic s = BG_STAT_MEDIAN;

	for (size_t i = 0; i < cfg->nrules; i++) {
		const struct bg_rule *r = &cfg->rules[i];

		if ((!r->bench || bg_glob_match(r->bench, bench)) &&
		    (!r->metric || bg_glob_match(r->metric, metric)) && r->has_statistic)
			s = r->statistic;
	}
	return s;
}

static struct hseries *series_get(struct history *h, const struct bg_summary_row *row)
{
	size_t j;
	struct hseries *s;

	if (h->nseries * 2 >= h->tsize)
		table_grow(h);
	j = hash2(row->bench, row->metric) & (h->tsize - 1);
	while (h->table[j]) {
		s = &h->series[h->table[j] - 1];
		if (!strcmp(s->bench, row->bench) && !strcmp(s->metric, row->metric))
			return s;
		j = (j + 1) & (h->tsize - 1);
	}
	bg_grow(&h->series, &h->salloc, h->nseries + 1, sizeof(*h->series));
	s = &h->series[h->nseries];
	memset(s, 0, sizeof(*s));
	s->bench = bg_strdup(row->bench);
	s->metric = bg_strdup(row->metric);
	s->unit = bg_strdup(row->unit);
	s->direction = bg_strdup(row->direction);
	s->stat = gated(h->cfg, row->bench, row->metric);
	s->skip = (h->bench_glob && !bg_glob_match(h->bench_glob, row->bench)) ||
		  (h->metric_glob && !bg_glob_match(h->metric_glob, row->metric));
	h->table[j] = ++h->nseries;
	return s;
}

/* The series of row, the k-th of its note: most often that of the k-th row before. */
static struct hseries *series_at(struct history *h, const struct bg_summary_row *row, size_t k)
{
	struct hseries *s;

	if (k < h->norder) {
		s = &h->series[h->order[k]];
		if (!strcmp(s->bench, row->bench) && !strcmp(s->metric, row->metric))
			return s;
	}
	s = series_get(h, row);
	bg_grow(&h->order, &h->oalloc, k + 1, sizeof(*h->order));
	for (; h->norder <= k; h->norder++)
		h->order[h->norder] = 0;
	h->order[k] = (size_t)(s - h->series);
	return s;
}

/* ISO 8601 with the commit's offset; date only when short. */
static void format_date(char *buf, size_t size, const struct hcommit *c, int short_form)
{
	time_t t = (time_t)(c->time + (long long)c->offset * 60);
	int off = c->offset < 0 ? -c->offset : c->offset;
	struct tm tm;
	size_t len;

	buf[0] = '\0';
	if (!gmtime_r(&t, &tm))
		return;
	len = strftime(buf, size, short_form ? "%Y-%m-%d" : "%Y-%m-%dT%H:%M:%S", &tm);
	if (!short_form && len)
		snprintf(buf + len, size - len, "%c%02d:%02d", c->offset < 0 ? '-' : '+', off / 60,
			 off % 60);
}

/* The first column (of bg_summary_row.v) of a statistic: value, then lo and hi. */
static int stat_col(enum bg_statistic st)
{
	return st == BG_STAT_MEAN ? 3 : st == BG_STAT_P95 ? 4 : st == BG_STAT_P99 ? 7 : 0;
}

static int on_row(void *payload, const char *suite, const struct bg_summary_row *row)
{
	struct history *h = payload;
	struct hseries *s;
	struct hpoint *p;
	int col;

	if (!row || strcmp(suite, h->suite))
		return 0;
	s = series_at(h, row, h->row++);
	if (s->skip)
		return 0;
	col = stat_col(s->stat);
	bg_grow(&s->p, &s->alloc, s->n + 1, sizeof(*s->p));
	p = &s->p[s->n++];
	p->commit = h->ncommits;
	p->value = row->v[col];
	p->text = s->alen;
	bg_grow(&s->arena, &s->aalloc, s->alen + row->vlen[col] + row->vlen[col + 1] +
		row->vlen[col + 2] + 12, 1);
	for (int k = 0; k < 3; k++) {
		/* the mean has no interval: "null" for its bounds */
		const char *t = k && col == 3 ? "null" : row->vtext[col + k];
		size_t len = k && col == 3 ? 4 : row->vlen[col + k];

		memcpy(s->arena + s->alen, t, len);
		s->arena[s->alen + len] = '\0';
		s->alen += len + 1;
	}
	p->n = row->n;
	h->used = 1;
	return 0;
}

static int on_note(void *payload, const struct bg_git_note_item *it)
{
	struct history *h = payload;
	size_t ci = h->ncommits;

	if (!it->summary)
		return 0;
	h->used = 0;
	h->row = 0;
	if (bg_summary_read(it->summary, it->summary_len, h->want, on_row, h) < 0) {
		bg_strlist_addf(h->warnings, "skipping the unreadable summary of the note on %.7s",
				it->commit);
		/* drop what this note added */
		for (size_t i = 0; i < h->nseries; i++)
			while (h->series[i].n && h->series[i].p[h->series[i].n - 1].commit == ci)
				h->series[i].n--;
		return 0;
	}
	if (h->used) {
		bg_grow(&h->commits, &h->calloc_, h->ncommits + 1, sizeof(*h->commits));
		snprintf(h->commits[ci].id, sizeof(h->commits[ci].id), "%s", it->commit);
		h->commits[ci].time = it->time;
		h->commits[ci].offset = it->offset;
		format_date(h->commits[ci].day, sizeof(h->commits[ci].day), &h->commits[ci], 1);
		format_date(h->commits[ci].date, sizeof(h->commits[ci].date), &h->commits[ci], 0);
		h->ncommits++;
	}
	return 0;
}

static void series_free(struct hseries *s)
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

/* Leave out the series --bench and -m did not match (after the walk: it moves them). */
static void drop_skipped(struct history *h)
{
	size_t k = 0;

	for (size_t i = 0; i < h->nseries; i++) {
		if (h->series[i].skip)
			series_free(&h->series[i]);
		else
			h->series[k++] = h->series[i];
	}
	h->nseries = k;
}

static int cmp_series(const void *a, const void *b)
{
	const struct hseries *x = a, *y = b;
	int c = strcmp(x->bench, y->bench);

	return c ? c : strcmp(x->metric, y->metric);
}

/* Detect shifts on the chronological series (the walk gives newest first). */
static void detect(struct hseries *s)
{
	double *x = bg_malloc((s->n ? s->n : 1) * sizeof(*x));
	size_t m = 0;
	size_t *map = bg_malloc((s->n ? s->n : 1) * sizeof(*map));

	s->shift_at = bg_calloc(s->n ? s->n : 1, sizeof(*s->shift_at));
	for (size_t i = s->n; i-- > 0;) {
		if (!isfinite(s->p[i].value))
			continue;
		x[m] = s->p[i].value;
		map[m++] = i;
	}
	s->ncp = bg_changepoints(&s->cp, x, m, 0, 0);
	for (size_t k = 0; k < s->ncp; k++)
		s->shift_at[map[s->cp[k].index]] = k + 1;
	free(map);
	free(x);
}

/* The three texts of a point: value, lo, hi. */
static void point_text(const struct hseries *s, const struct hpoint *p, const char **t)
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
	FILE *f;
	size_t len;
	char buf[1 << 16];
};

static void out_flush(struct out *o)
{
	if (o->len)
		fwrite(o->buf, 1, o->len, o->f);
	o->len = 0;
}

static struct out *out_new(FILE *f)
{
	struct out *o = bg_malloc(sizeof(*o));

	o->f = f;
	o->len = 0;
	return o;
}

/* Write what is buffered, and free o. */
static void out_end(struct out *o)
{
	out_flush(o);
	free(o);
}

static void out_put(struct out *o, const char *s, size_t n)
{
	if (o->len + n > sizeof(o->buf)) {
		out_flush(o);
		if (n > sizeof(o->buf)) {
			fwrite(s, 1, n, o->f);
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

static void print_text(FILE *f, const struct history *h)
{
	struct out *o = out_new(f);

	for (size_t i = 0; i < h->nseries; i++) {
		const struct hseries *s = &h->series[i];
		const char *stat = bg_statistic_name(s->stat);

		out_printf(o, "%s%s  %s  (%s, %s is better, %zu commit%s, %zu shift%s)\n",
			   i ? "\n" : "", s->bench, s->metric, stat, s->direction, s->n,
			   s->n == 1 ? "" : "s", s->ncp, s->ncp == 1 ? "" : "s");
		out_printf(o, "%-8s  %-10s  %12s  %-27s  %6s  %s\n", "commit", "date", stat,
			   s->stat == BG_STAT_MEAN ? "" : "95% CI", "n", "shift");
		for (size_t j = 0; j < s->n; j++) {
			const struct hpoint *p = &s->p[j];
			const struct hcommit *c = &h->commits[p->commit];
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
	out_end(o);
}

static void print_csv(FILE *f, const struct history *h)
{
	struct out *o = out_new(f);

	out_str(o, "name,metric,unit,direction,statistic,commit,date,value,ci_lo,ci_hi,n,shift\n");
	for (size_t i = 0; i < h->nseries; i++) {
		const struct hseries *s = &h->series[i];
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
			const struct hpoint *p = &s->p[j];
			const struct hcommit *c = &h->commits[p->commit];
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
static void print_json(FILE *f, const struct history *h, const char *ref, const char *range)
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
		const struct hseries *s = &h->series[i];
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
			const struct hpoint *p = &s->p[j];
			const struct hcommit *c = &h->commits[p->commit];
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
static int print_html(FILE *f, const struct history *h, const char *ref, const char *range,
		      struct bg_error *err)
{
	struct bg_history_series *hs = bg_calloc(h->nseries ? h->nseries : 1, sizeof(*hs));
	int ret;

	for (size_t i = 0; i < h->nseries; i++) {
		const struct hseries *s = &h->series[i];
		struct bg_history_point *pts = bg_calloc(s->n ? s->n : 1, sizeof(*pts));

		for (size_t j = 0; j < s->n; j++) {
			const struct hpoint *p = &s->p[j];
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

static int history_exec(const struct bg_cmd *self, struct bg_args *a)
{
	struct bg_error err = { 0 };
	struct bg_config cfg;
	struct bg_strlist warnings;
	struct history h = { 0 };
	const char *fstr = bg_args_get(a, "format"), *range = a->npos ? a->pos[0] : NULL;
	enum hfmt fmt = H_TEXT;
	char *ref = NULL;
	size_t nnotes = 0;
	int code = BG_EXIT_OK;

	(void)self;
	bg_config_init(&cfg);
	bg_strlist_init(&warnings);
	if (fstr && !strcmp(fstr, "json"))
		fmt = H_JSON;
	else if (fstr && !strcmp(fstr, "csv"))
		fmt = H_CSV;
	else if (fstr && !strcmp(fstr, "html"))
		fmt = H_HTML;
	else if (fstr && strcmp(fstr, "text")) {
		bg_error(&err, BG_EXIT_USAGE, "unknown format '%s' (expected text, json, csv or html)", fstr);
		goto fail;
	}
	if (bg_cmd_config(&cfg, a, &err) < 0)
		goto fail;
	if (!(ref = bg_cmd_notes_ref(&cfg, a, &err)))
		goto fail;
	h.cfg = &cfg;
	h.suite = bg_args_get(a, "suite") ? bg_args_get(a, "suite") : BG_SUITE_DEFAULT;
	h.metric_glob = bg_args_get(a, "metric");
	h.bench_glob = bg_args_get(a, "bench");
	h.warnings = &warnings;
	h.want = 7;   /* median and its interval; more when the config gates on others */
	for (size_t i = 0; i < cfg.nrules; i++)
		if (cfg.rules[i].has_statistic)
			h.want |= (cfg.rules[i].statistic == BG_STAT_MEAN ? 1u : 7u)
				  << stat_col(cfg.rules[i].statistic);
	if (bg_git_walk(".", ref, range, on_note, &h, &nnotes, &warnings, &err) < 0) {
		bg_warn_all(&warnings);
		goto fail;
	}
	bg_warn_all(&warnings);
	drop_skipped(&h);
	if (h.nseries == 0) {
		bg_error(&err, BG_EXIT_STORE, "no history: no note with suite '%s'%s under %s along %s",
			 h.suite, h.bench_glob || h.metric_glob ? " and matching benchmarks" : "", ref,
			 range ? range : "HEAD's first parents");
		goto fail;
	}
	qsort(h.series, h.nseries, sizeof(*h.series), cmp_series);
	for (size_t i = 0; i < h.nseries; i++)
		detect(&h.series[i]);
	if (fmt == H_JSON)
		print_json(stdout, &h, ref, range);
	else if (fmt == H_CSV)
		print_csv(stdout, &h);
	else if (fmt == H_HTML) {
		if (print_html(stdout, &h, ref, range, &err) < 0)
			goto fail;
	} else
		print_text(stdout, &h);
	goto out;
fail:
	code = bg_fail(&err);
out:
	for (size_t i = 0; i < h.nseries; i++)
		series_free(&h.series[i]);
	free(h.series);
	free(h.table);
	free(h.order);
	free(h.commits);
	free(ref);
	bg_strlist_release(&warnings);
	bg_config_release(&cfg);
	return code;
}

const struct bg_cmd bg_cmd_history = {
	.name = "history",
	.usage = "[-m METRIC] [--bench PATTERN] [-f text|json|csv|html] [REV-RANGE]",
	.summary = "the gated statistic per commit with a note, and where its level shifted",
	.options = history_options,
	.min_pos = 0,
	.max_pos = 1,
	.exec = history_exec,
};
