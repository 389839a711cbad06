/* Benchmark names as key=value parts, and --by specs over them (src/core/names.c). */
#ifndef BENCHGATE_NAMES_H
#define BENCHGATE_NAMES_H

#include <stddef.h>

#include "benchgate/model.h"

/*
 * One part of a benchmark's name. Names are cut at '/': a piece KEY=VALUE (CSV key
 * columns, go's sub-benchmarks) or KEY:VALUE (Google Benchmark's named arguments,
 * threads:4) is a keyed part; a piece with neither continues the value of the keyed
 * part before it (a CSV value holding '/'), or, before any keyed part, is positional:
 * the first is the base name (key "name"), the next ones "arg1", "arg2"... (Google
 * Benchmark's BM_Sum/64). Pointers into the name; lengths, not terminated.
 */
struct bg_name_part {
	const char *key, *value;
	size_t klen, vlen;
	const char *start;   /* where the part starts in the name */
	size_t len;          /* its length, separators between pieces included */
	char keybuf[24];     /* key of a positional part: "name", "arg1" */
};

#define BG_NAME_MAX_PARTS 32

/*
 * Cut name into at most BG_NAME_MAX_PARTS parts (the last one takes the rest).
 * whole_key, when not NULL, is the key the whole name stands for (the llm reader's
 * "model"): the name is then one part. Returns the number of parts.
 */
size_t bg_name_parts(struct bg_name_part *parts, const char *name, const char *whole_key);

/* An axis: --by KEY, or --by KEY=A,B,... (values chosen and ordered; the first is the reference). */
struct bg_axis {
	char *key;
	struct bg_strlist values;   /* given values; empty = every value, in order of first appearance */
};

void bg_axis_init(struct bg_axis *ax);
void bg_axis_release(struct bg_axis *ax);

/*
 * Parse "KEY" or "KEY=A,B,...". BG_EXIT_USAGE on an empty key or value, or a repeated
 * value; the message names the spec after what ("--by", or the config's "by").
 */
int bg_axis_parse(struct bg_axis *out, const char *spec, const char *what, struct bg_error *err);

/*
 * The name without its KEY part (new string; "" when the name was that part alone),
 * and in *value (new string) the part's value; NULL and *value NULL when the name has
 * no such key.
 */
char *bg_axis_rest(char **value, const char *name, const char *key, const char *whole_key);

/* Deep copy of benchmark b into rs under name (replacing nothing: the name must be new there). */
void bg_bench_copy(struct bg_resultset *rs, const struct bg_bench *b, const char *name);

#endif
