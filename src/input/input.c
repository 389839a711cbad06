/* The readers table, the sniffing that picks one, and reading files into a result set. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "benchgate/input.h"
#include "benchgate/json.h"
#include "reader.h"

int bg_read_native(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		   int first_run, struct bg_error *err);
int bg_sniff_native(const char *buf, size_t len);
int bg_read_hyperfine(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		      int first_run, struct bg_error *err);
int bg_sniff_hyperfine(const char *buf, size_t len);
int bg_read_llm(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		int first_run, struct bg_error *err);
int bg_sniff_llm(const char *buf, size_t len);
int bg_read_criterion(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		      int first_run, struct bg_error *err);
int bg_sniff_criterion(const char *buf, size_t len);
int bg_claim_criterion(const char *path);
int bg_read_criterion_dir(struct bg_resultset *rs, const char *path, int first_run,
			  struct bg_error *err);
int bg_read_gbench(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		   int first_run, struct bg_error *err);
int bg_sniff_gbench(const char *buf, size_t len);
int bg_read_gotest(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		   int first_run, struct bg_error *err);
int bg_sniff_gotest(const char *buf, size_t len);
int bg_read_pytest(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		   int first_run, struct bg_error *err);
int bg_sniff_pytest(const char *buf, size_t len);
int bg_read_pyperf(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		   int first_run, struct bg_error *err);
int bg_sniff_pyperf(const char *buf, size_t len);
int bg_read_testreport(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		       int first_run, struct bg_error *err);
int bg_sniff_testreport(const char *buf, size_t len);
int bg_read_summary(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		    int first_run, struct bg_error *err);
int bg_sniff_summary(const char *buf, size_t len);
int bg_read_csv(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		int first_run, struct bg_error *err);
int bg_sniff_csv(const char *buf, size_t len);
int bg_read_tinybench(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		int first_run, struct bg_error *err);
int bg_sniff_tinybench(const char *buf, size_t len);
int bg_read_vitest(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		int first_run, struct bg_error *err);
int bg_sniff_vitest(const char *buf, size_t len);
int bg_read_mitata(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		int first_run, struct bg_error *err);
int bg_sniff_mitata(const char *buf, size_t len);
int bg_read_benchmarkjs(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		int first_run, struct bg_error *err);
int bg_sniff_benchmarkjs(const char *buf, size_t len);
int bg_read_catch2(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		int first_run, struct bg_error *err);
int bg_sniff_catch2(const char *buf, size_t len);
int bg_read_bmf(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		int first_run, struct bg_error *err);
int bg_sniff_bmf(const char *buf, size_t len);
int bg_read_libtest(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		int first_run, struct bg_error *err);
int bg_sniff_libtest(const char *buf, size_t len);

const struct bg_reader bg_readers[] = {
	{ "native", "benchgate's results and baseline JSON (schema benchgate.results/1, benchgate.baseline/1)",
	  bg_sniff_native, bg_read_native, NULL, NULL },
	{ "hyperfine", "hyperfine --export-json: results[].command, times[] in seconds",
	  bg_sniff_hyperfine, bg_read_hyperfine, NULL, NULL },
	{ "llm", "per-run JSON of LLM serving benchmarks (model_id, tps, elapsed_s, tokens), one object or JSON Lines",
	  bg_sniff_llm, bg_read_llm, NULL, NULL },
	{ "criterion", "Criterion.rs results: target/criterion[@BASELINE], one benchmark's directory, or a sample.json; time in ns per iteration",
	  bg_sniff_criterion, bg_read_criterion, bg_claim_criterion, bg_read_criterion_dir },
	{ "gbench", "Google Benchmark --benchmark_format=json: real_time, cpu_time and counters per run_name",
	  bg_sniff_gbench, bg_read_gbench, NULL, NULL },
	{ "gotest", "go test -bench text (as benchstat reads it): one sample per line, one metric per unit",
	  bg_sniff_gotest, bg_read_gotest, NULL, NULL },
	{ "pytest", "pytest --benchmark-json: benchmarks[].stats.data in seconds, or the summary only",
	  bg_sniff_pytest, bg_read_pytest, NULL, NULL },
	{ "pyperf", "pyperf JSON (-o, --append): benchmarks[].runs[].values, warmups left out",
	  bg_sniff_pyperf, bg_read_pyperf, NULL, NULL },
	{ "testreport", "JSON Lines test reports: test, outcome, duration, model, system_health per line",
	  bg_sniff_testreport, bg_read_testreport, NULL, NULL },
	{ "summary", "summary-only JSON: mean, median or p50, p95, p99, stddev, count per metric",
	  bg_sniff_summary, bg_read_summary, NULL, NULL },
	{ "csv", "CSV benchmark logs with a header (RFC 4180): numeric columns are metrics",
	  bg_sniff_csv, bg_read_csv, NULL, NULL },
	{ "tinybench", "tinybench task results (JSON.stringify(bench.tasks) of 2.x, name and result of 6.x, bench.results): times in ms, the summary when 6.x kept no samples",
	  bg_sniff_tinybench, bg_read_tinybench, NULL, NULL },
	{ "vitest", "vitest bench --outputJson: files[].groups[].benchmarks[], times in ms, the summary only (vitest writes no samples)",
	  bg_sniff_vitest, bg_read_vitest, NULL, NULL },
	{ "mitata", "mitata JSON (format 'json'): benchmarks[].runs[].stats.samples in ns; context.noop is not read",
	  bg_sniff_mitata, bg_read_mitata, NULL, NULL },
	{ "benchmarkjs", "benchmark.js benchmarks as JSON.stringify writes them: stats.sample in seconds",
	  bg_sniff_benchmarkjs, bg_read_benchmarkjs, NULL, NULL },
	{ "catch2", "Catch2 XML reporter (-r xml): BenchmarkResults, the summary in ns (mean, standard deviation, samples)",
	  bg_sniff_catch2, bg_read_catch2, NULL, NULL },
	{ "bmf", "Bencher Metric Format JSON: {name: {measure: {value, lower_value, upper_value}}}, the summary only",
	  bg_sniff_bmf, bg_read_bmf, NULL, NULL },
	{ "libtest", "cargo bench (libtest #[bench]) text: 'test NAME ... bench: N ns/iter (+/- D)', the summary only",
	  bg_sniff_libtest, bg_read_libtest, NULL, NULL },
	{ NULL, NULL, NULL, NULL, NULL, NULL }
};

static char reader_names[512];
static pthread_once_t names_once = PTHREAD_ONCE_INIT;

static void names_init(void)
{
	size_t n = 0;

	for (const struct bg_reader *r = bg_readers; r->name && n < sizeof(reader_names); r++)
		n += (size_t)snprintf(reader_names + n, sizeof(reader_names) - n, "%s%s",
				      r == bg_readers ? "" : ", ", r->name);
}

const char *bg_reader_names(void)
{
	pthread_once(&names_once, names_init);
	return reader_names;
}

const struct bg_reader *bg_reader_find(const char *name)
{
	for (const struct bg_reader *r = bg_readers; r->name; r++)
		if (!strcmp(r->name, name))
			return r;
	return NULL;
}

static int blank(const char *buf, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (!bg_json_space(buf[i]))
			return 0;
	return 1;
}

static size_t total_samples(const struct bg_resultset *rs)
{
	size_t n = 0;

	for (size_t i = 0; i < rs->nbenches; i++)
		for (size_t j = 0; j < rs->benches[i].nmetrics; j++)
			n += rs->benches[i].metrics[j].n + rs->benches[i].metrics[j].summary.present;
	return n;
}

int bg_input_is_dir(const char *path)
{
	for (const struct bg_reader *r = bg_readers; r->name; r++)
		if (r->claim && r->claim(path))
			return 1;
	return 0;
}

/*
 * A path that a reader claims (a directory, DIR@NAME): read by that reader's
 * read_path. Returns 1 when a reader claimed path (then *ret is 0 or -1, the runs
 * added to rs), 0 when path is a file for the sniffers.
 */
static int read_claimed(int *ret, struct bg_resultset *rs, const char *path, const char *force,
			struct bg_error *err)
{
	const struct bg_reader *r;
	int used;

	for (r = bg_readers; r->name; r++)
		if (r->claim && r->claim(path))
			break;
	if (!r->name)
		return 0;
	if (force && strcmp(force, r->name)) {
		*ret = bg_error(err, BG_EXIT_INPUT, "'%s' is a directory, not a file", path);
		return 1;
	}
	used = r->read_path(rs, path, rs->nruns, err);
	*ret = -1;
	if (used < 0)
		return 1;
	rs->nruns += used;
	*ret = 0;
	return 1;
}

int bg_input_read(struct bg_resultset *rs, const char *path, const char *force,
		  struct bg_error *err)
{
	const struct bg_reader *claims[32];
	size_t nclaims = 0;
	char names[512];
	const struct bg_reader *r = NULL;
	char *buf = NULL;
	const char *text;
	size_t len = 0, before = total_samples(rs), warned = rs->warnings.n;
	int used, ret = -1, mapped;

	/* Run numbers are ints: a file may add up to BG_MAX_RUN + 1 of them. */
	if (rs->nruns > INT_MAX - BG_MAX_RUN - 1)
		return bg_error(err, BG_EXIT_INPUT, "'%s': too many runs in all (at most %d)", path,
				INT_MAX - BG_MAX_RUN - 1);
	if (force && !bg_reader_find(force))
		return bg_error(err, BG_EXIT_USAGE, "unknown input format '%s' (the formats: %s)",
				force, bg_reader_names());
	if (read_claimed(&ret, rs, path, force, err))
		return ret;
	if (!(mapped = bg_file_map(&buf, &len, path) == 0) &&
	    bg_file_read(&buf, &len, path, err) < 0)
		return -1;
	/* A UTF-8 byte order mark is not text: editors do not count it in columns. */
	text = buf;
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
		text += 3;
		len -= 3;
	}
	if (blank(text, len)) {
		bg_error(err, BG_EXIT_INPUT, "'%s' is empty", path);
		goto out;
	}
	if (force) {
		if (!(r = bg_reader_find(force))) {
			bg_error(err, BG_EXIT_USAGE, "unknown input format '%s' (the formats: %s)",
				 force, bg_reader_names());
			goto out;
		}
	} else {
		/* Every sniffer is asked: two that say yes is an ambiguity, not a guess. */
		for (const struct bg_reader *c = bg_readers; c->name; c++)
			if (nclaims < sizeof(claims) / sizeof(claims[0]) && c->sniff(text, len))
				claims[nclaims++] = c;
		if (nclaims > 1) {
			size_t n = 0;

			for (size_t i = 0; i < nclaims && n < sizeof(names); i++)
				n += (size_t)snprintf(names + n, sizeof(names) - n, "%s%s",
						      i ? ", " : "", claims[i]->name);
			bg_error(err, BG_EXIT_INPUT,
				 "'%s' looks like more than one format (%s): name one with --input-format",
				 path, names);
			goto out;
		}
		r = nclaims ? claims[0] : NULL;
	}
	if (!r) {
		/*
		 * Say what is wrong with JSON that does not parse, before its shape. Only
		 * the first document counts: JSON Lines of an unknown shape is an unknown
		 * format, not "end of file expected" on its second line.
		 */
		struct bg_json_doc *doc = bg_json_doc_new();
		struct bg_json_error je;

		size_t rest;
		const char *start = bg_sniff_start(text, len, &rest);

		/* Only what starts as JSON (a container, a string, a number) gets its error. */
		if (!rest || !strchr("{[\"-0123456789", *start))
			bg_error(err, BG_EXIT_INPUT,
				 "'%s': unknown format: none of %s (see 'benchgate formats'; --input-format NAME forces one)",
				 path, bg_reader_names());
		else if (bg_json_parse(doc, text, len, 0, BG_JSON_FIRST, &je))
			bg_error(err, BG_EXIT_INPUT,
				 "'%s': unknown format: none of %s (see 'benchgate formats'; --input-format NAME forces one)",
				 path, bg_reader_names());
		else
			bg_json_parse_error(err, path, &je);
		bg_json_doc_free(doc);
		goto out;
	}
	used = r->read(rs, path, text, len, rs->nruns, err);
	if (bg_sample_limit_exceeded()) {
		bg_error(err, BG_EXIT_INPUT,
			 "'%s': more than %zu samples in all inputs, the limit (--max-samples N raises it)",
			 path, bg_sample_limit());
		goto out;
	}
	if (used < 0)
		goto out;
	if (total_samples(rs) == before) {
		/* What the reader noticed in this file often says why (all tests failed). */
		if (rs->warnings.n > warned)
			bg_error(err, BG_EXIT_INPUT, "'%s' holds no benchmark samples (%s)", path,
				 rs->warnings.v[rs->warnings.n - 1]);
		else
			bg_error(err, BG_EXIT_INPUT, "'%s' holds no benchmark samples", path);
		goto out;
	}
	rs->nruns += used;
	ret = 0;
out:
	if (mapped)
		bg_file_unmap(buf, len);
	else
		free(buf);
	return ret;
}

int bg_input_read_all(struct bg_resultset *rs, char *const *paths, size_t npaths,
		      const char *force, struct bg_error *err)
{
	size_t len = 1;

	for (size_t i = 0; i < npaths; i++) {
		if (bg_input_read(rs, paths[i], force, err) < 0)
			return -1;
		len += strlen(paths[i]) + 2;
	}
	free(rs->source);
	rs->source = bg_malloc(len);
	rs->source[0] = '\0';
	for (size_t i = 0; i < npaths; i++) {
		if (i)
			strcat(rs->source, ", ");
		strcat(rs->source, paths[i]);
	}
	return 0;
}

