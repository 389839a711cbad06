/*
 * Numbers for a person, one formatter for the whole program: values with units,
 * signed and plain percentages, p-values; and the one growable string buffer.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/format.h"

/* Remove trailing zeros after a decimal point, and the point itself if it is left bare. */
static void strip_zeros(char *s)
{
	char *end;

	if (!strchr(s, '.'))
		return;
	end = s + strlen(s);
	while (end > s && end[-1] == '0')
		*--end = '\0';
	if (end > s && end[-1] == '.')
		end[-1] = '\0';
}

/*
 * A finite number with four significant digits, like "%.4g" but in positional
 * notation for 1e-4 <= |v| < 1e15, where every integer digit is kept ("123456", not
 * "1.235e+05"). Trailing zeros are dropped as "%g" does. Outside that range "%.4g".
 */
static void format_number(char *buf, size_t size, double v)
{
	char e[32];
	int exp;

	if (v == 0) {
		snprintf(buf, size, "0");
		return;
	}
	/* The exponent after rounding to four digits: 9.9996 is 1.000e+01. */
	snprintf(e, sizeof(e), "%.3e", v);
	exp = atoi(strchr(e, 'e') + 1);
	if (exp < -4 || exp >= 15) {
		snprintf(buf, size, "%.4g", v);
		return;
	}
	snprintf(buf, size, "%.*f", exp >= 3 ? 0 : 3 - exp, v);
	strip_zeros(buf);
	if (!strcmp(buf, "-0"))
		snprintf(buf, size, "0");
}

char *bg_format_value(char *buf, size_t size, double v, const char *unit)
{
	char num[64];

	if (isnan(v)) {
		snprintf(buf, size, "-");
		return buf;
	}
	if (isinf(v)) {
		/* An infinite bound has no unit worth printing. */
		snprintf(buf, size, "%s", v > 0 ? "inf" : "-inf");
		return buf;
	}
	format_number(num, sizeof(num), v);
	if (unit && *unit)
		snprintf(buf, size, "%s %s", num, unit);
	else
		snprintf(buf, size, "%s", num);
	return buf;
}

/*
 * v is a fraction (0.053 is "+5.3%"). Always signed; one decimal below 1000%, none
 * from there on, "%.3g" beyond 1e9%. A change that rounds to zero is "+0.0%".
 */
char *bg_format_percent(char *buf, size_t size, double v)
{
	double pct = v * 100;

	if (isnan(v))
		snprintf(buf, size, "-");
	else if (isinf(v))
		snprintf(buf, size, "%s", v > 0 ? "+inf" : "-inf");
	else if (fabs(pct) >= 1e9)
		snprintf(buf, size, "%+.3g%%", pct);
	else if (fabs(pct) >= 999.95)
		snprintf(buf, size, "%+.0f%%", pct);
	else
		snprintf(buf, size, "%+.1f%%", pct);
	if (!strcmp(buf, "-0.0%"))
		snprintf(buf, size, "+0.0%%");   /* -0.0 or -0.04% rounds to "+0.0%" */
	return buf;
}

char *bg_format_pvalue(char *buf, size_t size, double p)
{
	if (isnan(p))
		snprintf(buf, size, "-");
	else if (p < 0.0001)
		snprintf(buf, size, "<0.0001");
	else
		snprintf(buf, size, "%.4f", p);
	return buf;
}

char *bg_format_plain_percent(char *buf, size_t size, double t)
{
	if (isnan(t))
		snprintf(buf, size, "?");
	else
		snprintf(buf, size, "%g%%", t * 100);
	return buf;
}

char *bg_format_percent_1(char *buf, size_t size, double v)
{
	snprintf(buf, size, "%+.1f%%", v * 100);
	if (!strcmp(buf, "-0.0%"))
		snprintf(buf, size, "+0.0%%");
	return buf;
}

void bg_sbuf_add(struct bg_sbuf *b, const char *s, size_t n)
{
	bg_grow(&b->s, &b->alloc, b->len + n + 1, 1);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void bg_sbuf_addf(struct bg_sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	bg_grow(&b->s, &b->alloc, b->len + (size_t)n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}
