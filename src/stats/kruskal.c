/* Kruskal-Wallis across the runs of one sample: do the runs agree? */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "benchgate/error.h"
#include "benchgate/stats.h"

struct obs {
	double v;
	int g;
};

/* Ascending value; equal values by group, so the order is total and deterministic. */
static int cmp_obs(const void *a, const void *b)
{
	const struct obs *x = a, *y = b;

	if (x->v != y->v)
		return x->v < y->v ? -1 : 1;
	return (x->g > y->g) - (x->g < y->g);
}

double bg_kruskal_wallis(double *h_out, const double *x, const int *group, size_t n,
			 int ngroups)
{
	struct obs *o;
	double *rsum, h = 0, ties = 0, N = (double)n;
	size_t *cnt, i = 0;
	int k = 0;

	if (h_out)
		*h_out = NAN;
	if (n < 2 || ngroups < 2)
		return NAN;
	o = bg_malloc(n * sizeof(*o));
	rsum = bg_calloc((size_t)ngroups, sizeof(*rsum));
	cnt = bg_calloc((size_t)ngroups, sizeof(*cnt));
	for (i = 0; i < n; i++) {
		if (group[i] < 0 || group[i] >= ngroups || isnan(x[i])) {
			free(o);
			free(rsum);
			free(cnt);
			return NAN;
		}
		o[i].v = x[i];
		o[i].g = group[i];
		cnt[group[i]]++;
	}
	qsort(o, n, sizeof(*o), cmp_obs);
	/* mid-ranks: a run of t equal values at positions pos+1 .. pos+t shares pos + (t+1)/2 */
	for (i = 0; i < n;) {
		size_t j = i;
		double r, t;

		while (j < n && o[j].v == o[i].v)
			j++;
		t = (double)(j - i);
		r = (double)i + (t + 1) / 2;
		for (size_t q = i; q < j; q++)
			rsum[o[q].g] += r;
		ties += t * t * t - t;
		i = j;
	}
	/* H = 12 / (N (N + 1)) sum R_g^2 / n_g - 3 (N + 1), over 1 - sum(t^3 - t) / (N^3 - N) */
	for (int g = 0; g < ngroups; g++) {
		if (!cnt[g])
			continue;
		h += rsum[g] * rsum[g] / (double)cnt[g];
		k++;
	}
	h = 12 / (N * (N + 1)) * h - 3 * (N + 1);
	free(o);
	free(rsum);
	free(cnt);
	if (k < 2)
		return NAN;
	if (!(1 - ties / (N * N * N - N) > 0))
		return 1;   /* every value equal: nothing tells the runs apart (R: NaN) */
	h /= 1 - ties / (N * N * N - N);
	if (h < 0)
		h = 0;
	if (h_out)
		*h_out = h;
	return gsl_cdf_chisq_Q(h, (double)(k - 1));
}
