/* benchgate baseline save, list, show and delete: files in baselines/ and git notes. */
#include <errno.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/cmd.h"
#include "benchgate/input.h"
#include "benchgate/policy.h"
#include "benchgate/report.h"
#include "benchgate/store.h"

static const struct bg_option save_options[] = {
	{ 'n', "name", 1, "NAME", "save as baselines/NAME.json (default: the branch, else the commit)" },
	BG_OPT_KEY,
	{ 'g', "git", 0, NULL, "save in a git note on HEAD instead of a file (config: \"store\": \"git\")" },
	BG_OPT_SUITE,
	BG_OPT_NOTES_REF,
	{ 'm', "mode", 1, "MODE", "official refuses to save from a dirty work tree (default smoke: a warning)" },
	{ 0, "allow-dirty", 0, NULL, "official mode: save even though tracked files differ from HEAD" },
	BG_OPT_INPUT_FORMAT,
	BG_OPT_CONFIG,
	BG_OPT_HELP,
	{ 0 }
};

static const struct bg_option list_options[] = {
	{ 'f', "format", 1, "FMT", "text (default) or json" },
	BG_OPT_NOTES_REF,
	BG_OPT_CONFIG,
	BG_OPT_HELP,
	{ 0 }
};

static const struct bg_option show_options[] = {
	{ 'f', "format", 1, "FMT", "text (default), json (the stored document) or markdown" },
	{ 0, "confidence", 1, "LEVEL", "confidence of the intervals (default 95%)" },
	BG_OPT_SUITE,
	BG_OPT_NOTES_REF,
	BG_OPT_MAX_DISTANCE,
	BG_OPT_CONFIG,
	BG_OPT_HELP,
	{ 0 }
};

static const struct bg_option delete_options[] = {
	{ 0, "suite", 1, "NAME", "delete only this suite of the note (default: the whole note)" },
	BG_OPT_NOTES_REF,
	BG_OPT_CONFIG,
	BG_OPT_HELP,
	{ 0 }
};

static const char *prov_str(const json_t *prov, const char *key)
{
	const json_t *v = prov ? json_object_get(prov, key) : NULL;

	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* The default name: the branch ('/' made '-'), else the commit, else "baseline". */
static char *default_name(const json_t *prov)
{
	const char *branch = prov_str(prov, "branch"), *commit = prov_str(prov, "commit");
	char *name;

	if (branch) {
		name = bg_strdup(branch);
		for (char *p = name; *p; p++)
			if (*p == '/')
				*p = '-';
		if (bg_baseline_name_ok(name))
			return name;
		free(name);
	}
	if (commit)
		return bg_strndup(commit, strlen(commit) < 12 ? strlen(commit) : 12);
	return bg_strdup("baseline");
}

/*
 * Refuse (official mode) or warn about saving from a dirty work tree; 0 or -1 with
 * err. Shows a detached HEAD too.
 */
static int check_tree(const json_t *prov, const char *mode, int allow_dirty,
		      struct bg_error *err)
{
	const char *commit = prov_str(prov, "commit");

	if (json_is_true(json_object_get(prov, "dirty"))) {
		if (mode && !strcmp(mode, "official") && !allow_dirty)
			return bg_error(err, BG_EXIT_STORE,
					"tracked files differ from HEAD (%.7s): official mode refuses to save a baseline from a dirty work tree (commit first, or --allow-dirty)",
					commit ? commit : "none");
		fprintf(stderr, "benchgate: warning: tracked files differ from HEAD (%.7s): the baseline is marked dirty\n",
			commit ? commit : "none");
	}
	return 0;
}

/* Save rs in the note on HEAD; prints what it did. */
static int save_git(const struct bg_resultset *rs, const struct bg_config *cfg,
		    struct bg_args *a, struct bg_error *err)
{
	struct bg_strlist warnings;
	struct bg_git_saved saved;
	const char *suite = bg_args_get(a, "suite");
	char *ref = NULL;
	json_t *doc = NULL;
	int ret = -1, detached;

	bg_strlist_init(&warnings);
	if (!suite)
		suite = BG_SUITE_DEFAULT;
	if (!bg_suite_name_ok(suite)) {
		bg_error(err, BG_EXIT_USAGE,
			 "'%s' is not a valid suite name (letters, digits, '-', '_', '.', '+', '@')",
			 suite);
		goto out;
	}
	if (!(ref = bg_cmd_notes_ref(cfg, a, err)))
		goto out;
	/* Its provenance warnings ("not in a git repository") would only precede the error. */
	if (!(doc = bg_baseline_document(rs, 0, &warnings, err)))
		goto out;
	bg_strlist_release(&warnings);
	if (check_tree(json_object_get(doc, "provenance"), bg_args_get(a, "mode"),
		       bg_args_has(a, "allow-dirty"), err) < 0)
		goto out;
	if (bg_git_save(&saved, ".", ref, suite, doc, &warnings, err) < 0) {
		bg_warn_all(&warnings);
		goto out;
	}
	bg_warn_all(&warnings);
	if (saved.replaced)
		fprintf(stderr, "benchgate: warning: replaced suite '%s' in the note on %.7s\n", suite,
			saved.commit);
	detached = json_is_true(json_object_get(json_object_get(doc, "provenance"), "detached"));
	printf("saved suite '%s' (%zu benchmark%s) in the note on %.7s%s%s under %s\n", suite,
	       rs->nbenches, rs->nbenches == 1 ? "" : "s", saved.commit,
	       detached ? " (detached HEAD)" : "",
	       json_is_true(json_object_get(json_object_get(doc, "provenance"), "dirty"))
	       ? " (dirty)" : "", ref);
	ret = 0;
out:
	bg_strlist_release(&warnings);
	json_decref(doc);
	free(ref);
	return ret;
}

static int save_exec(const struct bg_cmd *self, struct bg_args *a)
{
	struct bg_error err = { 0 };
	struct bg_config cfg;
	struct bg_resultset rs;
	struct bg_strlist warnings;
	struct bg_read_options ro;
	const char *force = bg_args_get(a, "input-format");
	const char *given = bg_args_get(a, "name");
	const char *mode = bg_args_get(a, "mode");
	char *dir = NULL, *name = NULL, *path = NULL;
	int code = BG_EXIT_OK, git;

	(void)self;
	bg_config_init(&cfg);
	bg_resultset_init(&rs);
	bg_strlist_init(&warnings);
	if (given && !bg_baseline_name_ok(given)) {
		bg_error(&err, BG_EXIT_USAGE,
			 "'%s' is not a valid baseline name (letters, digits, '-', '_', '.', '+', '@'; no '/' or '..')",
			 given);
		goto fail;
	}
	if (mode && strcmp(mode, "smoke") && strcmp(mode, "official")) {
		bg_error(&err, BG_EXIT_USAGE, "unknown mode '%s' (expected smoke or official)", mode);
		goto fail;
	}
	if (force && !bg_reader_find(force)) {
		bg_error(&err, BG_EXIT_USAGE, "unknown input format '%s' (the formats: %s)",
			 force, bg_reader_names());
		goto fail;
	}
	if (bg_cmd_config(&cfg, a, &err) < 0)
		goto fail;
	bg_cmd_read_options(&ro, a, &cfg);
	rs.read_options = &ro;
	git = bg_args_has(a, "git") || (!given && cfg.store && !strcmp(cfg.store, "git"));
	if (given && bg_args_has(a, "git")) {
		bg_error(&err, BG_EXIT_USAGE, "'--name' saves a file, '--git' a note: give one of them");
		goto fail;
	}
	if (bg_input_read_all(&rs, a->pos, (size_t)a->npos, force, &err) < 0)
		goto fail;
	bg_config_apply(&cfg, &rs);
	bg_warn_all(&rs.warnings);
	if (git) {
		if (save_git(&rs, &cfg, a, &err) < 0)
			goto fail;
		goto out;
	}
	dir = bg_store_dir(cfg.baselines_dir);
	{
		json_t *prov = json_is_object(rs.provenance) ? json_incref(rs.provenance)
							     : bg_provenance_collect(".", &warnings);

		if (!given)
			name = default_name(prov);
		bg_strlist_release(&warnings);
		if (check_tree(prov, mode, bg_args_has(a, "allow-dirty"), &err) < 0) {
			json_decref(prov);
			goto fail;
		}
		json_decref(prov);
	}
	if (bg_baseline_save(&path, &rs, dir, given ? given : name, &warnings, &err) < 0) {
		bg_warn_all(&warnings);
		goto fail;
	}
	bg_warn_all(&warnings);
	printf("saved baseline '%s' (%zu benchmark%s) to %s\n", given ? given : name,
	       rs.nbenches, rs.nbenches == 1 ? "" : "s", path);
	goto out;
fail:
	code = bg_fail(&err);
out:
	free(path);
	free(name);
	free(dir);
	bg_strlist_release(&warnings);
	bg_resultset_release(&rs);
	bg_config_release(&cfg);
	return code;
}

/* Commits with notes along HEAD's first parents, for `baseline list`. */
struct note_list {
	json_t *arr;
	size_t seen;   /* notes met along the walk, corrupt ones too */
};

static int list_suite(void *payload, const char *suite, const struct bg_summary_row *row)
{
	json_t *suites = payload;
	size_t n = json_array_size(suites);

	(void)row;
	if (!n || strcmp(json_string_value(json_array_get(suites, n - 1)), suite))
		json_array_append_new(suites, json_string(suite));
	return 0;
}

static int list_note(void *payload, const struct bg_git_note_item *it)
{
	struct note_list *l = payload;
	json_t *o, *suites;
	time_t t = (time_t)(it->time + (long long)it->offset * 60);
	struct tm tm;
	char date[32] = "";

	l->seen++;
	if (!it->summary)
		return 0;   /* corrupt: warned */
	suites = json_array();
	if (bg_summary_read(it->summary, it->summary_len, 0, list_suite, suites) < 0) {
		json_decref(suites);
		return 0;
	}
	o = json_object();
	if (gmtime_r(&t, &tm))
		strftime(date, sizeof(date), "%Y-%m-%d", &tm);
	json_object_set_new(o, "commit", json_string(it->commit));
	json_object_set_new(o, "date", json_string(date));
	json_object_set_new(o, "subject", json_string(it->subject ? it->subject : ""));
	json_object_set_new(o, "suites", suites);
	json_array_append_new(l->arr, o);
	return 0;
}

static int list_exec(const struct bg_cmd *self, struct bg_args *a)
{
	struct bg_error err = { 0 };
	struct bg_config cfg;
	struct bg_strlist warnings;
	struct bg_baseline_entry *e = NULL;
	struct note_list notes = { json_array(), 0 };
	const char *fstr = bg_args_get(a, "format");
	size_t n = 0, nnotes = 0, nlisted;
	char *dir = NULL, *ref = NULL;
	int code = BG_EXIT_OK, json = 0;

	(void)self;
	bg_config_init(&cfg);
	bg_strlist_init(&warnings);
	if (fstr && !(json = !strcmp(fstr, "json")) && strcmp(fstr, "text")) {
		bg_error(&err, BG_EXIT_USAGE, "unknown format '%s' (expected text or json)", fstr);
		goto fail;
	}
	if (bg_cmd_config(&cfg, a, &err) < 0)
		goto fail;
	if (!(ref = bg_cmd_notes_ref(&cfg, a, &err)))
		goto fail;
	dir = bg_store_dir(cfg.baselines_dir);
	if (bg_baseline_list(&e, &n, dir, &warnings, &err) < 0)
		goto fail;
	/* Outside a repository there are no notes to list: not an error. */
	{
		struct bg_error gerr = { 0 };
		if (bg_git_walk(".", ref, NULL, list_note, &notes, &nnotes, &warnings, &gerr) < 0 &&
		    strcmp(gerr.msg, "not in a git repository: no notes to read")) {
			err = gerr;
			goto fail;
		}
	}
	bg_warn_all(&warnings);
	nlisted = json_array_size(notes.arr);
	if (json) {
		json_t *doc = json_object(), *arr = json_array();

		json_object_set_new(doc, "schema", json_string("benchgate.baselines/1"));
		json_object_set_new(doc, "directory", json_string(dir));
		for (size_t i = 0; i < n; i++) {
			json_t *o = json_object();

			json_object_set_new(o, "name", json_string(e[i].name));
			json_object_set_new(o, "commit", e[i].commit ? json_string(e[i].commit) : json_null());
			json_object_set_new(o, "saved_at", e[i].saved_at ? json_string(e[i].saved_at) : json_null());
			json_object_set_new(o, "benchmarks", json_integer((json_int_t)e[i].nbenches));
			json_array_append_new(arr, o);
		}
		json_object_set_new(doc, "baselines", arr);
		json_object_set_new(doc, "notes_ref", json_string(ref));
		json_object_set(doc, "notes", notes.arr);
		json_object_set_new(doc, "notes_elsewhere", json_integer((json_int_t)(nnotes - notes.seen)));
		json_dumpf(doc, stdout, JSON_INDENT(2));
		putchar('\n');
		json_decref(doc);
	} else {
		if (n == 0) {
			printf("no baselines in %s\n", dir);
		} else {
			int w = 4;

			for (size_t i = 0; i < n; i++)
				if ((int)strlen(e[i].name) > w)
					w = (int)strlen(e[i].name);
			printf("%-*s  %-12s  %-20s  %s\n", w, "name", "commit", "saved", "benchmarks");
			for (size_t i = 0; i < n; i++)
				printf("%-*s  %-12.12s  %-20s  %zu\n", w, e[i].name,
				       e[i].commit ? e[i].commit : "-", e[i].saved_at ? e[i].saved_at : "-",
				       e[i].nbenches);
		}
		if (nnotes) {
			printf("\nnotes under %s, along HEAD's first parents, newest first:\n", ref);
			if (nlisted)
				printf("%-12s  %-10s  %-20s  %s\n", "commit", "date", "suites", "subject");
			for (size_t i = 0; i < nlisted; i++) {
				const json_t *o = json_array_get(notes.arr, i), *sv;
				char suites[256] = "";
				size_t k, len = 0;

				json_array_foreach(json_object_get(o, "suites"), k, sv)
					if (len < sizeof(suites) - 1)
						len += (size_t)snprintf(suites + len, sizeof(suites) - len,
									"%s%s", k ? "," : "",
									json_string_value(sv));
				printf("%-12.12s  %-10s  %-20s  %s\n",
				       json_string_value(json_object_get(o, "commit")),
				       json_string_value(json_object_get(o, "date")), suites,
				       json_string_value(json_object_get(o, "subject")));
			}
			if (nnotes > notes.seen)
				printf("(%zu more note%s on commits outside HEAD's first-parent history)\n",
				       nnotes - notes.seen, nnotes - notes.seen == 1 ? "" : "s");
		}
	}
	goto out;
fail:
	code = bg_fail(&err);
out:
	json_decref(notes.arr);
	bg_baseline_entries_free(e, n);
	bg_strlist_release(&warnings);
	free(ref);
	free(dir);
	bg_config_release(&cfg);
	return code;
}

static void print_provenance(const struct bg_resultset *rs, const char *spec)
{
	const json_t *p = rs->provenance;
	const char *commit = prov_str(p, "commit"), *branch = prov_str(p, "branch");
	const char *subject = prov_str(p, "subject"), *date = prov_str(p, "commit_time");
	int dirty = json_is_true(json_object_get(p, "dirty"));

	printf("baseline: %s\n", spec);
	printf("commit:   %s%s\n", commit ? commit : "none", dirty ? " (dirty)" : "");
	if (branch || json_is_true(json_object_get(p, "detached")))
		printf("branch:   %s\n", branch ? branch : "(detached)");
	if (subject)
		printf("subject:  %s\n", subject);
	if (date)
		printf("date:     %s\n", date);
	printf("\n");
}

static int show_exec(const struct bg_cmd *self, struct bg_args *a)
{
	struct bg_error err = { 0 };
	struct bg_config cfg;
	struct bg_resultset rs;
	struct bg_baseline_origin origin = { 0 };
	const char *spec = a->pos[0], *fstr = bg_args_get(a, "format");
	char *dir = NULL, *path = NULL;
	int code = BG_EXIT_OK;

	(void)self;
	bg_config_init(&cfg);
	bg_resultset_init(&rs);
	if (bg_cmd_config(&cfg, a, &err) < 0 || bg_cmd_overrides(&cfg, a, &err) < 0)
		goto fail;
	dir = bg_store_dir(cfg.baselines_dir);
	if (bg_baseline_resolve(&path, spec, dir, &err) < 0 || !strcmp(spec, "auto")) {
		/* Not a file nor a name: a git revision with a note. */
		if (bg_cmd_load_baseline_ex(&rs, &origin, spec, &cfg, a, NULL, &err) < 0)
			goto fail;
		bg_config_apply(&cfg, &rs);
		bg_warn_all(&rs.warnings);
		if (fstr && !strcmp(fstr, "json")) {
			/* The document as stored in the note. */
			json_dumpf(origin.doc, stdout, JSON_INDENT(2) | JSON_REAL_PRECISION(17));
			putchar('\n');
			goto out;
		}
		if (!fstr || !strcmp(fstr, "text"))
			print_provenance(&rs, origin.description);
		if (bg_cmd_print_stats(&rs, a, &cfg, &err) < 0)
			goto fail;
		goto out;
	}
	if (fstr && !strcmp(fstr, "json")) {
		/* The stored document, as it is, after checking that it reads. */
		char *doc = NULL;
		size_t len;

		if (bg_input_read(&rs, path, NULL, &err) < 0 ||
		    bg_file_read(&doc, &len, path, &err) < 0)
			goto fail;
		fwrite(doc, 1, len, stdout);
		free(doc);
		goto out;
	}
	if (bg_input_read(&rs, path, NULL, &err) < 0)
		goto fail;
	bg_config_apply(&cfg, &rs);
	bg_warn_all(&rs.warnings);
	if (!fstr || !strcmp(fstr, "text"))
		print_provenance(&rs, spec);
	if (bg_cmd_print_stats(&rs, a, &cfg, &err) < 0)
		goto fail;
	goto out;
fail:
	code = bg_fail(&err);
out:
	bg_baseline_origin_release(&origin);
	free(path);
	free(dir);
	bg_resultset_release(&rs);
	bg_config_release(&cfg);
	return code;
}

static int delete_exec(const struct bg_cmd *self, struct bg_args *a)
{
	struct bg_error err = { 0 };
	struct bg_config cfg;
	const char *spec = a->pos[0], *suite = bg_args_get(a, "suite");
	char *dir = NULL, *path = NULL, *ref = NULL;
	char commit[41];
	int code = BG_EXIT_OK, rc;

	(void)self;
	bg_config_init(&cfg);
	if (bg_cmd_config(&cfg, a, &err) < 0)
		goto fail;
	if (suite && !bg_suite_name_ok(suite)) {
		bg_error(&err, BG_EXIT_USAGE, "'%s' is not a valid suite name", suite);
		goto fail;
	}
	dir = bg_store_dir(cfg.baselines_dir);
	path = bg_baseline_path(dir, spec);
	if (!suite && bg_baseline_name_ok(spec) && access(path, F_OK) == 0) {
		if (unlink(path) < 0) {
			bg_error(&err, BG_EXIT_STORE, "cannot delete '%s': %s", path, bg_strerror(errno));
			goto fail;
		}
		printf("deleted baseline '%s' (%s)\n", spec, path);
		goto out;
	}
	if (!(ref = bg_cmd_notes_ref(&cfg, a, &err)))
		goto fail;
	rc = bg_git_delete(commit, ".", ref, spec, suite, &err);
	if (rc > 0) {
		bg_error(&err, BG_EXIT_STORE, "no baseline '%s': no '%s', and not a git revision",
			 spec, path);
		goto fail;
	}
	if (rc < 0)
		goto fail;
	if (suite)
		printf("deleted suite '%s' from the note on %.7s under %s\n", suite, commit, ref);
	else
		printf("deleted the note on %.7s under %s\n", commit, ref);
	goto out;
fail:
	code = bg_fail(&err);
out:
	free(ref);
	free(path);
	free(dir);
	bg_config_release(&cfg);
	return code;
}

const struct bg_cmd bg_cmd_baseline_save = {
	.name = "baseline save",
	.usage = "[-n NAME | --git [--suite NAME]] FILE...",
	.summary = "save results as a baseline (a file, or a git note on HEAD)",
	.options = save_options,
	.min_pos = 1,
	.max_pos = -1,
	.exec = save_exec,
};

const struct bg_cmd bg_cmd_baseline_list = {
	.name = "baseline list",
	.usage = "[-f text|json]",
	.summary = "list baselines: files, and commits with notes along HEAD's history",
	.options = list_options,
	.min_pos = 0,
	.max_pos = 0,
	.exec = list_exec,
};

const struct bg_cmd bg_cmd_baseline_show = {
	.name = "baseline show",
	.usage = "[-f FMT] [--suite NAME] SPEC|REV",
	.summary = "show a baseline's provenance and statistics",
	.options = show_options,
	.min_pos = 1,
	.max_pos = 1,
	.exec = show_exec,
};

const struct bg_cmd bg_cmd_baseline_delete = {
	.name = "baseline delete",
	.usage = "[--suite NAME] NAME|REV",
	.summary = "delete a saved baseline file, or the note (or one suite) on a commit",
	.options = delete_options,
	.min_pos = 1,
	.max_pos = 1,
	.exec = delete_exec,
};
