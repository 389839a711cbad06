/* go test -bench text (the benchfmt format benchstat reads): one sample per result line. */
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/input.h"
#include "benchgate/json.h"
#include "reader.h"

int bg_sniff_gotest(const char *buf, size_t len);
int bg_read_gotest(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		   int first_run, struct bg_error *err);

/* How far the sniffer looks: test logs can come before the first benchmark. */
#define GOTEST_SNIFF_BYTES (1u << 20)

/* Space, tab, CR, VT, FF: what separates fields (a table: this is the inner loop). */
static const unsigned char space_tab[256] = {
	[' '] = 1, ['\t'] = 1, ['\r'] = 1, ['\v'] = 1, ['\f'] = 1,
};

static inline int is_space(char c)
{
	return space_tab[(unsigned char)c];
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

/* "Benchmark" then anything but a lower-case letter: BenchmarkFoo, Benchmark_x, Benchmark. */
static int bench_name(const char *s, size_t n)
{
	return n >= 9 && !memcmp(s, "Benchmark", 9) && (n == 9 || !is_lower(s[9]));
}

/* The next field of [*p, end): its start and length; 0 when none is left. */
static size_t next_field(const char **p, const char *end, const char **field)
{
	const char *s = *p, *f;

	while (s < end && is_space(*s))
		s++;
	f = s;
	while (s < end && !is_space(*s))
		s++;
	*field = f;
	*p = s;
	return (size_t)(s - f);
}

/* A result line: a benchmark name, white space, an iteration count, white space. */
static int result_line(const char *s, const char *end)
{
	const char *f, *p = s;
	size_t n = next_field(&p, end, &f);

	if (!bench_name(f, n) || f != s)
		return 0;
	n = next_field(&p, end, &f);
	return n && is_digit(*f);
}

int bg_sniff_gotest(const char *buf, size_t len)
{
	const char *p = buf, *end = buf + (len < GOTEST_SNIFF_BYTES ? len : GOTEST_SNIFF_BYTES);

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *e = nl ? nl : end;
		size_t n = (size_t)(e - p);

		if (*p == 'B' && result_line(p, e))
			return 1;
		if ((n > 6 && !memcmp(p, "goos: ", 6)) || (n > 8 && !memcmp(p, "goarch: ", 8)) ||
		    (n > 5 && !memcmp(p, "pkg: ", 5)))
			return 1;
		p = e + 1;
	}
	return 0;
}

/* Column (1-based, in UTF-8 code points) of p on the line starting at line. */
static int column(const char *line, const char *p)
{
	int col = 1;

	for (const char *q = line; q < p; q++)
		col += ((unsigned char)*q & 0xC0) != 0x80;
	return col;
}

/* The metrics of a benchmark's last line, by position: most lines repeat their units. */
#define MCACHE_PAIRS 8
struct mcache {
	struct {
		char unit[16];
		size_t ulen;      /* 0: empty */
		size_t metric;    /* index in the benchmark's metrics */
	} e[MCACHE_PAIRS];
};

/* A unit's direction from a Unit line. */
struct unit_dir {
	char *unit;
	enum bg_direction dir;
};

struct gotest {
	struct bg_resultset *rs;
	const char *path;
	struct bg_error *err;
	int lineno, run;
	const char *line;            /* start of the line being read */
	struct unit_dir *units;      /* from Unit lines */
	size_t nunits, aunits;
	long procs;                  /* the -N of the result lines (1 when absent), 0: none */
	int mixed_procs;             /* result lines with different -N: names keep it */
	size_t *slots;               /* name hash table: bench index + 1, 0 empty */
	size_t nslots, nused;
	char *name;                  /* scratch for the name being looked up */
	size_t aname;
	json_t *env;                 /* configuration lines */
	struct mcache *cache;        /* by bench index in rs */
	size_t acache;
	size_t last, last_len;       /* the benchmark of the last result line, its name's length */
};

static int gt_error(struct gotest *g, const char *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int gt_error(struct gotest *g, const char *at, const char *fmt, ...)
{
	va_list ap;
	int ret;

	va_start(ap, fmt);
	ret = bg_error_vat(g->err, BG_EXIT_INPUT, g->path, g->lineno, column(g->line, at), fmt, ap);
	va_end(ap);
	return ret;
}

/* The -N of a name (go test's GOMAXPROCS suffix), 1 without one; *base is its length without. */
static long name_procs(const char *s, size_t n, size_t *base)
{
	size_t i = n;
	long procs = 0, scale = 1;

	while (i > 0 && is_digit(s[i - 1]) && n - i < 9)
		i--;
	*base = n;
	if (i == n || i < 2 || s[i - 1] != '-' || (i < n - 1 && s[i] == '0'))
		return 1;
	for (size_t k = n; k > i; k--, scale *= 10)
		procs += (s[k - 1] - '0') * scale;
	if (!procs)     /* "-0" is part of a name: GOMAXPROCS is never 0 */
		return 1;
	*base = i - 1;
	return procs;
}

static int set_unit_dir(struct gotest *g, const char *unit, size_t ulen, enum bg_direction dir)
{
	for (size_t i = 0; i < g->nunits; i++)
		if (strlen(g->units[i].unit) == ulen && !memcmp(g->units[i].unit, unit, ulen)) {
			g->units[i].dir = dir;
			return 0;
		}
	bg_grow(&g->units, &g->aunits, g->nunits + 1, sizeof(*g->units));
	g->units[g->nunits].unit = bg_strndup(unit, ulen);
	g->units[g->nunits].dir = dir;
	g->nunits++;
	return 0;
}

/* "Unit UNIT key=value ...": better=higher|lower sets the direction of UNIT. */
static int unit_line(struct gotest *g, const char *s, const char *e)
{
	const char *p = s + 4, *unit, *f;
	size_t ulen = next_field(&p, e, &unit), n;

	if (!ulen)
		return gt_error(g, p, "a Unit line needs a unit (Unit ns/op better=lower)");
	while ((n = next_field(&p, e, &f))) {
		const char *eq = memchr(f, '=', n);

		if (!eq || eq == f)
			return gt_error(g, f, "'%.*s' is not a key=value pair", (int)n, f);
		if ((size_t)(eq - f) != 6 || memcmp(f, "better", 6))
			continue;
		if ((size_t)(f + n - eq - 1) == 6 && !memcmp(eq + 1, "higher", 6))
			set_unit_dir(g, unit, ulen, BG_DIR_HIGHER);
		else if ((size_t)(f + n - eq - 1) == 5 && !memcmp(eq + 1, "lower", 5))
			set_unit_dir(g, unit, ulen, BG_DIR_LOWER);
		else
			return gt_error(g, eq + 1, "better must be \"higher\" or \"lower\", not '%.*s'",
					(int)(f + n - eq - 1), eq + 1);
	}
	return 0;
}

/* First pass: Unit lines, and whether result lines disagree on -N. */
static int prescan(struct gotest *g, const char *buf, const char *end)
{
	const char *p = buf, *prev = NULL;
	size_t plen = 0;

	for (g->lineno = 1; p < end; g->lineno++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *e = nl ? nl : end;

		g->line = p;
		if (!(g->lineno & 0xfff))
			bg_input_release(p);
		if (*p == 'B' && prev && (size_t)(e - p) > plen && is_space(p[plen]) &&
		    !memcmp(p, prev, plen)) {
			;   /* the name of the line before: the same -N */
		} else if (*p == 'U' && e - p >= 4 && !memcmp(p, "Unit", 4) && (e - p == 4 || is_space(p[4]))) {
			if (unit_line(g, p, e) < 0)
				return -1;
		} else if (*p == 'B' && !g->mixed_procs && result_line(p, e)) {
			const char *f, *q = p;
			size_t n = next_field(&q, e, &f), base;
			long procs = name_procs(f, n, &base);

			if (g->procs && procs != g->procs)
				g->mixed_procs = 1;
			g->procs = procs;
			prev = f;
			plen = n;
		}
		p = e + 1;
	}
	return 0;
}

/* A hash of a name, eight bytes at a time (names are hashed once per line). */
static uint64_t hash_bytes(const char *s, size_t n)
{
	const uint64_t k = 0x9E3779B97F4A7C15ULL;
	uint64_t h = 0x243F6A8885A308D3ULL ^ n, w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * k;
		h ^= h >> 29;
	}
	w = 0;
	memcpy(&w, s, n);
	h = (h ^ w) * k;
	return h ^ (h >> 32);
}

static void hash_insert(struct gotest *g, const char *name, size_t n, size_t idx)
{
	size_t mask, i;

	if (2 * (g->nused + 1) > g->nslots) {
		size_t *old = g->slots, nold = g->nslots;

		g->nslots = g->nslots ? 2 * g->nslots : 64;
		g->slots = bg_calloc(g->nslots, sizeof(*g->slots));
		g->nused = 0;
		for (size_t k = 0; k < nold; k++)
			if (old[k]) {
				const char *s = g->rs->benches[old[k] - 1].name;

				hash_insert(g, s, strlen(s), old[k] - 1);
			}
		free(old);
	}
	mask = g->nslots - 1;
	for (i = hash_bytes(name, n) & mask; g->slots[i]; i = (i + 1) & mask)
		;
	g->slots[i] = idx + 1;
	g->nused++;
}

static struct bg_bench *bench_lookup(struct gotest *g, const char *name, size_t n);

/* The benchmark named by name[0..n), created when new. Borrowed. */
static struct bg_bench *bench_for(struct gotest *g, const char *name, size_t n)
{
	struct bg_bench *b;

	/* most lines name the benchmark of the line before */
	if (g->last < g->rs->nbenches && g->last_len == n &&
	    !memcmp(g->rs->benches[g->last].name, name, n))
		return &g->rs->benches[g->last];
	b = bench_lookup(g, name, n);
	g->last = (size_t)(b - g->rs->benches);
	g->last_len = n;
	return b;
}

/* bench_for without the cache of the last name. */
static struct bg_bench *bench_lookup(struct gotest *g, const char *name, size_t n)
{
	struct bg_bench *b;

	if (g->nslots) {
		size_t mask = g->nslots - 1;

		for (size_t i = hash_bytes(name, n) & mask; g->slots[i]; i = (i + 1) & mask) {
			b = &g->rs->benches[g->slots[i] - 1];
			if (!strncmp(b->name, name, n) && b->name[n] == '\0')
				return b;
		}
	}
	bg_grow(&g->name, &g->aname, n + 1, 1);
	memcpy(g->name, name, n);
	g->name[n] = '\0';
	b = bg_resultset_bench(g->rs, g->name);
	hash_insert(g, name, n, (size_t)(b - g->rs->benches));
	return b;
}

/* The metric a Go unit gives: ns/op is "time" in ns, any other is named by its unit. */
static struct bg_metric *metric_for(struct gotest *g, struct bg_bench *b, const char *unit,
				    size_t ulen, const char *at)
{
	char uname[128];
	const char *mname = uname, *munit = uname;
	enum bg_direction dir = BG_DIR_NONE;
	struct bg_metric *m;
	int known = 0;

	if (ulen >= sizeof(uname))
		return gt_error(g, at, "unit '%.*s...' is too long", 32, unit), NULL;
	memcpy(uname, unit, ulen);
	uname[ulen] = '\0';
	if (!strcmp(uname, "ns/op")) {
		mname = "time";
		munit = "ns";
	}
	if ((m = bg_bench_find(b, mname))) {
		if (strcmp(m->unit, munit))
			return gt_error(g, at, "'%s' of '%s' is in '%s' here but '%s' in an earlier input",
					mname, b->name, munit, m->unit), NULL;
		return m;
	}
	for (size_t i = 0; i < g->nunits; i++)
		if (!strcmp(g->units[i].unit, uname)) {
			dir = g->units[i].dir;
			known = 1;
		}
	if (!known)
		dir = bg_direction_infer(mname, munit);
	return bg_bench_metric(b, mname, munit, dir);
}

/*
 * "BenchmarkName-N  ITERS  VALUE UNIT [VALUE UNIT]...": one sample of each metric. The
 * caller has found the name (name, nlen) and the iterations (f, n); p is after them.
 */
static int read_result(struct gotest *g, const char *name, size_t nlen, const char *f, size_t n,
		       const char *p, const char *e)
{
	const char *unit;
	size_t ulen, base, npairs = 0, bi;
	struct bg_metric *used[32];
	struct bg_bench *b;

	for (size_t i = 0; i < n; i++)
		if (!is_digit(f[i]))
			return gt_error(g, f, "'%.*s' is not an iteration count", (int)n, f);
	if (memchr(name, '\0', nlen))
		return gt_error(g, name, "a benchmark name holds a NUL byte");
	name_procs(name, nlen, &base);
	if (g->mixed_procs)
		base = nlen;
	b = bench_for(g, name, base);
	bi = (size_t)(b - g->rs->benches);
	if (bi >= g->acache) {
		size_t old = g->acache;

		bg_grow(&g->cache, &g->acache, bi + 1, sizeof(*g->cache));
		memset(g->cache + old, 0, (g->acache - old) * sizeof(*g->cache));
	}
	while ((n = next_field(&p, e, &f))) {
		struct bg_metric *m;
		double v;

		if (!(ulen = next_field(&p, e, &unit)))
			return gt_error(g, f, "value '%.*s' of '%s' has no unit", (int)n, f, b->name);
		if (bg_decimal_parse(&v, f, n) < 0)
			return gt_error(g, f, "'%.*s' is not a number", (int)n, f);
		if (!isfinite(v))
			return gt_error(g, f, "'%.*s' is not a finite number", (int)n, f);
		if (v < 0)
			return gt_error(g, f, "'%.*s' of '%s' is negative (%.*s)", (int)ulen, unit,
					b->name, (int)n, f);
		if (npairs < MCACHE_PAIRS && g->cache[bi].e[npairs].ulen == ulen &&
		    !memcmp(g->cache[bi].e[npairs].unit, unit, ulen)) {
			m = &b->metrics[g->cache[bi].e[npairs].metric];
		} else {
			if (!(m = metric_for(g, b, unit, ulen, unit)))
				return -1;
			if (npairs < MCACHE_PAIRS && ulen < sizeof(g->cache[bi].e[0].unit)) {
				memcpy(g->cache[bi].e[npairs].unit, unit, ulen);
				g->cache[bi].e[npairs].ulen = ulen;
				g->cache[bi].e[npairs].metric = (size_t)(m - b->metrics);
			}
		}
		for (size_t i = 0; i < npairs && i < 32; i++)
			if (used[i] == m)
				return gt_error(g, unit, "'%.*s' twice on one line", (int)ulen, unit);
		if (npairs < 32)
			used[npairs] = m;
		npairs++;
		bg_metric_add(m, v, g->run);
	}
	if (!npairs)
		return gt_error(g, e, "'%s' has an iteration count but no measurements", b->name);
	return 0;
}

/* "key: value" (key lower case first, no space or upper case in it): environment. */
static void config_line(struct gotest *g, const char *s, const char *e)
{
	const char *colon = memchr(s, ':', (size_t)(e - s)), *v;
	json_t *old, *val;
	char key[64];

	if (!colon || colon == s || (size_t)(colon - s) >= sizeof(key) ||
	    (colon + 1 < e && !is_space(colon[1])))
		return;
	for (const char *q = s; q < colon; q++)
		if (is_space(*q) || (*q >= 'A' && *q <= 'Z') || !*q)
			return;
	for (v = colon + 1; v < e && is_space(*v); v++)
		;
	while (e > v && is_space(e[-1]))
		e--;
	memcpy(key, s, (size_t)(colon - s));
	key[colon - s] = '\0';
	if (!strcmp(key, "panic"))
		return;
	val = json_stringn(v, (size_t)(e - v));
	if (!val)      /* not UTF-8: kept out of the environment */
		return;
	old = json_object_get(g->env, key);
	if (!old) {
		json_object_set_new(g->env, key, val);
	} else if (json_is_string(old)) {
		/* A value that changes (two packages): the list of values, in order. */
		if (json_equal(old, val)) {
			json_decref(val);
			return;
		}
		json_object_set_new(g->env, key, json_pack("[Oo]", old, val));
	} else {
		size_t i;
		json_t *x;

		json_array_foreach(old, i, x)
			if (json_equal(x, val))
				break;
		if (i == json_array_size(old))
			json_array_append(old, val);
		json_decref(val);
	}
}

/* "--- FAIL: NAME" and "FAIL\tPKG": benchmarks that wrote no result are reported. */
static void fail_line(struct gotest *g, const char *s, const char *e)
{
	const char *f, *p;
	size_t n;

	if (e - s > 10 && (!memcmp(s, "--- FAIL: ", 10) || !memcmp(s, "--- SKIP: ", 10))) {
		p = s + 10;
		n = next_field(&p, e, &f);
		bg_strlist_addf(&g->rs->warnings, "%s:%d: '%.*s' %s", g->path, g->lineno, (int)n, f,
				s[4] == 'F' ? "failed" : "was skipped");
	} else if (e - s > 5 && !memcmp(s, "FAIL", 4) && is_space(s[4])) {
		p = s + 4;
		n = next_field(&p, e, &f);
		bg_strlist_addf(&g->rs->warnings, "%s:%d: package '%.*s' failed", g->path, g->lineno,
				(int)n, f);
	}
}

int bg_read_gotest(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		   int first_run, struct bg_error *err)
{
	struct gotest g = { 0 };
	const char *p = buf, *end = buf + len;
	int ret = -1;

	g.rs = rs;
	g.path = path;
	g.err = err;
	g.run = first_run;
	g.env = json_object();
	g.last = (size_t)-1;
	for (size_t i = 0; i < rs->nbenches; i++)
		hash_insert(&g, rs->benches[i].name, strlen(rs->benches[i].name), i);
	if (prescan(&g, buf, end) < 0)
		goto out;
	for (g.lineno = 1; p < end; g.lineno++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p)), *e = nl ? nl : end;

		g.line = p;
		if (!(g.lineno & 0xfff))
			bg_input_release(p);
		if (*p == 'B') {
			const char *f, *q = p;
			size_t n = next_field(&q, e, &f), k;

			/* A name alone is go test -v announcing a benchmark: no result yet. */
			if (f == p && bench_name(f, n) && (k = next_field(&q, e, &f)) &&
			    read_result(&g, p, n, f, k, q, e) < 0)
				goto out;
		} else if (is_lower(*p)) {
			config_line(&g, p, e);
		} else if (*p == '-' || *p == 'F') {
			fail_line(&g, p, e);
		}
		p = e + 1;
	}
	if (!g.mixed_procs && g.procs)
		json_object_set_new(g.env, "gomaxprocs", json_integer(g.procs));
	if (!rs->environment && json_object_size(g.env))
		rs->environment = json_incref(g.env);
	ret = 1;
out:
	json_decref(g.env);
	for (size_t i = 0; i < g.nunits; i++)
		free(g.units[i].unit);
	free(g.units);
	free(g.slots);
	free(g.name);
	free(g.cache);
	return ret;
}
