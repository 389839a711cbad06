/*
 * The core's formatting (src/core/format.c): the one number formatter of the program
 * (values with units, percentages, p-values) and the one growable string buffer.
 */
#ifndef BENCHGATE_FORMAT_H
#define BENCHGATE_FORMAT_H

#include <stddef.h>

#include "benchgate/error.h"

/*
 * How a value is shown to a person: divided by 10^p10 (or 2^p2) and followed by its
 * unit with the prefix the value's size asks for. Times move between ns, us, ms and s
 * ("1.538 ms", not "1538 us"), sizes between B, kB, MB, GB, TB or KiB .. TiB (also as
 * the numerator of a rate: "131.2 MB/s"); any other unit, and none, takes an SI prefix
 * from 1000 up ("131.2 M items/s", "2.5 k"); "%" stays as it is. The unit as shown is
 * prefix, a blank when both are there, then name (replacing the unit's numerator) or
 * nothing, then rest. The strings are static or borrowed from the unit picked with.
 */
struct bg_display {
	int p10, p2;
	const char *prefix;     /* "M", or "" */
	const char *name;       /* the numerator's new name ("us"), or NULL: unchanged */
	const char *rest;       /* the unit from there on ("/op", or all of it), or NULL */
};

/*
 * The display for values around v in unit: the prefix that puts v, rounded to four
 * significant digits, in [1, 1000) (in [1, 1024) for binary sizes), within what the
 * unit's family has (no prefix below 1 ns, none below 1 for other units). unit NULL:
 * a bare number, never scaled; v not finite or 0: the unit as it is.
 */
void bg_display_pick(struct bg_display *d, double v, const char *unit);
/*
 * The same from e, the decimal exponent of the value rounded to four significant
 * digits; -1 for binary sizes, which need the value (bg_display_pick).
 */
int bg_display_pick_exp(struct bg_display *d, int e, const char *unit);
/* The unit as d shows it ("M items/s", "us/op", ""): its length, cut to fit buf. */
size_t bg_display_unit(char *buf, size_t size, const struct bg_display *d);
/* The same as a new string. */
char *bg_display_unit_new(const struct bg_display *d);

/*
 * v in display d for a person: four significant digits, positional for 1e-4 <= |v| <
 * 1e15 with every integer digit kept, trailing zeros dropped ("1.538", "123456"),
 * followed by " unit" when with_unit and d shows a unit; "-" for NAN, "inf"/"-inf"
 * (never a unit) for infinities. buf of at least 32 bytes; returns buf.
 */
char *bg_format_in(char *buf, size_t size, double v, const struct bg_display *d, int with_unit);

/*
 * Format a value with its unit for a person: bg_format_in of v in the display
 * bg_display_pick chooses for v alone: "1.234 ms", "17.14 tok/s", "131.2 M items/s",
 * "2.294 us" (for 2294 ns). unit may be NULL (a bare number, never scaled) or "".
 * buf of at least 32 bytes; returns buf.
 */
char *bg_format_value(char *buf, size_t size, double v, const char *unit);

/*
 * v is a fraction: "+5.3%", "-0.8%", "+0.0%", one decimal below 1000%, none from
 * there ("+1234%"); "+inf"/"-inf" for infinities, "-" for NAN. buf of at least 32 bytes.
 */
char *bg_format_percent(char *buf, size_t size, double v);

/* "0.0123", "<0.0001" below 0.0001, "-" for NAN. buf of at least 16 bytes. */
char *bg_format_pvalue(char *buf, size_t size, double p);

/* "20%" for 0.2, "95%" for 0.95: "%g" of the percentage, unsigned. buf of >= 32 bytes. */
char *bg_format_plain_percent(char *buf, size_t size, double t);

/*
 * A number of a summary, given as its text (text[0..len), a JSON number), formatted
 * exactly as bg_format_value formats the double it denotes (four significant digits
 * in the unit with the prefix the value asks for: "2.294 us" for 2294 ns), without
 * printf. Returns the length written to buf, or -1 when the text is not a plain
 * number, has more than 15 digits, falls on a rounding tie it does not denote exactly
 * (1.0005 is not a double), is outside the positional range, is in a binary size, or
 * buf is too small: then call bg_format_value with the double.
 */
int bg_summary_format_value(char *buf, size_t size, const char *text, size_t len,
			    const char *unit);
/* The same, and the display picked (bg_display_pick's) in *d, for the numbers around it. */
int bg_summary_format_pick(char *buf, size_t size, struct bg_display *d, const char *text,
			   size_t len, const char *unit);
/*
 * The number text[0..len) exactly as bg_format_in prints its double in display d (with
 * d's unit when with_unit), or -1 when declined as above.
 */
int bg_summary_format_in(char *buf, size_t size, const char *text, size_t len,
			 const struct bg_display *d, int with_unit);

/*
 * v is a fraction, always "%+.1f%%" ("+0.0%" for a change that rounds to zero), at any
 * size: the figures of a verdict's note and warnings. buf of at least 32 bytes.
 */
char *bg_format_percent_1(char *buf, size_t size, double v);

/* A growable string: start at { NULL, 0, 0 }; s is NUL-terminated once anything is added. */
struct bg_sbuf {
	char *s;
	size_t len, alloc;
};

/* Append n bytes of s. */
void bg_sbuf_add(struct bg_sbuf *b, const char *s, size_t n);

/* Append a printf-formatted string. */
void bg_sbuf_addf(struct bg_sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
