/* The shape of a sample: Tukey's fences and outliers, a robust CV, bimodality. */
#include <math.h>
#include <stddef.h>

#include "benchgate/stats.h"

void bg_shape_compute(struct bg_shape *out, const double *sorted, size_t n)
{
	double q1, q3, iqr, inner_lo, inner_hi, outer_lo, outer_hi;
	double mean = 0, m2 = 0, m3 = 0, m4 = 0, med, mad;
	size_t k = 0, i;

	out->mild = out->severe = 0;
	out->robust_cv = NAN;
	out->bimodality = NAN;
	if (n == 0)
		return;
	q1 = bg_quantile_sorted(sorted, n, 0.25);
	q3 = bg_quantile_sorted(sorted, n, 0.75);
	iqr = q3 - q1;
	inner_lo = q1 - 1.5 * iqr;
	inner_hi = q3 + 1.5 * iqr;
	outer_lo = q1 - 3 * iqr;
	outer_hi = q3 + 3 * iqr;
	for (i = 0; i < n; i++) {
		double v = sorted[i];

		if (v < outer_lo || v > outer_hi)
			out->severe++;
		else if (v < inner_lo || v > inner_hi)
			out->mild++;
	}

	/* 1.4826 MAD / median: the CV of a normal sample, unmoved by a few outliers */
	med = bg_quantile_sorted(sorted, n, 0.5);
	mad = bg_mad_sorted(sorted, n, med);
	if (med != 0)
		out->robust_cv = 1.4826 * mad / fabs(med);

	/*
	 * Sarle's bimodality coefficient of the values within the outer fences (severe
	 * outliers are counted above, not taken for a second mode), with the sample
	 * skewness and excess kurtosis corrected for bias (SAS's G1, G2):
	 *   BC = (G1^2 + 1) / (G2 + 3 (m - 1)^2 / ((m - 2)(m - 3))),
	 * 1/3 for a normal, 5/9 for a uniform, towards 1 for two separate modes.
	 */
	for (i = 0; i < n; i++)
		if (sorted[i] >= outer_lo && sorted[i] <= outer_hi) {
			mean += sorted[i];
			k++;
		}
	if (k < 4)
		return;
	mean /= (double)k;
	for (i = 0; i < n; i++) {
		double d;

		if (sorted[i] < outer_lo || sorted[i] > outer_hi)
			continue;
		d = sorted[i] - mean;
		m2 += d * d;
		m3 += d * d * d;
		m4 += d * d * d * d;
	}
	m2 /= (double)k;
	m3 /= (double)k;
	m4 /= (double)k;
	if (!(m2 > 0))
		return;
	{
		double m = (double)k;
		double g1 = m3 / pow(m2, 1.5), g2 = m4 / (m2 * m2) - 3;
		double G1 = g1 * sqrt(m * (m - 1)) / (m - 2);
		double G2 = ((m + 1) * g2 + 6) * (m - 1) / ((m - 2) * (m - 3));

		out->bimodality = (G1 * G1 + 1) / (G2 + 3 * (m - 1) * (m - 1) / ((m - 2) * (m - 3)));
	}
}
