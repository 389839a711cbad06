/* Report dispatch: pick the writer for a format, and check that the writing worked. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "benchgate/report.h"
#include "internal.h"

int bg_report_finish(FILE *out, struct bg_error *err)
{
	errno = 0;
	if (fflush(out) != 0 || ferror(out))
		return bg_error(err, BG_EXIT_STORE, "cannot write report: %s",
				bg_strerror(errno ? errno : EIO));
	return 0;
}

int bg_report_check(FILE *out, enum bg_format fmt, const struct bg_comparison *c,
		    const struct bg_report_info *info, struct bg_error *err)
{
	static const struct bg_report_info none = { 0 };

	if (!info)
		info = &none;
	switch (fmt) {
	case BG_FMT_JSON:
		bg_json_check(out, c, info);
		break;
	case BG_FMT_MARKDOWN:
		bg_markdown_check(out, c, info);
		break;
	case BG_FMT_JUNIT:
		bg_junit_check(out, c, info);
		break;
	case BG_FMT_GITHUB:
		bg_github_check(out, c, info);
		if (bg_github_summary(info->step_summary, c, info, err) < 0)
			return -1;
		break;
	case BG_FMT_HTML:
		bg_html_check(out, c, info);
		break;
	case BG_FMT_BMF:
		bg_bmf_check(out, c);
		break;
	case BG_FMT_TEXT:
	default:
		bg_text_check(out, c, info);
		break;
	}
	return bg_report_finish(out, err);
}

int bg_report_stats(FILE *out, enum bg_format fmt, const struct bg_stats_row *rows,
		    size_t n, double confidence, struct bg_error *err)
{
	if (fmt == BG_FMT_JUNIT || fmt == BG_FMT_GITHUB || fmt == BG_FMT_HTML)
		return bg_error(err, BG_EXIT_USAGE,
				"formats junit, github and html are for check and compare (expected text, json, markdown or bmf)");
	switch (fmt) {
	case BG_FMT_JSON:
		bg_json_stats(out, rows, n, confidence);
		break;
	case BG_FMT_MARKDOWN:
		bg_markdown_stats(out, rows, n, confidence);
		break;
	case BG_FMT_BMF:
		bg_bmf_stats(out, rows, n);
		break;
	case BG_FMT_TEXT:
	default:
		bg_text_stats(out, rows, n, confidence);
		break;
	}
	return bg_report_finish(out, err);
}
