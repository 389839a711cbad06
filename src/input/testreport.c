/* JSON Lines test reports: one record per test run, durations per test and model. */
#include <stdio.h>
#include <string.h>

#include "benchgate/input.h"
#include "benchgate/json.h"
#include "reader.h"
#include "strmap.h"

int bg_sniff_testreport(const char *buf, size_t len);
int bg_read_testreport(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		       int first_run, struct bg_error *err);

int bg_sniff_testreport(const char *buf, size_t len)
{
	size_t n = bg_sniff_object(buf, len);

	/* Not "duration": a file may start with records of skipped tests that have none. */
	return n && memmem(buf, n, "\"outcome\"", 9) && memmem(buf, n, "\"test\"", 6);
}

/* What the records of one file said, for the warnings. */
struct tally {
	size_t records, passed, swapping, zombies, health;
	size_t other;            /* outcomes other than passed */
	char outcomes[256];      /* "2 failed, 1 skipped" */
	struct { char name[32]; size_t n; } kinds[8];
	size_t nkinds;
	struct bg_strmap benches;  /* benchmark name -> index in the result set */
	json_t *profile;           /* the first hardware_profile, owned */
	size_t profiles_differ;    /* records whose hardware_profile is another */
	char *name;                /* the name being built, reused */
	size_t nalloc;
};

static void tally_outcome(struct tally *t, const char *o)
{
	const size_t max = sizeof(t->kinds) / sizeof(t->kinds[0]);
	size_t i;

	t->other++;
	for (i = 0; i < t->nkinds && strcmp(t->kinds[i].name, o); i++)
		;
	if (i == t->nkinds) {
		/* Seven outcomes by name; the eighth slot counts the rest as "other". */
		if (t->nkinds >= max - 1) {
			o = "other";
			for (i = 0; i < t->nkinds && strcmp(t->kinds[i].name, o); i++)
				;
		}
		if (i == t->nkinds) {
			snprintf(t->kinds[i].name, sizeof(t->kinds[i].name), "%s", o);
			t->nkinds++;
		}
	}
	t->kinds[i].n++;
}

/* A count in system_health: a non-negative number, or an error at its place. */
static int health_value(const char *path, struct bg_error *err, const struct bg_json *h,
			const char *key, double *out)
{
	const struct bg_json *v = bg_json_get(h, key);

	*out = 0;
	if (!v || bg_json_is_null(v))
		return 0;
	if (bg_json_sample_of(out, v) < 0)
		return bg_json_error_at(err, path, v, "'system_health.%s' must be a number >= 0", key);
	return 0;
}

/* One record (the walk: no parsing here). */
static int walk_record(const char *path, struct bg_error *err, struct bg_resultset *rs,
		       const struct bg_json *rec, int run, struct tally *t)
{
	const struct bg_json *test = bg_json_get(rec, "test"), *outcome, *dur, *model, *health, *v;
	const char *name;
	struct bg_bench *b;
	struct bg_metric *m;
	size_t nl, ml;
	double d;

	if (!bg_json_is_object(rec))
		return bg_json_error_at(err, path, rec, "a test report record must be a JSON object");
	t->records++;
	if (!bg_json_strlen(test))
		return bg_json_error_at(err, path, test ? test : rec, "record has no \"test\" string");
	name = bg_json_str(test);
	outcome = bg_json_get(rec, "outcome");
	if (!bg_json_is_string(outcome))
		return bg_json_error_at(err, path, outcome ? outcome : rec,
					"record of '%s' has no \"outcome\" string", name);
	if ((health = bg_json_get(rec, "system_health"))) {
		double swap, zombies;

		if (!bg_json_is_object(health) && !bg_json_is_null(health))
			return bg_json_error_at(err, path, health, "'system_health' must be an object");
		if (bg_json_is_object(health)) {
			if (health_value(path, err, health, "swap_used_mb", &swap) < 0 ||
			    health_value(path, err, health, "zombie_processes", &zombies) < 0)
				return -1;
			t->swapping += swap > 0;
			t->zombies += zombies > 0;
			t->health++;
		}
	}
	if ((v = bg_json_get(rec, "hardware_profile")) && !bg_json_is_null(v)) {
		if (!t->profile)
			t->profile = bg_json_to_jansson(v);
		else if (!bg_json_equal_jansson(v, t->profile))
			t->profiles_differ++;
	}
	bg_env_keep(rs, "hardware_profile", bg_json_get(rec, "hardware_profile"));
	bg_env_keep(rs, "schema_version", bg_json_get(rec, "schema_version"));
	if (strcmp(bg_json_str(outcome), "passed")) {
		tally_outcome(t, bg_json_str(outcome));
		return 0;
	}
	t->passed++;
	model = bg_json_get(rec, "model");
	if (model && !bg_json_is_null(model) && !bg_json_is_string(model))
		return bg_json_error_at(err, path, model, "'model' of '%s' must be a string", name);
	dur = bg_json_get(rec, "duration");
	if (!dur)
		return bg_json_error_at(err, path, rec, "passed record of '%s' has no \"duration\"", name);
	if (bg_json_sample_of(&d, dur) < 0) {
		char what[512];

		snprintf(what, sizeof(what), "'duration' of '%s'", name);
		return bg_json_bad_sample(err, path, dur, what);
	}
	/* "TEST (MODEL)", built in a reused buffer and looked up by hash: the hot path. */
	nl = bg_json_strlen(test);
	ml = bg_json_strlen(model);
	bg_grow(&t->name, &t->nalloc, nl + ml + 4, 1);
	memcpy(t->name, name, nl);
	if (ml) {
		memcpy(t->name + nl, " (", 2);
		memcpy(t->name + nl + 2, bg_json_str(model), ml);
		memcpy(t->name + nl + 2 + ml, ")", 1);
		nl += ml + 3;
	}
	t->name[nl] = '\0';
	b = bg_strmap_bench(&t->benches, rs, t->name, nl);
	if (!(m = bg_bench_metric(b, "duration", "s", BG_DIR_LOWER)))
		return bg_json_error_at(err, path, dur,
					"'duration' of '%s' is in 's' here but '%s' in an earlier input",
					t->name, bg_bench_find(b, "duration")->unit);
	bg_metric_add(m, d, run);
	return 0;
}

/* Add n to the count key of rs's environment (made when absent). */
static void env_count_add(struct bg_resultset *rs, const char *key, size_t n)
{
	json_t *prev;

	if (!rs->environment)
		rs->environment = json_object();
	prev = json_object_get(rs->environment, key);
	json_object_set_new(rs->environment, key,
			    json_integer((json_is_integer(prev) ? json_integer_value(prev) : 0) +
					 (json_int_t)n));
}

/* The warnings a file's tally gives: outcomes left out, an unclean run. */
static void tally_report(struct bg_resultset *rs, const char *path, const struct tally *t)
{
	if (t->other) {
		char kinds[256] = "";
		size_t k = 0;

		for (size_t i = 0; i < t->nkinds && k < sizeof(kinds); i++)
			k += (size_t)snprintf(kinds + k, sizeof(kinds) - k, "%s%zu %s", i ? ", " : "",
					      t->kinds[i].n, t->kinds[i].name);
		bg_strlist_addf(&rs->warnings,
				"'%s': %zu of %zu records not passed (%s): their durations are left out",
				path, t->other, t->records, kinds);
	}
	if (t->profiles_differ)
		bg_strlist_addf(&rs->warnings,
				"'%s': %zu record%s a hardware_profile other than the first record's: one run on several machines?",
				path, t->profiles_differ, t->profiles_differ == 1 ? " has" : "s have");
	/*
	 * Both counts are kept in the environment too, so that a baseline saved from the
	 * run still says how clean it was (native.c reads them back).
	 */
	if (t->health) {
		rs->health_records += t->health;
		env_count_add(rs, "health_records", t->health);
	}
	if (t->swapping || t->zombies) {
		rs->unclean += t->swapping + t->zombies;
		env_count_add(rs, "unclean_records", t->swapping + t->zombies);
		bg_strlist_addf(&rs->warnings,
				"'%s': unclean run: %zu record%s with swap in use, %zu with zombie processes",
				path, t->swapping, t->swapping == 1 ? "" : "s", t->zombies);
	}
}

/* What walk_record needs, for bg_json_lines. */
struct report {
	const char *path;
	struct bg_error *err;
	struct bg_resultset *rs;
	int run;
	struct tally t;
};

static int line_record(void *ctx, const struct bg_json *rec)
{
	struct report *r = ctx;

	return walk_record(r->path, r->err, r->rs, rec, r->run, &r->t);
}

int bg_read_testreport(struct bg_resultset *rs, const char *path, const char *buf, size_t len,
		       int first_run, struct bg_error *err)
{
	struct bg_json_doc *doc = bg_json_doc_new();
	struct report r;
	int ret = -1;

	memset(&r, 0, sizeof(r));
	r.path = path;
	r.err = err;
	r.rs = rs;
	r.run = first_run;
	bg_strmap_init(&r.t.benches);
	if (bg_json_lines(doc, path, buf, len, line_record, &r, err) == 0) {
		tally_report(rs, path, &r.t);
		ret = 1;
	}
	bg_json_doc_free(doc);
	bg_strmap_release(&r.t.benches);
	json_decref(r.t.profile);
	free(r.t.name);
	return ret;
}

int bg_unclean_refuse(const struct bg_resultset *base, const struct bg_resultset *cur,
		      const char *mode, int strict, int allow, struct bg_error *err)
{
	if (!strict || allow || (!base->unclean && !cur->unclean))
		return 0;
	return bg_error(err, BG_EXIT_INPUT,
			"%s results come from an unclean run (swapping or zombie processes): %s mode refuses them; rerun on a quiet machine, or pass --allow-unclean",
			cur->unclean ? "the current" : "the baseline", mode);
}
