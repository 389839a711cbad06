/* CSV benchmark logs with a header (RFC 4180): numeric columns are metrics, others keys. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/input.h"
#include "benchgate/json.h"
#include "reader.h"
#include "strmap.h"

int bg_sniff_csv(const char *buf, size_t len);
int bg_sniff_gotest(const char *buf, size_t len);
int bg_read_csv(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		int first_run, struct bg_error *err);

/* What a column is for. */
enum role {
	ROLE_KEY = 0,   /* part of a benchmark's name */
	ROLE_METRIC,    /* a number per row: a sample */
	ROLE_RUN,       /* names the run a row belongs to (uuid) */
	ROLE_ENV,       /* where it ran: kept in the environment, not in the name */
	ROLE_SKIP,      /* per-row identity (seed, step, timestamps) or free text */
};

/* One field of the current record: where it is, and how to read it. */
struct field {
	const char *s;       /* first byte of the content (after an opening quote) */
	size_t len;
	int quoted, escaped; /* escaped: holds "" pairs to undo */
	int line;            /* line of its first byte */
	const char *line_start;
};

struct column {
	char *name;
	size_t namelen;
	enum role role;
	char *unit;          /* ROLE_METRIC: owned */
	enum bg_direction dir;
	size_t metric;       /* ROLE_METRIC: index among the metric columns */
};

struct csv {
	const char *path, *p, *end;
	int line;                /* line of p */
	const char *line_start;  /* first byte of that line */
	struct bg_error *err;
	struct field *f;
	size_t nf, falloc;
	char *scratch;           /* unescaped text of one field */
	size_t salloc;
};

/* Bytes that end an unquoted field, or are wrong in one. */
static const unsigned char stop[256] = { [','] = 1, ['\n'] = 1, ['\r'] = 1, ['"'] = 1 };

/* Column (1-based, in characters) of at on its line. */
static int column_of(const char *line_start, const char *at)
{
	int col = 1;

	for (const char *q = line_start; q < at; q++)
		col += ((unsigned char)*q & 0xC0) != 0x80;
	return col;
}

static int csv_error(struct csv *c, int line, const char *line_start, const char *at,
		     const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int csv_error(struct csv *c, int line, const char *line_start, const char *at,
		     const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = bg_error_vat(c->err, BG_EXIT_INPUT, c->path, line, column_of(line_start, at), fmt, ap);
	va_end(ap);
	return ret;
}

/* At a line end (\n, \r\n or a lone \r): step over it. */
static void newline(struct csv *c)
{
	if (*c->p == '\r' && c->p + 1 < c->end && c->p[1] == '\n')
		c->p++;
	c->p++;
	c->line++;
	c->line_start = c->p;
}

/*
 * Read the next record's fields into c->f. Returns 1, 0 at the end of the text, or -1.
 * Blank lines are skipped.
 */
static int next_record(struct csv *c)
{
	while (c->p < c->end && (*c->p == '\n' || *c->p == '\r'))
		newline(c);
	if (c->p >= c->end)
		return 0;
	c->nf = 0;
	for (;;) {
		struct field *f;

		bg_grow(&c->f, &c->falloc, c->nf + 1, sizeof(*c->f));
		f = &c->f[c->nf++];
		f->line = c->line;
		f->line_start = c->line_start;
		f->quoted = f->escaped = 0;
		if (c->p < c->end && *c->p == '"') {
			const char *open = c->p;

			f->quoted = 1;
			f->s = ++c->p;
			for (;;) {
				const char *q = memchr(c->p, '"', (size_t)(c->end - c->p));
				const char *nl;

				if (!q)
					return csv_error(c, f->line, f->line_start, open,
							 "unterminated quoted field");
				/* Lines inside the field count for the places after it. */
				while ((nl = memchr(c->p, '\n', (size_t)(q - c->p)))) {
					c->line++;
					c->line_start = c->p = nl + 1;
				}
				if (q + 1 < c->end && q[1] == '"') {
					f->escaped = 1;
					c->p = q + 2;
					continue;
				}
				f->len = (size_t)(q - f->s);
				c->p = q + 1;
				break;
			}
			if (c->p < c->end && *c->p != ',' && *c->p != '\n' && *c->p != '\r')
				return csv_error(c, c->line, c->line_start, c->p,
						 "'%c' after a closing quote (a quote inside a quoted field is written \"\")",
						 isprint((unsigned char)*c->p) ? *c->p : '?');
		} else {
			f->s = c->p;
			while (c->p < c->end && !stop[(unsigned char)*c->p])
				c->p++;
			if (c->p < c->end && *c->p == '"')
				return csv_error(c, c->line, c->line_start, c->p,
						 "quote inside an unquoted field (quote the whole field)");
			f->len = (size_t)(c->p - f->s);
		}
		if (c->p >= c->end)
			return 1;
		if (*c->p == ',') {
			c->p++;
			continue;
		}
		newline(c);
		return 1;
	}
}

/* The text of f, its "" pairs undone; borrowed until the next call. */
static const char *field_text(struct csv *c, const struct field *f, size_t *len)
{
	size_t k = 0;

	if (!f->escaped) {
		*len = f->len;
		return f->s;
	}
	bg_grow(&c->scratch, &c->salloc, f->len + 1, 1);
	for (size_t i = 0; i < f->len; i++) {
		c->scratch[k++] = f->s[i];
		if (f->s[i] == '"')
			i++;
	}
	*len = k;
	return c->scratch;
}

/* A decimal number in s[0..n), white space around it allowed: 0, or -1 (bg_decimal_parse). */
int bg_csv_number(double *out, const char *s, size_t n)
{
	const char *p = s, *e = s + n;

	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	return bg_decimal_parse(out, p, (size_t)(e - p));
}

/* Case-insensitive: s equals w. */
static int name_is(const char *s, const char *w)
{
	return !strcasecmp(s, w);
}

/* Case-insensitive: s ends with w (and is longer). */
static int name_ends(const char *s, const char *w)
{
	size_t n = strlen(s), k = strlen(w);

	return n > k && !strcasecmp(s + n - k, w);
}

/* Case-insensitive: s holds w. */
static int name_has(const char *s, const char *w)
{
	return strcasestr(s, w) != NULL;
}

/* The role a column's name gives it, or ROLE_KEY when its name says nothing. */
static enum role role_by_name(const char *n)
{
	static const char *const run[] = { "uuid", "run_id", "run_uuid", "run", NULL };
	static const char *const env[] = { "platform", "release", "device", "os", "arch",
					   "machine", "cpu", "gpu", "kernel", "hostname", "host",
					   "username", "user", NULL };
	static const char *const skip[] = { "seed", "step", "iteration", "iter", "date",
					    "datetime", "time_start", "time_end", "prompt", "output",
					    "message", "comment", "comments", "notes", "description",
					    "error", "log", "text", NULL };

	for (int i = 0; run[i]; i++)
		if (name_is(n, run[i]))
			return ROLE_RUN;
	for (int i = 0; env[i]; i++)
		if (name_is(n, env[i]))
			return ROLE_ENV;
	for (int i = 0; skip[i]; i++)
		if (name_is(n, skip[i]))
			return ROLE_SKIP;
	if (name_has(n, "uuid") || name_has(n, "seed") || name_has(n, "timestamp") ||
	    name_ends(n, "_ts") || name_ends(n, "_at") || name_ends(n, "_text") ||
	    name_ends(n, "_date"))
		return ROLE_SKIP;
	return ROLE_KEY;
}

/* Unit and direction of a metric from its name (docs/formats.md); new string. */
char *bg_name_unit(const char *n, enum bg_direction *dir)
{
	static const struct {
		const char *suffix, *unit;
	} suffixes[] = {
		{ "_per_sec", "/s" }, { "_per_second", "/s" }, { "_gb_s", "GB/s" },
		{ "_mb_s", "MB/s" }, { "_kb_s", "KB/s" }, { "_b_s", "B/s" },
		{ "_ns", "ns" }, { "_us", "us" }, { "_ms", "ms" }, { "_s", "s" },
		{ "_sec", "s" }, { "_seconds", "s" }, { "_gb", "GB" }, { "_mb", "MB" },
		{ "_kb", "KB" }, { "_bytes", "B" },
	};
	const char *unit = "";
	size_t len = strlen(n);

	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
		if (name_ends(n, suffixes[i].suffix)) {
			unit = suffixes[i].unit;
			break;
		}
	if (name_ends(n, "_per_sec") || name_ends(n, "_per_second") || name_has(n, "throughput") ||
	    strstr(unit, "/s"))
		*dir = BG_DIR_HIGHER;
	else if (name_has(n, "latency") || name_has(n, "duration") || name_ends(n, "_ms") ||
		 name_ends(n, "_s") || name_ends(n, "_us") || name_ends(n, "_ns") ||
		 name_ends(n, "_sec") || name_ends(n, "_seconds"))
		*dir = BG_DIR_LOWER;
	else
		*dir = bg_direction_infer(n, unit);
	/* "tokens_per_sec" is in tokens/s: the rate's word is the name's. */
	if (strcmp(unit, "/s"))
		return bg_strdup(unit);
	len -= name_ends(n, "_per_second") ? strlen("_per_second") : strlen("_per_sec");
	return bg_asprintf("%.*s/s", (int)len, n);
}

static int key_listed(const char *list, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = list; *p;) {
		const char *comma = strchr(p, ',');
		size_t k = comma ? (size_t)(comma - p) : strlen(p);

		if (k == n && !strncmp(p, name, n))
			return 1;
		p += k + (comma != NULL);
	}
	return 0;
}

/* Every column --key names must be in the header. */
static int keys_exist(struct csv *c, const char *list, const struct column *cols, size_t n)
{
	for (const char *p = list; *p;) {
		const char *comma = strchr(p, ',');
		size_t k = comma ? (size_t)(comma - p) : strlen(p), i;

		for (i = 0; i < n; i++)
			if (strlen(cols[i].name) == k && !strncmp(cols[i].name, p, k))
				break;
		if (i == n)
			return bg_error_at(c->err, BG_EXIT_INPUT, c->path, 1, 1,
					   "key column '%.*s' is not in the header", (int)k, p);
		p += k + (comma != NULL);
	}
	return 0;
}

static void env_set(struct bg_resultset *rs, const char *key, const char *s, size_t len)
{
	json_t *v = json_stringn(s, len);

	if (!rs->environment)
		rs->environment = json_object();
	if (v && !json_object_get(rs->environment, key))
		json_object_set_new(rs->environment, key, v);
	else
		json_decref(v);
}

/* What a column's first non-empty value is: none yet, a number, a word, free text. */
enum seen { SEEN_EMPTY = 0, SEEN_NUMBER, SEEN_WORD, SEEN_TEXT };

/* The rows read ahead to find each column's first non-empty value. */
#define CLASSIFY_ROWS 1000

/*
 * What each column's first non-empty value is, in the first CLASSIFY_ROWS rows; the
 * reader's place is restored after. A broken row ends the look-ahead: the main loop
 * reports it at its place.
 */
static void look_ahead(struct csv *c, enum seen *seen, size_t n)
{
	const char *p = c->p, *line_start = c->line_start;
	int line = c->line;
	struct bg_error *err = c->err, ignore;
	size_t open = n;

	c->err = &ignore;
	for (int row = 0; open && row < CLASSIFY_ROWS && next_record(c) > 0 && c->nf == n; row++) {
		for (size_t i = 0; i < n; i++) {
			size_t len, k;
			const char *t;
			double d;

			if (seen[i] != SEEN_EMPTY)
				continue;
			t = field_text(c, &c->f[i], &len);
			for (k = 0; k < len && (t[k] == ' ' || t[k] == '\t'); k++)
				;
			if (k == len)
				continue;
			if (bg_csv_number(&d, t, len) == 0)
				seen[i] = SEEN_NUMBER;
			else if (memchr(t, '\n', len) || len > 100)
				seen[i] = SEEN_TEXT;
			else
				seen[i] = SEEN_WORD;
			open--;
		}
	}
	c->err = err;
	c->p = p;
	c->line = line;
	c->line_start = line_start;
}

/* Columns from their names and first values: see docs/formats.md. */
static void classify(struct csv *c, struct column *cols, size_t n, const char *keys,
		     size_t *nmetrics)
{
	enum seen *seen = bg_calloc(n, sizeof(*seen));

	look_ahead(c, seen, n);
	*nmetrics = 0;
	for (size_t i = 0; i < n; i++) {
		struct column *col = &cols[i];
		enum role by_name = role_by_name(col->name);

		if (keys && key_listed(keys, col->name))
			col->role = ROLE_KEY;
		else if (by_name != ROLE_KEY)
			col->role = by_name;
		else if (seen[i] == SEEN_NUMBER)
			col->role = ROLE_METRIC;
		else if (keys || seen[i] != SEEN_WORD)
			col->role = ROLE_SKIP;   /* free text, empty, or not named by --key */
		else
			col->role = ROLE_KEY;
		if (col->role == ROLE_METRIC) {
			col->unit = bg_name_unit(col->name, &col->dir);
			col->metric = (*nmetrics)++;
		}
	}
	free(seen);
}

/* The header: column names, none empty, none twice. */
static int read_header(struct csv *c, struct column **out, size_t *n)
{
	struct column *cols;
	int r = next_record(c);

	if (r <= 0)
		return r < 0 ? -1 : bg_error(c->err, BG_EXIT_INPUT, "'%s' is empty", c->path);
	cols = bg_calloc(c->nf, sizeof(*cols));
	*out = cols;
	*n = c->nf;
	for (size_t i = 0; i < c->nf; i++) {
		size_t len;
		const char *t = field_text(c, &c->f[i], &len);

		if (!len || memchr(t, '\0', len))
			return csv_error(c, c->f[i].line, c->f[i].line_start, c->f[i].s,
					 "column %zu of the header has no name", i + 1);
		cols[i].name = bg_strndup(t, len);
		cols[i].namelen = strlen(cols[i].name);
		for (size_t j = 0; j < i; j++)
			if (!strcmp(cols[j].name, cols[i].name))
				return csv_error(c, c->f[i].line, c->f[i].line_start,
						 c->f[i].s - c->f[i].quoted,
						 "column '%s' is named twice in the header", cols[i].name);
	}
	if (c->nf < 2)
		return bg_error_at(c->err, BG_EXIT_INPUT, c->path, 1, 1,
				   "the header has one column: a CSV log has names and numbers");
	return 0;
}

/* A field's text for a message: at most 40 bytes, control characters as '?'. */
static const char *excerpt(char *buf, size_t size, const char *t, size_t len)
{
	size_t n = len < 40 ? len : 40;

	if (n >= size)
		n = size - 1;
	for (size_t i = 0; i < n; i++)
		buf[i] = (unsigned char)t[i] < 0x20 || t[i] == 0x7f ? '?' : t[i];
	buf[n] = '\0';
	return buf;
}

/* Where a field starts, its opening quote included. */
static const char *field_at(const struct field *f)
{
	return f->s - f->quoted;
}

/* A file's name without directories and extension, for a log without key columns. */
static char *file_stem(const char *path)
{
	const char *b = strrchr(path, '/'), *dot;

	b = b ? b + 1 : path;
	dot = strrchr(b, '.');
	return bg_strndup(b, dot && dot != b ? (size_t)(dot - b) : strlen(b));
}

int bg_read_csv(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		int first_run, struct bg_error *err)
{
	struct csv c = { path, buf, buf + len, 1, buf, err, NULL, 0, 0, NULL, 0 };
	const char *keys = rs->read_options ? rs->read_options->csv_key : NULL;
	struct column *cols = NULL;
	struct bg_strmap benches, runs;
	size_t **mcache = NULL;   /* per benchmark, per metric column: metric index + 1 */
	size_t *bidx = NULL;      /* per benchmark: its index in rs + 1, 0 until its first sample */
	size_t ncols = 0, nmetrics = 0, nbench = 0, balloc = 0;
	char *name = NULL, *stem = NULL;
	size_t nalloc = 0;
	int ret = -1, nruns = 1, r, row = 0, has_run = 0;

	bg_strmap_init(&benches);
	bg_strmap_init(&runs);
	if (read_header(&c, &cols, &ncols) < 0)
		goto out;
	if (keys && keys_exist(&c, keys, cols, ncols) < 0)
		goto out;
	stem = file_stem(path);
	classify(&c, cols, ncols, keys, &nmetrics);
	while ((r = next_record(&c)) > 0) {
		const struct field *f;
		size_t nl = 0;
		long bi;
		int run = first_run;

		if (c.nf != ncols) {
			f = &c.f[c.nf < ncols ? c.nf - 1 : ncols];
			if (c.nf < ncols)
				bg_error_at(err, BG_EXIT_INPUT, path, f->line,
					    column_of(f->line_start, f->s + f->len + f->quoted),
					    "row has %zu fields, the header %zu", c.nf, ncols);
			else
				csv_error(&c, f->line, f->line_start, field_at(f),
					  "row has %zu fields, the header %zu", c.nf, ncols);
			goto out;
		}
		row++;
		/* The benchmark's name: key=value of its key columns, in header order. */
		for (size_t i = 0; i < ncols; i++) {
			size_t tl;
			const char *t;

			if (cols[i].role == ROLE_RUN) {
				t = field_text(&c, &c.f[i], &tl);
				if (!has_run) {
					has_run = 1;
					nruns = 0;
				}
				run = (int)bg_strmap_get(&runs, t, tl, nruns);
				if (run == nruns) {
					if (nruns > BG_MAX_RUN) {
						csv_error(&c, c.f[i].line, c.f[i].line_start,
							  field_at(&c.f[i]), "more than %d runs in one file",
							  BG_MAX_RUN);
						goto out;
					}
					nruns++;
				}
				run += first_run;
				continue;
			}
			if (row == 1 && cols[i].role == ROLE_ENV) {
				t = field_text(&c, &c.f[i], &tl);
				env_set(rs, cols[i].name, t, tl);
			}
			if (cols[i].role != ROLE_KEY)
				continue;
			t = field_text(&c, &c.f[i], &tl);
			bg_grow(&name, &nalloc, nl + cols[i].namelen + tl + 3, 1);
			if (nl)
				name[nl++] = '/';
			memcpy(name + nl, cols[i].name, cols[i].namelen);
			nl += cols[i].namelen;
			name[nl++] = '=';
			memcpy(name + nl, t, tl);
			nl += tl;
		}
		if (!nl) {
			bg_grow(&name, &nalloc, strlen(stem) + 1, 1);
			nl = (size_t)sprintf(name, "%s", stem);
		}
		bg_grow(&name, &nalloc, nl + 1, 1);
		name[nl] = '\0';
		bi = bg_strmap_get(&benches, name, nl, (long)nbench);
		if ((size_t)bi == nbench) {
			size_t a = balloc;

			bg_grow(&mcache, &a, nbench + 1, sizeof(*mcache));
			bg_grow(&bidx, &balloc, nbench + 1, sizeof(*bidx));
			mcache[nbench] = bg_calloc(nmetrics, sizeof(**mcache));
			bidx[nbench++] = 0;
		}
		for (size_t i = 0; i < ncols; i++) {
			size_t *slot, tl;
			const char *t;
			char ex[48];
			double d;

			if (cols[i].role != ROLE_METRIC)
				continue;
			f = &c.f[i];
			t = field_text(&c, f, &tl);
			if (bg_csv_number(&d, t, tl) < 0) {
				size_t k;

				for (k = 0; k < tl && (t[k] == ' ' || t[k] == '\t'); k++)
					;
				if (k == tl)
					continue;   /* empty: no sample in this row */
				csv_error(&c, f->line, f->line_start, field_at(f),
					  "'%s' in numeric column '%s' is not a number",
					  excerpt(ex, sizeof(ex), t, tl), cols[i].name);
				goto out;
			}
			if (!isfinite(d) || d < 0) {
				csv_error(&c, f->line, f->line_start, field_at(f),
					  "'%s' in column '%s' is %s", excerpt(ex, sizeof(ex), t, tl),
					  cols[i].name, isfinite(d) ? "negative" : "not a finite number");
				goto out;
			}
			slot = &mcache[bi][cols[i].metric];
			/* Created with its first sample: a benchmark without any cannot be saved. */
			if (!bidx[bi])
				bidx[bi] = (size_t)(bg_resultset_bench(rs, name) - rs->benches) + 1;
			if (!*slot) {
				struct bg_bench *b = &rs->benches[bidx[bi] - 1];
				const char *unit = cols[i].unit;
				struct bg_metric *m = bg_bench_metric(b, cols[i].name, unit, cols[i].dir);

				if (!m) {
					csv_error(&c, f->line, f->line_start, field_at(f),
						  "'%s' of '%s' is in '%s' here but '%s' in an earlier input",
						  cols[i].name, name, unit,
						  bg_bench_find(b, cols[i].name)->unit);
					goto out;
				}
				*slot = (size_t)(m - b->metrics) + 1;
			}
			/* Indices, not pointers: adding a metric or a benchmark moves them. */
			bg_metric_add(&rs->benches[bidx[bi] - 1].metrics[*slot - 1], d, run);
		}
	}
	if (r < 0)
		goto out;
	if (!row) {
		bg_error_at(err, BG_EXIT_INPUT, path, 1, 1,
			    "a CSV header with no rows under it: no samples");
		goto out;
	}
	if (!nmetrics) {
		bg_error_at(err, BG_EXIT_INPUT, path, 1, 1,
			    "no numeric column: a CSV log needs at least one metric");
		goto out;
	}
	ret = nruns > 0 ? nruns : 1;
out:
	for (size_t i = 0; i < nbench; i++)
		free(mcache[i]);
	free(mcache);
	free(bidx);
	for (size_t i = 0; i < ncols; i++) {
		free(cols[i].name);
		free(cols[i].unit);
	}
	free(cols);
	free(name);
	free(stem);
	free(c.f);
	free(c.scratch);
	bg_strmap_release(&benches);
	bg_strmap_release(&runs);
	return ret;
}

/*
 * A header line of at least two fields, none empty, no ':' (go test's key: value
 * lines), not starting like JSON; and a second line.
 */
int bg_sniff_csv(const char *buf, size_t len)
{
	size_t rest, fields = 1, flen = 0;
	const char *p = bg_sniff_start(buf, len, &rest), *end = p + (rest < 65536 ? rest : 65536);
	int quoted = 0;

	if (p >= end || *p == '{' || *p == '[')
		return 0;
	for (; p < end; p++) {
		if (quoted) {
			if (*p == '"')
				quoted = 0;
			flen++;
			continue;
		}
		if (*p == '"') {
			quoted = 1;
			continue;
		}
		if (*p == '\n' || *p == '\r')
			break;
		if (*p == ',') {
			if (!flen)
				return 0;
			fields++;
			flen = 0;
			continue;
		}
		if (*p == '\t' || (unsigned char)*p < 0x20)
			return 0;
		flen++;
	}
	/* A header alone is CSV too: the reader says it has no rows. */
	if (quoted || !flen || fields < 2)
		return 0;
	/* go test -bench text ("goos: linux", result lines) is gotest's, even with commas. */
	return !bg_sniff_gotest(buf, len);
}
