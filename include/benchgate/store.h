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

/* The store's directory name, and the longest name a saved baseline may have. */
#define BG_BASELINES_DIR "baselines"
#define BG_BASELINE_NAME_MAX 200

/*
 * The directory baselines are kept in: cfg_dir if given (as given), else "baselines"
 * at the root of the git working tree containing the current directory (relative,
 * "../../baselines", when the current directory is inside it; absolute otherwise),
 * else "baselines" in the current directory. New string.
 */
char *bg_store_dir(const char *cfg_dir);

/*
 * Non-zero when name is acceptable for a saved baseline: 1 to 200 bytes of ASCII
 * letters, digits, '-', '_', '.', '+', '@'; no leading '.', no "..".
 */
int bg_baseline_name_ok(const char *name);

/* dir/NAME.json, without checking name. New string. */
char *bg_baseline_path(const char *dir, const char *name);

/*
 * The baseline document for rs (schema, provenance, recorded, environment, source,
 * benchmarks with raw samples and runs renumbered from 0), as a new object.
 * provenance and machine are borrowed (copied); provenance NULL takes
 * rs->provenance when it is an object, else all fields null; machine NULL gives
 * all "recorded" fields null. NULL when a name is not valid UTF-8 or a sample is
 * not finite (JSON cannot hold it).
 */
json_t *bg_baseline_to_json(const struct bg_resultset *rs, json_t *provenance,
			    json_t *machine);

/*
 * Write rs as dir/NAME.json atomically (temporary file in dir, fsync, rename), making
 * dir when absent. Provenance: rs->provenance when rs was read from a baseline,
 * else bg_provenance_collect(".") (its warnings go to warnings). *path_out receives
 * the path written (new string; NULL on error). Errors: BG_EXIT_USAGE for a bad
 * name, BG_EXIT_INPUT for a non-finite sample or a name not in UTF-8,
 * BG_EXIT_STORE for I/O.
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

/*
 * Atomic write of len bytes to path: temporary file .NAME.XXXXXX beside it (mode
 * 0666 less the umask), fsync, rename, fsync of the directory. The directory must
 * exist. On failure the temporary file is removed and err says
 * "cannot write 'PATH': <strerror>" with BG_EXIT_STORE.
 */
int bg_write_atomic(const char *path, const char *data, size_t len, struct bg_error *err);

#endif
