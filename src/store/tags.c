/* Release tags: the newest tag reachable from HEAD other than HEAD's own (libgit2). */
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "benchgate/tags.h"

/* libgit2's last error message, borrowed; never NULL. */
static const char *git_msg(void)
{
	const git_error *e = git_error_last();

	return e && e->message ? e->message : "unknown error";
}

struct walk {
	git_repository *repo;
	git_oid head;
	char *best;             /* tag name, owned */
	git_oid best_oid;
	git_time_t best_time;
	int err;                /* a git error other than a tag that does not peel to a commit */
};

/* git_tag_foreach callback: keep the tag if it is a better "previous release". */
static int visit(const char *ref, git_oid *oid, void *payload)
{
	struct walk *w = payload;
	git_object *obj = NULL, *peeled = NULL;
	const git_oid *target;
	git_time_t when;
	const char *name = ref;
	int desc;

	if (!strncmp(name, "refs/tags/", 10))
		name += 10;
	if (git_object_lookup(&obj, w->repo, oid, GIT_OBJECT_ANY) < 0)
		return 0;   /* a dangling tag is not a release */
	if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) < 0)
		goto out;   /* a tag of a tree or blob is not a release either */
	target = git_object_id(peeled);
	if (git_oid_equal(target, &w->head))
		goto out;   /* HEAD's own tag: this is the release being checked */
	desc = git_graph_descendant_of(w->repo, &w->head, target);
	if (desc < 0) {
		w->err = 1;
		goto out;
	}
	if (!desc)
		goto out;
	when = git_commit_time((git_commit *)peeled);
	if (!w->best || when > w->best_time ||
	    (when == w->best_time && strcmp(name, w->best) > 0)) {
		free(w->best);
		w->best = bg_strdup(name);
		git_oid_cpy(&w->best_oid, target);
		w->best_time = when;
	}
out:
	git_object_free(peeled);
	git_object_free(obj);
	return 0;
}

int bg_tag_last(char **name, char **commit, const char *dir, struct bg_error *err)
{
	struct walk w = { 0 };
	char hex[GIT_OID_HEXSZ + 1];
	int ret = -1;

	*name = NULL;
	*commit = NULL;
	if (git_libgit2_init() < 0)
		return bg_error(err, BG_EXIT_STORE, "cannot start libgit2: %s", git_msg());
	if (git_repository_open_ext(&w.repo, dir ? dir : ".", 0, NULL) < 0) {
		bg_error(err, BG_EXIT_STORE, "cannot find the last tag: not in a git repository");
		goto out;
	}
	if (git_reference_name_to_id(&w.head, w.repo, "HEAD") < 0) {
		bg_error(err, BG_EXIT_STORE, "cannot find the last tag: HEAD has no commit: %s",
			 git_msg());
		goto out;
	}
	if (git_tag_foreach(w.repo, visit, &w) < 0 || w.err) {
		bg_error(err, BG_EXIT_STORE, "cannot read the tags: %s", git_msg());
		goto out;
	}
	if (!w.best) {
		ret = 1;
		goto out;
	}
	git_oid_tostr(hex, sizeof(hex), &w.best_oid);
	*name = w.best;
	*commit = bg_strdup(hex);
	w.best = NULL;
	ret = 0;
out:
	free(w.best);
	git_repository_free(w.repo);
	git_libgit2_shutdown();
	return ret;
}
