/* Relative change of a statistic between two samples, with its confidence interval. */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>

#include "benchgate/error.h"
#include "benchgate/stats.h"

/*
 * Nominal level of the binomial interval whose order statistics estimate the
 * standard errors of a sample p95 or p99, below and above it: one standard deviation
 * of the normal, so the ranks stay close to the quantile (docs/statistics.md).
 */
#define QUANTILE_SE_LEVEL 0.6827

/*
 * What one side contributes: the statistic, and either a pair of order statistics
 * with the normal quantiles of the binomial tails outside them (quantiles), or the
 * standard deviation (mean).
 */
struct side {
	double stat;
	double xlo, xhi;     /* order statistics bracketing the quantile */
	double zsum;         /* z_lo + z_hi: (xhi - xlo) / zsum estimates the std error */
	double zlo, zhi;     /* the normal quantiles of each binomial tail */
	double wlo, whi;     /* p95/p99: the order statistics at the confidence asked for */
	double zwlo, zwhi;   /* and their tails' normal quantiles; NAN when none */
	double sd;           /* sample standard deviation (mean) */
	size_t n;
};

static int quantile_side(struct side *s, enum bg_statistic stat, const double *x, size_t n,
			 double confidence)
{
	double p = stat == BG_STAT_P95 ? 0.95 : stat == BG_STAT_P99 ? 0.99 : 0.5;
	size_t l, u;
	double tl, tu;

	s->n = n;
	s->wlo = s->whi = s->zwlo = s->zwhi = NAN;
	if (stat != BG_STAT_MEDIAN && n > 0) {
		bg_quantile_ci_ranks(&l, &u, &tl, &tu, n, p, confidence);
		if (l >= 1 && u <= n && tl > 0 && tu > 0) {
			s->wlo = x[l - 1];
			s->whi = x[u - 1];
			s->zwlo = gsl_cdf_ugaussian_Qinv(tl);
			s->zwhi = gsl_cdf_ugaussian_Qinv(tu);
		}
	}
	s->stat = bg_quantile_sorted(x, n, p);
	if (stat == BG_STAT_MEDIAN) {
		/*
		 * Price and Bonett (2001, 2002): c = round((n + 1) / 2 - sqrt(n)), at least 1,
		 * the pair X(c), X(n - c + 1), and a* = 2 P(Bin(n, 1/2) <= c - 1). Rounding
		 * is half to even, as R's round().
		 */
		double c = nearbyint(((double)n + 1) / 2 - sqrt((double)n));

		l = c >= 1 ? (size_t)c : 1;
		u = n - l + 1;
		tl = tu = n ? gsl_cdf_binomial_P((unsigned int)(l - 1), 0.5, (unsigned int)n) : 1;
	} else {
		bg_quantile_ci_ranks(&l, &u, &tl, &tu, n, p, QUANTILE_SE_LEVEL);
	}
	if (n == 0 || l < 1 || u > n || l >= u || !(tl > 0 && tl < 0.5) ||
	    !(tu > 0 && tu < 0.5))
		return -1;
	s->xlo = x[l - 1];
	s->xhi = x[u - 1];
	s->zlo = gsl_cdf_ugaussian_Qinv(tl);
	s->zhi = gsl_cdf_ugaussian_Qinv(tu);
	s->zsum = s->zlo + s->zhi;
	return isfinite(s->zsum) && s->zlo > 0 && s->zhi > 0 ? 0 : -1;
}

static int mean_side(struct side *s, const double *x, size_t n)
{
	s->n = n;
	s->stat = bg_mean(x, n);
	if (n < 2)
		return -1;
	s->sd = bg_sd_m(x, n, s->stat);
	return 0;
}

/* v, or its logarithm on the log scale. */
static double scaled(double v, int log_scale)
{
	return log_scale ? log(v) : v;
}

/*
 * Standard errors of a quantile side below (*below) and above (*above) it, on the log
 * scale or not: the distance to each bracketing order statistic over the normal
 * quantile of the binomial tail beyond it. When ties make that distance zero, the
 * order statistic at the confidence asked for is used instead: zero only when the
 * distribution-free interval of the quantile is itself a single value.
 */
static void side_se(double *below, double *above, const struct side *s, int log_scale)
{
	double q = scaled(s->stat, log_scale);

	*below = (q - scaled(s->xlo, log_scale)) / s->zlo;
	*above = (scaled(s->xhi, log_scale) - q) / s->zhi;
	if (*below == 0 && isfinite(s->zwlo))
		*below = (q - scaled(s->wlo, log_scale)) / s->zwlo;
	if (*above == 0 && isfinite(s->zwhi))
		*above = (scaled(s->whi, log_scale) - q) / s->zwhi;
}

/*
 * A tail's change: MOVER (Zou and Donner 2008) on the difference current - baseline
 * of the (log) quantiles. The lower bound combines the current side's error below
 * and the baseline's above, the upper bound the other two, so a skewed tail gets a
 * skewed interval. Returns the half-widths; *p the two-sided p-value of the normal
 * test with the half that faces zero.
 */
static void tail_halves(double *down, double *up, double *p, const struct side *b,
			const struct side *c, int log_scale, double crit)
{
	double bb, ba, cb, ca, d, se;

	side_se(&bb, &ba, b, log_scale);
	side_se(&cb, &ca, c, log_scale);
	*down = crit * sqrt(cb * cb + ba * ba);
	*up = crit * sqrt(ca * ca + bb * bb);
	d = log_scale ? log(c->stat) - log(b->stat) : c->stat - b->stat;
	se = d >= 0 ? sqrt(cb * cb + ba * ba) : sqrt(ca * ca + bb * bb);
	if (!(se > 0))
		*p = d == 0 ? 1 : 0;
	else
		*p = 2 * gsl_cdf_ugaussian_Q(fabs(d) / se);
}

/* Variance of the side's statistic, or of its logarithm (log != 0). */
static double side_var(const struct side *s, enum bg_statistic stat, int log_scale)
{
	double se;

	if (stat == BG_STAT_MEAN) {
		double v = s->sd * s->sd / (double)s->n;

		return log_scale ? v / (s->stat * s->stat) : v;
	}
	if (log_scale)
		se = (log(s->xhi) - log(s->xlo)) / s->zsum;
	else
		se = (s->xhi - s->xlo) / s->zsum;
	return se * se;
}

static void infinite(struct bg_change *out)
{
	out->ci.lo = -INFINITY;
	out->ci.hi = INFINITY;
}

/* The logarithms of x[0..n) into a new array (caller frees); NULL if one is not > 0. */
static double *logs(const double *x, size_t n)
{
	double *l;

	for (size_t i = 0; i < n; i++)
		if (!(x[i] > 0) || !isfinite(x[i]))
			return NULL;
	l = bg_malloc(n * sizeof(*l));
	for (size_t i = 0; i < n; i++)
		l[i] = log(x[i]);
	return l;
}

/*
 * The median's change when every sample is positive: the Hodges-Lehmann shift of the
 * log samples, exp(shift) - 1, with its Mann-Whitney (Moses) interval. 0 when done,
 * -1 when the samples are not all positive (the caller falls back to Price-Bonett).
 */
static int median_hl(struct bg_change *out, const double *bs, size_t nb, const double *cs,
		     size_t nc, double confidence)
{
	double *lb = logs(bs, nb), *lc = lb ? logs(cs, nc) : NULL, est;
	struct bg_interval ci;

	if (!lb || !lc) {
		free(lb);
		return -1;
	}
	bg_hodges_lehmann(&est, &ci, lb, nb, lc, nc, confidence);
	free(lb);
	free(lc);
	out->estimate = expm1(est);
	out->ci.level = ci.level;
	out->ci.lo = isfinite(ci.lo) ? expm1(ci.lo) : -INFINITY;
	out->ci.hi = isfinite(ci.hi) ? expm1(ci.hi) : INFINITY;
	if (out->ci.lo > out->estimate)
		out->ci.lo = out->estimate;
	if (out->ci.hi < out->estimate)
		out->ci.hi = out->estimate;
	return 0;
}

/*
 * A distribution-free interval for the p-quantile exists on both sides at the
 * confidence asked for: without one the change of a tail cannot be bounded either.
 */
static int quantile_bounded(enum bg_statistic stat, size_t n, double confidence)
{
	size_t l, u;
	double tl, tu;

	if (stat != BG_STAT_P95 && stat != BG_STAT_P99)
		return 1;
	bg_quantile_ci_ranks(&l, &u, &tl, &tu, n, stat == BG_STAT_P95 ? 0.95 : 0.99,
			     confidence);
	return l >= 1 && u <= n;
}

/*
 * The interval of the relative change from the baseline statistic bs to the current
 * cs, down below and up above the difference (of logarithms on the log scale; of the
 * statistics, over bs, otherwise).
 */
static void set_interval(struct bg_change *out, double bs, double cs, int log_scale,
			 double down, double up)
{
	double center, lo, hi;

	if (log_scale) {
		center = log(cs) - log(bs);
		lo = expm1(center - down);
		hi = expm1(center + up);
	} else {
		center = cs - bs;
		lo = (center - down) / bs;
		hi = (center + up) / bs;
		if (bs < 0) {
			double t = lo;

			lo = hi;
			hi = t;
		}
	}
	/* the estimate is the centre on either scale: keep rounding from moving it out */
	out->ci.lo = lo < out->estimate ? lo : out->estimate;
	out->ci.hi = hi > out->estimate ? hi : out->estimate;
}

/*
 * The mean's change with its interval: Student t with Welch-Satterthwaite degrees of
 * freedom on the difference of the means (of their logarithms on the log scale, by the
 * delta method), and its two-sided p-value. out->estimate is set already.
 */
static void welch(struct bg_change *out, const struct side *b, const struct side *c,
		  int log_scale, double confidence)
{
	double vb = side_var(b, BG_STAT_MEAN, log_scale), vc = side_var(c, BG_STAT_MEAN, log_scale);
	double df = (vb + vc) * (vb + vc) /
		    (vb * vb / (double)(b->n - 1) + vc * vc / (double)(c->n - 1));
	double crit = vb + vc > 0 ? gsl_cdf_tdist_Pinv(1 - (1 - confidence) / 2, df) : 0, half;

	if (!(vb + vc > 0)) {
		out->p_value = c->stat == b->stat ? 1 : 0;
	} else {
		double d = log_scale ? log(c->stat) - log(b->stat) : c->stat - b->stat;

		out->p_value = 2 * gsl_cdf_tdist_Q(fabs(d) / sqrt(vb + vc), df);
	}
	half = crit * sqrt(vb + vc);
	if (isfinite(half))
		set_interval(out, b->stat, c->stat, log_scale, half, half);
}

void bg_change_compute(struct bg_change *out, enum bg_statistic stat,
		       const double *base_sorted, size_t nb,
		       const double *cur_sorted, size_t nc, double confidence)
{
	struct side b = { 0 }, c = { 0 };
	double vb, vc, half, crit;
	int ok, log_scale;

	out->estimate = NAN;
	out->p_value = NAN;
	out->ci.level = confidence;
	infinite(out);
	if (nb == 0 || nc == 0 || !(confidence > 0 && confidence < 1))
		return;
	if (stat == BG_STAT_MEDIAN) {
		out->p_value = bg_mann_whitney(base_sorted, nb, cur_sorted, nc);
		if (median_hl(out, base_sorted, nb, cur_sorted, nc, confidence) == 0)
			return;
	}

	/* both sides always, for their statistics, even when one cannot give a variance */
	if (stat == BG_STAT_MEAN) {
		ok = mean_side(&b, base_sorted, nb) == 0;
		ok = mean_side(&c, cur_sorted, nc) == 0 && ok;
	} else {
		ok = quantile_side(&b, stat, base_sorted, nb, confidence) == 0;
		ok = quantile_side(&c, stat, cur_sorted, nc, confidence) == 0 && ok;
	}

	if (b.stat == 0) {
		/* No relative change from zero, except from zero to zero. */
		if (c.stat == 0) {
			out->estimate = 0;
			if (base_sorted[0] == base_sorted[nb - 1] &&
			    cur_sorted[0] == cur_sorted[nc - 1] && base_sorted[0] == cur_sorted[0])
				out->ci.lo = out->ci.hi = 0;
		}
		return;
	}
	out->estimate = (c.stat - b.stat) / b.stat;
	if (!ok || !isfinite(out->estimate) || !quantile_bounded(stat, nb, confidence) ||
	    !quantile_bounded(stat, nc, confidence))
		return;

	/* Log scale when every value it takes a logarithm of is positive. */
	if (stat == BG_STAT_MEAN)
		log_scale = b.stat > 0 && c.stat > 0;
	else
		log_scale = b.stat > 0 && c.stat > 0 && b.xlo > 0 && c.xlo > 0 &&
			    !(b.wlo <= 0) && !(c.wlo <= 0);
	if (stat == BG_STAT_P95 || stat == BG_STAT_P99) {
		double down, up;

		crit = gsl_cdf_ugaussian_Pinv(1 - (1 - confidence) / 2);
		tail_halves(&down, &up, &out->p_value, &b, &c, log_scale, crit);
		if (isfinite(down) && isfinite(up))
			set_interval(out, b.stat, c.stat, log_scale, down, up);
		return;
	}

	if (stat == BG_STAT_MEAN) {
		welch(out, &b, &c, log_scale, confidence);
		return;
	}
	/* the median of samples not all positive: Price-Bonett, Mann-Whitney's p */
	crit = gsl_cdf_ugaussian_Pinv(1 - (1 - confidence) / 2);
	vb = side_var(&b, stat, log_scale);
	vc = side_var(&c, stat, log_scale);
	half = crit * sqrt(vb + vc);
	if (isfinite(half))
		set_interval(out, b.stat, c.stat, log_scale, half, half);
}

void bg_change_means(struct bg_change *out, double mb, double sb, size_t nb, double mc,
		     double sc, size_t nc, double confidence)
{
	struct side b = { .stat = mb, .sd = sb, .n = nb }, c = { .stat = mc, .sd = sc, .n = nc };

	out->estimate = NAN;
	out->p_value = NAN;
	out->ci.level = confidence;
	infinite(out);
	if (!isfinite(mb) || !isfinite(mc) || !(confidence > 0 && confidence < 1))
		return;
	if (mb == 0) {
		/* No relative change from zero, except from zero to zero without spread. */
		if (mc == 0) {
			out->estimate = 0;
			if (sb == 0 && sc == 0)
				out->ci.lo = out->ci.hi = 0;
		}
		return;
	}
	out->estimate = (mc - mb) / mb;
	if (nb < 2 || nc < 2 || !isfinite(sb) || !isfinite(sc) || sb < 0 || sc < 0)
		return;
	welch(out, &b, &c, mb > 0 && mc > 0, confidence);
}
