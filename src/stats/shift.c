/*
 * Hodges-Lehmann shift between two samples and its Mann-Whitney (Moses) interval, from
 * order statistics of the m n pairwise differences, found without forming them.
 */
#include <float.h>
#include <math.h>
#include <stddef.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "benchgate/stats.h"

/* The most differences gathered to select from (8 MB); more are narrowed by counting. */
#define FEW_MAX ((size_t)1 << 20)

/* Both samples below this size and no ties: the exact distribution (as bg_mann_whitney). */
#define EXACT_LIMIT 50

/* The most ranks searched at once (the median, the next one up, two bounds). */
#define MAX_RANKS 4
#define MAX_PROBES (2 * MAX_RANKS)

/* Values after y's last in the padded copy count_le and gather read (+inf). */
#define PAD_HI 4

/*
 * Where the prefix of y[0..n) with y[j] - xi <= d ends, from j on. y ascending, so the
 * comparisons of the next PAD_HI values are ones then zeros: their sum is how far the
 * prefix grows, found without a branch (it mostly grows by 0 to 2 from one x to the
 * next, at random, which a branch would mispredict) and without one comparison waiting
 * for the last. y is padded: y[n] and after are +inf, which ends the prefix unless d
 * is +inf itself (a difference too large for a double): hence the bound at n.
 */
static inline size_t advance(const double *y, size_t n, size_t j, double xi, double d)
{
	for (;;) {
		size_t step = (size_t)(y[j] - xi <= d) + (size_t)(y[j + 1] - xi <= d) +
			      (size_t)(y[j + 2] - xi <= d) + (size_t)(y[j + 3] - xi <= d);

		j += step;
		if (step < PAD_HI || j >= n)
			return j < n ? j : n;
	}
}

/*
 * One pass over the differences y[j] - x[i] against each probe d[p] of d[0..np): how
 * many are <= it, the largest of those and the smallest above it (NAN when there is
 * none). x[0..m) and y[0..n) ascending; y padded: y[-1] is -inf, y[n] and after +inf.
 * For each i the j with y[j] - x[i] <= d form a prefix of y, whose length does not
 * shrink as x[i] grows (rounded subtraction is monotone in each operand): O(np (m + n)),
 * the probes' scans side by side. The largest difference <= d is the largest of the
 * prefixes' last ones, the smallest above the smallest of the first ones after.
 */
static void count_le(size_t *count, double *below, double *above, const double *x, size_t m,
		     const double *y, size_t n, const double *d, size_t np)
{
	size_t j[MAX_PROBES] = { 0 }, c[MAX_PROBES] = { 0 };
	double lo[MAX_PROBES], hi[MAX_PROBES];

	for (size_t p = 0; p < np; p++) {
		lo[p] = -INFINITY;
		hi[p] = INFINITY;
	}
	for (size_t i = 0; i < m; i++) {
		double xi = x[i];

		for (size_t p = 0; p < np; p++) {
			size_t jp = advance(y, n, j[p], xi, d[p]);
			double last = y[(ptrdiff_t)jp - 1] - xi, first = y[jp] - xi;

			lo[p] = last > lo[p] ? last : lo[p];
			hi[p] = first < hi[p] ? first : hi[p];
			j[p] = jp;
			c[p] += jp;
		}
	}
	for (size_t p = 0; p < np; p++) {
		count[p] = c[p];
		below[p] = c[p] ? lo[p] : NAN;
		above[p] = c[p] < m * n ? hi[p] : NAN;
	}
}

/*
 * Move a[lo..hi) < pivot to its front, without a branch (Lomuto's scheme, the swap done
 * whatever the comparison says); where they end. below: <= pivot instead of <.
 */
static size_t partition(double *a, size_t lo, size_t hi, double pivot, int below)
{
	size_t s = lo;

	for (size_t i = lo; i < hi; i++) {
		double v = a[i];

		a[i] = a[s];
		a[s] = v;
		s += below ? v <= pivot : v < pivot;
	}
	return s;
}

/*
 * The want-th smallest (1-based, 1 <= want <= k) of a[0..k), reordering a so that
 * a[0..want-1) <= a[want-1] <= a[want..k): quickselect on the median of three values,
 * O(k) expected, partitions without branches. Values equal to the pivot are set
 * aside in a second partition, so that ties do not make it quadratic. Exact: it moves
 * values, never computes one.
 */
static double select_kth(double *a, size_t k, size_t want)
{
	size_t l = 0, r = k, t = want - 1;

	while (r - l > 1) {
		double p = a[l], q = a[l + (r - l) / 2], u = a[r - 1], pivot;
		size_t lt, le;

		pivot = p < q ? (q < u ? q : p < u ? u : p) : (p < u ? p : q < u ? u : q);
		/* a[l..lt) < pivot <= a[lt..r), then a[lt..le) == pivot < a[le..r) */
		lt = partition(a, l, r, pivot, 0);
		if (t < lt) {
			r = lt;
			continue;
		}
		le = partition(a, lt, r, pivot, 1);
		if (t < le)
			return a[t] = pivot;
		l = le;
	}
	return a[t];
}

/*
 * A value between a and b (a < b), for bisection: their mean without overflow, and a
 * finite value when either is infinite (a difference too large for a double).
 */
static double midpoint(double a, double b)
{
	if (isinf(a) && isinf(b))
		return 0;
	if (isinf(a))
		return -DBL_MAX;
	if (isinf(b))
		return DBL_MAX;
	return a / 2 + b / 2;
}

/* probe when it is strictly inside the bracket (a, hi) (a itself allowed when a_in), or NAN. */
static double inside(double probe, double a, int a_in, double hi)
{
	return probe < hi && (a_in ? probe >= a : probe > a) ? probe : NAN;
}

enum { SEARCHING, GATHERING, FOUND };

/*
 * One rank searched for: the k-th smallest difference d* is the smallest difference
 * with at least k differences <= it. lo has cl = count(<= lo) < k (lo_inf: below every
 * difference, cl = 0), hi is a difference with ch = count(<= hi) >= k, so d* is in
 * (lo, hi]; next is the smallest difference above lo. last_v, last_c: the rank's own
 * last probe and its count; slope: differences per unit of value there.
 */
struct rank {
	size_t k, cl, ch;
	double lo, hi, next, last_v, last_c, slope, value;
	int lo_inf, stalled, have_last, state;
};

/*
 * The differences in (lo, hi] of the ranks gathering, one array per bracket (ranks
 * with the same counts share it), each selected from in one pass; FOUND after.
 */
static void gather(struct rank *rk, size_t nr, const double *x, size_t m, const double *y,
		   size_t n)
{
	struct {
		const struct rank *r;   /* the bracket's first rank */
		double *buf;
		size_t cnt, got, jl, jh;
	} g[MAX_RANKS];
	size_t ng = 0, of[MAX_RANKS];

	for (size_t r = 0; r < nr; r++) {
		size_t b = 0;

		if (rk[r].state != GATHERING)
			continue;
		while (b < ng && !(g[b].r->cl == rk[r].cl && g[b].r->ch == rk[r].ch))
			b++;
		if (b == ng) {
			g[b].r = &rk[r];
			g[b].cnt = rk[r].ch - rk[r].cl;
			g[b].buf = bg_malloc((g[b].cnt + PAD_HI) * sizeof(double));
			g[b].got = g[b].jl = g[b].jh = 0;
			ng++;
		}
		of[r] = b;
	}
	/*
	 * For each x[i] the differences in (lo, hi] are a run of y, both ends moving right;
	 * short runs are copied PAD_HI at a time without a branch (the buffers have room).
	 */
	for (size_t i = 0; i < m; i++)
		for (size_t b = 0; b < ng; b++) {
			const struct rank *r = g[b].r;
			double xi = x[i], *out;
			size_t jl = r->lo_inf ? 0 : advance(y, n, g[b].jl, xi, r->lo);
			size_t jh = advance(y, n, g[b].jh, xi, r->hi), run = jh - jl;

			if (run > g[b].cnt - g[b].got)
				run = g[b].cnt - g[b].got;
			out = g[b].buf + g[b].got;
			if (run <= PAD_HI) {
				for (size_t t = 0; t < PAD_HI; t++)
					out[t] = y[jl + t] - xi;
			} else {
				for (size_t t = 0; t < run; t++)
					out[t] = y[jl + t] - xi;
			}
			g[b].got += run;
			g[b].jl = jl;
			g[b].jh = jh;
		}
	/* within a bracket in rising rank: each selection leaves the larger ones after it */
	for (size_t b = 0; b < ng; b++) {
		size_t done = 0;

		for (;;) {
			struct rank *next = NULL;

			for (size_t r = 0; r < nr; r++)
				if (rk[r].state == GATHERING && of[r] == b && (!next || rk[r].k < next->k))
					next = &rk[r];
			if (!next)
				break;
			{
				size_t want = next->k - next->cl;

				next->value = want > done && want <= g[b].got
						      ? select_kth(g[b].buf + done, g[b].got - done, want - done)
						      : want == done && done ? g[b].buf[done - 1] : NAN;
				done = want > done && want <= g[b].got ? want : done;
			}
			next->state = FOUND;
		}
		free(g[b].buf);
	}
}

/*
 * The differences of ranks rk[0..nr), each from a first guess of its value
 * (rk[r].last_v, count rk[r].last_c = k - 0.5) and of the slope of the counts there.
 * Each round is one pass counting every probe of every rank still searching, and every
 * rank narrows its bracket with all of them. A rank probes a pair of values about
 * few / 4 ranks either side of where its slope puts d* (from the guess at first, then
 * the secant of its last two probes), so that it usually leaves few enough differences
 * between them to gather and select. After two rounds that did not halve its
 * differences left, rounds of one probe alternate bisection and interpolation on the
 * counts, so the bracket at least halves in value every two rounds. Snap hi down to a
 * difference. A rank is found when next is hi (then d* = hi); when few are left, the
 * ranks gather their brackets in one last pass. Exact whatever the guesses.
 */
static void search(struct rank *rk, size_t nr, const double *x, size_t m, const double *y,
		   size_t n)
{
	double *pad;
	size_t few;

	/* y padded for count_le and gather: -inf before, +inf after */
	pad = bg_malloc((1 + n + PAD_HI) * sizeof(*pad));
	pad[0] = -INFINITY;
	memcpy(pad + 1, y, n * sizeof(*y));
	for (size_t t = 0; t < PAD_HI; t++)
		pad[1 + n + t] = INFINITY;
	/* gathering costs about what a count does; at most 8 MB of them at once */
	few = 2 * (m + n) + 64 < FEW_MAX ? 2 * (m + n) + 64 : FEW_MAX;
	for (size_t r = 0; r < nr; r++) {
		rk[r].lo = 0;
		rk[r].lo_inf = 1;
		rk[r].cl = 0;
		rk[r].hi = y[n - 1] - x[0];
		rk[r].ch = m * n;
		rk[r].next = y[0] - x[m - 1];
		rk[r].stalled = rk[r].have_last = 0;
		rk[r].state = SEARCHING;
	}
	for (;;) {
		double d[MAX_PROBES], below[MAX_PROBES], above[MAX_PROBES];
		size_t owner[MAX_PROBES], c[MAX_PROBES], width[MAX_RANKS], np = 0, searching = 0;

		for (size_t r = 0; r < nr; r++) {
			struct rank *k = &rk[r];
			double a = k->lo_inf ? k->next : k->lo, probes[2];
			size_t pn = 0;
			int shared = 0;

			if (k->state != SEARCHING)
				continue;
			if (k->next == k->hi) {
				k->value = k->hi;
				k->state = FOUND;
				continue;
			}
			if (k->ch - k->cl <= few) {
				k->state = GATHERING;
				continue;
			}
			searching++;
			width[r] = k->ch - k->cl;
			/* a rank near one probing in the same bracket waits for its probes */
			for (size_t o = 0; o < r; o++)
				shared |= rk[o].state == SEARCHING && rk[o].cl == k->cl &&
					  rk[o].ch == k->ch && !k->stalled &&
					  (k->k > rk[o].k ? k->k - rk[o].k : rk[o].k - k->k) < few / 4;
			if (shared)
				continue;
			if (k->stalled < 2 && k->slope > 0 && isfinite(k->slope)) {
				double v = k->last_v + ((double)k->k - 0.5 - k->last_c) / k->slope;
				double half = (double)few / 4 / k->slope;

				probes[pn++] = v - half;
				probes[pn++] = v + half;
			} else {
				double mid = midpoint(a, k->hi);
				double probe = k->stalled % 2
						       ? a + (k->hi - a) * ((double)(k->k - k->cl) /
									    (double)width[r])
						       : mid;

				/*
				 * Without a lower bound yet, next (the smallest difference) may be
				 * the one: probed itself when no value lies between it and hi.
				 */
				if (isnan(probe = inside(probe, a, k->lo_inf, k->hi)) &&
				    isnan(probe = inside(mid, a, k->lo_inf, k->hi)) &&
				    (!k->lo_inf || isnan(probe = inside(a, a, 1, k->hi)))) {
					/* lo and hi adjacent doubles: every difference between is hi */
					k->value = k->hi;
					k->state = FOUND;
					searching--;
					continue;
				}
				probes[pn++] = probe;
			}
			for (size_t p = 0; p < pn; p++)
				if (!isnan(probes[p] = inside(probes[p], a, k->lo_inf, k->hi))) {
					d[np] = probes[p];
					owner[np++] = r;
				}
		}
		if (!searching)
			break;
		count_le(c, below, above, x, m, pad + 1, n, d, np);
		for (size_t r = 0; r < nr; r++) {
			struct rank *k = &rk[r];

			if (k->state != SEARCHING)
				continue;
			for (size_t p = 0; p < np; p++) {
				if (owner[p] == r) {
					if (k->have_last && d[p] != k->last_v && (double)c[p] != k->last_c)
						k->slope = ((double)c[p] - k->last_c) / (d[p] - k->last_v);
					k->last_v = d[p];
					k->last_c = (double)c[p];
					k->have_last = 1;
				}
				/* any probe inside the bracket narrows it */
				if (c[p] >= k->k && c[p] <= k->ch && below[p] <= k->hi) {
					k->hi = below[p];
					k->ch = c[p];
				} else if (c[p] < k->k && c[p] >= k->cl && (k->lo_inf || d[p] > k->lo)) {
					k->lo = d[p];
					k->lo_inf = 0;
					k->cl = c[p];
					k->next = above[p];
				}
			}
			k->stalled = 2 * (k->ch - k->cl) > width[r] ? k->stalled + 1 : 0;
		}
	}
	gather(rk, nr, x, m, pad + 1, n);
	free(pad);
}

/*
 * A first guess of the k-th difference and of the slope of the counts there, into
 * r->last_v and r->slope: the differences as a normal about the mean of y's and x's
 * differences at 15 quantiles from 0.2 to 0.8 (steadier than the medians' difference),
 * of standard deviation from the interquartile ranges. Any guess gives the same (exact)
 * answer, a good one fewer counts.
 */
static void first_guess(struct rank *r, const double *x, size_t m, const double *y, size_t n,
			size_t k)
{
	double sx, sy, sd, z, shift = 0;

	for (int q = 0; q < 15; q++) {
		double p = 0.2 + 0.6 * q / 14;

		shift += y[(size_t)(p * (double)(n - 1))] - x[(size_t)(p * (double)(m - 1))];
	}
	sx = (x[3 * (m - 1) / 4] - x[(m - 1) / 4]) / 1.349;
	sy = (y[3 * (n - 1) / 4] - y[(n - 1) / 4]) / 1.349;
	sd = sqrt(sx * sx + sy * sy);
	z = gsl_cdf_ugaussian_Pinv((double)k / ((double)m * (double)n + 1));
	r->k = k;
	r->last_v = shift / 15 + z * sd;
	r->last_c = (double)k - 0.5;
	r->slope = (double)m * (double)n * exp(-z * z / 2) / (2.5066282746310002 * sd);
	if (!isfinite(r->last_v))
		r->slope = 0;
}

/* True when v[0..n) are all finite numbers. */
static int all_finite(const double *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!isfinite(v[i]))
			return 0;
	return 1;
}

double bg_kth_difference(const double *x, size_t m, const double *y, size_t n, size_t k)
{
	struct rank r;

	if (m == 0 || n == 0 || k < 1 || k > m * n || !all_finite(x, m) || !all_finite(y, n))
		return NAN;
	first_guess(&r, x, m, y, n, k);
	search(&r, 1, x, m, y, n);
	return r.value;
}

/* True when the pooled values of x and y (each ascending) have a tie. */
static int has_ties(const double *x, size_t m, const double *y, size_t n, double *ties)
{
	size_t i = 0, j = 0;
	int tied = 0;

	*ties = 0;
	while (i < m || j < n) {
		double v = i < m && (j >= n || x[i] <= y[j]) ? x[i] : y[j];
		size_t t = 0;

		while (i < m && x[i] == v)
			i++, t++;
		while (j < n && y[j] == v)
			j++, t++;
		if (t > 1) {
			tied = 1;
			*ties += (double)t * (double)t * (double)t - (double)t;
		}
	}
	return tied;
}

void bg_hodges_lehmann(double *estimate, struct bg_interval *ci, const double *x, size_t m,
		       const double *y, size_t n, double confidence)
{
	size_t mn = m * n, q = 0, kmed = mn / 2 + mn % 2, nr = 0;
	double ties, alpha = 1 - confidence;
	struct rank rk[MAX_RANKS];
	int constant;

	*estimate = NAN;
	ci->lo = -INFINITY;
	ci->hi = INFINITY;
	ci->level = confidence;
	if (m == 0 || n == 0 || !all_finite(x, m) || !all_finite(y, n))
		return;
	/* both samples constant: every difference is the same, surely */
	constant = x[0] == x[m - 1] && y[0] == y[n - 1];
	if (!(confidence > 0 && confidence < 1) || constant) {
		/* no interval asked, or none needed */
	} else if (m < EXACT_LIMIT && n < EXACT_LIMIT && !has_ties(x, m, y, n, &ties)) {
		/*
		 * R's wilcox.test(conf.int = TRUE): qu = qwilcox(alpha / 2, m, n), the
		 * smallest q with P(U <= q) >= alpha / 2; the bounds are the differences of
		 * ranks qu and mn - qu + 1, of achieved level 1 - 2 P(U <= qu - 1). R takes
		 * qu = 1 when qu is 0, below the level asked for: here that is no bound.
		 */
		q = bg_wilcox_quantile(alpha / 2, m, n);
		if (q > 0)
			ci->level = 1 - 2 * bg_wilcox_cdf(q - 1, m, n);
	} else {
		/*
		 * The same ranks from the normal approximation with tie and continuity
		 * correction: P(U <= q) ~ Phi((q + 1/2 - mn/2) / s), so qu is the smallest q
		 * with q >= mn/2 - 1/2 + z s, z = Phi^-1(alpha / 2) < 0.
		 */
		double N = (double)(m + n);
		double z = gsl_cdf_ugaussian_Pinv(alpha / 2), c, var;

		has_ties(x, m, y, n, &ties);
		var = (double)m * (double)n / 12 * ((N + 1) - ties / (N * (N - 1)));
		c = var > 0 ? ceil((double)mn / 2 - 0.5 + z * sqrt(var)) : 0;
		if (c >= 1) {
			q = (size_t)c;
			ci->level = 1 - 2 * gsl_cdf_ugaussian_P(((double)q - 0.5 - (double)mn / 2) /
								sqrt(var));
		}
	}

	/*
	 * One search for them all: the median of the differences (R's median(): the mean
	 * of the middle two when even) and the bounds' ranks q and mn - q + 1.
	 */
	first_guess(&rk[nr++], x, m, y, n, kmed);
	if (mn % 2 == 0)
		first_guess(&rk[nr++], x, m, y, n, kmed + 1);
	if (q > 0) {
		first_guess(&rk[nr++], x, m, y, n, q);
		first_guess(&rk[nr++], x, m, y, n, mn - q + 1);
	}
	search(rk, nr, x, m, y, n);
	*estimate = mn % 2 || rk[0].value == rk[1].value ? rk[0].value
							   : (rk[0].value + rk[1].value) / 2;
	if (constant && confidence > 0 && confidence < 1) {
		ci->lo = ci->hi = *estimate;
		ci->level = 1;
	} else if (q > 0) {
		ci->lo = rk[nr - 2].value;
		ci->hi = rk[nr - 1].value;
	}
}
