/* A fast reader of note summaries ({SUITE: [ROW...]}): history reads thousands of them. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/store.h"

/* A cursor over the summary text. */
struct cur {
	const char *p, *end;
	char *buf;              /* scratch for decoded strings */
	size_t used, alloc;
};

static void ws(struct cur *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\n' || *c->p == '\t' || *c->p == '\r'))
		c->p++;
}

static int eat(struct cur *c, char ch)
{
	/* benchgate writes summaries without white space: try the character first */
	if (c->p < c->end && *c->p == ch) {
		c->p++;
		return 1;
	}
	ws(c);
	if (c->p < c->end && *c->p == ch) {
		c->p++;
		return 1;
	}
	return 0;
}

static void put(struct cur *c, char ch)
{
	bg_grow(&c->buf, &c->alloc, c->used + 1, 1);
	c->buf[c->used++] = ch;
}

static void put_utf8(struct cur *c, unsigned long u)
{
	if (u < 0x80) {
		put(c, (char)u);
	} else if (u < 0x800) {
		put(c, (char)(0xC0 | (u >> 6)));
		put(c, (char)(0x80 | (u & 0x3F)));
	} else if (u < 0x10000) {
		put(c, (char)(0xE0 | (u >> 12)));
		put(c, (char)(0x80 | ((u >> 6) & 0x3F)));
		put(c, (char)(0x80 | (u & 0x3F)));
	} else {
		put(c, (char)(0xF0 | (u >> 18)));
		put(c, (char)(0x80 | ((u >> 12) & 0x3F)));
		put(c, (char)(0x80 | ((u >> 6) & 0x3F)));
		put(c, (char)(0x80 | (u & 0x3F)));
	}
}

static int hex4(const char *p, unsigned long *out)
{
	unsigned long v = 0;

	for (int i = 0; i < 4; i++) {
		char ch = p[i];
		int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
			: ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;

		if (d < 0)
			return -1;
		v = v * 16 + (unsigned long)d;
	}
	*out = v;
	return 0;
}

/* A string into the scratch buffer; *off is where it starts there. -1 when malformed. */
static int string(struct cur *c, size_t *off)
{
	if (!eat(c, '"'))
		return -1;
	*off = c->used;
	while (c->p < c->end && *c->p != '"') {
		const char *run = c->p;
		char ch;

		/* a run of plain characters, copied at once */
		while (c->p < c->end && *c->p != '"' && *c->p != '\\' && (unsigned char)*c->p >= 0x20)
			c->p++;
		if (c->p > run) {
			size_t n = (size_t)(c->p - run);

			bg_grow(&c->buf, &c->alloc, c->used + n + 1, 1);
			memcpy(c->buf + c->used, run, n);
			c->used += n;
			continue;
		}
		ch = *c->p++;

		if ((unsigned char)ch < 0x20)
			return -1;
		if (ch != '\\') {
			put(c, ch);
			continue;
		}
		if (c->p >= c->end)
			return -1;
		ch = *c->p++;
		switch (ch) {
		case '"': case '\\': case '/': put(c, ch); break;
		case 'b': put(c, '\b'); break;
		case 'f': put(c, '\f'); break;
		case 'n': put(c, '\n'); break;
		case 'r': put(c, '\r'); break;
		case 't': put(c, '\t'); break;
		case 'u': {
			unsigned long u, lo;

			if (c->end - c->p < 4 || hex4(c->p, &u) < 0)
				return -1;
			c->p += 4;
			if (u >= 0xD800 && u < 0xDC00) {
				if (c->end - c->p < 6 || c->p[0] != '\\' || c->p[1] != 'u' ||
				    hex4(c->p + 2, &lo) < 0 || lo < 0xDC00 || lo >= 0xE000)
					return -1;
				c->p += 6;
				u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
			} else if (u >= 0xDC00 && u < 0xE000) {
				return -1;
			}
			if (u == 0)
				return -1;   /* no NUL inside names */
			put_utf8(c, u);
			break;
		}
		default:
			return -1;
		}
	}
	if (c->p >= c->end)
		return -1;
	c->p++;
	put(c, '\0');
	return 0;
}

/*
 * Clinger's fast path: [-]DIGITS[.DIGITS] with at most 15 digits in all is an integer
 * below 2^53 divided by a power of ten up to 10^22, both exact doubles, so the one
 * division is correctly rounded, as strtod's result. 0, or -1 to leave it to strtod.
 */
static int fast_decimal(const char *p, size_t len, double *out)
{
	static const double pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9,
					1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16 };
	const char *end = p + len;
	long long m = 0;
	int digits = 0, frac = -1, neg = 0;

	if (p < end && *p == '-') {
		neg = 1;
		p++;
	}
	for (; p < end; p++) {
		if (*p >= '0' && *p <= '9') {
			m = m * 10 + (*p - '0');
			if (++digits > 15)
				return -1;
			if (frac >= 0)
				frac++;
		} else if (*p == '.' && frac < 0) {
			frac = 0;
		} else {
			return -1;
		}
	}
	if (!digits || frac == 0)
		return -1;
	*out = (double)m / pow10[frac < 0 ? 0 : frac];
	if (neg)
		*out = -*out;
	return 0;
}

/* The characters of a JSON number. */
static const unsigned char numchar[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
	['8'] = 1, ['9'] = 1, ['-'] = 1, ['+'] = 1, ['.'] = 1, ['e'] = 1, ['E'] = 1,
};

/*
 * A number (converted when want) or null (NAN); *text and *tlen (may be NULL) receive
 * its text as written ("null" for null).
 */
static int number(struct cur *c, double *out, int want, const char **text, size_t *tlen)
{
	const char *start;

	ws(c);
	if (text) {
		*text = c->p;
		*tlen = 4;
	}
	if (c->end - c->p >= 4 && !memcmp(c->p, "null", 4)) {
		c->p += 4;
		*out = NAN;
		return 0;
	}
	start = c->p;
	while (c->p < c->end && numchar[(unsigned char)*c->p])
		c->p++;
	if (c->p == start)
		return -1;
	if (text)
		*tlen = (size_t)(c->p - start);
	if (want && fast_decimal(start, (size_t)(c->p - start), out) == 0)
		return 0;
	if (want) {
		char tmp[64];
		size_t len = (size_t)(c->p - start);
		char *e;

		if (len >= sizeof(tmp))
			return -1;
		memcpy(tmp, start, len);
		tmp[len] = '\0';
		*out = strtod(tmp, &e);
		if (*e)
			return -1;
	}
	return 0;
}

/* A whole number of at most 15 digits (n, runs): no strtod for these. */
static int count(struct cur *c, long long *out)
{
	long long v = 0;
	int digits = 0;

	ws(c);
	while (c->p < c->end && *c->p >= '0' && *c->p <= '9' && digits < 15) {
		v = v * 10 + (*c->p++ - '0');
		digits++;
	}
	if (!digits || (c->p < c->end && ((*c->p >= '0' && *c->p <= '9') || *c->p == '.' ||
					  *c->p == 'e' || *c->p == 'E')))
		return -1;
	*out = v;
	return 0;
}

int bg_summary_read(const char *text, size_t len, unsigned want,
		    int (*cb)(void *payload, const char *suite, const struct bg_summary_row *row),
		    void *payload)
{
	struct cur c = { text, text + len, NULL, 0, 0 };
	int ret = -1, rc;

	if (!eat(&c, '{'))
		goto out;
	if (eat(&c, '}')) {
		ret = 0;
		goto out;
	}
	do {
		size_t soff;

		c.used = 0;
		if (string(&c, &soff) < 0 || !eat(&c, ':') || !eat(&c, '['))
			goto out;
		if (eat(&c, ']')) {
			if ((rc = cb(payload, c.buf + soff, NULL)) != 0) {
				ret = rc;
				goto out;
			}
			continue;
		}
		do {
			struct bg_summary_row row;
			size_t off[4];

			c.used = soff + strlen(c.buf + soff) + 1;
			if (!eat(&c, '['))
				goto out;
			for (int i = 0; i < 4; i++)
				if ((i && !eat(&c, ',')) || string(&c, &off[i]) < 0)
					goto out;
			if (!eat(&c, ',') || count(&c, &row.n) < 0 || !eat(&c, ',') ||
			    count(&c, &row.runs) < 0)
				goto out;
			for (int i = 0; i < 10; i++) {
				row.v[i] = NAN;
				if (!eat(&c, ',') ||
				    number(&c, &row.v[i], (want >> i) & 1, &row.vtext[i], &row.vlen[i]) < 0)
					goto out;
			}
			if (!eat(&c, ']'))
				goto out;
			row.bench = c.buf + off[0];
			row.metric = c.buf + off[1];
			row.unit = c.buf + off[2];
			row.direction = c.buf + off[3];
			if ((rc = cb(payload, c.buf + soff, &row)) != 0) {
				ret = rc;
				goto out;
			}
		} while (eat(&c, ','));
		if (!eat(&c, ']'))
			goto out;
	} while (eat(&c, ','));
	if (!eat(&c, '}'))
		goto out;
	ret = 0;
out:
	free(c.buf);
	return ret;
}
