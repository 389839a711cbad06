/* Provenance of a baseline: the git commit HEAD names, read through libgit2. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <git2.h>

#include "benchgate/store.h"

#define NOT_IN_REPO "not in a git repository: baseline saved without a commit"

/* libgit2's last error message, borrowed; never NULL. */
static const char *git_msg(void)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : "unknown error";
}

/* A new object with every provenance field null, in document order. */
static json_t *provenance_empty(void)
{
	json_t *p = json_object();

	json_object_set_new(p, "commit", json_null());
	json_object_set_new(p, "branch", json_null());
	json_object_set_new(p, "detached", json_null());
	json_object_set_new(p, "dirty", json_null());
	json_object_set_new(p, "commit_time", json_null());
	json_object_set_new(p, "subject", json_null());
	return p;
}

/* A new JSON string, or null when s is NULL or not valid UTF-8. */
static json_t *str_or_null(const char *s)
{
	json_t *v = s ? json_string(s) : NULL;

	return v ? v : json_null();
}

/*
 * ISO 8601 with the commit's own offset: "2026-11-23T03:07:32+01:00". buf must hold
 * 32 bytes. Returns 0, or -1 when the time cannot be represented.
 */
static int format_commit_time(char *buf, size_t size, git_time_t t, int offset_min)
{
	time_t local = (time_t)(t + (git_time_t)offset_min * 60);
	int off = offset_min < 0 ? -offset_min : offset_min;
	struct tm tm;
	size_t len;

	if (!gmtime_r(&local, &tm))
		return -1;
	len = strftime(buf, size, "%Y-%m-%dT%H:%M:%S", &tm);
	if (!len)
		return -1;
	snprintf(buf + len, size - len, "%c%02d:%02d", offset_min < 0 ? '-' : '+',
		 off / 60, off % 60);
	return 0;
}

/*
 * True (1) when a tracked file differs from HEAD in the index or the work tree,
 * 0 when clean, -1 on error. Untracked and ignored files do not count.
 */
static int repo_dirty(git_repository *repo)
{
	git_status_options opts;
	git_status_list *list = NULL;
	int dirty = 0;

	if (git_repository_is_bare(repo))
		return 0;
	if (git_status_options_init(&opts, GIT_STATUS_OPTIONS_VERSION) < 0)
		return -1;
	opts.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR;
	opts.flags = 0;   /* no untracked, no ignored files */
	if (git_status_list_new(&list, repo, &opts) < 0)
		return -1;
	for (size_t i = 0; i < git_status_list_entrycount(list); i++) {
		const git_status_entry *e = git_status_byindex(list, i);
		unsigned int s = e ? e->status : 0;

		s &= ~(unsigned int)(GIT_STATUS_WT_NEW | GIT_STATUS_IGNORED);
		if (s != GIT_STATUS_CURRENT) {
			dirty = 1;
			break;
		}
	}
	git_status_list_free(list);
	return dirty;
}

/* Fill commit, commit_time and subject from the commit ref points at. */
static void add_commit(json_t *p, git_reference *ref, struct bg_strlist *warnings)
{
	git_object *obj = NULL;
	git_commit *c;
	char id[GIT_OID_HEXSZ + 1];
	char when[32];

	if (git_reference_peel(&obj, ref, GIT_OBJECT_COMMIT) < 0) {
		bg_strlist_addf(warnings, "cannot read the commit HEAD names: %s", git_msg());
		return;
	}
	c = (git_commit *)obj;
	git_oid_tostr(id, sizeof(id), git_commit_id(c));
	json_object_set_new(p, "commit", json_string(id));
	if (format_commit_time(when, sizeof(when), git_commit_time(c),
			       git_commit_time_offset(c)) == 0)
		json_object_set_new(p, "commit_time", json_string(when));
	json_object_set_new(p, "subject", str_or_null(git_commit_summary(c)));
	git_object_free(obj);
}

/* Branch of an unborn HEAD ("main" in a repository without commits), or NULL. New. */
static char *unborn_branch(git_repository *repo)
{
	git_reference *head = NULL;
	const char *target;
	char *r = NULL;

	if (git_reference_lookup(&head, repo, "HEAD") < 0)
		return NULL;
	target = git_reference_symbolic_target(head);
	if (target && !strncmp(target, "refs/heads/", 11))
		r = bg_strdup(target + 11);
	git_reference_free(head);
	return r;
}

json_t *bg_provenance_collect(const char *dir, struct bg_strlist *warnings)
{
	json_t *p = provenance_empty();
	git_repository *repo = NULL;
	git_reference *head = NULL;
	int inited, rc, dirty;

	if ((inited = git_libgit2_init()) < 0) {
		bg_strlist_addf(warnings, "cannot start libgit2: %s", git_msg());
		return p;
	}
	rc = git_repository_open_ext(&repo, dir ? dir : ".", 0, NULL);
	if (rc == GIT_ENOTFOUND) {
		bg_strlist_add(warnings, NOT_IN_REPO);
		goto out;
	} else if (rc < 0) {
		bg_strlist_addf(warnings, "cannot open the git repository at '%s': %s",
				dir ? dir : ".", git_msg());
		goto out;
	}

	rc = git_repository_head(&head, repo);
	if (rc == GIT_EUNBORNBRANCH || rc == GIT_ENOTFOUND) {
		char *branch = unborn_branch(repo);

		json_object_set_new(p, "branch", str_or_null(branch));
		json_object_set_new(p, "detached", json_false());
		free(branch);
		bg_strlist_add(warnings, "the git repository has no commit yet: baseline saved without a commit");
	} else if (rc < 0) {
		bg_strlist_addf(warnings, "cannot read git HEAD: %s", git_msg());
		goto out;
	} else {
		int detached = git_repository_head_detached(repo) == 1;

		json_object_set_new(p, "branch", detached || !git_reference_is_branch(head)
				    ? json_null() : str_or_null(git_reference_shorthand(head)));
		json_object_set_new(p, "detached", json_boolean(detached));
		add_commit(p, head, warnings);
	}

	if ((dirty = repo_dirty(repo)) < 0)
		bg_strlist_addf(warnings, "cannot read git status: %s", git_msg());
	else
		json_object_set_new(p, "dirty", json_boolean(dirty));
out:
	git_reference_free(head);
	git_repository_free(repo);
	git_libgit2_shutdown();
	return p;
}
