/* History as the noise floor: the gated statistics of the notes behind a git baseline. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/jobnoise.h"
#include "benchgate/store.h"

int bg_summary_stat_col(enum bg_statistic stat)
{
	return stat == BG_STAT_MEAN ? 3 : stat == BG_STAT_P95 ? 4 : stat == BG_STAT_P99 ? 7 : 0;
}

struct reader {
	struct bg_hist *h;
	const char *suite;
	int *col;              /* per series: its column of bg_summary_row.v */
	size_t limit, max_notes, incomplete;
	size_t seen;           /* notes read */
	size_t *order, norder, oalloc;   /* series of the k-th row of a note (+1; 0 none) */
	unsigned want;         /* the summary columns to convert */
	size_t row;
	int used;              /* the note being read gave a value */
	struct bg_strlist *warnings;
};

/* The series of row, the k-th of its note: most often that of the k-th row before. */
static struct bg_hist_series *series_at(struct reader *r, const struct bg_summary_row *row,
					size_t k)
{
	const struct bg_hist_series *s;

	if (k < r->norder && r->order[k]) {
		s = &r->h->series[r->order[k] - 1];
		if (!strcmp(s->bench, row->bench) && !strcmp(s->metric, row->metric))
			return (struct bg_hist_series *)s;
	}
	s = bg_hist_find(r->h, row->bench, row->metric);
	if (k < r->norder)
		r->order[k] = s ? (size_t)(s - r->h->series) + 1 : 0;
	return (struct bg_hist_series *)s;
}

static int on_row(void *payload, const char *suite, const struct bg_summary_row *row)
{
	struct reader *r = payload;
	struct bg_hist_series *s;
	size_t k, i;
	double v;

	if (!row || strcmp(suite, r->suite))
		return 0;
	k = r->row++;
	if (k >= r->norder) {
		bg_grow(&r->order, &r->oalloc, k + 1, sizeof(*r->order));
		for (; r->norder <= k; r->norder++)
			r->order[r->norder] = 0;
	}
	if (!(s = series_at(r, row, k)) || s->n >= r->limit)
		return 0;
	i = (size_t)(s - r->h->series);
	v = row->v[r->col[i]];
	r->used = 1;
	if (!(v > 0 && isfinite(v)))
		return 0;
	s->value[r->h->nnotes] = v;
	s->higher = row->direction && !strcmp(row->direction, "higher");
	if (++s->n == r->limit)
		r->incomplete--;
	return 0;
}

static int on_note(void *payload, const struct bg_git_note_item *it)
{
	struct reader *r = payload;

	if (!it->summary)
		return 0;
	r->used = 0;
	r->row = 0;
	if (bg_summary_read(it->summary, it->summary_len, r->want, on_row, r) < 0) {
		bg_strlist_addf(r->warnings, "skipping the unreadable summary of the note on %.7s",
				it->commit);
		/* drop what this note gave */
		for (size_t i = 0; i < r->h->nseries; i++) {
			struct bg_hist_series *s = &r->h->series[i];

			if (isfinite(s->value[r->h->nnotes])) {
				if (s->n-- == r->limit)
					r->incomplete++;
				s->value[r->h->nnotes] = NAN;
			}
		}
		return 0;
	}
	r->seen++;
	if (r->used)
		r->h->nnotes++;
	return r->incomplete == 0 || r->seen >= r->max_notes ? 1 : 0;
}

static int cmp_want(const void *a, const void *b)
{
	const struct bg_hist_want *x = a, *y = b;
	int c = strcmp(x->bench, y->bench);

	return c ? c : strcmp(x->metric, y->metric);
}

int bg_git_history(struct bg_hist *h, const char *dir, const char *notes_ref,
		   const char *rev, const char *label, const char *suite,
		   const struct bg_hist_want *want, size_t nwant, size_t limit,
		   struct bg_strlist *warnings, struct bg_error *err)
{
	struct reader r = { 0 };
	struct bg_hist_want *w = bg_malloc((nwant ? nwant : 1) * sizeof(*w));
	int rc;

	free(h->label);
	h->label = bg_strdup(label);
	h->limit = limit;
	h->nnotes = 0;
	h->first_is_baseline = 1;
	r.h = h;
	r.suite = suite;
	r.warnings = warnings;
	r.limit = limit ? limit : 1;
	r.max_notes = 4 * r.limit + 20;
	if (nwant)
		memcpy(w, want, nwant * sizeof(*w));
	qsort(w, nwant, sizeof(*w), cmp_want);
	r.col = bg_malloc((nwant ? nwant : 1) * sizeof(*r.col));
	for (size_t i = 0; i < nwant; i++) {
		if (h->nseries && !cmp_want(&w[i], &w[i - 1]))
			continue;
		r.col[h->nseries] = bg_summary_stat_col(w[i].stat);
		r.want |= 1u << r.col[h->nseries];
		bg_hist_add(h, w[i].bench, w[i].metric, r.max_notes);
	}
	r.incomplete = h->nseries;
	rc = h->nseries ? bg_git_walk(dir, notes_ref, rev, on_note, &r, NULL, warnings, err) : 0;
	free(r.order);
	free(r.col);
	free(w);
	return rc < 0 ? -1 : 0;
}
