/* What the readers share: sniffing, JSON documents of a common shape, the environment. */
#ifndef BENCHGATE_INPUT_READER_H
#define BENCHGATE_INPUT_READER_H

#include <stdarg.h>

#include "benchgate/input.h"

/* The largest run number a native file may give a sample ("runs"). */
#define BG_MAX_RUN 1000000

/*
 * A reader going through its buffer in order says it is done with the bytes before
 * upto: a mapped file gives them back to the system (every few MB). They stay
 * readable (read again from the file), so this is only ever a saving of memory.
 */
void bg_input_release(const char *upto);

/*
 * Map path read-only when it is a regular file of at least 1 MB (and not a whole
 * number of pages: the byte after the last is then a NUL), for bg_input_release.
 * 0 with *out and *len set, to give to bg_file_unmap; -1 (nothing done) otherwise.
 */
int bg_file_map(char **out, size_t *len, const char *path);
void bg_file_unmap(char *buf, size_t len);

/* JSON's white space: space, tab, CR, LF (never NUL). */
int bg_json_space(char c);

/* First bytes of buf after white space and a UTF-8 byte order mark; *rest is their length. */
const char *bg_sniff_start(const char *buf, size_t len, size_t *rest);

/*
 * What a JSON sniffer looks at: the length of buf's first 64 KiB when its first
 * character (after white space and a byte order mark) is '{', else 0.
 */
size_t bg_sniff_object(const char *buf, size_t len);

/*
 * Unit and direction of a metric from its name, as CSV logs and summary-only JSON
 * name them: "_ms" ms and lower, "_per_sec" X/s and higher (docs/formats.md). New string.
 */
char *bg_name_unit(const char *name, enum bg_direction *dir);

/*
 * Make m a summary-only metric: v holds mean, median, p95, p99, stddev, min, max (NAN
 * where unknown), count the samples it summarises (0: unknown), runs its runs.
 */
void bg_metric_set_summary(struct bg_metric *m, const double v[7], size_t count, int runs);

struct bg_json;
struct bg_json_doc;

/*
 * Parse buf into doc as what ("pytest-benchmark JSON"): an object whose key is a list.
 * Returns the list and sets *root, or NULL with err set at the place ("WHAT must be
 * an object", "\"KEY\" must be a list", a syntax error).
 */
const struct bg_json *bg_json_read_list(struct bg_json_doc *doc, const struct bg_json **root,
					const char *path, const char *buf, size_t len,
					const char *what, const char *key, struct bg_error *err);

/*
 * JSON Lines: each non-blank line of buf parsed into doc (reused) and given to
 * fn(ctx, record), in order; places count the file's lines. 0, or -1 at the first
 * line that does not parse (err set at its place) or when fn returns < 0.
 */
int bg_json_lines(struct bg_json_doc *doc, const char *path, const char *buf, size_t len,
		  int (*fn)(void *ctx, const struct bg_json *rec), void *ctx,
		  struct bg_error *err);

/* Keep a copy of v (if any) in rs's environment under key, unless key is there already. */
void bg_env_keep(struct bg_resultset *rs, const char *key, const struct bg_json *v);

/* Whether v equals b as json_equal says (an integer never equals a real). */
int bg_json_equal_jansson(const struct bg_json *v, const json_t *b);

#endif
