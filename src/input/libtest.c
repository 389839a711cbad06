/*
 * cargo bench text of libtest's #[bench] harness (also Criterion.rs with --output-format
 * bencher): "test NAME ... bench: 1,234.56 ns/iter (+/- 78)" and an optional "= N MB/s".
 * libtest prints the median of its samples and their range (max - min), not the samples:
 * each benchmark is a summary, its median, with no sample count.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsbench.h"
#include "reader.h"

int bg_sniff_libtest(const char *buf, size_t len);
int bg_read_libtest(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		    int first_run, struct bg_error *err);

#define SNIFF_BYTES (1u << 20)
#define MARK " ... bench:"
#define MARK_LEN (sizeof(MARK) - 1)

/* The line [p, e) is a bench result: "test ", a name, " ... bench:". */
static const char *bench_mark(const char *p, const char *e)
{
	if (e - p < 5 + 1 + (long)MARK_LEN || memcmp(p, "test ", 5))
		return NULL;
	return memmem(p + 5, (size_t)(e - p - 5), MARK, MARK_LEN);
}

int bg_sniff_libtest(const char *buf, size_t len)
{
	const char *p = buf, *end = buf + (len < SNIFF_BYTES ? len : SNIFF_BYTES);

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *e = nl ? nl : end;

		if (*p == 't' && bench_mark(p, e))
			return 1;
		p = e + 1;
	}
	return 0;
}

/*
 * A number with thousands separators at *pp ("1,234.56"), up to e: into *out, *pp past
 * it. 0, or -1 when there is none.
 */
static int number(double *out, const char **pp, const char *e)
{
	char tmp[64];
	size_t n = 0;
	const char *p = *pp;

	while (p < e && (((*p >= '0' && *p <= '9') || *p == '.' || *p == ',')) && n < sizeof(tmp) - 1) {
		if (*p != ',')
			tmp[n++] = *p;
		p++;
	}
	if (!n || bg_decimal_parse(out, tmp, n) < 0 || !isfinite(*out))
		return -1;
	*pp = p;
	return 0;
}

static const char *skip_blank(const char *p, const char *e)
{
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/* One result line [p, e), line lineno: its summary added, or -1 with err at the place. */
static int read_line(struct bg_jsb *x, const char *p, const char *e, const char *mark,
		     int lineno)
{
	const char *name = p + 5, *q = mark + MARK_LEN;
	size_t nlen;
	double med, v[7] = { NAN, NAN, NAN, NAN, NAN, NAN, NAN };
	struct bg_metric *m;

	while (name < mark && *name == ' ')
		name++;
	nlen = (size_t)(mark - name);
	while (nlen && name[nlen - 1] == ' ')
		nlen--;
	if (!nlen || memchr(name, '\0', nlen))
		return bg_error_at(x->err, BG_EXIT_INPUT, x->path, lineno, 6, "a bench result without a name");
	q = skip_blank(q, e);
	if (number(&med, &q, e) < 0)
		return bg_error_at(x->err, BG_EXIT_INPUT, x->path, lineno, (int)(q - p) + 1,
				   "a bench result needs a number of ns/iter after 'bench:'");
	if ((size_t)(e - q) < 8 || memcmp(q, " ns/iter", 8))
		return bg_error_at(x->err, BG_EXIT_INPUT, x->path, lineno, (int)(q - p) + 1,
				   "a bench result's time must be in 'ns/iter'");
	{
		char *n = bg_strndup(name, nlen);
		int ret = 0;

		v[1] = med;
		if (!(m = bg_jsb_metric(x, lineno, (int)(name - p) + 1, n, nlen, "time", "ns",
					BG_DIR_LOWER, 1)))
			ret = -1;
		else
			bg_metric_set_summary(m, v, 0, 1);
		/* "= 123 MB/s" when the benchmark set b.bytes. */
		q = memmem(q, (size_t)(e - q), ") = ", 4);
		if (!ret && q) {
			double mbs;

			q += 4;
			if (number(&mbs, &q, e) < 0 || (size_t)(e - q) < 5 || memcmp(q, " MB/s", 5)) {
				ret = bg_error_at(x->err, BG_EXIT_INPUT, x->path, lineno, (int)(q - p) + 1,
						  "a bench result's throughput must be a number of 'MB/s'");
			} else if (!(m = bg_jsb_metric(x, lineno, (int)(q - p) + 1, n, nlen, "throughput",
						       "MB/s", BG_DIR_HIGHER, 1))) {
				ret = -1;
			} else {
				v[1] = mbs;
				bg_metric_set_summary(m, v, 0, 1);
			}
		}
		free(n);
		return ret;
	}
}

int bg_read_libtest(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		    int first_run, struct bg_error *err)
{
	const char *p = buf, *end = buf + len;
	struct bg_jsb x;
	int lineno = 0, ret = -1;

	bg_jsb_init(&x, rs, path, first_run, err);
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *e = nl ? nl : end, *mark;

		lineno++;
		if (e > p && e[-1] == '\r')
			e--;
		if (*p == 't' && (mark = bench_mark(p, e)) && read_line(&x, p, e, mark, lineno) < 0)
			goto out;
		p = (nl ? nl : end) + 1;
	}
	bg_jsb_summary_note(&x, "libtest prints a median, not its samples");
	ret = 1;
out:
	bg_jsb_release(&x);
	return ret;
}
