/*
 * The verdict of each result: decide on the change and its interval, the FDR adjustment
 * of an official comparison, the advice of how many samples would resolve it, and the
 * shape and run warnings for a person.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/format.h"
#include "benchgate/gate.h"
#include "gate.h"

static size_t round_up_2sig(double n)
{
	double scale = 1;

	if (!(n < 1e9))
		return 1000000000;
	while (n / scale >= 100)
		scale *= 10;
	return (size_t)(ceil(n / scale) * scale);
}

/* Smallest n per side at which the change interval of stat has finite bounds. */
static size_t samples_for_finite(enum bg_statistic stat, double confidence, size_t from)
{
	if (stat == BG_STAT_P95 || stat == BG_STAT_P99) {
		/*
		 * A tail needs its distribution-free interval at the confidence asked for:
		 * an upper bound X(n) covers P(B >= n) = p^n <= (1 - confidence) / 2, so n
		 * is at least log((1 - confidence) / 2) / log p. Start just below it.
		 */
		double p = stat == BG_STAT_P95 ? 0.95 : 0.99;
		double start = floor(log((1 - confidence) / 2) / log(p)) - 2;

		if (start > (double)from && start < 5000)
			from = (size_t)start;
	}
	for (size_t n = from > 2 ? from : 2; n <= 5000; n++) {
		double *x = bg_malloc(n * sizeof(*x));
		struct bg_change ch;

		for (size_t i = 0; i < n; i++)
			x[i] = 1.0 + (double)i / (double)n;
		bg_change_compute(&ch, stat, x, n, x, n, confidence);
		free(x);
		if (isfinite(ch.ci.lo) && isfinite(ch.ci.hi))
			return n;
	}
	return 0;
}

void bg_result_note(struct bg_result *r, char *note)
{
	free(r->note);
	r->note = note;
}

static const char *side_name(int base_short, int cur_short)
{
	if (base_short && cur_short)
		return "each side";
	return base_short ? "the baseline side" : "the current side";
}

char *bg_runs_short(const struct bg_result *r, const struct bg_mode *mode)
{
	int rmin = r->base.runs < r->cur.runs ? r->base.runs : r->cur.runs;

	if (r->base.runs >= mode->min_runs && r->cur.runs >= mode->min_runs)
		return NULL;
	return bg_asprintf("%d run%s on %s, %s mode requires %d", rmin, rmin == 1 ? "" : "s",
			   side_name(r->base.runs < mode->min_runs, r->cur.runs < mode->min_runs),
			   mode->name, mode->min_runs);
}

/* Whether the mode's minimums of samples and runs keep r from a verdict on the data. */
static int below_minimum(const struct bg_result *r, const struct bg_mode *mode)
{
	return r->base.n < mode->min_samples || r->cur.n < mode->min_samples ||
	       r->base.runs < mode->min_runs || r->cur.runs < mode->min_runs;
}

/* Whether the run-to-run part of a result's change variance is the larger one. */
static int runs_dominate(const struct bg_result *r)
{
	return r->noise.extra_var > 0 && !(r->noise.extra_var <= r->within_var) &&
	       (r->noise.source == BG_NOISE_RUNS || r->noise.source == BG_NOISE_PAIRED);
}

/* The verdict of a measured result; p is the p-value significance is judged on. */
void bg_verdict_decide(struct bg_result *r, const struct bg_mode *mode, double p, double confidence)
{
	double sign = r->direction == BG_DIR_HIGHER ? -1 : 1;
	double b, blo, bhi, t = r->threshold;
	size_t nmin = r->base.n < r->cur.n ? r->base.n : r->cur.n;
	char *msg;
	int sig;

	if (r->base.n < mode->min_samples || r->cur.n < mode->min_samples) {
		r->verdict = BG_INSUFFICIENT;
		r->needed = mode->min_samples;
		bg_result_note(r, bg_asprintf("%zu sample%s on %s, %s mode requires %zu", nmin,
					nmin == 1 ? "" : "s",
					side_name(r->base.n < mode->min_samples, r->cur.n < mode->min_samples),
					mode->name, mode->min_samples));
		return;
	}
	if ((msg = bg_runs_short(r, mode))) {
		r->verdict = BG_INSUFFICIENT;
		bg_result_note(r, msg);
		return;
	}
	if (!isfinite(r->change.ci.lo) || !isfinite(r->change.ci.hi)) {
		r->verdict = BG_INSUFFICIENT;
		r->needed = samples_for_finite(r->statistic, confidence, nmin + 1);
		if (r->needed)
			bg_result_note(r, bg_asprintf("too few samples to bound the %s at %g%% confidence: need at least %zu per side",
						bg_statistic_name(r->statistic), confidence * 100,
						r->needed));
		else
			bg_result_note(r, bg_asprintf("the change of the %s cannot be bounded",
						bg_statistic_name(r->statistic)));
		return;
	}
	if (isnan(r->change.estimate)) {
		/* A zero baseline: the relative change does not exist. */
		r->verdict = BG_INCONCLUSIVE;
		bg_result_note(r, bg_asprintf("the baseline %s is zero: no relative change",
					bg_statistic_name(r->statistic)));
		return;
	}
	b = sign * r->change.estimate;
	blo = sign > 0 ? r->change.ci.lo : -r->change.ci.hi;
	bhi = sign > 0 ? r->change.ci.hi : -r->change.ci.lo;
	sig = p < 1 - confidence && (blo > 0 || bhi < 0);

	if (b > t && sig && blo > 0)
		r->verdict = BG_REGRESSION;
	else if (b < -t && sig && bhi < 0)
		r->verdict = BG_IMPROVEMENT;
	else if (mode->strict ? bhi <= t : b <= t)
		r->verdict = BG_PASS;
	else
		r->verdict = BG_INCONCLUSIVE;

	if (r->verdict == BG_INCONCLUSIVE) {
		/*
		 * The interval's half-width shrinks as 1/sqrt(n): the samples per side
		 * at which it would fit between the estimate and the threshold.
		 */
		double w = (bhi - blo) / 2, gap = fabs(t - b);
		char est[32], lo[32], hi[32];

		if (gap < t / 4)
			gap = t / 4;
		bg_format_percent_1(est, sizeof(est), r->change.estimate);
		bg_format_percent_1(lo, sizeof(lo), r->change.ci.lo);
		bg_format_percent_1(hi, sizeof(hi), r->change.ci.hi);
		if (runs_dominate(r)) {
			/*
			 * The run-to-run part is the larger: more samples per run cannot
			 * shrink it, more runs can. With the samples per run kept, both
			 * parts of the variance fall as 1/k.
			 */
			int k = r->base.runs < r->cur.runs ? r->base.runs : r->cur.runs;
			int paired = r->noise.source == BG_NOISE_PAIRED;

			r->needed_runs = round_up_2sig((double)k * (w / gap) * (w / gap));
			if (r->needed_runs <= (size_t)k)
				r->needed_runs = (size_t)k + 1;
			bg_result_note(r, bg_asprintf("inconclusive: %s (%s .. %s) at %d %s; about %zu %s would resolve %g%% (the runs differ by %.1f%%, more samples per run would not help)",
						      est, lo, hi, k, paired ? "pairs of runs" : "runs a side",
						      r->needed_runs, paired ? "pairs of runs" : "runs a side",
						      t * 100, r->noise.sd * 100));
		} else {
			r->needed = round_up_2sig((double)nmin * (w / gap) * (w / gap));
			if (r->needed <= nmin)
				r->needed = round_up_2sig((double)nmin * 1.5);
			bg_result_note(r, bg_asprintf("inconclusive: %s (%s .. %s) at n=%zu; about %zu samples per side would resolve %g%%",
						      est, lo, hi, nmin, r->needed, t * 100));
		}
		if (r->p_value < 1 - confidence && !(p < 1 - confidence) && !isnan(r->q_value)) {
			/* significant alone, not over the comparison: say why */
			char *more = bg_asprintf("%s; p %.4f is not significant over all the results compared (Benjamini-Hochberg q %.4f)",
						 r->note, r->p_value, r->q_value);

			bg_result_note(r, more);
		}
	}
}

/*
 * Benjamini-Hochberg over the results that reach a verdict on their data: q_value
 * of each, NAN for the others.
 */
void bg_verdict_adjust(struct bg_comparison *c, const struct bg_mode *mode)
{
	double *p = bg_malloc((c->n ? c->n : 1) * sizeof(*p));
	double *q = bg_malloc((c->n ? c->n : 1) * sizeof(*q));

	for (size_t i = 0; i < c->n; i++) {
		const struct bg_result *r = &c->results[i];

		p[i] = r->has_base && r->has_cur && !below_minimum(r, mode) ? r->p_value : NAN;
	}
	bg_bh_adjust(q, p, c->n);
	for (size_t i = 0; i < c->n; i++)
		c->results[i].q_value = q[i];
	free(p);
	free(q);
}

/* A robust CV above this is worth a warning. */
#define HIGH_CV 0.10
/* Bimodality: Sarle's coefficient above 5/9 (a uniform's), with at least this many values. */
#define BIMODAL_BC (5.0 / 9.0)
#define BIMODAL_MIN_N 20

/*
 * Outliers worth a warning: severe ones above SEVERE_FRACTION of the samples (any
 * severe one up to 10000 samples; a normal sample has 2 in a million beyond the outer
 * fences), or at least two, mild and severe together, above OUTLIER_FRACTION of the
 * samples (a normal sample has 0.7% beyond the inner fences).
 */
#define SEVERE_FRACTION 0.0001
#define OUTLIER_FRACTION 0.05

/* Shape and run warnings of one side, appended to b as "side: what, what". */
static void side_warnings(struct bg_sbuf *b, const char *side, const struct bg_summary *s,
			  const struct bg_runcheck *rc)
{
	const struct bg_shape *sh = &s->shape;
	size_t start = b->len, nout = sh->mild + sh->severe;
	char shift[32];

#define SEP (b->len > start ? ", " : b->len ? "; " : "")
#define SIDE (b->len > start ? "" : side), (b->len > start ? "" : ": ")
	if ((double)sh->severe > SEVERE_FRACTION * (double)s->n ||
	    (nout >= 2 && (double)nout > OUTLIER_FRACTION * (double)s->n))
		bg_sbuf_addf(b, "%s%s%s%zu outlier%s (%zu mild, %zu severe)", SEP, SIDE, nout,
			  nout == 1 ? "" : "s", sh->mild, sh->severe);
	if (sh->robust_cv > HIGH_CV)
		bg_sbuf_addf(b, "%s%s%shigh variation (robust CV %.1f%%)", SEP, SIDE,
			  sh->robust_cv * 100);
	if (s->n >= BIMODAL_MIN_N && sh->bimodality > BIMODAL_BC)
		bg_sbuf_addf(b, "%s%s%slooks bimodal (bimodality coefficient %.2f)", SEP, SIDE,
			  sh->bimodality);
	if (rc->inconsistent) {
		bg_format_percent_1(shift, sizeof(shift), rc->outlier_shift);
		bg_sbuf_addf(b, "%s%s%srun %d of %d stands out (median %s, Kruskal-Wallis p %s%.4f)",
			  SEP, SIDE, rc->outlier_run + 1, rc->runs, shift,
			  rc->p_value < 0.0001 ? "< " : "= ",
			  rc->p_value < 0.0001 ? 0.0001 : rc->p_value);
	}
#undef SEP
#undef SIDE
}

void bg_result_warnings(struct bg_result *r)
{
	struct bg_sbuf b = { NULL, 0, 0 };

	if (r->has_base)
		side_warnings(&b, "baseline", &r->base, &r->base_runs);
	if (r->has_cur)
		side_warnings(&b, "current", &r->cur, &r->cur_runs);
	free(r->warning);
	r->warning = b.s;
}
