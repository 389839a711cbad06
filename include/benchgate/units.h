/* Units across formats: conversion within a family, and summary-only comparison. */
#ifndef BENCHGATE_UNITS_H
#define BENCHGATE_UNITS_H

#include "benchgate/model.h"
#include "benchgate/policy.h"
#include "benchgate/stats.h"

/*
 * The factor that turns a value in unit from into unit to, when both are in one
 * family: times (ns, us, ms, s), sizes (B, KB, MB, GB: powers of 1000; KiB, MiB,
 * GiB: powers of 1024), and rates or ratios "X/T" whose numerators are the same word
 * or in one family and whose denominators are times (ops/s, MB/s, ns/op). 0 and *factor
 * set, or -1 when they do not convert. Equal strings convert with factor 1.
 */
int bg_unit_factor(double *factor, const char *from, const char *to);

/*
 * Bring each metric of cur to the unit of the metric of the same benchmark and name in
 * base, when the two units differ but convert: samples and summary are scaled and the
 * unit renamed. Metrics whose units do not convert are left for bg_compare to report.
 */
void bg_units_align(struct bg_resultset *cur, const struct bg_resultset *base);

/*
 * A summary of m for reports: computed from its samples, or taken from its
 * summary-only values (NAN where the format gave none; intervals NAN).
 */
void bg_summary_of_metric(struct bg_summary *out, const struct bg_metric *m, double confidence);

/*
 * Judge r (base and cur filled, has_base and has_cur set) when either metric has no
 * samples. With the mean, standard deviation and count (>= 2) on both sides and the
 * median or mean gated, the mean's change is tested as for samples (Welch's t, its
 * interval and p-value at confidence) and 1 is returned: the caller judges r as any
 * measured result, then calls bg_compare_summary_note. Otherwise r is judged here on
 * the gated statistic alone (the mean when no side gives it), no interval, no p-value:
 * smoke gives regression/improvement/pass on the point estimate; a strict mode
 * (official) cannot show a change within its threshold without an interval: anything
 * not a regression is inconclusive. The note says "summary only". Returns 0 then.
 */
int bg_compare_summary(struct bg_result *r, const struct bg_mode *mode, double confidence);

/* After the verdict of a result bg_compare_summary tested: its note says it had summaries only. */
void bg_compare_summary_note(struct bg_result *r);

/*
 * The summary of a summary-only metric as a baseline stores it, in place of its
 * samples: {"mean", "median", "p95", "p99", "stddev", "min", "max", "count", "runs"},
 * null for what the format did not give. New reference.
 */
json_t *bg_metric_summary_json(const struct bg_metric *m);

#endif
