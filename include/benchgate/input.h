/* Input readers: one per format, and the sniffing that picks one. */
#ifndef BENCHGATE_INPUT_H
#define BENCHGATE_INPUT_H

#include <stddef.h>

#include "benchgate/model.h"

/*
 * A reader turns one file's bytes into benchmarks appended to a result set.
 * first_run is the run number this file starts at; the reader returns the number of
 * runs it used (>= 1) or -1 with err set (code BG_EXIT_INPUT, message with the
 * place). Readers never print.
 */
struct bg_reader {
	const char *name;        /* as given to --input-format */
	const char *description; /* one line for help and docs */
	/* Non-zero when buf looks like this format. Only the first bytes matter. */
	int (*sniff)(const char *buf, size_t len);
	int (*read)(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		    int first_run, struct bg_error *err);
	/*
	 * Optional (NULL): non-zero when path is this reader's without reading it (a
	 * directory, DIR@NAME); such a path is read by read_path, which returns the runs
	 * it added or -1 with err set.
	 */
	int (*claim)(const char *path);
	int (*read_path)(struct bg_resultset *rs, const char *path, int first_run,
			 struct bg_error *err);
};

/* The readers, in sniffing order, terminated by a NULL name. */
extern const struct bg_reader bg_readers[];

/* The readers' names in sniffing order, "native, hyperfine, ..., csv" (static). */
const char *bg_reader_names(void);

/* The reader named name, or NULL. */
const struct bg_reader *bg_reader_find(const char *name);

/*
 * Read path into rs as new runs. force names a reader or is NULL to sniff. An
 * unreadable file, a directory, an empty file, an unknown shape or a file that
 * yields no benchmark is an error with code BG_EXIT_INPUT.
 */
int bg_input_read(struct bg_resultset *rs, const char *path, const char *force,
		  struct bg_error *err);

/*
 * Read the whole of path (a file or a pipe) into *out, a new NUL-terminated buffer
 * of *len bytes. A missing file or a directory: BG_EXIT_INPUT with its name.
 */
int bg_file_read(char **out, size_t *len, const char *path, struct bg_error *err);

/*
 * Non-zero when path is read as a path rather than a file's bytes: a directory, or
 * DIR@NAME with DIR a directory (a Criterion.rs baseline), so a baseline spec can be one.
 */
int bg_input_is_dir(const char *path);

/* Read several files into rs, one or more runs each; rs->source names them. */
int bg_input_read_all(struct bg_resultset *rs, char *const *paths, size_t npaths,
		      const char *force, struct bg_error *err);

/*
 * Line and column (1-based) of the value at a JSON path in buf, for error messages.
 * path is a sequence of segments: an object key, or "[N]" for an array index, e.g.
 * {"benchmarks", "[2]", "metrics", "[0]", "samples", "[5]", NULL}. Returns 0 and
 * sets *line and *col, or -1 when the path is not found (then they point at the start).
 */
int bg_json_locate(const char *buf, size_t len, const char *const *path, int *line,
		   int *col);

/* Same, but the place of the last segment's key (for "unknown key" errors). */
int bg_json_locate_key(const char *buf, size_t len, const char *const *path, int *line,
		       int *col);

/*
 * A strict mode (official) refuses results read from an unclean run (rs->unclean:
 * JSON Lines test reports whose system_health shows swap in use or zombie processes)
 * unless allow is set: BG_EXIT_INPUT, failing closed. 0 otherwise.
 */
int bg_unclean_refuse(const struct bg_resultset *base, const struct bg_resultset *cur,
		      const char *mode, int strict, int allow, struct bg_error *err);

/* A decimal number in s[0..n) (CSV fields), white space around it allowed; 0 or -1. */
int bg_csv_number(double *out, const char *s, size_t n);

#endif
