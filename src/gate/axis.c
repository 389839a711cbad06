/* Comparisons along an axis: the (reference, value) pairs of benchmarks that differ only in one key, for bg_compare. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/axis.h"

void bg_axis_info_init(struct bg_axis_info *ai)
{
	memset(ai, 0, sizeof(*ai));
	bg_strlist_init(&ai->values);
}

void bg_axis_info_release(struct bg_axis_info *ai)
{
	bg_strlist_release(&ai->values);
	bg_axis_info_init(ai);
}

/* One benchmark of rs as the axis sees it. */
struct member {
	const struct bg_bench *b;
	char *rest;      /* name without the KEY part; NULL: no KEY */
	char *value;
	int vindex;      /* index in the values, -1 when not chosen */
	int paired;
	size_t pos;      /* index in rs */
};

/* By rest, then by position: each group is one run of the sorted array. */
static int cmp_member(const void *a, const void *b)
{
	const struct member *x = *(const struct member *const *)a, *y = *(const struct member *const *)b;
	int c = strcmp(x->rest, y->rest);

	return c ? c : (x->pos > y->pos) - (x->pos < y->pos);
}

/* A group: a run of the sorted members, and where its first member is in rs. */
struct group {
	size_t start, len, first;
};

static int cmp_group(const void *a, const void *b)
{
	const struct group *x = a, *y = b;

	return (x->first > y->first) - (x->first < y->first);
}

static void members_free(struct member *m, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(m[i].rest);
		free(m[i].value);
	}
	free(m);
}

/* The keys the names of rs have, for an error message: "backend, quant" (new string). */
static char *keys_of(const struct bg_resultset *rs)
{
	struct bg_strlist keys;
	char *s;

	bg_strlist_init(&keys);
	for (size_t i = 0; i < rs->nbenches; i++) {
		struct bg_name_part parts[BG_NAME_MAX_PARTS];
		size_t np = bg_name_parts(parts, rs->benches[i].name, rs->name_key);

		for (size_t j = 0; j < np; j++)
			if (bg_strlist_index(&keys, parts[j].key, parts[j].klen) < 0)
				bg_strlist_addf(&keys, "%.*s", (int)parts[j].klen, parts[j].key);
	}
	s = bg_strlist_join(&keys, 0, keys.n, NULL, ", ");
	bg_strlist_release(&keys);
	return s;
}

static char *with_suffix(const char *name, const char *suffix)
{
	return suffix ? bg_asprintf("%s/%s", name, suffix) : bg_strdup(name);
}

int bg_axis_pair(struct bg_resultset *base, struct bg_resultset *cur, struct bg_axis_info *info,
		 const struct bg_resultset *rs, const struct bg_axis *ax, const char *suffix,
		 struct bg_error *err)
{
	size_t nb = rs->nbenches ? rs->nbenches : 1;
	struct member *m = bg_calloc(nb, sizeof(*m)), **sorted = bg_calloc(nb, sizeof(*sorted));
	struct group *groups = bg_calloc(nb, sizeof(*groups));
	struct bg_strlist seen;
	size_t keyed = 0, pairs = 0, nsorted = 0, ngroups = 0;
	int ret = -1;

	bg_strlist_init(&seen);
	bg_strlist_extend(&seen, &ax->values);
	for (size_t i = 0; i < rs->nbenches; i++) {
		m[i].b = &rs->benches[i];
		m[i].pos = i;
		m[i].rest = bg_axis_rest(&m[i].value, m[i].b->name, ax->key, rs->name_key);
		m[i].vindex = -1;
		if (!m[i].rest)
			continue;
		keyed++;
		if (!ax->values.n && bg_strlist_index(&seen, m[i].value, strlen(m[i].value)) < 0)
			bg_strlist_add(&seen, m[i].value);
		m[i].vindex = bg_strlist_index(&seen, m[i].value, strlen(m[i].value));
	}
	if (!keyed) {
		char *keys = keys_of(rs);

		bg_error(err, BG_EXIT_INPUT, "'--by %s': no benchmark name in '%s' has the key '%s' (its keys: %s)",
			 ax->key, rs->source ? rs->source : "", ax->key, keys);
		free(keys);
		goto out;
	}
	for (size_t v = 0; v < seen.n; v++) {
		size_t i;

		for (i = 0; i < rs->nbenches; i++)
			if (m[i].vindex == (int)v)
				break;
		if (i == rs->nbenches) {
			bg_error(err, BG_EXIT_INPUT, "'--by %s=%s': no benchmark in '%s' has %s=%s",
				 ax->key, seen.v[v], rs->source ? rs->source : "", ax->key, seen.v[v]);
			goto out;
		}
	}
	/* Group by group, in order of first appearance; in each, the values in their order. */
	for (size_t i = 0; i < rs->nbenches; i++)
		if (m[i].rest)
			sorted[nsorted++] = &m[i];
	qsort(sorted, nsorted, sizeof(*sorted), cmp_member);
	for (size_t i = 0; i < nsorted; i++) {
		if (i && !strcmp(sorted[i]->rest, sorted[i - 1]->rest)) {
			groups[ngroups - 1].len++;
			continue;
		}
		groups[ngroups].start = i;
		groups[ngroups].len = 1;
		groups[ngroups++].first = sorted[i]->pos;
	}
	qsort(groups, ngroups, sizeof(*groups), cmp_group);
	for (size_t g = 0; g < ngroups; g++) {
		struct member **gm = sorted + groups[g].start, *ref = NULL;
		size_t len = groups[g].len;

		for (size_t i = 0; i < len && !ref; i++)
			if (gm[i]->vindex == 0)
				ref = gm[i];
		for (size_t v = 1; ref && v < seen.n; v++)
			for (size_t i = 0; i < len; i++) {
				char *name;

				if (gm[i]->vindex != (int)v)
					continue;
				name = with_suffix(gm[i]->b->name, suffix);
				bg_bench_copy(base, ref->b, name);
				bg_bench_copy(cur, gm[i]->b, name);
				free(name);
				gm[i]->paired = ref->paired = 1;
				pairs++;
			}
	}
	if (!pairs) {
		bg_error(err, BG_EXIT_INPUT, "'--by %s': no two benchmarks in '%s' differ only in '%s'",
			 ax->key, rs->source ? rs->source : "", ax->key);
		goto out;
	}
	/* The rest, listed once: no partner, or no KEY. Values not chosen are left out. */
	for (size_t i = 0; i < rs->nbenches; i++) {
		char *name;

		if (m[i].paired || (m[i].rest && m[i].vindex < 0))
			continue;
		name = with_suffix(m[i].b->name, suffix);
		bg_bench_copy(cur, m[i].b, name);
		free(name);
		info->unpaired++;
	}
	info->pairs += pairs;
	for (size_t v = 0; v < seen.n; v++)
		if (bg_strlist_index(&info->values, seen.v[v], strlen(seen.v[v])) < 0)
			bg_strlist_add(&info->values, seen.v[v]);
	if (rs->nruns > base->nruns)
		base->nruns = cur->nruns = rs->nruns;
	if (!base->environment && rs->environment)
		base->environment = json_incref(rs->environment);
	if (!cur->environment && rs->environment)
		cur->environment = json_incref(rs->environment);
	base->unclean += rs->unclean;
	cur->unclean += rs->unclean;
	base->health_records += rs->health_records;
	cur->health_records += rs->health_records;
	ret = 0;
out:
	bg_strlist_release(&seen);
	members_free(m, rs->nbenches);
	free(sorted);
	free(groups);
	return ret;
}
