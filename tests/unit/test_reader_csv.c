/* Tests for src/input/csv.c: RFC 4180 fields, column roles, names, runs, numbers, errors. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "benchgate/input.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static int read_csv(struct bg_resultset *rs, const char *text, struct bg_error *err)
{
	const struct bg_reader *r = bg_reader_find("csv");

	assert_non_null(r);
	return r->read(rs, "log.csv", text, strlen(text), rs->nruns, err);
}

/* The header, with generated_text holding commas, quotes and newlines. */
static const char hostile[] =
	"step,enqueue_latency_ms,total_latency_ms,tokens_per_sec,memory_throughput_gb_s,"
	"param_throughput_gb_s,generated_text,platform,release,device,username,hostname,size,"
	"quantize,seed,uuid\r\n"
	"0,0.25,1200.5,26.5,80.25,60,\"Hello, world\",Linux,6.1,cpu,ci,h1,7B,q4_0,11,u-1\r\n"
	"1,0.5,1300,25,81,61,\"line one\r\nline \"\"two\"\", with a comma\nthree\",Linux,6.1,cpu,ci,h2,7B,q4_0,11,u-1\r\n"
	"0,0.75,2400,13,45,33,\",,,\"\"\"\"\"\"\",Linux,6.1,cpu,ci,h1,13B,q4_0,12,u-2\r\n"
	"0,1,1250,26,80,60,,Linux,6.1,cpu,ci,h1,7B,q4_0,13,u-3\r\n";

static void test_hostile_log(void **state)
{
	static const struct {
		const char *name, *unit;
		enum bg_direction dir;
	} metrics[] = {
		{ "enqueue_latency_ms", "ms", BG_DIR_LOWER },
		{ "total_latency_ms", "ms", BG_DIR_LOWER },
		{ "tokens_per_sec", "tok/s", BG_DIR_HIGHER },
		{ "memory_throughput_gb_s", "GB/s", BG_DIR_HIGHER },
		{ "param_throughput_gb_s", "GB/s", BG_DIR_HIGHER },
	};
	struct bg_resultset rs;
	struct bg_error err = { 0 };
	struct bg_bench *b;
	struct bg_metric *m;

	(void)state;
	bg_resultset_init(&rs);
	assert_int_equal(read_csv(&rs, hostile, &err), 3);   /* three uuids */
	assert_int_equal(rs.nbenches, 2);
	assert_string_equal(rs.benches[0].name, "size=7B/quantize=q4_0");
	assert_string_equal(rs.benches[1].name, "size=13B/quantize=q4_0");
	b = &rs.benches[0];
	assert_int_equal(b->nmetrics, NELEM(metrics));
	for (size_t i = 0; i < NELEM(metrics); i++) {
		assert_string_equal(b->metrics[i].name, metrics[i].name);
		assert_string_equal(b->metrics[i].unit, metrics[i].unit);
		assert_int_equal(b->metrics[i].direction, metrics[i].dir);
	}
	m = bg_bench_find(b, "total_latency_ms");
	assert_int_equal(m->n, 3);
	assert_true(m->samples[0] == 1200.5 && m->samples[1] == 1300 && m->samples[2] == 1250);
	/* One run per uuid: u-1 twice, then u-3 (u-2 is the other benchmark's). */
	assert_int_equal(m->runs[0], 0);
	assert_int_equal(m->runs[1], 0);
	assert_int_equal(m->runs[2], 2);
	assert_int_equal(bg_metric_runs(m), 2);
	/* platform, release, device, hostname, username: environment, not the name. */
	assert_non_null(rs.environment);
	assert_string_equal(json_string_value(json_object_get(rs.environment, "platform")), "Linux");
	assert_null(bg_bench_find(b, "seed"));
	assert_null(bg_bench_find(b, "step"));
	bg_resultset_release(&rs);
}

static void test_key_override(void **state)
{
	struct bg_read_options ro = { .csv_key = "quantize" };
	struct bg_resultset rs;
	struct bg_error err = { 0 };

	(void)state;
	bg_resultset_init(&rs);
	rs.read_options = &ro;
	assert_int_equal(read_csv(&rs, hostile, &err), 3);
	assert_int_equal(rs.nbenches, 1);
	assert_string_equal(rs.benches[0].name, "quantize=q4_0");
	assert_int_equal(bg_bench_find(&rs.benches[0], "tokens_per_sec")->n, 4);
	bg_resultset_release(&rs);

	/* A numeric column named as a key is a key; an unknown one is an error. */
	ro.csv_key = "seed";
	bg_resultset_init(&rs);
	rs.read_options = &ro;
	assert_int_equal(read_csv(&rs, hostile, &err), 3);
	assert_int_equal(rs.nbenches, 3);
	assert_string_equal(rs.benches[0].name, "seed=11");
	bg_resultset_release(&rs);
	ro.csv_key = "size,colour";
	bg_resultset_init(&rs);
	rs.read_options = &ro;
	assert_int_equal(read_csv(&rs, hostile, &err), -1);
	assert_string_equal(err.msg, "log.csv:1:1: key column 'colour' is not in the header");
	bg_resultset_release(&rs);
}

static void test_shapes(void **state)
{
	static const struct {
		const char *text;
		size_t nbenches, n;
		const char *name;
		double last;
	} cases[] = {
		/* No final newline; LF only; blank lines; an empty metric cell is no sample. */
		{ "name,time_ms\na,1\na,2", 1, 2, "name=a", 2 },
		{ "name,time_ms\n\na,1\n\n\na,\na,3\n\n", 1, 2, "name=a", 3 },
		/* Quoted numbers and white space around them. */
		{ "name,time_ms\n\"a\",\" 1.5 \"\n", 1, 1, "name=a", 1.5 },
		/* No key column: the file's name. */
		{ "seed,time_ms\n1,4\n2,5\n", 1, 2, "log", 5 },
		/* A metric column empty in the first rows is still a metric; an all-empty column is nothing. */
		{ "name,note,time_ms\na,,\na,,\na,,2.5\n", 1, 1, "name=a", 2.5 },
		/* A benchmark whose every metric cell is empty is not made. */
		{ "name,time_ms\na,1\nb,\na,2\n", 1, 2, "name=a", 2 },
		/* A quoted header name with a comma. */
		{ "\"a,b\",time_ms\nx,7\n", 1, 1, "a,b=x", 7 },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		struct bg_resultset rs;
		struct bg_error err = { 0 };
		struct bg_metric *m;

		bg_resultset_init(&rs);
		if (read_csv(&rs, cases[i].text, &err) < 0)
			fail_msg("case %zu: %s", i, err.msg);
		assert_int_equal(rs.nbenches, cases[i].nbenches);
		assert_string_equal(rs.benches[0].name, cases[i].name);
		m = bg_bench_find(&rs.benches[0], "time_ms");
		assert_non_null(m);
		assert_int_equal(m->n, cases[i].n);
		assert_true(m->samples[m->n - 1] == cases[i].last);
		bg_resultset_release(&rs);
	}
}

static void test_errors(void **state)
{
	static const struct {
		const char *text, *msg;
	} cases[] = {
		{ "size,latency_ms\n7B,1.5\n\"13B,2.5\n", "log.csv:3:1: unterminated quoted field" },
		{ "size,latency_ms,x_ms\n7B,1.5,1\n13B,2.5\n", "log.csv:3:8: row has 2 fields, the header 3" },
		{ "size,latency_ms\n7B,1.5\n13B,2.5,9\n", "log.csv:3:9: row has 3 fields, the header 2" },
		{ "size,latency_ms\n7B,1.5\n13B,fast\n",
		  "log.csv:3:5: 'fast' in numeric column 'latency_ms' is not a number" },
		/* The column counts characters, after a multi-line quoted field too. */
		{ "t,size,latency_ms\n\"a\nb\",7B,1.5\n\"é\",7B,x\n",
		  "log.csv:4:8: 'x' in numeric column 'latency_ms' is not a number" },
		{ "size,latency_ms\n\"a\nb\",1\n\"é\"x,2\n",
		  "log.csv:4:4: 'x' after a closing quote (a quote inside a quoted field is written \"\")" },
		{ "size,latency_ms\n7B,1\n7B,\"1\n2\"\n", "log.csv:3:4: '1?2' in numeric column 'latency_ms' is not a number" },
		{ "size,latency_ms\n13\"B,2.5\n", "log.csv:2:3: quote inside an unquoted field (quote the whole field)" },
		{ "size,latency_ms,size\n7B,1,2\n", "log.csv:1:17: column 'size' is named twice in the header" },
		{ "size,,latency_ms\n7B,1,2\n", "log.csv:1:6: column 2 of the header has no name" },
		{ "size,latency_ms\n7B,-1\n", "log.csv:2:4: '-1' in column 'latency_ms' is negative" },
		{ "size,latency_ms\n7B,1e999\n", "log.csv:2:4: '1e999' in column 'latency_ms' is not a finite number" },
		{ "size,quantize\n7B,q4\n", "log.csv:1:1: no numeric column: a CSV log needs at least one metric" },
		{ "latency_ms\n1\n", "log.csv:1:1: the header has one column: a CSV log has names and numbers" },
	};

	(void)state;
	for (size_t i = 0; i < NELEM(cases); i++) {
		struct bg_resultset rs;
		struct bg_error err = { 0 };

		bg_resultset_init(&rs);
		assert_int_equal(read_csv(&rs, cases[i].text, &err), -1);
		assert_int_equal(err.code, BG_EXIT_INPUT);
		if (strcmp(err.msg, cases[i].msg))
			fail_msg("case %zu:\n  got  %s\n  want %s", i, err.msg, cases[i].msg);
		bg_resultset_release(&rs);
	}
}

/* The fast path and strtod agree bit for bit; what is not a number is refused. */
static void test_numbers(void **state)
{
	static const char *const bad[] = { "", " ", "-", ".", "e5", "1e", "1e+", "0x10", "nan",
					   "inf", "1.2.3", "1,5", "12a", "--1" };
	static const char *const good[] = { "0", "-0", "5.", ".5", "1e22", "1e23", "9007199254740993",
					    "123456789012345678901234", "1.7976931348623157e308",
					    "4.9e-324", "2.2250738585072014e-308", "0.1", "+3",
					    "1E-5", "000123.4500" };
	unsigned long long x = 88172645463325252ULL;   /* xorshift64, seeded */
	char buf[64];
	double d;

	(void)state;
	for (size_t i = 0; i < NELEM(bad); i++)
		if (bg_csv_number(&d, bad[i], strlen(bad[i])) == 0)
			fail_msg("'%s' read as %g", bad[i], d);
	for (size_t i = 0; i < NELEM(good); i++) {
		assert_int_equal(bg_csv_number(&d, good[i], strlen(good[i])), 0);
		assert_memory_equal(&d, &(double){ strtod(good[i], NULL) }, sizeof(d));
	}
	for (int i = 0; i < 200000; i++) {
		double v;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		v = (double)(x >> 11) / 9007199254740992.0 * pow(10, (int)(x % 40) - 20);
		snprintf(buf, sizeof(buf), "%.*g", 1 + (int)(x % 17), v);
		assert_int_equal(bg_csv_number(&d, buf, strlen(buf)), 0);
		if (d != strtod(buf, NULL))
			fail_msg("'%s': %.17g, strtod %.17g", buf, d, strtod(buf, NULL));
	}
}

static void test_sniff(void **state)
{
	const struct bg_reader *r = bg_reader_find("csv");

	(void)state;
	assert_true(r->sniff(hostile, strlen(hostile)));
	assert_true(r->sniff("a,b\n1,2\n", 8));
	assert_true(r->sniff("a,b\n", 4));                  /* no row: the reader says so */
	assert_true(r->sniff("a:ms,b\n1,2\n", 11));         /* a ':' in a name */
	assert_false(r->sniff("a\tb,c\n1\t2,3\n", 12));     /* a tab: not a CSV header */
	assert_false(r->sniff("{\"a\": 1,\n\"b\": 2}", 16));
	assert_false(r->sniff("goos: linux\ngoarch: amd64\n", 26));
	assert_false(r->sniff("BenchmarkX-8 100 5 ns/op\n", 25));
	assert_false(r->sniff("a,,b\n1,2,3\n", 11));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hostile_log),
		cmocka_unit_test(test_key_override),
		cmocka_unit_test(test_shapes),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_sniff),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
