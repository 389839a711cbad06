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

#endif
