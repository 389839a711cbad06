/* Job-to-job noise: the robust spread of a history, and the machine-wide shift. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/error.h"
#include "benchgate/jobnoise.h"

/* mad's consistency constant for the normal, as R's default (1 / qnorm(3/4) = 1.482602). */
#define MAD_NORMAL 1.4826   /* R's mad() default */
/* Differences further than this many sds of a difference from their median are shifts. */
#define SHIFT_CUT 4.0

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* R's median of x[0..n) (sorted in place), n >= 1. */
static double median_inplace(double *x, size_t n)
{
	qsort(x, n, sizeof(*x), cmp_double);
	return n % 2 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2;
}

/* R's mad(x, constant = 1.4826...) of x[0..n) (reordered), with its median in *center. */
static double mad_inplace(double *center, double *x, size_t n, double *scratch)
{
	double med = median_inplace(x, n);

	for (size_t i = 0; i < n; i++)
		scratch[i] = fabs(x[i] - med);
	*center = med;
	return MAD_NORMAL * median_inplace(scratch, n);
}

void bg_jobsd(struct bg_jobsd *out, const double *y, size_t n)
{
	double *d = bg_malloc((n ? n : 1) * sizeof(*d));
	double *s = bg_malloc((n ? n : 1) * sizeof(*s));
	double prev = NAN, sd, center;
	size_t nd = 0, kept = 0;
	char *keep;

	out->sd = out->df = NAN;
	out->n = out->kept = 0;
	for (size_t i = 0; i < n; i++) {
		if (!isfinite(y[i]))
			continue;
		out->n++;
		if (isfinite(prev))
			d[nd++] = y[i] - prev;
		prev = y[i];
	}
	if (nd == 0)
		goto out;
	{
		double *c = bg_malloc(nd * sizeof(*c));

		memcpy(c, d, nd * sizeof(*c));
		sd = mad_inplace(&center, c, nd, s) / sqrt(2);
		free(c);
	}
	if (!(sd > 0))
		sd = INFINITY;   /* more than half the differences 0: start from all of them */
	/*
	 * Keep the differences within SHIFT_CUT sds of a difference of the median one, sd
	 * the MSSD of those kept, again over all of them, until the kept set stays.
	 */
	keep = bg_calloc(nd, 1);
	for (int round = 0, moved = 1; round < 50 && moved; round++) {
		double sum = 0;

		moved = 0;
		kept = 0;
		for (size_t i = 0; i < nd; i++) {
			char k = fabs(d[i] - center) <= SHIFT_CUT * sqrt(2) * sd;

			moved |= round == 0 || k != keep[i];
			keep[i] = k;
			if (k) {
				sum += d[i] * d[i];
				kept++;
			}
		}
		if (moved)
			sd = sqrt(sum / (2.0 * (double)kept));
	}
	free(keep);
	out->kept = kept;
	out->sd = sd;
	out->df = 2.0 * (double)kept * (double)kept / (3.0 * (double)kept - 1);
out:
	free(d);
	free(s);
}

void bg_hist_init(struct bg_hist *h)
{
	memset(h, 0, sizeof(*h));
}

void bg_hist_release(struct bg_hist *h)
{
	for (size_t i = 0; i < h->nseries; i++) {
		free(h->series[i].bench);
		free(h->series[i].metric);
		free(h->series[i].value);
	}
	free(h->series);
	free(h->label);
	bg_hist_init(h);
}

struct bg_hist_series *bg_hist_add(struct bg_hist *h, const char *bench,
				      const char *metric, size_t nvalues)
{
	struct bg_hist_series *s;

	bg_grow(&h->series, &h->alloc, h->nseries + 1, sizeof(*h->series));
	s = &h->series[h->nseries++];
	s->bench = bg_strdup(bench);
	s->metric = bg_strdup(metric);
	s->value = bg_malloc((nvalues ? nvalues : 1) * sizeof(*s->value));
	for (size_t i = 0; i < nvalues; i++)
		s->value[i] = NAN;
	s->n = 0;
	s->higher = 0;
	return s;
}

static int cmp_series(const void *a, const void *b)
{
	const struct bg_hist_series *x = a, *y = b;
	int c = strcmp(x->bench, y->bench);

	return c ? c : strcmp(x->metric, y->metric);
}

void bg_hist_sort(struct bg_hist *h)
{
	if (h->nseries > 1)
		qsort(h->series, h->nseries, sizeof(*h->series), cmp_series);
}

const struct bg_hist_series *bg_hist_find(const struct bg_hist *h, const char *bench,
					     const char *metric)
{
	struct bg_hist_series key;
	size_t lo = 0, hi = h->nseries;

	key.bench = (char *)bench;
	key.metric = (char *)metric;
	/* sorted (bg_hist_sort) or not: a binary search, then a check */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = cmp_series(&key, &h->series[mid]);

		if (c == 0)
			return &h->series[mid];
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	for (size_t i = 0; i < h->nseries; i++)
		if (!cmp_series(&key, &h->series[i]))
			return &h->series[i];
	return NULL;
}

/* The log of series s's newest `limit` positive values into y[0..nnotes) (NAN elsewhere). */
static size_t log_values(double *y, const struct bg_hist_series *s, size_t nnotes, size_t limit)
{
	size_t k = 0;

	for (size_t j = 0; j < nnotes; j++) {
		y[j] = NAN;
		if ((limit == 0 || k < limit) && s->value[j] > 0 && isfinite(s->value[j])) {
			y[j] = log(s->value[j]);
			k++;
		}
	}
	return k;
}

void bg_hist_spread(struct bg_jobsd *shared, double *level_out, struct bg_jobsd *total,
		       struct bg_jobsd *own, const struct bg_hist *h, size_t limit)
{
	size_t nn = h->nnotes ? h->nnotes : 1, ns = h->nseries ? h->nseries : 1;
	double *y = bg_malloc(ns * nn * sizeof(*y));
	double *center = bg_malloc(ns * sizeof(*center));
	double *level = bg_malloc(nn * sizeof(*level));
	double *tmp = bg_malloc((ns > nn ? ns : nn) * sizeof(*tmp));
	size_t usable = 0;

	for (size_t i = 0; i < h->nseries; i++) {
		double *yi = y + i * nn;
		size_t k = log_values(yi, &h->series[i], h->nnotes, limit), m = 0;

		bg_jobsd(&total[i], yi, h->nnotes);
		center[i] = NAN;
		if (k < BG_HISTORY_MIN)
			continue;
		for (size_t j = 0; j < h->nnotes; j++)
			if (isfinite(yi[j]))
				tmp[m++] = yi[j];
		center[i] = median_inplace(tmp, m);
		usable++;
	}
	for (size_t j = 0; j < h->nnotes; j++) {
		size_t m = 0;

		for (size_t i = 0; i < h->nseries; i++)
			if (isfinite(center[i]) && isfinite(y[i * nn + j]))
				tmp[m++] = (h->series[i].higher ? -1 : 1) * (y[i * nn + j] - center[i]);
		level[j] = m >= BG_SHIFT_MIN ? median_inplace(tmp, m) : NAN;
	}
	if (usable >= BG_SHIFT_MIN) {
		bg_jobsd(shared, level, h->nnotes);
	} else {
		shared->sd = shared->df = NAN;
		shared->n = shared->kept = 0;
	}
	for (size_t i = 0; i < h->nseries; i++) {
		double *yi = y + i * nn;

		if (shared->n < BG_HISTORY_MIN) {
			own[i] = total[i];
			continue;
		}
		for (size_t j = 0; j < h->nnotes; j++)
			yi[j] = isfinite(level[j]) ? yi[j] - (h->series[i].higher ? -1 : 1) * level[j]
						   : NAN;
		bg_jobsd(&own[i], yi, h->nnotes);
	}
	if (level_out && h->nnotes)
		memcpy(level_out, level, h->nnotes * sizeof(*level));
	free(y);
	free(center);
	free(level);
	free(tmp);
}

size_t bg_shift_median(double *estimate, double *se, const double *c, size_t m)
{
	double *x = bg_malloc((m ? m : 1) * sizeof(*x));
	double *s = bg_malloc((m ? m : 1) * sizeof(*s));
	size_t k = 0;
	double center;

	*estimate = *se = NAN;
	for (size_t i = 0; i < m; i++)
		if (isfinite(c[i]))
			x[k++] = c[i];
	if (k >= 1) {
		double mad = mad_inplace(&center, x, k, s);

		*estimate = center;
		if (k >= 2)
			*se = sqrt(M_PI / 2) * mad / sqrt((double)k);
	}
	free(x);
	free(s);
	return k;
}
