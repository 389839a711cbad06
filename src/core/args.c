/* Argument parsing against a command's option table, and the shared exit path. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/cmd.h"

static int option_count(const struct bg_option *o)
{
	int n = 0;

	while (o[n].long_name)
		n++;
	return n;
}

static int find_long(const struct bg_option *o, const char *name, size_t len)
{
	for (int i = 0; o[i].long_name; i++)
		if (strlen(o[i].long_name) == len && !strncmp(o[i].long_name, name, len))
			return i;
	return -1;
}

static int find_short(const struct bg_option *o, char c)
{
	for (int i = 0; o[i].long_name; i++)
		if (o[i].short_name == c)
			return i;
	return -1;
}

int bg_args_parse(struct bg_args *out, const struct bg_cmd *cmd, int argc, char **argv,
		  struct bg_error *err)
{
	const struct bg_option *o = cmd->options;
	int only_pos = 0;

	out->options = o;
	out->values = bg_calloc((size_t)option_count(o) + 1, sizeof(*out->values));
	out->pos = bg_calloc((size_t)argc + 1, sizeof(*out->pos));
	out->npos = 0;
	for (int i = 0; i < argc; i++) {
		char *a = argv[i];
		int k;
		const char *value = NULL;

		if (only_pos || a[0] != '-' || a[1] == '\0') {
			out->pos[out->npos++] = a;
			continue;
		}
		if (!strcmp(a, "--")) {
			only_pos = 1;
			continue;
		}
		if (a[1] == '-') {
			char *eq = strchr(a + 2, '=');
			size_t len = eq ? (size_t)(eq - (a + 2)) : strlen(a + 2);

			k = find_long(o, a + 2, len);
			if (k < 0)
				return bg_error(err, BG_EXIT_USAGE, "%s: unknown option '--%.*s'",
						cmd->name, (int)len, a + 2);
			if (eq && !o[k].has_value)
				return bg_error(err, BG_EXIT_USAGE,
						"%s: option '--%s' takes no value", cmd->name,
						o[k].long_name);
			if (eq)
				value = eq + 1;
		} else {
			k = find_short(o, a[1]);
			if (k < 0)
				return bg_error(err, BG_EXIT_USAGE, "%s: unknown option '-%c'",
						cmd->name, a[1]);
			if (a[2] != '\0') {
				if (!o[k].has_value)
					return bg_error(err, BG_EXIT_USAGE,
							"%s: option '-%c' takes no value in '%s'",
							cmd->name, a[1], a);
				value = a + 2;
			}
		}
		if (o[k].has_value && !value) {
			if (i + 1 >= argc)
				return bg_error(err, BG_EXIT_USAGE,
						"%s: option '--%s' needs a value (%s)", cmd->name,
						o[k].long_name, o[k].value_name);
			value = argv[++i];
		}
		out->values[k] = value ? value : "";
	}
	if (bg_args_has(out, "help"))
		return 0;
	if (out->npos < cmd->min_pos)
		return bg_error(err, BG_EXIT_USAGE, "%s: missing argument; usage: benchgate %s %s",
				cmd->name, cmd->name, cmd->usage);
	if (cmd->max_pos >= 0 && out->npos > cmd->max_pos)
		return bg_error(err, BG_EXIT_USAGE, "%s: unexpected argument '%s'; usage: benchgate %s %s",
				cmd->name, out->pos[cmd->max_pos], cmd->name, cmd->usage);
	return 0;
}

void bg_args_release(struct bg_args *a)
{
	free(a->values);
	free(a->pos);
	a->values = NULL;
	a->pos = NULL;
}

static int option_index(const struct bg_args *a, const char *long_name)
{
	return find_long(a->options, long_name, strlen(long_name));
}

int bg_args_has(const struct bg_args *a, const char *long_name)
{
	int k = option_index(a, long_name);

	return k >= 0 && a->values[k] != NULL;
}

const char *bg_args_get(const struct bg_args *a, const char *long_name)
{
	int k = option_index(a, long_name);

	return k >= 0 ? a->values[k] : NULL;
}

int bg_args_size(size_t *out, const struct bg_args *a, const char *long_name, size_t def,
		 struct bg_error *err)
{
	const char *v = bg_args_get(a, long_name);
	char *end;
	unsigned long long n;

	*out = def;
	if (!v)
		return 0;
	errno = 0;
	n = strtoull(v, &end, 10);
	if (!*v || *end || errno || v[0] == '-' || v[0] == '+' || n > 1000000000ULL)
		return bg_error(err, BG_EXIT_USAGE,
				"'%s' is not a valid count for '--%s' (a whole number from 0 to 1000000000)",
				v, long_name);
	*out = (size_t)n;
	return 0;
}

void bg_cmd_help(const struct bg_cmd *cmd)
{
	printf("usage: benchgate %s %s\n\n%s\n", cmd->name, cmd->usage, cmd->summary);
	if (!cmd->options[0].long_name)
		return;
	printf("\noptions:\n");
	for (const struct bg_option *o = cmd->options; o->long_name; o++) {
		char left[64];

		if (o->short_name)
			snprintf(left, sizeof(left), "-%c, --%s%s%s", o->short_name, o->long_name,
				 o->has_value ? " " : "", o->has_value ? o->value_name : "");
		else
			snprintf(left, sizeof(left), "    --%s%s%s", o->long_name,
				 o->has_value ? " " : "", o->has_value ? o->value_name : "");
		printf("  %-28s %s\n", left, o->help);
	}
}

int bg_fail(const struct bg_error *err)
{
	fprintf(stderr, "benchgate: %s\n", err->msg);
	return err->code ? err->code : BG_EXIT_INPUT;
}

void bg_warn_all(const struct bg_strlist *w)
{
	for (size_t i = 0; i < w->n; i++)
		fprintf(stderr, "benchgate: warning: %s\n", w->v[i]);
}
