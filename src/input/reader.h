/* What the JSON readers share: parsing with places, and errors at a JSON path. */
#ifndef BENCHGATE_INPUT_READER_H
#define BENCHGATE_INPUT_READER_H

#include "benchgate/input.h"

/* The largest run number a native file may give a sample ("runs"). */
#define BG_MAX_RUN 1000000

/* One file being read: its name and text, for error places. */
struct jctx {
	const char *path;
	const char *buf;
	size_t len;
	int line_offset;     /* added to line numbers: JSON Lines records */
	struct bg_error *err;
};

/* A JSON path under construction: segments and the "[N]" text they point at. */
struct jpath {
	const char *seg[16];
	char idx[16][24];
	int n;
};

void jpath_key(struct jpath *p, int depth, const char *key);
void jpath_index(struct jpath *p, int depth, size_t i);

/* Error at the value path points to (its first depth segments). */
int jctx_error(struct jctx *x, const struct jpath *p, int depth, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

/* Parse one JSON document (the whole of buf); a syntax error carries its place. */
json_t *jctx_parse(struct jctx *x, size_t flags);

/*
 * The error for a value at path that bg_json_sample refused: says what is wrong with
 * "WHAT" (e.g. "sample 3 of 'time' in 'parse'"). Always -1. Callers test the value
 * with bg_json_sample first and build path and what only on failure: the sample loop
 * formats nothing.
 */
int jctx_bad_sample(struct jctx *x, const json_t *v, const struct jpath *p, int depth,
		    const char *what);

/* JSON's white space: space, tab, CR, LF (never NUL). */
int bg_json_space(char c);

/* First bytes of buf after white space and a UTF-8 byte order mark; *rest is their length. */
const char *bg_sniff_start(const char *buf, size_t len, size_t *rest);

/*
 * Unit and direction of a metric from its name, as CSV logs and summary-only JSON
 * name them: "_ms" ms and lower, "_per_sec" X/s and higher (docs/formats.md). New string.
 */
char *bg_name_unit(const char *name, enum bg_direction *dir);

#endif
