/* benchgate stats: summaries of each benchmark and metric in the inputs. */
#include <stdio.h>
#include <stdlib.h>

#include "benchgate/cmd.h"
#include "benchgate/input.h"
#include "benchgate/policy.h"
#include "benchgate/report.h"
#include "benchgate/units.h"

static const struct bg_option stats_options[] = {
	{ 'f', "format", 1, "FMT", "text (default), json, markdown or bmf" },
	{ 'o', "output", 1, "FILE", "write to FILE instead of standard output" },
	{ 0, "confidence", 1, "LEVEL", "confidence of the intervals (default 95%)" },
	BG_OPT_KEY,
	BG_OPT_INPUT_FORMAT,
	BG_OPT_CONFIG,
	BG_OPT_HELP,
	{ 0 }
};

/* Summaries of every metric of rs, in input order. Each row's sorted copy is freed. */
static struct bg_stats_row *rows_compute(const struct bg_resultset *rs, size_t *n,
					 double confidence)
{
	struct bg_stats_row *rows = NULL;
	size_t alloc = 0;

	*n = 0;
	for (size_t i = 0; i < rs->nbenches; i++) {
		const struct bg_bench *b = &rs->benches[i];

		for (size_t j = 0; j < b->nmetrics; j++) {
			const struct bg_metric *m = &b->metrics[j];
			struct bg_stats_row *r;

			bg_grow(&rows, &alloc, *n + 1, sizeof(*rows));
			r = &rows[(*n)++];
			r->bench = b->name;
			r->metric = m;
			bg_summary_of_metric(&r->summary, m, confidence);
		}
	}
	return rows;
}

int bg_cmd_print_stats(const struct bg_resultset *rs, const struct bg_args *a,
		       const struct bg_config *cfg, struct bg_error *err)
{
	const char *fstr = bg_args_get(a, "format");
	enum bg_format fmt = BG_FMT_TEXT;
	struct bg_output out;
	struct bg_stats_row *rows;
	size_t n;
	int ret;

	if (fstr && bg_format_parse(&fmt, fstr) < 0)
		return bg_error(err, BG_EXIT_USAGE,
				"unknown format '%s' (expected text, json, markdown or bmf)", fstr);
	rows = rows_compute(rs, &n, cfg->confidence);
	bg_output_open(&out, bg_args_get(a, "output"));
	ret = bg_output_finish(&out, bg_report_stats(out.f, fmt, rows, n, cfg->confidence, err),
			       err);
	free(rows);
	return ret;
}

static int stats_exec(const struct bg_cmd *self, struct bg_args *a)
{
	struct bg_error err = { 0 };
	struct bg_config cfg;
	struct bg_resultset rs;
	struct bg_read_options ro;
	const char *force = NULL;
	int code = BG_EXIT_OK;

	(void)self;
	bg_config_init(&cfg);
	bg_resultset_init(&rs);
	if (bg_cmd_setup(&cfg, &force, a, &err) < 0)
		goto fail;
	bg_cmd_read_options(&ro, a, &cfg);
	rs.read_options = &ro;
	if (bg_input_read_all(&rs, a->pos, (size_t)a->npos, force, &err) < 0)
		goto fail;
	bg_config_apply(&cfg, &rs);
	bg_warn_all(&rs.warnings);
	if (bg_cmd_print_stats(&rs, a, &cfg, &err) < 0)
		goto fail;
	goto out;
fail:
	code = bg_fail(&err);
out:
	bg_resultset_release(&rs);
	bg_config_release(&cfg);
	return code;
}

const struct bg_cmd bg_cmd_stats = {
	.name = "stats",
	.usage = "[-f FMT] [-o FILE] FILE...",
	.summary = "print n, runs, mean, stddev, median with its interval, p95, p99 per metric",
	.options = stats_options,
	.min_pos = 1,
	.max_pos = -1,
	.exec = stats_exec,
};
