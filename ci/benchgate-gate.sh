#!/bin/sh
# benchgate in GitHub Actions, one script for action.yml and ci/github-actions.yml:
# fetch the baselines (git notes), then on a pull request gate the results against the
# baseline (annotations on stdout, the Markdown report in the job summary), and on a
# push to the default branch save the results as the note of the commit and push it,
# fetching and saving again when another job pushed notes first.
#
# Settings (the action's inputs), from the environment:
#   BENCHGATE_RESULTS         result files, separated by white space (globs are expanded)
#   BENCHGATE_MODE            smoke (default) or official
#   BENCHGATE_THRESHOLD       threshold in percent ("5" or "5%"); empty: the mode's
#   BENCHGATE_BASELINE        baseline spec for check (default: auto)
#   BENCHGATE_INPUT_FORMAT    format of the result files; empty: detected
#   BENCHGATE_SAVE            true (default): save the note on pushes to the default branch
#   BENCHGATE_DEFAULT_BRANCH  the default branch (default: main)
#   BENCHGATE_NOTES_REF       notes ref of the store (default: refs/notes/benchgate)
#   BENCHGATE_REMOTE          the remote to fetch notes from and push them to (default: origin)
#   BENCHGATE_PUSH_TRIES      pushes tried before giving up (default: 5)
#   BENCHGATE                 the benchgate command (split at blanks); default: benchgate
#                             on PATH, else the one built from the source tree this
#                             script is in (installing the -dev packages with apt-get)
# and GitHub's: GITHUB_EVENT_NAME, GITHUB_REF, GITHUB_BASE_REF, GITHUB_STEP_SUMMARY.
#
# Exit: benchgate's code for check (0 pass, 1 gate failed, 2 usage, 3 bad input,
# 4 store/git/IO); 0 when the note was saved and pushed; 4 when the push kept failing;
# 2 for a bad setting here.
set -u

say() { echo "benchgate-gate: $*" >&2; }

results=${BENCHGATE_RESULTS:-}
mode=${BENCHGATE_MODE:-smoke}
threshold=${BENCHGATE_THRESHOLD:-}
baseline=${BENCHGATE_BASELINE:-auto}
input_format=${BENCHGATE_INPUT_FORMAT:-}
save=${BENCHGATE_SAVE:-true}
default_branch=${BENCHGATE_DEFAULT_BRANCH:-main}
notes_ref=${BENCHGATE_NOTES_REF:-refs/notes/benchgate}
remote=${BENCHGATE_REMOTE:-origin}
tries=${BENCHGATE_PUSH_TRIES:-5}
event=${GITHUB_EVENT_NAME:-}
ref=${GITHUB_REF:-}

case "$save" in
true | yes | 1) save=1 ;;
false | no | 0 | "") save=0 ;;
*) say "save: expected true or false, not '$save'"; exit 2 ;;
esac
case "$tries" in
'' | *[!0-9]*) say "push tries: '$tries' is not a number"; exit 2 ;;
esac
# Word splitting and globbing of the list are wanted: "results/*.json bench.txt".
# shellcheck disable=SC2086
set -- $results
[ $# -gt 0 ] || { say "no result files given (BENCHGATE_RESULTS, the action's 'results')"; exit 2; }
for f in "$@"; do
	[ -e "$f" ] || { say "result file '$f' does not exist"; exit 3; }
done

# The benchgate to run: as told, on PATH, or built from this source tree.
bg=${BENCHGATE:-}
if [ -z "$bg" ]; then
	if command -v benchgate >/dev/null 2>&1; then
		bg=benchgate
	else
		src=$(cd "$(dirname "$0")/.." && pwd)
		[ -f "$src/Makefile" ] || { say "benchgate is not on PATH and '$src' is no source tree"; exit 2; }
		if ! pkg-config --exists gsl jansson libgit2 expat 2>/dev/null; then
			sudo=""
			[ "$(id -u)" -ne 0 ] && sudo="sudo"
			say "installing the build dependencies"
			if ! { $sudo apt-get update -qq &&
				$sudo apt-get install -y -qq --no-install-recommends gcc make pkg-config \
					libgsl-dev libjansson-dev libgit2-dev libexpat1-dev </dev/null >/dev/null; }; then
				say "cannot install the build dependencies"
				exit 4
			fi
		fi
		make -s -C "$src" >&2 || { say "cannot build benchgate in '$src'"; exit 4; }
		bg="$src/build/benchgate"
	fi
fi

# The baselines of the repository: absent on the first run, which is no error here
# (check says there is no baseline; save creates the ref).
git fetch --quiet "$remote" "+$notes_ref:$notes_ref" 2>/dev/null || say "no baselines fetched from '$remote' yet"

if [ "$event" = push ] && [ "$ref" = "refs/heads/$default_branch" ]; then
	[ "$save" = 1 ] || { say "push to $default_branch: saving is off, nothing to do"; exit 0; }
	# An identity for the notes commit, unless the repository has one.
	git config user.email >/dev/null 2>&1 || {
		git config user.name "github-actions[bot]"
		git config user.email "41898282+github-actions[bot]@users.noreply.github.com"
	}
	try=1
	while [ "$try" -le "$tries" ]; do
		$bg baseline save --git --mode "$mode" --notes-ref "$notes_ref" \
			${input_format:+"--input-format=$input_format"} "$@" || exit $?
		if git push --quiet "$remote" "$notes_ref"; then
			head=$(git rev-parse --short HEAD)
			say "saved the baseline of $head in $notes_ref and pushed it"
			if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
				{
					echo "**benchgate**: saved as the baseline of $head ($notes_ref)."
					echo
					$bg stats -f markdown ${input_format:+"--input-format=$input_format"} "$@"
				} >>"$GITHUB_STEP_SUMMARY" ||
					say "cannot write the job summary '$GITHUB_STEP_SUMMARY'"
			fi
			exit 0
		fi
		# Another job pushed notes meanwhile: take theirs and save again (the save
		# merges this commit's suite into them).
		say "push of $notes_ref rejected (try $try of $tries): fetching and saving again"
		git fetch --quiet "$remote" "+$notes_ref:$notes_ref"
		try=$((try + 1))
	done
	say "could not push $notes_ref after $tries tries"
	exit 4
fi

# Everything else is gated: a pull request against its target (GITHUB_BASE_REF), any
# other event against the default branch.
target=""
[ "$baseline" = auto ] && [ -z "${GITHUB_BASE_REF:-}" ] && target=$default_branch
$bg check --baseline "$baseline" --mode "$mode" --notes-ref "$notes_ref" \
	${threshold:+"--threshold=$threshold"} ${input_format:+"--input-format=$input_format"} \
	${target:+"--target=$target"} -f github "$@"
