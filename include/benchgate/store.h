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

/* ---- Baselines in git notes (src/store/gitnotes.c) ---------------------------- */

/*
 * A commit's note under refs/notes/benchgate holds one JSON document (one line):
 *   {"schema": "benchgate.notes/1", "summary": {SUITE: [ROW...]}, "suites": {SUITE: DOC}}
 * DOC is a baseline document (benchgate.baseline/1); ROW is one benchmark and metric
 * as [bench, metric, unit, direction, n, runs, median, median_lo, median_hi, mean,
 * p95, p95_lo, p95_hi, p99, p99_lo, p99_hi] at 95% confidence with 7 significant
 * digits (null for an infinite bound), written first so that a reader finds it without
 * the samples.
 */
#define BG_NOTES_REF "refs/notes/benchgate"
#define BG_NOTES_SCHEMA "benchgate.notes/1"
#define BG_SUITE_DEFAULT "default"
#define BG_MAX_DISTANCE 50
#define BG_SUMMARY_COLS 16

/* A suite name follows the rules of baseline names (bg_baseline_name_ok). */
int bg_suite_name_ok(const char *name);

/*
 * The full notes ref for what the user gave: NULL gives BG_NOTES_REF, "x" gives
 * "refs/notes/x", "refs/notes/x" stays. New string, or NULL when it is not a valid
 * reference name under refs/notes/.
 */
char *bg_notes_ref(const char *given);

/* What bg_git_save did. */
struct bg_git_saved {
	char commit[41];     /* the commit the note is on (HEAD) */
	int replaced;        /* the suite was there before, and was replaced */
	int attempts;        /* compare-and-swap rounds it took (1 without contention) */
};

/*
 * Store doc (a baseline document, borrowed) as suite `suite` of the note on HEAD of
 * the repository holding dir, under notes_ref, keeping the other suites. The notes
 * ref moves by compare-and-swap (git_reference_create_matching against the id read)
 * and the read-merge-write is retried when another process moved it first, so two
 * concurrent saves lose neither suite. A note that is not benchgate's is replaced with
 * a warning. Errors (BG_EXIT_STORE): not in a repository, no commit, git failures.
 */
int bg_git_save(struct bg_git_saved *out, const char *dir, const char *notes_ref,
		const char *suite, const json_t *doc, struct bg_strlist *warnings,
		struct bg_error *err);

/* A baseline found in a note: what bg_git_lookup returns. */
struct bg_git_found {
	char commit[41];      /* the commit whose note was used */
	size_t distance;      /* first-parent steps from the revision asked for */
	json_t *doc;          /* the suite's baseline document, new reference */
	char *description;    /* "note on abc1234 (3 commits before HEAD~1)", new */
};

void bg_git_found_release(struct bg_git_found *f);

/*
 * Resolve rev (anything git_revparse_single takes, peeled to a commit) in the
 * repository holding dir and read suite from its note; when that commit has no note
 * with the suite, try its first-parent ancestors up to max_distance steps back.
 * label names rev in the description (NULL: rev itself). A corrupt note is a warning
 * naming its commit, and the walk goes on. Returns 0 when found; 1 when rev is not a
 * revision here (or dir is not in a repository), err untouched; -1 with err
 * (BG_EXIT_STORE) when nothing is found within reach or git fails.
 */
int bg_git_lookup(struct bg_git_found *out, const char *dir, const char *notes_ref,
		  const char *rev, const char *label, const char *suite, size_t max_distance,
		  struct bg_strlist *warnings, struct bg_error *err);

/*
 * The target branch of a pull request from the CI's environment: GITHUB_BASE_REF,
 * CI_MERGE_REQUEST_TARGET_BRANCH_NAME, BITBUCKET_PR_DESTINATION_BRANCH,
 * SYSTEM_PULLREQUEST_TARGETBRANCH (refs/heads/ dropped), CHANGE_TARGET,
 * BUILDKITE_PULL_REQUEST_BASE_BRANCH, CIRRUS_BASE_BRANCH, DRONE_TARGET_BRANCH (pull
 * requests only). *var receives the variable's name. Borrowed, or NULL.
 */
const char *bg_ci_target_branch(const char **var);

/*
 * The merge-base of HEAD and the target branch, trying "origin/TARGET" then
 * "TARGET". *commit_out (41 bytes) receives its id, *why_out (new) says what was
 * found: "merge-base of HEAD and origin/main". Errors (BG_EXIT_STORE): no such
 * branch, no common history; in a shallow clone the message says to fetch more
 * history (fetch-depth: 0).
 */
int bg_git_merge_base(char *commit_out, char **why_out, const char *dir, const char *target,
		      struct bg_error *err);

/*
 * Beside the notes, the notes tree holds the subtree benchgate-summary/ with one blob
 * per annotated commit (named by its full id): the note's summary alone, so that
 * `history` reads a few kilobytes per commit rather than every sample. git keeps such
 * non-note entries when it edits the notes; a note without one is read whole.
 */
#define BG_SUMMARY_TREE "benchgate-summary"

/* One row of a summary, as bg_summary_read gives it. Strings borrowed for the call. */
struct bg_summary_row {
	const char *bench, *metric, *unit, *direction;
	long long n, runs;
	/* median, median_lo, median_hi, mean, p95, p95_lo, p95_hi, p99, p99_lo, p99_hi */
	double v[10];
	const char *vtext[10];   /* each number as written ("null"), not NUL-terminated */
	size_t vlen[10];
};

/*
 * Read a summary ({SUITE: [ROW...]}) without building JSON objects: cb is called per
 * row (row NULL for a suite without rows). Only the numbers whose bit is set in want
 * (bit i for v[i]) are converted; the others are NAN. A non-zero return from cb stops
 * and is returned. -1 when the text is not a summary.
 */
int bg_summary_read(const char *text, size_t len, unsigned want,
		    int (*cb)(void *payload, const char *suite, const struct bg_summary_row *row),
		    void *payload);

/* One commit with a note, as the first-parent walk meets it. All borrowed. */
struct bg_git_note_item {
	const char *commit;      /* full id */
	long long time;          /* committer time, seconds since 1970 */
	int offset;              /* its UTC offset in minutes */
	const char *subject;
	const char *summary;     /* its summary text, for bg_summary_read; NULL: corrupt note (warned) */
	size_t summary_len;
};

/*
 * Walk the first-parent history of range (NULL or "" = HEAD; "A..B", or a revision),
 * newest first, and call cb for each commit with a note; a non-zero return
 * from cb stops the walk and is returned. A corrupt note is a warning naming its
 * commit. A shallow clone's boundary ends the walk with a warning. Only the note's
 * summary is read (its benchgate-summary/ blob when there is one). *nnotes (may be
 * NULL) receives the number of notes under the ref in all. Errors: BG_EXIT_STORE (not a repository, bad range: BG_EXIT_USAGE).
 */
int bg_git_walk(const char *dir, const char *notes_ref, const char *range,
		int (*cb)(void *payload, const struct bg_git_note_item *it), void *payload,
		size_t *nnotes, struct bg_strlist *warnings, struct bg_error *err);

/*
 * Remove suite (NULL: the whole note) from the note on rev's commit, by
 * compare-and-swap as bg_git_save. *commit_out (41 bytes) receives the commit.
 * Returns 0 when something was removed, 1 when rev is not a revision, -1 with err:
 * no note, no such suite (BG_EXIT_STORE).
 */
int bg_git_delete(char *commit_out, const char *dir, const char *notes_ref, const char *rev,
		  const char *suite, struct bg_error *err);

/* ---- Environment fingerprints (src/store/fingerprint.c) ---------------------- */

/*
 * The fingerprint of one side as a new object with the keys host, cpu, cores, os,
 * kernel, arch (from recorded: a baseline's "recorded", or bg_machine_collect() for
 * this machine; borrowed, may be NULL) and compiler, runtime (from environment,
 * what the input said; borrowed, may be NULL). A key nobody knows is left out.
 */
json_t *bg_fingerprint(const json_t *recorded, const json_t *environment);

/*
 * The differences between two fingerprints, appended to diffs as one line each:
 * "cpu: 'AMD EPYC 7763' in the baseline, 'Intel Xeon 8375C' here". Only keys known on
 * both sides are compared (a baseline saved without a machine compares nothing but
 * what both inputs say). Returns the number of differences. For `check`, and for a
 * release checklist that must refuse results from another machine.
 */
size_t bg_fingerprint_diff(struct bg_strlist *diffs, const json_t *baseline,
			   const json_t *current);

/*
 * The baseline document of rs as bg_baseline_save writes it: provenance of HEAD (or
 * rs's own when it was read from a baseline and keep_provenance is set), this
 * machine, the results. New object, or NULL with err (BG_EXIT_INPUT: not encodable).
 * *prov (may be NULL) receives a borrowed pointer to the provenance in the document.
 */
json_t *bg_baseline_document(const struct bg_resultset *rs, int keep_provenance,
			     struct bg_strlist *warnings, struct bg_error *err);

/* ---- History as the noise floor (src/store/githistory.c) ----------------------- */

struct bg_hist;

/* One benchmark and metric whose history is wanted, and the statistic it is gated on. */
struct bg_hist_want {
	const char *bench, *metric;
	enum bg_statistic stat;
};

/*
 * Read into h (bg_hist_init'ed; jobnoise.h) the gated statistic of each wanted
 * benchmark and metric from the notes of suite along the first parents of rev (the
 * baseline's commit, its own note first), newest first, through bg_git_walk's summary
 * reading: one series per wanted item (a duplicate once), h->nnotes the notes that gave
 * a value (the length of each series' values). The walk stops when every wanted item
 * has `limit` values, or after 4 limit + 20 notes (so that a benchmark new on the branch does not read all of
 * history). label (copied) names where the notes are in reports ("main"). A corrupt
 * note is a warning and is passed over. Errors: BG_EXIT_STORE (git).
 */
int bg_git_history(struct bg_hist *h, const char *dir, const char *notes_ref,
		   const char *rev, const char *label, const char *suite,
		   const struct bg_hist_want *want, size_t nwant, size_t limit,
		   struct bg_strlist *warnings, struct bg_error *err);

/* The index in bg_summary_row.v of the value of stat (median 0, mean 3, p95 4, p99 7). */
int bg_summary_stat_col(enum bg_statistic stat);

#endif
