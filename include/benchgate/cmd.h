/* Command descriptors and their parsed arguments. */
#ifndef BENCHGATE_CMD_H
#define BENCHGATE_CMD_H

#include <stddef.h>

#include <jansson.h>

#include "benchgate/error.h"

/* One option a command takes: -s / --long, with or without a value. */
struct bg_option {
	char short_name;       /* 0 for long only */
	const char *long_name;
	int has_value;
	const char *value_name; /* for help: "SPEC", "PCT" */
	const char *help;
};

/* Parsed arguments: options by long name, then positionals. Borrows argv. */
struct bg_args {
	const struct bg_option *options;
	const char **values;    /* one per option; last given wins; "" for flags given */
	char **pos;
	int npos;
	const char **seq;       /* every option value in the order given ("" for flags) */
	int *seqk;              /* the option index of each */
	int nseq;
};

struct bg_cmd {
	const char *name;       /* "check", "baseline save" */
	const char *usage;      /* after the name: "[-b SPEC] CURRENT..." */
	const char *summary;    /* one line */
	const struct bg_option *options;  /* terminated by a zeroed entry */
	int min_pos, max_pos;   /* max_pos -1 = unbounded */
	/* Runs the command; returns an exit code, printing its own errors. */
	int (*exec)(const struct bg_cmd *self, struct bg_args *args);
};

/*
 * Parse argv (after the command name) against cmd's options. Unknown options, a
 * missing value or a wrong number of positionals: BG_EXIT_USAGE. "--" ends options.
 */
int bg_args_parse(struct bg_args *out, const struct bg_cmd *cmd, int argc, char **argv,
		  struct bg_error *err);
void bg_args_release(struct bg_args *a);
int bg_args_has(const struct bg_args *a, const char *long_name);
/* The value, or NULL when not given. Borrowed from argv. */
const char *bg_args_get(const struct bg_args *a, const char *long_name);
/* The i-th value given for a repeatable option (0 = first), or NULL past the last. Borrowed. */
const char *bg_args_nth(const struct bg_args *a, const char *long_name, int i);
/* A non-negative integer option; def when absent. BG_EXIT_USAGE on a bad value. */
int bg_args_size(size_t *out, const struct bg_args *a, const char *long_name, size_t def,
		 struct bg_error *err);

/* Print the command's help to stdout. */
void bg_cmd_help(const struct bg_cmd *cmd);

/*
 * Report err on stderr as "benchgate: MSG" and return its code; the one place
 * commands turn errors into exit codes.
 */
int bg_fail(const struct bg_error *err);
/* Print each warning as "benchgate: warning: MSG". */
void bg_warn_all(const struct bg_strlist *w);

/* What commands share: config, output, colour, confidence. */
struct bg_config;
struct bg_resultset;

/* Load --config FILE (required to exist) or ./benchgate.json when present. */
int bg_cmd_config(struct bg_config *cfg, const struct bg_args *a, struct bg_error *err);

/*
 * Apply --confidence, --min-samples, --min-runs to cfg; "0.95", "95" and "95%" all
 * mean 95%. BG_EXIT_USAGE on a bad value.
 */
int bg_cmd_overrides(struct bg_config *cfg, const struct bg_args *a, struct bg_error *err);

/* A report is built in memory, then written whole to stdout or (-o) atomically to a file. */
struct bg_output {
	FILE *f;       /* write here */
	char *buf;
	size_t len;
	const char *path;  /* NULL = stdout */
};

void bg_output_open(struct bg_output *o, const char *path);
/* Write what was built; BG_EXIT_STORE on failure. Always frees. */
int bg_output_close(struct bg_output *o, struct bg_error *err);

/*
 * End a report: when built is negative (the writer failed, err set), drop what was
 * built without writing anything and return -1; else bg_output_close.
 */
int bg_output_finish(struct bg_output *o, int built, struct bg_error *err);

/*
 * What commands that read input begin with: --input-format checked against the readers
 * (*force is it, or NULL), then the config and the overrides. BG_EXIT_USAGE on a bad
 * value.
 */
int bg_cmd_setup(struct bg_config *cfg, const char **force, const struct bg_args *a,
		 struct bg_error *err);

/* The mode of --mode (default def) from cfg, with --threshold applied. BG_EXIT_USAGE. */
struct bg_mode;
int bg_cmd_mode(struct bg_mode *out, struct bg_config *cfg, const struct bg_args *a,
		const char *def, struct bg_error *err);

/* Resolve --color never|always|auto against where the output goes. -1 on a bad value. */
int bg_cmd_color(const struct bg_args *a, int to_file, struct bg_error *err);

/*
 * Load a baseline SPEC (file path or saved name) into rs; rs->source = spec.
 * force is --input-format or NULL.
 */
int bg_cmd_load_baseline(struct bg_resultset *rs, const char *spec, const struct bg_config *cfg,
			 const char *force, struct bg_error *err);

/* Where a loaded baseline came from, for the report and the environment check. */
struct bg_baseline_origin {
	char *description;   /* what was chosen and why: "note on abc1234 (HEAD~1)"; new */
	char *commit;        /* the commit of a note, or NULL; new */
	int from_git;        /* found through a git revision or auto */
	json_t *recorded;    /* the baseline's "recorded" object (machine), new, or NULL */
	json_t *doc;         /* a note's baseline document as stored, new, or NULL */
	char *label;         /* where a git baseline's history is: the target branch, the revision; new */
};

void bg_baseline_origin_release(struct bg_baseline_origin *o);

/*
 * Load a baseline SPEC into rs, in order: an existing file; a name in baselines/;
 * "auto" (the merge-base of HEAD and --target or the CI's target branch); a git
 * revision whose note (suite --suite, ref --notes-ref or the config's) is read, or the
 * nearest first-parent ancestor's within --max-distance. a may be NULL (defaults).
 * origin may be NULL. rs->source is the spec for files and names, the description
 * for notes.
 */
int bg_cmd_load_baseline_ex(struct bg_resultset *rs, struct bg_baseline_origin *origin,
			    const char *spec, const struct bg_config *cfg,
			    const struct bg_args *a, const char *force, struct bg_error *err);

/*
 * The baseline SPEC (as bg_cmd_load_baseline_ex, without a forced format) into base and
 * the current inputs paths[0..npaths) (bg_input_read_all, format force) into cur. When
 * more than one thread may run (cfg->jobs) and the current inputs hold 1 MB or more,
 * the current side is read on a second thread while this one finds and reads the
 * baseline (from git too); the results and errors are those of reading one after the
 * other.
 */
int bg_cmd_load_sides(struct bg_resultset *base, struct bg_baseline_origin *origin,
		      const char *spec, struct bg_resultset *cur, char *const *paths,
		      size_t npaths, const struct bg_config *cfg, const struct bg_args *a,
		      const char *force, struct bg_error *err);

/* bg_cmd_load_baseline_ex with the suite given here (NULL: default) rather than by --suite. */
int bg_cmd_load_suite(struct bg_resultset *rs, struct bg_baseline_origin *origin,
		      const char *spec, const char *suite, const struct bg_config *cfg,
		      const struct bg_args *a, const char *force, struct bg_error *err);

/* --notes-ref or the config's notes_ref, checked; new string or NULL with err (usage). */
char *bg_cmd_notes_ref(const struct bg_config *cfg, const struct bg_args *a,
		       struct bg_error *err);

/*
 * Compare the environment fingerprints of the baseline (origin->recorded and
 * base->environment) and the current side (this machine and cur->environment; or,
 * when cur_is_baseline, corigin->recorded): differences are warnings in smoke mode,
 * and an error (BG_EXIT_STORE) in official mode unless allow is set.
 */
struct bg_mode;
int bg_cmd_env_check(const struct bg_baseline_origin *origin,
		     const struct bg_baseline_origin *corigin, const struct bg_resultset *base,
		     const struct bg_resultset *cur, const struct bg_mode *mode,
		     int cur_is_baseline, int allow, struct bg_error *err);

/* Options of commands that read baselines from git notes. */
#define BG_OPT_SUITE { 0, "suite", 1, "NAME", "the suite within a git note (default: default)" }
#define BG_OPT_NOTES_REF { 0, "notes-ref", 1, "REF", "git notes ref of the store (default: refs/notes/benchgate)" }
#define BG_OPT_MAX_DISTANCE { 0, "max-distance", 1, "N", "look at most N first-parent commits back for a note (default 50)" }
#define BG_OPT_TARGET { 0, "target", 1, "BRANCH", "--baseline auto: the pull request's target branch (default: from the CI)" }

/* --filter (after the config's "filter") into f. BG_EXIT_USAGE on a bad pattern. */
struct bg_filter;
int bg_cmd_filter(struct bg_filter *f, const struct bg_args *a, const struct bg_config *cfg,
		  struct bg_error *err);
/* --by (else the config's "by") into ax; *has says whether there is one. BG_EXIT_USAGE. */
struct bg_axis;
int bg_cmd_axis(struct bg_axis *ax, int *has, const struct bg_args *a,
		const struct bg_config *cfg, struct bg_error *err);
/* stats --by: compare --by over the files; returns the exit code (check.c). */
int bg_cmd_axis_stats(const struct bg_cmd *self, struct bg_args *a);

/* Print the summaries of rs per --format and --output (stats, baseline show). */
int bg_cmd_print_stats(const struct bg_resultset *rs, const struct bg_args *a,
		       const struct bg_config *cfg, struct bg_error *err);

/* Options every command that reads input shares. */
#define BG_OPT_INPUT_FORMAT { 0, "input-format", 1, "NAME", "read inputs as NAME instead of detecting the format" }
#define BG_OPT_CONFIG { 0, "config", 1, "FILE", "read the config from FILE (default: ./benchgate.json when present)" }
#define BG_OPT_HELP { 'h', "help", 0, NULL, "show this help" }
#define BG_OPT_BY { 0, "by", 1, "KEY[=A,B,...]", "compare along KEY of the names: each value against the first (docs/axes.md)" }
#define BG_OPT_FILTER { 0, "filter", 1, "REGEX", "only BENCHMARK/METRIC matching REGEX (POSIX ERE; repeatable; !REGEX excludes)" }
#define BG_OPT_KEY { 0, "key", 1, "COL,...", "CSV logs: the columns that name a benchmark (default: inferred)" }

/* The reader options of --key and the config; borrows from a and cfg. */
struct bg_read_options;
void bg_cmd_read_options(struct bg_read_options *out, const struct bg_args *a,
			 const struct bg_config *cfg);

extern const struct bg_cmd bg_cmd_check;
extern const struct bg_cmd bg_cmd_compare;
extern const struct bg_cmd bg_cmd_stats;
extern const struct bg_cmd bg_cmd_baseline_save;
extern const struct bg_cmd bg_cmd_baseline_list;
extern const struct bg_cmd bg_cmd_baseline_show;
extern const struct bg_cmd bg_cmd_formats;
extern const struct bg_cmd bg_cmd_budgets;
extern const struct bg_cmd bg_cmd_release;

/*
 * The release checklist of `benchgate release` and `check --checklist` (release.c):
 * spec is -b SPEC, or NULL for the newest tag before HEAD. Returns the exit code.
 */
int bg_release_checklist(const struct bg_cmd *self, struct bg_args *a, const char *spec);
extern const struct bg_cmd bg_cmd_baseline_delete;
extern const struct bg_cmd bg_cmd_history;

/* Version string, from the Makefile. */
extern const char bg_version[];

#endif
