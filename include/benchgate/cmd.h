/* Command descriptors and their parsed arguments. */
#ifndef BENCHGATE_CMD_H
#define BENCHGATE_CMD_H

#include <stddef.h>

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

/* Options every command that reads input shares. */
#define BG_OPT_INPUT_FORMAT { 0, "input-format", 1, "NAME", "read inputs as NAME instead of detecting the format" }
#define BG_OPT_CONFIG { 0, "config", 1, "FILE", "read the config from FILE (default: ./benchgate.json when present)" }
#define BG_OPT_HELP { 'h', "help", 0, NULL, "show this help" }

extern const struct bg_cmd bg_cmd_check;
extern const struct bg_cmd bg_cmd_compare;
extern const struct bg_cmd bg_cmd_stats;
extern const struct bg_cmd bg_cmd_baseline_save;
extern const struct bg_cmd bg_cmd_baseline_list;
extern const struct bg_cmd bg_cmd_baseline_show;
extern const struct bg_cmd bg_cmd_formats;

/* Version string, from the Makefile. */
extern const char bg_version[];

#endif
