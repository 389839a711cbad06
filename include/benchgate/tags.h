/* Release tags: the previous release, found through libgit2. */
#ifndef BENCHGATE_TAGS_H
#define BENCHGATE_TAGS_H

#include "benchgate/error.h"

/*
 * The newest tag reachable from HEAD in the repository containing dir, other than
 * the tags on HEAD's own commit: of the tags whose commit is an ancestor of HEAD, the
 * one with the latest commit time (ties: the greater name). *name ("v1.4.0", without
 * refs/tags/) and *commit (full id of the commit it peels to) are new strings.
 * Returns 0, 1 when there is no such tag (both NULL), or -1 with err set
 * (BG_EXIT_STORE) when dir is not in a repository, HEAD has no commit, or git fails.
 */
int bg_tag_last(char **name, char **commit, const char *dir, struct bg_error *err);

#endif
