/*
 * Find the line and column of a value in JSON text, for error messages, by reading
 * the text again along a path: for what is still parsed with jansson (the config in
 * src/config/config.c, budgets in src/gate/budget.c). The readers, all on src/input/json.c, need
 * none of this: every value there carries its place.
 */
#include <stdlib.h>
#include <string.h>

#include "benchgate/input.h"

struct scan {
	const char *p, *end;
};

static void skip_ws(struct scan *s)
{
	while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
		s->p++;
}

/* Past a string starting at the opening quote; returns the start of its content. */
static const char *skip_string(struct scan *s)
{
	const char *start = ++s->p;

	while (s->p < s->end && *s->p != '"') {
		if (*s->p == '\\' && s->p + 1 < s->end)
			s->p++;
		s->p++;
	}
	if (s->p < s->end)
		s->p++;
	return start;
}

/* Past one value of any kind, without recursion (depth counted). */
static void skip_value(struct scan *s)
{
	long depth = 0;

	skip_ws(s);
	do {
		if (s->p >= s->end)
			return;
		switch (*s->p) {
		case '"':
			skip_string(s);
			break;
		case '{':
		case '[':
			depth++;
			s->p++;
			break;
		case '}':
		case ']':
			depth--;
			s->p++;
			break;
		default:
			if (depth == 0) {
				while (s->p < s->end && !strchr(",}] \t\r\n", *s->p))
					s->p++;
				return;
			}
			s->p++;
		}
	} while (depth > 0);
}

static int hex4(const char *p, const char *end, unsigned long *out)
{
	*out = 0;
	if (end - p < 4)
		return -1;
	for (int i = 0; i < 4; i++) {
		int c = (unsigned char)p[i];

		if (c >= '0' && c <= '9')
			c -= '0';
		else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
			c = (c | 0x20) - 'a' + 10;
		else
			return -1;
		*out = *out << 4 | (unsigned long)c;
	}
	return 0;
}

/* UTF-8 for code point cp into u; returns the number of bytes. */
static int utf8_put(unsigned char *u, unsigned long cp)
{
	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		u[0] = (unsigned char)(0xC0 | cp >> 6);
		u[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		u[0] = (unsigned char)(0xE0 | cp >> 12);
		u[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		u[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	u[0] = (unsigned char)(0xF0 | cp >> 18);
	u[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
	u[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
	u[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/*
 * Whether the raw text of a key, escapes and all (k, len), decodes to key: a key
 * written "t\\u0070s" or "lat\\u00eancia" (Python's json.dumps) is found by its value.
 */
static int key_equal(const char *k, size_t len, const char *key)
{
	/* Pairs: the letter after a backslash, the byte it stands for. */
	static const char simple[] = "b\bf\fn\nr\rt\t\"\"\\\\//";
	const char *p = k, *end = k + len, *e;
	const unsigned char *want = (const unsigned char *)key;

	while (p < end) {
		unsigned char u[4];
		unsigned long cp, lo;
		int n = 1;

		if (*p != '\\') {
			u[0] = (unsigned char)*p++;
		} else if (p + 1 < end && p[1] == 'u' && !hex4(p + 2, end, &cp)) {
			p += 6;
			if (cp >= 0xD800 && cp < 0xDC00 && end - p >= 6 && p[0] == '\\' &&
			    p[1] == 'u' && !hex4(p + 2, end, &lo) && lo >= 0xDC00 && lo < 0xE000) {
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
				p += 6;
			}
			n = utf8_put(u, cp);
		} else if (p + 1 < end && p[1] && (e = strchr(simple, p[1])) && (e - simple) % 2 == 0) {
			u[0] = (unsigned char)e[1];
			p += 2;
		} else {
			return 0;
		}
		for (int i = 0; i < n; i++)
			if (!*want || *want++ != u[i])
				return 0;
	}
	return *want == '\0';
}

/* Into the value of key in the object at s; *key_at gets where the key starts. */
static int find_key(struct scan *s, const char *key, const char **key_at)
{
	skip_ws(s);
	if (s->p >= s->end || *s->p != '{')
		return -1;
	s->p++;
	for (;;) {
		const char *k;
		size_t len;

		skip_ws(s);
		if (s->p >= s->end || *s->p != '"')
			return -1;
		k = skip_string(s);
		len = (size_t)(s->p - 1 - k);
		skip_ws(s);
		if (s->p >= s->end || *s->p != ':')
			return -1;
		s->p++;
		skip_ws(s);
		if (key_equal(k, len, key)) {
			*key_at = k - 1;
			return 0;
		}
		skip_value(s);
		skip_ws(s);
		if (s->p >= s->end || *s->p != ',')
			return -1;
		s->p++;
	}
}

static int find_index(struct scan *s, unsigned long idx)
{
	skip_ws(s);
	if (s->p >= s->end || *s->p != '[')
		return -1;
	s->p++;
	for (unsigned long i = 0; i < idx; i++) {
		skip_value(s);
		skip_ws(s);
		if (s->p >= s->end || *s->p != ',')
			return -1;
		s->p++;
	}
	skip_ws(s);
	return s->p < s->end && *s->p != ']' ? 0 : -1;
}

static int locate(const char *buf, size_t len, const char *const *path, int at_key,
		  int *line, int *col)
{
	struct scan s = { buf, buf + len };
	const char *q, *found, *key_at = NULL;
	int ret = 0;

	for (; path && *path; path++) {
		const char *seg = *path;
		const char *before = s.p;

		/* "[N]" is an index into an array; in an object it is a key like any other. */
		skip_ws(&s);
		key_at = NULL;   /* only the last segment's key counts */
		if (seg[0] == '[' && s.p < s.end && *s.p == '[')
			ret = find_index(&s, strtoul(seg + 1, NULL, 10));
		else
			ret = find_key(&s, seg, &key_at);
		if (ret < 0) {
			s.p = before;
			break;
		}
	}
	skip_ws(&s);
	found = s.p < s.end ? s.p : s.end;
	if (at_key && ret == 0 && key_at)
		found = key_at;
	*line = 1;
	*col = 1;
	for (q = buf; q < found; q++) {
		if (*q == '\n') {
			(*line)++;
			*col = 1;
		} else if (((unsigned char)*q & 0xC0) != 0x80) {
			(*col)++;
		}
	}
	return ret;
}

int bg_json_locate(const char *buf, size_t len, const char *const *path, int *line, int *col)
{
	return locate(buf, len, path, 0, line, col);
}

int bg_json_locate_key(const char *buf, size_t len, const char *const *path, int *line,
		       int *col)
{
	return locate(buf, len, path, 1, line, col);
}
