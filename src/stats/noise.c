/* Run-to-run noise: run levels, variance components, and the one widening of a change. */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_roots.h>

#include "benchgate/error.h"
#include "benchgate/noise.h"
#include "benchgate/stats.h"

const char *bg_noise_source_name(enum bg_noise_source s)
{
	switch (s) {
	case BG_NOISE_RUNS:
		return "runs";
	case BG_NOISE_HISTORY:
		return "history";
	case BG_NOISE_PAIRED:
		return "paired";
	case BG_NOISE_UNKNOWN:
		break;
	}
	return "unknown";
}

void bg_noise_init(struct bg_noise *nz)
{
	nz->source = BG_NOISE_UNKNOWN;
	nz->sd = NAN;
	nz->extra_var = 0;
	nz->df = INFINITY;
	nz->n = 0;
	nz->p_value = NAN;
	nz->df_within = 0;
}

/* Upper a-quantile of Student's t on df (the normal when df is infinite); +inf past GSL. */
static double t_upper(double a, double df)
{
	double q = isfinite(df) ? gsl_cdf_tdist_Qinv(a, df) : gsl_cdf_ugaussian_Qinv(a);

	return isnan(q) ? INFINITY : q;
}

/* What the root finder of widened_p needs. */
struct half_args {
	double target, se_w, v, df;
};

/* log of the widened half-width at level 1 - exp(la), minus log |d|. */
static double half_gap(double la, void *params)
{
	const struct half_args *h = params;
	double a = exp(la), z = t_upper(a / 2, INFINITY), t = t_upper(a / 2, h->df);

	return 0.5 * log(h->se_w * h->se_w * z * z + h->v * t * t) - h->target;
}

/*
 * The two-sided p-value of a log change d whose interval at level 1 - a has the
 * half-width sqrt(se_w^2 z_{a/2}^2 + v t_{df,a/2}^2): the a at which it equals |d|.
 * The half-width falls as a grows: bracket the root in log a around Satterthwaite's
 * approximation, then Brent's method (gsl_root_fsolver_brent) to 1e-11 in log a.
 */
static double widened_p(double d, double se_w, double v, double df)
{
	struct half_args h = { log(fabs(d)), se_w, v, df };
	double total = se_w * se_w + v, dfs = isfinite(df) ? total * total / (v * v / df) : df;
	double p0 = 2 * (isfinite(dfs) ? gsl_cdf_tdist_Q(fabs(d) / sqrt(total), dfs) :
				 gsl_cdf_ugaussian_Q(fabs(d) / sqrt(total)));
	double lo, hi, x = NAN;
	gsl_function f = { half_gap, &h };
	gsl_root_fsolver *s;

	if (d == 0)
		return 1;
	if (!(p0 > 1e-300))
		p0 = 1e-300;
	if (p0 > 0.5)
		p0 = 0.5;
	/* lo: half-width above |d| (gap > 0); hi: below (gap < 0) */
	/* log a from log 1e-300 (-690.8) to 0: doubling and halving reach both ends */
	lo = hi = log(p0);
	for (int i = 0; i < 12 && half_gap(lo, &h) <= 0 && lo > log(1e-300); i++)
		lo = 2 * lo > log(1e-300) ? 2 * lo : log(1e-300);
	for (int i = 0; i < 60 && half_gap(hi, &h) >= 0; i++)
		hi /= 2;
	if (half_gap(hi, &h) >= 0)
		return exp(hi);
	if (half_gap(lo, &h) <= 0)
		return exp(lo);
	s = gsl_root_fsolver_alloc(gsl_root_fsolver_brent);
	if (!s)
		return NAN;
	/* no bracket GSL accepts (a gap that is not finite at an end): Satterthwaite's p */
	if (gsl_root_fsolver_set(s, &f, lo, hi) != GSL_SUCCESS) {
		gsl_root_fsolver_free(s);
		return p0;
	}
	for (int i = 0; i < 100; i++) {
		if (gsl_root_fsolver_iterate(s))
			break;
		x = gsl_root_fsolver_root(s);
		if (gsl_root_test_interval(gsl_root_fsolver_x_lower(s), gsl_root_fsolver_x_upper(s),
					   1e-11, 0) == GSL_SUCCESS)
			break;
	}
	gsl_root_fsolver_free(s);
	return isnan(x) ? p0 : exp(x);
}

void bg_change_widen(struct bg_change *out, const struct bg_change *in, double extra_var,
		     double df, double confidence)
{
	struct bg_change w = *in;
	double d, down, up, ex, z, face;

	if (!(extra_var > 0) && !isnan(extra_var)) {
		*out = *in;
		return;
	}
	if (!isfinite(extra_var) || !(df > 0) || !(confidence > 0 && confidence < 1)) {
		w.ci.lo = -INFINITY;
		w.ci.hi = INFINITY;
		w.p_value = NAN;
		*out = w;
		return;
	}
	if (!(in->estimate > -1) || !isfinite(in->estimate)) {
		*out = *in;
		return;
	}
	d = log1p(in->estimate);
	down = in->ci.lo > -1 ? d - log1p(in->ci.lo) : INFINITY;
	up = isfinite(in->ci.hi) ? log1p(in->ci.hi) - d : INFINITY;
	ex = t_upper((1 - confidence) / 2, df);
	ex = ex * ex * extra_var;
	if (in->ci.lo > -1)
		w.ci.lo = expm1(d - sqrt(down * down + ex));
	if (isfinite(in->ci.hi))
		w.ci.hi = expm1(d + sqrt(up * up + ex));
	/* the estimate is the centre: keep rounding from moving a bound past it */
	if (w.ci.lo > w.estimate)
		w.ci.lo = w.estimate;
	if (w.ci.hi < w.estimate)
		w.ci.hi = w.estimate;

	/* an infinite half facing 0 cannot exclude it: in's p-value stands */
	face = d >= 0 ? down : up;
	z = t_upper((1 - confidence) / 2, INFINITY);
	if (isfinite(face)) {
		double p = widened_p(d, face / z, extra_var, df);

		w.p_value = isnan(in->p_value) || p > in->p_value ? p : in->p_value;
	}
	*out = w;
}

/* --- run levels ------------------------------------------------------------ */

struct obs {
	int run;
	double u;
};

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int cmp_obs(const void *a, const void *b)
{
	const struct obs *x = a, *y = b;

	if (x->run != y->run)
		return x->run < y->run ? -1 : 1;
	return (x->u > y->u) - (x->u < y->u);
}

void bg_runlevels_release(struct bg_runlevels *rl)
{
	free(rl->level);
	free(rl->size);
	free(rl->vfactor);
	memset(rl, 0, sizeof(*rl));
}

/* Proportion trimmed from each end of a run for its level (Yuen's 20%). */
#define TRIM 0.2

/*
 * The 20% trimmed mean of sorted[0..m) into *level, and the sum of squares of its
 * winsorized values about their mean into *ssw: Yuen (1974).
 */
static void trimmed(double *level, double *ssw, size_t *h, const double *sorted, size_t m)
{
	size_t g = (size_t)floor(TRIM * (double)m), i;
	double sum = 0, wmean = 0;

	*h = m - 2 * g;
	for (i = g; i < m - g; i++)
		sum += sorted[i];
	*level = sum / (double)*h;
	for (i = 0; i < m; i++)
		wmean += sorted[i < g ? g : i >= m - g ? m - g - 1 : i];
	wmean /= (double)m;
	*ssw = 0;
	for (i = 0; i < m; i++) {
		double d = sorted[i < g ? g : i >= m - g ? m - g - 1 : i] - wmean;

		*ssw += d * d;
	}
}

/* Whether run[0..n) is in ascending order (NULL: one run), as readers add samples. */
static int runs_grouped(const int *run, size_t n)
{
	for (size_t i = 1; run && i < n; i++)
		if (run[i] < run[i - 1])
			return 0;
	return 1;
}

int bg_runlevels_compute(struct bg_runlevels *out, const double *x, const int *run, size_t n)
{
	struct obs *o = NULL;
	double *u, ssw_all = 0, dfw = 0;

	memset(out, 0, sizeof(*out));
	if (!n)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (!(x[i] > 0) || !isfinite(x[i]))
			return -1;
	/* the log samples, grouped by run: in place when they already are (the usual case) */
	u = bg_malloc(n * sizeof(*u));
	if (runs_grouped(run, n)) {
		for (size_t i = 0; i < n; i++)
			u[i] = log(x[i]);
	} else {
		o = bg_malloc(n * sizeof(*o));
		for (size_t i = 0; i < n; i++) {
			o[i].run = run[i];
			o[i].u = log(x[i]);
		}
		qsort(o, n, sizeof(*o), cmp_obs);
		for (size_t i = 0; i < n; i++)
			u[i] = o[i].u;
	}
	out->level = bg_malloc(n * sizeof(*out->level));
	out->size = bg_malloc(n * sizeof(*out->size));
	out->vfactor = bg_malloc(n * sizeof(*out->vfactor));
	for (size_t i = 0; i < n;) {
		size_t j = i, m, h;
		double ssw;

		if (o)
			while (j < n && o[j].run == o[i].run)
				j++;
		else
			while (j < n && (!run || run[j] == run[i]))
				j++;
		m = j - i;
		qsort(u + i, m, sizeof(*u), cmp_double);
		trimmed(&out->level[out->k], &ssw, &h, u + i, m);
		out->size[out->k] = m;
		/* Yuen: var(trimmed mean) = (m - 1) s_w^2 / (h (h - 1)), s_w^2 pooled */
		out->vfactor[out->k] = h > 1 ? (double)(m - 1) / ((double)h * (double)(h - 1)) : 1;
		ssw_all += ssw;
		dfw += (double)(m - 1);
		out->df_within += (double)(h - 1);
		out->k++;
		i = j;
	}
	out->within = dfw > 0 ? ssw_all / dfw : 0;
	free(u);
	free(o);
	return 0;
}

/* The sampling variance of run r's level. */
static double run_var(const struct bg_runlevels *rl, size_t r)
{
	return rl->within * rl->vfactor[r];
}

/* --- variance components ---------------------------------------------------- */

/* Sample variance of the levels and the mean of their within variances. */
static void side_moments(double *s2, double *v, const struct bg_runlevels *rl)
{
	double mean = bg_mean(rl->level, rl->k);

	*s2 = bg_sd_m(rl->level, rl->k, mean);
	*s2 *= *s2;
	*v = 0;
	for (size_t r = 0; r < rl->k; r++)
		*v += run_var(rl, r);
	*v /= (double)rl->k;
}

/*
 * P(F > ss / sv) on df and dfw degrees of freedom (ss, sv: the levels' variance and its
 * expected within part, both times df): 0 when sv is 0 and ss is not (no within
 * spread to explain any), 1 when both are 0; dfw 0 (no within degrees of freedom) is
 * taken as known (chi-square).
 */
static double f_test(double ss, double sv, double df, double dfw)
{
	if (!(sv > 0))
		return ss > 0 ? 0 : 1;
	if (!(dfw > 0))
		return gsl_cdf_chisq_Q(ss / sv * df, df);
	return gsl_cdf_fdist_Q(ss / sv, df, dfw);
}

double bg_noise_combined_p(const double *p, size_t n)
{
	double z = 0;
	size_t m = 0;

	for (size_t i = 0; i < n; i++) {
		double pi = p[i];

		if (isnan(pi))
			continue;
		/* keep an exact 0 or 1 finite: they count as very strong, not infinite */
		pi = pi < 1e-300 ? 1e-300 : pi > 1 - 1e-16 ? 1 - 1e-16 : pi;
		z += gsl_cdf_ugaussian_Qinv(pi);
		m++;
	}
	return m ? gsl_cdf_ugaussian_Q(z / sqrt((double)m)) : NAN;
}

/* sum_r (size_r / n)^2: the weight of a run effect in the side's pooled statistic. */
static double run_weight(const struct bg_runlevels *rl)
{
	double n = 0, w = 0;

	for (size_t r = 0; r < rl->k; r++)
		n += (double)rl->size[r];
	for (size_t r = 0; r < rl->k; r++)
		w += ((double)rl->size[r] / n) * ((double)rl->size[r] / n);
	return w;
}

int bg_noise_from_runs(struct bg_noise *out, const struct bg_runlevels *base,
		       const struct bg_runlevels *cur)
{
	const struct bg_runlevels *side[2] = { base, cur };
	double ss = 0, sv = 0, den = 0, dfw = 0, tau2;

	bg_noise_init(out);
	for (int s = 0; s < 2; s++) {
		double s2, v;

		if (side[s]->k < 2)
			continue;
		side_moments(&s2, &v, side[s]);
		ss += (double)(side[s]->k - 1) * s2;
		sv += (double)(side[s]->k - 1) * v;
		den += (double)(side[s]->k - 1);
		dfw += side[s]->df_within;
	}
	if (!(den > 0) || !base->k || !cur->k)
		return -1;
	out->source = BG_NOISE_RUNS;
	out->df = den;
	out->n = (int)(base->k + cur->k);
	out->df_within = dfw;
	if (!(dfw > 0)) {
		/*
		 * Every run is one sample: the samples are the runs, and the interval of
		 * the samples already is the runs' interval. Nothing to add, nothing to test.
		 */
		return 0;
	}
	tau2 = (ss - sv) / den > 0 ? (ss - sv) / den : 0;
	out->p_value = f_test(ss, sv, den, dfw);
	out->sd = sqrt(tau2);
	out->extra_var = tau2 * (run_weight(base) + run_weight(cur));
	return 0;
}

int bg_noise_from_pairs(struct bg_noise *out, const struct bg_runlevels *base,
			const struct bg_runlevels *cur)
{
	size_t k = base->k;
	double *d, nb = 0, nc = 0, v = 0, wsum = 0, mean, s2, tau2;

	bg_noise_init(out);
	if (k < 2 || cur->k != k)
		return -1;
	d = bg_malloc(k * sizeof(*d));
	for (size_t i = 0; i < k; i++) {
		nb += (double)base->size[i];
		nc += (double)cur->size[i];
	}
	for (size_t i = 0; i < k; i++) {
		double w = ((double)base->size[i] / nb + (double)cur->size[i] / nc) / 2;

		d[i] = cur->level[i] - base->level[i];
		v += run_var(base, i) + run_var(cur, i);
		wsum += w * w;
	}
	v /= (double)k;
	mean = bg_mean(d, k);
	s2 = bg_sd_m(d, k, mean);
	s2 *= s2;
	free(d);
	tau2 = s2 - v > 0 ? s2 - v : 0;
	out->p_value = f_test(s2, v, (double)(k - 1), base->df_within + cur->df_within);
	out->df_within = base->df_within + cur->df_within;
	out->source = BG_NOISE_PAIRED;
	out->sd = sqrt(tau2 / 2);
	out->extra_var = tau2 * wsum;
	out->df = (double)(k - 1);
	out->n = (int)k;
	return 0;
}

int bg_noise_of_samples(struct bg_noise *out, const double *bx, const int *brun, size_t nb,
			const double *cx, const int *crun, size_t nc, int paired)
{
	struct bg_runlevels b = { 0 }, c = { 0 };
	int ret = -1;

	bg_noise_init(out);
	if (bg_runlevels_compute(&b, bx, brun, nb) < 0 ||
	    bg_runlevels_compute(&c, cx, crun, nc) < 0)
		goto out;
	ret = paired ? bg_noise_from_pairs(out, &b, &c) : bg_noise_from_runs(out, &b, &c);
out:
	bg_runlevels_release(&b);
	bg_runlevels_release(&c);
	return ret;
}
