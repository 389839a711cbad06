/*
 * Bencher Metric Format (-f bmf): {BENCHMARK: {MEASURE: {value, lower_value,
 * upper_value}}} of stats rows or of a check's current side. value is the mean (the
 * median when the input gave no mean), lower_value and upper_value the minimum and
 * maximum. A metric "time" in a unit of time is Bencher's "latency", in ns; any other
 * metric keeps its name and unit (BMF has no units). src/input/bmf.c reads it back.
 */
#include <math.h>
#include <string.h>

#include "benchgate/units.h"
#include "internal.h"

/* Keys sorted, as every JSON benchgate writes (STYLE.md); 17 digits: numbers round-trip. */
#define BMF_FLAGS (JSON_INDENT(2) | JSON_SORT_KEYS | JSON_REAL_PRECISION(17))

/* Add the measure of one metric (its summary s) to the object of bench in root. */
static void add_measure(json_t *root, const char *bench, const char *metric, const char *unit,
			const struct bg_summary *s)
{
	double value = isfinite(s->mean) ? s->mean : s->median, scale = 1;
	const char *measure = metric;
	json_t *b, *m;

	if (!isfinite(value))
		return;
	if (!strcmp(metric, "time") && bg_unit_factor(&scale, unit, "ns") == 0)
		measure = "latency";
	else
		scale = 1;
	if (!(b = json_object_get(root, bench))) {
		b = json_object();
		json_object_set_new(root, bench, b);
	}
	m = json_object();
	json_object_set_new(m, "value", json_real(value * scale));
	if (isfinite(s->min))
		json_object_set_new(m, "lower_value", json_real(s->min * scale));
	if (isfinite(s->max))
		json_object_set_new(m, "upper_value", json_real(s->max * scale));
	json_object_set_new(b, measure, m);
}

void bg_bmf_stats(FILE *out, const struct bg_stats_row *rows, size_t n)
{
	json_t *root = json_object();

	for (size_t i = 0; i < n; i++)
		add_measure(root, rows[i].bench, rows[i].metric->name, rows[i].metric->unit,
			    &rows[i].summary);
	json_dumpf(root, out, BMF_FLAGS);
	fputc('\n', out);
	json_decref(root);
}

void bg_bmf_check(FILE *out, const struct bg_comparison *c)
{
	json_t *root = json_object();

	for (size_t i = 0; i < c->n; i++)
		if (c->results[i].has_cur)
			add_measure(root, c->results[i].bench, c->results[i].metric,
				    c->results[i].unit, &c->results[i].cur);
	json_dumpf(root, out, BMF_FLAGS);
	fputc('\n', out);
	json_decref(root);
}
