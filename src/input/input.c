/* The readers table, the sniffing that picks one, and reading files into a result set. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
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
int bg_read_criterion_path(struct bg_resultset *rs, const char *path, const char *baseline,
			   int first_run, struct bg_error *err);
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

const struct bg_reader bg_readers[] = {
	{ "native", "benchgate's results and baseline JSON (schema benchgate.results/1, benchgate.baseline/1)",
	  bg_sniff_native, bg_read_native },
	{ "hyperfine", "hyperfine --export-json: results[].command, times[] in seconds",
	  bg_sniff_hyperfine, bg_read_hyperfine },
	{ "llm", "per-run JSON of LLM serving benchmarks (model_id, tps, elapsed_s, tokens), one object or JSON Lines",
	  bg_sniff_llm, bg_read_llm },
	{ "criterion", "Criterion.rs results: target/criterion[@BASELINE], one benchmark's directory, or a sample.json; time in ns per iteration",
	  bg_sniff_criterion, bg_read_criterion },
	{ "gbench", "Google Benchmark --benchmark_format=json: real_time, cpu_time and counters per run_name",
	  bg_sniff_gbench, bg_read_gbench },
	{ "gotest", "go test -bench text (as benchstat reads it): one sample per line, one metric per unit",
	  bg_sniff_gotest, bg_read_gotest },
	{ "pytest", "pytest --benchmark-json: benchmarks[].stats.data in seconds, or the summary only",
	  bg_sniff_pytest, bg_read_pytest },
	{ "pyperf", "pyperf JSON (-o, --append): benchmarks[].runs[].values, warmups left out",
	  bg_sniff_pyperf, bg_read_pyperf },
	{ "testreport", "JSON Lines test reports: test, outcome, duration, model, system_health per line",
	  bg_sniff_testreport, bg_read_testreport },
	{ "summary", "summary-only JSON: mean, median or p50, p95, p99, stddev, count per metric",
	  bg_sniff_summary, bg_read_summary },
	{ "csv", "CSV benchmark logs with a header (RFC 4180): numeric columns are metrics",
	  bg_sniff_csv, bg_read_csv },
	{ NULL, NULL, NULL, NULL }
};

const char *bg_reader_names(void)
{
	static char names[256];

	if (!names[0]) {
		size_t n = 0;

		for (const struct bg_reader *r = bg_readers; r->name && n < sizeof(names); r++)
			n += (size_t)snprintf(names + n, sizeof(names) - n, "%s%s",
					      r == bg_readers ? "" : ", ", r->name);
	}
	return names;
}

const struct bg_reader *bg_reader_find(const char *name)
{
	for (const struct bg_reader *r = bg_readers; r->name; r++)
		if (!strcmp(r->name, name))
			return r;
	return NULL;
}

int bg_file_read(char **out, size_t *len, const char *path, struct bg_error *err)
{
	struct stat st = { 0 };
	char *buf = NULL;
	size_t alloc = 0, n = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return bg_error(err, BG_EXIT_INPUT, "cannot read '%s': %s", path, bg_strerror(errno));
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return bg_error(err, BG_EXIT_INPUT, "'%s' is a directory, not a file", path);
	}
	/* A regular file is read in one go; a pipe grows the buffer as it comes. */
	bg_grow(&buf, &alloc, S_ISREG(st.st_mode) ? (size_t)st.st_size + 2 : 65536, 1);
	for (;;) {
		ssize_t r;

		if (alloc - n < 2)
			bg_grow(&buf, &alloc, n + 65536, 1);
		r = read(fd, buf + n, alloc - n - 1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			free(buf);
			close(fd);
			return bg_error(err, BG_EXIT_INPUT, "cannot read '%s': %s", path,
					bg_strerror(errno));
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

/*
 * The file being read, when it is mapped rather than copied: a reader that goes
 * through it in order gives back what it has read (bg_input_release), so a large file
 * never needs its whole size in memory.
 */
static struct {
	const char *base;     /* NULL: not mapped */
	size_t len, released; /* released: bytes from base given back, a page multiple */
} mapped;

/* Below this, a file is read: a mapping costs more than it saves. */
#define MAP_MIN ((size_t)1 << 20)
/* A mapped file's bytes are given back in steps of at least this much. */
#define RELEASE_STEP ((size_t)4 << 20)

/*
 * Map path's regular file of size bytes, NUL after its last byte (the rest of the
 * last page is zero: a size that ends a page is read instead). 0 and *out set, or -1.
 */
static int file_map(char **out, const char *path, size_t size)
{
	long page = sysconf(_SC_PAGESIZE);
	int fd;
	void *p;

	if (size < MAP_MIN || page <= 0 || size % (size_t)page == 0)
		return -1;
	if ((fd = open(path, O_RDONLY)) < 0)
		return -1;
	p = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return -1;
	madvise(p, size, MADV_SEQUENTIAL);
	*out = p;
	return 0;
}

void bg_input_release(const char *upto)
{
	long page = sysconf(_SC_PAGESIZE);
	size_t off;

	if (!mapped.base || upto < mapped.base || upto > mapped.base + mapped.len || page <= 0)
		return;
	off = (size_t)(upto - mapped.base) / (size_t)page * (size_t)page;
	if (off < mapped.released)
		mapped.released = 0;   /* a second pass from the start */
	if (off < mapped.released + RELEASE_STEP)
		return;
	/* a private read-only mapping: its pages come back from the file if read again */
	madvise((char *)mapped.base + mapped.released, off - mapped.released, MADV_DONTNEED);
	mapped.released = off;
}

/* JSON's white space; not NUL, which strchr would find at the end of its set. */
int bg_json_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
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
	struct stat st;
	const char *at = strrchr(path, '@');
	char *dir;
	int ret;

	if (stat(path, &st) == 0)
		return S_ISDIR(st.st_mode);
	if (!at || at == path || strchr(at, '/'))
		return 0;
	dir = bg_strndup(path, (size_t)(at - path));
	ret = stat(dir, &st) == 0 && S_ISDIR(st.st_mode);
	free(dir);
	return ret;
}

/*
 * The readers that take a path rather than bytes: a directory, or PATH@BASELINE. Returns
 * 1 when path is theirs (then *ret is 0 or -1, the runs added to rs), 0 when it is a file.
 */
static int read_path(int *ret, struct bg_resultset *rs, const char *path, const char *force,
		     struct bg_error *err)
{
	struct stat st;
	const char *at = strrchr(path, '@');
	char *dir = NULL;
	const char *baseline = NULL;
	int used;

	if (stat(path, &st) == 0) {
		if (!S_ISDIR(st.st_mode))
			return 0;
		dir = bg_strdup(path);
	} else if (at && at > path && !strchr(at, '/')) {
		/* target/criterion@main: a saved Criterion.rs baseline. */
		dir = bg_strndup(path, (size_t)(at - path));
		baseline = at + 1;
		if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
			free(dir);
			return 0;
		}
	} else {
		return 0;
	}
	if (force && strcmp(force, "criterion")) {
		*ret = bg_error(err, BG_EXIT_INPUT, "'%s' is a directory, not a file", path);
		goto out;
	}
	used = bg_read_criterion_path(rs, dir, baseline, rs->nruns, err);
	*ret = -1;
	if (used < 0)
		goto out;
	rs->nruns += used;
	*ret = 0;
out:
	free(dir);
	return 1;
}

int bg_input_read(struct bg_resultset *rs, const char *path, const char *force,
		  struct bg_error *err)
{
	const struct bg_reader *claims[16];
	size_t nclaims = 0;
	char names[256];
	const struct bg_reader *r = NULL;
	char *buf = NULL;
	const char *text;
	struct stat st;
	size_t len = 0, before = total_samples(rs), warned = rs->warnings.n;
	int used, ret = -1;

	/* Run numbers are ints: a file may add up to BG_MAX_RUN + 1 of them. */
	if (rs->nruns > INT_MAX - BG_MAX_RUN - 1)
		return bg_error(err, BG_EXIT_INPUT, "'%s': too many runs in all (at most %d)", path,
				INT_MAX - BG_MAX_RUN - 1);
	if (force && !bg_reader_find(force))
		return bg_error(err, BG_EXIT_USAGE, "unknown input format '%s' (the formats: %s)",
				force, bg_reader_names());
	if (read_path(&ret, rs, path, force, err))
		return ret;
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	    file_map(&buf, path, (size_t)st.st_size) == 0) {
		len = (size_t)st.st_size;
		mapped.base = buf;
		mapped.len = len;
		mapped.released = 0;
	} else if (bg_file_read(&buf, &len, path, err) < 0) {
		return -1;
	}
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
	if (mapped.base) {
		munmap(buf, mapped.len);
		mapped.base = NULL;
	} else {
		free(buf);
	}
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

const char *bg_sniff_start(const char *buf, size_t len, size_t *rest)
{
	size_t i = 0;

	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < len && bg_json_space(buf[i]))
		i++;
	*rest = len - i;
	return buf + i;
}

size_t bg_sniff_object(const char *buf, size_t len)
{
	size_t n = len < 65536 ? len : 65536, rest;
	const char *start = bg_sniff_start(buf, n, &rest);

	return rest && *start == '{' ? n : 0;
}
