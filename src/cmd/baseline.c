/* benchgate baseline save, list and show: baselines kept as files in baselines/. */
#include <stdio.h>
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
	BG_OPT_INPUT_FORMAT,
	BG_OPT_CONFIG,
	BG_OPT_HELP,
	{ 0 }
};

static const struct bg_option list_options[] = {
	{ 'f', "format", 1, "FMT", "text (default) or json" },
	BG_OPT_CONFIG,
	BG_OPT_HELP,
	{ 0 }
};

static const struct bg_option show_options[] = {
	{ 'f', "format", 1, "FMT", "text (default), json (the stored document) or markdown" },
	{ 0, "confidence", 1, "LEVEL", "confidence of the intervals (default 95%)" },
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

static int save_exec(const struct bg_cmd *self, struct bg_args *a)
{
	struct bg_error err = { 0 };
	struct bg_config cfg;
	struct bg_resultset rs;
	struct bg_strlist warnings;
	struct bg_read_options ro;
	const char *force = bg_args_get(a, "input-format");
	const char *given = bg_args_get(a, "name");
	char *dir = NULL, *name = NULL, *path = NULL;
	int code = BG_EXIT_OK;

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
	if (force && !bg_reader_find(force)) {
		bg_error(&err, BG_EXIT_USAGE, "unknown input format '%s'; see 'benchgate formats'",
			 force);
		goto fail;
	}
	if (bg_cmd_config(&cfg, a, &err) < 0)
		goto fail;
	bg_cmd_read_options(&ro, a, &cfg);
	rs.read_options = &ro;
	if (bg_input_read_all(&rs, a->pos, (size_t)a->npos, force, &err) < 0)
		goto fail;
	bg_config_apply(&cfg, &rs);
	bg_warn_all(&rs.warnings);
	dir = bg_store_dir(cfg.baselines_dir);
	if (!given) {
		json_t *prov = bg_provenance_collect(".", &warnings);

		name = default_name(prov);
		json_decref(prov);
		bg_strlist_release(&warnings);
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

static int list_exec(const struct bg_cmd *self, struct bg_args *a)
{
	struct bg_error err = { 0 };
	struct bg_config cfg;
	struct bg_strlist warnings;
	struct bg_baseline_entry *e = NULL;
	const char *fstr = bg_args_get(a, "format");
	size_t n = 0;
	char *dir = NULL;
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
	dir = bg_store_dir(cfg.baselines_dir);
	if (bg_baseline_list(&e, &n, dir, &warnings, &err) < 0)
		goto fail;
	bg_warn_all(&warnings);
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
		json_dumpf(doc, stdout, JSON_INDENT(2));
		putchar('\n');
		json_decref(doc);
	} else if (n == 0) {
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
	goto out;
fail:
	code = bg_fail(&err);
out:
	bg_baseline_entries_free(e, n);
	bg_strlist_release(&warnings);
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
	const char *spec = a->pos[0], *fstr = bg_args_get(a, "format");
	char *dir = NULL, *path = NULL;
	int code = BG_EXIT_OK;

	(void)self;
	bg_config_init(&cfg);
	bg_resultset_init(&rs);
	if (bg_cmd_config(&cfg, a, &err) < 0 || bg_cmd_overrides(&cfg, a, &err) < 0)
		goto fail;
	dir = bg_store_dir(cfg.baselines_dir);
	if (bg_baseline_resolve(&path, spec, dir, &err) < 0)
		goto fail;
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
	free(path);
	free(dir);
	bg_resultset_release(&rs);
	bg_config_release(&cfg);
	return code;
}

const struct bg_cmd bg_cmd_baseline_save = {
	.name = "baseline save",
	.usage = "[-n NAME] FILE...",
	.summary = "save results as a baseline with the commit they measure",
	.options = save_options,
	.min_pos = 1,
	.max_pos = -1,
	.exec = save_exec,
};

const struct bg_cmd bg_cmd_baseline_list = {
	.name = "baseline list",
	.usage = "[-f text|json]",
	.summary = "list saved baselines: name, commit, date, benchmarks",
	.options = list_options,
	.min_pos = 0,
	.max_pos = 0,
	.exec = list_exec,
};

const struct bg_cmd bg_cmd_baseline_show = {
	.name = "baseline show",
	.usage = "[-f FMT] SPEC",
	.summary = "show a baseline's provenance and statistics",
	.options = show_options,
	.min_pos = 1,
	.max_pos = 1,
	.exec = show_exec,
};
