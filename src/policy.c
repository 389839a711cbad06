/* Modes, thresholds and the config file, and the verdicts they give. */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "benchgate/budget.h"
#include "benchgate/input.h"
#include "benchgate/policy.h"
#include "benchgate/units.h"

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
	char msg[512];
	va_list ap;
	int line = 0, col = 0;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (x->at_key)
		bg_json_locate_key(x->buf, x->len, where, &line, &col);
	else
		bg_json_locate(x->buf, x->len, where, &line, &col);
	return bg_error_at(x->err, BG_EXIT_INPUT, x->path, line, col, "%s", msg);
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

static int cfg_parse(struct bg_config *cfg, struct cfg_ctx *x, json_t *root)
{
	static const char *const keys[] = { "confidence", "baselines_dir", "modes", "metrics",
					    "ignore", "budgets", "targets", "csv", "store",
					    "notes_ref", NULL };
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

/* --- rules and verdicts ------------------------------------------------- */

struct rule_view {
	enum bg_direction direction;
	enum bg_statistic statistic;
	double threshold;
};

/* The rules that apply to bench/metric, last match winning field by field. */
static void rules_for(struct rule_view *out, const struct bg_config *cfg, const char *bench,
		      const char *metric)
{
	out->direction = BG_DIR_NONE;
	out->statistic = BG_STAT_MEDIAN;
	out->threshold = NAN;
	for (size_t i = 0; i < cfg->nrules; i++) {
		const struct bg_rule *r = &cfg->rules[i];

		if (r->bench && !bg_glob_match(r->bench, bench))
			continue;
		if (r->metric && !bg_glob_match(r->metric, metric))
			continue;
		if (r->direction != BG_DIR_NONE)
			out->direction = r->direction;
		if (r->has_statistic)
			out->statistic = r->statistic;
		if (!isnan(r->threshold))
			out->threshold = r->threshold;
	}
}

void bg_config_apply(const struct bg_config *cfg, struct bg_resultset *rs)
{
	for (size_t i = 0; i < rs->nbenches; i++) {
		struct bg_bench *b = &rs->benches[i];

		for (size_t j = 0; j < b->nmetrics; j++) {
			struct rule_view rv;

			rules_for(&rv, cfg, b->name, b->metrics[j].name);
			if (rv.direction != BG_DIR_NONE)
				b->metrics[j].direction = rv.direction;
		}
	}
}

/* An ignore pattern matches a benchmark name, or "BENCH:METRIC". */
static int ignored(const struct bg_config *cfg, const char *bench, const char *metric)
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

void bg_comparison_init(struct bg_comparison *c)
{
	memset(c, 0, sizeof(*c));
	bg_strlist_init(&c->warnings);
}

void bg_comparison_release(struct bg_comparison *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->results[i].bench);
		free(c->results[i].metric);
		free(c->results[i].unit);
		free(c->results[i].note);
		free(c->results[i].warning);
	}
	free(c->results);
	bg_strlist_release(&c->warnings);
	bg_comparison_init(c);
}

static struct bg_result *result_new(struct bg_comparison *c, const char *bench,
				    const struct bg_metric *m)
{
	struct bg_result *r;

	bg_grow(&c->results, &c->alloc, c->n + 1, sizeof(*c->results));
	r = &c->results[c->n++];
	memset(r, 0, sizeof(*r));
	r->bench = bg_strdup(bench);
	r->metric = bg_strdup(m->name);
	r->unit = bg_strdup(m->unit);
	r->direction = m->direction;
	r->p_value = NAN;
	r->q_value = NAN;
	r->base_runs.p_value = r->cur_runs.p_value = NAN;
	r->base_runs.outlier_run = r->cur_runs.outlier_run = -1;
	r->base_runs.outlier_shift = r->cur_runs.outlier_shift = NAN;
	r->change.estimate = NAN;
	r->change.ci.lo = -INFINITY;
	r->change.ci.hi = INFINITY;
	return r;
}

static void summarize(struct bg_summary *s, double **sorted, const struct bg_metric *m,
		      double confidence)
{
	*sorted = NULL;
	if (!m->n) {   /* summary only (compare_summary.c) */
		bg_summary_of_metric(s, m, confidence);
		return;
	}
	*sorted = bg_sorted_copy(m->samples, m->n);
	bg_summary_compute(s, *sorted, m->n, confidence);
	s->runs = bg_metric_runs(m);
}

/* A sample and its run, for the medians of the runs. */
struct run_obs {
	int run;
	double v;
};

static int cmp_run_obs(const void *a, const void *b)
{
	const struct run_obs *x = a, *y = b;

	if (x->run != y->run)
		return x->run < y->run ? -1 : 1;
	return (x->v > y->v) - (x->v < y->v);
}

/*
 * Run-to-run consistency of a metric's samples: Kruskal-Wallis across its runs, and
 * the run whose median is furthest from median, the median of all its samples.
 */
static void check_runs(struct bg_runcheck *rc, const struct bg_metric *m, double median,
		       double threshold)
{
	struct run_obs *o;
	double *vals;
	int maxrun = 0;

	rc->runs = bg_metric_runs(m);
	rc->p_value = NAN;
	rc->outlier_run = -1;
	rc->outlier_shift = NAN;
	rc->inconsistent = 0;
	if (rc->runs < 2 || !m->runs)
		return;
	for (size_t i = 0; i < m->n; i++)
		if (m->runs[i] > maxrun)
			maxrun = m->runs[i];
	rc->p_value = bg_kruskal_wallis(NULL, m->samples, m->runs, m->n, maxrun + 1);

	o = bg_malloc(m->n * sizeof(*o));
	vals = bg_malloc(m->n * sizeof(*vals));
	for (size_t i = 0; i < m->n; i++) {
		o[i].run = m->runs[i];
		o[i].v = m->samples[i];
	}
	qsort(o, m->n, sizeof(*o), cmp_run_obs);
	for (size_t i = 0; i < m->n;) {
		size_t j = i;
		double med, shift;

		/* o[i..j) are the run's samples, ascending */
		while (j < m->n && o[j].run == o[i].run)
			j++;
		for (size_t q = i; q < j; q++)
			vals[q - i] = o[q].v;
		med = bg_quantile_sorted(vals, j - i, 0.5);
		shift = median != 0 ? (med - median) / fabs(median) : NAN;
		if (isfinite(shift) && (rc->outlier_run < 0 || fabs(shift) > fabs(rc->outlier_shift))) {
			rc->outlier_run = o[i].run;
			rc->outlier_shift = shift;
		}
		i = j;
	}
	free(o);
	free(vals);
	rc->inconsistent = rc->p_value < BG_RUNS_ALPHA && fabs(rc->outlier_shift) > threshold / 2;
}

/* Round up to two significant digits, so advice does not pretend to precision. */
static size_t round_up_2sig(double n)
{
	double scale = 1;

	if (!(n < 1e9))
		return 1000000000;
	while (n / scale >= 100)
		scale *= 10;
	return (size_t)(ceil(n / scale) * scale);
}

/* Smallest n per side at which the change interval of stat has finite bounds. */
static size_t samples_for_finite(enum bg_statistic stat, double confidence, size_t from)
{
	if (stat == BG_STAT_P95 || stat == BG_STAT_P99) {
		/*
		 * A tail needs its distribution-free interval at the confidence asked for:
		 * an upper bound X(n) covers P(B >= n) = p^n <= (1 - confidence) / 2, so n
		 * is at least log((1 - confidence) / 2) / log p. Start just below it.
		 */
		double p = stat == BG_STAT_P95 ? 0.95 : 0.99;
		double start = floor(log((1 - confidence) / 2) / log(p)) - 2;

		if (start > (double)from && start < 5000)
			from = (size_t)start;
	}
	for (size_t n = from > 2 ? from : 2; n <= 5000; n++) {
		double *x = bg_malloc(n * sizeof(*x));
		struct bg_change ch;

		for (size_t i = 0; i < n; i++)
			x[i] = 1.0 + (double)i / (double)n;
		bg_change_compute(&ch, stat, x, n, x, n, confidence);
		free(x);
		if (isfinite(ch.ci.lo) && isfinite(ch.ci.hi))
			return n;
	}
	return 0;
}

static void set_note(struct bg_result *r, char *note)
{
	free(r->note);
	r->note = note;
}

static const char *side_name(int base_short, int cur_short)
{
	if (base_short && cur_short)
		return "each side";
	return base_short ? "the baseline side" : "the current side";
}

char *bg_runs_short(const struct bg_result *r, const struct bg_mode *mode)
{
	int rmin = r->base.runs < r->cur.runs ? r->base.runs : r->cur.runs;

	if (r->base.runs >= mode->min_runs && r->cur.runs >= mode->min_runs)
		return NULL;
	return bg_asprintf("%d run%s on %s, %s mode requires %d", rmin, rmin == 1 ? "" : "s",
			   side_name(r->base.runs < mode->min_runs, r->cur.runs < mode->min_runs),
			   mode->name, mode->min_runs);
}

/* The change of the gated statistic and its p-value, before any verdict. */
static void measure(struct bg_result *r, const double *bs, const double *cs, double confidence)
{
	bg_change_compute(&r->change, r->statistic, bs, r->base.n, cs, r->cur.n, confidence);
	r->p_value = r->change.p_value;
}

/* Whether the mode's minimums of samples and runs keep r from a verdict on the data. */
static int below_minimum(const struct bg_result *r, const struct bg_mode *mode)
{
	return r->base.n < mode->min_samples || r->cur.n < mode->min_samples ||
	       r->base.runs < mode->min_runs || r->cur.runs < mode->min_runs;
}

/* Format a signed percentage as the reports do: "+0.8%", one decimal. */
static void percent(char *buf, size_t size, double v)
{
	snprintf(buf, size, "%+.1f%%", v * 100);
	if (!strcmp(buf, "-0.0%"))
		snprintf(buf, size, "+0.0%%");
}

/* The verdict of a measured result; p is the p-value significance is judged on. */
static void decide(struct bg_result *r, const struct bg_mode *mode, double p, double confidence)
{
	double sign = r->direction == BG_DIR_HIGHER ? -1 : 1;
	double b, blo, bhi, t = r->threshold;
	size_t nmin = r->base.n < r->cur.n ? r->base.n : r->cur.n;
	char *msg;
	int sig;

	if (r->base.n < mode->min_samples || r->cur.n < mode->min_samples) {
		r->verdict = BG_INSUFFICIENT;
		r->needed = mode->min_samples;
		set_note(r, bg_asprintf("%zu sample%s on %s, %s mode requires %zu", nmin,
					nmin == 1 ? "" : "s",
					side_name(r->base.n < mode->min_samples, r->cur.n < mode->min_samples),
					mode->name, mode->min_samples));
		return;
	}
	if ((msg = bg_runs_short(r, mode))) {
		r->verdict = BG_INSUFFICIENT;
		set_note(r, msg);
		return;
	}
	if (!isfinite(r->change.ci.lo) || !isfinite(r->change.ci.hi)) {
		r->verdict = BG_INSUFFICIENT;
		r->needed = samples_for_finite(r->statistic, confidence, nmin + 1);
		if (r->needed)
			set_note(r, bg_asprintf("too few samples to bound the %s at %g%% confidence: need at least %zu per side",
						bg_statistic_name(r->statistic), confidence * 100,
						r->needed));
		else
			set_note(r, bg_asprintf("the change of the %s cannot be bounded",
						bg_statistic_name(r->statistic)));
		return;
	}
	if (isnan(r->change.estimate)) {
		/* A zero baseline: the relative change does not exist. */
		r->verdict = BG_INCONCLUSIVE;
		set_note(r, bg_asprintf("the baseline %s is zero: no relative change",
					bg_statistic_name(r->statistic)));
		return;
	}
	b = sign * r->change.estimate;
	blo = sign > 0 ? r->change.ci.lo : -r->change.ci.hi;
	bhi = sign > 0 ? r->change.ci.hi : -r->change.ci.lo;
	sig = p < 1 - confidence && (blo > 0 || bhi < 0);

	if (b > t && sig && blo > 0)
		r->verdict = BG_REGRESSION;
	else if (b < -t && sig && bhi < 0)
		r->verdict = BG_IMPROVEMENT;
	else if (mode->strict ? bhi <= t : b <= t)
		r->verdict = BG_PASS;
	else
		r->verdict = BG_INCONCLUSIVE;

	if (r->verdict == BG_INCONCLUSIVE) {
		/*
		 * The interval's half-width shrinks as 1/sqrt(n): the samples per side
		 * at which it would fit between the estimate and the threshold.
		 */
		double w = (bhi - blo) / 2, gap = fabs(t - b);
		char est[32], lo[32], hi[32];

		if (gap < t / 4)
			gap = t / 4;
		r->needed = round_up_2sig((double)nmin * (w / gap) * (w / gap));
		if (r->needed <= nmin)
			r->needed = round_up_2sig((double)nmin * 1.5);
		percent(est, sizeof(est), r->change.estimate);
		percent(lo, sizeof(lo), r->change.ci.lo);
		percent(hi, sizeof(hi), r->change.ci.hi);
		set_note(r, bg_asprintf("inconclusive: %s (%s .. %s) at n=%zu; about %zu samples per side would resolve %g%%",
					est, lo, hi, nmin, r->needed, t * 100));
		if (r->p_value < 1 - confidence && !(p < 1 - confidence) && !isnan(r->q_value)) {
			/* significant alone, not over the comparison: say why */
			char *more = bg_asprintf("%s; p %.4f is not significant over all the results compared (Benjamini-Hochberg q %.4f)",
						 r->note, r->p_value, r->q_value);

			set_note(r, more);
		}
	}
}

/*
 * Benjamini-Hochberg over the results that reach a verdict on their data: q_value
 * of each, NAN for the others.
 */
static void adjust(struct bg_comparison *c, const struct bg_mode *mode)
{
	double *p = bg_malloc((c->n ? c->n : 1) * sizeof(*p));
	double *q = bg_malloc((c->n ? c->n : 1) * sizeof(*q));

	for (size_t i = 0; i < c->n; i++) {
		const struct bg_result *r = &c->results[i];

		p[i] = r->has_base && r->has_cur && !below_minimum(r, mode) ? r->p_value : NAN;
	}
	bg_bh_adjust(q, p, c->n);
	for (size_t i = 0; i < c->n; i++)
		c->results[i].q_value = q[i];
	free(p);
	free(q);
}

/* A robust CV above this is worth a warning. */
#define HIGH_CV 0.10
/* Bimodality: Sarle's coefficient above 5/9 (a uniform's), with at least this many values. */
#define BIMODAL_BC (5.0 / 9.0)
#define BIMODAL_MIN_N 20

struct sbuf {
	char *s;
	size_t len, alloc;
};

static void sbuf_addf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void sbuf_addf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	bg_grow(&b->s, &b->alloc, b->len + (size_t)n + 1, 1);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

/*
 * Outliers worth a warning: severe ones above SEVERE_FRACTION of the samples (any
 * severe one up to 10000 samples; a normal sample has 2 in a million beyond the outer
 * fences), or at least two, mild and severe together, above OUTLIER_FRACTION of the
 * samples (a normal sample has 0.7% beyond the inner fences).
 */
#define SEVERE_FRACTION 0.0001
#define OUTLIER_FRACTION 0.05

/* Shape and run warnings of one side, appended to b as "side: what, what". */
static void side_warnings(struct sbuf *b, const char *side, const struct bg_summary *s,
			  const struct bg_runcheck *rc)
{
	const struct bg_shape *sh = &s->shape;
	size_t start = b->len, nout = sh->mild + sh->severe;
	char shift[32];

#define SEP (b->len > start ? ", " : b->len ? "; " : "")
#define SIDE (b->len > start ? "" : side), (b->len > start ? "" : ": ")
	if ((double)sh->severe > SEVERE_FRACTION * (double)s->n ||
	    (nout >= 2 && (double)nout > OUTLIER_FRACTION * (double)s->n))
		sbuf_addf(b, "%s%s%s%zu outlier%s (%zu mild, %zu severe)", SEP, SIDE, nout,
			  nout == 1 ? "" : "s", sh->mild, sh->severe);
	if (sh->robust_cv > HIGH_CV)
		sbuf_addf(b, "%s%s%shigh variation (robust CV %.1f%%)", SEP, SIDE,
			  sh->robust_cv * 100);
	if (s->n >= BIMODAL_MIN_N && sh->bimodality > BIMODAL_BC)
		sbuf_addf(b, "%s%s%slooks bimodal (bimodality coefficient %.2f)", SEP, SIDE,
			  sh->bimodality);
	if (rc->inconsistent) {
		percent(shift, sizeof(shift), rc->outlier_shift);
		sbuf_addf(b, "%s%s%srun %d of %d stands out (median %s, Kruskal-Wallis p %s%.4f)",
			  SEP, SIDE, rc->outlier_run + 1, rc->runs, shift,
			  rc->p_value < 0.0001 ? "< " : "= ",
			  rc->p_value < 0.0001 ? 0.0001 : rc->p_value);
	}
#undef SEP
#undef SIDE
}

static void set_warnings(struct bg_result *r)
{
	struct sbuf b = { NULL, 0, 0 };

	if (r->has_base)
		side_warnings(&b, "baseline", &r->base, &r->base_runs);
	if (r->has_cur)
		side_warnings(&b, "current", &r->cur, &r->cur_runs);
	free(r->warning);
	r->warning = b.s;
}

static void count(struct bg_comparison *c, const struct bg_result *r, const struct bg_mode *mode)
{
	c->counts[r->verdict]++;
	if (mode->fail_on[r->verdict])
		c->failed = 1;
}

/*
 * A result whose statistics are still to compute, by index (results move as they are
 * added): its baseline metric (NULL: new) and current one (NULL: missing).
 */
struct pending {
	size_t result;
	const struct bg_metric *bm, *cm;
};

/* A thread's share of the pending results: [from, to). */
struct share {
	struct bg_comparison *out;
	const struct pending *p;
	size_t from, to;
	const struct bg_mode *mode;
	double confidence;
};

/* The summaries, run checks and change of one result: it touches nothing else. */
static void compute(struct bg_result *r, const struct pending *p, const struct bg_mode *mode,
		    double confidence)
{
	double *bs = NULL, *cs = NULL;

	if (p->bm) {
		summarize(&r->base, &bs, p->bm, confidence);
		check_runs(&r->base_runs, p->bm, r->base.median, r->threshold);
	}
	if (p->cm) {
		summarize(&r->cur, &cs, p->cm, confidence);
		check_runs(&r->cur_runs, p->cm, r->cur.median, r->threshold);
	}
	if (p->bm && p->cm) {
		r->summary_only = bg_metric_summary_only(p->bm) || bg_metric_summary_only(p->cm);
		if (r->summary_only)
			bg_compare_summary(r, mode);
		else
			measure(r, bs, cs, confidence);
	}
	free(bs);
	free(cs);
}

static void *compute_share(void *arg)
{
	const struct share *s = arg;

	for (size_t i = s->from; i < s->to; i++)
		compute(&s->out->results[s->p[i].result], &s->p[i], s->mode, s->confidence);
	return NULL;
}

static void *compute_share_thread(void *arg)
{
	compute_share(arg);
	bg_stats_thread_release();
	return NULL;
}

/* Below this many samples in all, threads cost more than they save. */
#define PARALLEL_MIN_SAMPLES 100000
#define MAX_JOBS 64

/*
 * Compute the n pending results on up to jobs threads (0: one per core), each a fixed
 * contiguous share, so the results are the same whatever the number of threads.
 */
static void compute_all(struct bg_comparison *out, const struct pending *p, size_t n,
			const struct bg_mode *mode, double confidence, int jobs)
{
	struct share shares[MAX_JOBS];
	pthread_t tids[MAX_JOBS];
	int started[MAX_JOBS] = { 0 };
	size_t samples = 0, t, nt;

	for (size_t i = 0; i < n; i++)
		samples += (p[i].bm ? p[i].bm->n : 0) + (p[i].cm ? p[i].cm->n : 0);
	if (jobs <= 0) {
		long cores = sysconf(_SC_NPROCESSORS_ONLN);

		jobs = cores > 0 ? (int)cores : 1;
	}
	nt = jobs < MAX_JOBS ? (size_t)jobs : MAX_JOBS;
	if (nt > n)
		nt = n;
	if (samples < PARALLEL_MIN_SAMPLES || nt < 2)
		nt = 1;
	for (t = 0; t < nt; t++) {
		shares[t].out = out;
		shares[t].p = p;
		shares[t].from = n * t / nt;
		shares[t].to = n * (t + 1) / nt;
		shares[t].mode = mode;
		shares[t].confidence = confidence;
	}
	/* a thread that cannot start leaves its share to this one */
	for (t = 1; t < nt; t++)
		started[t] = pthread_create(&tids[t], NULL, compute_share_thread, &shares[t]) == 0;
	compute_share(&shares[0]);
	for (t = 1; t < nt; t++) {
		if (started[t])
			pthread_join(tids[t], NULL);
		else
			compute_share(&shares[t]);
	}
}

int bg_compare(struct bg_comparison *out, const struct bg_resultset *base,
	       const struct bg_resultset *cur, const struct bg_config *cfg,
	       const struct bg_mode *mode, struct bg_error *err)
{
	size_t common = 0, npending = 0, apending = 0;
	struct pending *pending = NULL;
	int ret = -1;

	out->mode = mode;
	out->confidence = cfg->confidence;
	for (size_t i = 0; i < base->nbenches; i++) {
		const struct bg_bench *bb = &base->benches[i];
		const struct bg_bench *cb = bg_resultset_find(cur, bb->name);

		for (size_t j = 0; j < bb->nmetrics; j++) {
			const struct bg_metric *bm = &bb->metrics[j];
			const struct bg_metric *cm = cb ? bg_bench_find(cb, bm->name) : NULL;
			struct rule_view rv;
			struct bg_result *r;

			if (ignored(cfg, bb->name, bm->name)) {
				out->ungated++;
				continue;
			}
			if (cm && strcmp(cm->unit, bm->unit)) {
				bg_error(err, BG_EXIT_INPUT,
					 "'%s' of '%s' is in '%s' in the baseline but '%s' in the current results",
					 bm->name, bb->name, bm->unit, cm->unit);
				goto out;
			}
			if ((cm ? cm->direction : bm->direction) == BG_DIR_NONE) {
				out->ungated++;
				continue;
			}
			rules_for(&rv, cfg, bb->name, bm->name);
			r = result_new(out, bb->name, cm ? cm : bm);
			r->statistic = rv.statistic;
			r->threshold = isnan(rv.threshold) ? mode->threshold : rv.threshold;
			r->has_base = 1;
			if (!cm) {
				r->verdict = BG_MISSING;
				set_note(r, bg_strdup("not in the current results"));
			} else {
				r->has_cur = 1;
				common++;
			}
			bg_grow(&pending, &apending, npending + 1, sizeof(*pending));
			pending[npending].result = out->n - 1;
			pending[npending].bm = bm;
			pending[npending].cm = cm;
			npending++;
		}
	}
	for (size_t i = 0; i < cur->nbenches; i++) {
		const struct bg_bench *cb = &cur->benches[i];
		const struct bg_bench *bb = bg_resultset_find(base, cb->name);

		for (size_t j = 0; j < cb->nmetrics; j++) {
			const struct bg_metric *cm = &cb->metrics[j];
			struct rule_view rv;
			struct bg_result *r;

			if (bb && bg_bench_find(bb, cm->name))
				continue;
			if (ignored(cfg, cb->name, cm->name) || cm->direction == BG_DIR_NONE) {
				out->ungated++;
				continue;
			}
			rules_for(&rv, cfg, cb->name, cm->name);
			r = result_new(out, cb->name, cm);
			r->statistic = rv.statistic;
			r->threshold = isnan(rv.threshold) ? mode->threshold : rv.threshold;
			r->has_cur = 1;
			r->verdict = BG_NEW;
			set_note(r, bg_strdup("not in the baseline"));
			bg_grow(&pending, &apending, npending + 1, sizeof(*pending));
			pending[npending].result = out->n - 1;
			pending[npending].bm = NULL;
			pending[npending].cm = cm;
			npending++;
		}
	}
	compute_all(out, pending, npending, mode, cfg->confidence, cfg->jobs);
	out->fdr = mode->fdr;
	if (mode->fdr)
		adjust(out, mode);
	for (size_t i = 0; i < out->n; i++) {
		struct bg_result *r = &out->results[i];

		if (r->has_base && r->has_cur && !r->summary_only)
			decide(r, mode, mode->fdr ? r->q_value : r->p_value, cfg->confidence);
		set_warnings(r);
		count(out, r, mode);
	}
	if (!common) {
		bg_error(err, BG_EXIT_INPUT,
			 "no benchmark in common between the baseline '%s' and the current results '%s'",
			 base->source ? base->source : "?", cur->source ? cur->source : "?");
		goto out;
	}
	ret = 0;
out:
	free(pending);
	return ret;
}
