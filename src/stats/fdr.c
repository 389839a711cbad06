/* Benjamini-Hochberg adjusted p-values: the false discovery rate over a family. */
#include <math.h>
#include <stdlib.h>

#include "benchgate/error.h"
#include "benchgate/stats.h"

struct ranked {
	double p;
	size_t at;
};

/* Ascending p; equal p-values keep their input order, so the result is deterministic. */
static int cmp_ranked(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;

	if (x->p != y->p)
		return x->p < y->p ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

void bg_bh_adjust(double *q, const double *p, size_t n)
{
	struct ranked *r = bg_malloc((n ? n : 1) * sizeof(*r));
	size_t m = 0;
	double run = 1;

	for (size_t i = 0; i < n; i++) {
		q[i] = NAN;
		if (!isnan(p[i])) {
			r[m].p = p[i];
			r[m].at = i;
			m++;
		}
	}
	qsort(r, m, sizeof(*r), cmp_ranked);
	/* q(i) = min over j >= i of m p(j) / j, from the largest down; at most 1 */
	for (size_t k = m; k > 0; k--) {
		double v = (double)m / (double)k * r[k - 1].p;

		if (v < run)
			run = v;
		q[r[k - 1].at] = run;
	}
	free(r);
}
