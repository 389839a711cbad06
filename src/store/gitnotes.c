/* Baselines in git notes: save by compare-and-swap, lookup along first parents, walk, delete. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <git2.h>

#include "benchgate/stats.h"
#include "benchgate/store.h"
#include "git.h"

/* How many times a save retries when another process moved the notes ref first. */
#define CAS_ROUNDS 200

/* The prefix of earlier notes, which carried their summary first (note_text). */
#define NOTE_PREFIX "{\"schema\":\"" BG_NOTES_SCHEMA "\",\"summary\":"

const char *bg_git_msg(void)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : "unknown error";
}

int bg_suite_name_ok(const char *name)
{
	return bg_baseline_name_ok(name);
}

char *bg_notes_ref(const char *given)
{
	char *r;
	int valid = 0;

	if (!given || !*given)
		return bg_strdup(BG_NOTES_REF);
	r = !strncmp(given, "refs/notes/", 11) ? bg_strdup(given)
					      : bg_asprintf("refs/notes/%s", given);
	if (git_libgit2_init() >= 0) {
		if (git_reference_name_is_valid(&valid, r) < 0)
			valid = 0;
		git_libgit2_shutdown();
	}
	if (!valid || !strcmp(r, "refs/notes/")) {
		free(r);
		return NULL;
	}
	return r;
}

/* ---- repository --------------------------------------------------------------- */

int bg_git_repo_open(git_repository **repo, const char *dir, struct bg_error *err)
{
	int rc = git_repository_open_ext(repo, dir ? dir : ".", 0, NULL);

	if (rc == GIT_ENOTFOUND)
		return 1;
	if (rc < 0)
		return bg_error(err, BG_EXIT_STORE, "cannot open the git repository at '%s': %s",
				dir ? dir : ".", bg_git_msg());
	return 0;
}

static void short_id(char *buf, const git_oid *id)
{
	git_oid_tostr(buf, 8, id);
}

/* The commit the notes ref points at, or NULL (no notes yet). -1 with err. */
static int notes_commit(git_commit **out, git_oid *id, int *have, git_repository *repo,
			const char *notes_ref, struct bg_error *err)
{
	int rc = git_reference_name_to_id(id, repo, notes_ref);

	*out = NULL;
	*have = 0;
	if (rc == GIT_ENOTFOUND)
		return 0;
	if (rc < 0 || git_commit_lookup(out, repo, id) < 0)
		return bg_error(err, BG_EXIT_STORE, "cannot read '%s': %s", notes_ref, bg_git_msg());
	*have = 1;
	return 0;
}

/* ---- the note document -------------------------------------------------------- */

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* The summary rows of one baseline document (see store.h), as a new array. */
static json_t *suite_summary(const json_t *doc)
{
	json_t *rows = json_array(), *bo, *mo;
	const json_t *benches = json_object_get(doc, "benchmarks");
	size_t i, j;

	json_array_foreach(benches, i, bo) {
		const char *bname = json_string_value(json_object_get(bo, "name"));

		json_array_foreach(json_object_get(bo, "metrics"), j, mo) {
			const json_t *samples = json_object_get(mo, "samples");
			const json_t *runs = json_object_get(mo, "runs");
			size_t n = json_array_size(samples), k, nruns = 0;
			double *x;
			struct bg_summary s;
			json_t *row, *v;

			if (!bname || !n || !json_is_string(json_object_get(mo, "name")))
				continue;
			x = bg_malloc(n * sizeof(*x));
			json_array_foreach(samples, k, v)
				x[k] = json_number_value(v);
			{
				int *rv = bg_malloc(n * sizeof(*rv));

				for (k = 0; k < n; k++)
					rv[k] = (int)json_integer_value(json_array_get(runs, k));
				qsort(rv, n, sizeof(*rv), cmp_int);
				for (k = 0; k < n; k++)
					nruns += k == 0 || rv[k] != rv[k - 1];
				free(rv);
			}
			{
				double *sorted = bg_sorted_copy(x, n);

				bg_summary_compute(&s, sorted, n, 0.95);
				free(sorted);
			}
			free(x);
			row = json_pack("[s O O O I I]", bname, json_object_get(mo, "name"),
					json_object_get(mo, "unit"), json_object_get(mo, "direction"),
					(json_int_t)n, (json_int_t)(runs ? nruns : 1));
			if (!row)
				continue;
			json_array_append_new(row, bg_json_number(s.median));
			json_array_append_new(row, bg_json_number(s.median_ci.lo));
			json_array_append_new(row, bg_json_number(s.median_ci.hi));
			json_array_append_new(row, bg_json_number(s.mean));
			json_array_append_new(row, bg_json_number(s.p95));
			json_array_append_new(row, bg_json_number(s.p95_ci.lo));
			json_array_append_new(row, bg_json_number(s.p95_ci.hi));
			json_array_append_new(row, bg_json_number(s.p99));
			json_array_append_new(row, bg_json_number(s.p99_ci.lo));
			json_array_append_new(row, bg_json_number(s.p99_ci.hi));
			json_array_append_new(rows, row);
		}
	}
	return rows;
}

/*
 * The note's text for suites (borrowed): one line. New string; the summary of the
 * suites (for the benchgate-summary/ blob) in *summary_out (new).
 *
 * Earlier notes also carried the summary, first (NOTE_PREFIX); bg_note_parse still reads
 * it. It is no longer written: git's packer then stored each summary blob as a delta
 * against its note, and reading the few kilobytes of a summary meant inflating the
 * whole note, samples and all.
 */
static char *note_text(char **summary_out, const json_t *suites)
{
	json_t *summary = json_object(), *doc;
	const char *name;
	char *s, *d, *r;

	*summary_out = NULL;
	json_object_foreach((json_t *)suites, name, doc)
		json_object_set_new(summary, name, suite_summary(doc));
	s = json_dumps(summary, JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(7));
	d = json_dumps(suites, JSON_COMPACT | JSON_REAL_PRECISION(17));
	json_decref(summary);
	if (!s || !d) {
		free(s);
		free(d);
		return NULL;
	}
	r = bg_asprintf("{\"schema\":\"" BG_NOTES_SCHEMA "\",\"suites\":%s}\n", d);
	*summary_out = s;
	free(d);
	return r;
}

/*
 * Replace the notes commit libgit2 made (made) by one whose tree also holds
 * BG_SUMMARY_TREE/TARGET: "NOTEBLOB\nSUMMARY" (summary NULL: without that entry).
 * Same parent, author, committer and message. *out receives the new commit.
 */
static int attach_summary(git_oid *out, git_repository *repo, const git_oid *made,
			  const git_oid *target, const git_oid *note_blob, const char *summary)
{
	git_commit *c = NULL, *parent = NULL;
	git_tree *tree = NULL, *sub = NULL, *newtree = NULL;
	git_tree_entry *e = NULL;
	git_treebuilder *sb = NULL, *rb = NULL;
	git_oid blob, subid, rootid;
	char hex[41], nhex[41], *text = NULL;
	int ret = -1;

	git_oid_tostr(hex, sizeof(hex), target);
	if (git_commit_lookup(&c, repo, made) < 0 || git_commit_tree(&tree, c) < 0)
		goto out;
	if (git_tree_entry_bypath(&e, tree, BG_SUMMARY_TREE) == 0 &&
	    git_tree_entry_type(e) == GIT_OBJECT_TREE &&
	    git_tree_lookup(&sub, repo, git_tree_entry_id(e)) < 0)
		goto out;
	if (git_treebuilder_new(&sb, repo, sub) < 0 || git_treebuilder_new(&rb, repo, tree) < 0)
		goto out;
	if (summary) {
		git_oid_tostr(nhex, sizeof(nhex), note_blob);
		text = bg_asprintf("%s\n%s", nhex, summary);
		if (git_blob_create_from_buffer(&blob, repo, text, strlen(text)) < 0 ||
		    git_treebuilder_insert(NULL, sb, hex, &blob, GIT_FILEMODE_BLOB) < 0)
			goto out;
	} else if (git_treebuilder_get(sb, hex) && git_treebuilder_remove(sb, hex) < 0) {
		goto out;
	}
	if (git_treebuilder_entrycount(sb) == 0) {
		if (git_treebuilder_get(rb, BG_SUMMARY_TREE) &&
		    git_treebuilder_remove(rb, BG_SUMMARY_TREE) < 0)
			goto out;
	} else if (git_treebuilder_write(&subid, sb) < 0 ||
		   git_treebuilder_insert(NULL, rb, BG_SUMMARY_TREE, &subid, GIT_FILEMODE_TREE) < 0) {
		goto out;
	}
	if (git_treebuilder_write(&rootid, rb) < 0 || git_tree_lookup(&newtree, repo, &rootid) < 0)
		goto out;
	if (git_commit_parentcount(c) && git_commit_parent(&parent, c, 0) < 0)
		goto out;
	{
		const git_commit *parents[1] = { parent };

		if (git_commit_create(out, repo, NULL, git_commit_author(c), git_commit_committer(c),
				      NULL, git_commit_message(c), newtree, parent ? 1 : 0,
				      parents) < 0)
			goto out;
	}
	ret = 0;
out:
	free(text);
	git_treebuilder_free(sb);
	git_treebuilder_free(rb);
	git_tree_entry_free(e);
	git_tree_free(newtree);
	git_tree_free(sub);
	git_tree_free(tree);
	git_commit_free(parent);
	git_commit_free(c);
	return ret;
}

/* See git.h. */
int bg_note_parse(json_t **suites, json_t **summary, const char *text, size_t len,
		  char *why, size_t whysize)
{
	size_t plen = sizeof(NOTE_PREFIX) - 1;
	json_error_t je;
	json_t *root, *sv, *sm, *doc;
	const char *name, *schema;

	if (suites)
		*suites = NULL;
	if (summary)
		*summary = NULL;
	if (!suites && summary && len > plen && !memcmp(text, NOTE_PREFIX, plen)) {
		json_t *s = json_loadb(text + plen, len - plen, JSON_DISABLE_EOF_CHECK, &je);

		if (s && json_is_object(s)) {
			*summary = s;
			return 0;
		}
		json_decref(s);
	}
	if (!(root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je))) {
		snprintf(why, whysize, "%d:%d: %s", je.line, je.column, je.text);
		return -1;
	}
	schema = json_string_value(json_object_get(root, "schema"));
	sv = json_object_get(root, "suites");
	if (!schema || strcmp(schema, BG_NOTES_SCHEMA)) {
		snprintf(why, whysize, "no \"schema\": \"%s\"", BG_NOTES_SCHEMA);
		goto bad;
	}
	if (!json_is_object(sv)) {
		snprintf(why, whysize, "\"suites\" is not an object");
		goto bad;
	}
	json_object_foreach(sv, name, doc) {
		if (!json_is_object(doc) || !json_is_array(json_object_get(doc, "benchmarks"))) {
			snprintf(why, whysize, "suite '%s' is not a baseline document", name);
			goto bad;
		}
	}
	if (suites)
		*suites = json_incref(sv);
	if (summary) {
		sm = json_object_get(root, "summary");
		if (json_is_object(sm)) {
			*summary = json_incref(sm);
		} else {
			*summary = json_object();
			json_object_foreach(sv, name, doc)
				json_object_set_new(*summary, name, suite_summary(doc));
		}
	}
	json_decref(root);
	return 0;
bad:
	json_decref(root);
	return -1;
}

/* Read the note on target from the notes commit; 1 when there is none. New text. */
static int note_read(char **text, git_repository *repo, git_commit *notes,
		     const git_oid *target, struct bg_error *err)
{
	git_note *note = NULL;
	int rc;

	*text = NULL;
	if (!notes)
		return 1;
	rc = git_note_commit_read(&note, repo, notes, target);
	if (rc == GIT_ENOTFOUND)
		return 1;
	if (rc < 0)
		return bg_error(err, BG_EXIT_STORE, "cannot read a note: %s", bg_git_msg());
	*text = bg_strdup(git_note_message(note));
	git_note_free(note);
	return 0;
}

static int signature(git_signature **sig, git_repository *repo)
{
	if (git_signature_default(sig, repo) == 0)
		return 0;
	return git_signature_now(sig, "benchgate", "benchgate@localhost");
}

/* A short pause before the next compare-and-swap round, varied per process. */
static void backoff(int round)
{
	struct timespec ts = { 0, 0 };
	unsigned r = (unsigned)getpid() * 2654435761u + (unsigned)round * 40503u;

	ts.tv_nsec = (long)(1 + (r >> 8) % (round < 10 ? 4 : 20)) * 1000000L;
	nanosleep(&ts, NULL);
}

/* Did a ref update lose a race (try again) rather than fail? */
static int lost_race(int rc)
{
	return rc == GIT_EMODIFIED || rc == GIT_ELOCKED || rc == GIT_EEXISTS;
}

/*
 * Move notes_ref to fresh if it still points at old (all zero: if it does not exist
 * yet). 0 done; 1 another process moved it first (after a pause: read again and
 * retry); -1 with err.
 */
static int cas_update(git_repository *repo, const char *notes_ref, const git_oid *fresh,
		      const git_oid *old, const char *why, int round, struct bg_error *err)
{
	git_reference *ref = NULL;
	int rc = git_reference_create_matching(&ref, repo, notes_ref, fresh, 1, old, why);

	git_reference_free(ref);
	if (rc == 0)
		return 0;
	if (!lost_race(rc))
		return bg_error(err, BG_EXIT_STORE, "cannot update '%s': %s", notes_ref, bg_git_msg());
	backoff(round);
	return 1;
}

int bg_git_save(struct bg_git_saved *out, const char *dir, const char *notes_ref,
		const char *suite, const json_t *doc, struct bg_strlist *warnings,
		struct bg_error *err)
{
	git_repository *repo = NULL;
	git_signature *sig = NULL;
	git_oid head, old, fresh;
	int ret = -1, rc;

	memset(out, 0, sizeof(*out));
	if (git_libgit2_init() < 0)
		return bg_error(err, BG_EXIT_STORE, "cannot start libgit2: %s", bg_git_msg());
	if ((rc = bg_git_repo_open(&repo, dir, err)) != 0) {
		if (rc > 0)
			bg_error(err, BG_EXIT_STORE,
				 "not in a git repository: cannot save a baseline in git notes");
		goto out;
	}
	if (git_reference_name_to_id(&head, repo, "HEAD") < 0) {
		bg_error(err, BG_EXIT_STORE, "the git repository has no commit to attach a note to");
		goto out;
	}
	git_oid_tostr(out->commit, sizeof(out->commit), &head);
	if (signature(&sig, repo) < 0) {
		bg_error(err, BG_EXIT_STORE, "cannot make a signature for the notes commit: %s",
			 bg_git_msg());
		goto out;
	}
	for (int round = 1; round <= CAS_ROUNDS; round++) {
		git_commit *parent = NULL;
		json_t *suites = NULL;
		char *text = NULL, *prev = NULL, *summary = NULL, why[300];
		git_oid made, blob;
		int have = 0;

		out->attempts = round;
		if (notes_commit(&parent, &old, &have, repo, notes_ref, err) < 0)
			goto out;
		rc = note_read(&prev, repo, parent, &head, err);
		if (rc < 0) {
			git_commit_free(parent);
			goto out;
		}
		if (rc == 0 && bg_note_parse(&suites, NULL, prev, strlen(prev), why, sizeof(why)) < 0) {
			if (round == 1)
				bg_strlist_addf(warnings,
						"the note on %.7s under %s is not benchgate's (%s): replacing it",
						out->commit, notes_ref, why);
		}
		free(prev);
		if (!suites)
			suites = json_object();
		out->replaced = json_object_get(suites, suite) != NULL;
		json_object_set(suites, suite, (json_t *)doc);
		text = note_text(&summary, suites);
		json_decref(suites);
		if (!text) {
			git_commit_free(parent);
			bg_error(err, BG_EXIT_STORE, "cannot encode the note");
			goto out;
		}
		rc = git_note_commit_create(&made, &blob, repo, parent, sig, sig, &head, text, 1);
		if (rc == 0)
			rc = attach_summary(&fresh, repo, &made, &head, &blob, summary);
		free(summary);
		free(text);
		git_commit_free(parent);
		if (rc < 0) {
			bg_error(err, BG_EXIT_STORE, "cannot write the note: %s", bg_git_msg());
			goto out;
		}
		/*
		 * The zero id asks that the ref not exist yet: without it libgit2 checks
		 * for an existing ref before taking the lock, and a concurrent creation
		 * could be overwritten.
		 */
		if (!have)
			memset(&old, 0, sizeof(old));
		if ((rc = cas_update(repo, notes_ref, &fresh, &old, "benchgate: baseline save", round,
				     err)) <= 0) {
			ret = rc;
			goto out;
		}
	}
	bg_error(err, BG_EXIT_STORE, "cannot update '%s': other processes kept moving it (%d tries)",
		 notes_ref, CAS_ROUNDS);
out:
	git_signature_free(sig);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return ret;
}

/* ---- lookup ------------------------------------------------------------------- */

void bg_git_found_release(struct bg_git_found *f)
{
	json_decref(f->doc);
	free(f->description);
	memset(f, 0, sizeof(*f));
}

/* See git.h. */
int bg_git_resolve_commit(git_commit **out, git_repository *repo, const char *rev,
			  struct bg_error *err)
{
	git_object *obj = NULL, *peeled = NULL;
	int rc = git_revparse_single(&obj, repo, rev);

	*out = NULL;
	if (rc == GIT_ENOTFOUND || rc == GIT_EINVALIDSPEC)
		return 1;
	if (rc == GIT_EAMBIGUOUS)
		return bg_error(err, BG_EXIT_STORE, "'%s' is an ambiguous git revision", rev);
	if (rc < 0)
		return 1;
	rc = git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT);
	git_object_free(obj);
	if (rc < 0)
		return bg_error(err, BG_EXIT_STORE, "git revision '%s' does not name a commit", rev);
	*out = (git_commit *)peeled;
	return 0;
}

int bg_git_lookup(struct bg_git_found *out, const char *dir, const char *notes_ref,
		  const char *rev, const char *label, const char *suite, size_t max_distance,
		  struct bg_strlist *warnings, struct bg_error *err)
{
	git_repository *repo = NULL;
	git_commit *c = NULL, *notes = NULL;
	git_oid nid;
	char start[8] = "", where[8], other[300] = "";
	int ret = -1, rc, have = 0, boundary = 0;
	size_t d;

	memset(out, 0, sizeof(*out));
	if (!label)
		label = rev;
	if (git_libgit2_init() < 0)
		return bg_error(err, BG_EXIT_STORE, "cannot start libgit2: %s", bg_git_msg());
	if ((rc = bg_git_repo_open(&repo, dir, err)) != 0) {
		ret = rc > 0 ? 1 : -1;
		goto out;
	}
	if ((rc = bg_git_resolve_commit(&c, repo, rev, err)) != 0) {
		ret = rc > 0 ? 1 : -1;
		goto out;
	}
	short_id(start, git_commit_id(c));
	if (notes_commit(&notes, &nid, &have, repo, notes_ref, err) < 0)
		goto out;
	for (d = 0; ; d++) {
		char *text = NULL, why[300];
		json_t *suites = NULL, *doc;
		git_commit *p = NULL;

		short_id(where, git_commit_id(c));
		if ((rc = note_read(&text, repo, notes, git_commit_id(c), err)) < 0)
			goto out;
		if (rc == 0 && bg_note_parse(&suites, NULL, text, strlen(text), why, sizeof(why)) < 0) {
			bg_strlist_addf(warnings, "skipping the corrupt note on %s under %s: %s",
					where, notes_ref, why);
		} else if (rc == 0 && !(doc = json_object_get(suites, suite))) {
			if (!*other) {
				const char *k;
				json_t *v;
				size_t len = (size_t)snprintf(other, sizeof(other),
							      "; the note on %s has only", where);
				int first = 1;

				json_object_foreach(suites, k, v) {
					if (len < sizeof(other) - 1)
						len += (size_t)snprintf(other + len, sizeof(other) - len,
									"%s '%s'", first ? "" : ",", k);
					first = 0;
				}
			}
		} else if (rc == 0) {
			git_oid_tostr(out->commit, sizeof(out->commit), git_commit_id(c));
			out->distance = d;
			out->doc = json_incref(doc);
			if (d == 0)
				out->description = bg_asprintf("note on %s (%s)", where, label);
			else
				out->description = bg_asprintf("note on %s (%zu commit%s before %s)", where,
							       d, d == 1 ? "" : "s", label);
			json_decref(suites);
			free(text);
			ret = 0;
			goto out;
		}
		json_decref(suites);
		free(text);
		if (d >= max_distance || git_commit_parentcount(c) == 0)
			break;
		if (git_commit_parent(&p, c, 0) < 0) {
			boundary = 1;
			break;
		}
		git_commit_free(c);
		c = p;
	}
	{
		const char *end = boundary ? (git_repository_is_shallow(repo) == 1
					      ? " (the shallow clone's history ends there: fetch more history, e.g. fetch-depth: 0)"
					      : " (its parent is missing)")
				  : d < max_distance ? " (the root commit)" : "";

		if (!have)
			bg_error(err, BG_EXIT_STORE,
				 "no baseline for '%s': no notes under %s (save one with 'benchgate baseline save --git', or fetch them: git fetch origin %s:%s)",
				 label, notes_ref, notes_ref, notes_ref);
		else if (d == 0)
			bg_error(err, BG_EXIT_STORE, "no baseline for '%s': no note with suite '%s' on %s%s%s",
				 label, suite, start, end, other);
		else
			bg_error(err, BG_EXIT_STORE,
				 "no baseline for '%s': no note with suite '%s' on %s or the %zu first-parent commit%s before it%s%s%s",
				 label, suite, start, d, d == 1 ? "" : "s", end,
				 d >= max_distance ? " (raise --max-distance to look further)" : "", other);
	}
out:
	git_commit_free(c);
	git_commit_free(notes);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return ret;
}

/* ---- delete ------------------------------------------------------------------- */

int bg_git_delete(char *commit_out, const char *dir, const char *notes_ref, const char *rev,
		  const char *suite, struct bg_error *err)
{
	git_repository *repo = NULL;
	git_signature *sig = NULL;
	git_commit *c = NULL;
	git_oid old, fresh;
	int ret = -1, rc;

	commit_out[0] = '\0';
	if (git_libgit2_init() < 0)
		return bg_error(err, BG_EXIT_STORE, "cannot start libgit2: %s", bg_git_msg());
	if ((rc = bg_git_repo_open(&repo, dir, err)) != 0 ||
	    (rc = bg_git_resolve_commit(&c, repo, rev, err)) != 0) {
		ret = rc > 0 ? 1 : -1;
		goto out;
	}
	git_oid_tostr(commit_out, 41, git_commit_id(c));
	if (signature(&sig, repo) < 0) {
		bg_error(err, BG_EXIT_STORE, "cannot make a signature: %s", bg_git_msg());
		goto out;
	}
	for (int round = 1; round <= CAS_ROUNDS; round++) {
		git_commit *notes = NULL;
		json_t *suites = NULL;
		char *text = NULL, *summary = NULL, why[300];
		git_oid made, blob;
		int have = 0, whole;

		if (notes_commit(&notes, &old, &have, repo, notes_ref, err) < 0)
			goto out;
		rc = note_read(&text, repo, notes, git_commit_id(c), err);
		if (rc != 0) {
			git_commit_free(notes);
			if (rc > 0)
				bg_error(err, BG_EXIT_STORE, "no baseline note on %.7s under %s",
					 commit_out, notes_ref);
			goto out;
		}
		whole = !suite;
		if (suite) {
			if (bg_note_parse(&suites, NULL, text, strlen(text), why, sizeof(why)) < 0 ||
			    !json_object_get(suites, suite)) {
				free(text);
				json_decref(suites);
				git_commit_free(notes);
				bg_error(err, BG_EXIT_STORE, "no suite '%s' in the note on %.7s", suite,
					 commit_out);
				goto out;
			}
			json_object_del(suites, suite);
			whole = json_object_size(suites) == 0;
		}
		free(text);
		text = whole ? NULL : note_text(&summary, suites);
		json_decref(suites);
		if (whole)
			rc = git_note_commit_remove(&made, repo, notes, sig, sig, git_commit_id(c));
		else
			rc = git_note_commit_create(&made, &blob, repo, notes, sig, sig,
						    git_commit_id(c), text, 1);
		if (rc == 0)
			rc = attach_summary(&fresh, repo, &made, git_commit_id(c), &blob, summary);
		free(summary);
		free(text);
		git_commit_free(notes);
		if (rc < 0) {
			bg_error(err, BG_EXIT_STORE, "cannot remove the note: %s", bg_git_msg());
			goto out;
		}
		if ((rc = cas_update(repo, notes_ref, &fresh, &old, "benchgate: baseline delete",
				     round, err)) <= 0) {
			ret = rc;
			goto out;
		}
	}
	bg_error(err, BG_EXIT_STORE, "cannot update '%s': other processes kept moving it",
		 notes_ref);
out:
	git_commit_free(c);
	git_signature_free(sig);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return ret;
}
