/* Comparisons along an axis: benchmark names cut into key=value parts, and the pairs of values they make. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/axis.h"

/* The key of a piece: KEY=VALUE, else KEY:VALUE; 0 when the piece has neither. */
static int piece_keyed(const char *p, size_t n, size_t *klen)
{
	const char *eq = memchr(p, '=', n), *colon;

	if (eq && eq > p) {
		*klen = (size_t)(eq - p);
		return 1;
	}
	colon = memchr(p, ':', n);
	if (!eq && colon && colon > p && (size_t)(colon - p) + 1 < n) {
		*klen = (size_t)(colon - p);
		return 1;
	}
	return 0;
}

size_t bg_name_parts(struct bg_name_part *parts, const char *name, const char *whole_key)
{
	size_t np = 0, positional = 0;
	int keyed_seen = 0;
	const char *p = name;

	while (*p) {
		const char *slash = strchr(p, '/');
		size_t n = slash ? (size_t)(slash - p) : strlen(p), klen;
		struct bg_name_part *part;
		int keyed = piece_keyed(p, n, &klen);

		/* A plain piece after a keyed one continues its value; so does every piece past the limit. */
		if (np && ((!keyed && (keyed_seen || whole_key)) || np == BG_NAME_MAX_PARTS)) {
			part = &parts[np - 1];
			part->vlen = (size_t)(p + n - part->value);
			part->len = (size_t)(p + n - part->start);
		} else {
			part = &parts[np++];
			memset(part, 0, sizeof(*part));
			part->start = p;
			part->len = n;
			if (keyed) {
				part->key = p;
				part->klen = klen;
				part->value = p + klen + 1;
				part->vlen = n - klen - 1;
				keyed_seen = 1;
			} else {
				if (whole_key)
					snprintf(part->keybuf, sizeof(part->keybuf), "%s", whole_key);
				else if (positional == 0)
					snprintf(part->keybuf, sizeof(part->keybuf), "name");
				else
					snprintf(part->keybuf, sizeof(part->keybuf), "arg%zu", positional);
				positional++;
				part->key = part->keybuf;
				part->klen = strlen(part->keybuf);
				part->value = p;
				part->vlen = n;
			}
		}
		if (!slash)
			break;
		p = slash + 1;
	}
	return np;
}

void bg_axis_init(struct bg_axis *ax)
{
	ax->key = NULL;
	bg_strlist_init(&ax->values);
}

void bg_axis_release(struct bg_axis *ax)
{
	free(ax->key);
	bg_strlist_release(&ax->values);
	bg_axis_init(ax);
}

static int list_has(const struct bg_strlist *l, const char *s, size_t n)
{
	for (size_t i = 0; i < l->n; i++)
		if (strlen(l->v[i]) == n && !memcmp(l->v[i], s, n))
			return 1;
	return 0;
}

static int list_index(const struct bg_strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], s))
			return (int)i;
	return -1;
}

int bg_axis_parse(struct bg_axis *out, const char *spec, struct bg_error *err)
{
	const char *eq = strchr(spec, '=');
	size_t klen = eq ? (size_t)(eq - spec) : strlen(spec);

	bg_axis_release(out);
	if (!klen || memchr(spec, '/', klen))
		return bg_error(err, BG_EXIT_USAGE,
				"'--by %s': give a key of the benchmarks' names (--by backend, --by quant=q4,q8)",
				spec);
	out->key = bg_asprintf("%.*s", (int)klen, spec);
	if (!eq)
		return 0;
	for (const char *p = eq + 1;;) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);

		if (!n)
			return bg_error(err, BG_EXIT_USAGE, "'--by %s': an empty value", spec);
		if (list_has(&out->values, p, n))
			return bg_error(err, BG_EXIT_USAGE, "'--by %s': the value '%.*s' is given twice",
					spec, (int)n, p);
		bg_strlist_addf(&out->values, "%.*s", (int)n, p);
		if (!comma)
			break;
		p = comma + 1;
	}
	return 0;
}

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

char *bg_axis_rest(char **value, const char *name, const char *key, const char *whole_key)
{
	struct bg_name_part parts[BG_NAME_MAX_PARTS];
	size_t np = bg_name_parts(parts, name, whole_key), kl = strlen(key);
	char *rest;
	size_t len = 0;

	*value = NULL;
	for (size_t i = 0; i < np; i++) {
		if (parts[i].klen != kl || memcmp(parts[i].key, key, kl))
			continue;
		*value = bg_asprintf("%.*s", (int)parts[i].vlen, parts[i].value);
		rest = bg_malloc(strlen(name) + 1);
		for (size_t j = 0; j < np; j++) {
			if (j == i)
				continue;
			if (len)
				rest[len++] = '/';
			memcpy(rest + len, parts[j].start, parts[j].len);
			len += parts[j].len;
		}
		rest[len] = '\0';
		return rest;
	}
	return NULL;
}

void bg_bench_copy(struct bg_resultset *rs, const struct bg_bench *b, const char *name)
{
	struct bg_bench *nb = bg_resultset_bench(rs, name);

	for (size_t i = 0; i < b->nmetrics; i++) {
		const struct bg_metric *m = &b->metrics[i];
		struct bg_metric *nm = bg_bench_metric(nb, m->name, m->unit, m->direction);

		if (!nm)   /* a metric of that name in another unit: the name was not new */
			continue;
		for (size_t j = 0; j < m->n; j++)
			bg_metric_add(nm, m->samples[j], m->runs[j]);
		nm->summary = m->summary;
	}
}

/* One benchmark of rs as the axis sees it. */
struct member {
	const struct bg_bench *b;
	char *rest;      /* name without the KEY part; NULL: no KEY */
	char *value;
	int vindex;      /* index in the values, -1 when not chosen */
	int paired;
};

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
	size_t len = 0;
	char *s;

	bg_strlist_init(&keys);
	for (size_t i = 0; i < rs->nbenches; i++) {
		struct bg_name_part parts[BG_NAME_MAX_PARTS];
		size_t np = bg_name_parts(parts, rs->benches[i].name, rs->name_key);

		for (size_t j = 0; j < np; j++)
			if (!list_has(&keys, parts[j].key, parts[j].klen))
				bg_strlist_addf(&keys, "%.*s", (int)parts[j].klen, parts[j].key);
	}
	for (size_t i = 0; i < keys.n; i++)
		len += strlen(keys.v[i]) + 2;
	s = bg_malloc(len + 1);
	s[0] = '\0';
	for (size_t i = 0; i < keys.n; i++) {
		if (i)
			strcat(s, ", ");
		strcat(s, keys.v[i]);
	}
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
	struct member *m = bg_calloc(rs->nbenches ? rs->nbenches : 1, sizeof(*m));
	struct bg_strlist seen;
	size_t keyed = 0, pairs = 0;
	int ret = -1;

	bg_strlist_init(&seen);
	bg_strlist_extend(&seen, &ax->values);
	for (size_t i = 0; i < rs->nbenches; i++) {
		m[i].b = &rs->benches[i];
		m[i].rest = bg_axis_rest(&m[i].value, m[i].b->name, ax->key, rs->name_key);
		m[i].vindex = -1;
		if (!m[i].rest)
			continue;
		keyed++;
		if (!ax->values.n && list_index(&seen, m[i].value) < 0)
			bg_strlist_add(&seen, m[i].value);
		m[i].vindex = list_index(&seen, m[i].value);
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
	for (size_t r = 0; r < rs->nbenches; r++) {
		if (m[r].vindex != 0)
			continue;
		for (size_t v = 1; v < seen.n; v++)
			for (size_t i = 0; i < rs->nbenches; i++) {
				char *name;

				if (m[i].vindex != (int)v || strcmp(m[i].rest, m[r].rest))
					continue;
				name = with_suffix(m[i].b->name, suffix);
				bg_bench_copy(base, m[r].b, name);
				bg_bench_copy(cur, m[i].b, name);
				free(name);
				m[i].paired = m[r].paired = 1;
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
		if (list_index(&info->values, seen.v[v]) < 0)
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
	return ret;
}
