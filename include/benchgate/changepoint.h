/* Level shifts in a series of measurements: penalised binary segmentation. */
#ifndef BENCHGATE_CHANGEPOINT_H
#define BENCHGATE_CHANGEPOINT_H

#include <stddef.h>

/* The penalty factor of bg_changepoints: a split costs BG_CP_PENALTY * ln(max(n, 50)). */
#define BG_CP_PENALTY 4.0
/* Fewest points on each side of a change: one odd commit is not a new level. */
#define BG_CP_MIN_SEGMENT 2

/* One level shift: x[index] is the first point at the new level. */
struct bg_changepoint {
	size_t index;
	double before, after;   /* the levels (geometric means on positive data) */
	double change;          /* (after - before) / |before|; NAN when before is 0 */
};

/*
 * Robust noise scale of x[0..n): 1.4826 * median |x[i+1] - x[i]| / sqrt(2), the
 * standard deviation of iid normal data, hardly moved by a few level shifts. 0 when
 * n < 2.
 */
double bg_cp_sigma(const double *x, size_t n);

/*
 * Level shifts in x[0..n), in order. The series is taken on a log scale when every
 * value is positive (benchmark levels shift by factors). Binary segmentation: the
 * split of a segment that most reduces the squared error, (n1 n2 / n)(m1 - m2)^2 /
 * sigma^2 with sigma from bg_cp_sigma over the whole series, is kept when that
 * reduction exceeds penalty * ln(max(n, 50)) and both sides hold at least min_segment points;
 * then both sides are split the same way. penalty <= 0 takes BG_CP_PENALTY,
 * min_segment 0 takes BG_CP_MIN_SEGMENT. *out is a new array (NULL when none); returns
 * how many. Non-finite values are not allowed.
 */
size_t bg_changepoints(struct bg_changepoint **out, const double *x, size_t n, double penalty,
		       size_t min_segment);

#endif
