/* Tests for the CI report formats of src/report: JUnit XML, GitHub workflow commands, HTML. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "benchgate/report.h"
#include "../../src/report/internal.h"

static struct bg_mode smoke = { .name = "smoke", .threshold = 0.2,
				.fail_on = { [BG_REGRESSION] = 1 } };

static void summary_set(struct bg_summary *s, double median)
{
	memset(s, 0, sizeof(*s));
	s->n = 30;
	s->runs = 3;
	s->mean = s->median = median;
	s->min = median * 0.9;
	s->max = median * 1.1;
	s->p95 = s->p99 = median * 1.05;
	s->median_ci.lo = median * 0.98;
	s->median_ci.hi = median * 1.02;
}

static void add(struct bg_comparison *c, const char *bench, enum bg_verdict v, int has_base,
		int has_cur, double est)
{
	struct bg_result *r;

	bg_grow(&c->results, &c->alloc, c->n + 1, sizeof(*c->results));
	r = &c->results[c->n++];
	memset(r, 0, sizeof(*r));
	r->bench = bg_strdup(bench);
	r->metric = bg_strdup("time");
	r->unit = bg_strdup("ns");
	r->direction = BG_DIR_LOWER;
	r->threshold = 0.2;
	r->has_base = has_base;
	r->has_cur = has_cur;
	if (has_base)
		summary_set(&r->base, 100);
	if (has_cur)
		summary_set(&r->cur, 100 * (1 + est));
	r->change.estimate = has_base && has_cur ? est : NAN;
	r->change.ci.lo = est - 0.03;
	r->change.ci.hi = est + 0.03;
	r->p_value = 0.01;
	r->verdict = v;
	c->counts[v]++;
	if (smoke.fail_on[v])
		c->failed = 1;
}

/* A regression with a hostile name, an improvement, a pass, a new benchmark. */
static void fixture(struct bg_comparison *c)
{
	bg_comparison_init(c);
	c->mode = &smoke;
	c->confidence = 0.95;
	add(c, "<script>x</script>\r\n::error::y, %z", BG_REGRESSION, 1, 1, 0.3);
	add(c, "fast", BG_IMPROVEMENT, 1, 1, -0.3);
	add(c, "same", BG_PASS, 1, 1, 0.01);
	add(c, "fresh", BG_NEW, 0, 1, NAN);
}

static char *render(enum bg_format fmt, const struct bg_comparison *c)
{
	static const struct bg_report_info info = { .command = "check",
						    .baseline_source = "b\"&<.json",
						    .current_source = "c.json" };
	struct bg_error err = { 0 };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(bg_report_check(f, fmt, c, &info, &err), 0);
	assert_int_equal(fclose(f), 0);
	return buf;
}

static size_t count(const char *s, const char *needle)
{
	size_t n = 0;

	for (const char *p = s; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static void test_xml_escape(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "<a&b>", "&lt;a&amp;b&gt;" },
		{ "\"q\" 'a'", "&quot;q&quot; &#39;a&#39;" },
		{ "]]>", "]]&gt;" },
		{ "a\tb\nc\rd", "a&#9;b&#10;c&#13;d" },
		{ "x\x01y\x7f", "x\xef\xbf\xbdy\xef\xbf\xbd" },
		{ "bad \xff byte", "bad \xef\xbf\xbd byte" },
		{ "\xc3(", "\xef\xbf\xbd(" },
		{ "\xef\xbf\xbe\xef\xbf\xbf", "\xef\xbf\xbd\xef\xbf\xbd" },
		{ "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80" },
		{ "", "" },
		{ NULL, "" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *s = bg_xml_escape(cases[i].in);

		assert_string_equal(s, cases[i].want);
		free(s);
	}
}

static void test_github_escape(void **state)
{
	static const struct {
		const char *in;
		int property;
		const char *want;
	} cases[] = {
		{ "50% a:b, c", 0, "50%25 a:b, c" },
		{ "50% a:b, c", 1, "50%25 a%3Ab%2C c" },
		{ "l1\r\nl2", 0, "l1%0D%0Al2" },
		{ "l1\r\n::error::x", 1, "l1%0D%0A%3A%3Aerror%3A%3Ax" },
		{ "%25", 0, "%2525" },
		{ "esc\x1b[31m", 0, "esc?[31m" },
		{ "caf\xc3\xa9", 1, "caf\xc3\xa9" },
		{ NULL, 0, "" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *s = bg_github_escape(cases[i].in, cases[i].property);

		assert_string_equal(s, cases[i].want);
		free(s);
	}
}

static void test_junit(void **state)
{
	struct bg_comparison c;
	char *s;

	(void)state;
	fixture(&c);
	s = render(BG_FMT_JUNIT, &c);
	assert_true(!strncmp(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites ", 50));
	assert_non_null(strstr(s, "tests=\"4\" failures=\"1\" errors=\"0\" skipped=\"1\""));
	assert_int_equal(count(s, "<testcase "), 4);
	assert_int_equal(count(s, "<failure "), 1);
	assert_int_equal(count(s, "<skipped "), 1);
	assert_int_equal(count(s, "<system-out>"), 2);
	assert_non_null(strstr(s, "classname=\"&lt;script&gt;x&lt;/script&gt;&#13;&#10;::error::y, %z\""));
	assert_non_null(strstr(s, "<property name=\"baseline\" value=\"b&quot;&amp;&lt;.json\"/>"));
	assert_non_null(strstr(s, "<failure type=\"regression\" message=\"regression: median 100 ns -&gt; 130 ns, change +30.0% (+27.0% .. +33.0%) at 95% confidence, threshold 20%\">"));
	assert_null(strstr(s, "<script"));
	free(s);
	bg_comparison_release(&c);
}

static void test_github(void **state)
{
	struct bg_comparison c;
	char *s;

	(void)state;
	fixture(&c);
	s = render(BG_FMT_GITHUB, &c);
	/* One command per line: regression, improvement, new, and the summary; a pass says nothing. */
	assert_int_equal(count(s, "\n"), 4);
	assert_int_equal(count(s, "\n::"), 3);
	assert_true(!strncmp(s, "::error title=benchgate%3A <script>x</script>%0D%0A%3A%3Aerror%3A%3Ay%2C %25z time regression::regression: ", 103));
	assert_non_null(strstr(s, "\n::notice title=benchgate%3A fast time improvement::"));
	assert_non_null(strstr(s, "\n::warning title=benchgate%3A fresh time new::"));
	assert_non_null(strstr(s, "\n::error title=benchgate::smoke mode, threshold 20%25: 1 regression, 1 improvement, 1 pass, 1 new -> FAIL\n"));
	assert_null(strstr(s, "same"));
	free(s);
	bg_comparison_release(&c);
}

static void test_html(void **state)
{
	struct bg_comparison c;
	char *s;

	(void)state;
	fixture(&c);
	s = render(BG_FMT_HTML, &c);
	assert_true(!strncmp(s, "<!DOCTYPE html>\n", 16));
	assert_non_null(strstr(s, "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\""));
	assert_null(strstr(s, "<script"));
	assert_int_equal(count(s, "<svg id=\"forest\""), 1);
	assert_int_equal(count(s, "<g class=\"row\""), 4);
	assert_int_equal(count(s, "<g class=\"row\" data-verdict=\"regression\">"), 1);
	/* Estimates for the three results with both sides; the new one gets its note. */
	assert_int_equal(count(s, "<circle class=\"est\""), 3);
	assert_int_equal(count(s, "<svg class=\"dist\""), 4);
	/* Without raw samples the distributions show the range and the median of each side. */
	assert_int_equal(count(s, "<line class=\"median\""), 7);
	assert_non_null(strstr(s, "&lt;script&gt;x&lt;/script&gt;&#13;&#10;::error::y, %z"));
	assert_non_null(strstr(s, "<title>benchgate check: FAIL</title>"));
	assert_non_null(s + strlen(s) - strlen("</html>\n"));
	assert_string_equal(s + strlen(s) - strlen("</html>\n"), "</html>\n");
	free(s);
	bg_comparison_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_xml_escape),
		cmocka_unit_test(test_github_escape),
		cmocka_unit_test(test_junit),
		cmocka_unit_test(test_github),
		cmocka_unit_test(test_html),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
