/* Baselines as files: names, the document, atomic saves, lookup and listing. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <git2.h>

#include "benchgate/store.h"
#include "benchgate/gate.h"
#include "benchgate/units.h"

/* How a baseline document is serialised: doubles round-trip, keys as inserted. */
#define DUMP_FLAGS (JSON_INDENT(2) | JSON_REAL_PRECISION(17))

/* The working tree root of the repository holding the current directory. New, or NULL. */
static char *git_workdir(void)
{
	git_repository *repo = NULL;
	const char *wd;
	char *r = NULL;

	if (git_libgit2_init() < 0)
		return NULL;
	if (git_repository_open_ext(&repo, ".", 0, NULL) < 0)
		goto out;
	if ((wd = git_repository_workdir(repo)))
		r = realpath(wd, NULL);
out:
	git_repository_free(repo);
	git_libgit2_shutdown();
	return r;
}

char *bg_store_dir(const char *cfg_dir)
{
	char *wd = NULL, *cwd = NULL, *r = NULL;
	size_t wl;

	if (cfg_dir && *cfg_dir)
		return bg_strdup(cfg_dir);
	if (!(wd = git_workdir()) || !(cwd = realpath(".", NULL))) {
		r = bg_strdup(BG_BASELINES_DIR);
		goto out;
	}
	/* Relative to the current directory when it is inside the working tree. */
	wl = strlen(wd);
	if (!strcmp(cwd, wd)) {
		r = bg_strdup(BG_BASELINES_DIR);
	} else if (!strcmp(wd, "/") || (!strncmp(cwd, wd, wl) && cwd[wl] == '/')) {
		/* realpath: no "//", no trailing '/'; one "../" per component below wd. */
		const char *rest = strcmp(wd, "/") ? cwd + wl : cwd;
		size_t up = 0;

		for (; *rest; rest++)
			up += *rest == '/';
		r = bg_malloc(up * 3 + sizeof(BG_BASELINES_DIR));
		r[0] = '\0';
		for (size_t i = 0; i < up; i++)
			strcat(r, "../");
		strcat(r, BG_BASELINES_DIR);
	} else {
		r = bg_asprintf("%s%s" BG_BASELINES_DIR, wd, wd[wl - 1] == '/' ? "" : "/");
	}
out:
	free(cwd);
	free(wd);
	return r;
}

int bg_baseline_name_ok(const char *name)
{
	size_t len;

	if (!name || !*name || *name == '.' || strstr(name, ".."))
		return 0;
	len = strlen(name);
	if (len > BG_BASELINE_NAME_MAX)
		return 0;
	for (const char *p = name; *p; p++) {
		unsigned char c = (unsigned char)*p;
		int ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			 (c >= '0' && c <= '9') || strchr("-_.+@", c);

		if (!ok)
			return 0;
	}
	return 1;
}

/* dir/file, without doubling a '/'; file alone when dir is empty. New string. */
static char *path_join(const char *dir, const char *file)
{
	size_t dl = strlen(dir);

	if (!dl)
		return bg_strdup(file);
	return bg_asprintf("%s%s%s", dir, dir[dl - 1] == '/' ? "" : "/", file);
}

char *bg_baseline_path(const char *dir, const char *name)
{
	char *file = bg_asprintf("%s.json", name), *r = path_join(dir, file);

	free(file);
	return r;
}

/* A new JSON string; jansson gives NULL for NULL or invalid UTF-8. */
static json_t *str_or_null(const char *s)
{
	json_t *v = s ? json_string(s) : NULL;

	return v ? v : json_null();
}

/* A new object with the given keys, all null. */
static json_t *nulls(const char *const *keys)
{
	json_t *o = json_object();

	for (; *keys; keys++)
		json_object_set_new(o, *keys, json_null());
	return o;
}

static const char *const provenance_keys[] = {
	"commit", "branch", "detached", "dirty", "commit_time", "subject", NULL
};
static const char *const recorded_keys[] = {
	"host", "os", "kernel", "arch", "cpu", "cores", "benchgate_version", "saved_at", NULL
};

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

/* The distinct run numbers of rs, sorted, as a new array of *n ints. */
static int *distinct_runs(size_t *n, const struct bg_resultset *rs)
{
	size_t total = 0, k = 0;
	int *r;

	for (size_t i = 0; i < rs->nbenches; i++)
		for (size_t j = 0; j < rs->benches[i].nmetrics; j++)
			total += rs->benches[i].metrics[j].n;
	r = bg_malloc(total * sizeof(*r));
	for (size_t i = 0; i < rs->nbenches; i++) {
		for (size_t j = 0; j < rs->benches[i].nmetrics; j++) {
			const struct bg_metric *m = &rs->benches[i].metrics[j];

			if (m->n)
				memcpy(r + k, m->runs, m->n * sizeof(*r));
			k += m->n;
		}
	}
	if (total)
		qsort(r, total, sizeof(*r), cmp_int);
	k = 0;
	for (size_t i = 0; i < total; i++)
		if (i == 0 || r[i] != r[i - 1])
			r[k++] = r[i];
	*n = k;
	return r;
}

/* One metric as the native results format has it; NULL on a non-finite sample. */
static json_t *metric_to_json(const struct bg_metric *m, const int *runs, size_t nruns)
{
	json_t *o = json_object(), *samples = json_array(), *rv = json_array();
	json_t *name = m->name ? json_string(m->name) : NULL;
	json_t *unit = json_string(m->unit ? m->unit : "");

	json_object_set_new(o, "name", name ? name : json_null());
	json_object_set_new(o, "unit", unit ? unit : json_null());
	json_object_set_new(o, "direction", json_string(bg_direction_name(m->direction)));
	json_object_set_new(o, "samples", samples);
	json_object_set_new(o, "runs", rv);
	if (!name || !unit)
		goto fail;
	for (size_t i = 0; i < m->n; i++) {
		const int *at = bsearch(&m->runs[i], runs, nruns, sizeof(*runs), cmp_int);

		if (json_array_append_new(samples, json_real(m->samples[i])) < 0)
			goto fail;
		json_array_append_new(rv, json_integer(at ? at - runs : 0));
	}
	if (bg_metric_summary_only(m)) {   /* its summary in place of samples (units.h) */
		json_object_del(o, "samples");
		json_object_del(o, "runs");
		json_object_set_new(o, "summary", bg_metric_summary_json(m));
	}
	return o;
fail:
	json_decref(o);
	return NULL;
}

json_t *bg_baseline_to_json(const struct bg_resultset *rs, json_t *provenance,
			    json_t *machine)
{
	json_t *doc = json_object(), *benches = json_array();
	size_t nruns = 0;
	int *runs = distinct_runs(&nruns, rs);

	if (!provenance && json_is_object(rs->provenance))
		provenance = rs->provenance;
	json_object_set_new(doc, "schema", json_string(BG_BASELINE_SCHEMA));
	json_object_set_new(doc, "provenance", provenance ? json_deep_copy(provenance)
							  : nulls(provenance_keys));
	json_object_set_new(doc, "recorded", machine ? json_deep_copy(machine)
						     : nulls(recorded_keys));
	json_object_set_new(doc, "environment", json_is_object(rs->environment)
						? json_deep_copy(rs->environment) : json_object());
	json_object_set_new(doc, "source", str_or_null(rs->source));
	json_object_set_new(doc, "benchmarks", benches);
	for (size_t i = 0; i < rs->nbenches; i++) {
		const struct bg_bench *b = &rs->benches[i];
		json_t *bo = json_object(), *metrics = json_array();
		json_t *name = b->name ? json_string(b->name) : NULL;

		json_array_append_new(benches, bo);
		if (!name)
			goto fail;
		json_object_set_new(bo, "name", name);
		json_object_set_new(bo, "metrics", metrics);
		for (size_t j = 0; j < b->nmetrics; j++) {
			json_t *mo = metric_to_json(&b->metrics[j], runs, nruns);

			if (!mo)
				goto fail;
			json_array_append_new(metrics, mo);
		}
	}
	goto out;
fail:
	json_decref(doc);
	doc = NULL;
out:
	free(runs);
	return doc;
}

/* Non-zero when s is valid UTF-8 (jansson refuses to hold anything else); NULL is. */
static int utf8_ok(const char *s)
{
	json_t *t = s ? json_string(s) : NULL;

	json_decref(t);
	return !s || t;
}

/* Why rs cannot be written as JSON (set in err, BG_EXIT_INPUT), or 0. */
static int check_encodable(const struct bg_resultset *rs, struct bg_error *err)
{
	for (size_t i = 0; i < rs->nbenches; i++) {
		const struct bg_bench *b = &rs->benches[i];

		if (!utf8_ok(b->name))
			return bg_error(err, BG_EXIT_INPUT,
					"benchmark name '%s' is not valid UTF-8", b->name);
		for (size_t j = 0; j < b->nmetrics; j++) {
			const struct bg_metric *m = &b->metrics[j];

			if (!utf8_ok(m->name) || !utf8_ok(m->unit))
				return bg_error(err, BG_EXIT_INPUT,
						"'%s': metric '%s' (unit '%s') is not valid UTF-8",
						b->name, m->name, m->unit ? m->unit : "");
			for (size_t k = 0; k < m->n; k++)
				if (!isfinite(m->samples[k]))
					return bg_error(err, BG_EXIT_INPUT,
							"'%s' '%s': sample %zu is not a finite number",
							b->name, m->name, k + 1);
		}
	}
	return 0;
}

/* mkdir -p dir. 0, or -1 with errno set and *failed the new path that failed. */
static int mkdir_p(char **failed, const char *dir)
{
	char *p = bg_strdup(dir);
	struct stat st;
	int ret = -1;

	*failed = NULL;
	if (!*p) {
		free(p);
		return 0;
	}
	for (char *s = p + 1; ; s++) {
		char c = *s;

		if (c != '/' && c != '\0')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) < 0 && errno != EEXIST)
			goto out;
		if (stat(p, &st) < 0)
			goto out;
		if (!S_ISDIR(st.st_mode)) {
			errno = ENOTDIR;
			goto out;
		}
		*s = c;
		if (!c)
			break;
	}
	ret = 0;
out:
	if (ret < 0)
		*failed = p;
	else
		free(p);
	return ret;
}

/* Write all of data to fd, across short writes and interruptions. */
static int write_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t w = write(fd, data, len);

		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -1;
		data += w;
		len -= (size_t)w;
	}
	return 0;
}

int bg_write_atomic(const char *path, const char *data, size_t len, struct bg_error *err)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? bg_strndup(path, slash == path ? 1 : (size_t)(slash - path))
			  : bg_strdup(".");
	char *tmp = slash ? bg_asprintf("%.*s.%s.XXXXXX", (int)(slash - path + 1), path,
					slash + 1)
			  : bg_asprintf(".%s.XXXXXX", path);
	mode_t mask = umask(0);
	int fd = -1, dfd = -1, ret = -1, saved;

	umask(mask);
	if ((fd = mkstemp(tmp)) < 0) {
		free(tmp);
		tmp = NULL;
		goto fail;
	}
	if (fchmod(fd, 0666 & ~mask) < 0 || write_all(fd, data, len) < 0 || fsync(fd) < 0)
		goto fail;
	saved = close(fd);
	fd = -1;
	if (saved < 0 || rename(tmp, path) < 0)
		goto fail;
	free(tmp);
	tmp = NULL;
	/* The rename is durable once the directory is; EINVAL: it cannot be synced. */
	if ((dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 ||
	    (fsync(dfd) < 0 && errno != EINVAL))
		goto fail;
	ret = 0;
	goto out;
fail:
	saved = errno;
	bg_error(err, BG_EXIT_STORE, "cannot write '%s': %s", path, bg_strerror(saved));
	if (fd >= 0)
		close(fd);
	if (tmp)
		unlink(tmp);
out:
	if (dfd >= 0)
		close(dfd);
	free(tmp);
	free(dir);
	return ret;
}

int bg_baseline_save(char **path_out, const struct bg_resultset *rs, const char *dir,
		     const char *name, struct bg_strlist *warnings, struct bg_error *err)
{
	json_t *prov = NULL, *machine = NULL, *doc = NULL;
	char *path = NULL, *text = NULL, *failed = NULL;
	int ret = -1;

	*path_out = NULL;
	if (!bg_baseline_name_ok(name)) {
		bg_error(err, BG_EXIT_USAGE,
			 "'%s' is not a valid baseline name (letters, digits, '-', '_', '.', '+', '@'; no '/' or '..')",
			 name ? name : "");
		goto out;
	}
	if (check_encodable(rs, err) < 0)
		goto out;
	path = bg_baseline_path(dir, name);
	if (mkdir_p(&failed, dir) < 0) {
		bg_error(err, BG_EXIT_STORE, "cannot write '%s': cannot create '%s': %s", path,
			 failed, bg_strerror(errno));
		goto out;
	}
	/* Results read from a baseline keep the commit they measure. */
	if (!json_is_object(rs->provenance))
		prov = bg_provenance_collect(".", warnings);
	machine = bg_machine_collect();
	if (!(doc = bg_baseline_to_json(rs, prov, machine)) ||
	    !(text = json_dumps(doc, DUMP_FLAGS))) {
		bg_error(err, BG_EXIT_STORE, "cannot write '%s': cannot encode the baseline", path);
		goto out;
	}
	{
		size_t len = strlen(text);

		text = bg_realloc(text, len + 2);
		text[len] = '\n';
		text[len + 1] = '\0';
		if (bg_write_atomic(path, text, len + 1, err) < 0)
			goto out;
	}
	*path_out = path;
	path = NULL;
	ret = 0;
out:
	free(failed);
	free(text);
	free(path);
	json_decref(doc);
	json_decref(machine);
	json_decref(prov);
	return ret;
}

json_t *bg_baseline_document(const struct bg_resultset *rs, int keep_provenance,
			     struct bg_strlist *warnings, struct bg_error *err)
{
	json_t *prov = NULL, *machine, *doc;

	if (check_encodable(rs, err) < 0)
		return NULL;
	if (!keep_provenance || !json_is_object(rs->provenance))
		prov = bg_provenance_collect(".", warnings);
	machine = bg_machine_collect();
	doc = bg_baseline_to_json(rs, prov, machine);
	json_decref(machine);
	json_decref(prov);
	if (!doc)
		bg_error(err, BG_EXIT_INPUT, "cannot encode the baseline");
	return doc;
}

static int is_regular(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

int bg_baseline_resolve(char **path_out, const char *spec, const char *dir,
			struct bg_error *err)
{
	char *path = NULL;
	int ret = -1;

	*path_out = NULL;
	if (is_regular(spec)) {
		*path_out = bg_strdup(spec);
		ret = 0;
		goto out;
	}
	path = bg_baseline_path(dir, spec);
	if (bg_baseline_name_ok(spec) && is_regular(path)) {
		*path_out = path;
		path = NULL;
		ret = 0;
		goto out;
	}
	bg_error(err, BG_EXIT_STORE, "no baseline '%s': not a file, and no '%s'", spec, path);
out:
	free(path);
	return ret;
}

static int cmp_entry(const void *a, const void *b)
{
	return strcmp(((const struct bg_baseline_entry *)a)->name,
		      ((const struct bg_baseline_entry *)b)->name);
}

/* A string member of obj[key][sub], as a new string, or NULL. */
static char *member_str(const json_t *obj, const char *key, const char *sub)
{
	const json_t *v = json_object_get(json_object_get(obj, key), sub);

	return json_is_string(v) ? bg_strdup(json_string_value(v)) : NULL;
}

/* Fill e from the document at path; a warning when it is not a baseline. */
static void read_entry(struct bg_baseline_entry *e, const char *path,
		       struct bg_strlist *warnings)
{
	json_error_t jerr;
	json_t *doc = json_load_file(path, 0, &jerr);
	const json_t *schema;

	if (!doc) {
		if (jerr.line > 0)
			bg_strlist_addf(warnings, "%s:%d:%d: not a baseline: %s", path,
					jerr.line, jerr.column, jerr.text);
		else
			bg_strlist_addf(warnings, "%s: not a baseline: %s", path, jerr.text);
		return;
	}
	schema = json_object_get(doc, "schema");
	if (!json_is_string(schema) || strcmp(json_string_value(schema), BG_BASELINE_SCHEMA)) {
		if (json_is_string(schema))
			bg_strlist_addf(warnings, "%s: not a baseline: schema '%s', expected '%s'",
					path, json_string_value(schema), BG_BASELINE_SCHEMA);
		else
			bg_strlist_addf(warnings, "%s: not a baseline: no \"schema\": \"%s\"",
					path, BG_BASELINE_SCHEMA);
		goto out;
	}
	e->commit = member_str(doc, "provenance", "commit");
	e->saved_at = member_str(doc, "recorded", "saved_at");
	e->nbenches = json_array_size(json_object_get(doc, "benchmarks"));
out:
	json_decref(doc);
}

int bg_baseline_list(struct bg_baseline_entry **out, size_t *n, const char *dir,
		     struct bg_strlist *warnings, struct bg_error *err)
{
	struct bg_baseline_entry *v = NULL;
	size_t nv = 0, alloc = 0;
	DIR *d;
	struct dirent *de;
	int ret = -1;

	*out = NULL;
	*n = 0;
	if (!(d = opendir(dir))) {
		if (errno == ENOENT)
			return 0;
		return bg_error(err, BG_EXIT_STORE, "cannot read '%s': %s", dir, bg_strerror(errno));
	}
	for (errno = 0; (de = readdir(d)); errno = 0) {
		size_t len = strlen(de->d_name);
		char *path;

		if (de->d_name[0] == '.' || len <= 5 || strcmp(de->d_name + len - 5, ".json"))
			continue;
		path = path_join(dir, de->d_name);
		if (is_regular(path)) {
			bg_grow(&v, &alloc, nv + 1, sizeof(*v));
			memset(&v[nv], 0, sizeof(*v));
			v[nv++].name = bg_strndup(de->d_name, len - 5);
		}
		free(path);
	}
	if (errno) {
		bg_error(err, BG_EXIT_STORE, "cannot read '%s': %s", dir, bg_strerror(errno));
		goto out;
	}
	if (nv)
		qsort(v, nv, sizeof(*v), cmp_entry);
	for (size_t i = 0; i < nv; i++) {
		char *path = bg_baseline_path(dir, v[i].name);

		read_entry(&v[i], path, warnings);
		free(path);
	}
	ret = 0;
out:
	closedir(d);
	if (ret < 0) {
		bg_baseline_entries_free(v, nv);
	} else {
		*out = v;
		*n = nv;
	}
	return ret;
}

void bg_baseline_entries_free(struct bg_baseline_entry *e, size_t n)
{
	for (size_t i = 0; i < n && e; i++) {
		free(e[i].name);
		free(e[i].commit);
		free(e[i].saved_at);
	}
	free(e);
}
