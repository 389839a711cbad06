/* bg_summary_format_value: the text of a summary number printed as bg_format_value prints it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#include "benchgate/report.h"
#include "benchgate/store.h"

/*
 * Compare with bg_format_value of the double the text denotes. Returns 1 when the
 * fast path took it, 0 when it declined (-1).
 */
static int same(const char *text, const char *unit)
{
	char fast[96], slow[96];
	int n = bg_summary_format_value(fast, sizeof(fast), text, strlen(text), unit);

	if (n < 0)
		return 0;
	bg_format_value(slow, sizeof(slow), strtod(text, NULL), unit);
	if (strcmp(fast, slow) || (size_t)n != strlen(slow))
		fail_msg("'%s': fast '%s' (%d), bg_format_value '%s'", text, fast, n, slow);
	return 1;
}

static void test_cases(void **state)
{
	/* taken by the fast path, and equal */
	static const char *const taken[] = {
		"0", "0.0", "-0.0", "1", "1.0", "-1", "100.0", "119.8", "120.4", "99.03",
		"101.4", "1234.567", "-1234.567", "123.4567", "9.9996", "99.996", "999.96",
		"9999.6", "0.00012346", "0.0001", "0.001234567", "5765.123", "1e+04",
		"1.234567e+14", "1.5e2", "100000000000000", "999899999999999", "3.0E-3",
		"0.12346", "12.346", "0.1", "0.3", "2.675", "1.005", "123456.7", "1.5", "2.5",
		"0.125", "0.0009999", "999.94", "1234.5", "1235.5", "12.125", "12.375", "45678.5",
		"99995", "9999.5", "-1234.5",
	};
	/* declined: not a number, too many digits, ties, outside the positional range */
	static const char *const declined[] = {
		"null", "", "-", "abc", "1.2.3", "1e", "0.00001234", "1e15", "1.5e+15",
		"1.2345678901234567", "12.345", "9.9995", "1e-05", "12x", "0.00012345",
		"999999999999999", "1.234567e+20", "0.00009999", "999.95",
	};

	/* units of every family: times, decimal sizes and rates, SI prefixes, none */
	static const char *const units[] = {
		NULL, "ns", "us", "ms", "s", "B/s", "MB", "items/s", "", "%", "ns/op",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(taken) / sizeof(*taken); i++) {
		for (size_t u = 0; u < sizeof(units) / sizeof(*units); u++)
			if (!same(taken[i], units[u]))
				fail_msg("'%s' in '%s' was declined", taken[i],
					 units[u] ? units[u] : "(null)");
	}
	for (size_t i = 0; i < sizeof(declined) / sizeof(*declined); i++) {
		char buf[96];

		if (bg_summary_format_value(buf, sizeof(buf), declined[i], strlen(declined[i]),
					    NULL) != -1)
			fail_msg("'%s' was taken: '%s'", declined[i], buf);
	}
	/* Binary sizes need the double: declined. */
	{
		char buf[96];

		assert_int_equal(bg_summary_format_value(buf, sizeof(buf), "2048", 4, "KiB"), -1);
	}
}

/*
 * The display picked from the text is the one picked from the double, and numbers
 * around the value formatted in it (bg_summary_format_in) are bg_format_in's.
 */
static void test_display(void **state)
{
	static const struct {
		const char *value, *unit, *around[3], *want;
	} cases[] = {
		{ "2294", "ns", { "2280", "2310.5", "0" }, "2.294 us" },
		{ "131232481", "items/s", { "130000000", "132500000", "999" }, "131.2 M items/s" },
		{ "0.0123", "s", { "0.012", "0.0126", "1.5" }, "12.3 ms" },
		{ "999.96", "ns", { "990", "1010", "-5" }, "1 us" },
		{ "512", "B/s", { "500", "530", "12345" }, "512 B/s" },
		{ "4.5e9", "", { "4e9", "5e9", "1e6" }, "4.5 G" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct bg_display fast, slow;
		char a[96], b[96];
		double v = strtod(cases[i].value, NULL);

		assert_true(bg_summary_format_pick(a, sizeof(a), &fast, cases[i].value,
						   strlen(cases[i].value), cases[i].unit) > 0);
		assert_string_equal(a, cases[i].want);
		bg_display_pick(&slow, v, cases[i].unit);
		assert_int_equal(fast.p10, slow.p10);
		assert_string_equal(fast.prefix, slow.prefix);
		for (int k = 0; k < 3; k++) {
			const char *t = cases[i].around[k];
			int n = bg_summary_format_in(a, sizeof(a), t, strlen(t), &fast, k == 2);

			assert_true(n > 0);
			bg_format_in(b, sizeof(b), strtod(t, NULL), &slow, k == 2);
			assert_string_equal(a, b);
		}
	}
}

/* Every length of buffer: never written past, declined when too small. */
static void test_small_buffer(void **state)
{
	(void)state;
	for (size_t size = 1; size < 24; size++) {
		char buf[32];
		int n;

		memset(buf, 'x', sizeof(buf));
		n = bg_summary_format_value(buf, size, "-1234.567", 9, "ms");
		assert_true(buf[size] == 'x');
		if (n >= 0)
			assert_string_equal(buf, "-1.235 s");
	}
}

/* Numbers as summaries hold them (%.7g, and a few %.15g), over 40 decades. */
static void test_random(void **state)
{
	static const char *const rand_units[] = { NULL, "ns", "items/s", "B/s" };
	unsigned long long x = 20261125;
	size_t taken = 0, total = 0, inrange = 0, declined = 0;

	(void)state;
	for (int i = 0; i < 400000; i++) {
		char text[64];
		double mant, v;
		int e;

		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		mant = (double)(x >> 11) / 9007199254740992.0;
		e = (int)((x >> 3) % 40) - 20;
		v = (1 + 9 * mant) * pow(10, e) * ((x & 1) ? -1 : 1);
		/* rounded to few digits now and then, to make ties and carries; halves */
		if (i % 5 == 1)
			snprintf(text, sizeof(text), "%.1f", floor(v * 2) / 2);
		else if (i % 3 == 0)
			snprintf(text, sizeof(text), "%.*g", 1 + (int)((x >> 20) % 6), v);
		else
			snprintf(text, sizeof(text), i % 7 ? "%.7g" : "%.15g", v);
		if (same(text, rand_units[i % 4]))
			taken++;
		else if (fabs(v) >= 1e-4 && fabs(v) < 1e14)
			declined++;   /* a tie (from the few-digit texts) */
		inrange += fabs(v) >= 1e-4 && fabs(v) < 1e14;
		total++;
	}
	/* nearly half the decades are in the positional range; few ties there */
	assert_true(taken > total * 4 / 10);
	assert_true(declined < inrange / 20);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cases),
		cmocka_unit_test(test_display),
		cmocka_unit_test(test_small_buffer),
		cmocka_unit_test(test_random),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
