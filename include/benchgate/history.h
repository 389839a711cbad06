/*
 * The history of the gated statistics along commits (cmd/history.c collects it from
 * the git notes; report/history.c writes it): commits, series and their points.
 */
#ifndef BENCHGATE_HISTORY_H
#define BENCHGATE_HISTORY_H

#include <stdio.h>

#include "benchgate/changepoint.h"
#include "benchgate/config.h"
#include "benchgate/error.h"

/* A commit with a note, in walk order (newest first). */
struct bg_hcommit {
	char id[41];
	long long time;
	int offset;
	char day[16], date[32];      /* 2026-01-02, and with the time and offset */
};

/* One point of a series: the summary row's numbers at one commit. */
struct bg_hpoint {
	size_t commit;           /* index into commits */
	size_t text;             /* into the series' arena: "VALUE\0LO\0HI\0" as the summary wrote them */
	double value;
	long long n;
};

struct bg_hseries {
	char *bench, *metric, *unit, *direction;
	enum bg_statistic stat;
	struct bg_hpoint *p;
	size_t n, alloc;
	struct bg_changepoint *cp;   /* index into chronological order */
	size_t ncp;
	size_t *shift_at;            /* per point (walk order): 1 + cp index, or 0 */
	int skip;                    /* not matched by --bench or -m: read past */
	/* the numbers' text, per series so that printing reads it in order */
	char *arena;
	size_t alen, aalloc;
};

struct bg_filter;

struct bg_history {
	const struct bg_config *cfg;
	const char *suite, *metric_glob, *bench_glob;
	struct bg_filter *filter;    /* --filter and the config's, counting matches; may be NULL */
	struct bg_hcommit *commits;
	size_t ncommits, calloc_;
	struct bg_hseries *series;
	size_t nseries, salloc;
	/* open addressing: series index + 1, 0 empty */
	size_t *table, tsize;
	unsigned want;               /* summary columns to convert */
	int used;                    /* the note being read gave a point */
	/* the series of each row of the last note, by position: notes list theirs alike */
	size_t *order, norder, oalloc, row;
	struct bg_strlist *warnings;
};

/* Free what a series holds (not the struct). */
void bg_hseries_release(struct bg_hseries *s);

/* The history as text (a table per series), CSV (a row per point) and JSON. */
void bg_history_print_text(FILE *f, const struct bg_history *h);
void bg_history_print_csv(FILE *f, const struct bg_history *h);
void bg_history_print_json(FILE *f, const struct bg_history *h, const char *ref, const char *range);

/* The page of report/history_html.c, oldest point first. */
int bg_history_print_html(FILE *f, const struct bg_history *h, const char *ref, const char *range,
			  struct bg_error *err);

#endif
