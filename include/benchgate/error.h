/* Errors with context, exit codes, warnings collected for the caller to print. */
#ifndef BENCHGATE_ERROR_H
#define BENCHGATE_ERROR_H

#include <stdarg.h>
#include <stddef.h>

/* Exit codes, the same for every command (DESIGN.md). */
enum bg_exit {
	BG_EXIT_OK = 0,
	BG_EXIT_FAIL = 1,    /* the gate failed */
	BG_EXIT_USAGE = 2,   /* usage error */
	BG_EXIT_INPUT = 3,   /* unreadable, malformed, empty input; nothing in common */
	BG_EXIT_STORE = 4,   /* baseline store, git or I/O error */
};

/*
 * An error on its way to main(): the exit code it maps to and one line of text,
 * without the "benchgate: " prefix, lower case, no trailing period.
 */
struct bg_error {
	int code;
	char msg[1024];
};

/* Set err (may be NULL) and return -1, so a failure reads `return bg_error(...)`. */
int bg_error(struct bg_error *err, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/*
 * Same, with a place: "FILE:LINE:COL: what". line == 0 leaves out line and column,
 * col == 0 leaves out the column.
 */
int bg_error_at(struct bg_error *err, int code, const char *file, int line, int col,
		const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Same, from a va_list: the one error-with-place of the program. Always -1. */
int bg_error_vat(struct bg_error *err, int code, const char *file, int line, int col,
		 const char *fmt, va_list ap);

/*
 * strerror(e) with its first letter in lower case, as our messages are: "no such
 * file or directory". Borrowed; valid until the next call.
 */
const char *bg_strerror(int e);

/* A growable list of owned strings: warnings, names. */
struct bg_strlist {
	char **v;
	size_t n, alloc;
};

void bg_strlist_init(struct bg_strlist *l);
void bg_strlist_release(struct bg_strlist *l);
/* Append a copy of s. */
void bg_strlist_add(struct bg_strlist *l, const char *s);
/* Append a formatted string. */
void bg_strlist_addf(struct bg_strlist *l, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Append copies of every string in src. */
void bg_strlist_extend(struct bg_strlist *l, const struct bg_strlist *src);
/* l->v[from..to) joined by sep, each behind prefix (may be NULL) (new string). */
char *bg_strlist_join(const struct bg_strlist *l, size_t from, size_t to, const char *prefix,
		      const char *sep);
/* Index of the string s[0..n) in l, or -1. */
int bg_strlist_index(const struct bg_strlist *l, const char *s, size_t n);

/* Allocation that aborts on exhaustion: there is nothing useful to do then. */
void *bg_malloc(size_t n);
void *bg_calloc(size_t n, size_t size);
void *bg_realloc(void *p, size_t n);
/* Grow *p (of *alloc elements of size) to hold at least need elements. */
void bg_grow(void *pp, size_t *alloc, size_t need, size_t size);
char *bg_strdup(const char *s);          /* NULL in, NULL out */
char *bg_strndup(const char *s, size_t n);
char *bg_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
