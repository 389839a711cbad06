/* hyperfine --export-json: one benchmark per command, its times in seconds. */
#include <stdio.h>
#include <string.h>

#include "benchgate/input.h"
#include "reader.h"

int bg_sniff_hyperfine(const char *buf, size_t len);
int bg_read_hyperfine(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		      int first_run, struct bg_error *err);

int bg_sniff_hyperfine(const char *buf, size_t len)
{
	size_t n = len < 65536 ? len : 65536;

	return memmem(buf, n, "\"results\"", 9) && memmem(buf, n, "\"command\"", 9);
}

int bg_read_hyperfine(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		      int first_run, struct bg_error *err)
{
	struct jctx x = { path, buf, len, 0, err };
	struct jpath p = { 0 };
	json_t *root = jctx_parse(&x, 0), *results, *r;
	int ret = -1;
	size_t i;

	if (!root)
		return -1;
	results = json_object_get(root, "results");
	jpath_key(&p, 0, "results");
	if (!json_is_object(root) || !json_is_array(results) || !json_array_size(results)) {
		jctx_error(&x, &p, json_is_array(results) ? 1 : 0,
			   "hyperfine output needs \"results\", a non-empty list");
		goto out;
	}
	json_array_foreach(results, i, r) {
		json_t *cmd = json_object_get(r, "command"), *times = json_object_get(r, "times");
		json_t *codes = json_object_get(r, "exit_codes"), *v;
		const char *name;
		struct bg_bench *b;
		struct bg_metric *m;
		size_t j, failed = 0;
		char what[512];

		jpath_index(&p, 1, i);
		if (!json_is_string(cmd) || !*json_string_value(cmd)) {
			jctx_error(&x, &p, 2, "result %zu has no \"command\" string", i + 1);
			goto out;
		}
		name = json_string_value(cmd);
		for (j = 0; j < i; j++) {
			json_t *other = json_object_get(json_array_get(results, j), "command");

			if (json_is_string(other) && !strcmp(json_string_value(other), name)) {
				jpath_key(&p, 2, "command");
				jctx_error(&x, &p, 3, "duplicate benchmark '%s' (give each command a name with --command-name)",
					   name);
				goto out;
			}
		}
		jpath_key(&p, 2, "times");
		if (!json_is_array(times)) {
			jctx_error(&x, &p, times ? 3 : 2,
				   "'%s' has no \"times\" list (export with hyperfine --export-json)", name);
			goto out;
		}
		if (!json_array_size(times)) {
			jctx_error(&x, &p, 3, "'%s' has no samples", name);
			goto out;
		}
		b = bg_resultset_bench(rs, name);
		if (!(m = bg_bench_metric(b, "time", "s", BG_DIR_LOWER))) {
			jctx_error(&x, &p, 3, "'time' of '%s' is in 's' here but '%s' in an earlier input",
				   name, bg_bench_find(b, "time")->unit);
			goto out;
		}
		json_array_foreach(times, j, v) {
			double t;

			if (bg_json_sample(&t, v) < 0) {
				jpath_index(&p, 3, j);
				snprintf(what, sizeof(what), "time %zu of '%s'", j + 1, name);
				jctx_bad_sample(&x, v, &p, 4, what);
				goto out;
			}
			bg_metric_add(m, t, first_run);
		}
		/* null is hyperfine's exit code for a command killed by a signal. */
		json_array_foreach(codes, j, v)
			failed += !json_is_integer(v) || json_integer_value(v) != 0;
		if (failed)
			bg_strlist_addf(&rs->warnings, "%s: '%s' exited non-zero in %zu of %zu runs",
					path, name, failed, json_array_size(codes));
	}
	ret = 1;
out:
	json_decref(root);
	return ret;
}
