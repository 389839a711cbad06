/* Environment fingerprints: where results were measured, and how two of them differ. */
#include <stdio.h>
#include <string.h>

#include "benchgate/store.h"

/* Keys benchgate records of the machine, then keys the input may state. */
static const char *const machine_keys[] = { "host", "cpu", "cores", "os", "kernel", "arch", NULL };
static const char *const input_keys[] = { "compiler", "runtime", NULL };

/* A usable value: a non-empty string or a number. */
static int usable(const json_t *v)
{
	return (json_is_string(v) && *json_string_value(v)) || json_is_number(v);
}

json_t *bg_fingerprint(const json_t *recorded, const json_t *environment)
{
	json_t *fp = json_object();

	for (int i = 0; machine_keys[i]; i++) {
		json_t *v = json_is_object(recorded) ? json_object_get(recorded, machine_keys[i])
						     : NULL;

		if (usable(v))
			json_object_set(fp, machine_keys[i], v);
	}
	for (int i = 0; input_keys[i]; i++) {
		json_t *v = json_is_object(environment)
			    ? json_object_get(environment, input_keys[i]) : NULL;

		if (usable(v))
			json_object_set(fp, input_keys[i], v);
	}
	return fp;
}

/* The value as a person reads it: 'text' quoted, numbers bare. */
static void show(char *buf, size_t size, const json_t *v)
{
	if (json_is_string(v))
		snprintf(buf, size, "'%s'", json_string_value(v));
	else if (json_is_integer(v))
		snprintf(buf, size, "%lld", (long long)json_integer_value(v));
	else
		snprintf(buf, size, "%g", json_number_value(v));
}

size_t bg_fingerprint_diff(struct bg_strlist *diffs, const json_t *baseline,
			   const json_t *current)
{
	static const char *const *const lists[] = { machine_keys, input_keys };
	size_t n = 0;

	for (int l = 0; l < 2; l++) {
		for (int i = 0; lists[l][i]; i++) {
			const char *k = lists[l][i];
			const json_t *a = json_object_get(baseline, k), *b = json_object_get(current, k);
			char sa[300], sb[300];

			if (!a || !b || json_equal((json_t *)a, (json_t *)b))
				continue;
			show(sa, sizeof(sa), a);
			show(sb, sizeof(sb), b);
			bg_strlist_addf(diffs, "%s: %s in the baseline, %s here", k, sa, sb);
			n++;
		}
	}
	return n;
}
