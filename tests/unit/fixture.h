/*
 * Fixture tables for the statistics tests: the tab-separated files of tests/data/stats,
 * made by the R scripts there. Include after testutil.h.
 */
#ifndef BENCHGATE_FIXTURE_H
#define BENCHGATE_FIXTURE_H

#include <stdio.h>

#include "benchgate/error.h"

#define FIXTURE_MAX_FIELDS 20

/* One fixture line, split at tabs into f[0..nf) (empty fields kept, as ""). */
struct row {
	char *line;
	char *f[FIXTURE_MAX_FIELDS];
	int nf;
};

struct table {
	struct row *rows;
	size_t n;
};

/* Open tests/data/stats/NAME from the repository root, or relative to this file. */
static inline FILE *open_fixture(const char *name)
{
	char path[4096];
	const char *slash = strrchr(__FILE__, '/');
	FILE *fp;

	snprintf(path, sizeof(path), "tests/data/stats/%s", name);
	fp = fopen(path, "r");
	if (!fp && slash) {
		snprintf(path, sizeof(path), "%.*s/../data/stats/%s", (int)(slash - __FILE__),
			 __FILE__, name);
		fp = fopen(path, "r");
	}
	if (!fp)
		fail_msg("cannot open fixture '%s'", name);
	return fp;
}

/*
 * Read fixture NAME into t: every line has nfields tab-separated fields; empty lines and
 * lines starting with '#' are skipped; a fixture without cases fails the test.
 */
static inline void table_read(struct table *t, const char *name, int nfields)
{
	FILE *fp = open_fixture(name);
	char *line = NULL;
	size_t cap = 0, alloc = 0;
	ssize_t len;

	t->rows = NULL;
	t->n = 0;
	while ((len = getline(&line, &cap, fp)) >= 0) {
		struct row *r;

		if (len > 0 && line[len - 1] == '\n')
			line[--len] = '\0';
		if (len == 0 || line[0] == '#')
			continue;
		bg_grow(&t->rows, &alloc, t->n + 1, sizeof(*t->rows));
		r = &t->rows[t->n++];
		r->line = bg_strdup(line);
		r->nf = 0;
		for (char *p = r->line; p;) {
			char *tab = strchr(p, '\t');

			if (r->nf == FIXTURE_MAX_FIELDS)
				fail_msg("%s: '%.40s': more than %d fields", name, r->line,
					 FIXTURE_MAX_FIELDS);
			r->f[r->nf++] = p;
			if (tab)
				*tab++ = '\0';
			p = tab;
		}
		if (r->nf != nfields)
			fail_msg("%s: '%.40s': %d fields, want %d", name, r->f[0], r->nf, nfields);
	}
	free(line);
	fclose(fp);
	if (t->n == 0)
		fail_msg("%s: no cases", name);
}

static inline void table_release(struct table *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->rows[i].line);
	free(t->rows);
	t->rows = NULL;
	t->n = 0;
}

/* The number s (all of it: no empty string, no trailing characters). */
static inline double num(const char *s)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || *end)
		fail_msg("'%s' is not a number", s);
	return v;
}

/* A non-empty comma-separated list of numbers as a new array; *n of them. */
static inline double *numlist(const char *s, size_t *n)
{
	size_t alloc = 0;
	double *v = NULL;
	char *end;

	*n = 0;
	for (;;) {
		bg_grow(&v, &alloc, *n + 1, sizeof(*v));
		v[(*n)++] = strtod(s, &end);
		if (end == s)
			fail_msg("bad number list at '%.20s'", s);
		if (*end != ',')
			break;
		s = end + 1;
	}
	if (*end)
		fail_msg("bad number list at '%.20s'", end);
	return v;
}

/*
 * a and b agree: the same infinity, both NaN, or within tol relative to |b| (absolute
 * when |b| <= 1: assert_close's rule). what and name say which value of which case.
 */
static inline void assert_same(const char *what, const char *name, double a, double b,
			       double tol)
{
	double s = fabs(b) > 1 ? fabs(b) : 1;

	if (isnan(b) ? isnan(a) : isinf(b) ? a == b : fabs(a - b) <= tol * s)
		return;
	fail_msg("%s: %s = %.17g, expected %.17g", name, what, a, b);
}

#endif
