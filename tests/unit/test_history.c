/* Tests for src/report/history.c: a long history printed in shares on two threads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "benchgate/history.h"

#define NSERIES 4
#define NPOINTS 40000   /* 160,000 points in all: the printer cuts them into shares */

/*
 * A history of NSERIES series of NPOINTS points each, one shift in each series; the
 * second series's name is longer than the printer's buffer.
 */
static void make_history(struct bg_history *h)
{
	memset(h, 0, sizeof(*h));
	h->ncommits = NPOINTS;
	h->commits = bg_calloc(NPOINTS, sizeof(*h->commits));
	for (size_t c = 0; c < NPOINTS; c++) {
		snprintf(h->commits[c].id, sizeof(h->commits[c].id), "%040zx", c * 7919 + 1);
		snprintf(h->commits[c].day, sizeof(h->commits[c].day), "2026-%02zu-%02zu",
			 1 + c % 12, 1 + c % 28);
		snprintf(h->commits[c].date, sizeof(h->commits[c].date),
			 "2026-%02zu-%02zuT10:00:00+01:00", 1 + c % 12, 1 + c % 28);
	}
	h->nseries = NSERIES;
	h->series = bg_calloc(NSERIES, sizeof(*h->series));
	for (size_t i = 0; i < NSERIES; i++) {
		struct bg_hseries *s = &h->series[i];

		if (i == 1) {
			/* a name longer than the output buffer, in a share of the second thread */
			s->bench = bg_malloc(70001);
			memset(s->bench, 'n', 70000);
			s->bench[70000] = '\0';
		} else {
			s->bench = bg_asprintf("bench/%zu", i);
		}
		s->metric = bg_strdup(i % 2 ? "time" : "rss, peak");
		s->unit = bg_strdup(i % 2 ? "ns" : "MB");
		s->direction = bg_strdup("lower");
		s->stat = i == 3 ? BG_STAT_MEAN : BG_STAT_MEDIAN;
		s->n = NPOINTS;
		s->p = bg_calloc(NPOINTS, sizeof(*s->p));
		s->shift_at = bg_calloc(NPOINTS, sizeof(*s->shift_at));
		s->ncp = 1;
		s->cp = bg_calloc(1, sizeof(*s->cp));
		s->cp[0].index = NPOINTS / 3;
		s->cp[0].before = 1000;
		s->cp[0].after = 1100 + (double)i;
		s->cp[0].change = (s->cp[0].after - 1000) / 1000;
		s->shift_at[NPOINTS - 1 - NPOINTS / 3] = 1;
		for (size_t j = 0; j < NPOINTS; j++) {
			char t[96];
			int n = snprintf(t, sizeof(t), "%zu.%zu%c%zu%c%s", 900 + j % 300, j % 10, 0,
					 890 + j % 300, 0, j % 50 ? "1210.5" : "null");

			s->p[j].commit = j;
			s->p[j].value = (double)(900 + j % 300);
			s->p[j].n = (long long)(10 + j % 5);
			s->p[j].text = s->alen;
			bg_grow(&s->arena, &s->aalloc, s->alen + (size_t)n + 1, 1);
			memcpy(s->arena + s->alen, t, (size_t)n + 1);
			s->alen += (size_t)n + 1;
		}
	}
}

static void free_history(struct bg_history *h)
{
	for (size_t i = 0; i < h->nseries; i++)
		bg_hseries_release(&h->series[i]);
	free(h->series);
	free(h->commits);
}

/* What print writes for h, as a new string. */
static char *printed(void (*print)(FILE *f, const struct bg_history *h),
		     const struct bg_history *h, size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	assert_non_null(f);
	print(f, h);
	assert_int_equal(fclose(f), 0);
	return buf;
}

/*
 * The whole history (printed in shares, on two threads) is byte for byte the series
 * printed one at a time (each alone is below the size that takes a thread), joined
 * as the printer joins them: a blank line between text tables, one CSV header.
 */
static void test_print_in_shares(void **state)
{
	struct bg_history h;
	const char *csv_head = "name,metric,unit,direction,statistic,commit,date,value,ci_lo,ci_hi,n,shift\n";

	(void)state;
	make_history(&h);
	for (int fmt = 0; fmt < 2; fmt++) {
		void (*print)(FILE *f, const struct bg_history *h) =
			fmt ? bg_history_print_csv : bg_history_print_text;
		size_t len, want_len = 0;
		char *whole = printed(print, &h, &len), *want = NULL;
		FILE *w = open_memstream(&want, &want_len);

		assert_non_null(w);
		if (fmt)
			fputs(csv_head, w);
		for (size_t i = 0; i < h.nseries; i++) {
			struct bg_history one = h;
			size_t l1;
			char *part;

			one.series = &h.series[i];
			one.nseries = 1;
			part = printed(print, &one, &l1);
			if (i && !fmt)
				fputc('\n', w);
			fwrite(part + (fmt ? strlen(csv_head) : 0), 1, l1 - (fmt ? strlen(csv_head) : 0), w);
			free(part);
		}
		assert_int_equal(fclose(w), 0);
		assert_true(len > 1000000);
		assert_int_equal(len, want_len);
		assert_memory_equal(whole, want, len);
		free(whole);
		free(want);
	}
	free_history(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_print_in_shares),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
