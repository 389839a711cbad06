/* Errors with context, string lists and allocation helpers. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/error.h"

static void *check_alloc(void *p)
{
	if (!p) {
		fputs("benchgate: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *bg_malloc(size_t n)
{
	return check_alloc(malloc(n ? n : 1));
}

void *bg_calloc(size_t n, size_t size)
{
	return check_alloc(calloc(n ? n : 1, size ? size : 1));
}

void *bg_realloc(void *p, size_t n)
{
	return check_alloc(realloc(p, n ? n : 1));
}

void bg_grow(void *pp, size_t *alloc, size_t need, size_t size)
{
	void **p = pp;
	size_t a = *alloc;

	if (need <= a)
		return;
	a = a ? a : 8;
	while (a < need)
		a *= 2;
	*p = bg_realloc(*p, a * size);
	*alloc = a;
}

char *bg_strdup(const char *s)
{
	return s ? check_alloc(strdup(s)) : NULL;
}

char *bg_strndup(const char *s, size_t n)
{
	char *r = bg_malloc(n + 1);

	memcpy(r, s, n);
	r[n] = '\0';
	return r;
}

static char *vformat(const char *fmt, va_list ap)
{
	va_list cp;
	int len;
	char *r;

	va_copy(cp, ap);
	len = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (len < 0)
		len = 0;
	r = bg_malloc((size_t)len + 1);
	vsnprintf(r, (size_t)len + 1, fmt, ap);
	return r;
}

char *bg_asprintf(const char *fmt, ...)
{
	va_list ap;
	char *r;

	va_start(ap, fmt);
	r = vformat(fmt, ap);
	va_end(ap);
	return r;
}

const char *bg_strerror(int e)
{
	static _Thread_local char buf[256];

	snprintf(buf, sizeof(buf), "%s", strerror(e));
	if (buf[0] >= 'A' && buf[0] <= 'Z' && !(buf[1] >= 'A' && buf[1] <= 'Z'))
		buf[0] = (char)(buf[0] - 'A' + 'a');
	return buf;
}

int bg_error(struct bg_error *err, int code, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return -1;
	err->code = code;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return -1;
}

int bg_error_vat(struct bg_error *err, int code, const char *file, int line, int col,
		 const char *fmt, va_list ap)
{
	int used;

	if (!err)
		return -1;
	err->code = code;
	if (line > 0 && col > 0)
		used = snprintf(err->msg, sizeof(err->msg), "%s:%d:%d: ", file, line, col);
	else if (line > 0)
		used = snprintf(err->msg, sizeof(err->msg), "%s:%d: ", file, line);
	else
		used = snprintf(err->msg, sizeof(err->msg), "%s: ", file);
	if (used < 0)
		used = 0;
	if ((size_t)used >= sizeof(err->msg))
		return -1;
	vsnprintf(err->msg + used, sizeof(err->msg) - (size_t)used, fmt, ap);
	return -1;
}

int bg_error_at(struct bg_error *err, int code, const char *file, int line, int col,
		const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	bg_error_vat(err, code, file, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

void bg_strlist_init(struct bg_strlist *l)
{
	l->v = NULL;
	l->n = l->alloc = 0;
}

void bg_strlist_release(struct bg_strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	bg_strlist_init(l);
}

static void strlist_push(struct bg_strlist *l, char *s)
{
	bg_grow(&l->v, &l->alloc, l->n + 1, sizeof(*l->v));
	l->v[l->n++] = s;
}

void bg_strlist_add(struct bg_strlist *l, const char *s)
{
	strlist_push(l, bg_strdup(s));
}

void bg_strlist_addf(struct bg_strlist *l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strlist_push(l, vformat(fmt, ap));
	va_end(ap);
}

void bg_strlist_extend(struct bg_strlist *l, const struct bg_strlist *src)
{
	for (size_t i = 0; i < src->n; i++)
		bg_strlist_add(l, src->v[i]);
}

char *bg_strlist_join(const struct bg_strlist *l, size_t from, size_t to, const char *prefix,
		      const char *sep)
{
	size_t len = 1, plen = prefix ? strlen(prefix) : 0, slen = strlen(sep), at = 0;
	char *s;

	for (size_t i = from; i < to; i++)
		len += plen + strlen(l->v[i]) + slen;
	s = bg_malloc(len);
	for (size_t i = from; i < to; i++) {
		size_t n = strlen(l->v[i]);

		if (i > from) {
			memcpy(s + at, sep, slen);
			at += slen;
		}
		memcpy(s + at, prefix ? prefix : "", plen);
		at += plen;
		memcpy(s + at, l->v[i], n);
		at += n;
	}
	s[at] = '\0';
	return s;
}

int bg_strlist_index(const struct bg_strlist *l, const char *s, size_t n)
{
	for (size_t i = 0; i < l->n; i++)
		if (strlen(l->v[i]) == n && !memcmp(l->v[i], s, n))
			return (int)i;
	return -1;
}
