/* What the commands share: config, overrides, output, colour, baseline loading. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "benchgate/cmd.h"
#include "benchgate/input.h"
#include "benchgate/policy.h"
#include "benchgate/store.h"

int bg_cmd_config(struct bg_config *cfg, const struct bg_args *a, struct bg_error *err)
{
	const char *path = bg_args_get(a, "config");

	if (path)
		return bg_config_load(cfg, path, 1, err);
	return bg_config_load(cfg, "benchgate.json", 0, err);
}

void bg_cmd_read_options(struct bg_read_options *out, const struct bg_args *a,
			 const struct bg_config *cfg)
{
	memset(out, 0, sizeof(*out));
	out->csv_key = bg_args_get(a, "key");
	if (!out->csv_key)
		out->csv_key = cfg->csv_key;
}

int bg_cmd_overrides(struct bg_config *cfg, const struct bg_args *a, struct bg_error *err)
{
	const char *conf = bg_args_get(a, "confidence");
	size_t n;

	if (conf) {
		char *end;
		double v;

		errno = 0;
		v = strtod(conf, &end);
		if (end != conf && *end == '%')
			end++;
		if (end == conf || *end || errno || !isfinite(v))
			v = -1;
		else if (v > 1 || strchr(conf, '%'))
			v /= 100;
		if (!(v >= 0.5 && v < 1))
			return bg_error(err, BG_EXIT_USAGE,
					"'%s' is not a valid confidence (from 50%% to below 100%%, e.g. 95 or 0.95)",
					conf);
		cfg->confidence = v;
	}
	if (bg_args_has(a, "min-samples")) {
		if (bg_args_size(&n, a, "min-samples", 0, err) < 0)
			return -1;
		for (int i = 0; i < 2; i++)
			cfg->modes[i].min_samples = n;
	}
	if (bg_args_has(a, "min-runs")) {
		if (bg_args_size(&n, a, "min-runs", 0, err) < 0)
			return -1;
		for (int i = 0; i < 2; i++)
			cfg->modes[i].min_runs = (int)n;
	}
	return 0;
}

void bg_output_open(struct bg_output *o, const char *path)
{
	o->buf = NULL;
	o->len = 0;
	o->path = path;
	o->f = open_memstream(&o->buf, &o->len);
	if (!o->f) {
		fputs("benchgate: out of memory\n", stderr);
		abort();
	}
}

int bg_output_close(struct bg_output *o, struct bg_error *err)
{
	int ret = 0;

	if (fclose(o->f) != 0) {
		ret = bg_error(err, BG_EXIT_STORE, "cannot build the report: %s", bg_strerror(errno));
	} else if (o->path) {
		ret = bg_write_atomic(o->path, o->buf, o->len, err);
	} else if (fwrite(o->buf, 1, o->len, stdout) != o->len || fflush(stdout) != 0) {
		ret = bg_error(err, BG_EXIT_STORE, "cannot write to standard output: %s",
			       bg_strerror(errno));
	}
	free(o->buf);
	o->buf = NULL;
	o->f = NULL;
	return ret;
}

int bg_cmd_color(const struct bg_args *a, int to_file, struct bg_error *err)
{
	const char *c = bg_args_get(a, "color");
	const char *no = getenv("NO_COLOR"), *term = getenv("TERM");

	if (!c || !strcmp(c, "auto"))
		return !to_file && isatty(STDOUT_FILENO) && !(no && *no) &&
		       !(term && !strcmp(term, "dumb"));
	if (!strcmp(c, "always"))
		return 1;
	if (!strcmp(c, "never"))
		return 0;
	return bg_error(err, BG_EXIT_USAGE, "'%s' is not a colour choice (never, always, auto)", c);
}

/* The reader of native documents, for baselines read from notes rather than files. */
int bg_read_native(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		   int first_run, struct bg_error *err);

void bg_baseline_origin_release(struct bg_baseline_origin *o)
{
	free(o->description);
	free(o->commit);
	free(o->label);
	json_decref(o->recorded);
	json_decref(o->doc);
	memset(o, 0, sizeof(*o));
}

char *bg_cmd_notes_ref(const struct bg_config *cfg, const struct bg_args *a,
		       struct bg_error *err)
{
	const char *given = a ? bg_args_get(a, "notes-ref") : NULL;
	char *r;

	if (!given)
		given = cfg->notes_ref;
	if (!(r = bg_notes_ref(given)))
		bg_error(err, BG_EXIT_USAGE, "'%s' is not a valid git notes ref", given);
	return r;
}

/* "recorded" of a saved baseline file (cheap test first: most inputs are not). New. */
static json_t *file_recorded(const char *path)
{
	struct bg_error ignore;
	char *buf = NULL, head[65536];
	size_t len = 0, n = 0;
	json_t *doc, *r = NULL;
	int fd = open(path, O_RDONLY);
	ssize_t got;

	/* the schema is near the start: only a baseline file is read whole */
	if (fd < 0)
		return NULL;
	while (n < sizeof(head) && (got = read(fd, head + n, sizeof(head) - n)) > 0)
		n += (size_t)got;
	close(fd);
	if (!memmem(head, n, "\"benchgate.baseline/", 20))
		return NULL;
	if (bg_file_read(&buf, &len, path, &ignore) < 0)
		return NULL;
	if (memmem(buf, len < 65536 ? len : 65536, "\"benchgate.baseline/", 20) &&
	    (doc = json_loadb(buf, len, 0, NULL))) {
		r = json_object_get(doc, "recorded");
		r = json_is_object(r) ? json_incref(r) : NULL;
		json_decref(doc);
	}
	free(buf);
	return r;
}

/* Read a baseline document from a note into rs, named label in errors. */
static int load_doc(struct bg_resultset *rs, const json_t *doc, const char *label,
		    struct bg_error *err)
{
	char *text = json_dumps(doc, JSON_INDENT(1) | JSON_REAL_PRECISION(17));
	int used;

	if (!text)
		return bg_error(err, BG_EXIT_STORE, "%s: cannot encode the baseline", label);
	used = bg_read_native(rs, label, text, strlen(text), rs->nruns, err);
	free(text);
	if (used < 0)
		return -1;
	rs->nruns += used;
	return 0;
}

/* True when path names a regular file (then no store or git is needed to find it). */
static int is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

/* The current side read on a second thread: its inputs, result and error. */
struct cur_read {
	struct bg_resultset *rs;
	char *const *paths;
	size_t npaths;
	const char *force;
	struct bg_error err;
	size_t held;
	int ret;
};

/* Below this many bytes of current inputs a second thread costs more than it saves. */
#define PARALLEL_READ_MIN ((off_t)1 << 20)

/*
 * True when the inputs paths[0..n) are all files or directories (what can be read
 * again: a pipe cannot) and hold at least PARALLEL_READ_MIN bytes (a directory: yes).
 */
static int inputs_parallel(char *const *paths, size_t n)
{
	off_t total = 0;

	for (size_t i = 0; i < n; i++) {
		struct stat st;

		if (stat(paths[i], &st) < 0 || !(S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)))
			return 0;
		total += S_ISDIR(st.st_mode) ? PARALLEL_READ_MIN : st.st_size;
	}
	return total >= PARALLEL_READ_MIN;
}

static void *cur_read_thread(void *arg)
{
	struct cur_read *r = arg;

	r->ret = bg_input_read_all(r->rs, r->paths, r->npaths, r->force, &r->err);
	r->held = bg_sample_held();
	return NULL;
}

int bg_cmd_load_sides(struct bg_resultset *base, struct bg_baseline_origin *origin,
		      const char *spec, struct bg_resultset *cur, char *const *paths,
		      size_t npaths, const struct bg_config *cfg, const struct bg_args *a,
		      const char *force, struct bg_error *err)
{
	struct cur_read r = { cur, paths, npaths, force, { 0 }, 0, -1 };
	pthread_t tid;
	int bret;

	/*
	 * When there is a second core to read on and enough to read, from files that can
	 * be read again (below); else one after the other. The baseline is found and read here (git, when it is a revision, stays
	 * on this thread); the other thread reads files only.
	 */
	if (cfg->jobs == 1 || sysconf(_SC_NPROCESSORS_ONLN) < 2 || !inputs_parallel(paths, npaths) ||
	    pthread_create(&tid, NULL, cur_read_thread, &r) != 0) {
		if (bg_cmd_load_baseline_ex(base, origin, spec, cfg, a, NULL, err) < 0)
			return -1;
		return bg_input_read_all(cur, paths, npaths, force, err);
	}
	bret = bg_cmd_load_baseline_ex(base, origin, spec, cfg, a, NULL, err);
	pthread_join(tid, NULL);
	/* the errors as reading one after the other gives them: the baseline's first */
	if (bret < 0)
		return -1;
	/*
	 * The samples the second thread read are this thread's now. Each side kept within
	 * the limit alone; together they may not have. Then, or when the current side
	 * failed, read it again counting on from the baseline: the error is the one that
	 * reading in order gives (an earlier input may be the one past the limit).
	 */
	if (bg_sample_adopt(r.held) || r.ret < 0) {
		const struct bg_read_options *ro = cur->read_options;

		bg_resultset_release(cur);
		cur->read_options = ro;
		return bg_input_read_all(cur, paths, npaths, force, err);
	}
	return 0;
}

int bg_cmd_load_baseline_ex(struct bg_resultset *rs, struct bg_baseline_origin *origin,
			    const char *spec, const struct bg_config *cfg,
			    const struct bg_args *a, const char *force, struct bg_error *err)
{
	return bg_cmd_load_suite(rs, origin, spec, a ? bg_args_get(a, "suite") : NULL, cfg, a,
				 force, err);
}

int bg_cmd_load_suite(struct bg_resultset *rs, struct bg_baseline_origin *origin,
		      const char *spec, const char *suite, const struct bg_config *cfg,
		      const struct bg_args *a, const char *force, struct bg_error *err)
{
	struct bg_baseline_origin none = { 0 };
	struct bg_git_found found = { 0 };
	struct bg_strlist warnings;
	struct bg_error ferr = { 0 };
	char *dir = NULL;
	char *path = NULL, *ref = NULL, *why = NULL, *label = NULL;
	char base[41];
	const char *rev = spec, *target_used = NULL;
	size_t maxd = BG_MAX_DISTANCE;
	int ret = -1, rc;

	if (!origin)
		origin = &none;
	memset(origin, 0, sizeof(*origin));
	bg_strlist_init(&warnings);
	if (!suite)
		suite = BG_SUITE_DEFAULT;
	if (a && bg_args_size(&maxd, a, "max-distance", BG_MAX_DISTANCE, err) < 0)
		goto out;
	if (!bg_suite_name_ok(suite)) {
		bg_error(err, BG_EXIT_USAGE, "'%s' is not a valid suite name", suite);
		goto out;
	}
	/*
	 * A file, or a name in baselines/; a directory (target/criterion@main) is read as
	 * it is, not looked up.
	 */
	if (bg_input_is_dir(spec) || is_file(spec))
		path = bg_strdup(spec);
	else   /* only now: finding the store may open the git repository (libgit2) */
		dir = bg_store_dir(cfg->baselines_dir);
	if (path || (strcmp(spec, "auto") && bg_baseline_resolve(&path, spec, dir, &ferr) == 0)) {
		if (bg_input_read(rs, path, force, err) < 0)
			goto out;
		free(rs->source);
		rs->source = bg_strdup(spec);
		origin->description = bg_strdup(path);
		origin->recorded = file_recorded(path);
		ret = 0;
		goto out;
	}
	if (!(ref = bg_cmd_notes_ref(cfg, a, err)))
		goto out;
	if (!strcmp(spec, "auto")) {
		const char *target = a ? bg_args_get(a, "target") : NULL, *var = NULL;

		if (!target)
			target = bg_ci_target_branch(&var);
		if (!target) {
			bg_error(err, BG_EXIT_USAGE,
				 "--baseline auto needs the target branch: give --target BRANCH, or run in a pull request job (GITHUB_BASE_REF, CI_MERGE_REQUEST_TARGET_BRANCH_NAME, BITBUCKET_PR_DESTINATION_BRANCH...)");
			goto out;
		}
		if (bg_git_merge_base(base, &why, ".", target, err) < 0)
			goto out;
		rev = base;
		target_used = target;
		label = bg_asprintf("the %s", why);
	}
	rc = bg_git_lookup(&found, ".", ref, rev, label, suite, maxd, &warnings, err);
	bg_warn_all(&warnings);
	if (rc > 0) {
		if (bg_baseline_name_ok(spec)) {
			char *p = bg_baseline_path(dir, spec);

			bg_error(err, BG_EXIT_STORE,
				 "no baseline '%s': not a file, no '%s', and not a git revision", spec, p);
			free(p);
		} else {
			bg_error(err, BG_EXIT_STORE,
				 "no baseline '%s': not a file, not a saved name, and not a git revision",
				 spec);
		}
		goto out;
	}
	if (rc < 0)
		goto out;
	if (load_doc(rs, found.doc, found.description, err) < 0)
		goto out;
	free(rs->source);
	rs->source = bg_strdup(found.description);
	origin->description = found.description;
	found.description = NULL;
	origin->commit = bg_strdup(found.commit);
	origin->from_git = 1;
	origin->label = bg_strdup(rev == spec ? spec : target_used);
	origin->doc = json_incref(found.doc);
	origin->recorded = json_object_get(found.doc, "recorded");
	origin->recorded = json_is_object(origin->recorded) ? json_incref(origin->recorded) : NULL;
	ret = 0;
out:
	bg_git_found_release(&found);
	bg_strlist_release(&warnings);
	bg_baseline_origin_release(&none);
	free(label);
	free(why);
	free(ref);
	free(path);
	free(dir);
	return ret;
}

int bg_cmd_load_baseline(struct bg_resultset *rs, const char *spec, const struct bg_config *cfg,
			 const char *force, struct bg_error *err)
{
	return bg_cmd_load_baseline_ex(rs, NULL, spec, cfg, NULL, force, err);
}

int bg_cmd_env_check(const struct bg_baseline_origin *origin,
		     const struct bg_baseline_origin *corigin, const struct bg_resultset *base,
		     const struct bg_resultset *cur, const struct bg_mode *mode,
		     int cur_is_baseline, int allow, struct bg_error *err)
{
	json_t *machine = cur_is_baseline ? NULL : bg_machine_collect();
	json_t *bf = bg_fingerprint(origin->recorded, base->environment);
	json_t *cf = bg_fingerprint(cur_is_baseline ? corigin->recorded : machine,
				    cur->environment);
	struct bg_strlist diffs;
	int ret = 0;

	bg_strlist_init(&diffs);
	if (bg_fingerprint_diff(&diffs, bf, cf)) {
		char *all = bg_strlist_join(&diffs, 0, diffs.n, NULL, "; ");

		if (!strcmp(mode->name, "official") && !allow && !cur_is_baseline)
			ret = bg_error(err, BG_EXIT_STORE,
				       "the baseline was measured in another environment (%s); official mode refuses to compare (--allow-env-mismatch to compare anyway)",
				       all);
		else
			fprintf(stderr, "benchgate: warning: the baseline was measured in another environment: %s\n",
				all);
		free(all);
	}
	bg_strlist_release(&diffs);
	json_decref(machine);
	json_decref(bf);
	json_decref(cf);
	return ret;
}

int bg_cmd_setup(struct bg_config *cfg, const char **force, const struct bg_args *a,
		 struct bg_error *err)
{
	*force = bg_args_get(a, "input-format");
	if (*force && !bg_reader_find(*force))
		return bg_error(err, BG_EXIT_USAGE, "unknown input format '%s' (the formats: %s)",
				*force, bg_reader_names());
	if (bg_cmd_config(cfg, a, err) < 0 || bg_cmd_overrides(cfg, a, err) < 0)
		return -1;
	return 0;
}

int bg_cmd_mode(struct bg_mode *out, struct bg_config *cfg, const struct bg_args *a,
		const char *def, struct bg_error *err)
{
	const char *name = bg_args_get(a, "mode"), *t = bg_args_get(a, "threshold");
	const struct bg_mode *m = bg_config_mode(cfg, name ? name : def);

	if (!m)
		return bg_error(err, BG_EXIT_USAGE, "unknown mode '%s' (expected smoke or official)",
				name);
	*out = *m;
	if (t && bg_threshold_parse(&out->threshold, t) < 0)
		return bg_error(err, BG_EXIT_USAGE,
				"'%s' is not a valid threshold (a percentage above 0, e.g. 5 or 5%%)", t);
	return 0;
}

int bg_output_finish(struct bg_output *o, int built, struct bg_error *err)
{
	if (built < 0) {
		/* Drop what was built: never write it anywhere (not even /dev/null,
		 * which an atomic rename would replace with a file when run as root). */
		fclose(o->f);
		free(o->buf);
		o->buf = NULL;
		o->f = NULL;
		return -1;
	}
	return bg_output_close(o, err);
}
