/* Units across formats (src/core/units.c): conversion within a family, and alignment. */
#ifndef BENCHGATE_UNITS_H
#define BENCHGATE_UNITS_H

#include "benchgate/model.h"

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

#endif
