/* Units across formats: one family's units convert into each other before comparison. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/units.h"

enum family { FAM_NONE = 0, FAM_TIME, FAM_SIZE };

/* A unit as a power of ten and of two of its family's base (second, byte). */
struct unit {
	const char *name;
	enum family fam;
	int p10, p2;
};

static const struct unit units[] = {
	{ "ns", FAM_TIME, -9, 0 },
	{ "us", FAM_TIME, -6, 0 },
	{ "\xC2\xB5s", FAM_TIME, -6, 0 },   /* micro sign */
	{ "\xCE\xBCs", FAM_TIME, -6, 0 },   /* Greek mu */
	{ "ms", FAM_TIME, -3, 0 },
	{ "s", FAM_TIME, 0, 0 },
	{ "sec", FAM_TIME, 0, 0 },
	{ "second", FAM_TIME, 0, 0 },
	{ "seconds", FAM_TIME, 0, 0 },
	{ "B", FAM_SIZE, 0, 0 },
	{ "byte", FAM_SIZE, 0, 0 },
	{ "bytes", FAM_SIZE, 0, 0 },
	{ "KB", FAM_SIZE, 3, 0 },
	{ "kB", FAM_SIZE, 3, 0 },
	{ "MB", FAM_SIZE, 6, 0 },
	{ "GB", FAM_SIZE, 9, 0 },
	{ "KiB", FAM_SIZE, 0, 10 },
	{ "MiB", FAM_SIZE, 0, 20 },
	{ "GiB", FAM_SIZE, 0, 30 },
};

/* The unit named by s[0..n), or NULL. */
static const struct unit *unit_find(const char *s, size_t n)
{
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strlen(units[i].name) == n && !memcmp(units[i].name, s, n))
			return &units[i];
	return NULL;
}

/*
 * Powers from one word to another: the same family (powers set), or the same
 * word outside any family (powers 0). -1 when they do not convert.
 */
static int word_powers(int *p10, int *p2, const char *a, size_t an, const char *b, size_t bn)
{
	const struct unit *ua = unit_find(a, an), *ub = unit_find(b, bn);

	*p10 = *p2 = 0;
	if (ua && ub) {
		if (ua->fam != ub->fam)
			return -1;
		*p10 = ua->p10 - ub->p10;
		*p2 = ua->p2 - ub->p2;
		return 0;
	}
	if (ua || ub)
		return -1;
	return an == bn && !memcmp(a, b, an) ? 0 : -1;
}

/* Powers of ten and two that turn a value in from into one in to. */
static int unit_powers(int *p10, int *p2, const char *from, const char *to)
{
	const char *fs = strchr(from, '/'), *ts = strchr(to, '/');
	size_t fn = fs ? (size_t)(fs - from) : strlen(from);
	size_t tn = ts ? (size_t)(ts - to) : strlen(to);
	int n10, n2, d10, d2;

	if (!strcmp(from, to)) {
		*p10 = *p2 = 0;
		return 0;
	}
	if (!fs != !ts || !fn || !tn)
		return -1;
	if (word_powers(&n10, &n2, from, fn, to, tn) < 0)
		return -1;
	if (fs) {
		/* A denominator is a time (ops/s) or a word (ns/op); never a size. */
		const struct unit *ud = unit_find(fs + 1, strlen(fs + 1));

		if (ud && ud->fam != FAM_TIME)
			return -1;
		if (word_powers(&d10, &d2, fs + 1, strlen(fs + 1), ts + 1, strlen(ts + 1)) < 0)
			return -1;
		n10 -= d10;
		n2 -= d2;
	}
	*p10 = n10;
	*p2 = n2;
	return 0;
}

int bg_unit_factor(double *factor, const char *from, const char *to)
{
	int p10, p2;

	if (unit_powers(&p10, &p2, from, to) < 0)
		return -1;
	*factor = pow(10, p10) * ldexp(1, p2);
	return 0;
}

/*
 * v scaled by 10^p10 * 2^p2, dividing by the exact integer power where the factor
 * is below 1 (v / 1000 is correctly rounded; v * 0.001 is not always).
 */
static double scale(double v, int p10, int p2)
{
	double mul = 1, div = 1;

	for (int i = 0; i < p10; i++)
		mul *= 10;
	for (int i = 0; i < -p10; i++)
		div *= 10;
	if (p2 > 0)
		mul = ldexp(mul, p2);
	else if (p2 < 0)
		div = ldexp(div, -p2);
	return v * mul / div;
}

static void metric_scale(struct bg_metric *m, int p10, int p2)
{
	struct bg_metric_summary *s = &m->summary;

	for (size_t i = 0; i < m->n; i++)
		m->samples[i] = scale(m->samples[i], p10, p2);
	if (!s->present)
		return;
	s->mean = scale(s->mean, p10, p2);
	s->median = scale(s->median, p10, p2);
	s->p95 = scale(s->p95, p10, p2);
	s->p99 = scale(s->p99, p10, p2);
	s->stddev = scale(s->stddev, p10, p2);
	s->min = scale(s->min, p10, p2);
	s->max = scale(s->max, p10, p2);
}

void bg_units_align(struct bg_resultset *cur, const struct bg_resultset *base)
{
	for (size_t i = 0; i < cur->nbenches; i++) {
		struct bg_bench *cb = &cur->benches[i];
		const struct bg_bench *bb = bg_resultset_find(base, cb->name);

		for (size_t j = 0; bb && j < cb->nmetrics; j++) {
			struct bg_metric *cm = &cb->metrics[j];
			const struct bg_metric *bm = bg_bench_find(bb, cm->name);
			int p10, p2;

			if (!bm || !strcmp(bm->unit, cm->unit) ||
			    unit_powers(&p10, &p2, cm->unit, bm->unit) < 0)
				continue;
			metric_scale(cm, p10, p2);
			free(cm->unit);
			cm->unit = bg_strdup(bm->unit);
		}
	}
}
