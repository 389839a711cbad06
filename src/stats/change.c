/* Relative change of a statistic between two samples, with its confidence interval. */
#include <math.h>
#include <stddef.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>

#include "benchgate/stats.h"

/*
 * Nominal level of the binomial interval whose order statistics estimate the
 * standard error of a sample p95 or p99 (docs/statistics.md).
 */
#define QUANTILE_SE_LEVEL 0.95

/*
 * What one side contributes: the statistic, and either a pair of order statistics
 * with the normal quantiles of the binomial tails outside them (quantiles), or the
 * standard deviation (mean).
 */
struct side {
	double stat;
	double xlo, xhi;     /* order statistics bracketing the quantile */
	double zsum;         /* z_lo + z_hi: (xhi - xlo) / zsum estimates the std error */
	double sd;           /* sample standard deviation (mean) */
	size_t n;
};

static int quantile_side(struct side *s, enum bg_statistic stat, const double *x, size_t n)
{
	double p = stat == BG_STAT_P95 ? 0.95 : stat == BG_STAT_P99 ? 0.99 : 0.5;
	size_t l, u;
	double tl, tu;

	s->n = n;
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
	s->zsum = gsl_cdf_ugaussian_Qinv(tl) + gsl_cdf_ugaussian_Qinv(tu);
	return isfinite(s->zsum) && s->zsum > 0 ? 0 : -1;
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

void bg_change_compute(struct bg_change *out, enum bg_statistic stat,
		       const double *base_sorted, size_t nb,
		       const double *cur_sorted, size_t nc, double confidence)
{
	struct side b = { 0 }, c = { 0 };
	double vb, vc, center, half, crit, lo, hi;
	int ok, log_scale;

	out->estimate = NAN;
	out->ci.level = confidence;
	infinite(out);
	if (nb == 0 || nc == 0 || !(confidence > 0 && confidence < 1))
		return;

	/* both sides always, for their statistics, even when one cannot give a variance */
	if (stat == BG_STAT_MEAN) {
		ok = mean_side(&b, base_sorted, nb) == 0;
		ok = mean_side(&c, cur_sorted, nc) == 0 && ok;
	} else {
		ok = quantile_side(&b, stat, base_sorted, nb) == 0;
		ok = quantile_side(&c, stat, cur_sorted, nc) == 0 && ok;
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
	if (!ok || !isfinite(out->estimate))
		return;

	/* Log scale when every value it takes a logarithm of is positive. */
	if (stat == BG_STAT_MEAN)
		log_scale = b.stat > 0 && c.stat > 0;
	else
		log_scale = b.stat > 0 && c.stat > 0 && b.xlo > 0 && c.xlo > 0;
	vb = side_var(&b, stat, log_scale);
	vc = side_var(&c, stat, log_scale);

	if (stat == BG_STAT_MEAN) {
		/* Student t with Welch-Satterthwaite degrees of freedom */
		double df = (vb + vc) * (vb + vc) /
			    (vb * vb / (double)(nb - 1) + vc * vc / (double)(nc - 1));

		crit = vb + vc > 0 ? gsl_cdf_tdist_Pinv(1 - (1 - confidence) / 2, df) : 0;
	} else {
		crit = gsl_cdf_ugaussian_Pinv(1 - (1 - confidence) / 2);
	}
	half = crit * sqrt(vb + vc);
	if (!isfinite(half))
		return;

	if (log_scale) {
		center = log(c.stat) - log(b.stat);
		lo = expm1(center - half);
		hi = expm1(center + half);
	} else {
		/* interval for the difference, over the baseline statistic */
		center = c.stat - b.stat;
		lo = (center - half) / b.stat;
		hi = (center + half) / b.stat;
		if (b.stat < 0) {
			double t = lo;

			lo = hi;
			hi = t;
		}
	}
	/* the estimate is the centre on either scale: keep rounding from moving it out */
	out->ci.lo = lo < out->estimate ? lo : out->estimate;
	out->ci.hi = hi > out->estimate ? hi : out->estimate;
}
