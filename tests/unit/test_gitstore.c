/* Unit tests for the git notes store: suites, compare-and-swap, lookup, merge-base, walk. */
#include <errno.h>
#include <stdarg.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gsl/gsl_rng.h>

#include "testutil.h"

#include "benchgate/jobnoise.h"
#include "benchgate/store.h"

/* ---- helpers ---------------------------------------------------------------- */

static char *repo;   /* the throwaway repository of the current test */

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Run a shell command in the repository; it must succeed. */
static void sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void sh(const char *fmt, ...)
{
	char cmd[4096], full[8192];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	va_end(ap);
	snprintf(full, sizeof(full), "cd '%s' && (%s) >/dev/null 2>&1", repo, cmd);
	if (system(full) != 0)
		fail_msg("command failed: %s", cmd);
}

/* The output of a shell command in the repository, first line, new string. */
static char *sh_out(const char *cmd)
{
	char full[4096], line[4096] = "";
	FILE *p;

	snprintf(full, sizeof(full), "cd '%s' && %s", repo, cmd);
	p = popen(full, "r");
	assert_non_null(p);
	if (!fgets(line, sizeof(line), p))
		line[0] = '\0';
	pclose(p);
	line[strcspn(line, "\n")] = '\0';
	return bg_strdup(line);
}

static int setup(void **state)
{
	(void)state;
	setenv("GIT_AUTHOR_NAME", "t", 1);
	setenv("GIT_AUTHOR_EMAIL", "t@example.com", 1);
	setenv("GIT_COMMITTER_NAME", "t", 1);
	setenv("GIT_COMMITTER_EMAIL", "t@example.com", 1);
	setenv("GIT_AUTHOR_DATE", "2026-01-02T03:04:05+00:00", 1);
	setenv("GIT_COMMITTER_DATE", "2026-01-02T03:04:05+00:00", 1);
	repo = bg_strdup("/tmp/bg-gitstore-XXXXXX");
	assert_non_null(mkdtemp(repo));
	sh("git init -q -b main . && git config user.name t && git config user.email t@example.com");
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	nftw(repo, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(repo);
	repo = NULL;
	return 0;
}

static void commit(const char *subject)
{
	sh("git commit -q --allow-empty -m '%s'", subject);
}

/* A baseline document with one benchmark whose samples are around level. */
static json_t *doc_at(double level)
{
	return json_pack("{s s s {s n} s {} s {} s s s [{s s s [{s s s s s s s [f f f] s [i i i]}]}]}",
			 "schema", BG_BASELINE_SCHEMA, "provenance", "commit", "recorded",
			 "environment", "source", "test", "benchmarks", "name", "parse",
			 "metrics", "name", "time", "unit", "ns", "direction", "lower",
			 "samples", level, level * 1.01, level * 0.99, "runs", 0, 0, 0);
}

static void save(const char *suite, double level, int expect_replaced)
{
	struct bg_strlist w;
	struct bg_error err = { 0 };
	struct bg_git_saved saved;
	json_t *doc = doc_at(level);

	bg_strlist_init(&w);
	if (bg_git_save(&saved, repo, BG_NOTES_REF, suite, doc, &w, &err) < 0)
		fail_msg("save: %s", err.msg);
	assert_int_equal(saved.replaced, expect_replaced);
	assert_int_equal(strlen(saved.commit), 40);
	bg_strlist_release(&w);
	json_decref(doc);
}

/* The first sample of the suite found for rev, or -1 when nothing is found. */
static double found_level(struct bg_git_found *f, const char *rev, const char *suite,
			  size_t maxd, struct bg_strlist *w, struct bg_error *err)
{
	int rc = bg_git_lookup(f, repo, BG_NOTES_REF, rev, NULL, suite, maxd, w, err);

	if (rc != 0)
		return -1;
	return json_real_value(json_array_get(json_object_get(json_array_get(
		json_object_get(json_array_get(json_object_get(f->doc, "benchmarks"), 0),
				"metrics"), 0), "samples"), 0));
}

/* ---- tests ------------------------------------------------------------------ */

static void test_notes_ref_names(void **state)
{
	char *r;

	(void)state;
	r = bg_notes_ref(NULL);
	assert_string_equal(r, "refs/notes/benchgate");
	free(r);
	r = bg_notes_ref("perf");
	assert_string_equal(r, "refs/notes/perf");
	free(r);
	r = bg_notes_ref("refs/notes/ci/perf");
	assert_string_equal(r, "refs/notes/ci/perf");
	free(r);
	assert_null(bg_notes_ref("bad..name"));
	assert_null(bg_notes_ref("refs/notes/"));
	assert_null(bg_notes_ref("with space"));
}

static void test_suites_side_by_side(void **state)
{
	struct bg_git_found f;
	struct bg_strlist w;
	struct bg_error err = { 0 };
	char *out;

	(void)state;
	bg_strlist_init(&w);
	commit("first");
	save("default", 100, 0);
	save("llm", 200, 0);
	save("default", 110, 1);   /* replaced, llm kept */
	assert_close(found_level(&f, "HEAD", "default", 0, &w, &err), 110, 1e-12);
	assert_int_equal(strncmp(f.description, "note on ", 8), 0);
	assert_non_null(strstr(f.description, " (HEAD)"));
	bg_git_found_release(&f);
	assert_close(found_level(&f, "HEAD", "llm", 0, &w, &err), 200, 1e-12);
	assert_int_equal(f.distance, 0);
	bg_git_found_release(&f);
	/* git itself reads the note: our schema, one line */
	out = sh_out("git notes --ref=benchgate show HEAD | head -c 48");
	assert_string_equal(out, "{\"schema\":\"benchgate.notes/1\",\"suites\":{\"default");
	free(out);
	assert_int_equal(w.n, 0);
	bg_strlist_release(&w);
}

static void test_first_parent_ancestor(void **state)
{
	struct bg_git_found f;
	struct bg_strlist w;
	struct bg_error err = { 0 };
	char *id;

	(void)state;
	bg_strlist_init(&w);
	commit("one");
	save("default", 100, 0);
	id = sh_out("git rev-parse --short=7 HEAD");
	commit("two");
	commit("three");
	commit("four");
	assert_close(found_level(&f, "HEAD", "default", 50, &w, &err), 100, 1e-12);
	assert_int_equal(f.distance, 3);
	{
		char want[100];

		snprintf(want, sizeof(want), "note on %s (3 commits before HEAD)", id);
		assert_string_equal(f.description, want);
	}
	bg_git_found_release(&f);
	/* HEAD~1 names it as asked */
	assert_int_equal(bg_git_lookup(&f, repo, BG_NOTES_REF, "HEAD~1", NULL, "default", 50, &w,
				       &err), 0);
	assert_int_equal(f.distance, 2);
	assert_non_null(strstr(f.description, "(2 commits before HEAD~1)"));
	bg_git_found_release(&f);
	/* out of reach */
	assert_int_equal(bg_git_lookup(&f, repo, BG_NOTES_REF, "HEAD", NULL, "default", 2, &w,
				       &err), -1);
	assert_int_equal(err.code, BG_EXIT_STORE);
	assert_non_null(strstr(err.msg, "or the 2 first-parent commits before it"));
	assert_non_null(strstr(err.msg, "--max-distance"));
	/* another suite: says which there are */
	assert_int_equal(bg_git_lookup(&f, repo, BG_NOTES_REF, "HEAD", NULL, "gpu", 50, &w,
				       &err), -1);
	assert_non_null(strstr(err.msg, "has only 'default'"));
	/* not a revision at all */
	assert_int_equal(bg_git_lookup(&f, repo, BG_NOTES_REF, "no-such-rev", NULL, "default",
				       50, &w, &err), 1);
	/* a tag, peeled */
	sh("git tag -a -m v v1.2.0 HEAD~3");
	assert_int_equal(bg_git_lookup(&f, repo, BG_NOTES_REF, "v1.2.0^{}", NULL, "default", 0,
				       &w, &err), 0);
	assert_int_equal(f.distance, 0);
	bg_git_found_release(&f);
	free(id);
	bg_strlist_release(&w);
}

static void test_only_first_parents(void **state)
{
	struct bg_git_found f;
	struct bg_strlist w;
	struct bg_error err = { 0 };

	(void)state;
	bg_strlist_init(&w);
	commit("base");
	sh("git checkout -q -b side && git commit -q --allow-empty -m side");
	save("default", 500, 0);   /* a note on the side branch */
	sh("git checkout -q main && git commit -q --allow-empty -m main2 && git merge -q --no-ff -m merge side");
	/* the merge's second parent has a note, its first parents do not */
	assert_int_equal(bg_git_lookup(&f, repo, BG_NOTES_REF, "HEAD", NULL, "default", 50, &w,
				       &err), -1);
	assert_non_null(strstr(err.msg, "(the root commit)"));
	bg_strlist_release(&w);
}

static void test_corrupt_note_skipped(void **state)
{
	struct bg_git_found f;
	struct bg_strlist w;
	struct bg_error err = { 0 };
	char *bad;

	(void)state;
	bg_strlist_init(&w);
	commit("good");
	save("default", 100, 0);
	commit("bad");
	sh("git notes --ref=benchgate add -m '{\"schema\": \"benchgate.notes/1\", \"suites\": [' HEAD");
	bad = sh_out("git rev-parse --short=7 HEAD");
	assert_close(found_level(&f, "HEAD", "default", 50, &w, &err), 100, 1e-12);
	assert_int_equal(f.distance, 1);
	assert_int_equal(w.n, 1);
	assert_non_null(strstr(w.v[0], bad));
	assert_non_null(strstr(w.v[0], "corrupt"));
	bg_git_found_release(&f);
	/* saving over a foreign note replaces it, with a warning */
	bg_strlist_release(&w);
	{
		struct bg_git_saved saved;
		json_t *doc = doc_at(300);

		assert_int_equal(bg_git_save(&saved, repo, BG_NOTES_REF, "default", doc, &w, &err), 0);
		assert_int_equal(w.n, 1);
		assert_non_null(strstr(w.v[0], "not benchgate's"));
		json_decref(doc);
	}
	bg_strlist_release(&w);
	assert_close(found_level(&f, "HEAD", "default", 0, &w, &err), 300, 1e-12);
	bg_git_found_release(&f);
	free(bad);
	bg_strlist_release(&w);
}

/*
 * Several processes save different suites on one commit at the same time, for several
 * rounds: with the compare-and-swap none is lost. (Without the zero id on creation,
 * this test caught a lost suite when the ref did not exist yet.)
 */
static void test_concurrent_saves(void **state)
{
	enum { ROUNDS = 8, PROCS = 3 };
	int retried = 0;

	(void)state;
	for (int round = 0; round < ROUNDS; round++) {
		pid_t pids[PROCS];
		int pipes[PROCS][2];

		commit("round");
		/* every other round races on creating the notes ref itself */
		if (round % 2)
			sh("git update-ref -d refs/notes/benchgate");
		for (int p = 0; p < PROCS; p++) {
			assert_int_equal(pipe(pipes[p]), 0);
			pids[p] = fork();
			assert_true(pids[p] >= 0);
			if (pids[p] == 0) {
				struct bg_strlist w;
				struct bg_error err = { 0 };
				struct bg_git_saved saved;
				char suite[32];
				json_t *doc = doc_at(100 + p);
				int rc;

				bg_strlist_init(&w);
				snprintf(suite, sizeof(suite), "s%d", p);
				rc = bg_git_save(&saved, repo, BG_NOTES_REF, suite, doc, &w, &err);
				json_decref(doc);
				bg_strlist_release(&w);
				free(repo);
				if (write(pipes[p][1], &saved.attempts, sizeof(int)) != sizeof(int))
					_exit(3);
				_exit(rc == 0 ? 0 : 2);
			}
			close(pipes[p][1]);
		}
		for (int p = 0; p < PROCS; p++) {
			int status, attempts = 0;

			assert_int_equal(read(pipes[p][0], &attempts, sizeof(int)), sizeof(int));
			close(pipes[p][0]);
			assert_int_equal(waitpid(pids[p], &status, 0), pids[p]);
			assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
			retried += attempts > 1;
		}
		for (int p = 0; p < PROCS; p++) {
			struct bg_git_found f;
			struct bg_strlist w;
			struct bg_error err = { 0 };
			char suite[32];

			bg_strlist_init(&w);
			snprintf(suite, sizeof(suite), "s%d", p);
			if (found_level(&f, "HEAD", suite, 0, &w, &err) != 100 + p)
				fail_msg("round %d: suite %s lost: %s", round, suite, err.msg);
			bg_git_found_release(&f);
			bg_strlist_release(&w);
		}
	}
	print_message("concurrent saves: %d of %d saves retried after losing the race\n", retried,
		      ROUNDS * PROCS);
}

static void test_merge_base(void **state)
{
	char base[41], *why = NULL, *want;
	struct bg_error err = { 0 };

	(void)state;
	commit("c1");
	commit("c2");
	want = sh_out("git rev-parse HEAD");
	sh("git checkout -q -b feature && git commit -q --allow-empty -m f1 && git commit -q --allow-empty -m f2");
	sh("git checkout -q main && git commit -q --allow-empty -m c3 && git checkout -q feature");
	assert_int_equal(bg_git_merge_base(base, &why, repo, "main", &err), 0);
	assert_string_equal(base, want);
	assert_string_equal(why, "merge-base of HEAD and main");
	free(why);
	/* origin/BRANCH comes first */
	sh("git update-ref refs/remotes/origin/main main~1");
	assert_int_equal(bg_git_merge_base(base, &why, repo, "main", &err), 0);
	assert_string_equal(why, "merge-base of HEAD and origin/main");
	free(why);
	assert_int_equal(bg_git_merge_base(base, &why, repo, "nope", &err), -1);
	assert_int_equal(err.code, BG_EXIT_STORE);
	assert_non_null(strstr(err.msg, "no branch 'origin/nope' or 'nope'"));
	assert_null(why);
	free(want);
}

static void test_ci_target(void **state)
{
	static const char *const vars[] = {
		"GITHUB_BASE_REF", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME",
		"BITBUCKET_PR_DESTINATION_BRANCH", "SYSTEM_PULLREQUEST_TARGETBRANCH",
		"CHANGE_TARGET", "BUILDKITE_PULL_REQUEST_BASE_BRANCH", "CIRRUS_BASE_BRANCH",
		"DRONE_TARGET_BRANCH", "DRONE_PULL_REQUEST", NULL
	};
	const char *var = "x";

	(void)state;
	for (int i = 0; vars[i]; i++)
		unsetenv(vars[i]);
	assert_null(bg_ci_target_branch(&var));
	assert_null(var);
	setenv("GITHUB_BASE_REF", "", 1);   /* set but empty on push events */
	assert_null(bg_ci_target_branch(&var));
	setenv("CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "develop", 1);
	assert_string_equal(bg_ci_target_branch(&var), "develop");
	assert_string_equal(var, "CI_MERGE_REQUEST_TARGET_BRANCH_NAME");
	setenv("GITHUB_BASE_REF", "main", 1);
	assert_string_equal(bg_ci_target_branch(&var), "main");
	unsetenv("GITHUB_BASE_REF");
	unsetenv("CI_MERGE_REQUEST_TARGET_BRANCH_NAME");
	setenv("SYSTEM_PULLREQUEST_TARGETBRANCH", "refs/heads/release/2", 1);
	assert_string_equal(bg_ci_target_branch(&var), "release/2");
	unsetenv("SYSTEM_PULLREQUEST_TARGETBRANCH");
	setenv("DRONE_TARGET_BRANCH", "main", 1);   /* pushes too: not a pull request */
	assert_null(bg_ci_target_branch(&var));
	setenv("DRONE_PULL_REQUEST", "42", 1);
	assert_string_equal(bg_ci_target_branch(&var), "main");
	for (int i = 0; vars[i]; i++)
		unsetenv(vars[i]);
}

struct walked {
	char commits[8][41];
	char suites[8][64];
	int n;
};

static int walk_row(void *payload, const char *suite, const struct bg_summary_row *row)
{
	struct walked *w = payload;

	strcat(w->suites[w->n], suite);
	strcat(w->suites[w->n], " ");
	/* one row: parse, time, ns, lower, 3 samples of one run; median the middle one */
	assert_non_null(row);
	assert_string_equal(row->bench, "parse");
	assert_string_equal(row->unit, "ns");
	assert_int_equal(row->n, 3);
	assert_int_equal(row->runs, 1);
	assert_true(row->v[0] == 100 || row->v[0] == 120);
	assert_true(isnan(row->v[3]));   /* not asked for */
	return 0;
}

static int walk_cb(void *payload, const struct bg_git_note_item *it)
{
	struct walked *w = payload;

	if (w->n == 8)
		return 1;
	snprintf(w->commits[w->n], 41, "%s", it->commit);
	w->suites[w->n][0] = '\0';
	assert_non_null(it->summary);
	assert_int_equal(bg_summary_read(it->summary, it->summary_len, 7, walk_row, w), 0);
	w->n++;
	return 0;
}

static void test_walk_and_delete(void **state)
{
	struct walked w = { 0 };
	struct bg_strlist warn;
	struct bg_error err = { 0 };
	char *c1, *c3, id[41];
	size_t nnotes;

	(void)state;
	bg_strlist_init(&warn);
	commit("c1");
	save("default", 100, 0);
	save("llm", 100, 0);
	c1 = sh_out("git rev-parse HEAD");
	commit("c2");
	commit("c3");
	save("default", 120, 0);
	c3 = sh_out("git rev-parse HEAD");
	assert_int_equal(bg_git_walk(repo, BG_NOTES_REF, NULL, walk_cb, &w, &nnotes, &warn, &err), 0);
	assert_int_equal(nnotes, 2);
	assert_int_equal(w.n, 2);
	assert_string_equal(w.commits[0], c3);   /* newest first */
	assert_string_equal(w.commits[1], c1);
	assert_string_equal(w.suites[1], "default llm ");
	/* a range leaves c1 out */
	memset(&w, 0, sizeof(w));
	assert_int_equal(bg_git_walk(repo, BG_NOTES_REF, "HEAD~2..HEAD", walk_cb, &w, NULL, &warn,
				     &err), 0);
	assert_int_equal(w.n, 1);
	assert_int_equal(bg_git_walk(repo, BG_NOTES_REF, "nope..HEAD", walk_cb, &w, NULL, &warn,
				     &err), -1);
	assert_int_equal(err.code, BG_EXIT_USAGE);
	/* delete one suite, then the whole note */
	assert_int_equal(bg_git_delete(id, repo, BG_NOTES_REF, "HEAD~2", "llm", &err), 0);
	assert_string_equal(id, c1);
	assert_int_equal(bg_git_delete(id, repo, BG_NOTES_REF, "HEAD~2", "llm", &err), -1);
	assert_non_null(strstr(err.msg, "no suite 'llm'"));
	assert_int_equal(bg_git_delete(id, repo, BG_NOTES_REF, "HEAD", NULL, &err), 0);
	assert_int_equal(bg_git_delete(id, repo, BG_NOTES_REF, "HEAD", NULL, &err), -1);
	assert_int_equal(bg_git_delete(id, repo, BG_NOTES_REF, "nope", NULL, &err), 1);
	memset(&w, 0, sizeof(w));
	assert_int_equal(bg_git_walk(repo, BG_NOTES_REF, NULL, walk_cb, &w, &nnotes, &warn, &err), 0);
	assert_int_equal(nnotes, 1);
	assert_string_equal(w.suites[0], "default ");
	assert_int_equal(warn.n, 0);
	free(c1);
	free(c3);
	bg_strlist_release(&warn);
}

/* The median of each walked note, newest first. */
struct medians {
	int n;
	double v[4];
};

static int median_row(void *payload, const char *suite, const struct bg_summary_row *row)
{
	struct medians *m = payload;

	(void)suite;
	if (row && m->n < 4)
		m->v[m->n++] = row->v[0];
	return 0;
}

static int median_cb(void *payload, const struct bg_git_note_item *it)
{
	assert_non_null(it->summary);
	assert_int_equal(bg_summary_read(it->summary, it->summary_len, 1, median_row, payload), 0);
	return 0;
}

/*
 * Notes as earlier benchgate wrote them (the summary first in the note, no summary
 * blob) and notes without any summary are read: the summary from the note (555
 * there, not the samples' 100), else computed from the samples.
 */
static void test_walk_older_notes(void **state)
{
	static const char doc[] =
		"{\"schema\":\"benchgate.baseline/1\",\"provenance\":{\"commit\":null},"
		"\"recorded\":{},\"environment\":{},\"source\":\"t\",\"benchmarks\":[{\"name\":"
		"\"parse\",\"metrics\":[{\"name\":\"time\",\"unit\":\"ns\",\"direction\":\"lower\","
		"\"samples\":[%d,%d,%d],\"runs\":[0,0,0]}]}]}";
	struct medians m = { 0 };
	struct bg_strlist warn;
	struct bg_error err = { 0 };
	char d1[400], d2[400];

	(void)state;
	bg_strlist_init(&warn);
	snprintf(d1, sizeof(d1), doc, 100, 101, 99);
	snprintf(d2, sizeof(d2), doc, 120, 121, 119);
	commit("c1");
	sh("git notes --ref=benchgate add -m '{\"schema\":\"benchgate.notes/1\",\"summary\":"
	   "{\"default\":[[\"parse\",\"time\",\"ns\",\"lower\",3,1,555.0,1,2,3,4,5,6,7,8,9]]},"
	   "\"suites\":{\"default\":%s}}' HEAD", d1);
	commit("c2");
	sh("git notes --ref=benchgate add -m '{\"schema\":\"benchgate.notes/1\",\"suites\":"
	   "{\"default\":%s}}' HEAD", d2);
	assert_int_equal(bg_git_walk(repo, BG_NOTES_REF, NULL, median_cb, &m, NULL, &warn, &err), 0);
	assert_int_equal(m.n, 2);
	assert_true(m.v[0] == 120);
	assert_true(m.v[1] == 555);
	assert_int_equal(warn.n, 0);
	bg_strlist_release(&warn);
}

struct rows {
	int n, empty;
	char names[4][64];
	double v[4][10];
	char text[4][32];
};

static int collect_row(void *payload, const char *suite, const struct bg_summary_row *row)
{
	struct rows *r = payload;

	if (!row) {
		r->empty++;
		return 0;
	}
	assert_true(r->n < 4);
	snprintf(r->names[r->n], sizeof(r->names[0]), "%s|%s|%s|%s|%s|%lld|%lld", suite,
		 row->bench, row->metric, row->unit, row->direction, row->n, row->runs);
	memcpy(r->v[r->n], row->v, sizeof(row->v));
	snprintf(r->text[r->n], sizeof(r->text[0]), "%.*s", (int)row->vlen[2], row->vtext[2]);
	r->n++;
	return 0;
}

static void test_summary_read(void **state)
{
	static const char good[] =
		"{\"a\\u00e9\\\"\": [[\"x\\/y\\n\", \"time\", \"ns\", \"lower\", 12, 3, 1.5, null, 2e3,"
		" 1, 2, 3, 4, 5, 6, -0.25]], \"empty\": []}";
	static const char *const bad[] = {
		"", "[]", "{\"a\": [[\"x\", \"t\", \"ns\", \"lower\", 1, 1, 1]]}",
		"{\"a\": [[\"x\", \"t\", \"ns\", \"lower\", 1.5, 1, 1,1,1,1,1,1,1,1,1,1]]}",
		"{\"a\": [[\"x\\q\", \"t\", \"ns\", \"lower\", 1, 1, 1,1,1,1,1,1,1,1,1,1]]}",
		"{\"a\": [[\"x\\ud800\", \"t\", \"ns\", \"lower\", 1, 1, 1,1,1,1,1,1,1,1,1,1]]}",
		"{\"a\": [[\"x\", \"t\", \"ns\", \"lower\", 1, 1, 1,1,1,1,1,1,1,1,1,x]]}",
		"{\"a\": [[\"x\", \"t\", \"ns\", \"lower\", 1, 1, 1,1,1,1,1,1,1,1,1,1]]",
		NULL
	};
	struct rows r = { 0 };
	gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);

	(void)state;
	assert_int_equal(bg_summary_read(good, strlen(good), 0x3ff, collect_row, &r), 0);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.empty, 1);
	assert_string_equal(r.names[0], "a\xc3\xa9\"|x/y\n|time|ns|lower|12|3");
	assert_true(r.v[0][0] == 1.5 && isnan(r.v[0][1]) && r.v[0][2] == 2000 && r.v[0][9] == -0.25);
	assert_string_equal(r.text[0], "2e3");
	memset(&r, 0, sizeof(r));
	assert_int_equal(bg_summary_read(good, strlen(good), 1, collect_row, &r), 0);
	assert_true(r.v[0][0] == 1.5 && isnan(r.v[0][2]));   /* only what was asked */
	for (int i = 0; bad[i]; i++) {
		memset(&r, 0, sizeof(r));
		if (bg_summary_read(bad[i], strlen(bad[i]), 0x3ff, collect_row, &r) != -1)
			fail_msg("summary %d read: %s", i, bad[i]);
	}
	/* the fast decimal path gives strtod's double, bit for bit */
	gsl_rng_set(rng, 7);
	for (int i = 0; i < 20000; i++) {
		char text[400], num[40];
		double want;

		snprintf(num, sizeof(num), "%.*f", (int)gsl_rng_uniform_int(rng, 8),
			 gsl_rng_uniform(rng) * pow(10, (double)gsl_rng_uniform_int(rng, 12)));
		want = strtod(num, NULL);
		snprintf(text, sizeof(text), "{\"s\": [[\"b\", \"m\", \"u\", \"d\", 1, 1, %s, 0,0,0,0,0,0,0,0,0]]}", num);
		memset(&r, 0, sizeof(r));
		assert_int_equal(bg_summary_read(text, strlen(text), 1, collect_row, &r), 0);
		if (memcmp(&r.v[0][0], &want, sizeof(want)))
			fail_msg("'%s' read as %.17g, strtod gives %.17g", num, r.v[0][0], want);
	}
	gsl_rng_free(rng);
}

static void test_fingerprint(void **state)
{
	json_t *rec_a = json_pack("{s s s s s i s s s s s n}", "host", "ci-1", "cpu", "AMD EPYC 7763",
				  "cores", 16, "os", "Debian 12", "kernel", "6.1.0", "arch");
	json_t *rec_b = json_pack("{s s s s s i s s s s s s}", "host", "ci-1", "cpu", "Intel Xeon",
				  "cores", 8, "os", "Debian 12", "kernel", "6.1.0", "arch", "x86_64");
	json_t *env_a = json_pack("{s s s s}", "compiler", "gcc 12.2.0", "host", "ignored");
	json_t *env_b = json_pack("{s s}", "compiler", "clang 16");
	json_t *a = bg_fingerprint(rec_a, env_a), *b = bg_fingerprint(rec_b, env_b);
	json_t *none = bg_fingerprint(NULL, NULL);
	struct bg_strlist d;

	(void)state;
	bg_strlist_init(&d);
	/* arch unknown on one side: not compared; host of the input not taken */
	assert_null(json_object_get(a, "arch"));
	assert_string_equal(json_string_value(json_object_get(a, "host")), "ci-1");
	assert_int_equal(bg_fingerprint_diff(&d, a, b), 3);
	assert_string_equal(d.v[0], "cpu: 'AMD EPYC 7763' in the baseline, 'Intel Xeon' here");
	assert_string_equal(d.v[1], "cores: 16 in the baseline, 8 here");
	assert_string_equal(d.v[2], "compiler: 'gcc 12.2.0' in the baseline, 'clang 16' here");
	bg_strlist_release(&d);
	assert_int_equal(bg_fingerprint_diff(&d, a, a), 0);
	assert_int_equal(bg_fingerprint_diff(&d, none, b), 0);
	assert_int_equal(d.n, 0);
	json_decref(rec_a);
	json_decref(rec_b);
	json_decref(env_a);
	json_decref(env_b);
	json_decref(a);
	json_decref(b);
	json_decref(none);
}


/*
 * bg_git_history: the gated statistic of the wanted benchmarks from the notes behind a
 * revision, newest first, the revision's own note first; limit values each; a suite of
 * another name and a commit without a note are passed over; a benchmark no note has
 * reads to the walk's end (4 limit + 20 notes at most) and stays empty.
 */
static void test_history_reader(void **state)
{
	struct bg_strlist w;
	struct bg_error err = { 0 };
	struct bg_hist h;
	struct bg_hist_want want[] = {
		{ "parse", "time", BG_STAT_MEDIAN },
		{ "nowhere", "time", BG_STAT_MEDIAN },
		{ "parse", "time", BG_STAT_MEDIAN },   /* twice: one series */
	};
	const struct bg_hist_series *s;

	(void)state;
	bg_strlist_init(&w);
	for (int i = 1; i <= 12; i++) {
		char subject[32];

		snprintf(subject, sizeof(subject), "c%d", i);
		commit(subject);
		if (i != 9)
			save("default", 100.0 * i, 0);
		if (i == 11)
			save("other", 5.0, 0);
	}
	bg_hist_init(&h);
	if (bg_git_history(&h, repo, BG_NOTES_REF, "HEAD~2", "main", "default", want, 3, 5, &w,
			   &err) < 0)
		fail_msg("history: %s", err.msg);
	assert_int_equal(h.nseries, 2);
	assert_string_equal(h.label, "main");
	assert_int_equal(h.limit, 5);
	s = bg_hist_find(&h, "parse", "time");
	assert_non_null(s);
	assert_int_equal(s->n, 5);
	/* HEAD~2 is c10; c9 has no note: 1000, 800, 700, 600, 500 */
	assert_close(s->value[0], 1000, 1e-6);
	assert_close(s->value[1], 800, 1e-6);
	assert_close(s->value[4], 500, 1e-6);
	s = bg_hist_find(&h, "nowhere", "time");
	assert_non_null(s);
	assert_int_equal(s->n, 0);
	assert_int_equal(h.nnotes, 5);   /* the notes that gave a value (all 9 were read) */
	bg_hist_release(&h);

	/* all wanted complete: the walk stops after limit notes */
	bg_hist_init(&h);
	assert_int_equal(bg_git_history(&h, repo, BG_NOTES_REF, NULL, "HEAD", "default", want, 1, 3,
					&w, &err), 0);
	assert_int_equal(h.nnotes, 3);
	assert_close(h.series[0].value[2], 1000, 1e-6);
	bg_hist_release(&h);
	assert_int_equal(w.n, 0);
	bg_strlist_release(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_notes_ref_names),
		cmocka_unit_test_setup_teardown(test_suites_side_by_side, setup, teardown),
		cmocka_unit_test_setup_teardown(test_first_parent_ancestor, setup, teardown),
		cmocka_unit_test_setup_teardown(test_only_first_parents, setup, teardown),
		cmocka_unit_test_setup_teardown(test_corrupt_note_skipped, setup, teardown),
		cmocka_unit_test_setup_teardown(test_concurrent_saves, setup, teardown),
		cmocka_unit_test_setup_teardown(test_merge_base, setup, teardown),
		cmocka_unit_test(test_ci_target),
		cmocka_unit_test_setup_teardown(test_walk_and_delete, setup, teardown),
		cmocka_unit_test_setup_teardown(test_walk_older_notes, setup, teardown),
		cmocka_unit_test(test_summary_read),
		cmocka_unit_test(test_fingerprint),
		cmocka_unit_test_setup_teardown(test_history_reader, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
