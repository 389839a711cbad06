/* A metric's unit and direction from its name and stated unit: one ordered list of rules. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "benchgate/infer.h"

#define MAX_WORDS 32
#define WORD_LEN 32

/* The name in lower case, cut into words at every character that is not a letter or digit. */
struct words {
	char w[MAX_WORDS][WORD_LEN];
	char sep[MAX_WORDS];   /* the character before each word, 0 for the first */
	int n;
};

static void words_split(struct words *ws, const char *s)
{
	size_t len = 0;
	char prev = 0;

	ws->n = 0;
	for (;; s++) {
		int c = (unsigned char)*s;

		if (c && isalnum(c)) {
			if (!len && ws->n < MAX_WORDS)
				ws->sep[ws->n] = prev;
			if (ws->n < MAX_WORDS && len + 1 < WORD_LEN)
				ws->w[ws->n][len++] = (char)tolower(c);
			continue;
		}
		prev = (char)c;
		if (len && ws->n < MAX_WORDS) {
			ws->w[ws->n][len] = '\0';
			ws->n++;
		}
		len = 0;
		if (!c)
			break;
	}
}

static int is_one_of(const char *w, const char *const *list)
{
	for (int i = 0; list[i]; i++)
		if (!strcmp(w, list[i]))
			return 1;
	return 0;
}

/* A time word as the denominator of a rate (per_s, per_ms, per_minute): its unit, or NULL. */
static const char *rate_time(const char *w)
{
	static const char *const sec[] = { "s", "sec", "secs", "second", "seconds", NULL };
	static const char *const msec[] = { "ms", "msec", "millisecond", "milliseconds", NULL };
	static const char *const usec[] = { "us", "usec", "microsecond", "microseconds", NULL };
	static const char *const nsec[] = { "ns", "nsec", "nanosecond", "nanoseconds", NULL };
	static const char *const min[] = { "min", "minute", "minutes", NULL };
	static const char *const hour[] = { "h", "hr", "hour", "hours", NULL };

	if (is_one_of(w, sec))
		return "s";
	if (is_one_of(w, msec))
		return "ms";
	if (is_one_of(w, usec))
		return "us";
	if (is_one_of(w, nsec))
		return "ns";
	if (is_one_of(w, min))
		return "min";
	if (is_one_of(w, hour))
		return "h";
	return NULL;
}

/*
 * A time word as a name's last word (elapsed_s, step_ms): its unit, or NULL. Not
 * minutes or hours: `latency_min` is a minimum, not minutes.
 */
static const char *suffix_time(const char *w)
{
	const char *t = rate_time(w);

	return t && strcmp(t, "min") && strcmp(t, "h") ? t : NULL;
}

/* A size word (gb, mb, bytes): its unit, or NULL. */
static const char *size_word(const char *w)
{
	static const struct {
		const char *word, *unit;
	} sizes[] = {
		{ "b", "B" }, { "byte", "B" }, { "bytes", "B" }, { "kb", "KB" }, { "mb", "MB" },
		{ "gb", "GB" }, { "tb", "TB" }, { "kib", "KiB" }, { "mib", "MiB" }, { "gib", "GiB" },
	};

	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		if (!strcmp(w, sizes[i].word))
			return sizes[i].unit;
	return NULL;
}

/* What a rate counts, abbreviated as units are written: tokens -> tok, requests -> req. */
static const char *count_word(const char *w)
{
	static const char *const tok[] = { "tok", "toks", "token", "tokens", NULL };
	static const char *const req[] = { "req", "reqs", "request", "requests", NULL };
	static const char *const items[] = { "item", "items", NULL };
	static const char *const ops[] = { "op", "ops", "operation", "operations", NULL };
	const char *s = size_word(w);

	if (s)
		return s;
	if (is_one_of(w, tok))
		return "tok";
	if (is_one_of(w, req))
		return "req";
	if (is_one_of(w, items))
		return "items";
	if (is_one_of(w, ops))
		return "ops";
	return w;
}

/* The stated unit's direction (rule 3), BG_DIR_NONE when it says nothing. */
static enum bg_direction unit_direction(const char *unit)
{
	static const char *const times[] = {
		"ns", "us", "\xC2\xB5s", "\xCE\xBCs", "ms", "s", "sec", "second", "seconds", NULL
	};
	const char *slash = strchr(unit, '/');
	char num[WORD_LEN];
	size_t nl;

	if (is_one_of(unit, times))
		return BG_DIR_LOWER;
	if (!slash)
		return BG_DIR_NONE;
	if (rate_time(slash + 1))
		return BG_DIR_HIGHER;
	nl = (size_t)(slash - unit);
	if (nl >= sizeof(num))
		return BG_DIR_NONE;
	memcpy(num, unit, nl);
	num[nl] = '\0';
	if (is_one_of(num, times) || !strcmp(num, "B") || !strcmp(num, "allocs"))
		return BG_DIR_LOWER;
	return BG_DIR_NONE;
}

char *bg_infer_metric(const char *name, const char *unit, enum bg_direction *dir)
{
	static const char *const higher[] = {
		"tps", "qps", "rps", "throughput", "bandwidth", "ops", "iops", "flops", "gflops",
		"tflops", NULL
	};
	static const char *const lower[] = {
		"time", "latency", "duration", "elapsed", "ttft", "tpot", "itl", "wall", NULL
	};
	struct words ws;
	const char *t, *last;
	int n;

	words_split(&ws, name ? name : "");
	n = ws.n;
	/* 1. A rate: WORD per TIME anywhere, or SIZE TIME at the end. */
	for (int i = 0; i + 1 < n; i++) {
		if (strcmp(ws.w[i], "per") || !(t = rate_time(ws.w[i + 1])))
			continue;
		*dir = BG_DIR_HIGHER;
		return i ? bg_asprintf("%s/%s", count_word(ws.w[i - 1]), t) : bg_asprintf("/%s", t);
	}
	if (n >= 2 && size_word(ws.w[n - 2]) && (t = rate_time(ws.w[n - 1]))) {
		*dir = BG_DIR_HIGHER;
		return bg_asprintf("%s/%s", size_word(ws.w[n - 2]), t);
	}
	/* 2. Time per thing: ms_per_token. */
	if (n >= 3 && (t = suffix_time(ws.w[0])) && !strcmp(ws.w[1], "per")) {
		*dir = BG_DIR_LOWER;
		return bg_asprintf("%s/%s", t, count_word(ws.w[2]));
	}
	/* The unit of a suffix (not of a name that is a unit, tokens/s), for the rules below. */
	last = n >= 2 && ws.sep[n - 1] != '/' ? ws.w[n - 1] : "";
	t = suffix_time(last);
	if (!t)
		t = size_word(last);
	if (!t)
		t = "";
	/* 3. The stated unit. */
	if (unit && *unit && (*dir = unit_direction(unit)) != BG_DIR_NONE)
		return bg_strdup(t);
	/* 4 and 5. Words. */
	for (int i = 0; i < n; i++)
		if (is_one_of(ws.w[i], higher)) {
			*dir = BG_DIR_HIGHER;
			return bg_strdup(t);
		}
	for (int i = 0; i < n; i++)
		if (is_one_of(ws.w[i], lower)) {
			*dir = BG_DIR_LOWER;
			return bg_strdup(t);
		}
	/* 6. A time unit as the last word. */
	*dir = suffix_time(last) ? BG_DIR_LOWER : BG_DIR_NONE;
	return bg_strdup(t);
}
