/* benchgate history: the gated statistic per commit along first parents, and its shifts. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "benchgate/changepoint.h"
#include "benchgate/cmd.h"
#include "benchgate/filter.h"
#include "benchgate/history.h"
#include "benchgate/policy.h"
#include "benchgate/report.h"
#include "benchgate/store.h"

static const struct bg_option history_options[] = {
	{ 'm', "metric", 1, "METRIC", "only metrics matching METRIC (a glob; default: all)" },
	{ 0, "bench", 1, "PATTERN", "only benchmarks matching PATTERN (a glob)" },
	{ 'f', "format", 1, "FMT", "text (default), json, csv or html" },
	BG_OPT_FILTER,
	BG_OPT_SUITE,
	BG_OPT_NOTES_REF,
	BG_OPT_CONFIG,
	BG_OPT_HELP,
	{ 0 }
};

enum hfmt { H_TEXT, H_JSON, H_CSV, H_HTML };


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

static void table_grow(struct bg_history *h)
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

static struct bg_hseries *series_get(struct bg_history *h, const struct bg_summary_row *row)
{
	size_t j;
	struct bg_hseries *s;

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
		  (h->metric_glob && !bg_glob_match(h->metric_glob, row->metric)) ||
		  !bg_filter_keep(h->filter, row->bench, row->metric);
	h->table[j] = ++h->nseries;
	return s;
}

/* The series of row, the k-th of its note: most often that of the k-th row before. */
static struct bg_hseries *series_at(struct bg_history *h, const struct bg_summary_row *row, size_t k)
{
	struct bg_hseries *s;

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
static void format_date(char *buf, size_t size, const struct bg_hcommit *c, int short_form)
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

static int on_row(void *payload, const char *suite, const struct bg_summary_row *row)
{
	struct bg_history *h = payload;
	struct bg_hseries *s;
	struct bg_hpoint *p;
	int col;

	if (!row || strcmp(suite, h->suite))
		return 0;
	s = series_at(h, row, h->row++);
	if (s->skip)
		return 0;
	col = bg_summary_stat_col(s->stat);
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
	struct bg_history *h = payload;
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

/* Leave out the series --bench and -m did not match (after the walk: it moves them). */
static void drop_skipped(struct bg_history *h)
{
	size_t k = 0;

	for (size_t i = 0; i < h->nseries; i++) {
		if (h->series[i].skip)
			bg_hseries_release(&h->series[i]);
		else
			h->series[k++] = h->series[i];
	}
	h->nseries = k;
}

static int cmp_series(const void *a, const void *b)
{
	const struct bg_hseries *x = a, *y = b;
	int c = strcmp(x->bench, y->bench);

	return c ? c : strcmp(x->metric, y->metric);
}

/* Detect shifts on the chronological series (the walk gives newest first). */
static void detect(struct bg_hseries *s)
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

static int history_exec(const struct bg_cmd *self, struct bg_args *a)
{
	struct bg_error err = { 0 };
	struct bg_config cfg;
	struct bg_strlist warnings;
	struct bg_history h = { 0 };
	const char *fstr = bg_args_get(a, "format"), *range = a->npos ? a->pos[0] : NULL;
	enum hfmt fmt = H_TEXT;
	char *ref = NULL;
	size_t nnotes = 0;
	int code = BG_EXIT_OK;
	struct bg_filter filter;

	(void)self;
	bg_filter_init(&filter);
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
	if (bg_cmd_config(&cfg, a, &err) < 0 || bg_cmd_filter(&filter, a, &cfg, &err) < 0)
		goto fail;
	if (!(ref = bg_cmd_notes_ref(&cfg, a, &err)))
		goto fail;
	h.cfg = &cfg;
	h.filter = &filter;
	h.suite = bg_args_get(a, "suite") ? bg_args_get(a, "suite") : BG_SUITE_DEFAULT;
	h.metric_glob = bg_args_get(a, "metric");
	h.bench_glob = bg_args_get(a, "bench");
	h.warnings = &warnings;
	h.want = 7;   /* median and its interval; more when the config gates on others */
	for (size_t i = 0; i < cfg.nrules; i++)
		if (cfg.rules[i].has_statistic)
			h.want |= (cfg.rules[i].statistic == BG_STAT_MEAN ? 1u : 7u)
				  << bg_summary_stat_col(cfg.rules[i].statistic);
	if (bg_git_walk(".", ref, range, on_note, &h, &nnotes, &warnings, &err) < 0) {
		bg_warn_all(&warnings);
		goto fail;
	}
	bg_warn_all(&warnings);
	/* A filter that selects nothing of what the notes hold is an error naming it. */
	if (h.nseries && bg_filter_check(&filter, &err) < 0)
		goto fail;
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
		bg_history_print_json(stdout, &h, ref, range);
	else if (fmt == H_CSV)
		bg_history_print_csv(stdout, &h);
	else if (fmt == H_HTML) {
		if (bg_history_print_html(stdout, &h, ref, range, &err) < 0)
			goto fail;
	} else
		bg_history_print_text(stdout, &h);
	goto out;
fail:
	code = bg_fail(&err);
out:
	for (size_t i = 0; i < h.nseries; i++)
		bg_hseries_release(&h.series[i]);
	free(h.series);
	free(h.table);
	free(h.order);
	free(h.commits);
	free(ref);
	bg_filter_release(&filter);
	bg_strlist_release(&warnings);
	bg_config_release(&cfg);
	return code;
}

const struct bg_cmd bg_cmd_history = {
	.name = "history",
	.usage = "[-m METRIC] [--bench PATTERN] [--filter REGEX] [-f text|json|csv|html] [REV-RANGE]",
	.summary = "the gated statistic per commit with a note, and where its level shifted",
	.options = history_options,
	.min_pos = 0,
	.max_pos = 1,
	.exec = history_exec,
};
