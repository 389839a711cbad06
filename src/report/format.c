/* Formatting shared by the report writers: format names, numbers, escaping. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/report.h"
#include "internal.h"

int bg_format_parse(enum bg_format *out, const char *s)
{
	static const struct {
		const char *name;
		enum bg_format fmt;
	} formats[] = {
		{ "text", BG_FMT_TEXT },
		{ "json", BG_FMT_JSON },
		{ "markdown", BG_FMT_MARKDOWN },
		{ "junit", BG_FMT_JUNIT },
		{ "github", BG_FMT_GITHUB },
		{ "html", BG_FMT_HTML },
	};

	if (!s)
		return -1;
	for (size_t i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		if (!strcmp(s, formats[i].name)) {
			*out = formats[i].fmt;
			return 0;
		}
	}
	return -1;
}

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

/* A growable string for the escapers. */
struct sbuf {
	char *s;
	size_t len, alloc;
};

static void sbuf_add(struct sbuf *b, const char *s, size_t n)
{
	bg_grow(&b->s, &b->alloc, b->len + n + 1, 1);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

/*
 * For a table cell of GitHub-flavoured Markdown: & < > become entities (no HTML gets
 * through), | becomes \| (no new cell), ASCII punctuation with a meaning in Markdown
 * is backslash-escaped (including $, which GitHub reads as maths), newlines, tabs and
 * other control characters become spaces, and '@' is followed by U+200B ZERO WIDTH
 * SPACE so that "@team" mentions nobody.
 */
char *bg_markdown_escape(const char *s)
{
	struct sbuf b = { NULL, 0, 0 };

	sbuf_add(&b, "", 0);
	for (const char *p = s ? s : ""; *p; p++) {
		unsigned char ch = (unsigned char)*p;

		switch (ch) {
		case '&':
			sbuf_add(&b, "&amp;", 5);
			break;
		case '<':
			sbuf_add(&b, "&lt;", 4);
			break;
		case '>':
			sbuf_add(&b, "&gt;", 4);
			break;
		case '@':
			sbuf_add(&b, "@\xe2\x80\x8b", 4);
			break;
		case '|': case '\\': case '`': case '*': case '_': case '[': case ']':
		case '(': case ')': case '#': case '+': case '!': case '~': case '$':
			sbuf_add(&b, "\\", 1);
			sbuf_add(&b, p, 1);
			break;
		default:
			if (ch < 0x20 || ch == 0x7f)
				sbuf_add(&b, " ", 1);
			else
				sbuf_add(&b, p, 1);
		}
	}
	return b.s;
}

size_t bg_utf8_width(const char *s)
{
	size_t w = 0;

	for (; s && *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	return w;
}

char *bg_text_clean(const char *s)
{
	char *r = bg_strdup(s ? s : "");

	for (unsigned char *p = (unsigned char *)r; *p; p++) {
		if (*p < 0x20 || *p == 0x7f) {
			*p = '?';
		} else if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) {
			/* U+0080..U+009F, the C1 controls (CSI is U+009B). */
			*p = '?';
			memmove(p + 1, p + 2, strlen((char *)p + 2) + 1);
		}
	}
	return r;
}

char *bg_report_value(double v, const char *unit)
{
	struct bg_display d;

	bg_display_pick(&d, v, unit);
	return bg_report_value_in(v, &d, 1);
}

char *bg_report_value_in(double v, const struct bg_display *d, int with_unit)
{
	char num[64], *unit, *r;

	bg_format_in(num, sizeof(num), v, d, 0);
	if (!isfinite(v) || !with_unit)
		return bg_strdup(num);
	unit = bg_display_unit_new(d);
	r = *unit ? bg_asprintf("%s %s", num, unit) : bg_strdup(num);
	free(unit);
	return r;
}

/* The display of r's row: from the larger gated statistic of its two sides. */
static void result_display(struct bg_display *d, const struct bg_result *r, const char *unit)
{
	double b = r->has_base ? bg_summary_stat(&r->base, r->statistic) : NAN;
	double c = r->has_cur ? bg_summary_stat(&r->cur, r->statistic) : NAN;

	bg_display_pick(d, !isfinite(b) ? c : !isfinite(c) ? b : fabs(b) >= fabs(c) ? b : c, unit);
}

char *bg_report_side(const struct bg_result *r, int current, const char *unit)
{
	struct bg_display d;

	if (!(current ? r->has_cur : r->has_base))
		return bg_strdup("-");
	result_display(&d, r, unit);
	return bg_report_value_in(bg_summary_stat(current ? &r->cur : &r->base, r->statistic), &d,
				  1);
}

char *bg_report_change(const struct bg_change *ch)
{
	char est[32], lo[32], hi[32];

	if (isnan(ch->estimate))
		return bg_strdup("-");
	bg_format_percent(est, sizeof(est), ch->estimate);
	if (isnan(ch->ci.lo) && isnan(ch->ci.hi))
		return bg_strdup(est);
	bg_format_percent(lo, sizeof(lo), ch->ci.lo);
	bg_format_percent(hi, sizeof(hi), ch->ci.hi);
	return bg_asprintf("%s (%s .. %s)", est, lo, hi);
}

char *bg_report_counts(const struct bg_comparison *c)
{
	static const struct {
		enum bg_verdict v;
		const char *one, *many;
	} order[] = {
		{ BG_REGRESSION, "regression", "regressions" },
		{ BG_IMPROVEMENT, "improvement", "improvements" },
		{ BG_PASS, "pass", "pass" },
		{ BG_INCONCLUSIVE, "inconclusive", "inconclusive" },
		{ BG_INSUFFICIENT, "insufficient", "insufficient" },
		{ BG_MISSING, "missing", "missing" },
		{ BG_NEW, "new", "new" },
	};
	struct sbuf b = { NULL, 0, 0 };

	sbuf_add(&b, "", 0);
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		size_t k = c->counts[order[i].v];
		char part[64];
		int len;

		if (!k)
			continue;
		len = snprintf(part, sizeof(part), "%s%zu %s", b.len ? ", " : "", k,
			       k == 1 ? order[i].one : order[i].many);
		sbuf_add(&b, part, (size_t)len);
	}
	if (!b.len)
		sbuf_add(&b, "no results", 10);
	return b.s;
}

int bg_report_fails_on(const struct bg_comparison *c, enum bg_verdict v)
{
	return c->mode && (unsigned)v < BG_NVERDICTS && c->mode->fail_on[v];
}
