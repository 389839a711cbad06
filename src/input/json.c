/* benchgate's JSON parser (include/benchgate/json.h): strict, with places, one arena. */
#include <errno.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/json.h"
#include "benchgate/model.h"
#include "reader.h"

/* Arena: values and strings in large chunks, freed together. */
struct chunk {
	struct chunk *next;
	size_t size;
	/* then size bytes, 16-aligned */
};

/* Keys of large objects, to find a duplicate without comparing all pairs. */
struct keyslot {
	const char *key;     /* NULL: empty */
	uint32_t obj, len;
	uint64_t hash;
};

struct bg_json_doc {
	struct chunk *chunks;
	char *cur;
	size_t left;
	struct bg_json *stack;   /* values of the containers being parsed */
	size_t nstack, astack;
	struct keyslot *keys;
	size_t nkeys, akeys;     /* akeys: a power of two, or 0 */
	uint32_t nobj;           /* serial number of large objects */
};

struct parser {
	const char *buf, *p, *end;
	const char *line_start;   /* first byte of the current line */
	size_t adjust;            /* UTF-8 continuation bytes on this line before p */
	uint32_t line;
	unsigned depth, flags;
	int line0;
	struct bg_json_doc *d;
	struct bg_json_error *e;
};

/* Character classes in strings: 0 plain, 1 '"', 2 '\\', 3 control, 4 not ASCII. */
static const unsigned char str_class[256] = {
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3,
	0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
	4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4,
};

/* Exact powers of ten for the fast path: 10^22 is the largest a double holds exactly. */
static const double pow10_exact[23] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

#define IS_DIGIT(c) ((unsigned)((c) - '0') < 10)
#define IS_ALPHA(c) ((unsigned)(((c) | 0x20) - 'a') < 26)

/*** the arena ***/

static void *arena_alloc(struct bg_json_doc *d, size_t n)
{
	void *r;

	n = (n + 15) & ~(size_t)15;
	if (n > d->left) {
		size_t size = d->chunks ? d->chunks->size * 2 : 65536;
		struct chunk *c;

		if (size > ((size_t)16 << 20))
			size = (size_t)16 << 20;
		if (size < n)
			size = n;
		c = bg_malloc(sizeof(struct chunk) + 16 + size);
		c->next = d->chunks;
		c->size = size;
		d->chunks = c;
		d->cur = (char *)c + ((sizeof(struct chunk) + 15) & ~(size_t)15);
		d->left = size;
	}
	r = d->cur;
	d->cur += n;
	d->left -= n;
	return r;
}

/* Keep the newest (largest) chunk for the next parse; free the others. */
static void arena_reset(struct bg_json_doc *d)
{
	struct chunk *c = d->chunks;

	if (!c)
		return;
	for (struct chunk *o = c->next, *next; o; o = next) {
		next = o->next;
		free(o);
	}
	c->next = NULL;
	d->cur = (char *)c + ((sizeof(struct chunk) + 15) & ~(size_t)15);
	d->left = c->size;
}

struct bg_json_doc *bg_json_doc_new(void)
{
	return bg_calloc(1, sizeof(struct bg_json_doc));
}

void bg_json_doc_free(struct bg_json_doc *d)
{
	if (!d)
		return;
	for (struct chunk *c = d->chunks, *next; c; c = next) {
		next = c->next;
		free(c);
	}
	free(d->stack);
	free(d->keys);
	free(d);
}

static struct bg_json *push(struct parser *P)
{
	struct bg_json_doc *d = P->d;

	if (d->nstack == d->astack)
		bg_grow(&d->stack, &d->astack, d->nstack + 1, sizeof(*d->stack));
	return &d->stack[d->nstack++];
}

/*** errors ***/

/*
 * Line and column of the byte before tend, as jansson counts: a newline ends its
 * line (column 0, which readers print as 1), a UTF-8 sequence is one column.
 */
static void place(const struct parser *P, const char *tend, int *line, int *col)
{
	const char *ls = P->buf, *q;
	long l = 1, c = 0;

	if (tend <= P->buf) {
		*line = P->line0 + 1;
		*col = 1;
		return;
	}
	q = tend - 1;
	for (const char *s = P->buf; s <= q;) {
		const char *nl = memchr(s, '\n', (size_t)(q + 1 - s));

		if (!nl)
			break;
		l++;
		ls = nl + 1;
		s = nl + 1;
	}
	for (const char *s = ls; s <= q; s++)
		c += ((unsigned char)*s & 0xC0) != 0x80;
	if (ls == q + 1) {   /* q is a newline: jansson's column 0 */
		c = 0;
	}
	*line = P->line0 + (int)l;
	*col = c > 0 ? (int)c : 1;
}

/*
 * Set the error: fmt, then the token [tok, tend) as context: "near 'TOKEN'" (up to
 * 20 bytes; cut at a NUL, as jansson's C strings are), "near end of file" when
 * empty. The place is the token's last byte (tend - 1). ctx 0: no context at all.
 */
__attribute__((format(printf, 6, 7)))
static int fail(struct parser *P, int code, const char *tok, const char *tend, int ctx,
		const char *fmt, ...)
{
	struct bg_json_error *e = P->e;
	char msg[120];
	size_t n;
	va_list ap;

	if (!e || e->code)
		return -1;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	e->code = code;
	place(P, tend, &e->line, &e->col);
	n = tok ? (size_t)(tend - tok) : 0;
	if (tok && memchr(tok, '\0', n))
		n = (size_t)((const char *)memchr(tok, '\0', n) - tok);
	if (!ctx || n > 20)
		snprintf(e->text, sizeof(e->text), "%s", msg);
	else if (n == 0)
		snprintf(e->text, sizeof(e->text), "%s near end of file", msg);
	else
		snprintf(e->text, sizeof(e->text), "%s near '%.*s'", msg, (int)n, tok);
	return -1;
}

/*** lexing ***/

static inline void skip_ws(struct parser *P)
{
	const char *p = P->p, *end = P->end;

	while (p < end) {
		char c = *p;

		if (c == ' ' || c == '\t' || c == '\r') {
			p++;
		} else if (c == '\n') {
			p++;
			P->line++;
			P->line_start = p;
			P->adjust = 0;
		} else {
			break;
		}
	}
	P->p = p;
}

/* Length of the valid UTF-8 sequence at s (bytes before end), or 0 when invalid. */
static size_t utf8_len(const unsigned char *s, const unsigned char *end)
{
	unsigned c = s[0];
	size_t n;
	uint32_t cp;

	if (c < 0x80)
		return 1;
	if (c < 0xC2)
		return 0;           /* continuation byte, or overlong 2-byte form */
	if (c < 0xE0) {
		n = 2;
		cp = c & 0x1F;
	} else if (c < 0xF0) {
		n = 3;
		cp = c & 0x0F;
	} else if (c < 0xF5) {
		n = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if ((size_t)(end - s) < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

/*
 * jansson reads one character past a number or a bare word, and says so when that
 * character is not UTF-8: the same error here, with the token so far as context.
 */
static int bad_after(struct parser *P, const char *q, const char *s)
{
	if (s < P->end && (unsigned char)*s >= 0x80 &&
	    !utf8_len((const unsigned char *)s, (const unsigned char *)P->end))
		return fail(P, BG_JSON_ESYNTAX, q, s, 1, "unable to decode byte 0x%x",
			    (unsigned char)*s);
	return 0;
}

static int hexval(unsigned char c)
{
	if (IS_DIGIT(c))
		return c - '0';
	if ((unsigned)((c | 0x20) - 'a') < 6)
		return (c | 0x20) - 'a' + 10;
	return -1;
}

static uint32_t hex4(const char *s)
{
	return (uint32_t)(hexval((unsigned char)s[0]) << 12 | hexval((unsigned char)s[1]) << 8 |
			  hexval((unsigned char)s[2]) << 4 | hexval((unsigned char)s[3]));
}

static size_t utf8_put(char *u, uint32_t cp)
{
	if (cp < 0x80) {
		u[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		u[0] = (char)(0xC0 | cp >> 6);
		u[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		u[0] = (char)(0xE0 | cp >> 12);
		u[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	u[0] = (char)(0xF0 | cp >> 18);
	u[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	u[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	u[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/*
 * The string at P->p (its '"'): checked, and when out is not NULL, decoded into the
 * arena (*out, *outlen). Leaves P->p past the closing quote. The bytes of the line
 * that are UTF-8 continuations are counted for columns.
 */
static int scan_string(struct parser *P, const char **out, uint32_t *outlen)
{
	const char *q = P->p, *s = q + 1, *end = P->end;
	int escapes = 0;
	char *t, *t0;

	for (;;) {
		unsigned char c;

		/* The plain run: most strings are nothing else. */
		while (s + 4 <= end && !str_class[(unsigned char)s[0]] &&
		       !str_class[(unsigned char)s[1]] && !str_class[(unsigned char)s[2]] &&
		       !str_class[(unsigned char)s[3]])
			s += 4;
		while (s < end && !str_class[(unsigned char)*s])
			s++;
		if (s >= end)
			return fail(P, BG_JSON_ESYNTAX, q, end, 1, "premature end of input");
		c = (unsigned char)*s;
		switch (str_class[c]) {
		case 1:
			goto closed;
		case 2:
			escapes = 1;
			if (s + 1 >= end)
				return fail(P, BG_JSON_ESYNTAX, q, end, 1, "invalid escape");
			if (s[1] == 'u') {
				for (int i = 2; i < 6; i++)
					if (s + i >= end || hexval((unsigned char)s[i]) < 0)
						return bad_after(P, q, s + i) < 0 ? -1 :
						       fail(P, BG_JSON_ESYNTAX, q,
							    s + i < end ? s + i + 1 : end, 1,
							    "invalid escape");
				s += 6;
			} else if (strchr("\"\\/bfnrt", s[1]) && s[1]) {
				s += 2;
			} else {
				if (bad_after(P, q, s + 1) < 0)
					return -1;
				return fail(P, BG_JSON_ESYNTAX, q, s + 2, 1, "invalid escape");
			}
			break;
		case 3:
			if (c == '\n')
				return fail(P, BG_JSON_ESYNTAX, q, s, 1, "unexpected newline");
			return fail(P, BG_JSON_ESYNTAX, q, s, 1, "control character 0x%x", c);
		default: {
			size_t n = utf8_len((const unsigned char *)s, (const unsigned char *)end);

			if (!n)
				return fail(P, BG_JSON_ESYNTAX, q, s, 1,
					    "unable to decode byte 0x%x", c);
			P->adjust += n - 1;
			s += n;
		}
		}
	}
closed:
	P->p = s + 1;
	/* Without out (a token for an error message), decoded still: its escapes may be wrong. */
	if (!out && !escapes)
		return 0;
	t = t0 = arena_alloc(P->d, (size_t)(s - q));
	if (!escapes) {
		memcpy(t, q + 1, (size_t)(s - q - 1));
		t += s - q - 1;
	} else {
		for (const char *r = q + 1; r < s;) {
			if (*r != '\\') {
				*t++ = *r++;
				continue;
			}
			switch (r[1]) {
			case 'b': *t++ = '\b'; break;
			case 'f': *t++ = '\f'; break;
			case 'n': *t++ = '\n'; break;
			case 'r': *t++ = '\r'; break;
			case 't': *t++ = '\t'; break;
			case 'u': {
				uint32_t cp = hex4(r + 2), lo;

				if (cp >= 0xD800 && cp <= 0xDBFF) {
					if (r[6] != '\\' || r[7] != 'u')
						return fail(P, BG_JSON_ESYNTAX, q, s + 1, 1,
							    "invalid Unicode '\\u%04X'", cp);
					lo = hex4(r + 8);
					if (lo < 0xDC00 || lo > 0xDFFF)
						return fail(P, BG_JSON_ESYNTAX, q, s + 1, 1,
							    "invalid Unicode '\\u%04X\\u%04X'", cp, lo);
					cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
					r += 6;
				} else if (cp >= 0xDC00 && cp <= 0xDFFF) {
					return fail(P, BG_JSON_ESYNTAX, q, s + 1, 1,
						    "invalid Unicode '\\u%04X'", cp);
				}
				if (cp == 0)
					return fail(P, BG_JSON_ESYNTAX, q, s + 1, 1,
						    "\\u0000 is not allowed in a string");
				t += utf8_put(t, cp);
				r += 6;
				continue;
			}
			default: *t++ = r[1]; break;   /* '"', '\\', '/' */
			}
			r += 2;
		}
	}
	*t = '\0';
	if (out) {
		*out = t0;
		*outlen = (uint32_t)(t - t0);
	}
	return 0;
}

/*
 * Eisel-Lemire: w * 10^q for 19 digits or fewer, from 128-bit approximations of the
 * powers of ten, for what Clinger's fast path cannot take (16 to 19 digits, larger
 * exponents). It gives the correctly rounded double or says it cannot tell (near a
 * halfway point, subnormal, out of range), and then strtod decides.
 *
 * The table is computed once, exactly, with big integers: for q >= 0 the top 128 bits
 * of 10^q; for q < 0 the top 128 bits of floor(2^M / 10^-q); both rounded down.
 * pow_e2[q] is floor(log2(10^q)).
 */
#define POW_MIN (-342)
#define POW_MAX 308
#define BIG_LIMBS 48   /* 32-bit limbs: 1536 bits, above 10^308 and 2^1400 */

static uint64_t pow_hi[POW_MAX - POW_MIN + 1], pow_lo[POW_MAX - POW_MIN + 1];
static int pow_e2[POW_MAX - POW_MIN + 1];
/* filled once, by the first thread to need it (readers may run on two threads) */
static pthread_once_t pow_once = PTHREAD_ONCE_INIT;

static int big_bitlen(const uint32_t *x)
{
	for (int i = BIG_LIMBS - 1; i >= 0; i--)
		if (x[i])
			return i * 32 + 32 - __builtin_clz(x[i]);
	return 0;
}

/* Bits [pos, pos + 64) of x; bits below 0 are zero. */
static uint64_t big_bits64(const uint32_t *x, int pos)
{
	uint64_t r = 0;

	for (int b = 63; b >= 0; b--) {
		int at = pos + b;

		r <<= 1;
		if (at >= 0 && at < BIG_LIMBS * 32)
			r |= (x[at / 32] >> (at % 32)) & 1;
	}
	return r;
}

static void pow_entry(const uint32_t *x, int q, int shift)
{
	int len = big_bitlen(x), i = q - POW_MIN;

	pow_hi[i] = big_bits64(x, len - 64);
	pow_lo[i] = big_bits64(x, len - 128);
	pow_e2[i] = len - 1 - shift;   /* x = 10^q * 2^shift */
}

static void pow_init(void)
{
	uint32_t x[BIG_LIMBS] = { 1 };
	const int m = 1400;

	/* 10^q, q = 0, 1, ... */
	for (int q = 0; q <= POW_MAX; q++) {
		uint64_t carry = 0;

		pow_entry(x, q, 0);
		for (int i = 0; i < BIG_LIMBS; i++) {
			uint64_t t = (uint64_t)x[i] * 10 + carry;

			x[i] = (uint32_t)t;
			carry = t >> 32;
		}
	}
	/* floor(2^m / 10^n), n = 1, 2, ...: dividing by 10 again each time is exact. */
	memset(x, 0, sizeof(x));
	x[m / 32] = 1u << (m % 32);
	for (int n = 1; n <= -POW_MIN; n++) {
		uint64_t rem = 0;

		for (int i = BIG_LIMBS - 1; i >= 0; i--) {
			uint64_t t = rem << 32 | x[i];

			x[i] = (uint32_t)(t / 10);
			rem = t % 10;
		}
		pow_entry(x, -n, m);
	}
}

/* w * 10^q into *out and 0, or -1 when strtod must decide. w != 0. */
static int eisel_lemire(uint64_t w, long q, double *out)
{
	unsigned __int128 x, y;
	uint64_t hi, lo, mant, msb, bits;
	int clz, i;
	long e2;

	if (q < POW_MIN || q > POW_MAX)
		return -1;
	pthread_once(&pow_once, pow_init);
	i = (int)(q - POW_MIN);
	clz = __builtin_clzll(w);
	w <<= clz;
	x = (unsigned __int128)w * pow_hi[i];
	hi = (uint64_t)(x >> 64);
	lo = (uint64_t)x;
	/* The low bits of hi all ones: the truncated table may matter; widen. */
	if ((hi & 0x1FF) == 0x1FF && lo + w < lo) {
		uint64_t yhi, ylo, mlo;

		y = (unsigned __int128)w * pow_lo[i];
		yhi = (uint64_t)(y >> 64);
		ylo = (uint64_t)y;
		mlo = lo + yhi;
		if (mlo < lo)
			hi++;
		if ((hi & 0x1FF) == 0x1FF && mlo + 1 == 0 && ylo + w < w)
			return -1;
		lo = mlo;
	}
	msb = hi >> 63;
	mant = hi >> (msb + 9);
	/* w * 10^q = 1.f * 2^e: e2 is the biased exponent. */
	e2 = (long)pow_e2[i] + 1023 + 63 - clz + (long)msb;
	if (lo == 0 && (hi & 0x1FF) == 0 && (mant & 3) == 1)
		return -1;   /* maybe exactly halfway: ties need the exact value */
	mant += mant & 1;
	mant >>= 1;
	if (mant >> 53) {
		mant >>= 1;
		e2++;
	}
	if (e2 <= 0 || e2 >= 0x7FF)
		return -1;   /* subnormal, or beyond the range: strtod says which */
	bits = (uint64_t)e2 << 52 | (mant & 0x000FFFFFFFFFFFFFull);
	memcpy(out, &bits, sizeof(*out));
	return 0;
}

static locale_t loc;
static pthread_once_t loc_once = PTHREAD_ONCE_INIT;

static void loc_init(void)
{
	loc = newlocale(LC_ALL_MASK, "C", (locale_t)0);
}

static locale_t c_locale(void)
{
	pthread_once(&loc_once, loc_init);
	return loc;
}

/* A malformed number ends at s: -2, and the caller says what it expected there. */
static int invalid_number(struct parser *P, const char *s)
{
	P->p = s;
	return -2;
}

/*
 * The number at P->p into v (type, value); P->p past it. -1 with the error set
 * (overflow), -2 for a malformed number, ending at P->p (no error set: jansson's
 * lexer leaves the message to the parser, "invalid token" or what it expected).
 */
static int scan_number(struct parser *P, struct bg_json *v)
{
	const char *q = P->p, *s = q, *end = P->end;
	uint64_t m = 0;
	int nd = 0, exact = 1, neg = 0, real = 0;
	long exp10 = 0;

	if (*s == '-') {
		neg = 1;
		s++;
	}
	if (s >= end || !IS_DIGIT(*s))
		return bad_after(P, q, s) < 0 ? -1 : invalid_number(P, s);
	if (*s == '0') {
		s++;
		if (s < end && IS_DIGIT(*s))
			return bad_after(P, q, s) < 0 ? -1 : invalid_number(P, s);
	} else {
		for (; s < end && IS_DIGIT(*s); s++) {
			if (nd < 19) {
				m = m * 10 + (uint64_t)(*s - '0');
				nd++;
			} else {
				exp10++;
				exact = 0;
			}
		}
	}
	if (s < end && *s == '.') {
		real = 1;
		s++;
		if (s >= end || !IS_DIGIT(*s))
			return bad_after(P, q, s) < 0 ? -1 : invalid_number(P, s);
		for (; s < end && IS_DIGIT(*s); s++) {
			if (nd < 19) {
				if (m || *s != '0')
					nd++;
				m = m * 10 + (uint64_t)(*s - '0');
				exp10--;
			} else if (*s != '0') {
				exact = 0;
			}
		}
	}
	if (s < end && (*s == 'e' || *s == 'E')) {
		long e = 0;
		int eneg = 0;

		real = 1;
		s++;
		if (s < end && (*s == '+' || *s == '-'))
			eneg = *s++ == '-';
		if (s >= end || !IS_DIGIT(*s))
			return bad_after(P, q, s) < 0 ? -1 : invalid_number(P, s);
		for (; s < end && IS_DIGIT(*s); s++)
			if (e < 100000)
				e = e * 10 + (*s - '0');
		exp10 += eneg ? -e : e;
	}
	if (s < end && (unsigned char)*s >= 0x80 && bad_after(P, q, s) < 0)
		return -1;
	P->p = s;
	v->type = BG_JSON_NUMBER;
	v->integer = 0;
	if (!real && exact && (neg ? m <= (uint64_t)INT64_MAX + 1 : m <= (uint64_t)INT64_MAX)) {
		v->integer = 1;
		v->u.i = neg ? (int64_t)(0 - m) : (int64_t)m;
		return 0;
	}
	{
		int overflow;

		v->u.d = bg_decimal_double(m, exp10, neg, exact, q, (size_t)(s - q), &overflow);
		if (overflow)
			return fail(P, BG_JSON_ESYNTAX, q, s, 1, "real number overflow");
	}
	return 0;
}

int bg_decimal_parse(double *out, const char *s, size_t n)
{
	const char *p = s, *e = s + n;
	uint64_t m = 0;
	long exp10 = 0;
	int digits = 0, neg = 0, any = 0, exact = 1, overflow;

	if (p < e && (*p == '-' || *p == '+'))
		neg = *p++ == '-';
	for (; p < e && IS_DIGIT(*p); p++, any = 1) {
		if (digits < 19) {
			m = m * 10 + (uint64_t)(*p - '0');
			digits += m != 0;
		} else {
			exp10++;
			exact &= *p == '0';
		}
	}
	if (p < e && *p == '.') {
		for (p++; p < e && IS_DIGIT(*p); p++, any = 1) {
			if (digits < 19) {
				m = m * 10 + (uint64_t)(*p - '0');
				digits += m != 0;
				exp10--;
			} else {
				exact &= *p == '0';
			}
		}
	}
	if (!any)
		return -1;
	if (p < e && (*p == 'e' || *p == 'E')) {
		long ev = 0;
		int eneg = 0, edig = 0;

		p++;
		if (p < e && (*p == '-' || *p == '+'))
			eneg = *p++ == '-';
		for (; p < e && IS_DIGIT(*p); p++, edig++)
			if (ev < 100000)
				ev = ev * 10 + (*p - '0');
		if (!edig)
			return -1;
		exp10 += eneg ? -ev : ev;
	}
	if (p != e)
		return -1;
	*out = bg_decimal_double(m, exp10, neg, exact, s, n, &overflow);
	return 0;
}

double bg_decimal_double(uint64_t m, long exp10, int neg, int exact, const char *text,
			 size_t n, int *overflow)
{
	char small[64], *copy = small;
	double d;

	*overflow = 0;
	/* Clinger: m <= 2^53 and 10^|e| <= 10^22 are exact; one rounding gives the nearest. */
	if (exact && m <= (UINT64_C(1) << 53) && exp10 >= -22 && exp10 <= 22) {
		d = (double)m;
		d = exp10 < 0 ? d / pow10_exact[-exp10] : d * pow10_exact[exp10];
		return neg ? -d : d;
	}
	if (exact && m == 0)
		return neg ? -0.0 : 0.0;
	if (exact && !eisel_lemire(m, exp10, &d))
		return neg ? -d : d;
	/* What the fast paths cannot decide: strtod, in the "C" locale whatever the program's. */
	if (n >= sizeof(small))
		copy = bg_malloc(n + 1);
	memcpy(copy, text, n);
	copy[n] = '\0';
	errno = 0;
	d = strtod_l(copy, NULL, c_locale());
	if (copy != small)
		free(copy);
	*overflow = errno == ERANGE && isinf(d);
	return d;
}

/*
 * Past the token at P->p for an error's context: sets *tend; -1 when the token is
 * itself wrong (then its own error is set, as jansson reports that one first).
 */
static int token_end(struct parser *P, const char **tend)
{
	const char *q = P->p;
	struct bg_json tmp;

	if (q >= P->end) {
		*tend = P->end;
		return 0;
	}
	if (*q == '"') {
		if (scan_string(P, NULL, NULL) < 0)
			return -1;
	} else if (*q == '-' || IS_DIGIT(*q)) {
		int r = scan_number(P, &tmp);

		if (r == -1)
			return -1;
	} else if (IS_ALPHA(*q)) {
		const char *s = q;

		while (s < P->end && IS_ALPHA(*s))
			s++;
		if (bad_after(P, q, s) < 0)
			return -1;
		P->p = s;
	} else if ((unsigned char)*q >= 0x80) {
		size_t n = utf8_len((const unsigned char *)q, (const unsigned char *)P->end);

		if (!n)
			return fail(P, BG_JSON_ESYNTAX, NULL, q, 0, "unable to decode byte 0x%x",
				    (unsigned char)*q);
		P->p = q + n;
	} else {
		P->p = q + 1;
	}
	*tend = P->p;
	P->p = q;
	return 0;
}

/* The error "MSG near 'TOKEN'" for the token at P->p, or that token's own error. */
static int fail_token(struct parser *P, int code, const char *msg)
{
	const char *q = P->p, *tend;

	if (token_end(P, &tend) < 0)
		return -1;
	return fail(P, code, q, tend, 1, "%s", msg);
}

/*** parsing ***/

static int parse_value(struct parser *P);

static inline void start(const struct parser *P, struct bg_json *v)
{
	v->line = P->line;
	v->col = (uint32_t)((size_t)(P->p - P->line_start) - P->adjust + 1);
}

/* Insert key (n bytes) of large object obj in the hash table; 1 when it is there already. */
static int key_seen(struct bg_json_doc *d, const char *key, uint32_t n, uint32_t obj)
{
	uint64_t h = 1469598103934665603ull;

	for (uint32_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)key[i]) * 1099511628211ull;
	h ^= obj * 0x9E3779B97F4A7C15ull;
	if ((d->nkeys + 1) * 2 > d->akeys) {
		size_t na = d->akeys ? d->akeys * 2 : 1024;
		struct keyslot *nk = bg_calloc(na, sizeof(*nk));

		for (size_t i = 0; i < d->akeys; i++) {
			size_t j;

			if (!d->keys[i].key)
				continue;
			for (j = d->keys[i].hash & (na - 1); nk[j].key; j = (j + 1) & (na - 1))
				;
			nk[j] = d->keys[i];
		}
		free(d->keys);
		d->keys = nk;
		d->akeys = na;
	}
	for (size_t j = h & (d->akeys - 1);; j = (j + 1) & (d->akeys - 1)) {
		struct keyslot *s = &d->keys[j];

		if (!s->key) {
			s->key = key;
			s->len = n;
			s->obj = obj;
			s->hash = h;
			d->nkeys++;
			return 0;
		}
		if (s->hash == h && s->obj == obj && s->len == n && !memcmp(s->key, key, n))
			return 1;
	}
}

/*
 * Whether the key at stack[at] repeats one of its object's earlier keys (stack[base],
 * stack[base + 2], ...): compared one by one up to 16 keys, then through the hash
 * table, where the object is number *obj.
 */
static int duplicate_key(struct bg_json_doc *d, size_t base, size_t at, uint32_t *obj)
{
	const struct bg_json *k = &d->stack[at];
	size_t nkeys = (at - base) / 2;

	if (nkeys < 16) {
		for (size_t i = base; i < at; i += 2)
			if (d->stack[i].n == k->n && !memcmp(d->stack[i].u.str, k->u.str, k->n))
				return 1;
		return 0;
	}
	if (nkeys == 16) {
		*obj = ++d->nobj;
		for (size_t i = base; i < at; i += 2)
			key_seen(d, d->stack[i].u.str, d->stack[i].n, *obj);
	}
	return key_seen(d, k->u.str, k->n, *obj);
}

/*
 * Close an object or an array: its nvals values (keys and values for an object) are
 * on the stack from base; they move into the arena and the container replaces them.
 * count is what bg_json_size / bg_json_members give.
 */
static void finish_container(struct parser *P, struct bg_json *v, uint8_t type, size_t base,
			     size_t nvals, size_t count)
{
	struct bg_json_doc *d = P->d;

	v->type = type;
	v->integer = 0;
	v->reserved = 0;
	v->n = (uint32_t)count;
	if (nvals) {
		struct bg_json *kids = arena_alloc(d, nvals * sizeof(*kids));

		memcpy(kids, d->stack + base, nvals * sizeof(*kids));
		v->u.kids = kids;
	} else {
		v->u.kids = NULL;
	}
	d->nstack = base;
	*push(P) = *v;
}

/*
 * A member of an object or an array, and what follows it: 1 after a ',' (another
 * member comes), 0 after close (consumed), -1 with the error set.
 */
static int member(struct parser *P, char close, const char *expected)
{
	if (parse_value(P) < 0)
		return -1;
	skip_ws(P);
	if (P->p < P->end && *P->p == ',') {
		P->p++;
		skip_ws(P);
		return 1;
	}
	if (P->p < P->end && *P->p == close) {
		P->p++;
		return 0;
	}
	return fail_token(P, BG_JSON_ESYNTAX, expected);
}

static int parse_object(struct parser *P)
{
	struct bg_json_doc *d = P->d;
	size_t base = d->nstack, n;
	struct bg_json v;
	uint32_t obj = 0;
	int more;

	start(P, &v);
	P->p++;
	skip_ws(P);
	if (P->p < P->end && *P->p == '}') {
		P->p++;
		n = 0;
		goto done;
	}
	for (;;) {
		struct bg_json *k;
		const char *kq = P->p;

		if (P->p >= P->end || *P->p != '"')
			return fail_token(P, BG_JSON_ESYNTAX, "string or '}' expected");
		k = push(P);
		start(P, k);
		k->type = BG_JSON_STRING;
		k->integer = 0;
		if (scan_string(P, &k->u.str, &k->n) < 0)
			return -1;
		if (duplicate_key(d, base, d->nstack - 1, &obj))
			return fail(P, BG_JSON_ESYNTAX, kq, P->p, 1, "duplicate object key");
		skip_ws(P);
		if (P->p >= P->end || *P->p != ':')
			return fail_token(P, BG_JSON_ESYNTAX, "':' expected");
		P->p++;
		skip_ws(P);
		if ((more = member(P, '}', "'}' expected")) < 0)
			return -1;
		if (!more)
			break;
	}
	n = d->nstack - base;
done:
	finish_container(P, &v, BG_JSON_OBJECT, base, n, n / 2);
	return 0;
}

static int parse_array(struct parser *P)
{
	struct bg_json_doc *d = P->d;
	size_t base = d->nstack, n;
	struct bg_json v;
	int more;

	start(P, &v);
	P->p++;
	skip_ws(P);
	if (P->p < P->end && *P->p == ']') {
		P->p++;
	} else {
		for (;;) {
			/* At the end, jansson's array loop stops before asking for a value. */
			if (P->p >= P->end)
				return fail(P, BG_JSON_ESYNTAX, P->end, P->end, 1, "']' expected");
			if ((more = member(P, ']', "']' expected")) < 0)
				return -1;
			if (!more)
				break;
		}
	}
	n = d->nstack - base;
	finish_container(P, &v, BG_JSON_ARRAY, base, n, n);
	return 0;
}

/* The value at P->p (white space skipped), pushed on the stack. */
static int parse_value(struct parser *P)
{
	const char *q = P->p;
	struct bg_json *v;
	int ret;

	/* As in jansson, a value of any kind below BG_JSON_MAX_DEPTH containers. */
	if (P->depth >= BG_JSON_MAX_DEPTH)
		return fail_token(P, BG_JSON_ESYNTAX, "maximum parsing depth reached");
	if (q >= P->end)
		return fail(P, BG_JSON_ESYNTAX, q, q, 1, "unexpected token");
	switch (*q) {
	case '"': {
		v = push(P);
		start(P, v);
		v->type = BG_JSON_STRING;
		v->integer = 0;
		v->reserved = 0;
		return scan_string(P, &v->u.str, &v->n);
	}
	case '-': case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		v = push(P);
		start(P, v);
		v->reserved = 0;
		v->n = 0;
		ret = scan_number(P, v);
		if (ret == -2)
			return fail(P, BG_JSON_ESYNTAX, q, P->p, 1, "invalid token");
		return ret;
	case '{':
	case '[':
		P->depth++;
		ret = *q == '{' ? parse_object(P) : parse_array(P);
		P->depth--;
		return ret;
	case '}': case ']': case ':': case ',':
		return fail(P, BG_JSON_ESYNTAX, q, q + 1, 1, "unexpected token");
	default:
		break;
	}
	if (IS_ALPHA(*q)) {
		const char *s = q;
		size_t n;
		int type = -1;

		while (s < P->end && IS_ALPHA(*s))
			s++;
		if (bad_after(P, q, s) < 0)
			return -1;
		n = (size_t)(s - q);
		if (n == 4 && !memcmp(q, "true", 4))
			type = BG_JSON_TRUE;
		else if (n == 5 && !memcmp(q, "false", 5))
			type = BG_JSON_FALSE;
		else if (n == 4 && !memcmp(q, "null", 4))
			type = BG_JSON_NULL;
		if (type < 0)
			return fail(P, BG_JSON_ESYNTAX, q, s, 1, "invalid token");
		v = push(P);
		start(P, v);
		v->type = (uint8_t)type;
		v->integer = 0;
		v->reserved = 0;
		v->n = 0;
		v->u.i = 0;
		P->p = s;
		return 0;
	}
	{
		const char *tend;

		if (token_end(P, &tend) < 0)
			return -1;
		return fail(P, BG_JSON_ESYNTAX, q, tend, 1, "invalid token");
	}
}

const struct bg_json *bg_json_parse(struct bg_json_doc *d, const char *buf, size_t len,
				    int line0, unsigned flags, struct bg_json_error *e)
{
	struct bg_json_error scratch;
	struct parser P = { buf, buf, buf + len, buf, 0, (uint32_t)line0 + 1, 0, flags,
			    line0, d, e ? e : &scratch };

	memset(P.e, 0, sizeof(*P.e));
	arena_reset(d);
	d->nstack = 0;
	if (d->nkeys)
		memset(d->keys, 0, d->akeys * sizeof(*d->keys));
	d->nkeys = 0;
	d->nobj = 0;
	if (len >= UINT32_MAX) {
		P.e->code = BG_JSON_ETOOBIG;
		P.e->line = line0 + 1;
		P.e->col = 1;
		snprintf(P.e->text, sizeof(P.e->text), "a JSON text of 4 GiB or more is not supported");
		return NULL;
	}
	skip_ws(&P);
	if (!(flags & BG_JSON_ANY) && (P.p >= P.end || (*P.p != '{' && *P.p != '['))) {
		fail_token(&P, BG_JSON_ESYNTAX, "'[' or '{' expected");
		return NULL;
	}
	if (parse_value(&P) < 0)
		return NULL;
	if (!(flags & BG_JSON_FIRST)) {
		skip_ws(&P);
		if (P.p < P.end) {
			fail_token(&P, BG_JSON_ETRAILING, "end of file expected");
			return NULL;
		}
	}
	{
		struct bg_json *root = arena_alloc(d, sizeof(*root));

		*root = d->stack[0];
		d->nstack = 0;
		return root;
	}
}

const struct bg_json *bg_json_get(const struct bg_json *obj, const char *key)
{
	size_t n;

	if (!bg_json_is_object(obj))
		return NULL;
	n = strlen(key);
	for (uint32_t i = 0; i < obj->n; i++) {
		const struct bg_json *k = &obj->u.kids[2 * i];

		if (k->n == n && !memcmp(k->u.str, key, n))
			return k + 1;
	}
	return NULL;
}

json_t *bg_json_to_jansson(const struct bg_json *v)
{
	json_t *r = NULL;

	switch (bg_json_type(v)) {
	case BG_JSON_NULL: return json_null();
	case BG_JSON_TRUE: return json_true();
	case BG_JSON_FALSE: return json_false();
	case BG_JSON_NUMBER:
		return v->integer ? json_integer((json_int_t)v->u.i) : json_real(v->u.d);
	case BG_JSON_STRING: return json_stringn(v->u.str, v->n);
	case BG_JSON_ARRAY:
		r = json_array();
		for (uint32_t i = 0; i < v->n; i++)
			json_array_append_new(r, bg_json_to_jansson(&v->u.kids[i]));
		return r;
	case BG_JSON_OBJECT:
		r = json_object();
		for (uint32_t i = 0; i < v->n; i++)
			json_object_set_new(r, v->u.kids[2 * i].u.str,
					    bg_json_to_jansson(&v->u.kids[2 * i + 1]));
		return r;
	default:
		return NULL;
	}
}

int bg_json_error_at(struct bg_error *err, const char *file, const struct bg_json *v,
		     const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = bg_error_vat(err, BG_EXIT_INPUT, file, v ? (int)v->line : 1, v ? (int)v->col : 1, fmt, ap);
	va_end(ap);
	return ret;
}

int bg_json_parse_error(struct bg_error *err, const char *file, const struct bg_json_error *e)
{
	return bg_error_at(err, BG_EXIT_INPUT, file, e->line, e->col > 0 ? e->col : 1, "%s",
			   e->text);
}

int bg_json_bad_sample(struct bg_error *err, const char *file, const struct bg_json *v,
		       const char *what)
{
	if (bg_json_is_string(v))
		return bg_json_error_at(err, file, v, "%s is a string, not a number", what);
	if (bg_json_is_null(v))
		return bg_json_error_at(err, file, v, "%s is null, not a number", what);
	if (!bg_json_is_number(v))
		return bg_json_error_at(err, file, v, "%s is not a number", what);
	if (isfinite(bg_json_num(v)))
		return bg_json_error_at(err, file, v, "%s is negative (%g)", what, bg_json_num(v));
	return bg_json_error_at(err, file, v, "%s is not a finite number", what);
}
