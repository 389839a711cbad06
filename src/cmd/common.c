/* What the commands share: config, overrides, output, colour, baseline loading. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

int bg_cmd_load_baseline(struct bg_resultset *rs, const char *spec, const struct bg_config *cfg,
			 const char *force, struct bg_error *err)
{
	char *dir = bg_store_dir(cfg->baselines_dir);
	char *path = NULL;
	int ret = -1;

	/* A directory (target/criterion@main) is read as it is, not looked up. */
	if (bg_input_is_dir(spec))
		path = bg_strdup(spec);
	else if (bg_baseline_resolve(&path, spec, dir, err) < 0)
		goto out;
	if (bg_input_read(rs, path, force, err) < 0)
		goto out;
	free(rs->source);
	rs->source = bg_strdup(spec);
	ret = 0;
out:
	free(path);
	free(dir);
	return ret;
}
