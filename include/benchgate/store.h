/* Baselines: saved result sets with the provenance of the commit they measure. */
#ifndef BENCHGATE_STORE_H
#define BENCHGATE_STORE_H

#include <stddef.h>
#include <jansson.h>

#include "benchgate/model.h"

#define BG_BASELINE_SCHEMA "benchgate.baseline/1"

/*
 * Provenance of HEAD through libgit2, as a new object: commit (full id or null),
 * branch (or null when detached), detached, dirty, commit_time (ISO 8601),
 * subject. Outside a repository every field is null and a warning is added. Never
 * fails: a git error becomes a warning.
 */
json_t *bg_provenance_collect(const char *dir, struct bg_strlist *warnings);

/*
 * What benchgate records of this machine, as a new object: host, os, kernel, cpu,
 * cores, benchgate_version, saved_at (UTC ISO 8601; SOURCE_DATE_EPOCH when set).
 */
json_t *bg_machine_collect(void);

/*
 * The directory baselines are kept in: cfg_dir if given, else "baselines" at the
 * root of the git working tree containing the current directory, else
 * "./baselines". New string.
 */
char *bg_store_dir(const char *cfg_dir);

/* Non-zero when name is acceptable for a saved baseline (no '/', no "..", no NUL...). */
int bg_baseline_name_ok(const char *name);

/*
 * The baseline document for rs (schema, provenance, recorded, environment,
 * benchmarks with raw samples and runs), as a new object.
 */
json_t *bg_baseline_to_json(const struct bg_resultset *rs, json_t *provenance,
			    json_t *machine);

/*
 * Write rs as dir/NAME.json atomically (temporary file in dir, fsync, rename), making
 * dir when absent. *path_out receives the path written (new string). Errors:
 * BG_EXIT_USAGE for a bad name, BG_EXIT_STORE for I/O.
 */
int bg_baseline_save(char **path_out, const struct bg_resultset *rs, const char *dir,
		     const char *name, struct bg_strlist *warnings, struct bg_error *err);

/*
 * Resolve a baseline spec: an existing file path, else a saved name in dir.
 * *path_out is a new string. Not found: BG_EXIT_STORE.
 */
int bg_baseline_resolve(char **path_out, const char *spec, const char *dir,
			struct bg_error *err);

/* One line of `baseline list`. */
struct bg_baseline_entry {
	char *name;
	char *commit;       /* full id or NULL */
	char *saved_at;     /* ISO 8601 or NULL */
	size_t nbenches;
};

/*
 * The saved baselines in dir, sorted by name. A file that cannot be read is listed
 * with a warning, not an error. A missing dir is an empty list.
 */
int bg_baseline_list(struct bg_baseline_entry **out, size_t *n, const char *dir,
		     struct bg_strlist *warnings, struct bg_error *err);
void bg_baseline_entries_free(struct bg_baseline_entry *e, size_t n);

/* Atomic write of len bytes to path: temporary file beside it, fsync, rename. */
int bg_write_atomic(const char *path, const char *data, size_t len, struct bg_error *err);

#endif
