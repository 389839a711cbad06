/* Comparisons along an axis: the pairs a --by key makes within a result set (src/gate/axis.c). */
#ifndef BENCHGATE_AXIS_H
#define BENCHGATE_AXIS_H

#include <stddef.h>

#include "benchgate/model.h"
#include "benchgate/names.h"

/* What bg_axis_pair found. */
struct bg_axis_info {
	struct bg_strlist values;   /* the values met, reference first */
	size_t pairs;               /* benchmarks paired with a reference */
	size_t unpaired;            /* benchmarks listed alone, as new */
};

void bg_axis_info_init(struct bg_axis_info *ai);
void bg_axis_info_release(struct bg_axis_info *ai);

/*
 * Produce the pairs of a comparison along ax within rs: every benchmark whose KEY has
 * a value other than the reference's and whose name is otherwise equal to a reference
 * benchmark's goes into cur as it is, and its reference partner's metrics into base
 * under the same name, so that bg_compare reports each value against the reference.
 * A benchmark without a partner (no reference, or a reference alone, or no KEY) goes
 * into cur alone, where bg_compare lists it as new; one whose value was not chosen is
 * left out. prefix, when not NULL, is put before every name ("side=current/").
 * base and cur are initialised by the caller and may already hold benchmarks (the
 * other side's). Errors (BG_EXIT_INPUT): no name has KEY; a chosen value matches no
 * benchmark; nothing pairs.
 */
int bg_axis_pair(struct bg_resultset *base, struct bg_resultset *cur, struct bg_axis_info *info,
		 const struct bg_resultset *rs, const struct bg_axis *ax, const char *prefix,
		 struct bg_error *err);

#endif
