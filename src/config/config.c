/* The config file (benchgate.json): modes, rules, ignore patterns, and where each error is. */
#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "benchgate/budget.h"
#include "benchgate/config.h"
#include "benchgate/filter.h"
#include "benchgate/names.h"
#include "benchgate/jobnoise.h"
#include "benchgate/input.h"

static const char *const verdict_names[BG_NVERDICTS] = {
	"pass", "regression", "improvement", "inconclusive", "insufficient", "missing", "new"
};

const char *bg_verdict_name(enum bg_verdict v)
{
	return (unsigned)v < BG_NVERDICTS ? verdict_names[v] : "?";
}

static int verdict_parse(enum bg_verdict *out, const char *s)
{
	for (int i = 0; i < BG_NVERDICTS; i++) {
		if (!strcmp(s, verdict_names[i])) {
			*out = (enum bg_verdict)i;
			return 0;
		}
	}
	return -1;
}

void bg_config_init(struct bg_config *cfg)
{
	struct bg_mode *smoke = &cfg->modes[0], *official = &cfg->modes[1];

	memset(cfg, 0, sizeof(*cfg));
	bg_strlist_init(&cfg->ignore);
	cfg->confidence = 0.95;
	cfg->history = BG_HISTORY_DEFAULT;
	cfg->shift = 1;

	snprintf(smoke->name, sizeof(smoke->name), "smoke");
	smoke->threshold = 0.20;
	smoke->min_samples = 3;
	smoke->min_runs = 1;
	smoke->fail_on[BG_REGRESSION] = 1;

	snprintf(official->name, sizeof(official->name), "official");
	official->threshold = 0.02;
	official->min_samples = 100;
	official->min_runs = 5;
	official->strict = 1;
	official->fdr = 1;
	official->fail_on[BG_REGRESSION] = 1;
	official->fail_on[BG_INCONCLUSIVE] = 1;
	official->fail_on[BG_INSUFFICIENT] = 1;
}

void bg_config_release(struct bg_config *cfg)
{
	for (size_t i = 0; i < cfg->nrules; i++) {
		free(cfg->rules[i].bench);
		free(cfg->rules[i].metric);
	}
	free(cfg->rules);
	bg_strlist_release(&cfg->ignore);
	free(cfg->baselines_dir);
	free(cfg->path);
	bg_budgets_free(cfg->budgets);
	free(cfg->csv_key);
	free(cfg->store);
	free(cfg->notes_ref);
	bg_strlist_release(&cfg->filter);
	free(cfg->by);
	memset(cfg, 0, sizeof(*cfg));
}

struct bg_mode *bg_config_mode(struct bg_config *cfg, const char *name)
{
	for (int i = 0; i < 2; i++)
		if (!strcmp(cfg->modes[i].name, name))
			return &cfg->modes[i];
	return NULL;
}

int bg_threshold_parse(double *out, const char *s)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (end == s || errno)
		return -1;
	if (*end == '%')
		end++;
	if (*end != '\0' || !isfinite(v) || v <= 0 || v >= 1000)
		return -1;
	*out = v / 100.0;
	return 0;
}

/* --- the config file --------------------------------------------------- */

/* Where a config error points: the value at path in the file's text. */
struct cfg_ctx {
	const char *path;
	const char *buf;
	size_t len;
	struct bg_error *err;
	int at_key;      /* point at the key, not its value */
};

static int cfg_error(struct cfg_ctx *x, const char *const *where, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int cfg_error(struct cfg_ctx *x, const char *const *where, const char *fmt, ...)
{
	va_list ap;
	int line = 0, col = 0;

	if (x->at_key)
		bg_json_locate_key(x->buf, x->len, where, &line, &col);
	else
		bg_json_locate(x->buf, x->len, where, &line, &col);
	va_start(ap, fmt);
	bg_error_vat(x->err, BG_EXIT_INPUT, x->path, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

/* Every key of obj must be one of allowed. */
static int cfg_keys(struct cfg_ctx *x, json_t *obj, const char *const *allowed,
		    const char **where, int depth)
{
	const char *key;
	json_t *v;

	json_object_foreach(obj, key, v) {
		int ok = 0;

		for (int i = 0; allowed[i] && !ok; i++)
			ok = !strcmp(key, allowed[i]);
		if (!ok) {
			where[depth] = key;
			where[depth + 1] = NULL;
			x->at_key = 1;
			return cfg_error(x, where, "unknown key '%s'", key);
		}
	}
	return 0;
}

static int cfg_fraction(struct cfg_ctx *x, double *out, json_t *v, const char *const *where,
			const char *what, double lo, double hi)
{
	if (!json_is_number(v) || !(json_number_value(v) > lo) ||
	    !(json_number_value(v) < hi))
		return cfg_error(x, where, "'%s' must be a number above %g and below %g", what,
				 lo, hi);
	*out = json_number_value(v);
	return 0;
}

static int cfg_count(struct cfg_ctx *x, long long *out, json_t *v, const char *const *where,
		     const char *what)
{
	if (!json_is_integer(v) || json_integer_value(v) < 0 ||
	    json_integer_value(v) > 1000000000)
		return cfg_error(x, where, "'%s' must be a whole number from 0 to 1000000000", what);
	*out = json_integer_value(v);
	return 0;
}

static int cfg_mode(struct cfg_ctx *x, struct bg_mode *m, json_t *obj, const char **where)
{
	static const char *const keys[] = { "threshold", "min_samples", "min_runs", "fail_on",
					    "fdr", NULL };
	json_t *v;
	long long n;

	if (!json_is_object(obj))
		return cfg_error(x, where, "mode '%s' must be an object", m->name);
	if (cfg_keys(x, obj, keys, where, 2) < 0)
		return -1;
	where[3] = NULL;
	if ((v = json_object_get(obj, "threshold"))) {
		where[2] = "threshold";
		if (cfg_fraction(x, &m->threshold, v, where, "threshold", 0, 10) < 0)
			return -1;
	}
	if ((v = json_object_get(obj, "min_samples"))) {
		where[2] = "min_samples";
		if (cfg_count(x, &n, v, where, "min_samples") < 0)
			return -1;
		m->min_samples = (size_t)n;
	}
	if ((v = json_object_get(obj, "min_runs"))) {
		where[2] = "min_runs";
		if (cfg_count(x, &n, v, where, "min_runs") < 0)
			return -1;
		m->min_runs = (int)n;
	}
	if ((v = json_object_get(obj, "fdr"))) {
		where[2] = "fdr";
		if (!json_is_boolean(v))
			return cfg_error(x, where, "'fdr' must be true or false");
		m->fdr = json_is_true(v);
	}
	if ((v = json_object_get(obj, "fail_on"))) {
		size_t i;
		json_t *e;
		char idx[32];

		where[2] = "fail_on";
		if (!json_is_array(v))
			return cfg_error(x, where, "'fail_on' must be a list of verdicts");
		memset(m->fail_on, 0, sizeof(m->fail_on));
		json_array_foreach(v, i, e) {
			enum bg_verdict vd;

			snprintf(idx, sizeof(idx), "[%zu]", i);
			where[3] = idx;
			where[4] = NULL;
			if (!json_is_string(e) || verdict_parse(&vd, json_string_value(e)) < 0 ||
			    vd == BG_PASS)
				return cfg_error(x, where,
						 "'fail_on' entries are verdicts: regression, improvement, inconclusive, insufficient, missing, new");
			m->fail_on[vd] = 1;
		}
	}
	return 0;
}

static int cfg_string(struct cfg_ctx *x, const char **out, json_t *v, const char *const *where,
		      const char *what)
{
	if (!json_is_string(v) || !*json_string_value(v))
		return cfg_error(x, where, "'%s' must be a non-empty string", what);
	*out = json_string_value(v);
	return 0;
}

/*
 * A list of non-empty strings at where[0..depth) (where has room for depth + 2),
 * appended to out; what names it in errors. An element's error points at it.
 */
static int cfg_strings(struct cfg_ctx *x, struct bg_strlist *out, json_t *list,
		       const char **where, int depth, const char *what)
{
	json_t *e;
	size_t i;
	char idx[32];
	const char *s = NULL;

	json_array_foreach(list, i, e) {
		snprintf(idx, sizeof(idx), "[%zu]", i);
		where[depth] = idx;
		where[depth + 1] = NULL;
		if (cfg_string(x, &s, e, where, what) < 0)
			return -1;
		bg_strlist_add(out, s);
	}
	where[depth] = NULL;
	return 0;
}

static int cfg_rule(struct cfg_ctx *x, struct bg_rule *r, json_t *obj, const char **where)
{
	static const char *const keys[] = { "benchmark", "metric", "direction", "statistic",
					    "threshold", NULL };
	json_t *v;
	const char *s = NULL;

	r->threshold = NAN;
	if (!json_is_object(obj))
		return cfg_error(x, where, "a metric rule must be an object");
	if (cfg_keys(x, obj, keys, where, 2) < 0)
		return -1;
	where[3] = NULL;
	if ((v = json_object_get(obj, "benchmark"))) {
		where[2] = "benchmark";
		if (cfg_string(x, &s, v, where, "benchmark") < 0)
			return -1;
		r->bench = bg_strdup(s);
	}
	if ((v = json_object_get(obj, "metric"))) {
		where[2] = "metric";
		if (cfg_string(x, &s, v, where, "metric") < 0)
			return -1;
		r->metric = bg_strdup(s);
	}
	if ((v = json_object_get(obj, "direction"))) {
		where[2] = "direction";
		if (!json_is_string(v) || bg_direction_parse(&r->direction, json_string_value(v)) < 0)
			return cfg_error(x, where, "'direction' must be \"lower\" or \"higher\"");
	}
	if ((v = json_object_get(obj, "statistic"))) {
		where[2] = "statistic";
		if (!json_is_string(v) || bg_statistic_parse(&r->statistic, json_string_value(v)) < 0)
			return cfg_error(x, where,
					 "'statistic' must be \"median\", \"mean\", \"p95\" or \"p99\"");
		r->has_statistic = 1;
	}
	if ((v = json_object_get(obj, "threshold"))) {
		where[2] = "threshold";
		if (cfg_fraction(x, &r->threshold, v, where, "threshold", 0, 10) < 0)
			return -1;
	}
	return 0;
}

/* "csv": {"key": ["size", "quantize"]}: the key columns of CSV logs. */
static int cfg_csv(struct bg_config *cfg, struct cfg_ctx *x, json_t *v, const char **where)
{
	static const char *const keys[] = { "key", NULL };
	struct bg_strlist cols;
	json_t *list;
	size_t len = 1;
	char idx[32];

	where[0] = "csv";
	where[1] = NULL;
	if (!json_is_object(v))
		return cfg_error(x, where, "'csv' must be an object");
	if (cfg_keys(x, v, keys, where, 1) < 0)
		return -1;
	if (!(list = json_object_get(v, "key")))
		return 0;
	where[1] = "key";
	where[2] = NULL;
	if (!json_is_array(list) || !json_array_size(list))
		return cfg_error(x, where, "'csv.key' must be a non-empty list of column names");
	bg_strlist_init(&cols);
	if (cfg_strings(x, &cols, list, where, 2, "csv.key") < 0)
		goto fail;
	for (size_t i = 0; i < cols.n; i++) {
		if (strchr(cols.v[i], ',')) {
			snprintf(idx, sizeof(idx), "[%zu]", i);
			where[2] = idx;
			where[3] = NULL;
			cfg_error(x, where, "'%s' is not a column name (it holds a comma)", cols.v[i]);
			goto fail;
		}
		len += strlen(cols.v[i]) + 1;
	}
	free(cfg->csv_key);
	cfg->csv_key = bg_malloc(len);
	cfg->csv_key[0] = '\0';
	for (size_t i = 0; i < cols.n; i++) {
		if (i)
			strcat(cfg->csv_key, ",");
		strcat(cfg->csv_key, cols.v[i]);
	}
	bg_strlist_release(&cols);
	return 0;
fail:
	bg_strlist_release(&cols);
	return -1;
}

/* "filter": ["REGEX", "!REGEX"]: as --filter, each checked to compile. */
static int cfg_filter(struct bg_config *cfg, struct cfg_ctx *x, json_t *list, const char **where)
{
	where[0] = "filter";
	where[1] = NULL;
	if (!json_is_array(list))
		return cfg_error(x, where, "'filter' must be a list of regular expressions");
	if (cfg_strings(x, &cfg->filter, list, where, 1, "filter") < 0)
		return -1;
	for (size_t i = 0; i < cfg->filter.n; i++) {
		struct bg_filter f;
		struct bg_error ferr = { 0 };
		char idx[32];
		int r;

		bg_filter_init(&f);
		r = bg_filter_add(&f, cfg->filter.v[i], "filter", &ferr);
		bg_filter_release(&f);
		if (r < 0) {
			snprintf(idx, sizeof(idx), "[%zu]", i);
			where[1] = idx;
			where[2] = NULL;
			return cfg_error(x, where, "%s", ferr.msg);
		}
	}
	return 0;
}

static int cfg_parse(struct bg_config *cfg, struct cfg_ctx *x, json_t *root)
{
	static const char *const keys[] = { "confidence", "baselines_dir", "modes", "metrics",
					    "ignore", "budgets", "targets", "csv", "store",
					    "notes_ref", "filter", "by", "history",
					    "shift", NULL };
	const char *where[8] = { NULL };
	char idx[32];
	json_t *v, *e;
	size_t i;
	const char *s = NULL;

	if (!json_is_object(root))
		return cfg_error(x, where, "the config must be a JSON object");
	if (cfg_keys(x, root, keys, where, 0) < 0)
		return -1;
	where[1] = NULL;
	if ((v = json_object_get(root, "confidence"))) {
		where[0] = "confidence";
		if (cfg_fraction(x, &cfg->confidence, v, where, "confidence", 0.5, 1) < 0)
			return -1;
	}
	if ((v = json_object_get(root, "baselines_dir"))) {
		where[0] = "baselines_dir";
		if (cfg_string(x, &s, v, where, "baselines_dir") < 0)
			return -1;
		free(cfg->baselines_dir);
		cfg->baselines_dir = bg_strdup(s);
	}
	if ((v = json_object_get(root, "store"))) {
		where[0] = "store";
		if (cfg_string(x, &s, v, where, "store") < 0)
			return -1;
		if (strcmp(s, "files") && strcmp(s, "git"))
			return cfg_error(x, where, "'store' must be \"files\" or \"git\", not '%s'", s);
		free(cfg->store);
		cfg->store = bg_strdup(s);
	}
	if ((v = json_object_get(root, "notes_ref"))) {
		where[0] = "notes_ref";
		if (cfg_string(x, &s, v, where, "notes_ref") < 0)
			return -1;
		free(cfg->notes_ref);
		cfg->notes_ref = bg_strdup(s);
	}
	if ((v = json_object_get(root, "history"))) {
		where[0] = "history";
		if (!json_is_integer(v) || json_integer_value(v) < 0 ||
		    json_integer_value(v) > BG_HISTORY_MAX)
			return cfg_error(x, where, "'history' must be a whole number from 0 to %d",
					 BG_HISTORY_MAX);
		cfg->history = (size_t)json_integer_value(v);
	}
	if ((v = json_object_get(root, "shift"))) {
		where[0] = "shift";
		if (!json_is_boolean(v))
			return cfg_error(x, where, "'shift' must be true or false");
		cfg->shift = json_is_true(v);
	}
	if ((v = json_object_get(root, "modes"))) {
		static const char *const modes[] = { "smoke", "official", NULL };
		const char *key;

		where[0] = "modes";
		if (!json_is_object(v))
			return cfg_error(x, where, "'modes' must be an object");
		if (cfg_keys(x, v, modes, where, 1) < 0)
			return -1;
		json_object_foreach(v, key, e) {
			where[1] = key;
			where[2] = NULL;
			if (cfg_mode(x, bg_config_mode(cfg, key), e, where) < 0)
				return -1;
		}
	}
	if ((v = json_object_get(root, "metrics"))) {
		where[0] = "metrics";
		where[1] = NULL;
		if (!json_is_array(v))
			return cfg_error(x, where, "'metrics' must be a list of rules");
		cfg->rules = bg_calloc(json_array_size(v), sizeof(*cfg->rules));
		json_array_foreach(v, i, e) {
			snprintf(idx, sizeof(idx), "[%zu]", i);
			where[1] = idx;
			where[2] = NULL;
			cfg->nrules++;
			if (cfg_rule(x, &cfg->rules[i], e, where) < 0)
				return -1;
		}
	}
	if ((v = json_object_get(root, "ignore"))) {
		where[0] = "ignore";
		where[1] = NULL;
		if (!json_is_array(v))
			return cfg_error(x, where, "'ignore' must be a list of benchmark patterns");
		if (cfg_strings(x, &cfg->ignore, v, where, 1, "ignore") < 0)
			return -1;
	}
	if ((v = json_object_get(root, "csv")) && cfg_csv(cfg, x, v, where) < 0)
		return -1;
	if ((v = json_object_get(root, "filter")) && cfg_filter(cfg, x, v, where) < 0)
		return -1;
	if ((v = json_object_get(root, "by"))) {
		struct bg_axis ax;
		struct bg_error aerr = { 0 };
		int r;

		where[0] = "by";
		where[1] = NULL;
		if (cfg_string(x, &s, v, where, "by") < 0)
			return -1;
		bg_axis_init(&ax);
		r = bg_axis_parse(&ax, s, "by", &aerr);
		bg_axis_release(&ax);
		if (r < 0)
			return cfg_error(x, where, "%s", aerr.msg);
		free(cfg->by);
		cfg->by = bg_strdup(s);
	}
	return 0;
}

int bg_config_load(struct bg_config *cfg, const char *path, int required,
		   struct bg_error *err)
{
	struct cfg_ctx x = { path, NULL, 0, err, 0 };
	json_error_t jerr;
	json_t *root = NULL;
	char *buf = NULL;
	struct stat st;
	size_t len;
	int ret = -1;

	if (!required && stat(path, &st) < 0 && errno == ENOENT)
		return 0;
	if (bg_file_read(&buf, &len, path, err) < 0)
		goto out;
	x.buf = buf;
	x.len = len;
	root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!root) {
		bg_error_at(err, BG_EXIT_INPUT, path, jerr.line, jerr.column, "%s", jerr.text);
		goto out;
	}
	if (cfg_parse(cfg, &x, root) < 0)
		goto out;
	bg_budgets_free(cfg->budgets);   /* budget.c reads "budgets" and "targets" */
	if (bg_budgets_parse(&cfg->budgets, root, path, buf, len, err) < 0)
		goto out;
	free(cfg->path);
	cfg->path = bg_strdup(path);
	ret = 0;
out:
	json_decref(root);
	free(buf);
	return ret;
}

/* --- rules and ignore patterns ------------------------------------------ */

/* The rules that apply to bench/metric, last match winning field by field. */
void bg_config_rules_for(struct bg_rule_view *out, const struct bg_config *cfg, const char *bench,
		      const char *metric)
{
	out->direction = BG_DIR_NONE;
	out->statistic = BG_STAT_MEDIAN;
	out->has_statistic = 0;
	out->threshold = NAN;
	for (size_t i = 0; i < cfg->nrules; i++) {
		const struct bg_rule *r = &cfg->rules[i];

		if (r->bench && !bg_glob_match(r->bench, bench))
			continue;
		if (r->metric && !bg_glob_match(r->metric, metric))
			continue;
		if (r->direction != BG_DIR_NONE)
			out->direction = r->direction;
		if (r->has_statistic) {
			out->statistic = r->statistic;
			out->has_statistic = 1;
		}
		if (!isnan(r->threshold))
			out->threshold = r->threshold;
	}
}

void bg_config_apply(const struct bg_config *cfg, struct bg_resultset *rs)
{
	for (size_t i = 0; i < rs->nbenches; i++) {
		struct bg_bench *b = &rs->benches[i];

		for (size_t j = 0; j < b->nmetrics; j++) {
			struct bg_rule_view rv;

			bg_config_rules_for(&rv, cfg, b->name, b->metrics[j].name);
			if (rv.direction != BG_DIR_NONE)
				b->metrics[j].direction = rv.direction;
		}
	}
}

/* An ignore pattern matches a benchmark name, or "BENCH:METRIC". */
int bg_config_ignored(const struct bg_config *cfg, const char *bench, const char *metric)
{
	for (size_t i = 0; i < cfg->ignore.n; i++) {
		const char *p = cfg->ignore.v[i];
		const char *colon = strrchr(p, ':');

		if (bg_glob_match(p, bench))
			return 1;
		if (colon) {
			char *bp = bg_strndup(p, (size_t)(colon - p));
			int m = bg_glob_match(bp, bench) && bg_glob_match(colon + 1, metric);

			free(bp);
			if (m)
				return 1;
		}
	}
	return 0;
}
