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

/*
 * Round the decimal digits d[0..m) (d[0] != 0) to keep k of them (k >= 1), padding
 * with zeros when m < k: the k digits (one more when a carry adds one) go to out,
 * their count is returned. On a tie in the digits: when the text is the double's exact
 * value (exact), to even as printf rounds; else -1, for only the double's binary value
 * can break it.
 */
static int round_digits(char *out, const char *d, int m, int k, int exact)
{
	int up = 0, n = k;

	for (int i = 0; i < k; i++)
		out[i] = i < m ? d[i] : '0';
	if (m > k) {
		int rest = 0;

		for (int i = k + 1; i < m; i++)
			rest |= d[i] != '0';
		if (d[k] == '5' && !rest && !exact)
			return -1;
		up = d[k] > '5' || (d[k] == '5' && (rest || (d[k - 1] - '0') % 2));
	}
	for (int i = k - 1; up && i >= 0; i--) {
		if (out[i] == '9') {
			out[i] = '0';
		} else {
			out[i]++;
			up = 0;
		}
	}
	if (up) {
		memmove(out + 1, out, (size_t)k);
		out[0] = '1';
		n++;
	}
	return n;
}

int bg_summary_format_value(char *buf, size_t size, const char *text, size_t len,
			    const char *unit)
{
	char d[16], r[40];
	const char *p = text, *end = text + len;
	int m = 0, E = 0, seen_point = 0, neg = 0, exp, prec, n, k, o = 0, exact = 0;
	long ex = 0;

	if (p < end && *p == '-') {
		neg = 1;
		p++;
	}
	if (p == end || !(*p >= '0' && *p <= '9'))
		return -1;
	/* digits without leading zeros in d; the value is 0.d[0]d[1]... x 10^E */
	for (; p < end && ((*p >= '0' && *p <= '9') || (*p == '.' && !seen_point)); p++) {
		if (*p == '.') {
			seen_point = 1;
		} else if (m == 0 && *p == '0') {
			if (seen_point)
				E--;
		} else {
			if (m == (int)sizeof(d))
				return -1;
			d[m++] = *p;
			if (!seen_point)
				E++;
		}
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		int eneg = 0, digits = 0;

		if (++p < end && (*p == '+' || *p == '-'))
			eneg = *p++ == '-';
		for (; p < end && *p >= '0' && *p <= '9' && digits < 4; p++, digits++)
			ex = ex * 10 + (*p - '0');
		if (!digits)
			return -1;
		E += (int)(eneg ? -ex : ex);
	}
	/* More than 15 digits: the double may round otherwise than its text. */
	if (p != end || m > 15)
		return -1;
	if (m == 0) {
		o = snprintf(buf, size, unit && *unit ? "0 %s" : "0", unit);
		return o >= 0 && (size_t)o < size ? o : -1;
	}
	/*
	 * Is the text the double's exact value? Its m digits over 10^f (f decimals) are a
	 * fraction over 2^f when 5^f divides them, and they are below 2^53.
	 */
	if (m - E <= 0) {
		exact = 1;
	} else if (m - E <= 27) {
		unsigned long long v = 0, p5 = 1;

		for (int i = 0; i < m; i++)
			v = v * 10 + (unsigned long long)(d[i] - '0');
		for (int i = 0; i < m - E; i++)
			p5 *= 5;
		exact = v % p5 == 0;
	}
	/* The exponent of %.3e, after rounding to four digits; outside [-4, 15) "%.4g". */
	if ((n = round_digits(r, d, m, 4, exact)) < 0)
		return -1;
	exp = E - 1 + (n - 4);
	if (exp < -4 || exp >= 15)
		return -1;
	/* "%.*f" with prec decimals keeps the digits down to 10^-prec: k of d. */
	prec = exp >= 3 ? 0 : 3 - exp;
	k = E + prec;
	if ((n = round_digits(r, d, m, k, exact)) < 0)
		return -1;
	/* r[0..n) x 10^-prec, trailing zeros of the fraction dropped */
	while (prec > 0 && r[n - 1] == '0') {
		n--;
		prec--;
	}
	if (size < (size_t)n + 12 + (unit ? strlen(unit) : 0))
		return -1;
	if (neg)
		buf[o++] = '-';
	if (n <= prec) {
		buf[o++] = '0';
		buf[o++] = '.';
		for (int i = n; i < prec; i++)
			buf[o++] = '0';
		memcpy(buf + o, r, (size_t)n);
		o += n;
	} else {
		memcpy(buf + o, r, (size_t)(n - prec));
		o += n - prec;
		if (prec) {
			buf[o++] = '.';
			memcpy(buf + o, r + n - prec, (size_t)prec);
			o += prec;
		}
	}
	if (unit && *unit) {
		size_t ul = strlen(unit);

		buf[o++] = ' ';
		memcpy(buf + o, unit, ul);
		o += (int)ul;
	}
	buf[o] = '\0';
	return o;
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
