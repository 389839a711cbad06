/* Benchmark names cut into key=value parts, and the --by specs that name one of them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/names.h"

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

int bg_axis_parse(struct bg_axis *out, const char *spec, const char *what, struct bg_error *err)
{
	const char *eq = strchr(spec, '=');
	size_t klen = eq ? (size_t)(eq - spec) : strlen(spec);

	bg_axis_release(out);
	if (!klen || memchr(spec, '/', klen))
		return bg_error(err, BG_EXIT_USAGE,
				"%s '%s': give a key of the benchmarks' names (backend, or quant=q4,q8)",
				what, spec);
	out->key = bg_asprintf("%.*s", (int)klen, spec);
	if (!eq)
		return 0;
	for (const char *p = eq + 1;;) {
		const char *comma = strchr(p, ',');
		size_t n = comma ? (size_t)(comma - p) : strlen(p);

		if (!n)
			return bg_error(err, BG_EXIT_USAGE, "%s '%s': an empty value", what, spec);
		if (bg_strlist_index(&out->values, p, n) >= 0)
			return bg_error(err, BG_EXIT_USAGE, "%s '%s': the value '%.*s' is given twice",
					what, spec, (int)n, p);
		bg_strlist_addf(&out->values, "%.*s", (int)n, p);
		if (!comma)
			break;
		p = comma + 1;
	}
	return 0;
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
	struct bg_bench *nb = bg_resultset_add(rs, name, strlen(name));

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

