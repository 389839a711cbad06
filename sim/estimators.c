/*
 * sim/estimators.c: how often estimators of the shift put the +30% smoke scenario's
 * change above the 20% threshold (slow30-smoke of sim.c: n = 10 a side, lognormal
 * with CV 10%, 2% slow outliers x U(1.5, 3)). "regression" needs the estimate above
 * the threshold, so this caps the scenario's regression rate for each estimator.
 * All work on log samples; the shift is current minus baseline.
 *
 *   cc -std=c11 -O2 -Iinclude sim/estimators.c $(pkg-config --libs gsl) -lm \
 *      -o build/estimators && ./build/estimators [REPS] [SEED]
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_statistics_double.h>

#define N 10

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* The median of v[0..n), sorting v. */
static double median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Hodges-Lehmann, two samples: the median of the N x N differences (benchgate's). */
static double hl2(const double *b, const double *c)
{
	double d[N * N];
	size_t k = 0;

	for (int i = 0; i < N; i++)
		for (int j = 0; j < N; j++)
			d[k++] = c[j] - b[i];
	return median(d, k);
}

/* Hodges-Lehmann, one sample: the median of the Walsh averages. */
static double hl1(const double *x)
{
	double w[N * (N + 1) / 2];
	size_t k = 0;

	for (int i = 0; i < N; i++)
		for (int j = i; j < N; j++)
			w[k++] = (x[i] + x[j]) / 2;
	return median(w, k);
}

static double mean(const double *x)
{
	double s = 0;

	for (int i = 0; i < N; i++)
		s += x[i];
	return s / N;
}

/* The mean of the values within Tukey's fences (1.5 IQR). */
static double fence_mean(const double *x)
{
	double s[N], q1, q3, t = 0;
	int m = 0;

	for (int i = 0; i < N; i++)
		s[i] = x[i];
	qsort(s, N, sizeof(*s), cmp);
	q1 = gsl_stats_quantile_from_sorted_data(s, 1, N, 0.25);
	q3 = gsl_stats_quantile_from_sorted_data(s, 1, N, 0.75);
	for (int i = 0; i < N; i++) {
		if (s[i] >= q1 - 1.5 * (q3 - q1) && s[i] <= q3 + 1.5 * (q3 - q1)) {
			t += s[i];
			m++;
		}
	}
	return t / m;
}

/* Huber's M-estimate of location (k = 1.345), MAD scale, iterated reweighting. */
static double huber(const double *x)
{
	double s[N], r[N], m, mad;

	for (int i = 0; i < N; i++)
		s[i] = x[i];
	m = median(s, N);
	for (int i = 0; i < N; i++)
		r[i] = fabs(x[i] - m);
	mad = 1.4826 * median(r, N);
	if (!(mad > 0))
		return m;
	for (int it = 0; it < 50; it++) {
		double num = 0, den = 0;

		for (int i = 0; i < N; i++) {
			double u = fabs(x[i] - m) / mad, w = u <= 1.345 ? 1 : 1.345 / u;

			num += w * x[i];
			den += w;
		}
		m = num / den;
	}
	return m;
}

int main(int argc, char **argv)
{
	static const char *const names[] = {
		"Hodges-Lehmann, two samples (benchgate)", "Huber M, difference",
		"Hodges-Lehmann, one sample, difference", "mean within Tukey's fences, difference",
		"median, difference", "mean, difference",
	};
	long reps = argc > 1 ? atol(argv[1]) : 200000, above[6] = { 0 };
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
	double sigma = sqrt(log(1.01)), t = log(1.2);

	gsl_rng_set(rng, argc > 2 ? strtoul(argv[2], NULL, 10) : 1);
	for (long k = 0; k < reps; k++) {
		double b[N], c[N], e[6], sb[N], sc[N];

		for (int side = 0; side < 2; side++) {
			for (int i = 0; i < N; i++) {
				double x = gsl_ran_gaussian(rng, sigma) + (side ? log(1.3) : 0);

				if (gsl_rng_uniform(rng) < 0.02)
					x += log(1.5 + 1.5 * gsl_rng_uniform(rng));
				(side ? c : b)[i] = x;
			}
		}
		for (int i = 0; i < N; i++) {
			sb[i] = b[i];
			sc[i] = c[i];
		}
		e[0] = hl2(b, c);
		e[1] = huber(c) - huber(b);
		e[2] = hl1(c) - hl1(b);
		e[3] = fence_mean(c) - fence_mean(b);
		e[4] = median(sc, N) - median(sb, N);
		e[5] = mean(c) - mean(b);
		for (int j = 0; j < 6; j++)
			above[j] += e[j] > t;
	}
	printf("slow30-smoke, %ld pairs of n = %d: estimate above +20%%\n", reps, N);
	for (int j = 0; j < 6; j++)
		printf("  %-42s %6.2f%%\n", names[j], 100.0 * (double)above[j] / (double)reps);
	gsl_rng_free(rng);
	return 0;
}
