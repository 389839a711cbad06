/* Unit tests for the baseline store: names, documents, atomic saves, git provenance. */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "testutil.h"

#include "benchgate/store.h"

#define EPOCH "1700000000"           /* 2023-11-14T22:13:20Z */
#define EPOCH_ISO "2023-11-14T22:13:20Z"

/* ---- helpers ---------------------------------------------------------------- */

/* A new directory under /tmp; the caller frees the string and calls rm_tree. */
static char *temp_dir(void)
{
	char *d = bg_strdup("/tmp/bg-store-XXXXXX");

	assert_non_null(mkdtemp(d));
	return d;
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void rm_tree(char *dir)
{
	assert_int_equal(nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS), 0);
	free(dir);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	assert_int_equal(fputs(text, f) >= 0, 1);
	assert_int_equal(fclose(f), 0);
}

/* The whole file as a new string. */
static char *read_text(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long len;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	len = ftell(f);
	rewind(f);
	buf = bg_malloc((size_t)len + 1);
	assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
	buf[len] = '\0';
	fclose(f);
	return buf;
}

/* Number of directory entries other than "." and "..". */
static int count_entries(const char *dir)
{
	char *cmd = bg_asprintf("ls -A '%s'", dir);
	char line[1024];
	int n = 0;
	FILE *p = popen(cmd, "r");

	assert_non_null(p);
	while (fgets(line, sizeof(line), p))
		n++;
	assert_int_equal(pclose(p), 0);
	free(cmd);
	return n;
}

/* Two benchmarks, samples from runs 3 and 5 (renumbered 0 and 1 on save). */
static void sample_resultset(struct bg_resultset *rs)
{
	struct bg_bench *b;
	struct bg_metric *m;

	bg_resultset_init(rs);
	rs->source = bg_strdup("run1.json run2.json");
	rs->nruns = 2;
	b = bg_resultset_bench(rs, "parse/small");
	m = bg_bench_metric(b, "time", "ns", BG_DIR_LOWER);
	bg_metric_add(m, 0.1, 3);
	bg_metric_add(m, 1e-300, 3);
	bg_metric_add(m, 123456.789, 5);
	m = bg_bench_metric(b, "tokens_per_sec", "tok/s", BG_DIR_HIGHER);
	bg_metric_add(m, 2.5, 5);
	b = bg_resultset_bench(rs, "étrange");
	m = bg_bench_metric(b, "score", "", BG_DIR_NONE);
	bg_metric_add(m, 42, 5);
}

static const char *ostr(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* Restores the current directory a test changed. */
static int saved_cwd = -1;

static void push_dir(const char *dir)
{
	saved_cwd = open(".", O_RDONLY | O_DIRECTORY);
	assert_true(saved_cwd >= 0);
	assert_int_equal(chdir(dir), 0);
}

static void pop_dir(void)
{
	assert_int_equal(fchdir(saved_cwd), 0);
	close(saved_cwd);
	saved_cwd = -1;
}

/* ---- names and paths ---------------------------------------------------------- */

static void test_name_ok(void **state)
{
	static const struct {
		const char *name;
		int ok;
	} cases[] = {
		{ "main", 1 }, { "v1.4.0", 1 }, { "release-2026_11", 1 },
		{ "feature+x@host", 1 }, { "a.b", 1 }, { "9", 1 },
		{ "", 0 }, { ".hidden", 0 }, { ".", 0 }, { "..", 0 }, { "a..b", 0 },
		{ "a/b", 0 }, { "/abs", 0 }, { "tail/", 0 }, { "a\tb", 0 },
		{ "a\nb", 0 }, { "a\x7f", 0 }, { "with space", 0 }, { "naïve", 0 },
		{ "a*b", 0 }, { "a\\b", 0 }, { "a:b", 0 },
	};
	char longname[BG_BASELINE_NAME_MAX + 2];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (bg_baseline_name_ok(cases[i].name) != cases[i].ok)
			fail_msg("name '%s': expected %d", cases[i].name, cases[i].ok);
	assert_false(bg_baseline_name_ok(NULL));
	memset(longname, 'x', sizeof(longname));
	longname[BG_BASELINE_NAME_MAX] = '\0';
	assert_true(bg_baseline_name_ok(longname));
	longname[BG_BASELINE_NAME_MAX] = 'x';
	longname[BG_BASELINE_NAME_MAX + 1] = '\0';
	assert_false(bg_baseline_name_ok(longname));
}

static void test_baseline_path(void **state)
{
	char *p;

	(void)state;
	p = bg_baseline_path("baselines", "main");
	assert_string_equal(p, "baselines/main.json");
	free(p);
	p = bg_baseline_path("/x/", "v1");
	assert_string_equal(p, "/x/v1.json");
	free(p);
	p = bg_baseline_path("", "v1");
	assert_string_equal(p, "v1.json");
	free(p);
}

/* ---- machine ---------------------------------------------------------------- */

static void test_machine(void **state)
{
	static const char *const keys[] = {
		"host", "os", "kernel", "arch", "cpu", "cores", "benchgate_version",
		"saved_at", NULL
	};
	json_t *m;
	const char *key;
	json_t *v;
	int i = 0;

	(void)state;
	setenv("SOURCE_DATE_EPOCH", EPOCH, 1);
	m = bg_machine_collect();
	json_object_foreach(m, key, v) {
		assert_non_null(keys[i]);
		assert_string_equal(key, keys[i]);
		i++;
	}
	assert_null(keys[i]);
	assert_string_equal(ostr(m, "saved_at"), EPOCH_ISO);
#ifdef BG_VERSION
	assert_string_equal(ostr(m, "benchgate_version"), BG_VERSION);
#endif
	assert_non_null(ostr(m, "kernel"));
	assert_non_null(ostr(m, "arch"));
	assert_non_null(ostr(m, "os"));
	assert_true(json_integer_value(json_object_get(m, "cores")) >= 1);
	json_decref(m);

	/* Not an integer: the clock is used instead. */
	setenv("SOURCE_DATE_EPOCH", "1700000000x", 1);
	m = bg_machine_collect();
	assert_string_not_equal(ostr(m, "saved_at"), EPOCH_ISO);
	assert_int_equal(strlen(ostr(m, "saved_at")), strlen(EPOCH_ISO));
	json_decref(m);
	setenv("SOURCE_DATE_EPOCH", "0", 1);
	m = bg_machine_collect();
	assert_string_equal(ostr(m, "saved_at"), "1970-01-01T00:00:00Z");
	json_decref(m);
	setenv("SOURCE_DATE_EPOCH", EPOCH, 1);
}

/* ---- the document --------------------------------------------------------------- */

static void test_to_json(void **state)
{
	static const char *const order[] = {
		"schema", "provenance", "recorded", "environment", "source", "benchmarks", NULL
	};
	struct bg_resultset rs;
	json_t *doc, *m0, *runs, *v;
	const char *key;
	int i = 0;

	(void)state;
	sample_resultset(&rs);
	doc = bg_baseline_to_json(&rs, NULL, NULL);
	assert_non_null(doc);
	json_object_foreach(doc, key, v) {
		assert_non_null(order[i]);
		assert_string_equal(key, order[i]);
		i++;
	}
	assert_string_equal(ostr(doc, "schema"), BG_BASELINE_SCHEMA);
	assert_true(json_is_null(json_object_get(json_object_get(doc, "provenance"), "commit")));
	assert_true(json_is_null(json_object_get(json_object_get(doc, "recorded"), "saved_at")));
	assert_true(json_is_object(json_object_get(doc, "environment")));
	assert_int_equal(json_object_size(json_object_get(doc, "environment")), 0);
	assert_string_equal(ostr(doc, "source"), "run1.json run2.json");
	m0 = json_array_get(json_object_get(json_array_get(json_object_get(doc, "benchmarks"), 0),
					    "metrics"), 0);
	assert_string_equal(ostr(m0, "direction"), "lower");
	runs = json_object_get(m0, "runs");
	assert_int_equal(json_integer_value(json_array_get(runs, 0)), 0);
	assert_int_equal(json_integer_value(json_array_get(runs, 2)), 1);
	m0 = json_array_get(json_object_get(json_array_get(json_object_get(doc, "benchmarks"), 1),
					    "metrics"), 0);
	assert_string_equal(ostr(m0, "direction"), "none");
	assert_string_equal(ostr(m0, "unit"), "");
	json_decref(doc);

	/* A non-finite sample has no JSON form. */
	bg_metric_add(&rs.benches[0].metrics[0], NAN, 3);
	assert_null(bg_baseline_to_json(&rs, NULL, NULL));
	bg_resultset_release(&rs);
}

/* ---- saving ------------------------------------------------------------------ */

static void test_save_roundtrip(void **state)
{
	struct bg_resultset rs;
	struct bg_strlist warnings;
	struct bg_error err = { 0 };
	char *tmp = temp_dir(), *dir = bg_asprintf("%s/deep/baselines", tmp), *path = NULL;
	char *text;
	json_t *doc, *b0, *m0, *s, *prov;
	json_error_t jerr;

	(void)state;
	sample_resultset(&rs);
	rs.environment = json_pack("{s:s, s:s}", "host", "ci-3", "compiler", "gcc 12");
	/* A result set read from a baseline keeps its provenance. */
	rs.provenance = json_pack("{s:s, s:s, s:b, s:b, s:s, s:s}", "commit",
				  "0123456789abcdef0123456789abcdef01234567", "branch", "main",
				  "detached", 0, "dirty", 0, "commit_time",
				  "2026-11-23T03:07:32+00:00", "subject", "Speed up parsing");
	bg_strlist_init(&warnings);
	assert_int_equal(bg_baseline_save(&path, &rs, dir, "v1.0", &warnings, &err), 0);
	assert_int_equal(warnings.n, 0);
	assert_non_null(path);
	assert_true(strstr(path, "/deep/baselines/v1.0.json") != NULL);
	/* Nothing left beside it: the temporary file was renamed. */
	assert_int_equal(count_entries(dir), 1);

	text = read_text(path);
	assert_true(text[strlen(text) - 1] == '\n');
	assert_true(text[strlen(text) - 2] == '}');
	assert_non_null(strstr(text, "\n  \"schema\": \"benchgate.baseline/1\""));
	free(text);

	doc = json_load_file(path, 0, &jerr);
	assert_non_null(doc);
	assert_string_equal(ostr(doc, "schema"), BG_BASELINE_SCHEMA);
	prov = json_object_get(doc, "provenance");
	assert_string_equal(ostr(prov, "commit"), "0123456789abcdef0123456789abcdef01234567");
	assert_string_equal(ostr(prov, "branch"), "main");
	assert_true(json_is_false(json_object_get(prov, "dirty")));
	assert_string_equal(ostr(json_object_get(doc, "recorded"), "saved_at"), EPOCH_ISO);
	assert_string_equal(ostr(json_object_get(doc, "environment"), "compiler"), "gcc 12");
	assert_string_equal(ostr(doc, "source"), "run1.json run2.json");
	assert_int_equal(json_array_size(json_object_get(doc, "benchmarks")), 2);
	b0 = json_array_get(json_object_get(doc, "benchmarks"), 0);
	assert_string_equal(ostr(b0, "name"), "parse/small");
	m0 = json_array_get(json_object_get(b0, "metrics"), 0);
	assert_string_equal(ostr(m0, "name"), "time");
	assert_string_equal(ostr(m0, "unit"), "ns");
	s = json_object_get(m0, "samples");
	/* Exactly the same doubles, not merely close. */
	assert_true(json_real_value(json_array_get(s, 0)) == 0.1);
	assert_true(json_real_value(json_array_get(s, 1)) == 1e-300);
	assert_true(json_real_value(json_array_get(s, 2)) == 123456.789);
	assert_int_equal(json_integer_value(json_array_get(json_object_get(m0, "runs"), 2)), 1);
	assert_string_equal(ostr(json_array_get(json_object_get(doc, "benchmarks"), 1), "name"),
			    "étrange");
	json_decref(doc);

	/* Saving again replaces the file, atomically. */
	free(path);
	path = NULL;
	rs.benches[0].metrics[0].samples[0] = 0.2;
	assert_int_equal(bg_baseline_save(&path, &rs, dir, "v1.0", &warnings, &err), 0);
	assert_int_equal(count_entries(dir), 1);
	doc = json_load_file(path, 0, &jerr);
	assert_non_null(doc);
	s = json_object_get(json_array_get(json_object_get(json_array_get(
		json_object_get(doc, "benchmarks"), 0), "metrics"), 0), "samples");
	assert_true(json_real_value(json_array_get(s, 0)) == 0.2);
	json_decref(doc);

	free(path);
	free(dir);
	bg_strlist_release(&warnings);
	bg_resultset_release(&rs);
	rm_tree(tmp);
}

static void test_save_bad_name(void **state)
{
	static const char *const bad[] = { "", "../x", "a/b", ".x", "a b", NULL };
	struct bg_resultset rs;
	struct bg_strlist warnings;
	char *tmp = temp_dir(), *path = (char *)"unchanged";

	(void)state;
	sample_resultset(&rs);
	bg_strlist_init(&warnings);
	for (int i = 0; bad[i]; i++) {
		struct bg_error err = { 0 };

		assert_int_equal(bg_baseline_save(&path, &rs, tmp, bad[i], &warnings, &err), -1);
		assert_int_equal(err.code, BG_EXIT_USAGE);
		assert_null(path);
		assert_non_null(strstr(err.msg, "is not a valid baseline name"));
	}
	assert_int_equal(count_entries(tmp), 0);
	bg_strlist_release(&warnings);
	bg_resultset_release(&rs);
	rm_tree(tmp);
}

static void test_save_errors(void **state)
{
	struct bg_resultset rs;
	struct bg_strlist warnings;
	struct bg_error err = { 0 };
	char *tmp = temp_dir(), *file = bg_asprintf("%s/file", tmp);
	char *dir = bg_asprintf("%s/file/sub", tmp), *path = NULL, *expect;

	(void)state;
	sample_resultset(&rs);
	rs.provenance = json_object();
	bg_strlist_init(&warnings);
	write_file(file, "not a directory\n");

	/* The directory cannot be made: a regular file is in the way. */
	assert_int_equal(bg_baseline_save(&path, &rs, dir, "x", &warnings, &err), -1);
	assert_int_equal(err.code, BG_EXIT_STORE);
	assert_null(path);
	expect = bg_asprintf("cannot write '%s/file/sub/x.json': cannot create '%s/file': %s",
			     tmp, tmp, bg_strerror(ENOTDIR));
	assert_string_equal(err.msg, expect);
	free(expect);

	/* bg_write_atomic into a missing directory. */
	free(dir);
	dir = bg_asprintf("%s/missing/x.json", tmp);
	assert_int_equal(bg_write_atomic(dir, "{}\n", 3, &err), -1);
	assert_int_equal(err.code, BG_EXIT_STORE);
	expect = bg_asprintf("cannot write '%s': %s", dir, bg_strerror(ENOENT));
	assert_string_equal(err.msg, expect);
	free(expect);

	/* The target is a directory: rename fails, the temporary file is removed. */
	free(dir);
	dir = bg_asprintf("%s/isdir.json", tmp);
	assert_int_equal(mkdir(dir, 0777), 0);
	assert_int_equal(bg_baseline_save(&path, &rs, tmp, "isdir", &warnings, &err), -1);
	assert_int_equal(err.code, BG_EXIT_STORE);
	assert_non_null(strstr(err.msg, "cannot write '"));
	assert_int_equal(count_entries(tmp), 2);   /* file, isdir.json */

	/* A sample JSON cannot hold. */
	bg_metric_add(&rs.benches[0].metrics[0], INFINITY, 3);
	assert_int_equal(bg_baseline_save(&path, &rs, tmp, "inf", &warnings, &err), -1);
	assert_int_equal(err.code, BG_EXIT_INPUT);
	assert_string_equal(err.msg, "'parse/small' 'time': sample 4 is not a finite number");
	assert_int_equal(count_entries(tmp), 2);
	rs.benches[0].metrics[0].n--;

	/* A name that is not UTF-8 cannot be a JSON string. */
	free(rs.benches[1].name);
	rs.benches[1].name = bg_strdup("bad\xff");
	assert_int_equal(bg_baseline_save(&path, &rs, tmp, "utf", &warnings, &err), -1);
	assert_int_equal(err.code, BG_EXIT_INPUT);
	assert_string_equal(err.msg, "benchmark name 'bad\xff' is not valid UTF-8");
	assert_int_equal(count_entries(tmp), 2);

	free(dir);
	free(file);
	bg_strlist_release(&warnings);
	bg_resultset_release(&rs);
	rm_tree(tmp);
}

static void test_write_atomic_mode(void **state)
{
	struct bg_error err = { 0 };
	char *tmp = temp_dir(), *path = bg_asprintf("%s/out.md", tmp), *text;
	mode_t old = umask(022);
	struct stat st;

	(void)state;
	write_file(path, "old contents that are longer\n");
	assert_int_equal(bg_write_atomic(path, "new\n", 4, &err), 0);
	text = read_text(path);
	assert_string_equal(text, "new\n");
	free(text);
	assert_int_equal(stat(path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
	assert_int_equal(count_entries(tmp), 1);
	umask(old);
	free(path);
	rm_tree(tmp);
}

/* ---- resolve and list -------------------------------------------------------------- */

static void test_resolve(void **state)
{
	struct bg_error err = { 0 };
	char *tmp = temp_dir(), *file = bg_asprintf("%s/given.json", tmp);
	char *dir = bg_asprintf("%s/baselines", tmp), *saved = bg_asprintf("%s/v1.json", dir);
	char *path = NULL, *expect;

	(void)state;
	assert_int_equal(mkdir(dir, 0777), 0);
	write_file(file, "{}\n");
	write_file(saved, "{}\n");

	assert_int_equal(bg_baseline_resolve(&path, file, dir, &err), 0);
	assert_string_equal(path, file);
	free(path);
	assert_int_equal(bg_baseline_resolve(&path, "v1", dir, &err), 0);
	assert_string_equal(path, saved);
	free(path);

	assert_int_equal(bg_baseline_resolve(&path, "v2", dir, &err), -1);
	assert_null(path);
	assert_int_equal(err.code, BG_EXIT_STORE);
	expect = bg_asprintf("no baseline 'v2': not a file, and no '%s/v2.json'", dir);
	assert_string_equal(err.msg, expect);
	free(expect);
	/* A directory is not a baseline file; a bad name is not looked up. */
	assert_int_equal(bg_baseline_resolve(&path, dir, dir, &err), -1);
	assert_int_equal(bg_baseline_resolve(&path, "../baselines/v1", dir, &err), -1);

	free(saved);
	free(dir);
	free(file);
	rm_tree(tmp);
}

static void test_list(void **state)
{
	struct bg_resultset rs;
	struct bg_strlist warnings;
	struct bg_error err = { 0 };
	struct bg_baseline_entry *e = NULL;
	size_t n = 99;
	char *tmp = temp_dir(), *dir = bg_asprintf("%s/baselines", tmp), *p;

	(void)state;
	bg_strlist_init(&warnings);
	/* A missing directory is an empty list. */
	assert_int_equal(bg_baseline_list(&e, &n, dir, &warnings, &err), 0);
	assert_int_equal(n, 0);
	assert_null(e);

	sample_resultset(&rs);
	rs.provenance = json_pack("{s:s}", "commit", "89abcdef0123456789abcdef0123456789abcdef");
	assert_int_equal(bg_baseline_save(&p, &rs, dir, "zeta", &warnings, &err), 0);
	free(p);
	assert_int_equal(bg_baseline_save(&p, &rs, dir, "alpha", &warnings, &err), 0);
	free(p);
	p = bg_asprintf("%s/corrupt.json", dir);
	write_file(p, "{\n  \"schema\": \"benchgate.baseline/1\",\n  oops\n}\n");
	free(p);
	p = bg_asprintf("%s/other.json", dir);
	write_file(p, "{\"schema\": \"benchgate.results/1\", \"benchmarks\": []}\n");
	free(p);
	p = bg_asprintf("%s/.hidden.json", dir);
	write_file(p, "{}");
	free(p);
	p = bg_asprintf("%s/notes.txt", dir);
	write_file(p, "{}");
	free(p);
	p = bg_asprintf("%s/sub.json", dir);
	assert_int_equal(mkdir(p, 0777), 0);
	free(p);

	assert_int_equal(bg_baseline_list(&e, &n, dir, &warnings, &err), 0);
	assert_int_equal(n, 4);
	assert_string_equal(e[0].name, "alpha");
	assert_string_equal(e[0].commit, "89abcdef0123456789abcdef0123456789abcdef");
	assert_string_equal(e[0].saved_at, EPOCH_ISO);
	assert_int_equal(e[0].nbenches, 2);
	assert_string_equal(e[1].name, "corrupt");
	assert_null(e[1].commit);
	assert_null(e[1].saved_at);
	assert_int_equal(e[1].nbenches, 0);
	assert_string_equal(e[2].name, "other");
	assert_null(e[2].commit);
	assert_string_equal(e[3].name, "zeta");

	assert_int_equal(warnings.n, 2);
	p = bg_asprintf("%s/corrupt.json:3:", dir);
	assert_true(!strncmp(warnings.v[0], p, strlen(p)));
	free(p);
	p = bg_asprintf("%s/other.json: not a baseline: schema 'benchgate.results/1', "
			"expected 'benchgate.baseline/1'", dir);
	assert_string_equal(warnings.v[1], p);
	free(p);

	bg_baseline_entries_free(e, n);
	bg_strlist_release(&warnings);
	bg_resultset_release(&rs);
	free(dir);
	rm_tree(tmp);
}

/* ---- git provenance --------------------------------------------------------------- */

#define T0 1700000000

/* A new repository at dir whose HEAD is refs/heads/main, with no commit. */
static git_repository *make_repo(const char *dir)
{
	git_repository_init_options o;
	git_repository *repo = NULL;

	assert_int_equal(git_repository_init_options_init(&o, GIT_REPOSITORY_INIT_OPTIONS_VERSION), 0);
	o.flags = GIT_REPOSITORY_INIT_MKPATH;
	o.initial_head = "main";
	assert_int_equal(git_repository_init_ext(&repo, dir, &o), 0);
	return repo;
}

/* Write name in the work tree, stage it and commit on HEAD; the new id in *id. */
static void commit_file(git_oid *id, git_repository *repo, const char *name,
			const char *text, const char *msg, int offset)
{
	git_index *idx = NULL;
	git_oid tree_id, parent_id;
	git_tree *tree = NULL;
	git_commit *parent = NULL;
	git_signature *sig = NULL;
	char *path = bg_asprintf("%s%s", git_repository_workdir(repo), name);
	const git_commit *parents[1];

	write_file(path, text);
	assert_int_equal(git_repository_index(&idx, repo), 0);
	assert_int_equal(git_index_add_bypath(idx, name), 0);
	assert_int_equal(git_index_write(idx), 0);
	assert_int_equal(git_index_write_tree(&tree_id, idx), 0);
	assert_int_equal(git_tree_lookup(&tree, repo, &tree_id), 0);
	if (git_reference_name_to_id(&parent_id, repo, "HEAD") == 0)
		assert_int_equal(git_commit_lookup(&parent, repo, &parent_id), 0);
	parents[0] = parent;
	assert_int_equal(git_signature_new(&sig, "Bench Gate", "bg@example.org", T0, offset), 0);
	assert_int_equal(git_commit_create(id, repo, "HEAD", sig, sig, NULL, msg, tree,
					   parent ? 1 : 0, parents), 0);
	git_signature_free(sig);
	git_commit_free(parent);
	git_tree_free(tree);
	git_index_free(idx);
	free(path);
}

static void assert_prov(const json_t *p, const char *commit, const char *branch,
			int detached, int dirty)
{
	if (commit)
		assert_string_equal(ostr(p, "commit"), commit);
	else
		assert_true(json_is_null(json_object_get(p, "commit")));
	if (branch)
		assert_string_equal(ostr(p, "branch"), branch);
	else
		assert_true(json_is_null(json_object_get(p, "branch")));
	assert_true(json_is_boolean(json_object_get(p, "detached")));
	assert_int_equal(json_is_true(json_object_get(p, "detached")), detached);
	assert_true(json_is_boolean(json_object_get(p, "dirty")));
	assert_int_equal(json_is_true(json_object_get(p, "dirty")), dirty);
}

static void test_provenance_repo(void **state)
{
	char *tmp = temp_dir(), *wt = bg_asprintf("%s/repo", tmp), *f, *sub;
	struct bg_strlist w;
	git_repository *repo;
	git_oid id1, id2;
	char hex1[GIT_OID_HEXSZ + 1], hex2[GIT_OID_HEXSZ + 1];
	git_checkout_options co;
	git_object *obj = NULL;
	json_t *p;

	(void)state;
	bg_strlist_init(&w);
	repo = make_repo(wt);
	commit_file(&id1, repo, "a.txt", "one\n", "Add a file\n\nWith a body.\n", 60);
	git_oid_tostr(hex1, sizeof(hex1), &id1);

	/* Clean, on a branch. */
	p = bg_provenance_collect(wt, &w);
	assert_int_equal(w.n, 0);
	assert_prov(p, hex1, "main", 0, 0);
	assert_string_equal(ostr(p, "subject"), "Add a file");
	assert_string_equal(ostr(p, "commit_time"), "2023-11-14T23:13:20+01:00");
	json_decref(p);

	/* From a subdirectory, with an untracked file: still clean. */
	sub = bg_asprintf("%s/sub", wt);
	assert_int_equal(mkdir(sub, 0777), 0);
	f = bg_asprintf("%s/untracked.txt", sub);
	write_file(f, "x\n");
	free(f);
	p = bg_provenance_collect(sub, &w);
	assert_int_equal(w.n, 0);
	assert_prov(p, hex1, "main", 0, 0);
	json_decref(p);
	free(sub);

	/* A second commit with a negative offset. */
	commit_file(&id2, repo, "b.txt", "two\n", "Second", -150);
	git_oid_tostr(hex2, sizeof(hex2), &id2);
	p = bg_provenance_collect(wt, &w);
	assert_prov(p, hex2, "main", 0, 0);
	assert_string_equal(ostr(p, "commit_time"), "2023-11-14T19:43:20-02:30");
	assert_string_equal(ostr(p, "subject"), "Second");
	json_decref(p);

	/* A modified tracked file. */
	f = bg_asprintf("%s/a.txt", wt);
	write_file(f, "one, and changed\n");
	p = bg_provenance_collect(wt, &w);
	assert_int_equal(w.n, 0);
	assert_prov(p, hex2, "main", 0, 1);
	json_decref(p);
	write_file(f, "one\n");
	p = bg_provenance_collect(wt, &w);
	assert_prov(p, hex2, "main", 0, 0);
	json_decref(p);
	free(f);

	/* Detached HEAD on the first commit. */
	assert_int_equal(git_object_lookup(&obj, repo, &id1, GIT_OBJECT_COMMIT), 0);
	assert_int_equal(git_checkout_options_init(&co, GIT_CHECKOUT_OPTIONS_VERSION), 0);
	co.checkout_strategy = GIT_CHECKOUT_SAFE;
	assert_int_equal(git_checkout_tree(repo, obj, &co), 0);
	assert_int_equal(git_repository_set_head_detached(repo, &id1), 0);
	git_object_free(obj);
	p = bg_provenance_collect(wt, &w);
	assert_int_equal(w.n, 0);
	assert_prov(p, hex1, NULL, 1, 0);
	json_decref(p);

	git_repository_free(repo);
	bg_strlist_release(&w);
	free(wt);
	rm_tree(tmp);
}

static void test_provenance_unborn(void **state)
{
	char *tmp = temp_dir();
	struct bg_strlist w;
	git_repository *repo;
	json_t *p;

	(void)state;
	bg_strlist_init(&w);
	repo = make_repo(tmp);
	git_repository_free(repo);
	p = bg_provenance_collect(tmp, &w);
	assert_prov(p, NULL, "main", 0, 0);
	assert_true(json_is_null(json_object_get(p, "commit_time")));
	assert_true(json_is_null(json_object_get(p, "subject")));
	assert_int_equal(w.n, 1);
	assert_string_equal(w.v[0], "the git repository has no commit yet: baseline saved without a commit");
	json_decref(p);
	bg_strlist_release(&w);
	rm_tree(tmp);
}

static void test_provenance_outside(void **state)
{
	char *tmp = temp_dir();
	struct bg_strlist w;
	git_repository *repo = NULL;
	const char *key;
	json_t *p, *v;

	(void)state;
	/* Only meaningful when /tmp is not itself inside a working tree. */
	if (git_repository_open_ext(&repo, tmp, 0, NULL) == 0) {
		git_repository_free(repo);
		rm_tree(tmp);
		skip();
	}
	bg_strlist_init(&w);
	p = bg_provenance_collect(tmp, &w);
	assert_int_equal(json_object_size(p), 6);
	json_object_foreach(p, key, v)
		if (!json_is_null(v))
			fail_msg("provenance '%s' is not null outside a repository", key);
	assert_int_equal(w.n, 1);
	assert_string_equal(w.v[0], "not in a git repository: baseline saved without a commit");
	json_decref(p);
	bg_strlist_release(&w);
	rm_tree(tmp);
}

/* bg_baseline_save records the commit of the current directory. */
static void test_save_provenance(void **state)
{
	char *tmp = temp_dir(), *wt = bg_asprintf("%s/repo", tmp), *dir, *path = NULL;
	char hex[GIT_OID_HEXSZ + 1];
	struct bg_resultset rs;
	struct bg_strlist w;
	struct bg_error err = { 0 };
	git_repository *repo;
	git_oid id;
	json_error_t jerr;
	json_t *doc;

	(void)state;
	bg_strlist_init(&w);
	sample_resultset(&rs);
	repo = make_repo(wt);
	commit_file(&id, repo, "a.txt", "one\n", "Measure this", 0);
	git_oid_tostr(hex, sizeof(hex), &id);
	git_repository_free(repo);

	push_dir(wt);
	dir = bg_store_dir(NULL);
	assert_int_equal(bg_baseline_save(&path, &rs, dir, "main", &w, &err), 0);
	pop_dir();
	assert_string_equal(path, "baselines/main.json");
	free(path);
	path = bg_asprintf("%s/baselines/main.json", wt);
	doc = json_load_file(path, 0, &jerr);
	assert_non_null(doc);
	assert_int_equal(w.n, 0);
	assert_prov(json_object_get(doc, "provenance"), hex, "main", 0, 0);
	assert_string_equal(ostr(json_object_get(doc, "provenance"), "commit_time"),
			    "2023-11-14T22:13:20+00:00");
	json_decref(doc);
	free(path);
	free(dir);

	/* Outside a repository: saved without a commit, with a warning. */
	if (git_repository_open_ext(&repo, tmp, 0, NULL) != 0) {
		push_dir(tmp);
		assert_int_equal(bg_baseline_save(&path, &rs, "b", "x", &w, &err), 0);
		pop_dir();
		assert_string_equal(path, "b/x.json");
		assert_int_equal(w.n, 1);
		assert_string_equal(w.v[0], "not in a git repository: baseline saved without a commit");
		free(path);
	} else {
		git_repository_free(repo);
	}
	bg_resultset_release(&rs);
	bg_strlist_release(&w);
	free(wt);
	rm_tree(tmp);
}

/* ---- where the store is ------------------------------------------------------------ */

static void test_store_dir(void **state)
{
	char *tmp = temp_dir(), *wt = bg_asprintf("%s/repo", tmp), *deep, *d;
	git_repository *repo = NULL;

	(void)state;
	d = bg_store_dir("custom/dir");
	assert_string_equal(d, "custom/dir");
	free(d);

	repo = make_repo(wt);
	git_repository_free(repo);
	deep = bg_asprintf("%s/a", wt);
	assert_int_equal(mkdir(deep, 0777), 0);
	free(deep);
	deep = bg_asprintf("%s/a/b", wt);
	assert_int_equal(mkdir(deep, 0777), 0);

	/* At the root of the working tree, and below it. */
	push_dir(wt);
	d = bg_store_dir(NULL);
	pop_dir();
	assert_string_equal(d, "baselines");
	free(d);
	push_dir(deep);
	d = bg_store_dir("");
	pop_dir();
	assert_string_equal(d, "../../baselines");
	free(d);
	/* Inside .git, which is inside the working tree. */
	free(deep);
	deep = bg_asprintf("%s/.git", wt);
	push_dir(deep);
	d = bg_store_dir(NULL);
	pop_dir();
	assert_string_equal(d, "../baselines");
	free(d);

	/* Outside any repository (when /tmp is outside one). */
	if (git_repository_open_ext(&repo, tmp, 0, NULL) != 0) {
		push_dir(tmp);
		d = bg_store_dir(NULL);
		pop_dir();
		assert_string_equal(d, "baselines");
		free(d);
	} else {
		git_repository_free(repo);
	}
	free(deep);
	free(wt);
	rm_tree(tmp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_name_ok),
		cmocka_unit_test(test_baseline_path),
		cmocka_unit_test(test_machine),
		cmocka_unit_test(test_to_json),
		cmocka_unit_test(test_save_roundtrip),
		cmocka_unit_test(test_save_bad_name),
		cmocka_unit_test(test_save_errors),
		cmocka_unit_test(test_write_atomic_mode),
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_provenance_repo),
		cmocka_unit_test(test_provenance_unborn),
		cmocka_unit_test(test_provenance_outside),
		cmocka_unit_test(test_save_provenance),
		cmocka_unit_test(test_store_dir),
	};
	int rc;

	/* Reproducible "saved_at", and no git configuration from the machine. */
	setenv("SOURCE_DATE_EPOCH", EPOCH, 1);
	git_libgit2_init();
	for (int level = GIT_CONFIG_LEVEL_PROGRAMDATA; level <= GIT_CONFIG_LEVEL_GLOBAL; level++)
		git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, level, "/nonexistent/benchgate-test");
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	git_libgit2_shutdown();
	return rc;
}
