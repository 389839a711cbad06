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

/* Units a value is shown in with the prefix its size asks for. */
enum display_family { DISP_OTHER, DISP_NONE, DISP_TIME, DISP_SIZE10, DISP_SIZE2 };

/* A name and its length. */
#define U(s) s, sizeof(s) - 1
static const struct {
	const char *name;
	size_t len;
	enum display_family fam;
	int power;              /* of ten (time, decimal sizes) or two (binary sizes) */
} display_units[] = {
	{ U("ns"), DISP_TIME, -9 },
	{ U("us"), DISP_TIME, -6 },
	{ U("\xC2\xB5s"), DISP_TIME, -6 },   /* micro sign */
	{ U("\xCE\xBCs"), DISP_TIME, -6 },   /* Greek mu */
	{ U("ms"), DISP_TIME, -3 },
	{ U("s"), DISP_TIME, 0 },
	{ U("sec"), DISP_TIME, 0 },
	{ U("second"), DISP_TIME, 0 },
	{ U("seconds"), DISP_TIME, 0 },
	{ U("B"), DISP_SIZE10, 0 },
	{ U("byte"), DISP_SIZE10, 0 },
	{ U("bytes"), DISP_SIZE10, 0 },
	{ U("kB"), DISP_SIZE10, 3 },
	{ U("KB"), DISP_SIZE10, 3 },
	{ U("MB"), DISP_SIZE10, 6 },
	{ U("GB"), DISP_SIZE10, 9 },
	{ U("TB"), DISP_SIZE10, 12 },
	{ U("KiB"), DISP_SIZE2, 10 },
	{ U("MiB"), DISP_SIZE2, 20 },
	{ U("GiB"), DISP_SIZE2, 30 },
	{ U("TiB"), DISP_SIZE2, 40 },
	{ U("%"), DISP_NONE, 0 },
};
#undef U

/* The names a value is moved to: times ns .. s, sizes B .. TB and KiB .. TiB. */
static const char *const time_names[] = { "ns", "us", "ms", "s" };            /* 10^-9 .. 10^0 */
static const char *const size10_names[] = { "B", "kB", "MB", "GB", "TB" };    /* 10^0 .. 10^12 */
static const char *const size2_names[] = { "KiB", "MiB", "GiB", "TiB" };      /* 2^10 .. 2^40 */
/* SI prefixes of any other unit (or none), 10^3 .. 10^18. */
static const char *const si_prefixes[] = { "k", "M", "G", "T", "P", "E" };

/* The family of the unit's numerator (up to '/'), its power, and where the rest starts. */
static enum display_family display_family(int *power, const char **rest, const char *unit)
{
	const char *slash = strchr(unit, '/');
	size_t n = slash ? (size_t)(slash - unit) : strlen(unit);

	*rest = unit + n;
	*power = 0;
	for (size_t i = 0; i < sizeof(display_units) / sizeof(display_units[0]); i++) {
		if (display_units[i].len == n && !memcmp(display_units[i].name, unit, n)) {
			*power = display_units[i].power;
			/* "%" means a percentage only on its own. */
			return display_units[i].fam == DISP_NONE && *rest[0] ? DISP_OTHER
									     : display_units[i].fam;
		}
	}
	return DISP_OTHER;
}

/* Round down to a multiple of 3 (-1 is -3). */
static int floor3(int x)
{
	return x >= 0 ? x / 3 * 3 : -((-x + 2) / 3 * 3);
}

static int clamp(int x, int lo, int hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

static void display_identity(struct bg_display *d, const char *unit)
{
	d->p10 = d->p2 = 0;
	d->prefix = "";
	d->name = NULL;
	d->rest = unit;
}

int bg_display_pick_exp(struct bg_display *d, int e, const char *unit)
{
	const char *rest;
	int power, p;

	display_identity(d, unit);
	if (!unit)
		return 0;
	switch (display_family(&power, &rest, unit)) {
	case DISP_NONE:
		return 0;
	case DISP_TIME:
		p = clamp(floor3(power + e), -9, 0);
		if (p != power) {
			d->p10 = p - power;
			d->name = time_names[(p + 9) / 3];
			d->rest = rest;
		}
		return 0;
	case DISP_SIZE10:
		p = clamp(floor3(power + e), 0, 12);
		if (p != power) {
			d->p10 = p - power;
			d->name = size10_names[p / 3];
			d->rest = rest;
		}
		return 0;
	case DISP_SIZE2:
		return -1;   /* powers of two: the value itself decides (bg_display_pick) */
	case DISP_OTHER:
		break;
	}
	if (e >= 3) {
		p = clamp(floor3(e), 3, 18);
		d->p10 = p;
		d->prefix = si_prefixes[p / 3 - 1];
	}
	return 0;
}

/* The decimal exponent of v once rounded to four significant digits (9.9996 is 1). */
static int exp4(double v)
{
	char e[32];

	snprintf(e, sizeof(e), "%.3e", v);
	return atoi(strchr(e, 'e') + 1);
}

void bg_display_pick(struct bg_display *d, double v, const char *unit)
{
	const char *rest;
	int power, p;

	display_identity(d, unit);
	if (!unit || !isfinite(v) || v == 0)
		return;
	if (bg_display_pick_exp(d, exp4(v), unit) == 0)
		return;
	/* Binary sizes: the largest of KiB .. TiB in which |v| is at least 1. */
	display_family(&power, &rest, unit);
	p = clamp((power + ilogb(v)) / 10 * 10, 10, 40);
	if (p != power) {
		d->p2 = p - power;
		d->name = size2_names[p / 10 - 1];
		d->rest = rest;
	}
}

/* Whether a blank goes between d's prefix and the rest of its unit. */
static const char *prefix_gap(const struct bg_display *d)
{
	return *d->prefix && ((d->name && *d->name) || (d->rest && *d->rest)) ? " " : "";
}

size_t bg_display_unit(char *buf, size_t size, const struct bg_display *d)
{
	const char *parts[4] = { d->prefix, prefix_gap(d), d->name ? d->name : "",
				 d->rest ? d->rest : "" };
	size_t o = 0;

	/* Without printf: history formats a unit per row of thousands. */
	if (!size)
		return 0;
	for (int i = 0; i < 4; i++)
		for (const char *p = parts[i]; *p && o + 1 < size; p++)
			buf[o++] = *p;
	buf[o] = '\0';
	return o;
}

char *bg_display_unit_new(const struct bg_display *d)
{
	return bg_asprintf("%s%s%s%s", d->prefix, prefix_gap(d), d->name ? d->name : "",
			   d->rest ? d->rest : "");
}

/*
 * v / 10^p10 with four significant digits, like "%.4g" but positional for
 * 1e-4 <= |v / 10^p10| < 1e15, where every integer digit is kept ("123456", not
 * "1.235e+05"). Trailing zeros are dropped as "%g" does. Outside that range "%.4g".
 * The digits are those of v itself (printf's exact rounding of the double, ties to
 * even), only the decimal point moves: the scaling adds no rounding of its own.
 */
static void format_scaled(char *buf, size_t size, double v, int p10)
{
	char e[48], digits[24];
	int exp, es, nd, o = 0;
	const char *m;

	if (v == 0) {
		snprintf(buf, size, "0");
		return;
	}
	snprintf(e, sizeof(e), "%.3e", v);
	exp = atoi(strchr(e, 'e') + 1);
	es = exp - p10;
	if (es < -4 || es >= 15) {
		double s = v;

		for (int i = 0; i < p10; i++)
			s /= 10;
		for (int i = 0; i > p10; i--)
			s *= 10;
		snprintf(buf, size, "%.4g", s);
		return;
	}
	if (es >= 3) {
		/*
		 * Every integer digit, rounded at 10^p10: es + 1 digits; es when rounding to
		 * four digits carried into a new one (99995 is 1.000e+05) and more do not.
		 * The point goes where the exponent of what is printed says.
		 */
		snprintf(e, sizeof(e), "%.*e", es, v);
		if (atoi(strchr(e, 'e') + 1) != exp)
			snprintf(e, sizeof(e), "%.*e", es - 1, v);
		es = atoi(strchr(e, 'e') + 1) - p10;
	}
	/* The digits of "-d.ddde+x" without sign, point and exponent. */
	nd = 0;
	for (m = e + (e[0] == '-'); *m != 'e' && nd < (int)sizeof(digits) - 1; m++)
		if (*m != '.')
			digits[nd++] = *m;
	digits[nd] = '\0';
	/* Drop the zeros that would be trailing zeros of a fraction. */
	while (nd > 1 && nd > es + 1 && digits[nd - 1] == '0')
		digits[--nd] = '\0';
	if (v < 0)
		o += snprintf(buf + o, size - (size_t)o, "-");
	if (es < 0) {
		o += snprintf(buf + o, size - (size_t)o, "0.");
		for (int i = 0; i < -es - 1 && (size_t)o + 1 < size; i++)
			buf[o++] = '0';
		snprintf(buf + o, size - (size_t)o, "%s", digits);
	} else if (nd <= es + 1) {
		snprintf(buf + o, size - (size_t)o, "%s%.*s", digits, es + 1 - nd, "000000000000000");
	} else {
		snprintf(buf + o, size - (size_t)o, "%.*s.%s", es + 1, digits, digits + es + 1);
	}
}

char *bg_format_in(char *buf, size_t size, double v, const struct bg_display *d, int with_unit)
{
	char num[64], unit[160];

	if (isnan(v)) {
		snprintf(buf, size, "-");
		return buf;
	}
	if (isinf(v)) {
		/* An infinite bound has no unit worth printing. */
		snprintf(buf, size, "%s", v > 0 ? "inf" : "-inf");
		return buf;
	}
	if (d->p2)
		format_scaled(num, sizeof(num), ldexp(v, -d->p2), 0);
	else
		format_scaled(num, sizeof(num), v, d->p10);
	if (with_unit && bg_display_unit(unit, sizeof(unit), d))
		snprintf(buf, size, "%s %s", num, unit);
	else
		snprintf(buf, size, "%s", num);
	return buf;
}

char *bg_format_value(char *buf, size_t size, double v, const char *unit)
{
	struct bg_display d;

	bg_display_pick(&d, v, unit);
	return bg_format_in(buf, size, v, &d, 1);
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

/* The length of the unit d shows ("M items/s"). */
static size_t display_unit_len(const struct bg_display *d)
{
	size_t n = strlen(d->prefix), rest = (d->name ? strlen(d->name) : 0) +
					     (d->rest ? strlen(d->rest) : 0);

	return n + (n && rest) + rest;
}

/*
 * The number text[0..len) as bg_format_in prints it in display d (pick: chosen here
 * from the text as bg_display_pick chooses it, and stored in d), with d's unit when
 * with_unit; -1 when declined (see bg_summary_format_value).
 */
static int format_text(char *buf, size_t size, const char *text, size_t len, const char *unit,
		       struct bg_display *d, int pick, int with_unit)
{
	char d_[16], r[40];
	const char *p = text, *end = text + len;
	int m = 0, E = 0, seen_point = 0, neg = 0, exp, es, prec, n, k, o = 0, exact = 0;
	long ex = 0;
	size_t ul;

	if (p < end && *p == '-') {
		neg = 1;
		p++;
	}
	if (p == end || !(*p >= '0' && *p <= '9'))
		return -1;
	/* digits without leading zeros in d_; the value is 0.d_[0]d_[1]... x 10^E */
	for (; p < end && ((*p >= '0' && *p <= '9') || (*p == '.' && !seen_point)); p++) {
		if (*p == '.') {
			seen_point = 1;
		} else if (m == 0 && *p == '0') {
			if (seen_point)
				E--;
		} else {
			if (m == (int)sizeof(d_))
				return -1;
			d_[m++] = *p;
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
		/* Zero: in the unit as it is. */
		if (pick)
			bg_display_pick(d, 0, unit);
		ul = with_unit ? display_unit_len(d) : 0;
		if (size < ul + 3)
			return -1;
		buf[o++] = '0';
		goto unit;
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
			v = v * 10 + (unsigned long long)(d_[i] - '0');
		for (int i = 0; i < m - E; i++)
			p5 *= 5;
		exact = v % p5 == 0;
	}
	/* The exponent of %.3e, after rounding to four digits: it picks the display. */
	if ((n = round_digits(r, d_, m, 4, exact)) < 0)
		return -1;
	exp = E - 1 + (n - 4);
	if (pick && bg_display_pick_exp(d, exp, unit) < 0)
		return -1;
	if (d->p2)
		return -1;
	/* Divided by 10^p10: the same digits, the point moved. Outside [-4, 15) "%.4g". */
	E -= d->p10;
	es = exp - d->p10;
	if (es < -4 || es >= 15)
		return -1;
	/* "%.*f" with prec decimals keeps the digits down to 10^-prec: k of d_. */
	prec = es >= 3 ? 0 : 3 - es;
	k = E + prec;
	if ((n = round_digits(r, d_, m, k, exact)) < 0)
		return -1;
	/* r[0..n) x 10^-prec, trailing zeros of the fraction dropped */
	while (prec > 0 && r[n - 1] == '0') {
		n--;
		prec--;
	}
	ul = with_unit ? display_unit_len(d) : 0;
	if (size < (size_t)n + 12 + ul)
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
unit:
	if (ul) {
		buf[o++] = ' ';
		o += (int)bg_display_unit(buf + o, size - (size_t)o, d);
	}
	buf[o] = '\0';
	return o;
}

int bg_summary_format_value(char *buf, size_t size, const char *text, size_t len,
			    const char *unit)
{
	struct bg_display d;

	return format_text(buf, size, text, len, unit, &d, 1, 1);
}

int bg_summary_format_pick(char *buf, size_t size, struct bg_display *d, const char *text,
			   size_t len, const char *unit)
{
	return format_text(buf, size, text, len, unit, d, 1, 1);
}

int bg_summary_format_in(char *buf, size_t size, const char *text, size_t len,
			 const struct bg_display *d, int with_unit)
{
	struct bg_display copy = *d;

	return format_text(buf, size, text, len, NULL, &copy, 0, with_unit);
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
