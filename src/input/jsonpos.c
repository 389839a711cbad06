/* Find the line and column of a value in JSON text, for error messages. */
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

static int find_key(struct scan *s, const char *key)
{
	size_t klen = strlen(key);

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
		if (len == klen && !memcmp(k, key, klen))
			return 0;
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

int bg_json_locate(const char *buf, size_t len, const char *const *path, int *line, int *col)
{
	struct scan s = { buf, buf + len };
	const char *q, *found;
	int ret = 0;

	for (; path && *path; path++) {
		const char *seg = *path;
		const char *before = s.p;

		if (seg[0] == '[')
			ret = find_index(&s, strtoul(seg + 1, NULL, 10));
		else
			ret = find_key(&s, seg);
		if (ret < 0) {
			s.p = before;
			break;
		}
	}
	skip_ws(&s);
	found = s.p < s.end ? s.p : s.end;
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
