/*
 * The false-positive rate and power of bg_changepoints by seeded simulation (docs/baselines.md
 * quotes its table). Build and run from the repository root after make:
 *   cc -O2 -Iinclude bench/changepoint-fpr.c build/libbenchgate.a -lgsl -lgslcblas -lm \
 *      -o build/changepoint-fpr && build/changepoint-fpr 0
 * The argument is the penalty factor (0: the default, BG_CP_PENALTY). Series of n
 * log-normal points (3% noise: normal, Student t with 3 degrees of freedom, Laplace),
 * gsl_rng_mt19937 seeded with 1; FPR: share of series without a shift where one is
 * flagged; power: share of series with a 10% step in the middle where it is found
 * within 2 points.
 */
#include <stdio.h>
#include <stdlib.h>
#include <math.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_randist.h>
#include "benchgate/changepoint.h"
int main(int argc, char **argv) {
	double pen = atof(argv[1]);
	size_t ns[] = {10, 20, 50, 100, 200, 1000};
	for (int dist = 0; dist < 3; dist++)
	for (int k = 0; k < 6; k++) {
		gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937); gsl_rng_set(r, 1);
		size_t n = ns[k], fp = 0, reps = n >= 1000 ? 500 : 2000;
		double *x = malloc(n * sizeof *x);
		for (size_t i = 0; i < reps; i++) {
			for (size_t j = 0; j < n; j++) x[j] = 100 * exp(0.03 * (dist == 0 ? gsl_ran_gaussian(r, 1) : dist == 1 ? gsl_ran_tdist(r, 3) : gsl_ran_laplace(r, 1)));
			struct bg_changepoint *cp; size_t c = bg_changepoints(&cp, x, n, pen, 0); free(cp);
			fp += c > 0;
		}
		/* power: 10% step at the middle, noise 3% */
		size_t hit = 0;
		for (size_t i = 0; i < reps; i++) {
			for (size_t j = 0; j < n; j++) x[j] = 100 * (j >= n/2 ? 1.1 : 1) * exp(0.03 * (dist == 0 ? gsl_ran_gaussian(r, 1) : dist == 1 ? gsl_ran_tdist(r, 3) : gsl_ran_laplace(r, 1)));
			struct bg_changepoint *cp; size_t c = bg_changepoints(&cp, x, n, pen, 0);
			for (size_t q = 0; q < c; q++) if (cp[q].index + 2 >= n/2 && cp[q].index <= n/2 + 2) { hit++; break; }
			free(cp);
		}
		printf("pen %.1f dist %s n %5zu: FPR %.4f  power(10%% step, 3%% noise) %.3f\n", pen, dist == 0 ? "normal " : dist == 1 ? "t3     " : "laplace", n, (double)fp / reps, (double)hit/reps);
		free(x); gsl_rng_free(r);
	}
}
