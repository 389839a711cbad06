/* What the files of the gate room share: the verdict steps bg_compare runs (verdict.c). */
#ifndef BENCHGATE_GATE_INTERNAL_H
#define BENCHGATE_GATE_INTERNAL_H

#include "benchgate/gate.h"

/* Replace r's note with note (owned; NULL for none). */
void bg_result_note(struct bg_result *r, char *note);

/* The verdict of a measured result; p is the p-value significance is judged on. */
void bg_verdict_decide(struct bg_result *r, const struct bg_mode *mode, double p,
		       double confidence);

/*
 * Benjamini-Hochberg over the results that reach a verdict on their data: q_value
 * of each, NAN for the others.
 */
void bg_verdict_adjust(struct bg_comparison *c, const struct bg_mode *mode);

/*
 * Run-to-run noise from history and the machine-wide shift (jobnoise.c): after every
 * result is measured, before FDR and the verdicts. Fills the history noise of each
 * result whose noise is still unknown (widening its change), c->noise_note, c->shift,
 * and each result's change relative to the shift.
 */
void bg_gate_jobnoise(struct bg_comparison *c, const struct bg_resultset *base,
		      const struct bg_resultset *cur, const struct bg_config *cfg,
		      const struct bg_mode *mode);

/* Shape and run warnings of both sides of r, in r->warning (NULL when none). */
void bg_result_warnings(struct bg_result *r);

/*
 * Run-to-run noise (runs.c, noise.h). bg_result_noise: after r's change from its
 * samples, the variance of its log change (within_var) and its noise record from the
 * runs of both sides, or the pairs when cfg->paired (nothing with cfg->iid).
 * bg_comparison_widen: once every result is measured, whether the comparison's runs
 * differ (runs_p, and a warning when they do); if so each result with runs has its
 * change widened by its extra variance, else its extra_var is set to 0; paired results
 * are always widened. bg_paired_check: --paired needs the same runs on both sides,
 * at least 2 (BG_EXIT_INPUT otherwise).
 */
void bg_result_noise(struct bg_result *r, const struct bg_metric *bm, const struct bg_metric *cm,
		     const struct bg_config *cfg);
void bg_comparison_widen(struct bg_comparison *c, double confidence);
int bg_paired_check(const struct bg_metric *bm, const struct bg_metric *cm, const char *bench,
		    struct bg_error *err);

#endif
