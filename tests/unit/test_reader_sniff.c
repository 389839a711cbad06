/*
 * Sniffing over every format fixture in tests/data: each file is claimed by its own
 * format's sniffer and by no other (no ambiguity), and bg_input_read picks that format.
 * The table names directories, so a new fixture is covered without touching this file.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "testutil.h"
#include "benchgate/input.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Files under dir (recursively) whose name ends in suffix are format's. */
static const struct {
	const char *dir, *suffix, *format;
} table[] = {
	{ "tests/data/native", ".json", "native" },
	{ "tests/data/release", ".json", "native" },
	{ "tests/data/reports", ".json", "native" },
	{ "tests/data/hyperfine", ".json", "hyperfine" },
	{ "tests/data/llm", ".json", "llm" },
	{ "tests/data/llm", ".jsonl", "llm" },
	{ "tests/data/criterion", "/sample.json", "criterion" },
	{ "tests/data/criterion", "/raw.csv", "csv" },   /* Criterion.rs's raw.csv is a CSV log */
	{ "tests/data/gbench", ".json", "gbench" },
	{ "tests/data/gotest", ".txt", "gotest" },
	{ "tests/data/pytest-benchmark", ".json", "pytest" },
	{ "tests/data/pyperf", ".json", "pyperf" },
	{ "tests/data/testreport", ".jsonl", "testreport" },
	{ "tests/data/summary", ".json", "summary" },
	{ "tests/data/csv", ".csv", "csv" },
	{ "tests/data/tinybench", ".json", "tinybench" },
	{ "tests/data/vitest", ".json", "vitest" },
	{ "tests/data/mitata", ".json", "mitata" },
	{ "tests/data/benchmarkjs", ".json", "benchmarkjs" },
	{ "tests/data/catch2", ".xml", "catch2" },
	{ "tests/data/bmf", ".json", "bmf" },
	{ "tests/data/libtest", ".txt", "libtest" },
};

/* Fixtures made to be something else, and what they are. */
static const struct {
	const char *path, *claims;
} exceptions[] = {
	/* A Google Benchmark file that also has native's keys: the ambiguity case. */
	{ "tests/data/gbench/bad-ambiguous.json", "native, gbench" },
	/* Native files with a pytest benchmark's name (units cases in tests/cli). */
	{ "tests/data/pytest-benchmark/bad/native-bytes.json", "native" },
	{ "tests/data/pytest-benchmark/native-us.json", "native" },
};

struct tally {
	size_t files, per_format[64];
};

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n >= k && !strcmp(s + n - k, suffix);
}

/* The formats whose sniffers claim path's bytes, "a, b" (the list input.c prints). */
static void claims_of(char *out, size_t size, const char *path)
{
	struct bg_error err;
	char *buf;
	size_t len, n = 0;
	const char *text;

	assert_int_equal(bg_file_read(&buf, &len, path, &err), 0);
	text = buf;
	if (len >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3)) {
		text += 3;
		len -= 3;
	}
	out[0] = '\0';
	for (const struct bg_reader *r = bg_readers; r->name; r++)
		if (r->sniff(text, len))
			n += (size_t)snprintf(out + n, size - n, "%s%s", n ? ", " : "", r->name);
	free(buf);
}

static void check_file(const char *path, const char *format, struct tally *t, size_t row)
{
	const char *want = format;
	struct bg_resultset rs;
	struct bg_error err = { 0 };
	char claims[256];

	for (size_t i = 0; i < NELEM(exceptions); i++)
		if (!strcmp(path, exceptions[i].path))
			want = exceptions[i].claims;
	claims_of(claims, sizeof(claims), path);
	if (strcmp(claims, want))
		fail_msg("%s: claimed by '%s', expected '%s'", path, claims, want);
	/* Reading it never says "looks like more than one format" unless that is the case. */
	bg_resultset_init(&rs);
	if (bg_input_read(&rs, path, NULL, &err) < 0 && strchr(want, ',') == NULL &&
	    strstr(err.msg, "more than one format"))
		fail_msg("%s: %s", path, err.msg);
	bg_resultset_release(&rs);
	t->files++;
	t->per_format[row]++;
}

static void walk(const char *dir, size_t row, struct tally *t)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	assert_non_null(d);
	while ((e = readdir(d))) {
		char path[1024];
		struct stat st;

		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		assert_int_equal(stat(path, &st), 0);
		if (S_ISDIR(st.st_mode))
			walk(path, row, t);
		else if (ends_with(path, table[row].suffix))
			check_file(path, table[row].format, t, row);
	}
	closedir(d);
}

static void test_fixtures_sniff_as_their_format(void **state)
{
	struct tally t = { 0 };

	(void)state;
	for (size_t i = 0; i < NELEM(table); i++)
		walk(table[i].dir, i, &t);
	/* Every row of the table found files: a moved fixture directory is not silently skipped. */
	for (size_t i = 0; i < NELEM(table); i++)
		if (!t.per_format[i])
			fail_msg("no fixture matched %s/*%s", table[i].dir, table[i].suffix);
	assert_true(t.files >= 80);
}

/* Every format of the readers table is in the fixture table. */
static void test_every_format_has_fixtures(void **state)
{
	(void)state;
	for (const struct bg_reader *r = bg_readers; r->name; r++) {
		size_t i;

		for (i = 0; i < NELEM(table) && strcmp(table[i].format, r->name); i++)
			;
		if (i == NELEM(table))
			fail_msg("format '%s' has no fixtures in the sniffing table", r->name);
	}
}

/* Near misses between formats: each is claimed by one sniffer, or by none. */
static void test_near_misses(void **state)
{
	static const struct {
		const char *text, *claims;
	} cases[] = {
		/* CSV with a ':' in the header, or a header alone: CSV, not JSON, not gotest. */
		{ "size,latency:ms\n7B,1.5\n", "csv" },
		{ "size,latency_ms\n", "csv" },
		/* CSV columns named like JSON keys of other formats. */
		{ "\"model_id\",tps\nm,1\n", "csv" },
		{ "\"results\",\"command\"\n1,2\n", "csv" },
		/* go test text whose configuration line has a comma. */
		{ "goos: linux\ncpu: Intel, 2 cores\nBenchmarkA-2  10  5 ns/op\n", "gotest" },
		/* A sample.json whose "times" lies past the first 64 KiB is still criterion's. */
		{ "{\"sampling_mode\": \"Linear\", \"iters\": [1]}", "criterion" },
		{ "hello world\n", "" },
		/* cargo bench: a bench line is libtest's; test lines alone are not. */
		{ "running 1 test\ntest b ... bench:          5 ns/iter (+/- 1)\n", "libtest" },
		{ "running 1 test\ntest t ... ok\n", "" },
		/* BMF: three objects deep down to "value"; one level less is not BMF. */
		{ "{\"a\": {\"latency\": {\"value\": 1}}}", "bmf" },
		{ "{\"a \\\" b\": {\"x\": {\"upper_value\": 2, \"value\": 1}}}", "bmf" },
		{ "{\"a\": {\"latency\": 1}}", "" },
		/* XML that is not Catch2's, and the empty tasks tinybench 6 stringifies. */
		{ "<?xml version=\"1.0\"?><testsuites/>", "" },
		{ "<Catch name=\"x\"></Catch>", "catch2" },
		{ "[{}]", "" },
	};
	char claims[256];

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		size_t n = 0, len = strlen(cases[i].text);

		claims[0] = '\0';
		for (const struct bg_reader *r = bg_readers; r->name; r++)
			if (r->sniff(cases[i].text, len))
				n += (size_t)snprintf(claims + n, sizeof(claims) - n, "%s%s",
						      n ? ", " : "", r->name);
		if (strcmp(claims, cases[i].claims))
			fail_msg("case %zu: claimed by '%s', expected '%s'", i, claims, cases[i].claims);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixtures_sniff_as_their_format),
		cmocka_unit_test(test_every_format_has_fixtures),
		cmocka_unit_test(test_near_misses),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
