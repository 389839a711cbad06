/*
 * Catch2's XML reporter (-r xml): each BenchmarkResults of a TestCase, with its samples
 * count, mean and standard deviation (and their bootstrap bounds) in ns. Catch2 writes
 * no sample values there: the metric is a summary. Parsed with expat.
 */
#include <expat.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsbench.h"
#include "reader.h"

int bg_sniff_catch2(const char *buf, size_t len);
int bg_read_catch2(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		   int first_run, struct bg_error *err);

/* XML that starts with a declaration or a tag, with a <Catch> (2.x) or <Catch2TestRun> (3.x) root. */
int bg_sniff_catch2(const char *buf, size_t len)
{
	size_t n = len < 65536 ? len : 65536, rest;
	const char *start = bg_sniff_start(buf, n, &rest);

	return rest && *start == '<' && memmem(start, rest, "<Catch", 6);
}

/* What the parse has seen so far. */
struct c2 {
	XML_Parser p;
	struct bg_jsb x;
	int failed;
	char *testcase;         /* the TestCase being read, or NULL */
	char *bench;            /* the BenchmarkResults being read ("CASE > NAME"), or NULL */
	int line, col;          /* where it starts */
	size_t samples;
	double mean, sd;        /* NAN until read */
	int depth;              /* of elements, for the root's name */
	int root_ok;
};

static int c2_error(struct c2 *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static int c2_error(struct c2 *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	bg_error_vat(c->x.err, BG_EXIT_INPUT, c->x.path, (int)XML_GetCurrentLineNumber(c->p),
			(int)XML_GetCurrentColumnNumber(c->p) + 1, fmt, ap);
	va_end(ap);
	c->failed = 1;
	XML_StopParser(c->p, XML_FALSE);
	return -1;
}

static const char *attr(const char **atts, const char *name)
{
	for (int i = 0; atts[i]; i += 2)
		if (!strcmp(atts[i], name))
			return atts[i + 1];
	return NULL;
}

/* Attribute name of element el as a finite number >= 0 (required or not): 1 read, 0 absent, -1. */
static int number_attr(struct c2 *c, double *out, const char **atts, const char *el,
		       const char *name, int required)
{
	const char *s = attr(atts, name);

	*out = NAN;
	if (!s) {
		if (required)
			return c2_error(c, "<%s> of '%s' has no %s", el, c->bench, name);
		return 0;
	}
	if (bg_decimal_parse(out, s, strlen(s)) < 0 || !isfinite(*out) || *out < 0)
		return c2_error(c, "%s=\"%s\" of <%s> in '%s' is not a finite number >= 0", name, s,
				el, c->bench);
	return 1;
}

static void XMLCALL on_start(void *data, const char *el, const char **atts)
{
	struct c2 *c = data;
	double v, lo, hi;

	if (c->failed)
		return;
	if (c->depth++ == 0) {
		c->root_ok = !strcmp(el, "Catch") || !strcmp(el, "Catch2TestRun");
		if (!c->root_ok)
			c2_error(c, "a Catch2 XML report starts with <Catch> or <Catch2TestRun>, not <%s>",
				 el);
		return;
	}
	if (!strcmp(el, "TestCase")) {
		const char *n = attr(atts, "name");

		free(c->testcase);
		c->testcase = bg_strdup(n ? n : "");
	} else if (!strcmp(el, "BenchmarkResults")) {
		const char *n = attr(atts, "name"), *s = attr(atts, "samples");
		double d;

		if (c->bench) {
			c2_error(c, "<BenchmarkResults> inside another");
			return;
		}
		if (!n || !*n) {
			c2_error(c, "<BenchmarkResults> has no name");
			return;
		}
		c->bench = c->testcase && *c->testcase ? bg_asprintf("%s > %s", c->testcase, n)
						       : bg_strdup(n);
		c->line = (int)XML_GetCurrentLineNumber(c->p);
		c->col = (int)XML_GetCurrentColumnNumber(c->p) + 1;
		c->mean = c->sd = NAN;
		c->samples = 0;
		if (!s) {
			c2_error(c, "<BenchmarkResults> of '%s' has no samples count", c->bench);
			return;
		}
		if (bg_decimal_parse(&d, s, strlen(s)) < 0 || !(d >= 1 && d <= 1e15) || d != floor(d)) {
			c2_error(c, "samples=\"%s\" of '%s' is not a whole number >= 1", s, c->bench);
			return;
		}
		c->samples = (size_t)d;
	} else if (c->bench && (!strcmp(el, "mean") || !strcmp(el, "standardDeviation"))) {
		int ismean = el[0] == 'm';

		if (number_attr(c, &v, atts, el, "value", 1) < 0 ||
		    number_attr(c, &lo, atts, el, "lowerBound", 0) < 0 ||
		    number_attr(c, &hi, atts, el, "upperBound", 0) < 0)
			return;
		/* Bootstrap bounds of the estimate: checked, not used by the comparison. */
		if ((!isnan(lo) && lo > v) || (!isnan(hi) && hi < v)) {
			c2_error(c, "the bounds of <%s> in '%s' do not hold its value", el, c->bench);
			return;
		}
		if (ismean)
			c->mean = v;
		else
			c->sd = v;
	}
}

static void XMLCALL on_end(void *data, const char *el)
{
	struct c2 *c = data;
	double v[7] = { NAN, NAN, NAN, NAN, NAN, NAN, NAN };
	struct bg_metric *m;

	c->depth--;
	if (c->failed)
		return;
	if (!strcmp(el, "TestCase")) {
		free(c->testcase);
		c->testcase = NULL;
	}
	if (strcmp(el, "BenchmarkResults") || !c->bench)
		return;
	if (isnan(c->mean)) {
		/* At the element that lacks it, as the JSON readers place what is missing. */
		bg_error_at(c->x.err, BG_EXIT_INPUT, c->x.path, c->line, c->col,
			    "<BenchmarkResults> of '%s' has no <mean>", c->bench);
		c->failed = 1;
		XML_StopParser(c->p, XML_FALSE);
		return;
	}
	v[0] = c->mean;
	v[4] = c->sd;
	if (!(m = bg_jsb_metric(&c->x, c->line, c->col, c->bench, strlen(c->bench), "time", "ns",
				BG_DIR_LOWER, 1))) {
		c->failed = 1;
		XML_StopParser(c->p, XML_FALSE);
		return;
	}
	bg_metric_set_summary(m, v, c->samples, 1);
	free(c->bench);
	c->bench = NULL;
}

int bg_read_catch2(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		   int first_run, struct bg_error *err)
{
	struct c2 c = { 0 };
	int ret = -1;

	c.p = XML_ParserCreate("UTF-8");
	if (!c.p)
		return bg_error(err, BG_EXIT_INPUT, "'%s': cannot make an XML parser", path);
	bg_jsb_init(&c.x, rs, path, first_run, err);
	XML_SetUserData(c.p, &c);
	XML_SetElementHandler(c.p, on_start, on_end);
	/* XML_Parse takes an int length: feed the buffer in pieces. */
	for (size_t off = 0;;) {
		size_t n = len - off < (1u << 30) ? len - off : (1u << 30);
		int last = off + n == len;

		if (XML_Parse(c.p, buf + off, (int)n, last) == XML_STATUS_ERROR) {
			if (!c.failed)
				bg_error_at(err, BG_EXIT_INPUT, path, (int)XML_GetCurrentLineNumber(c.p),
					    (int)XML_GetCurrentColumnNumber(c.p) + 1, "%s",
					    XML_ErrorString(XML_GetErrorCode(c.p)));
			goto out;
		}
		off += n;
		if (last)
			break;
	}
	bg_jsb_summary_note(&c.x, "Catch2's XML holds no sample values");
	ret = 1;
out:
	free(c.testcase);
	free(c.bench);
	bg_jsb_release(&c.x);
	XML_ParserFree(c.p);
	return ret;
}
