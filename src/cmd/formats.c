/* benchgate formats: the input formats benchgate reads, in sniffing order. */
#include <stdio.h>

#include "benchgate/cmd.h"
#include "benchgate/input.h"

static const struct bg_option formats_options[] = {
	BG_OPT_HELP,
	{ 0 }
};

static int formats_exec(const struct bg_cmd *self, struct bg_args *a)
{
	(void)self;
	(void)a;
	for (const struct bg_reader *r = bg_readers; r->name; r++)
		printf("%-12s %s\n", r->name, r->description);
	return BG_EXIT_OK;
}

const struct bg_cmd bg_cmd_formats = {
	.name = "formats",
	.usage = "",
	.summary = "list the input formats, in the order they are detected",
	.options = formats_options,
	.min_pos = 0,
	.max_pos = 0,
	.exec = formats_exec,
};
