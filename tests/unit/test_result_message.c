/* bg_result_message: one sentence per result, the note's repeated verdict and change left out. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "benchgate/report.h"
#include "../../src/report/internal.h"

static struct bg_mode smoke = { .name = "smoke", .threshold = 0.2,
				.fail_on = { [BG_REGRESSION] = 1 } };

/* Occurrences of needle in s. */
static int count(const char *s, const char *needle)
{
	int k = 0;

	for (const char *p = s; (p = strstr(p, needle)); p += strlen(needle))
		k++;
	return k;
}

static void result(struct bg_result *r, enum bg_verdict v, const char *note)
{
	memset(r, 0, sizeof(*r));
	r->bench = (char *)"hash";
	r->metric = (char *)"time";
	r->unit = (char *)"us";
	r->threshold = 0.2;
	r->has_base = r->has_cur = 1;
	r->base.n = r->cur.n = 6;
	r->base.median = 85.87;
	r->cur.median = 111.5;
	r->change.estimate = 0.271;
	r->change.ci.lo = -0.144;
	r->change.ci.hi = 0.971;
	r->verdict = v;
	r->note = (char *)note;
}

static void test_inconclusive_once(void **state)
{
	struct bg_comparison c = { .mode = &smoke, .confidence = 0.95 };
	struct bg_result r;
	char *m;

	(void)state;
	result(&r, BG_INCONCLUSIVE,
	       "inconclusive: +27.1% (-14.4% .. +97.1%) at n=6; about 380 samples per side would resolve 20%");
	m = bg_result_message(&c, &r);
	assert_string_equal(m, "inconclusive: median 85.87 us -> 111.5 us, change +27.1% (-14.4% .. +97.1%) at 95% confidence and n=6, threshold 20%; about 380 samples per side would resolve 20%");
	assert_int_equal(count(m, "inconclusive"), 1);
	assert_int_equal(count(m, "+27.1%"), 1);
	free(m);
}

static void test_fdr_tail_kept(void **state)
{
	struct bg_comparison c = { .mode = &smoke, .confidence = 0.95 };
	struct bg_result r;
	char *m;

	(void)state;
	result(&r, BG_INCONCLUSIVE,
	       "inconclusive: +27.1% (-14.4% .. +97.1%) at n=6; about 380 samples per side would resolve 20%; p 0.0100 is not significant over all the results compared (Benjamini-Hochberg q 0.0600)");
	m = bg_result_message(&c, &r);
	assert_non_null(strstr(m, "threshold 20%; about 380 samples per side would resolve 20%; p 0.0100 is not significant"));
	assert_int_equal(count(m, "inconclusive"), 1);
	free(m);
}

/* A note that is not the verdict's sentence, or whose change differs, stays whole. */
static void test_other_notes_whole(void **state)
{
	struct bg_comparison c = { .mode = &smoke, .confidence = 0.95 };
	struct bg_result r;
	char *m;

	(void)state;
	result(&r, BG_INSUFFICIENT, "5 samples on the current side, official mode requires 100");
	m = bg_result_message(&c, &r);
	assert_non_null(strstr(m, "threshold 20%; 5 samples on the current side, official mode requires 100"));
	free(m);
	result(&r, BG_INCONCLUSIVE, "inconclusive: +30.0% (-1.0% .. +90.0%) at n=6");
	m = bg_result_message(&c, &r);
	assert_non_null(strstr(m, "threshold 20%; +30.0% (-1.0% .. +90.0%) at n=6"));
	free(m);
	result(&r, BG_PASS, NULL);
	m = bg_result_message(&c, &r);
	assert_null(strchr(m, ';'));
	free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inconclusive_once),
		cmocka_unit_test(test_fdr_tail_kept),
		cmocka_unit_test(test_other_notes_whole),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
