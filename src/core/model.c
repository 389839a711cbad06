/* The data model: result sets, benchmarks, metrics, direction inference. */
#include <fnmatch.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/infer.h"
#include "benchgate/model.h"

void bg_resultset_init(struct bg_resultset *rs)
{
	memset(rs, 0, sizeof(*rs));
	bg_strlist_init(&rs->warnings);
}

/*
 * The samples held in all metrics, and how many may be. Counted per thread: a reader
 * running on a second thread counts its own, and the thread that takes its result set
 * adopts the count (bg_sample_adopt). The limit is set once, before any thread starts.
 */
static _Thread_local size_t samples_held;
static _Thread_local int samples_over;
static size_t samples_limit = BG_MAX_SAMPLES;

static void metric_release(struct bg_metric *m)
{
	/* what is released is no longer held: a later input may have its place */
	samples_held -= m->n < samples_held ? m->n : samples_held;
	if (samples_held < samples_limit)
		samples_over = 0;
	free(m->name);
	free(m->unit);
	free(m->samples);
	free(m->runs);
}

static void bench_release(struct bg_bench *b)
{
	for (size_t i = 0; i < b->nmetrics; i++)
		metric_release(&b->metrics[i]);
	free(b->metrics);
	free(b->name);
}

void bg_resultset_release(struct bg_resultset *rs)
{
	for (size_t i = 0; i < rs->nbenches; i++)
		bench_release(&rs->benches[i]);
	free(rs->benches);
	free(rs->slots);
	free(rs->source);
	json_decref(rs->environment);
	json_decref(rs->provenance);
	bg_strlist_release(&rs->warnings);
	bg_resultset_init(rs);
}

/* FNV-1a of a name, for the index of benches (names are looked up once per benchmark). */
static size_t name_hash(const char *s)
{
	size_t h = (size_t)14695981039346656037ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211ULL;
	return h;
}

/* Put bench i into rs's index, doubling it when half full: finding a bench is O(1). */
static void index_add(struct bg_resultset *rs, size_t i)
{
	size_t mask, k;

	if (2 * (rs->nbenches + 1) > rs->nslots) {
		free(rs->slots);
		rs->nslots = rs->nslots ? 2 * rs->nslots : 64;
		rs->slots = bg_calloc(rs->nslots, sizeof(*rs->slots));
		for (size_t j = 0; j < i; j++)
			index_add(rs, j);
	}
	mask = rs->nslots - 1;
	for (k = name_hash(rs->benches[i].name) & mask; rs->slots[k]; k = (k + 1) & mask)
		;
	rs->slots[k] = i + 1;
}

void bg_resultset_reindex(struct bg_resultset *rs)
{
	free(rs->slots);
	rs->slots = NULL;
	rs->nslots = 0;
	for (size_t i = 0; i < rs->nbenches; i++)
		index_add(rs, i);
}

struct bg_bench *bg_resultset_find(const struct bg_resultset *rs, const char *name)
{
	size_t mask, k;

	if (!rs->nslots)
		return NULL;   /* benches come only through bg_resultset_bench, which indexes */
	mask = rs->nslots - 1;
	for (k = name_hash(name) & mask; rs->slots[k]; k = (k + 1) & mask)
		if (!strcmp(rs->benches[rs->slots[k] - 1].name, name))
			return &rs->benches[rs->slots[k] - 1];
	return NULL;
}

struct bg_bench *bg_resultset_add(struct bg_resultset *rs, const char *name, size_t len)
{
	struct bg_bench *b;

	bg_grow(&rs->benches, &rs->alloc, rs->nbenches + 1, sizeof(*rs->benches));
	b = &rs->benches[rs->nbenches];
	memset(b, 0, sizeof(*b));
	b->name = bg_strndup(name, len);
	index_add(rs, rs->nbenches);
	rs->nbenches++;
	return b;
}

struct bg_bench *bg_resultset_bench(struct bg_resultset *rs, const char *name)
{
	struct bg_bench *b = bg_resultset_find(rs, name);

	return b ? b : bg_resultset_add(rs, name, strlen(name));
}

struct bg_metric *bg_bench_find(const struct bg_bench *b, const char *name)
{
	for (size_t i = 0; i < b->nmetrics; i++)
		if (!strcmp(b->metrics[i].name, name))
			return &b->metrics[i];
	return NULL;
}

struct bg_metric *bg_bench_metric(struct bg_bench *b, const char *name, const char *unit,
				  enum bg_direction dir)
{
	struct bg_metric *m = bg_bench_find(b, name);

	if (m)
		return strcmp(m->unit, unit) ? NULL : m;
	bg_grow(&b->metrics, &b->alloc, b->nmetrics + 1, sizeof(*b->metrics));
	m = &b->metrics[b->nmetrics++];
	memset(m, 0, sizeof(*m));
	m->name = bg_strdup(name);
	m->unit = bg_strdup(unit);
	m->direction = dir;
	return m;
}

void bg_sample_limit_set(size_t limit)
{
	samples_limit = limit;
}

size_t bg_sample_limit(void)
{
	return samples_limit;
}

int bg_sample_limit_exceeded(void)
{
	return samples_over;
}

size_t bg_sample_held(void)
{
	return samples_held;
}

int bg_sample_adopt(size_t n)
{
	samples_held += n;
	return samples_held > samples_limit;
}

void bg_metric_add(struct bg_metric *m, double value, int run)
{
	/* past the limit nothing more is kept: the reader's caller refuses the input */
	if (samples_held >= samples_limit) {
		samples_over = 1;
		return;
	}
	samples_held++;
	if (m->n == m->alloc) {
		size_t alloc = m->alloc;

		bg_grow(&m->samples, &alloc, m->n + 1, sizeof(*m->samples));
		m->runs = bg_realloc(m->runs, alloc * sizeof(*m->runs));
		m->alloc = alloc;
	}
	m->samples[m->n] = value;
	m->runs[m->n] = run;
	m->n++;
}

int bg_metric_summary_only(const struct bg_metric *m)
{
	return m->n == 0 && m->summary.present;
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

int bg_metric_runs(const struct bg_metric *m)
{
	int *r, count = 0;

	if (!m->n)
		return m->summary.present ? m->summary.runs : 0;
	/* readers append run by run: then the runs are the changes of value, no sort */
	for (size_t i = 1; i <= m->n; i++) {
		if (i == m->n)
			return count + 1;
		if (m->runs[i] < m->runs[i - 1])
			break;
		count += m->runs[i] != m->runs[i - 1];
	}
	count = 0;
	r = bg_malloc(m->n * sizeof(*r));
	memcpy(r, m->runs, m->n * sizeof(*r));
	qsort(r, m->n, sizeof(*r), cmp_int);
	for (size_t i = 0; i < m->n; i++)
		count += i == 0 || r[i] != r[i - 1];
	free(r);
	return count;
}

enum bg_direction bg_direction_infer(const char *metric, const char *unit)
{
	enum bg_direction d;

	/* One ordered list of rules for names and units (core/infer.c, docs/formats.md). */
	free(bg_infer_metric(metric, unit, &d));
	return d;
}

const char *bg_direction_name(enum bg_direction d)
{
	switch (d) {
	case BG_DIR_LOWER:
		return "lower";
	case BG_DIR_HIGHER:
		return "higher";
	default:
		return "none";
	}
}

int bg_direction_parse(enum bg_direction *out, const char *s)
{
	if (!strcmp(s, "lower"))
		*out = BG_DIR_LOWER;
	else if (!strcmp(s, "higher"))
		*out = BG_DIR_HIGHER;
	else
		return -1;
	return 0;
}

static const char *const stat_names[] = { "median", "mean", "p95", "p99" };

const char *bg_statistic_name(enum bg_statistic s)
{
	return stat_names[s];
}

int bg_statistic_parse(enum bg_statistic *out, const char *s)
{
	for (int i = 0; i < 4; i++) {
		if (!strcmp(s, stat_names[i])) {
			*out = (enum bg_statistic)i;
			return 0;
		}
	}
	return -1;
}

int bg_glob_match(const char *pattern, const char *s)
{
	return fnmatch(pattern, s, 0) == 0;
}

json_t *bg_json_number(double v)
{
	return isfinite(v) ? json_real(v) : json_null();
}

size_t bg_utf8_seq(const unsigned char *p)
{
	unsigned c = p[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		return (p[1] & 0xc0) == 0x80 ? 2 : 0;
	if (c >= 0xe0 && c <= 0xef) {
		if ((p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80)
			return 0;
		if ((c == 0xe0 && p[1] < 0xa0) || (c == 0xed && p[1] >= 0xa0))
			return 0;
		return 3;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		if ((p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80 || (p[3] & 0xc0) != 0x80)
			return 0;
		if ((c == 0xf0 && p[1] < 0x90) || (c == 0xf4 && p[1] >= 0x90))
			return 0;
		return 4;
	}
	return 0;
}

/*
 * A string, or null for NULL. jansson refuses invalid UTF-8; such bytes become U+FFFD
 * rather than the key silently disappearing. New reference.
 */
json_t *bg_json_string(const char *s)
{
	json_t *j;
	char *fixed, *q;

	if (!s)
		return json_null();
	if ((j = json_string(s)))
		return j;
	q = fixed = bg_malloc(strlen(s) * 3 + 1);
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		size_t k = bg_utf8_seq(p);

		if (k) {
			memcpy(q, p, k);
			q += k;
			p += k;
		} else {
			memcpy(q, "\xef\xbf\xbd", 3);
			q += 3;
			p++;
		}
	}
	*q = '\0';
	j = json_string(fixed);
	free(fixed);
	return j ? j : json_null();
}
