/*
 * benchgate's JSON parser: a read-only DOM in one arena, every value with its line
 * and column, strict RFC 8259, exact numbers. The readers in src/input use it.
 *
 * Strictness: what jansson rejects is rejected, with jansson's wording so messages
 * stay the same: invalid UTF-8 (overlong forms, surrogates, above U+10FFFF), lone
 * surrogate escapes, control characters in strings, bad escapes, leading zeros,
 * NaN/Infinity and other bare words, trailing commas, text after the document,
 * duplicate keys in an object ("duplicate object key"), \u0000 in strings and keys,
 * a real number that overflows a double, nesting deeper than BG_JSON_MAX_DEPTH. A
 * document must be an object or an array. Unlike jansson, an integer too big for
 * 64 bits is read as a real (RFC 8259 allows it) instead of an error.
 *
 * Numbers: an integer of at most 19 digits that fits int64_t is exact
 * (bg_json_is_integer, bg_json_int). Any other number is the double nearest to its
 * decimal text, the same as strtod gives: at most 15 significant digits and a power
 * of ten within 10^+-22 is converted with one exact multiply or divide (Clinger's fast
 * path); up to 19 digits, with 128-bit powers of ten (Eisel-Lemire), which gives up
 * near a halfway point, for subnormals and out of range; then strtod_l in the "C"
 * locale, whatever the program's locale.
 *
 * Places: bg_json_line and bg_json_col give where a value starts (for an object or
 * an array, its '{' or '['); columns count characters (UTF-8 sequences), from 1.
 * Errors carry the place as jansson gave it: the last character of the token that
 * was wrong ("near 'TOKEN'"), or the end of the input ("near end of file").
 *
 * Lifetime: every value, string and key belongs to the bg_json_doc that parsed it
 * and stays valid until the next bg_json_parse on that doc or bg_json_doc_free.
 * A doc can be reused (JSON Lines: one parse per line, no mallocs after the first).
 * Accessors are NULL-safe, like jansson's: bg_json_get(NULL, "x") is NULL.
 *
 * Porting a reader from jansson (json_t *v  ->  const struct bg_json *v):
 *   json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je)
 *                             -> d = bg_json_doc_new(); v = bg_json_parse(d, buf, len,
 *                                0, 0, &je)  (je: struct bg_json_error; duplicates are
 *                                always rejected; bg_json_doc_free(d) replaces
 *                                json_decref(root))
 *   JSON_DISABLE_EOF_CHECK    -> flag BG_JSON_FIRST
 *   json_error_code(&je) == json_error_end_of_input_expected
 *                             -> je.code == BG_JSON_ETRAILING
 *   json_is_object/array/string/number/integer/null/true/false/boolean(v)
 *                             -> bg_json_is_object/array/string/number/integer/null/
 *                                true/false/bool(v)
 *   json_object_get(v, "k")   -> bg_json_get(v, "k")
 *   json_string_value(v)      -> bg_json_str(v)   (bg_json_strlen(v) for its length)
 *   json_number_value(v)      -> bg_json_num(v)
 *   json_integer_value(v)     -> bg_json_int(v)
 *   json_array_size(v)        -> bg_json_size(v)
 *   json_object_size(v)       -> bg_json_members(v)
 *   json_array_get(v, i)      -> bg_json_at(v, i)
 *   json_array_foreach(a, i, x)   -> for (i = 0; i < bg_json_size(a); i++) {
 *                                      x = bg_json_at(a, i); ... }
 *   json_object_foreach(o, k, x)  -> for (i = 0; i < bg_json_members(o); i++) {
 *                                      k = bg_json_str(bg_json_key(o, i));
 *                                      x = bg_json_value(o, i); ... }  (document order)
 *   keeping a subtree (json_incref) -> bg_json_to_jansson(v), a new jansson value
 *   an error at a JSON path (the old jctx_error) -> bg_json_error_at(err, file, v, ...)
 *                                with v the value the path pointed at (no second pass)
 *   a checked sample (the old bg_json_sample / jctx_bad_sample)
 *                             -> bg_json_sample_of / bg_json_bad_sample
 */
#ifndef BENCHGATE_JSON_H
#define BENCHGATE_JSON_H

#include <stddef.h>
#include <stdint.h>
#include <jansson.h>

#include "benchgate/error.h"

/*
 * Containers nest this deep at most; a value inside the deepest is an error
 * ("maximum parsing depth reached"), as in jansson.
 */
#define BG_JSON_MAX_DEPTH 2048

enum bg_json_type {
	BG_JSON_NULL = 0,
	BG_JSON_FALSE,
	BG_JSON_TRUE,
	BG_JSON_NUMBER,
	BG_JSON_STRING,
	BG_JSON_ARRAY,
	BG_JSON_OBJECT,
};

/*
 * One value, 24 bytes. Read it through the functions below; the fields are here
 * only so they can be inline.
 */
struct bg_json {
	uint8_t type;              /* enum bg_json_type */
	uint8_t integer;           /* a number written as an integer that fits int64_t */
	uint16_t reserved;
	uint32_t line, col;        /* where the value starts, 1-based */
	uint32_t n;                /* string: bytes; array: elements; object: members */
	union {
		double d;                   /* a number, not integer */
		int64_t i;                  /* a number, integer */
		const char *str;            /* NUL-terminated, n bytes, no NUL inside */
		const struct bg_json *kids; /* array: n values; object: key, value, key, ... */
	} u;
};

/* Parse flags. */
enum {
	BG_JSON_FIRST = 1,   /* stop after the first document; what follows is not read */
	BG_JSON_ANY = 2,     /* any value at the top, not only an object or an array */
};

/* Error codes in bg_json_error.code. */
enum {
	BG_JSON_OK = 0,
	BG_JSON_ESYNTAX,     /* anything wrong in the document itself */
	BG_JSON_ETRAILING,   /* a whole document, then more text ("end of file expected") */
	BG_JSON_ETOOBIG,     /* text of 4 GiB or more */
};

struct bg_json_error {
	int code;
	int line, col;       /* 1-based */
	char text[160];      /* jansson's wording: "string or '}' expected near ','" */
};

struct bg_json_doc;

/* A new, empty document, owned by the caller (bg_json_doc_free); never NULL. */
struct bg_json_doc *bg_json_doc_new(void);
void bg_json_doc_free(struct bg_json_doc *d);

/*
 * Parse the len bytes at buf (no NUL needed) into d, replacing what d held. Lines are
 * numbered from line0 + 1 (0 for a whole file; the line number before it for a line
 * of JSON Lines). Returns the root value, borrowed from d, or NULL with *e set (e
 * may be NULL).
 */
const struct bg_json *bg_json_parse(struct bg_json_doc *d, const char *buf, size_t len,
				    int line0, unsigned flags, struct bg_json_error *e);

static inline int bg_json_type(const struct bg_json *v)
{
	return v ? v->type : -1;
}
static inline int bg_json_is_null(const struct bg_json *v) { return v && v->type == BG_JSON_NULL; }
static inline int bg_json_is_true(const struct bg_json *v) { return v && v->type == BG_JSON_TRUE; }
static inline int bg_json_is_false(const struct bg_json *v) { return v && v->type == BG_JSON_FALSE; }
static inline int bg_json_is_bool(const struct bg_json *v)
{
	return v && (v->type == BG_JSON_TRUE || v->type == BG_JSON_FALSE);
}
static inline int bg_json_is_number(const struct bg_json *v) { return v && v->type == BG_JSON_NUMBER; }
/* A number written without fraction or exponent that fits int64_t, as jansson's integers. */
static inline int bg_json_is_integer(const struct bg_json *v)
{
	return v && v->type == BG_JSON_NUMBER && v->integer;
}
static inline int bg_json_is_string(const struct bg_json *v) { return v && v->type == BG_JSON_STRING; }
static inline int bg_json_is_array(const struct bg_json *v) { return v && v->type == BG_JSON_ARRAY; }
static inline int bg_json_is_object(const struct bg_json *v) { return v && v->type == BG_JSON_OBJECT; }

/* A number's value (integers too, as a double); 0 for anything else. */
static inline double bg_json_num(const struct bg_json *v)
{
	if (!bg_json_is_number(v))
		return 0.0;
	return v->integer ? (double)v->u.i : v->u.d;
}
/* An integer's value; 0 for anything else (a real too). */
static inline int64_t bg_json_int(const struct bg_json *v)
{
	return bg_json_is_integer(v) ? v->u.i : 0;
}
/* A string's bytes, NUL-terminated; NULL for anything else. */
static inline const char *bg_json_str(const struct bg_json *v)
{
	return bg_json_is_string(v) ? v->u.str : NULL;
}
static inline size_t bg_json_strlen(const struct bg_json *v)
{
	return bg_json_is_string(v) ? v->n : 0;
}
/* Elements of an array; 0 for anything else (an object too), as json_array_size. */
static inline size_t bg_json_size(const struct bg_json *v)
{
	return bg_json_is_array(v) ? v->n : 0;
}
/* Members of an object; 0 for anything else, as json_object_size. */
static inline size_t bg_json_members(const struct bg_json *v)
{
	return bg_json_is_object(v) ? v->n : 0;
}
/* Element i of an array, or NULL (not an array, or i out of range). */
static inline const struct bg_json *bg_json_at(const struct bg_json *v, size_t i)
{
	return bg_json_is_array(v) && i < v->n ? &v->u.kids[i] : NULL;
}
/* Key (a string value, with its place) and value of member i of an object, or NULL. */
static inline const struct bg_json *bg_json_key(const struct bg_json *v, size_t i)
{
	return bg_json_is_object(v) && i < v->n ? &v->u.kids[2 * i] : NULL;
}
static inline const struct bg_json *bg_json_value(const struct bg_json *v, size_t i)
{
	return bg_json_is_object(v) && i < v->n ? &v->u.kids[2 * i + 1] : NULL;
}
/* The value of key in an object, or NULL (not an object, or no such key). */
const struct bg_json *bg_json_get(const struct bg_json *obj, const char *key);

static inline int bg_json_line(const struct bg_json *v) { return v ? (int)v->line : 0; }
static inline int bg_json_col(const struct bg_json *v) { return v ? (int)v->col : 0; }

/* A new reference: a jansson value equal to v (what the model keeps as json_t). */
json_t *bg_json_to_jansson(const struct bg_json *v);

/*
 * The one decimal-to-double conversion of the readers (JSON, CSV, go test text): the
 * double nearest to (neg ? -1 : 1) * m * 10^exp10, where m holds the number's first
 * significant digits (at most 19) and exact says no nonzero digit was left out of m
 * (else only text decides). text[0..n) is the number as written, in a form strtod
 * reads whole; it is converted (in the "C" locale) only when the fast paths (Clinger's,
 * Eisel-Lemire) cannot decide. *overflow is set when the value is beyond a double's
 * range (then +-HUGE_VAL is returned, as strtod does).
 */
double bg_decimal_double(uint64_t m, long exp10, int neg, int exact, const char *text,
			 size_t n, int *overflow);

/*
 * A decimal number filling s[0..n) (no white space): [+-] digits [. digits]
 * [e|E [+-] digits], with a digit before or after the point ("5.", ".5"); no hex, inf
 * or nan. 0 and the nearest double (bg_decimal_double; beyond the range, +-HUGE_VAL)
 * in *out, or -1. What the CSV and go test readers read numbers with.
 */
int bg_decimal_parse(double *out, const char *s, size_t n);

/* For readers. */

/* err at v's place in file ("FILE:LINE:COL: message"), code BG_EXIT_INPUT. Always -1. */
int bg_json_error_at(struct bg_error *err, const char *file, const struct bg_json *v,
		     const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* A parse error as the readers report it: "FILE:LINE:COL: text", BG_EXIT_INPUT. -1. */
int bg_json_parse_error(struct bg_error *err, const char *file, const struct bg_json_error *e);

/* A sample value: a finite number >= 0 into *out and 0, else -1 (nothing set). */
static inline int bg_json_sample_of(double *out, const struct bg_json *v)
{
	double d;

	if (!bg_json_is_number(v))
		return -1;
	d = v->integer ? (double)v->u.i : v->u.d;
	if (!(d >= 0 && d <= 1.7976931348623157e308))
		return -1;
	*out = d;
	return 0;
}

/*
 * The error for a value bg_json_sample_of refused, at its place: "WHAT is a string,
 * not a number", "... is null, not a number", "... is not a number", "... is negative
 * (-2)", "... is not a finite number". Always -1.
 */
int bg_json_bad_sample(struct bg_error *err, const char *file, const struct bg_json *v,
		       const char *what);

#endif
