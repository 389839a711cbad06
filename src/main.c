/* Start-up, the command table and the exit code. */
#include <gsl/gsl_errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "benchgate/cmd.h"

#ifndef BG_VERSION
#define BG_VERSION "0.0.0"
#endif

const char bg_version[] = BG_VERSION;

static const struct bg_cmd *const commands[] = {
	&bg_cmd_check,
	&bg_cmd_compare,
	&bg_cmd_stats,
	&bg_cmd_baseline_save,
	&bg_cmd_baseline_list,
	&bg_cmd_baseline_show,
	&bg_cmd_baseline_delete,
	&bg_cmd_history,
	&bg_cmd_formats,
	&bg_cmd_budgets,
	&bg_cmd_release,
	NULL
};

static void usage(FILE *f)
{
	fprintf(f, "usage: benchgate COMMAND [OPTIONS] [ARGS]\n\n"
		   "A statistical regression gate for benchmark results.\n\ncommands:\n");
	for (int i = 0; commands[i]; i++)
		fprintf(f, "  %-16s %s\n", commands[i]->name, commands[i]->summary);
	fprintf(f, "\n'benchgate COMMAND --help' shows a command's options.\n"
		   "exit codes: 0 pass, 1 gate failed, 2 usage, 3 bad input, 4 store or I/O error\n");
}

/* Match argv against a command name of one or two words; returns words used. */
static int match(const struct bg_cmd *c, int argc, char **argv)
{
	const char *sp = strchr(c->name, ' ');

	if (!sp)
		return argc >= 1 && !strcmp(argv[0], c->name) ? 1 : 0;
	if (argc < 2 || strncmp(argv[0], c->name, (size_t)(sp - c->name)) ||
	    argv[0][sp - c->name] != '\0')
		return 0;
	return !strcmp(argv[1], sp + 1) ? 2 : 0;
}

static int close_stdout(int code)
{
	if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
		fprintf(stderr, "benchgate: cannot write to standard output\n");
		return code == 0 || code == 1 ? 4 : code;
	}
	return code;
}

int main(int argc, char **argv)
{
	struct bg_error err = { 0 };
	struct bg_args args = { 0 };
	const struct bg_cmd *cmd = NULL;
	int used = 0, code;

	setlocale(LC_NUMERIC, "C");
	gsl_set_error_handler_off();
	if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "help")) {
		usage(argc < 2 ? stderr : stdout);
		return close_stdout(argc < 2 ? BG_EXIT_USAGE : BG_EXIT_OK);
	}
	if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
		printf("benchgate %s\n", bg_version);
		return close_stdout(BG_EXIT_OK);
	}
	for (int i = 0; commands[i] && !used; i++)
		if ((used = match(commands[i], argc - 1, argv + 1)))
			cmd = commands[i];
	if (!cmd) {
		if (!strcmp(argv[1], "baseline"))
			fprintf(stderr, "benchgate: baseline: expected 'save', 'list', 'show' or 'delete'%s%s%s\n",
				argc > 2 ? ", not '" : "", argc > 2 ? argv[2] : "",
				argc > 2 ? "'" : "");
		else
			fprintf(stderr, "benchgate: unknown command '%s'; see 'benchgate --help'\n",
				argv[1]);
		return BG_EXIT_USAGE;
	}
	if (bg_args_parse(&args, cmd, argc - 1 - used, argv + 1 + used, &err) < 0) {
		bg_args_release(&args);
		return bg_fail(&err);
	}
	if (bg_args_has(&args, "help")) {
		bg_cmd_help(cmd);
		code = BG_EXIT_OK;
	} else {
		code = cmd->exec(cmd, &args);
	}
	bg_args_release(&args);
	return close_stdout(code);
}
