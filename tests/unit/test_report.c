/* Tests for src/report: number formats, escaping, and the text, JSON and Markdown writers. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "benchgate/report.h"

static struct bg_mode smoke = { .name = "smoke", .threshold = 0.2,
				.fail_on = { [BG_REGRESSION] = 1 } };

/* A summary around median; n <= 5 gives an infinite median interval and a NAN cv. */
static void summary_set(struct bg_summary *s, size_t n, int runs, double median)
{
	memset(s, 0, sizeof(*s));
	s->n = n;
	s->runs = runs;
	s->mean = median * 1.01;
	s->stddev = median * 0.05;
	s->min = median * 0.9;
	s->max = median * 1.2;
	s->median = median;
	s->p95 = median * 1.1;
	s->p99 = median * 1.15;
	s->mad = median * 0.02;
	s->cv = n > 5 ? 0.05 : NAN;
	s->median_ci.lo = n > 5 ? median * 0.98 : -INFINITY;
	s->median_ci.hi = n > 5 ? median * 1.02 : INFINITY;
	s->median_ci.level = n > 5 ? 0.9612 : NAN;
	s->p95_ci = s->p99_ci = s->median_ci;
}

/* Append a result to c, counted under smoke mode. Names are copied. */
static struct bg_result *add(struct bg_comparison *c, const char *bench, const char *metric,
			     const char *unit, enum bg_verdict v, int has_base, double base,
			     int has_cur, double cur, double lo, double hi, double p,
			     size_t needed, const char *note)
{
	struct bg_result *r;

	bg_grow(&c->results, &c->alloc, c->n + 1, sizeof(*c->results));
	r = &c->results[c->n++];
	memset(r, 0, sizeof(*r));
	bg_noise_init(&r->noise);
	r->bench = bg_strdup(bench);
	r->metric = bg_strdup(metric);
	r->unit = bg_strdup(unit);
	r->direction = strstr(metric, "per_sec") ? BG_DIR_HIGHER : BG_DIR_LOWER;
	r->statistic = BG_STAT_MEDIAN;
	r->threshold = 0.2;
	r->has_base = has_base;
	r->has_cur = has_cur;
	if (has_base)
		summary_set(&r->base, 30, 3, base);
	if (has_cur)
		summary_set(&r->cur, v == BG_INSUFFICIENT ? 3 : 30, 3, cur);
	r->change.estimate = has_base && has_cur ? (cur - base) / base : NAN;
	r->change.ci.lo = lo;
	r->change.ci.hi = hi;
	r->change.ci.level = 0.95;
	r->p_value = p;
	r->verdict = v;
	r->needed = needed;
	r->note = bg_strdup(note);
	c->counts[v]++;
	if (smoke.fail_on[v])
		c->failed = 1;
	return r;
}

/*
 * One result of each verdict, a missing side each way, NAN p-values, infinite bounds,
 * a UTF-8 name, a metric gated on p95, and one ungated metric.
 */
static void fixture(struct bg_comparison *c)
{
	struct bg_result *r;

	bg_comparison_init(c);
	c->mode = &smoke;
	c->confidence = 0.95;
	add(c, "parse", "time", "ns", BG_REGRESSION, 1, 123456, 1, 150000, 0.18, 0.26,
	    0.00001, 0, NULL);
	add(c, "gen", "tokens_per_sec", "tok/s", BG_IMPROVEMENT, 1, 17.14, 1, 21.5, 0.2, 0.31,
	    0.0123, 0, NULL);
	add(c, "caf\xc3\xa9/read", "time", "ms", BG_PASS, 1, 1.234, 1, 1.2401, -0.01, 0.02,
	    0.5, 0, NULL);
	r = add(c, "net", "latency", "ms", BG_INCONCLUSIVE, 1, 10, 1, 11.5, 0.05, 0.3, 0.03,
		400, "about 400 samples per side would resolve 20%");
	r->statistic = BG_STAT_P95;
	add(c, "tiny", "time", "s", BG_INSUFFICIENT, 1, 2, 1, 2.2, -INFINITY, INFINITY, NAN, 7,
	    "too few samples to bound the median at 95% confidence: need at least 7 per side");
	add(c, "gone", "time", "ns", BG_MISSING, 1, 50, 0, 0, -INFINITY, INFINITY, NAN, 0,
	    "not in the current results");
	add(c, "fresh", "time", "ns", BG_NEW, 0, 0, 1, 60, -INFINITY, INFINITY, NAN, 0,
	    "not in the baseline");
	c->ungated = 1;
}

static const struct bg_report_info info = {
	.command = "check",
	.baseline_source = "baselines/main.json",
	.baseline_commit = "0123456789abcdef0123456789abcdef01234567",
	.current_source = "run1.json",
};

/* Render a check report into a new string. */
static char *render_check(enum bg_format fmt, const struct bg_comparison *c,
			  const struct bg_report_info *ri)
{
	struct bg_error err = { 0 };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(bg_report_check(f, fmt, c, ri, &err), 0);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(strlen(buf), len);
	return buf;
}

static char *render_stats(enum bg_format fmt, const struct bg_stats_row *rows, size_t n)
{
	struct bg_error err = { 0 };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(bg_report_stats(f, fmt, rows, n, 0.95, &err), 0);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static void test_format_parse(void **state)
{
	static const struct {
		const char *in;
		int ret;
		enum bg_format want;
	} cases[] = {
		{ "text", 0, BG_FMT_TEXT }, { "json", 0, BG_FMT_JSON },
		{ "markdown", 0, BG_FMT_MARKDOWN }, { "JSON", -1, 0 }, { "md", -1, 0 },
		{ "", -1, 0 }, { "text ", -1, 0 }, { "junit", 0, BG_FMT_JUNIT }, { "github", 0, BG_FMT_GITHUB },
		{ "html", 0, BG_FMT_HTML }, { "HTML", -1, 0 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum bg_format f = (enum bg_format)99;

		assert_int_equal(bg_format_parse(&f, cases[i].in), cases[i].ret);
		if (cases[i].ret == 0)
			assert_int_equal(f, cases[i].want);
		else
			assert_int_equal(f, 99);
	}
}

static void test_format_value(void **state)
{
	static const struct {
		double v;
		const char *unit, *want;
	} cases[] = {
		/* four significant digits, trailing zeros dropped */
		{ 1.234, "ms", "1.234 ms" }, { 17.14, "tok/s", "17.14 tok/s" },
		{ 100, "ns", "100 ns" }, { 1.5, "s", "1.5 s" }, { -2.5, "ms", "-2.5 ms" },
		{ 0, "ns", "0 ns" }, { -0.0, "", "0" }, { 3.14159, NULL, "3.142" },
		{ 17.14, "", "17.14" }, { 818.5, "ns", "818.5 ns" },
		/* times in the unit that puts them in [1, 1000): ns .. s */
		{ 123456, "ns", "123.5 us" }, { 123456.7, "ns", "123.5 us" },
		{ 1234.6, "ns", "1.235 us" }, { 2294, "ns", "2.294 us" }, { 1538, "us", "1.538 ms" },
		{ 0.0123, "s", "12.3 ms" }, { 0.000125, "s", "125 us" }, { 1.5e-7, "s", "150 ns" },
		{ 0.00099996, "s", "1 ms" }, { 9.9996, "s", "10 s" }, { 999.96, "ns", "1 us" },
		{ 999.94, "ns", "999.9 ns" }, { 0.3, "ns", "0.3 ns" }, { 5000, "s", "5000 s" },
		{ 7.2e6, "ms", "7200 s" }, { 2150, "ms", "2.15 s" }, { 0.0002291, "second", "229.1 us" },
		{ 12812, "ns/op", "12.81 us/op" }, { 1500, "\xc2\xb5s", "1.5 ms" },
		{ 500, "\xc2\xb5s", "500 \xc2\xb5s" }, { 150, "sec", "150 sec" },
		/* sizes: decimal, also as rates; binary */
		{ 15908567595, "B/s", "15.91 GB/s" }, { 4096, "B/op", "4.096 kB/op" },
		{ 1500, "MB/s", "1.5 GB/s" }, { 512, "bytes", "512 bytes" },
		{ 1.235e29, "B", "1.235e+17 TB" }, { 2048, "KiB", "2 MiB" }, { 1536, "MiB", "1.5 GiB" },
		{ 1000, "KiB", "1000 KiB" },
		/* anything else: SI prefixes from 1000 up, none below */
		{ 131232481, "items/s", "131.2 M items/s" }, { 62142842, "items/s", "62.14 M items/s" },
		{ 2246991374, "elem/s", "2.247 G elem/s" }, { 999.9, "items/s", "999.9 items/s" },
		{ 1000, "furlong", "1 k furlong" }, { 0.001234, "items/s", "0.001234 items/s" },
		{ 4.5e9, "", "4.5 G" }, { 1e21, "ops", "1000 E ops" }, { 1e15, NULL, "1e+15" },
		{ 123456, NULL, "123456" }, { 1234.5, "%", "1234 %" },
		/* no number: no unit */
		{ NAN, "ms", "-" }, { INFINITY, "ms", "inf" }, { -INFINITY, "ms", "-inf" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char buf[64];

		assert_ptr_equal(bg_format_value(buf, sizeof(buf), cases[i].v, cases[i].unit), buf);
		if (strcmp(buf, cases[i].want))
			fail_msg("%.17g '%s': '%s', want '%s'", cases[i].v,
				 cases[i].unit ? cases[i].unit : "(null)", buf, cases[i].want);
	}
}

/* Numbers around a value in its display: an interval, a row of the stats table. */
static void test_format_in(void **state)
{
	static const struct {
		double pick;
		const char *unit, *shown;
		double v;
		const char *want;
	} cases[] = {
		{ 2294, "ns", "us", 2252, "2.252" }, { 2294, "ns", "us", 114.1, "0.1141" },
		{ 2294, "ns", "us", 0, "0" }, { 2294, "ns", "us", -INFINITY, "-inf" },
		{ 1538, "us", "ms", 53.92, "0.05392" }, { 15000, "ns", "us", 29700, "29.7" },
		{ 131232481, "items/s", "M items/s", 170971, "0.171" },
		{ 0.0123, "s", "ms", 1.5, "1500" }, { 4.5e9, "", "G", 4e9, "4" },
		{ 2048, "KiB", "MiB", 512, "0.5" }, { 12, "ns", "ns", 12812, "12812" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct bg_display d;
		char buf[64], unit[64], *u;

		bg_display_pick(&d, cases[i].pick, cases[i].unit);
		bg_display_unit(unit, sizeof(unit), &d);
		assert_string_equal(unit, cases[i].shown);
		u = bg_display_unit_new(&d);
		assert_string_equal(u, cases[i].shown);
		free(u);
		assert_string_equal(bg_format_in(buf, sizeof(buf), cases[i].v, &d, 0), cases[i].want);
	}
}

static void test_format_percent(void **state)
{
	static const struct {
		double v;
		const char *want;
	} cases[] = {
		{ 0.053, "+5.3%" }, { -0.008, "-0.8%" }, { 0, "+0.0%" }, { -0.0, "+0.0%" },
		{ -0.0004, "+0.0%" }, { 0.0004, "+0.0%" }, { -1, "-100.0%" }, { 1.5, "+150.0%" },
		{ 9.994, "+999.4%" }, { 9.9999, "+1000%" }, { 12.345, "+1234%" },
		{ -12.345, "-1234%" }, { 1e8, "+1e+10%" }, { INFINITY, "+inf" },
		{ -INFINITY, "-inf" }, { NAN, "-" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char buf[32];

		assert_ptr_equal(bg_format_percent(buf, sizeof(buf), cases[i].v), buf);
		assert_string_equal(buf, cases[i].want);
	}
}

static void test_markdown_escape(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "plain/name-1.0", "plain/name-1.0" },
		{ "a|b", "a\\|b" },
		{ "<script>x</script>", "&lt;script&gt;x&lt;/script&gt;" },
		{ "@everyone", "@\xe2\x80\x8b" "everyone" },
		{ "mail a@b", "mail a@\xe2\x80\x8b" "b" },
		{ "&amp;", "&amp;amp;" },
		{ "a\nb\r\nc\td\x01" "e", "a b  c d e" },
		{ "**b** _i_ `c`", "\\*\\*b\\*\\* \\_i\\_ \\`c\\`" },
		{ "[l](u) #1 +x !y ~z $m$", "\\[l\\]\\(u\\) \\#1 \\+x \\!y \\~z \\$m\\$" },
		{ "back\\slash\\|", "back\\\\slash\\\\\\|" },
		{ "caf\xc3\xa9", "caf\xc3\xa9" },
		{ "", "" },
		{ NULL, "" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *s = bg_markdown_escape(cases[i].in);

		assert_string_equal(s, cases[i].want);
		free(s);
	}
}

static const char text_golden[] =
	"benchmark  metric             baseline     current            change (95% CI)        p  verdict\n"
	"parse      time               123.5 us      150 us  +21.5% (+18.0% .. +26.0%)  <0.0001  regression\n"
	"gen        tokens_per_sec  17.14 tok/s  21.5 tok/s  +25.4% (+20.0% .. +31.0%)   0.0123  improvement\n"
	"caf\xc3\xa9/read  time               1.234 ms     1.24 ms     +0.5% (-1.0% .. +2.0%)   0.5000  pass\n"
	"net        latency (p95)         11 ms    12.65 ms   +15.0% (+5.0% .. +30.0%)   0.0300  inconclusive\n"
	"tiny       time                    2 s       2.2 s      +10.0% (-inf .. +inf)        -  insufficient\n"
	"gone       time                  50 ns           -                          -        -  missing\n"
	"fresh      time                      -       60 ns                          -        -  new\n"
	"\n"
	"  net latency: about 400 samples per side would resolve 20%\n"
	"  tiny time: too few samples to bound the median at 95% confidence: need at least 7 per side\n"
	"  gone time: not in the current results\n"
	"  fresh time: not in the baseline\n"
	"\n"
	"smoke mode, threshold 20%: 1 regression, 1 improvement, 1 pass, 1 inconclusive, "
	"1 insufficient, 1 missing, 1 new (1 metric not gated: no direction or ignored) -> FAIL\n";

/* s without its ANSI SGR sequences (ESC [ ... m). New string. */
static char *strip_sgr(const char *s)
{
	char *r = bg_malloc(strlen(s) + 1), *q = r;

	while (*s) {
		if (*s == '\033' && s[1] == '[') {
			s = strchr(s, 'm');
			assert_non_null(s);
			s++;
		} else {
			*q++ = *s++;
		}
	}
	*q = '\0';
	return r;
}

static void test_text_check(void **state)
{
	struct bg_comparison c;
	struct bg_report_info colored = info;
	char *plain, *col, *stripped;

	(void)state;
	fixture(&c);
	plain = render_check(BG_FMT_TEXT, &c, &info);
	assert_string_equal(plain, text_golden);
	assert_null(strchr(plain, '\033'));

	/* Colours wrap only the verdict words and leave the alignment alone. */
	colored.color = 1;
	col = render_check(BG_FMT_TEXT, &c, &colored);
	assert_non_null(strstr(col, "\033[31mregression\033[0m\n"));
	assert_non_null(strstr(col, "\033[32mimprovement\033[0m\n"));
	assert_non_null(strstr(col, "  pass\n"));
	assert_non_null(strstr(col, "\033[33minconclusive\033[0m\n"));
	assert_non_null(strstr(col, "\033[33minsufficient\033[0m\n"));
	assert_non_null(strstr(col, "\033[2mmissing\033[0m\n"));
	assert_non_null(strstr(col, "\033[2mnew\033[0m\n"));
	stripped = strip_sgr(col);
	assert_string_equal(stripped, plain);
	free(plain);
	free(col);
	free(stripped);

	/* A passing gate with only pass verdicts; terminal controls in names are defused. */
	bg_comparison_release(&c);
	c.mode = &smoke;
	c.confidence = 0.9;
	add(&c, "x\033[2Jy", "time", "ns", BG_PASS, 1, 10, 1, 10, -0.01, 0.01, 1, 0, NULL);
	plain = render_check(BG_FMT_TEXT, &c, &info);
	assert_string_equal(plain,
			    "benchmark  metric  baseline  current         change (90% CI)       p  verdict\n"
			    "x?[2Jy     time       10 ns    10 ns  +0.0% (-1.0% .. +1.0%)  1.0000  pass\n"
			    "\n"
			    "smoke mode, threshold 20%: 1 pass -> PASS\n");
	free(plain);
	bg_comparison_release(&c);
}

static void assert_null_pair(const json_t *a)
{
	assert_true(json_is_array(a));
	assert_int_equal(json_array_size(a), 2);
	assert_true(json_is_null(json_array_get(a, 0)));
	assert_true(json_is_null(json_array_get(a, 1)));
}

/* The summary fields of DESIGN.md, with their types. */
static void assert_summary(const json_t *s, size_t n)
{
	static const char *const reals[] = { "mean", "stddev", "min", "max", "median", "p95",
					     "p99", "mad" };

	assert_true(json_is_object(s));
	assert_true(json_is_integer(json_object_get(s, "n")));
	assert_int_equal(json_integer_value(json_object_get(s, "n")), n);
	assert_true(json_is_integer(json_object_get(s, "runs")));
	for (size_t i = 0; i < sizeof(reals) / sizeof(reals[0]); i++)
		assert_true(json_is_real(json_object_get(s, reals[i])));
	assert_true(json_is_array(json_object_get(s, "median_ci")));
	assert_int_equal(json_array_size(json_object_get(s, "median_ci")), 2);
	if (n > 5) {
		assert_true(json_is_real(json_object_get(s, "cv")));
		assert_true(json_is_real(json_array_get(json_object_get(s, "median_ci"), 0)));
		assert_true(json_is_real(json_object_get(s, "median_ci_level")));
	} else {
		assert_true(json_is_null(json_object_get(s, "cv")));
		assert_null_pair(json_object_get(s, "median_ci"));
		assert_true(json_is_null(json_object_get(s, "median_ci_level")));
	}
}

static const char *jget_str(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);

	assert_true(json_is_string(v));
	return json_string_value(v);
}

static void test_json_check(void **state)
{
	static const char *const verdicts[] = { "regression", "improvement", "pass",
						"inconclusive", "insufficient", "missing", "new" };
	struct bg_comparison c;
	json_error_t jerr;
	json_t *root, *results, *counts, *r;
	char *out, *again;

	(void)state;
	fixture(&c);
	out = render_check(BG_FMT_JSON, &c, &info);
	assert_true(strlen(out) > 0 && out[strlen(out) - 1] == '\n');
	again = render_check(BG_FMT_JSON, &c, &info);
	assert_string_equal(out, again);   /* deterministic */
	root = json_loads(out, 0, &jerr);
	if (!root)
		fail_msg("%d:%d: %s", jerr.line, jerr.column, jerr.text);

	assert_string_equal(jget_str(root, "schema"), "benchgate.check/1");
	assert_string_equal(jget_str(root, "mode"), "smoke");
	assert_close(json_real_value(json_object_get(root, "threshold")), 0.2, 0);
	assert_close(json_real_value(json_object_get(root, "confidence")), 0.95, 0);
	assert_string_equal(jget_str(root, "verdict"), "fail");
	assert_string_equal(jget_str(json_object_get(root, "baseline"), "source"),
			    "baselines/main.json");
	assert_string_equal(jget_str(json_object_get(root, "baseline"), "commit"),
			    info.baseline_commit);
	assert_string_equal(jget_str(json_object_get(root, "current"), "source"), "run1.json");
	counts = json_object_get(root, "counts");
	assert_int_equal(json_object_size(counts), 7);
	for (size_t i = 0; i < 7; i++)
		assert_int_equal(json_integer_value(json_object_get(counts, verdicts[i])), 1);

	results = json_object_get(root, "results");
	assert_int_equal(json_array_size(results), 7);
	for (size_t i = 0; i < 7; i++) {
		r = json_array_get(results, i);
		assert_int_equal(json_object_size(r), 20);   /* + q_value, warning, baseline_runs, current_runs, noise, needed_runs */
		assert_string_equal(jget_str(r, "name"), c.results[i].bench);
		assert_string_equal(jget_str(r, "metric"), c.results[i].metric);
		assert_string_equal(jget_str(r, "unit"), c.results[i].unit);
		assert_string_equal(jget_str(r, "verdict"), verdicts[i]);
		assert_true(json_is_real(json_object_get(r, "threshold")));
		assert_true(json_is_array(json_object_get(r, "change_ci")));
	}

	/* The regression: every number exists. */
	r = json_array_get(results, 0);
	assert_string_equal(jget_str(r, "direction"), "lower");
	assert_string_equal(jget_str(r, "statistic"), "median");
	assert_summary(json_object_get(r, "baseline"), 30);
	assert_summary(json_object_get(r, "current"), 30);
	assert_close(json_real_value(json_object_get(r, "change")), (150000.0 - 123456) / 123456,
		     0);
	assert_close(json_real_value(json_array_get(json_object_get(r, "change_ci"), 0)), 0.18, 0);
	assert_close(json_real_value(json_array_get(json_object_get(r, "change_ci"), 1)), 0.26, 0);
	assert_close(json_real_value(json_object_get(r, "p_value")), 0.00001, 0);
	assert_true(json_is_null(json_object_get(r, "needed_samples")));
	assert_true(json_is_null(json_object_get(r, "note")));
	assert_string_equal(jget_str(json_object_get(r, "noise"), "source"), "unknown");
	assert_true(json_is_null(json_object_get(json_object_get(r, "noise"), "df")));
	assert_true(json_is_null(json_object_get(r, "needed_runs")));
	assert_true(json_is_null(json_object_get(root, "run_noise")));   /* no result had runs */

	assert_string_equal(jget_str(json_array_get(results, 1), "direction"), "higher");

	/* Inconclusive: advice. */
	r = json_array_get(results, 3);
	assert_string_equal(jget_str(r, "statistic"), "p95");
	assert_int_equal(json_integer_value(json_object_get(r, "needed_samples")), 400);
	assert_string_equal(jget_str(r, "note"), c.results[3].note);

	/* Insufficient: infinite bounds and no p-value are null. */
	r = json_array_get(results, 4);
	assert_null_pair(json_object_get(r, "change_ci"));
	assert_true(json_is_null(json_object_get(r, "p_value")));
	assert_summary(json_object_get(r, "current"), 3);

	/* Missing and new: the absent side is null, and so is the change. */
	r = json_array_get(results, 5);
	assert_summary(json_object_get(r, "baseline"), 30);
	assert_true(json_is_null(json_object_get(r, "current")));
	assert_true(json_is_null(json_object_get(r, "change")));
	r = json_array_get(results, 6);
	assert_true(json_is_null(json_object_get(r, "baseline")));
	assert_summary(json_object_get(r, "current"), 30);

	json_decref(root);
	free(out);
	free(again);
	bg_comparison_release(&c);
}

static void test_json_edge(void **state)
{
	struct bg_comparison c;
	struct bg_report_info bare = { 0 };
	json_t *root, *r;
	char *out;

	(void)state;
	/* Unknown sources are null; invalid UTF-8 becomes U+FFFD, not a missing key. */
	bg_comparison_init(&c);
	c.mode = &smoke;
	c.confidence = 0.95;
	add(&c, "bad\xff", "time", "ns", BG_PASS, 1, 1, 1, 1, -0.1, 0.1, 1, 0, NULL);
	c.results[0].direction = BG_DIR_NONE;
	out = render_check(BG_FMT_JSON, &c, &bare);
	root = json_loads(out, 0, NULL);
	assert_non_null(root);
	assert_string_equal(jget_str(root, "verdict"), "pass");
	assert_true(json_is_null(json_object_get(json_object_get(root, "baseline"), "source")));
	assert_true(json_is_null(json_object_get(json_object_get(root, "baseline"), "commit")));
	assert_true(json_is_null(json_object_get(json_object_get(root, "current"), "source")));
	r = json_array_get(json_object_get(root, "results"), 0);
	assert_string_equal(jget_str(r, "name"), "bad\xef\xbf\xbd");
	assert_true(json_is_null(json_object_get(r, "direction")));
	json_decref(root);
	free(out);
	bg_comparison_release(&c);
}

static void test_markdown_check(void **state)
{
	struct bg_comparison c;
	struct bg_report_info hostile = info;
	static const char first[] = "**benchgate: FAIL** \xe2\x80\x94 1 regression, 1 improvement, "
				    "1 pass, 1 inconclusive, 1 insufficient, 1 missing, 1 new "
				    "(smoke, threshold 20%, 1 metric not gated)\n";
	char *out, *details, *regression, *pass;

	(void)state;
	fixture(&c);
	free(c.results[0].bench);
	c.results[0].bench = bg_strdup("a|b <script>x</script> @everyone");
	free(c.results[0].unit);
	c.results[0].unit = bg_strdup("n*s");
	hostile.current_source = "run\n# @here.json";
	out = render_check(BG_FMT_MARKDOWN, &c, &hostile);

	assert_null(strstr(out, "<script"));
	assert_null(strstr(out, "@everyone"));
	assert_null(strstr(out, "@here"));
	assert_null(strstr(out, "\n# "));
	assert_true(!strncmp(out, first, strlen(first)));
	assert_non_null(strstr(out, "\nBaseline: baselines/main.json (commit 0123456789ab). "
				    "Current: run \\# @\xe2\x80\x8bhere.json.\n"));
	assert_non_null(strstr(out, "| benchmark | metric | baseline | current | change (95% CI) "
				    "| p | verdict |\n"
				    "| --- | --- | ---: | ---: | ---: | ---: | --- |\n"));
	regression = strstr(out, "| a\\|b &lt;script&gt;x&lt;/script&gt; @\xe2\x80\x8b"
				 "everyone | time | 123.5 k n\\*s | 150 k n\\*s "
				 "| +21.5% (+18.0% .. +26.0%) | &lt;0.0001 | **regression** |\n");
	assert_non_null(regression);
	assert_non_null(strstr(out, "| gen | tokens\\_per\\_sec | 17.14 tok/s | 21.5 tok/s "
				    "| +25.4% (+20.0% .. +31.0%) | 0.0123 | improvement |\n"));
	details = strstr(out, "\n<details><summary>5 other results</summary>\n\n");
	pass = strstr(out, "| caf\xc3\xa9/read | time |");
	assert_non_null(details);
	assert_non_null(pass);
	assert_true(regression < details);
	assert_true(details < pass);
	assert_non_null(strstr(out, "| net | latency (p95) | 11 ms | 12.65 ms "
				    "| +15.0% (+5.0% .. +30.0%) | 0.0300 | inconclusive |\n"));
	assert_non_null(strstr(out, "- tiny time: too few samples"));
	assert_int_equal(strcmp(out + strlen(out) - 12, "\n</details>\n"), 0);
	free(out);

	/* Official-like mode: what fails the gate is shown, bold; nothing else folded. */
	{
		struct bg_mode strict = smoke;

		strict.fail_on[BG_INSUFFICIENT] = 1;
		bg_comparison_release(&c);
		c.mode = &strict;
		c.confidence = 0.95;
		add(&c, "t", "time", "s", BG_INSUFFICIENT, 1, 2, 1, 2.2, -INFINITY, INFINITY, NAN,
		    0, NULL);
		c.failed = 1;
		out = render_check(BG_FMT_MARKDOWN, &c, &info);
		assert_string_equal(out,
				    "**benchgate: FAIL** \xe2\x80\x94 1 insufficient (smoke, threshold 20%)\n"
				    "\n"
				    "Baseline: baselines/main.json (commit 0123456789ab). Current: run1.json.\n"
				    "\n"
				    "| benchmark | metric | baseline | current | change (95% CI) | p | verdict |\n"
				    "| --- | --- | ---: | ---: | ---: | ---: | --- |\n"
				    "| t | time | 2 s | 2.2 s | +10.0% (-inf .. +inf) | - | **insufficient** |\n");
		free(out);
		bg_comparison_release(&c);
	}
}

static void test_stats(void **state)
{
	char n1[] = "time", u1[] = "ns", n2[] = "tok|s", u2[] = "tok/s";
	struct bg_metric m1 = { .name = n1, .unit = u1, .direction = BG_DIR_LOWER };
	struct bg_metric m2 = { .name = n2, .unit = u2, .direction = BG_DIR_NONE };
	struct bg_stats_row rows[2] = { { "parse", &m1, { 0 } }, { "gen <b>", &m2, { 0 } } };
	json_t *root, *b;
	char *out;

	(void)state;
	summary_set(&rows[0].summary, 30, 3, 123456);
	summary_set(&rows[1].summary, 1, 1, 17.14);

	out = render_stats(BG_FMT_TEXT, rows, 2);
	assert_string_equal(out,
			    "benchmark  metric   n  runs  median        95% CI   mean  stddev    cv    p95    p99  unit\n"
			    "parse      time    30     3   123.5  [121, 125.9]  124.7   6.173  5.0%  135.8    142  us\n"
			    "gen <b>    tok|s    1     1   17.14   [-inf, inf]  17.31   0.857     -  18.85  19.71  tok/s\n");
	free(out);

	out = render_stats(BG_FMT_MARKDOWN, rows, 2);
	assert_string_equal(out,
			    "| benchmark | metric | n | runs | median | 95% CI | mean | stddev | cv | p95 | p99 | unit |\n"
			    "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n"
			    "| parse | time | 30 | 3 | 123.5 | [121, 125.9] | 124.7 | 6.173 | 5.0% | 135.8 | 142 | us |\n"
			    "| gen &lt;b&gt; | tok\\|s | 1 | 1 | 17.14 | [-inf, inf] | 17.31 | 0.857 | - | 18.85 | 19.71 | tok/s |\n");
	free(out);

	out = render_stats(BG_FMT_JSON, rows, 2);
	root = json_loads(out, 0, NULL);
	assert_non_null(root);
	assert_string_equal(jget_str(root, "schema"), "benchgate.stats/1");
	assert_close(json_real_value(json_object_get(root, "confidence")), 0.95, 0);
	assert_int_equal(json_array_size(json_object_get(root, "benchmarks")), 2);
	b = json_array_get(json_object_get(root, "benchmarks"), 0);
	assert_string_equal(jget_str(b, "name"), "parse");
	assert_string_equal(jget_str(b, "metric"), "time");
	assert_string_equal(jget_str(b, "unit"), "ns");
	assert_string_equal(jget_str(b, "direction"), "lower");
	assert_summary(b, 30);
	assert_close(json_real_value(json_object_get(b, "median")), 123456, 0);
	b = json_array_get(json_object_get(root, "benchmarks"), 1);
	assert_string_equal(jget_str(b, "name"), "gen <b>");
	assert_true(json_is_null(json_object_get(b, "direction")));
	assert_summary(b, 1);
	json_decref(root);
	free(out);
}

static void test_write_error(void **state)
{
	struct bg_comparison c;
	struct bg_error err = { 0 };
	FILE *f = fopen("/dev/full", "w");

	(void)state;
	if (!f)
		skip();
	fixture(&c);
	assert_int_equal(bg_report_check(f, BG_FMT_TEXT, &c, &info, &err), -1);
	assert_int_equal(err.code, BG_EXIT_STORE);
	assert_string_equal(err.msg, "cannot write report: no space left on device");
	fclose(f);
	bg_comparison_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format_parse),
		cmocka_unit_test(test_format_value),
		cmocka_unit_test(test_format_in),
		cmocka_unit_test(test_format_percent),
		cmocka_unit_test(test_markdown_escape),
		cmocka_unit_test(test_text_check),
		cmocka_unit_test(test_json_check),
		cmocka_unit_test(test_json_edge),
		cmocka_unit_test(test_markdown_check),
		cmocka_unit_test(test_stats),
		cmocka_unit_test(test_write_error),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
