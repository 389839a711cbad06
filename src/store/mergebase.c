/* Pull requests: the CI's target branch, and the merge base of HEAD with it (shallow clones too). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "benchgate/store.h"
#include "git.h"

const char *bg_ci_target_branch(const char **var)
{
	static const char *const vars[] = {
		"GITHUB_BASE_REF", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME",
		"BITBUCKET_PR_DESTINATION_BRANCH", "SYSTEM_PULLREQUEST_TARGETBRANCH",
		"CHANGE_TARGET", "BUILDKITE_PULL_REQUEST_BASE_BRANCH", "CIRRUS_BASE_BRANCH",
		"DRONE_TARGET_BRANCH", NULL
	};

	for (int i = 0; vars[i]; i++) {
		const char *v = getenv(vars[i]);

		if (!v || !*v)
			continue;
		/* Drone sets its target branch on pushes too: only pull requests count. */
		if (!strcmp(vars[i], "DRONE_TARGET_BRANCH") &&
		    !(getenv("DRONE_PULL_REQUEST") && *getenv("DRONE_PULL_REQUEST")))
			continue;
		/* Buildkite says "false"-free empty when not a pull request; Azure gives a ref. */
		if (!strncmp(v, "refs/heads/", 11))
			v += 11;
		*var = vars[i];
		return v;
	}
	*var = NULL;
	return NULL;
}

/* A set of object ids: open addressing on the id's first bytes. */
struct oidset {
	git_oid *v;
	unsigned char *used;
	size_t size, n;
};

static size_t oid_hash(const git_oid *id)
{
	size_t h;

	memcpy(&h, id->id, sizeof(h));
	return h;
}

/* Add id; 1 when it was new, 0 when it was there. */
static int oidset_add(struct oidset *s, const git_oid *id)
{
	size_t j;

	if ((s->n + 1) * 2 > s->size) {
		struct oidset t = { 0 };

		t.size = s->size ? s->size * 2 : 1024;
		t.v = bg_calloc(t.size, sizeof(*t.v));
		t.used = bg_calloc(t.size, 1);
		for (size_t i = 0; i < s->size; i++)
			if (s->used[i])
				oidset_add(&t, &s->v[i]);
		free(s->v);
		free(s->used);
		*s = t;
	}
	for (j = oid_hash(id) & (s->size - 1); s->used[j]; j = (j + 1) & (s->size - 1))
		if (git_oid_equal(&s->v[j], id))
			return 0;
	s->used[j] = 1;
	git_oid_cpy(&s->v[j], id);
	s->n++;
	return 1;
}

static int oidset_has(const struct oidset *s, const git_oid *id)
{
	if (!s->size)
		return 0;
	for (size_t j = oid_hash(id) & (s->size - 1); s->used[j]; j = (j + 1) & (s->size - 1))
		if (git_oid_equal(&s->v[j], id))
			return 1;
	return 0;
}

/*
 * Breadth-first over the ancestors of start (itself first). With stop NULL, all of them
 * go into seen; else the walk ends at the first that stop holds, copied to *found
 * (returns 1). Parents missing from a shallow clone are passed over. 0 when done, -1
 * on a git error.
 */
static int bfs(struct oidset *seen, const struct oidset *stop, git_oid *found,
	       git_repository *repo, const git_oid *start)
{
	git_oid *queue = NULL;
	size_t alloc = 0, head = 0, tail = 0;
	int ret = 0;

	bg_grow(&queue, &alloc, 1, sizeof(*queue));
	git_oid_cpy(&queue[tail++], start);
	oidset_add(seen, start);
	while (head < tail) {
		git_commit *c = NULL;
		git_oid id;

		git_oid_cpy(&id, &queue[head++]);
		if (stop && oidset_has(stop, &id)) {
			git_oid_cpy(found, &id);
			ret = 1;
			break;
		}
		if (git_commit_lookup(&c, repo, &id) < 0)
			continue;   /* beyond a shallow boundary */
		for (unsigned i = 0; i < git_commit_parentcount(c); i++) {
			const git_oid *p = git_commit_parent_id(c, i);

			if (p && oidset_add(seen, p)) {
				bg_grow(&queue, &alloc, tail + 1, sizeof(*queue));
				git_oid_cpy(&queue[tail++], p);
			}
		}
		git_commit_free(c);
	}
	free(queue);
	return ret;
}

/*
 * The merge-base in a shallow clone, where libgit2's git_merge_base stops with an
 * error at the boundary: the nearest ancestor of a (breadth-first) among the fetched
 * ancestors of b. 0 found, 1 none within the fetched history.
 */
static int shallow_merge_base(git_oid *out, git_repository *repo, const git_oid *a,
			      const git_oid *b)
{
	struct oidset of_b = { 0 }, seen = { 0 };
	int rc;

	bfs(&of_b, NULL, NULL, repo, b);
	rc = bfs(&seen, &of_b, out, repo, a);
	free(of_b.v);
	free(of_b.used);
	free(seen.v);
	free(seen.used);
	return rc == 1 ? 0 : 1;
}

int bg_git_merge_base(char *commit_out, char **why_out, const char *dir, const char *target,
		      struct bg_error *err)
{
	git_repository *repo = NULL;
	git_oid head, tip, base;
	char *names[2] = { bg_asprintf("origin/%s", target), bg_strdup(target) };
	const char *used = NULL;
	int ret = -1, rc, shallow;

	*why_out = NULL;
	commit_out[0] = '\0';
	if (git_libgit2_init() < 0) {
		bg_error(err, BG_EXIT_STORE, "cannot start libgit2: %s", bg_git_msg());
		goto done;
	}
	if ((rc = bg_git_repo_open(&repo, dir, err)) != 0) {
		if (rc > 0)
			bg_error(err, BG_EXIT_STORE, "--baseline auto: not in a git repository");
		goto out;
	}
	if (git_reference_name_to_id(&head, repo, "HEAD") < 0) {
		bg_error(err, BG_EXIT_STORE, "--baseline auto: the repository has no commit");
		goto out;
	}
	for (int i = 0; i < 2 && !used; i++) {
		git_object *obj = NULL, *peeled = NULL;

		if (git_revparse_single(&obj, repo, names[i]) < 0)
			continue;
		if (git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT) == 0) {
			git_oid_cpy(&tip, git_object_id(peeled));
			used = names[i];
		}
		git_object_free(peeled);
		git_object_free(obj);
	}
	shallow = git_repository_is_shallow(repo) == 1;
	if (!used) {
		bg_error(err, BG_EXIT_STORE,
			 "--baseline auto: no branch 'origin/%s' or '%s' to take the merge-base with%s",
			 target, target, shallow
			 ? " (this is a shallow clone: fetch the target branch and more history, e.g. fetch-depth: 0)"
			 : " (fetch it: git fetch origin)");
		goto out;
	}
	if (shallow)
		rc = shallow_merge_base(&base, repo, &head, &tip) == 0 ? 0 : GIT_ENOTFOUND;
	else
		rc = git_merge_base(&base, repo, &head, &tip);
	if (rc < 0) {
		if (shallow)
			bg_error(err, BG_EXIT_STORE,
				 "--baseline auto: cannot find the merge-base of HEAD and '%s': this is a shallow clone; fetch more history (actions/checkout: fetch-depth: 0; or git fetch --unshallow)",
				 used);
		else if (rc == GIT_ENOTFOUND)
			bg_error(err, BG_EXIT_STORE,
				 "--baseline auto: HEAD and '%s' have no common history", used);
		else
			bg_error(err, BG_EXIT_STORE,
				 "--baseline auto: cannot find the merge-base of HEAD and '%s': %s",
				 used, bg_git_msg());
		goto out;
	}
	git_oid_tostr(commit_out, 41, &base);
	*why_out = bg_asprintf("merge-base of HEAD and %s", used);
	ret = 0;
out:
	git_repository_free(repo);
	git_libgit2_shutdown();
done:
	free(names[0]);
	free(names[1]);
	return ret;
}
