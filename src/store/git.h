/* What the git files of the store share (gitnotes.c, gitwalk.c, mergebase.c). */
#ifndef BENCHGATE_STORE_GIT_H
#define BENCHGATE_STORE_GIT_H

#include <stddef.h>

#include <git2.h>
#include <jansson.h>

#include "benchgate/error.h"

/* libgit2's last error message, or "unknown error". */
const char *bg_git_msg(void);

/* Open the repository holding dir. 1 when there is none, -1 with err, 0. */
int bg_git_repo_open(git_repository **repo, const char *dir, struct bg_error *err);

/* Resolve rev to a commit (new): 0, 1 when it is not a revision, -1 with err. */
int bg_git_resolve_commit(git_commit **out, git_repository *repo, const char *rev,
			  struct bg_error *err);

/*
 * Parse a note's text: its suites object (new) in *suites, and its summary (new) in
 * *summary; either may be NULL to skip it. With only the summary wanted and the text
 * an earlier note that carries it first, only that is parsed; else the summary is
 * computed from the samples. Returns 0, or -1 with why (a message for a warning) when
 * it is not a benchgate note.
 */
int bg_note_parse(json_t **suites, json_t **summary, const char *text, size_t len,
		  char *why, size_t whysize);

#endif
