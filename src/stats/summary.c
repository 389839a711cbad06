/* Summaries of samples: moments, and the summary of a sorted sample with its shape. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_statistics_double.h>

#include "benchgate/error.h"
#include "benchgate/stats.h"

/*
 * Mean and sample standard deviation in plain double arithmetic, so results are the
 * same on every platform (GSL's accumulate in long double, whose width varies:
 * x87 80-bit, 128-bit on aarch64, 64-bit under valgrind). Neumaier's compensated
 * sum keeps them as accurate; the deviation is two-pass (n - 1 degrees of freedom).
 */
static void neumaier_add(double *sum, double *c, double v)
{
	double t = *sum + v;

	if (fabs(*sum) >= fabs(v))
		*c += (*sum - t) + v;
	else
		*c += (v - t) + *sum;
	*sum = t;
}

static double sum_compensated(const double *x, size_t n, double shift)
{
	double sum = 0, c = 0;

	for (size_t i = 0; i < n; i++)
		neumaier_add(&sum, &c, x[i] - shift);
	return sum + c;
}

double bg_mean(const double *x, size_t n)
{
	return n ? sum_compensated(x, n, 0) / (double)n : NAN;
}

double bg_sd_m(const double *x, size_t n, double mean)
{
	double ss = 0, c = 0, d;

	if (n < 2)
		return NAN;
	for (size_t i = 0; i < n; i++)
		neumaier_add(&ss, &c, (x[i] - mean) * (x[i] - mean));
	/* Two-pass correction for the error in mean (Chan, Golub, LeVeque). */
	d = sum_compensated(x, n, mean);
	return sqrt(((ss + c) - d * d / (double)n) / (double)(n - 1));
}

void bg_summary_compute(struct bg_summary *out, const double *sorted, size_t n,
			double confidence)
{
	memset(out, 0, sizeof(*out));
	out->n = n;
	if (n == 0) {
		out->mean = out->stddev = out->min = out->max = NAN;
		out->median = out->p95 = out->p99 = out->mad = out->cv = NAN;
		bg_quantile_ci_sorted(&out->median_ci, sorted, 0, 0.5, confidence);
		bg_quantile_ci_sorted(&out->p95_ci, sorted, 0, 0.95, confidence);
		bg_quantile_ci_sorted(&out->p99_ci, sorted, 0, 0.99, confidence);
		bg_shape_compute(&out->shape, sorted, 0);
		return;
	}
	out->mean = bg_mean(sorted, n);
	if (n >= 2) {
		/* two-pass sample standard deviation, n - 1 degrees of freedom */
		out->stddev = bg_sd_m(sorted, n, out->mean);
		out->cv = out->mean != 0 ? out->stddev / out->mean : NAN;
	} else {
		out->stddev = NAN;
		out->cv = NAN;
	}
	out->min = sorted[0];
	out->max = sorted[n - 1];
	out->median = bg_quantile_sorted(sorted, n, 0.5);
	out->p95 = bg_quantile_sorted(sorted, n, 0.95);
	out->p99 = bg_quantile_sorted(sorted, n, 0.99);
	out->mad = bg_mad_sorted(sorted, n, out->median);
	bg_quantile_ci_sorted(&out->median_ci, sorted, n, 0.5, confidence);
	bg_quantile_ci_sorted(&out->p95_ci, sorted, n, 0.95, confidence);
	bg_quantile_ci_sorted(&out->p99_ci, sorted, n, 0.99, confidence);
	bg_shape_compute(&out->shape, sorted, n);
}

double bg_summary_stat(const struct bg_summary *s, enum bg_statistic stat)
{
	switch (stat) {
	case BG_STAT_MEDIAN:
		return s->median;
	case BG_STAT_MEAN:
		return s->mean;
	case BG_STAT_P95:
		return s->p95;
	case BG_STAT_P99:
		return s->p99;
	}
	return NAN;
}
