/* hyperfine --export-json: one benchmark per command, its times in seconds. */
#include <stdio.h>
#include <string.h>

#include "benchgate/input.h"
#include "benchgate/json.h"
#include "reader.h"

int bg_sniff_hyperfine(const char *buf, size_t len);
int bg_read_hyperfine(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		      int first_run, struct bg_error *err);

int bg_sniff_hyperfine(const char *buf, size_t len)
{
	size_t n = bg_sniff_object(buf, len);

	/* JSON: a CSV log with "results" and "command" columns is not hyperfine's. */
	return n && memmem(buf, n, "\"results\"", 9) &&
	       memmem(buf, n, "\"command\"", 9);
}

int bg_read_hyperfine(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		      int first_run, struct bg_error *err)
{
	struct bg_json_doc *doc = bg_json_doc_new();
	struct bg_json_error je;
	const struct bg_json *root = bg_json_parse(doc, buf, len, 0, 0, &je), *results;
	int ret = -1;
	size_t i, n;

	if (!root) {
		bg_json_parse_error(err, path, &je);
		goto out;
	}
	results = bg_json_get(root, "results");
	n = bg_json_size(results);
	if (!bg_json_is_object(root) || !bg_json_is_array(results) || !n) {
		bg_json_error_at(err, path, bg_json_is_array(results) ? results : root,
				 "hyperfine output needs \"results\", a non-empty list");
		goto out;
	}
	for (i = 0; i < n; i++) {
		const struct bg_json *r = bg_json_at(results, i);
		const struct bg_json *cmd = bg_json_get(r, "command"), *times = bg_json_get(r, "times");
		const struct bg_json *codes = bg_json_get(r, "exit_codes");
		const char *name;
		struct bg_bench *b;
		struct bg_metric *m;
		size_t j, nt, nc = bg_json_size(codes), failed = 0;
		char what[512];

		if (!bg_json_is_string(cmd) || !*bg_json_str(cmd)) {
			bg_json_error_at(err, path, r, "result %zu has no \"command\" string", i + 1);
			goto out;
		}
		name = bg_json_str(cmd);
		for (j = 0; j < i; j++) {
			const char *other = bg_json_str(bg_json_get(bg_json_at(results, j), "command"));

			if (other && !strcmp(other, name)) {
				bg_json_error_at(err, path, cmd, "duplicate benchmark '%s' (give each command a name with --command-name)",
						 name);
				goto out;
			}
		}
		if (!bg_json_is_array(times)) {
			bg_json_error_at(err, path, times ? times : r,
					 "'%s' has no \"times\" list (export with hyperfine --export-json)", name);
			goto out;
		}
		nt = bg_json_size(times);
		if (!nt) {
			bg_json_error_at(err, path, times, "'%s' has no samples", name);
			goto out;
		}
		b = bg_resultset_bench(rs, name);
		if (!(m = bg_bench_metric(b, "time", "s", BG_DIR_LOWER))) {
			bg_json_error_at(err, path, times, "'time' of '%s' is in 's' here but '%s' in an earlier input",
					 name, bg_bench_find(b, "time")->unit);
			goto out;
		}
		for (j = 0; j < nt; j++) {
			const struct bg_json *v = bg_json_at(times, j);
			double t;

			if (bg_json_sample_of(&t, v) < 0) {
				snprintf(what, sizeof(what), "time %zu of '%s'", j + 1, name);
				bg_json_bad_sample(err, path, v, what);
				goto out;
			}
			bg_metric_add(m, t, first_run);
		}
		/* null is hyperfine's exit code for a command killed by a signal. */
		for (j = 0; j < nc; j++) {
			const struct bg_json *v = bg_json_at(codes, j);

			failed += !bg_json_is_integer(v) || bg_json_int(v) != 0;
		}
		if (failed)
			bg_strlist_addf(&rs->warnings, "%s: '%s' exited non-zero in %zu of %zu runs",
					path, name, failed, nc);
	}
	ret = 1;
out:
	bg_json_doc_free(doc);
	return ret;
}
