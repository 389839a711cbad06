/*
 * The core's formatting (src/core/format.c): the one number formatter of the program
 * (values with units, percentages, p-values) and the one growable string buffer.
 */
#ifndef BENCHGATE_FORMAT_H
#define BENCHGATE_FORMAT_H

#include <stddef.h>

#include "benchgate/error.h"

/*
 * Format a value with its unit for a person: four significant digits, positional for
 * 1e-4 <= |v| < 1e15 with every integer digit kept, trailing zeros dropped: "1.234 ms",
 * "17.14 tok/s", "123456 ns"; "-" for NAN, "inf"/"-inf" (without unit) for infinities.
 * unit may be NULL or "". buf of at least 32 bytes; returns buf.
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
 * exactly as bg_format_value formats the double it denotes (four significant digits,
 * " unit" when unit is not empty), without printf. Returns the length written to buf,
 * or -1 when the text is not a plain number, has more than 15 digits, falls on a
 * rounding tie it does not denote exactly (1.0005 is not a double), is outside the
 * positional range, or buf is too small: then call bg_format_value with the double.
 */
int bg_summary_format_value(char *buf, size_t size, const char *text, size_t len,
			    const char *unit);

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
