/*
 * Tests for src/input/json.c, benchgate's JSON parser: a table of documents it must
 * accept (y_) and reject (n_) in the manner of JSONTestSuite, with the exact error
 * place and text; the same documents given to jansson, which must agree (the readers'
 * messages were jansson's); numbers checked bit for bit against strtod on seeded
 * random and edge values (each of the three conversions: Clinger, Eisel-Lemire,
 * strtod); places of values; the accessors.
 */
#include <float.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "benchgate/json.h"

#define IS_JSON_DIGIT(c) ((c) >= '0' && (c) <= '9')

/* jansson differs on purpose: the case is checked against our expectation only. */
#define OURS 1

struct jcase {
	const char *name, *doc;
	size_t len;          /* 0: strlen(doc) */
	const char *want;    /* NULL: accepted; else "LINE:COL: text" */
	int differs;         /* OURS: jansson says otherwise (see the comment at the case) */
};

static const struct jcase cases[] = {
	/* Accepted. */
	{ "y_object_empty", "{}", 0, NULL, 0 },
	{ "y_array_empty", "[]", 0, NULL, 0 },
	{ "y_array_nested", "[[[]], [{}], {\"a\": [1, {\"b\": null}]}]", 0, NULL, 0 },
	{ "y_literals", "[true, false, null]", 0, NULL, 0 },
	{ "y_ws_all", " \t\r\n[\r\n 1 ,\t2 ]\n\n ", 0, NULL, 0 },
	{ "y_numbers", "[0, -0, 1, -1, 0.5, -0.5, 1e5, 1E5, 1e+5, 1e-5, 1.5e3, -1.25E-3, 0e0]",
	  0, NULL, 0 },
	{ "y_number_big_exp", "[1e-400, 123e-500, 0.0e99999]", 0, NULL, 0 },
	{ "y_int64_edges", "[9223372036854775807, -9223372036854775808]", 0, NULL, 0 },
	{ "y_string_escapes", "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\\u00e9\\u20ac\\ud83d\\ude00\"]",
	  0, NULL, 0 },
	{ "y_string_utf8", "[\"\xc3\xa9t\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xef\xbf\xbf\"]",
	  0, NULL, 0 },
	{ "y_string_del", "[\"\x7f\"]", 0, NULL, 0 },
	{ "y_object_same_key_nested", "{\"a\": {\"a\": 1}, \"b\": {\"a\": 2}}", 0, NULL, 0 },
	{ "y_keys_differ_by_escape", "{\"ab\": 1, \"a\\u0062c\": 2}", 0, NULL, 0 },
	{ "y_object_many_keys", "{\"k0\":0,\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,"
	  "\"k7\":7,\"k8\":8,\"k9\":9,\"k10\":10,\"k11\":11,\"k12\":12,\"k13\":13,\"k14\":14,"
	  "\"k15\":15,\"k16\":16,\"k17\":17,\"k18\":18}", 0, NULL, 0 },
	/* An integer beyond 64 bits is a real here; jansson says "too big integer". */
	{ "y_integer_huge", "[123456789012345678901234567890]", 0, NULL, OURS },

	/* Rejected: structure. */
	{ "n_empty", "", 0, "1:1: '[' or '{' expected near end of file", 0 },
	{ "n_ws_only", "  \n ", 0, "2:1: '[' or '{' expected near end of file", 0 },
	{ "n_scalar_top", "1", 0, "1:1: '[' or '{' expected near '1'", 0 },
	{ "n_string_top", "\"just a string\"", 0,
	  "1:15: '[' or '{' expected near '\"just a string\"'", 0 },
	{ "n_array_unclosed", "[1, 2", 0, "1:5: ']' expected near end of file", 0 },
	{ "n_array_trailing_comma", "[1,]", 0, "1:4: unexpected token near ']'", 0 },
	{ "n_array_leading_comma", "[,1]", 0, "1:2: unexpected token near ','", 0 },
	{ "n_array_double_comma", "[1,,2]", 0, "1:4: unexpected token near ','", 0 },
	{ "n_array_missing_comma", "[1 2]", 0, "1:4: ']' expected near '2'", 0 },
	{ "n_array_colon", "[1: 2]", 0, "1:3: ']' expected near ':'", 0 },
	{ "n_object_unclosed", "{\"a\": 1", 0, "1:7: '}' expected near end of file", 0 },
	{ "n_object_trailing_comma", "{\"a\": 1,}", 0, "1:9: string or '}' expected near '}'",
	  0 },
	{ "n_object_no_colon", "{\"a\" 1}", 0, "1:6: ':' expected near '1'", 0 },
	{ "n_object_no_value", "{\"a\":}", 0, "1:6: unexpected token near '}'", 0 },
	{ "n_object_key_number", "{1: 2}", 0, "1:2: string or '}' expected near '1'", 0 },
	{ "n_object_key_bare", "{a: 2}", 0, "1:2: string or '}' expected near 'a'", 0 },
	{ "n_object_key_single_quote", "{'a': 2}", 0,
	  "1:2: string or '}' expected near '''", 0 },
	{ "n_object_missing_comma", "{\"a\": 1 \"b\": 2}", 0,
	  "1:11: '}' expected near '\"b\"'", 0 },
	{ "n_object_bracket", "{\"a\": 1]", 0, "1:8: '}' expected near ']'", 0 },
	{ "n_duplicate_key", "{\"a\": 1,\n \"b\": 2, \"a\": 3}", 0,
	  "2:12: duplicate object key near '\"a\"'", 0 },
	{ "n_duplicate_key_escaped", "{\"ab\": 1, \"a\\u0062\": 2}", 0,
	  "1:19: duplicate object key near '\"a\\u0062\"'", 0 },
	{ "n_duplicate_key_late", "{\"k0\":0,\"k1\":1,\"k2\":2,\"k3\":3,\"k4\":4,\"k5\":5,\"k6\":6,"
	  "\"k7\":7,\"k8\":8,\"k9\":9,\"k10\":10,\"k11\":11,\"k12\":12,\"k13\":13,\"k14\":14,"
	  "\"k15\":15,\"k16\":16,\"k17\":17,\"k3\":18}", 0,
	  "1:147: duplicate object key near '\"k3\"'", 0 },
	{ "n_trailing_garbage", "[1] x", 0, "1:5: end of file expected near 'x'", 0 },
	{ "n_two_documents", "{}\n{}", 0, "2:1: end of file expected near '{'", 0 },
	{ "n_close_only", "]", 0, "1:1: '[' or '{' expected near ']'", 0 },

	/* Rejected: literals and numbers. */
	{ "n_nan", "[NaN]", 0, "1:4: invalid token near 'NaN'", 0 },
	{ "n_infinity", "[Infinity]", 0, "1:9: invalid token near 'Infinity'", 0 },
	{ "n_minus_infinity", "[-Infinity]", 0, "1:2: invalid token near '-'", 0 },
	{ "n_true_caps", "[True]", 0, "1:5: invalid token near 'True'", 0 },
	{ "n_truex", "[truex]", 0, "1:6: invalid token near 'truex'", 0 },
	{ "n_leading_zero", "[01]", 0, "1:2: invalid token near '0'", 0 },
	{ "n_leading_zero_neg", "[-012]", 0, "1:3: invalid token near '-0'", 0 },
	{ "n_plus", "[+1]", 0, "1:2: invalid token near '+'", 0 },
	{ "n_dot_first", "[.5]", 0, "1:2: invalid token near '.'", 0 },
	{ "n_dot_last", "[1.]", 0, "1:3: invalid token near '1.'", 0 },
	{ "n_exp_empty", "[1e]", 0, "1:3: invalid token near '1e'", 0 },
	{ "n_exp_sign_only", "[1e+]", 0, "1:4: invalid token near '1e+'", 0 },
	{ "n_minus_only", "[-]", 0, "1:2: invalid token near '-'", 0 },
	{ "n_hex", "[0x10]", 0, "1:3: ']' expected near 'x'", 0 },
	{ "n_overflow", "[1.5, 1e999]", 0, "1:11: real number overflow near '1e999'", 0 },
	{ "n_overflow_neg", "[-1e999]", 0, "1:7: real number overflow near '-1e999'", 0 },
	{ "n_overflow_long", "[17976931348623159077293051907890247336179769789423065727343008115e300]",
	  0, "1:70: real number overflow", 0 },

	/* Rejected: strings. */
	{ "n_string_unclosed", "[\"abc", 0, "1:5: premature end of input near '\"abc'", 0 },
	{ "n_string_newline", "[\"a\nb\"]", 0, "1:3: unexpected newline near '\"a'", 0 },
	{ "n_string_tab", "[\"a\tb\"]", 0, "1:3: control character 0x9 near '\"a'", 0 },
	{ "n_string_nul_byte", "[\"a\0\"]", 6, "1:3: control character 0x0 near '\"a'", 0 },
	{ "n_escape_x", "[\"\\x41\"]", 0, "1:4: invalid escape near '\"\\x'", 0 },
	{ "n_escape_u_short", "[\"\\u12\"]", 0, "1:7: invalid escape near '\"\\u12\"'", 0 },
	{ "n_escape_at_end", "[\"\\", 0, "1:3: invalid escape near '\"\\'", 0 },
	{ "n_lone_high", "[\"\\ud800\"]", 0, "1:9: invalid Unicode '\\uD800' near '\"\\ud800\"'", 0 },
	{ "n_lone_low", "[\"\\udc00x\"]", 0,
	  "1:10: invalid Unicode '\\uDC00' near '\"\\udc00x\"'", 0 },
	{ "n_high_then_bmp", "[\"\\ud800\\u0041\"]", 0,
	  "1:15: invalid Unicode '\\uD800\\u0041' near '\"\\ud800\\u0041\"'", 0 },
	/* \u0000 cannot be in a C string: jansson says "without JSON_ALLOW_NUL". */
	{ "n_escaped_nul", "[\"a\\u0000\"]", 0,
	  "1:10: \\u0000 is not allowed in a string near '\"a\\u0000\"'", OURS },
	{ "n_escaped_nul_key", "{\"\\u0000\": 1}", 0,
	  "1:9: \\u0000 is not allowed in a string near '\"\\u0000\"'", OURS },
	/* Bad UTF-8: the string so far is the context, the place its last character. */
	{ "n_utf8_lone_continuation", "[\"\x80\"]", 0, "1:2: unable to decode byte 0x80 near '\"'", 0 },
	{ "n_utf8_overlong", "[\"\xc0\xaf\"]", 0, "1:2: unable to decode byte 0xc0 near '\"'", 0 },
	{ "n_utf8_overlong3", "[\"a\xe0\x80\xaf\"]", 0, "1:3: unable to decode byte 0xe0 near '\"a'", 0 },
	{ "n_utf8_surrogate", "[\"\xed\xa0\x80\"]", 0, "1:2: unable to decode byte 0xed near '\"'", 0 },
	{ "n_utf8_too_big", "[\"\xf4\x90\x80\x80\"]", 0, "1:2: unable to decode byte 0xf4 near '\"'", 0 },
	{ "n_utf8_truncated", "[\"\xc3\xa9\xe2\x82\"]", 0,
	  "1:3: unable to decode byte 0xe2 near '\"\xc3\xa9'", 0 },
	{ "n_utf8_f8", "[\"\xf8\"]", 0, "1:2: unable to decode byte 0xf8 near '\"'", 0 },
	/* Outside a string: no context, the place is the character before. */
	{ "n_utf8_bad_outside", "[1, \xff]", 0, "1:4: unable to decode byte 0xff", 0 },
	{ "n_utf8_outside", "[\xc3\xa9]", 0, "1:2: invalid token near '\xc3\xa9'", 0 },
	{ "n_bom_inside", "[\xef\xbb\xbf 1]", 0, "1:2: invalid token near '\xef\xbb\xbf'", 0 },
	{ "n_nul_top", "\0", 1, "1:1: '[' or '{' expected near end of file", 0 },
	{ "n_comment", "[1 /* c */]", 0, "1:4: ']' expected near '/'", 0 },

	/* Found by fuzz_json against jansson. */
	{ "n_array_open_only", "  [", 0, "1:3: ']' expected near end of file", 0 },
	{ "n_array_comma_eof", "[1,", 0, "1:3: ']' expected near end of file", 0 },
	{ "n_object_value_eof", "{\"a\":", 0, "1:5: unexpected token near end of file", 0 },
	{ "n_key_bad_number", "{ -x: 1}", 0, "1:3: string or '}' expected near '-'", 0 },
	{ "n_key_overflow", "{ 1e999: 1}", 0, "1:7: real number overflow near '1e999'", 0 },
	{ "n_escape_bad_utf8", "[\"\\u0\xff\"]", 0, "1:5: unable to decode byte 0xff near '\"\\u0'", 0 },
	{ "n_escape_bad_utf8_2", "[\"\\\xff\"]", 0, "1:3: unable to decode byte 0xff near '\"\\'", 0 },
	{ "n_word_bad_utf8", "[nul\xff]", 0, "1:4: unable to decode byte 0xff near 'nul'", 0 },
	{ "n_number_bad_utf8", "[1.\xff]", 0, "1:3: unable to decode byte 0xff near '1.'", 0 },
	{ "n_after_key_bad_surrogate", "{\"\" \"\\udc00\"}", 0,
	  "1:12: invalid Unicode '\\uDC00' near '\"\\udc00\"'", 0 },

	/* Places across lines and UTF-8: columns count characters. */
	{ "n_place_after_utf8", "{\"\xc3\xa9t\xc3\xa9\": 1,\n  \"\xe2\x82\xac\": [1, 2,, 3]}",
	  0, "2:14: unexpected token near ','", 0 },
	{ "n_place_crlf", "[\r\n1,\r\n  x]", 0, "3:3: invalid token near 'x'", 0 },
};

/* 0, or 1 after printing what is wrong with case c. */
static int check_case(const struct jcase *c, struct bg_json_doc *d)
{
	size_t len = c->len ? c->len : strlen(c->doc);
	struct bg_json_error e;
	const struct bg_json *v = bg_json_parse(d, c->doc, len, 0, 0, &e);
	char got[256];
	json_error_t je;
	json_t *jv;

	if (v)
		snprintf(got, sizeof(got), "(accepted)");
	else
		snprintf(got, sizeof(got), "%d:%d: %s", e.line, e.col, e.text);
	if (!c->want ? !v : !!v || strcmp(got, c->want)) {
		print_error("%s:\n  got  %s\n  want %s\n", c->name, got,
			    c->want ? c->want : "(accepted)");
		return 1;
	}
	if (c->differs)
		return 0;
	jv = json_loadb(c->doc, len, JSON_REJECT_DUPLICATES, &je);
	if (jv)
		snprintf(got, sizeof(got), "(accepted)");
	else
		snprintf(got, sizeof(got), "%d:%d: %s", je.line, je.column > 0 ? je.column : 1,
			 je.text);
	json_decref(jv);
	if (strcmp(got, c->want ? c->want : "(accepted)")) {
		print_error("%s: jansson says %s, we say %s\n", c->name, got,
			    c->want ? c->want : "(accepted)");
		return 1;
	}
	return 0;
}

static void test_cases(void **state)
{
	struct bg_json_doc *d = bg_json_doc_new();
	int bad = 0;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		bad += check_case(&cases[i], d);
	bg_json_doc_free(d);
	assert_int_equal(bad, 0);
}

/* Nesting: BG_JSON_MAX_DEPTH containers are read, one more value inside is an error. */
static void test_depth(void **state)
{
	struct bg_json_doc *d = bg_json_doc_new();
	size_t n = BG_JSON_MAX_DEPTH + 1;
	char *buf = malloc(2 * n + 1);
	struct bg_json_error e;
	json_error_t je;
	json_t *jv;

	(void)state;
	memset(buf, '[', n);
	memset(buf + n, ']', n);
	assert_null(bg_json_parse(d, buf, 2 * n, 0, 0, &e));
	assert_int_equal(e.col, BG_JSON_MAX_DEPTH + 1);
	assert_string_equal(e.text, "maximum parsing depth reached near '['");
	assert_non_null(bg_json_parse(d, buf + 1, 2 * n - 2, 0, 0, &e));
	/* Any value counts, as in jansson: a number inside as many is one too deep. */
	memset(buf, '[', n - 1);
	buf[n - 1] = '1';
	memset(buf + n, ']', n - 1);
	assert_null(bg_json_parse(d, buf, 2 * n - 1, 0, 0, &e));
	assert_string_equal(e.text, "maximum parsing depth reached near '1'");
	assert_null(json_loadb(buf, 2 * n - 1, 0, &je));   /* jansson agrees */
	assert_string_equal(je.text, e.text);
	assert_int_equal(je.column, e.col);
	assert_non_null(jv = json_loadb(buf + 1, 2 * n - 3, 0, &je));
	json_decref(jv);
	free(buf);
	bg_json_doc_free(d);
}

static void check_number(struct bg_json_doc *d, const char *text)
{
	char doc[512];
	const struct bg_json *v;
	struct bg_json_error e;
	double want = strtod(text, NULL), got;

	snprintf(doc, sizeof(doc), "[%s]", text);
	v = bg_json_at(bg_json_parse(d, doc, strlen(doc), 0, 0, &e), 0);
	if (!v)
		fail_msg("'%s' not read: %s", text, e.text);
	got = bg_json_num(v);
	if (memcmp(&got, &want, sizeof(got)))
		fail_msg("'%s' read as %.17g, strtod gives %.17g", text, got, want);
}

/* Every number is the double strtod gives, bit for bit (sign of zero too). */
static void test_numbers_exact(void **state)
{
	static const char *const edges[] = {
		"0", "0.0", "-0.0", "0e-400", "1", "-1", "9007199254740991",
		"9007199254740992", "9007199254740993", "18014398509481985",
		"9223372036854775807", "9223372036854775808", "-9223372036854775808",
		"-9223372036854775809", "18446744073709551615", "18446744073709551616",
		"1e22", "1e23", "1e-22", "1e-23", "123456789012345e-22", "123456789012345e22",
		"1234567890123456e-22", "999999999999999e22", "0.1", "0.2", "0.3",
		"2.2250738585072014e-308", "2.2250738585072011e-308", "4.9406564584124654e-324",
		"2.4703282292062327e-324", "2.4703282292062328e-324", "1e-324",
		"1.7976931348623157e308", "1.7976931348623158e308", "179769313486231570000000e285",
		"0.000001234", "123.456e-3", "1.00000000000000011102230246251565404236316680908203125",
		"1.00000000000000011102230246251565404236316680908203124",
		"1.00000000000000011102230246251565404236316680908203126",
		"7.038531e-26", "3.14159265358979323846264338327950288",
		"0.0000000000000000000000000000000000000000000000001", "100000000000000000000000",
		"1e+0", "1E-0", "-1.5E+300", "5e-324", "1.0e15", "10000000000000000e-1",
	};
	struct bg_json_doc *d = bg_json_doc_new();
	unsigned long long x = 0x9E3779B97F4A7C15ull;   /* seeded xorshift */
	char text[64];

	(void)state;
	for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++)
		check_number(d, edges[i]);
	for (int i = 0; i < 200000; i++) {
		double r;
		int digits, e;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		switch (i % 4) {
		case 0:   /* any finite double, shortest-ish and full precision */
			memcpy(&r, &x, sizeof(r));
			if (!isfinite(r))
				continue;
			snprintf(text, sizeof(text), "%.*g", 1 + (int)(x >> 59) % 17, r);
			break;
		case 1:   /* up to 19 digits: Clinger's path, Eisel-Lemire, strtod */
			digits = 1 + (int)(x >> 58) % 19;
			/* Half near the fast path's edge, half over the whole range. */
			e = x & 2 ? (int)((x >> 20) % 61) - 30 : (int)((x >> 20) % 621) - 340;
			snprintf(text, sizeof(text), "%llu", x % 10000000000000000000ull);
			if (strlen(text) > (size_t)digits)
				text[digits] = '\0';
			if (x & 1 && strlen(text) > 1) {   /* a point after the first digit */
				memmove(text + 2, text + 1, strlen(text));
				text[1] = '.';
			}
			snprintf(text + strlen(text), sizeof(text) - strlen(text), "e%d", e);
			break;
		case 2:   /* fixed notation as harnesses write times */
			snprintf(text, sizeof(text), "%.*f", (int)(x >> 60) % 12,
				 (double)(x % 100000000) / 1000.0);
			break;
		default:  /* 17 significant digits, any exponent */
			memcpy(&r, &x, sizeof(r));
			if (!isfinite(r))
				continue;
			snprintf(text, sizeof(text), "%.17e", r);
			break;
		}
		/* JSON has no leading '+' or zeros: skip what printf makes of them. */
		if (text[0] == '0' && IS_JSON_DIGIT(text[1]))
			continue;
		check_number(d, text);
	}
	bg_json_doc_free(d);
}

/* Integers keep their exact value; reals are not integers. */
static void test_integers(void **state)
{
	struct bg_json_doc *d = bg_json_doc_new();
	const char doc[] = "[9223372036854775807, -9223372036854775808, 9223372036854775808, "
			   "1.0, 1e2, -0, 42]";
	const struct bg_json *a = bg_json_parse(d, doc, strlen(doc), 0, 0, NULL);

	(void)state;
	assert_non_null(a);
	assert_true(bg_json_is_integer(bg_json_at(a, 0)));
	assert_true(bg_json_int(bg_json_at(a, 0)) == INT64_MAX);
	assert_true(bg_json_int(bg_json_at(a, 1)) == INT64_MIN);
	assert_false(bg_json_is_integer(bg_json_at(a, 2)));
	assert_true(bg_json_num(bg_json_at(a, 2)) == 9223372036854775808.0);
	assert_false(bg_json_is_integer(bg_json_at(a, 3)));
	assert_false(bg_json_is_integer(bg_json_at(a, 4)));
	/* -0 is the integer 0, as in jansson (-0.0 is a real: negative zero). */
	assert_true(bg_json_is_integer(bg_json_at(a, 5)));
	assert_true(bg_json_num(bg_json_at(a, 5)) == 0 && !signbit(bg_json_num(bg_json_at(a, 5))));
	assert_int_equal(bg_json_int(bg_json_at(a, 6)), 42);
	assert_int_equal(bg_json_int(bg_json_at(a, 3)), 0);   /* a real has no int value */
	bg_json_doc_free(d);
}

/* Every value's line and column: where it starts, in characters. */
static void test_places(void **state)
{
	struct bg_json_doc *d = bg_json_doc_new();
	const char doc[] = "{\"\xc3\xa9t\xc3\xa9\": [1,\n  \"\xe2\x82\xac\xe2\x82\xac\", {\"k\":\r\n"
			   "\ttrue}], \"n\": null}";
	const struct bg_json *root = bg_json_parse(d, doc, strlen(doc), 6, 0, NULL), *a, *o;

	(void)state;
	assert_non_null(root);
	assert_int_equal(bg_json_line(root), 7);
	assert_int_equal(bg_json_col(root), 1);
	assert_int_equal(bg_json_col(bg_json_key(root, 0)), 2);
	a = bg_json_get(root, "\xc3\xa9t\xc3\xa9");
	assert_int_equal(bg_json_line(a), 7);
	assert_int_equal(bg_json_col(a), 9);
	assert_int_equal(bg_json_col(bg_json_at(a, 0)), 10);
	assert_int_equal(bg_json_line(bg_json_at(a, 1)), 8);
	assert_int_equal(bg_json_col(bg_json_at(a, 1)), 3);
	o = bg_json_at(a, 2);
	assert_int_equal(bg_json_line(o), 8);
	assert_int_equal(bg_json_col(o), 9);
	assert_int_equal(bg_json_line(bg_json_get(o, "k")), 9);
	assert_int_equal(bg_json_col(bg_json_get(o, "k")), 2);
	assert_int_equal(bg_json_line(bg_json_get(root, "n")), 9);
	assert_int_equal(bg_json_col(bg_json_get(root, "n")), 15);
	bg_json_doc_free(d);
}

/* Accessors: types, NULL safety, strings decoded, and the copy into jansson. */
static void test_accessors(void **state)
{
	struct bg_json_doc *d = bg_json_doc_new();
	const char doc[] = "{\"s\": \"a\\tb\\u00e9\", \"n\": 2.5, \"a\": [1, \"x\", null, true, false], "
			   "\"o\": {\"z\": 1, \"y\": [{}]}}";
	const struct bg_json *r = bg_json_parse(d, doc, strlen(doc), 0, 0, NULL), *a;
	json_error_t je;
	json_t *want = json_loads(doc, 0, &je), *got;

	(void)state;
	assert_non_null(r);
	assert_int_equal(bg_json_members(r), 4);
	assert_int_equal(bg_json_size(r), 0);   /* an object is not an array */
	assert_int_equal(bg_json_members(bg_json_get(r, "a")), 0);
	assert_string_equal(bg_json_str(bg_json_key(r, 1)), "n");
	assert_true(bg_json_num(bg_json_value(r, 1)) == 2.5);
	assert_string_equal(bg_json_str(bg_json_get(r, "s")), "a\tb\xc3\xa9");
	assert_int_equal(bg_json_strlen(bg_json_get(r, "s")), 5);
	assert_null(bg_json_get(r, "missing"));
	assert_null(bg_json_get(NULL, "s"));
	assert_null(bg_json_get(bg_json_get(r, "a"), "s"));
	assert_null(bg_json_str(bg_json_get(r, "n")));
	assert_true(bg_json_num(bg_json_get(r, "s")) == 0);
	a = bg_json_get(r, "a");
	assert_int_equal(bg_json_size(a), 5);
	assert_null(bg_json_at(a, 5));
	assert_null(bg_json_at(r, 0));
	assert_null(bg_json_key(a, 0));
	assert_true(bg_json_is_string(bg_json_at(a, 1)));
	assert_true(bg_json_is_null(bg_json_at(a, 2)));
	assert_true(bg_json_is_true(bg_json_at(a, 3)) && bg_json_is_bool(bg_json_at(a, 3)));
	assert_true(bg_json_is_false(bg_json_at(a, 4)) && !bg_json_is_number(bg_json_at(a, 4)));
	assert_int_equal(bg_json_size(bg_json_get(r, "s")), 0);
	assert_int_equal(bg_json_type(NULL), -1);
	got = bg_json_to_jansson(r);
	assert_true(json_equal(got, want));
	json_decref(got);
	json_decref(want);
	bg_json_doc_free(d);
}

/* A doc is reused: one parse per line, with line numbers from line0. */
static void test_reuse_and_flags(void **state)
{
	struct bg_json_doc *d = bg_json_doc_new();
	struct bg_json_error e;
	const struct bg_json *v;
	char big[40000];
	size_t n = 0;

	(void)state;
	/* An array large enough to need more than one arena chunk. */
	big[n++] = '[';
	while (n < sizeof(big) - 10)
		n += (size_t)snprintf(big + n, sizeof(big) - n, "%s{\"k\":%zu}", n > 1 ? "," : "", n);
	big[n++] = ']';
	v = bg_json_parse(d, big, n, 0, 0, &e);
	assert_non_null(v);
	assert_true(bg_json_size(v) > 3000);
	v = bg_json_parse(d, "{\"a\": 1}", 8, 41, 0, &e);
	assert_int_equal(bg_json_line(v), 42);
	assert_null(bg_json_parse(d, "{\"a\": 1} {", 10, 41, 0, &e));
	assert_int_equal(e.code, BG_JSON_ETRAILING);
	assert_int_equal(e.line, 42);
	assert_string_equal(e.text, "end of file expected near '{'");
	assert_non_null(bg_json_parse(d, "{\"a\": 1} {", 10, 0, BG_JSON_FIRST, &e));
	assert_null(bg_json_parse(d, "[1, x]", 6, 0, BG_JSON_FIRST, &e));
	assert_int_equal(e.code, BG_JSON_ESYNTAX);
	v = bg_json_parse(d, "\"s\"", 3, 0, BG_JSON_ANY, &e);
	assert_string_equal(bg_json_str(v), "s");
	assert_null(bg_json_parse(d, "[1,", 3, 0, 0, NULL));   /* e may be NULL */
	bg_json_doc_free(d);
}

/*
 * bg_decimal_parse, the number reader of the CSV and go test readers: strtod's value
 * bit for bit (fast paths and fallback alike), and no text strtod would take that is
 * not a plain decimal.
 */
static void test_decimal_parse(void **state)
{
	static const char *const good[] = {
		"0", "-0", "+7", "5.", ".5", "1.5e-3", "1E+3", "0.1", "3.14159265358979323846",
		"12345678901234567890123", "9007199254740993", "1e22", "1e23", "4.9e-324",
		"2.2250738585072011e-308", "1.7976931348623157e308", "0.000000000000000000001",
		"123456789012345678.5", "00012", "1e-400",
	};
	static const char *const bad[] = {
		"", "+", "-", ".", "e5", "1e", "1e+", "0x10", "inf", "nan", "1.2.3", " 1", "1 ",
		"1,5", "--1",
	};
	uint64_t x = 88172645463325252ull;
	char buf[64];
	double d;

	(void)state;
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		double want = strtod(good[i], NULL);

		d = -1;
		assert_int_equal(bg_decimal_parse(&d, good[i], strlen(good[i])), 0);
		if (memcmp(&d, &want, sizeof(d)))
			fail_msg("'%s': %.17g, strtod %.17g", good[i], d, want);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (bg_decimal_parse(&d, bad[i], strlen(bad[i])) == 0)
			fail_msg("'%s' read as %g", bad[i], d);
	/* Beyond a double's range: HUGE_VAL, as strtod. */
	assert_int_equal(bg_decimal_parse(&d, "1e999", 5), 0);
	assert_true(d > DBL_MAX);
	/* Random doubles printed with 1 to 19 digits, and length-bounded reads. */
	for (int i = 0; i < 100000; i++) {
		double v, want;
		int n;

		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		memcpy(&v, &x, sizeof(v));
		if (v != v || v > DBL_MAX || v < -DBL_MAX)
			continue;
		n = snprintf(buf, sizeof(buf), "%.*g", 1 + (int)(x % 19), v);
		want = strtod(buf, NULL);
		assert_int_equal(bg_decimal_parse(&d, buf, (size_t)n), 0);
		if (memcmp(&d, &want, sizeof(d)))
			fail_msg("'%s': %.17g, strtod %.17g", buf, d, want);
	}
	/* Only the n bytes given are read: "12" of "123". */
	assert_int_equal(bg_decimal_parse(&d, "123", 2), 0);
	assert_true(d == 12);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_depth),
		cmocka_unit_test(test_numbers_exact),
		cmocka_unit_test(test_integers),
		cmocka_unit_test(test_places),
		cmocka_unit_test(test_accessors),
		cmocka_unit_test(test_reuse_and_flags),
		cmocka_unit_test(test_decimal_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
