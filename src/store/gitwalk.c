/* The notes along a history, newest first (bg_git_walk). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <git2.h>

#include "benchgate/store.h"
#include "git.h"

struct note_ref {
	git_oid target, blob;
};

struct note_map {
	struct note_ref *v;
	size_t n, alloc;
};

static void map_add(struct note_map *m, const git_oid *target, const git_oid *blob)
{
	bg_grow(&m->v, &m->alloc, m->n + 1, sizeof(*m->v));
	git_oid_cpy(&m->v[m->n].target, target);
	git_oid_cpy(&m->v[m->n].blob, blob);
	m->n++;
}

static int all_hex(const char *s)
{
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return 0;
	return 1;
}

/*
 * The notes of a notes tree (fanout directories followed) into notes, and at the top
 * the entries of BG_SUMMARY_TREE into sums. prefix holds plen hex digits so far.
 */
static int collect_tree(struct note_map *notes, struct note_map *sums, git_repository *repo,
			const git_tree *tree, char *prefix, size_t plen)
{
	size_t n = git_tree_entrycount(tree);

	for (size_t i = 0; i < n; i++) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);
		const char *name = git_tree_entry_name(e);
		size_t len = strlen(name);
		git_object_t type = git_tree_entry_type(e);
		git_tree *sub = NULL;
		git_oid target;

		if (plen == 0 && sums && !strcmp(name, BG_SUMMARY_TREE) && type == GIT_OBJECT_TREE) {
			if (git_tree_lookup(&sub, repo, git_tree_entry_id(e)) < 0)
				return -1;
			for (size_t j = 0; j < git_tree_entrycount(sub); j++) {
				const git_tree_entry *se = git_tree_entry_byindex(sub, j);

				if (git_tree_entry_type(se) == GIT_OBJECT_BLOB &&
				    git_oid_fromstr(&target, git_tree_entry_name(se)) == 0 &&
				    strlen(git_tree_entry_name(se)) == GIT_OID_HEXSZ)
					map_add(sums, &target, git_tree_entry_id(se));
			}
			git_tree_free(sub);
			continue;
		}
		if (!all_hex(name) || plen + len > GIT_OID_HEXSZ)
			continue;
		memcpy(prefix + plen, name, len + 1);
		if (type == GIT_OBJECT_BLOB && plen + len == GIT_OID_HEXSZ) {
			if (git_oid_fromstr(&target, prefix) == 0)
				map_add(notes, &target, git_tree_entry_id(e));
		} else if (type == GIT_OBJECT_TREE && plen + len < GIT_OID_HEXSZ) {
			int rc;

			if (git_tree_lookup(&sub, repo, git_tree_entry_id(e)) < 0)
				return -1;
			rc = collect_tree(notes, NULL, repo, sub, prefix, plen + len);
			git_tree_free(sub);
			if (rc < 0)
				return -1;
		}
	}
	return 0;
}

static int cmp_note_ref(const void *a, const void *b)
{
	return git_oid_cmp(&((const struct note_ref *)a)->target,
			   &((const struct note_ref *)b)->target);
}

int bg_git_walk(const char *dir, const char *notes_ref, const char *range,
		int (*cb)(void *payload, const struct bg_git_note_item *it), void *payload,
		size_t *nnotes, struct bg_strlist *warnings, struct bg_error *err)
{
	git_repository *repo = NULL;
	git_revwalk *walk = NULL;
	struct note_map map = { 0 }, sums = { 0 };
	git_oid id, nid;
	int ret = -1, rc;

	if (nnotes)
		*nnotes = 0;
	if (git_libgit2_init() < 0)
		return bg_error(err, BG_EXIT_STORE, "cannot start libgit2: %s", bg_git_msg());
	/*
	 * libgit2 hashes every object it reads again to check its id: a third of the
	 * time of reading 10,000 summaries. git does not (zlib's checksum still catches
	 * a damaged pack), and nothing read here is written back. On again at the end.
	 */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	if ((rc = bg_git_repo_open(&repo, dir, err)) != 0) {
		if (rc > 0)
			bg_error(err, BG_EXIT_STORE, "not in a git repository: no notes to read");
		goto out;
	}
	if (git_revwalk_new(&walk, repo) < 0 ||
	    git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL) < 0 ||
	    git_revwalk_simplify_first_parent(walk) < 0)
		goto giterr;
	if (!range || !*range) {
		if (git_reference_name_to_id(&id, repo, "HEAD") < 0) {
			ret = 0;   /* no commit yet: nothing to walk */
			goto out;
		}
		rc = git_revwalk_push(walk, &id);
	} else if (strstr(range, "..")) {
		rc = git_revwalk_push_range(walk, range);
	} else {
		git_commit *c = NULL;

		if ((rc = bg_git_resolve_commit(&c, repo, range, err)) != 0) {
			if (rc > 0)
				bg_error(err, BG_EXIT_USAGE, "'%s' is not a git revision or range", range);
			goto out;
		}
		rc = git_revwalk_push(walk, git_commit_id(c));
		git_commit_free(c);
	}
	if (rc < 0) {
		bg_error(err, BG_EXIT_USAGE, "'%s' is not a git revision or range: %s", range,
			 bg_git_msg());
		goto out;
	}
	rc = git_reference_name_to_id(&nid, repo, notes_ref);
	if (rc == GIT_ENOTFOUND) {
		ret = 0;
		goto out;
	}
	{
		git_commit *nc = NULL;
		git_tree *nt = NULL;
		char prefix[GIT_OID_HEXSZ + 1];

		if (rc == 0 && git_commit_lookup(&nc, repo, &nid) == 0 &&
		    git_commit_tree(&nt, nc) == 0)
			rc = collect_tree(&map, &sums, repo, nt, prefix, 0);
		else
			rc = -1;
		git_tree_free(nt);
		git_commit_free(nc);
	}
	if (rc < 0) {
		bg_error(err, BG_EXIT_STORE, "cannot read the notes under '%s': %s", notes_ref,
			 bg_git_msg());
		goto out;
	}
	if (nnotes)
		*nnotes = map.n;
	if (!map.n) {
		ret = 0;
		goto out;
	}
	qsort(map.v, map.n, sizeof(*map.v), cmp_note_ref);
	if (sums.n)
		qsort(sums.v, sums.n, sizeof(*sums.v), cmp_note_ref);
	for (;;) {
		struct note_ref key, *hit, *sum;
		git_commit *c = NULL;
		git_blob *blob = NULL;
		json_t *summary = NULL;
		char hex[41], why[300], *text = NULL;
		struct bg_git_note_item it;

		rc = git_revwalk_next(&key.target, walk);
		if (rc == GIT_ITEROVER)
			break;
		if (rc < 0) {
			if (git_repository_is_shallow(repo) == 1) {
				bg_strlist_add(warnings, "the history of this shallow clone ends here: fetch more for a longer history (fetch-depth: 0)");
				break;
			}
			goto giterr;
		}
		hit = bsearch(&key, map.v, map.n, sizeof(*map.v), cmp_note_ref);
		if (!hit)
			continue;
		git_oid_tostr(hex, sizeof(hex), &key.target);
		if (git_commit_lookup(&c, repo, &key.target) < 0)
			goto giterr;
		it.summary = NULL;
		it.summary_len = 0;
		/* The summary blob, when it summarises this very note. */
		sum = sums.n ? bsearch(&key, sums.v, sums.n, sizeof(*sums.v), cmp_note_ref) : NULL;
		if (sum && git_blob_lookup(&blob, repo, &sum->blob) == 0) {
			const char *t = git_blob_rawcontent(blob);
			size_t len = (size_t)git_blob_rawsize(blob);
			char nhex[GIT_OID_HEXSZ + 1];

			git_oid_tostr(nhex, sizeof(nhex), &hit->blob);
			if (len > GIT_OID_HEXSZ && t[GIT_OID_HEXSZ] == '\n' &&
			    !memcmp(t, nhex, GIT_OID_HEXSZ)) {
				it.summary = t + GIT_OID_HEXSZ + 1;
				it.summary_len = len - GIT_OID_HEXSZ - 1;
			}
		}
		if (!it.summary) {
			git_blob_free(blob);
			blob = NULL;
			if (git_blob_lookup(&blob, repo, &hit->blob) < 0) {
				git_commit_free(c);
				goto giterr;
			}
			if (bg_note_parse(NULL, &summary, git_blob_rawcontent(blob),
				       (size_t)git_blob_rawsize(blob), why, sizeof(why)) < 0)
				bg_strlist_addf(warnings, "skipping the corrupt note on %.7s under %s: %s",
						hex, notes_ref, why);
			else if ((text = json_dumps(summary, JSON_COMPACT | JSON_REAL_PRECISION(7))))
				it.summary = text, it.summary_len = strlen(text);
		}
		it.commit = hex;
		it.time = (long long)git_commit_time(c);
		it.offset = git_commit_time_offset(c);
		it.subject = git_commit_summary(c);
		rc = cb(payload, &it);
		json_decref(summary);
		free(text);
		git_blob_free(blob);
		git_commit_free(c);
		if (rc) {
			ret = rc;
			goto out;
		}
	}
	ret = 0;
	goto out;
giterr:
	bg_error(err, BG_EXIT_STORE, "cannot walk the git history: %s", bg_git_msg());
out:
	free(map.v);
	free(sums.v);
	git_revwalk_free(walk);
	git_repository_free(repo);
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 1);
	git_libgit2_shutdown();
	return ret;
}
