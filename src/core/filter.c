/* --filter REGEX: keep the benchmarks and metrics whose BENCHMARK/METRIC a pattern selects. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/filter.h"

void bg_filter_init(struct bg_filter *f)
{
	memset(f, 0, sizeof(*f));
}

void bg_filter_release(struct bg_filter *f)
{
	for (size_t i = 0; i < f->n; i++) {
		free(f->p[i].text);
		regfree(&f->p[i].re);
	}
	free(f->p);
	bg_filter_init(f);
}

int bg_filter_add(struct bg_filter *f, const char *pattern, const char *where,
		  struct bg_error *err)
{
	struct bg_filter_pattern *p;
	int exclude = pattern[0] == '!', rc;
	char msg[256];

	bg_grow(&f->p, &f->alloc, f->n + 1, sizeof(*f->p));
	p = &f->p[f->n];
	memset(p, 0, sizeof(*p));
	if ((rc = regcomp(&p->re, pattern + exclude, REG_EXTENDED | REG_NOSUB)) != 0) {
		regerror(rc, &p->re, msg, sizeof(msg));
		msg[0] = (char)tolower((unsigned char)msg[0]);   /* our messages are lower case */
		regfree(&p->re);
		return bg_error(err, BG_EXIT_USAGE, "%s '%s' is not a regular expression: %s", where,
				pattern, msg);
	}
	p->text = bg_strdup(pattern);
	p->where = where;
	p->exclude = exclude;
	f->n++;
	return 0;
}

int bg_filter_keep(struct bg_filter *f, const char *bench, const char *metric)
{
	char *s;
	int include = 0, has_include = 0, exclude = 0;

	if (!f || !f->n)
		return 1;
	s = bg_asprintf("%s/%s", bench, metric);
	for (size_t i = 0; i < f->n; i++) {
		if (regexec(&f->p[i].re, s, 0, NULL, 0) != 0) {
			has_include |= !f->p[i].exclude;
			continue;
		}
		f->p[i].matched++;
		if (f->p[i].exclude)
			exclude = 1;
		else
			include = has_include = 1;
	}
	free(s);
	if ((has_include && !include) || exclude)
		return 0;
	f->kept++;
	return 1;
}

static void metric_free(struct bg_metric *m)
{
	free(m->name);
	free(m->unit);
	free(m->samples);
	free(m->runs);
}

void bg_filter_apply(struct bg_filter *f, struct bg_resultset *rs)
{
	size_t nb = 0;

	if (!f || !f->n)
		return;
	for (size_t i = 0; i < rs->nbenches; i++) {
		struct bg_bench *b = &rs->benches[i];
		size_t nm = 0;

		for (size_t j = 0; j < b->nmetrics; j++) {
			if (bg_filter_keep(f, b->name, b->metrics[j].name))
				b->metrics[nm++] = b->metrics[j];
			else
				metric_free(&b->metrics[j]);
		}
		b->nmetrics = nm;
		if (nm) {
			rs->benches[nb++] = *b;
			continue;
		}
		free(b->metrics);
		free(b->name);
	}
	rs->nbenches = nb;
	bg_resultset_reindex(rs);
}

int bg_filter_check(const struct bg_filter *f, struct bg_error *err)
{
	if (!f || !f->n)
		return 0;
	for (size_t i = 0; i < f->n; i++)
		if (!f->p[i].matched)
			return bg_error(err, BG_EXIT_INPUT, "%s '%s' matches no benchmark/metric",
					f->p[i].where, f->p[i].text);
	if (!f->kept) {
		if (f->n == 1)
			return bg_error(err, BG_EXIT_INPUT, "%s '%s' leaves no benchmark/metric",
					f->p[0].where, f->p[0].text);
		return bg_error(err, BG_EXIT_INPUT, "the filters ('%s' ... '%s') leave no benchmark/metric",
				f->p[0].text, f->p[f->n - 1].text);
	}
	return 0;
}
