/* Criterion.rs results: target/criterion, one benchmark's directory, or one sample.json. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "benchgate/input.h"
#include "benchgate/json.h"
#include "criterion.h"
#include "reader.h"

int bg_sniff_criterion(const char *buf, size_t len);
int bg_read_criterion(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		      int first_run, struct bg_error *err);
int bg_read_criterion_path(struct bg_resultset *rs, const char *path, const char *baseline,
			   int first_run, struct bg_error *err);

/* How deep benchmark directories lie below target/criterion: group/function/value. */
#define CRITERION_DEPTH 3

/*
 * A sample.json: "sampling_mode" and "iters" or "times" (the other may lie beyond the
 * first 64 KiB when the lists are long).
 */
int bg_sniff_criterion(const char *buf, size_t len)
{
	size_t n = bg_sniff_object(buf, len);

	return n && memmem(buf, n, "\"sampling_mode\"", 15) &&
	       (memmem(buf, n, "\"iters\"", 7) || memmem(buf, n, "\"times\"", 7));
}

/* --- The documents: parsed with src/input/json.c, then walked. --- */

static int walk_id(const char *path, struct bg_error *err, const struct bg_json *root,
		   char **id, char **dir, json_t **throughput)
{
	const struct bg_json *dn = bg_json_get(root, "directory_name");
	const struct bg_json *full = bg_json_get(root, "full_id"), *tp = bg_json_get(root, "throughput");

	if (!bg_json_is_object(root) || !bg_json_strlen(full))
		return bg_json_error_at(err, path, full ? full : root,
					"benchmark.json has no \"full_id\" string");
	if (tp && !bg_json_is_null(tp) && !bg_json_is_object(tp))
		return bg_json_error_at(err, path, tp, "\"throughput\" must be an object or null");
	*id = bg_strdup(bg_json_str(full));
	*dir = bg_json_is_string(dn) ? bg_strdup(bg_json_str(dn)) : NULL;
	*throughput = bg_json_is_object(tp) ? bg_json_to_jansson(tp) : NULL;
	return 0;
}

int bg_criterion_id(char **id, char **dir, json_t **throughput, const char *path,
		    const char *buf, size_t len, struct bg_error *err)
{
	struct bg_json_doc *doc = bg_json_doc_new();
	struct bg_json_error je;
	const struct bg_json *root = bg_json_parse(doc, buf, len, 0, 0, &je);
	int ret;

	*id = NULL;
	*dir = NULL;
	*throughput = NULL;
	ret = root ? walk_id(path, err, root, id, dir, throughput)
		   : bg_json_parse_error(err, path, &je);
	bg_json_doc_free(doc);
	return ret;
}

/* The throughput metric: unit and amount per iteration, from {"Bytes": N} and the like. */
static int throughput_unit(const json_t *tp, const char **unit, double *per_iter)
{
	static const struct {
		const char *key, *unit;
	} kinds[] = { { "Bytes", "B/s" }, { "BytesDecimal", "B/s" }, { "Elements", "elem/s" } };

	for (size_t i = 0; tp && i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		json_t *v = json_object_get(tp, kinds[i].key);

		if (json_is_number(v) && json_number_value(v) > 0) {
			*unit = kinds[i].unit;
			*per_iter = json_number_value(v);
			return 0;
		}
	}
	return -1;
}

static int walk_samples(const char *path, struct bg_error *err, const struct bg_json *root,
			struct bg_resultset *rs, const char *name, const json_t *tp, int run)
{
	const struct bg_json *iters = bg_json_get(root, "iters"), *times = bg_json_get(root, "times");
	struct bg_bench *b;
	struct bg_metric *m, *mt = NULL;
	const char *tunit = NULL;
	double per_iter = 0;
	char what[512];
	size_t n;

	if (!bg_json_is_object(root))
		return bg_json_error_at(err, path, root,
					"sample.json must be an object with \"iters\" and \"times\"");
	if (!bg_json_is_array(iters))
		return bg_json_error_at(err, path, iters ? iters : root, "'%s' has no \"iters\" list", name);
	if (!bg_json_is_array(times))
		return bg_json_error_at(err, path, times ? times : root, "'%s' has no \"times\" list", name);
	n = bg_json_size(times);
	if (!n)
		return bg_json_error_at(err, path, times, "'%s' has no samples", name);
	if (bg_json_size(iters) != n)
		return bg_json_error_at(err, path, iters, "\"iters\" of '%s' has %zu entries but \"times\" %zu",
					name, bg_json_size(iters), n);
	b = bg_resultset_bench(rs, name);
	if (!(m = bg_bench_metric(b, "time", "ns", BG_DIR_LOWER)))
		return bg_json_error_at(err, path, times,
					"'time' of '%s' is in 'ns' here but '%s' in an earlier input",
					name, bg_bench_find(b, "time")->unit);
	if (throughput_unit(tp, &tunit, &per_iter) == 0 &&
	    !(mt = bg_bench_metric(b, "throughput", tunit, BG_DIR_HIGHER)))
		return bg_json_error_at(err, path, times,
					"'throughput' of '%s' is in '%s' here but '%s' in an earlier input",
					name, tunit, bg_bench_find(b, "throughput")->unit);
	for (size_t i = 0; i < n; i++) {
		const struct bg_json *iv = bg_json_at(iters, i), *tv = bg_json_at(times, i);
		double it, t;

		if (bg_json_sample_of(&it, iv) < 0 || it == 0) {
			if (bg_json_is_number(iv) && bg_json_num(iv) == 0)
				return bg_json_error_at(err, path, iv, "iteration count %zu of '%s' is 0",
							i + 1, name);
			snprintf(what, sizeof(what), "iteration count %zu of '%s'", i + 1, name);
			return bg_json_bad_sample(err, path, iv, what);
		}
		if (bg_json_sample_of(&t, tv) < 0) {
			snprintf(what, sizeof(what), "time %zu of '%s'", i + 1, name);
			return bg_json_bad_sample(err, path, tv, what);
		}
		bg_metric_add(m, t / it, run);
		/* A sample of no time has no rate: left out of the throughput. */
		if (mt && t > 0)
			bg_metric_add(mt, per_iter * it / t * 1e9, run);
	}
	return 0;
}

int bg_criterion_samples(struct bg_resultset *rs, const char *name, const json_t *throughput,
			 const char *path, const char *buf, size_t len, int run,
			 struct bg_error *err)
{
	struct bg_json_doc *doc = bg_json_doc_new();
	struct bg_json_error je;
	const struct bg_json *root = bg_json_parse(doc, buf, len, 0, 0, &je);
	int ret;

	ret = root ? walk_samples(path, err, root, rs, name, throughput, run)
		   : bg_json_parse_error(err, path, &je);
	bg_json_doc_free(doc);
	return ret;
}

/* --- Files and directories. --- */

/* Whether rel ("" or "a/b") ends directory_name at a '/': a directory inside target/criterion. */
static int inside(const char *dirname, const char *rel)
{
	size_t dl = strlen(dirname), rl = strlen(rel);

	if (!rl)
		return 1;
	return rl <= dl && !strcmp(dirname + dl - rl, rel) && (rl == dl || dirname[dl - rl - 1] == '/');
}

/*
 * One benchmark: DIR/benchmark.json names it, DIR/sample.json holds its samples. rel is
 * the benchmark's directory below the one the user named (NULL: not checked): when its
 * "directory_name" does not end with rel, the user named a directory above
 * target/criterion and the benchmark is skipped (0 and nothing read).
 */
static int read_baseline_dir(struct bg_resultset *rs, const char *dir, const char *rel,
			     struct bg_strlist *seen, int run, struct bg_error *err)
{
	char *bpath = bg_asprintf("%s/benchmark.json", dir);
	char *spath = bg_asprintf("%s/sample.json", dir);
	char *buf = NULL, *id = NULL, *dname = NULL;
	json_t *tp = NULL;
	size_t len;
	int ret = -1;

	if (bg_file_read(&buf, &len, bpath, err) < 0 ||
	    bg_criterion_id(&id, &dname, &tp, bpath, buf, len, err) < 0)
		goto out;
	if (rel && dname && !inside(dname, rel)) {
		ret = 0;
		goto out;
	}
	for (size_t i = 0; i < seen->n; i++)
		if (!strcmp(seen->v[i], id)) {
			bg_error(err, BG_EXIT_INPUT, "'%s': duplicate benchmark '%s'", bpath, id);
			goto out;
		}
	bg_strlist_add(seen, id);
	free(buf);
	buf = NULL;
	if (bg_file_read(&buf, &len, spath, err) < 0 ||
	    bg_criterion_samples(rs, id, tp, spath, buf, len, run, err) < 0)
		goto out;
	ret = 0;
out:
	json_decref(tp);
	free(id);
	free(dname);
	free(buf);
	free(bpath);
	free(spath);
	return ret;
}

int bg_read_criterion(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		      int first_run, struct bg_error *err)
{
	const char *slash = strrchr(path, '/');
	char *dir = slash ? bg_strndup(path, (size_t)(slash - path)) : bg_strdup(".");
	char *bpath = bg_asprintf("%s/benchmark.json", dir);
	char *bbuf = NULL, *id = NULL, *dname = NULL;
	json_t *tp = NULL;
	size_t blen;
	int ret = -1;

	if (bg_file_read(&bbuf, &blen, bpath, err) < 0) {
		bg_error(err, BG_EXIT_INPUT,
			 "'%s' is a Criterion.rs sample.json, but '%s' beside it, which names the benchmark, cannot be read",
			 path, bpath);
		goto out;
	}
	if (bg_criterion_id(&id, &dname, &tp, bpath, bbuf, blen, err) < 0 ||
	    bg_criterion_samples(rs, id, tp, path, buf, len, first_run, err) < 0)
		goto out;
	ret = 1;
out:
	json_decref(tp);
	free(id);
	free(dname);
	free(bbuf);
	free(bpath);
	free(dir);
	return ret;
}

static int is_dir(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

static int is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static int select_entry(const struct dirent *d)
{
	return strcmp(d->d_name, ".") && strcmp(d->d_name, "..") && strcmp(d->d_name, "report");
}

/*
 * Every benchmark at most CRITERION_DEPTH levels below dir: a directory holding
 * BASELINE/sample.json. Sorted by name, so the order does not depend on the file system.
 */
static int walk(struct bg_resultset *rs, const char *dir, const char *rel, const char *baseline,
		int depth, struct bg_strlist *seen, int run, struct bg_error *err)
{
	struct dirent **list = NULL;
	char *bdir = bg_asprintf("%s/%s", dir, baseline), *spath = bg_asprintf("%s/sample.json", bdir);
	int n, ret = 0;

	if (is_file(spath))
		ret = read_baseline_dir(rs, bdir, rel, seen, run, err);
	free(spath);
	free(bdir);
	if (ret < 0 || depth >= CRITERION_DEPTH)
		return ret;
	if ((n = scandir(dir, &list, select_entry, alphasort)) < 0)
		return bg_error(err, BG_EXIT_INPUT, "cannot read directory '%s': %s", dir,
				bg_strerror(errno));
	for (int i = 0; i < n; i++) {
		char *sub = bg_asprintf("%s/%s", dir, list[i]->d_name);
		char *subrel = *rel ? bg_asprintf("%s/%s", rel, list[i]->d_name) : bg_strdup(list[i]->d_name);

		if (ret == 0 && is_dir(sub))
			ret = walk(rs, sub, subrel, baseline, depth + 1, seen, run, err);
		free(subrel);
		free(sub);
		free(list[i]);
	}
	free(list);
	return ret;
}

/* baseline: NAME of PATH@NAME, or NULL for "new". */
int bg_read_criterion_path(struct bg_resultset *rs, const char *path, const char *baseline,
			   int first_run, struct bg_error *err)
{
	struct bg_strlist seen;
	char *spath = bg_asprintf("%s/sample.json", path);
	int ret = -1;

	bg_strlist_init(&seen);
	if (baseline && (!*baseline || strchr(baseline, '/'))) {
		bg_error(err, BG_EXIT_INPUT, "'%s': '@%s' is not a baseline name", path, baseline);
		goto out;
	}
	/* A baseline's own directory (.../new): the benchmark it holds. */
	if (is_file(spath)) {
		if (baseline) {
			bg_error(err, BG_EXIT_INPUT,
				 "'%s' is one baseline's directory: '@%s' picks a baseline in target/criterion or a benchmark's directory",
				 path, baseline);
			goto out;
		}
		if (read_baseline_dir(rs, path, NULL, &seen, first_run, err) == 0)
			ret = 1;
		goto out;
	}
	if (!baseline)
		baseline = "new";
	if (walk(rs, path, "", baseline, 0, &seen, first_run, err) < 0)
		goto out;
	if (!seen.n) {
		bg_error(err, BG_EXIT_INPUT,
			 "'%s' is a directory, and no Criterion.rs benchmark with a '%s' baseline is in it (give a file, or target/criterion or a directory in it)",
			 path, baseline);
		goto out;
	}
	ret = 1;
out:
	free(spath);
	bg_strlist_release(&seen);
	return ret;
}

/* A directory, or DIR@BASELINE of an existing directory: a Criterion.rs tree. */
int bg_claim_criterion(const char *path)
{
	struct stat st;
	const char *at = strrchr(path, '@');
	char *dir;
	int ret;

	if (stat(path, &st) == 0)
		return S_ISDIR(st.st_mode);
	if (!at || at == path || strchr(at, '/'))
		return 0;
	dir = bg_strndup(path, (size_t)(at - path));
	ret = stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
	free(dir);
	return ret;
}

/* A path bg_claim_criterion claimed: target/criterion@main is a saved baseline. */
int bg_read_criterion_dir(struct bg_resultset *rs, const char *path, int first_run,
			  struct bg_error *err)
{
	struct stat st;
	const char *at = strrchr(path, '@');
	char *dir;
	int used;

	if (stat(path, &st) == 0)
		return bg_read_criterion_path(rs, path, NULL, first_run, err);
	dir = bg_strndup(path, (size_t)(at - path));
	used = bg_read_criterion_path(rs, dir, at + 1, first_run, err);
	free(dir);
	return used;
}
