/* JSON reports: benchgate.check/1 and benchgate.stats/1 (DESIGN.md), and summaries. */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/budget.h"
#include "benchgate/report.h"
#include "internal.h"

/*
 * Deterministic output: keys sorted (JSON_SORT_KEYS, as STYLE.md asks, so the order
 * does not depend on how an object was built), reals with 17 significant digits so
 * that they read back to the same double (0.2 prints as 0.20000000000000001), two
 * spaces of indentation, and a final newline.
 */
#define BG_JSON_FLAGS (JSON_INDENT(2) | JSON_SORT_KEYS | JSON_REAL_PRECISION(17))

/* "lower" or "higher", null when the direction is not known. New reference. */
static json_t *jdir(enum bg_direction d)
{
	return d == BG_DIR_NONE ? json_null() : json_string(bg_direction_name(d));
}

/* [lo, hi], each null when infinite or NAN. New reference. */
static json_t *jinterval(double lo, double hi)
{
	json_t *a = json_array();

	json_array_append_new(a, bg_json_number(lo));
	json_array_append_new(a, bg_json_number(hi));
	return a;
}

json_t *bg_summary_json(const struct bg_summary *s)
{
	json_t *o = json_object();

	json_object_set_new(o, "n", json_integer((json_int_t)s->n));
	json_object_set_new(o, "runs", json_integer(s->runs));
	json_object_set_new(o, "mean", bg_json_number(s->mean));
	json_object_set_new(o, "stddev", bg_json_number(s->stddev));
	json_object_set_new(o, "min", bg_json_number(s->min));
	json_object_set_new(o, "max", bg_json_number(s->max));
	json_object_set_new(o, "median", bg_json_number(s->median));
	json_object_set_new(o, "p95", bg_json_number(s->p95));
	json_object_set_new(o, "p99", bg_json_number(s->p99));
	json_object_set_new(o, "mad", bg_json_number(s->mad));
	json_object_set_new(o, "cv", bg_json_number(s->cv));
	json_object_set_new(o, "median_ci", jinterval(s->median_ci.lo, s->median_ci.hi));
	json_object_set_new(o, "median_ci_level", bg_json_number(s->median_ci.level));
	json_object_set_new(o, "outliers_mild", s->shape.unknown ? json_null()
				: json_integer((json_int_t)s->shape.mild));
	json_object_set_new(o, "outliers_severe", s->shape.unknown ? json_null()
				  : json_integer((json_int_t)s->shape.severe));
	json_object_set_new(o, "robust_cv", bg_json_number(s->shape.robust_cv));
	json_object_set_new(o, "bimodality", bg_json_number(s->shape.bimodality));
	return o;
}

/* Write root (borrowed) and a newline. Errors show in ferror(out). */
static void dump(FILE *out, json_t *root)
{
	json_dumpf(root, out, BG_JSON_FLAGS);
	fputc('\n', out);
}

/* A side's run-to-run consistency (struct bg_runcheck). New reference. */
static json_t *runcheck_json(const struct bg_runcheck *rc)
{
	json_t *o = json_object();

	json_object_set_new(o, "runs", json_integer(rc->runs));
	json_object_set_new(o, "p_value", bg_json_number(rc->p_value));
	json_object_set_new(o, "outlier_run",
			    rc->outlier_run >= 0 ? json_integer(rc->outlier_run) : json_null());
	json_object_set_new(o, "outlier_shift", bg_json_number(rc->outlier_shift));
	json_object_set_new(o, "inconsistent", json_boolean(rc->inconsistent));
	return o;
}

/* The run-to-run noise a result's interval carries (noise.h). New reference. */
static json_t *noise_json(const struct bg_noise *nz)
{
	json_t *o = json_object();

	json_object_set_new(o, "source", json_string(bg_noise_source_name(nz->source)));
	json_object_set_new(o, "sd", bg_json_number(nz->sd));
	json_object_set_new(o, "n", json_integer(nz->n));
	json_object_set_new(o, "df", nz->source == BG_NOISE_UNKNOWN ? json_null() :
				     bg_json_number(nz->df));
	json_object_set_new(o, "extra_var", bg_json_number(nz->extra_var));
	json_object_set_new(o, "p_value", bg_json_number(nz->p_value));
	return o;
}

/* The machine-wide shift (docs/statistics.md). New reference. */
static json_t *shift_json(const struct bg_run_shift *s)
{
	json_t *o = json_object();

	json_object_set_new(o, "estimate", bg_json_number(s->estimate));
	json_object_set_new(o, "ci", jinterval(s->ci.lo, s->ci.hi));
	json_object_set_new(o, "count", json_integer((json_int_t)s->count));
	json_object_set_new(o, "applied", json_boolean(s->applied));
	json_object_set_new(o, "p_shared", bg_json_number(s->p_shared));
	json_object_set_new(o, "baseline_offset", bg_json_number(s->baseline_offset));
	json_object_set_new(o, "judged", bg_json_number(s->judged.estimate));
	json_object_set_new(o, "judged_ci", jinterval(s->judged.ci.lo, s->judged.ci.hi));
	json_object_set_new(o, "p_value", bg_json_number(s->judged.p_value));
	json_object_set_new(o, "noise", noise_json(&s->noise));
	json_object_set_new(o, "verdict", json_string(bg_verdict_name(s->verdict)));
	json_object_set_new(o, "reason", bg_json_string(s->reason));
	return o;
}

static json_t *result_json(const struct bg_result *r)
{
	json_t *o = json_object();

	json_object_set_new(o, "name", bg_json_string(r->bench));
	json_object_set_new(o, "metric", bg_json_string(r->metric));
	json_object_set_new(o, "unit", bg_json_string(r->unit));
	json_object_set_new(o, "direction", jdir(r->direction));
	json_object_set_new(o, "statistic", bg_json_string(bg_statistic_name(r->statistic)));
	json_object_set_new(o, "threshold", bg_json_number(r->threshold));
	json_object_set_new(o, "baseline", r->has_base ? bg_summary_json(&r->base) : json_null());
	json_object_set_new(o, "current", r->has_cur ? bg_summary_json(&r->cur) : json_null());
	json_object_set_new(o, "change", bg_json_number(r->change.estimate));
	json_object_set_new(o, "change_ci", jinterval(r->change.ci.lo, r->change.ci.hi));
	json_object_set_new(o, "p_value", bg_json_number(r->p_value));
	json_object_set_new(o, "verdict", bg_json_string(bg_verdict_name(r->verdict)));
	json_object_set_new(o, "needed_samples",
			    r->needed ? json_integer((json_int_t)r->needed) : json_null());
	json_object_set_new(o, "note", bg_json_string(r->note));
	json_object_set_new(o, "q_value", bg_json_number(r->q_value));
	json_object_set_new(o, "warning", bg_json_string(r->warning));
	json_object_set_new(o, "baseline_runs", r->has_base ? runcheck_json(&r->base_runs) : json_null());
	json_object_set_new(o, "current_runs", r->has_cur ? runcheck_json(&r->cur_runs) : json_null());
	if (r->vs_shift) {
		json_object_set_new(o, "change_vs_shift", bg_json_number(r->change_vs_shift.estimate));
		json_object_set_new(o, "change_vs_shift_ci",
				    jinterval(r->change_vs_shift.ci.lo, r->change_vs_shift.ci.hi));
		json_object_set_new(o, "p_value_vs_shift", bg_json_number(r->change_vs_shift.p_value));
	}
	json_object_set_new(o, "noise", r->has_base && r->has_cur && !r->summary_only ?
				noise_json(&r->noise) : json_null());
	json_object_set_new(o, "needed_runs",
			    r->needed_runs ? json_integer((json_int_t)r->needed_runs) : json_null());
	return o;
}

/*
 * Whether the comparison's runs differ beyond their samples: the combined p-value of
 * its results' F tests, how many results had several runs, and whether the intervals
 * were widened. null when no result had several runs (paired ones aside). New reference.
 */
static json_t *run_noise_json(const struct bg_comparison *c)
{
	json_t *o;
	size_t n = 0;

	for (size_t i = 0; i < c->n; i++)
		n += c->results[i].noise.source == BG_NOISE_RUNS;
	if (!n)
		return json_null();
	o = json_object();
	json_object_set_new(o, "p_value", bg_json_number(c->runs_p));
	json_object_set_new(o, "results", json_integer((json_int_t)n));
	json_object_set_new(o, "widened", json_boolean(c->runs_p < BG_NOISE_ALPHA));
	return o;
}

void bg_json_check(FILE *out, const struct bg_comparison *c, const struct bg_report_info *info)
{
	json_t *root = json_object(), *base = json_object(), *cur = json_object();
	json_t *counts = json_object(), *results = json_array();

	json_object_set_new(root, "schema", json_string("benchgate.check/1"));
	json_object_set_new(root, "mode", bg_json_string(c->mode ? c->mode->name : NULL));
	json_object_set_new(root, "threshold", bg_json_number(c->mode ? c->mode->threshold : NAN));
	json_object_set_new(root, "confidence", bg_json_number(c->confidence));
	json_object_set_new(root, "fdr", json_boolean(c->fdr));
	json_object_set_new(root, "verdict", json_string(c->failed ? "fail" : "pass"));
	json_object_set_new(base, "source", bg_json_string(info->baseline_source));
	json_object_set_new(base, "commit", bg_json_string(info->baseline_commit));
	json_object_set_new(root, "baseline", base);
	json_object_set_new(cur, "source", bg_json_string(info->current_source));
	json_object_set_new(root, "current", cur);
	if (info->axis_key && info->axis_values && info->axis_values->n) {
		/* Along an axis (--by): each of values compared with reference, within each side. */
		json_t *axis = json_object(), *vals = json_array(), *within = json_array();

		json_object_set_new(axis, "key", json_string(info->axis_key));
		json_object_set_new(axis, "reference", json_string(info->axis_values->v[0]));
		for (size_t i = 1; i < info->axis_values->n; i++)
			json_array_append_new(vals, json_string(info->axis_values->v[i]));
		json_object_set_new(axis, "values", vals);
		for (int i = 0; i < 2; i++)
			if (info->axis_side[i])
				json_array_append_new(within, json_string(info->axis_side[i]));
		json_object_set_new(axis, "sides", within);
		json_object_set_new(root, "axis", axis);
	}
	for (int v = 0; v < BG_NVERDICTS; v++)
		json_object_set_new(counts, bg_verdict_name((enum bg_verdict)v), json_integer((json_int_t)c->counts[v]));
	json_object_set_new(root, "counts", counts);
	for (size_t i = 0; i < c->n; i++)
		json_array_append_new(results, result_json(&c->results[i]));
	json_object_set_new(root, "results", results);
	if (info->budgets)
		json_object_set_new(root, "budgets", bg_budgets_json(c, info->budgets));
	json_object_set_new(root, "run_noise", run_noise_json(c));
	if (c->shift.active)
		json_object_set_new(root, "run_shift", shift_json(&c->shift));
	if (c->noise_note)
		json_object_set_new(root, "noise_note", bg_json_string(c->noise_note));
	dump(out, root);
	json_decref(root);
}

void bg_json_stats(FILE *out, const struct bg_stats_row *rows, size_t n, double confidence)
{
	json_t *root = json_object(), *benches = json_array();

	json_object_set_new(root, "schema", json_string("benchgate.stats/1"));
	json_object_set_new(root, "confidence", bg_json_number(confidence));
	for (size_t i = 0; i < n; i++) {
		const struct bg_metric *m = rows[i].metric;
		json_t *o = bg_summary_json(&rows[i].summary);

		json_object_set_new(o, "name", bg_json_string(rows[i].bench));
		json_object_set_new(o, "metric", bg_json_string(m->name));
		json_object_set_new(o, "unit", bg_json_string(m->unit));
		json_object_set_new(o, "direction", jdir(m->direction));
		json_array_append_new(benches, o);
	}
	json_object_set_new(root, "benchmarks", benches);
	dump(out, root);
	json_decref(root);
}
