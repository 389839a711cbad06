/* What the git files of the store share (gitnotes.c, mergebase.c). */
#ifndef BENCHGATE_STORE_GIT_H
#define BENCHGATE_STORE_GIT_H

#include <git2.h>

#include "benchgate/error.h"

/* libgit2's last error message, or "unknown error". */
const char *bg_git_msg(void);

/* Open the repository holding dir. 1 when there is none, -1 with err, 0. */
int bg_git_repo_open(git_repository **repo, const char *dir, struct bg_error *err);

#endif
