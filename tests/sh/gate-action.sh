#!/bin/sh
# ci/benchgate-gate.sh (the GitHub Action's script) against a local bare remote, with
# the variables GitHub sets: a push to main saves the note and pushes it; a second
# clone sees it as the baseline of a pull request, which fails on a regression (exit 1,
# annotations, the Markdown report in the job summary) and passes on equal results; a
# push that loses a race with another job fetches, saves again and pushes both notes.
set -u
: "${TOP:?}" "${BUILD:?}"
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
. "$TOP/tests/data/git/lib.sh"          # fixed identities and dates, results()
unset GITHUB_EVENT_NAME GITHUB_REF GITHUB_STEP_SUMMARY BENCHGATE_RESULTS BENCHGATE_MODE \
	BENCHGATE_THRESHOLD BENCHGATE_BASELINE BENCHGATE_INPUT_FORMAT BENCHGATE_SAVE
export BENCHGATE="$TOP/$BUILD/benchgate"
gate="$TOP/ci/benchgate-gate.sh"
fail() { echo "gate-action: $*" >&2; exit 1; }
# run NAME ENV...: the script in the current directory, its output in $tmp/NAME.{out,err}
run() {
	name=$1; shift
	env "$@" sh "$gate" >"$tmp/$name.out" 2>"$tmp/$name.err"
	code=$?
}
show() { cat "$tmp/$1.out" "$tmp/$1.err" >&2; }

# action.yml: every input reaches the script through its variable, and the step runs it.
python3 - "$TOP/action.yml" <<'PY' || fail "action.yml does not pass its inputs to ci/benchgate-gate.sh"
import sys, yaml
a = yaml.safe_load(open(sys.argv[1]))
names = {"results": "BENCHGATE_RESULTS", "mode": "BENCHGATE_MODE", "threshold": "BENCHGATE_THRESHOLD",
         "baseline": "BENCHGATE_BASELINE", "format": "BENCHGATE_INPUT_FORMAT", "save": "BENCHGATE_SAVE",
         "benchgate": "BENCHGATE"}
assert a["runs"]["using"] == "composite"
assert set(a["inputs"]) == set(names), sorted(a["inputs"])
assert a["inputs"]["baseline"]["default"] == "auto" and a["inputs"]["results"]["required"] is True
steps = a["runs"]["steps"]
assert len(steps) == 1 and steps[0]["run"] == 'sh "$GITHUB_ACTION_PATH/ci/benchgate-gate.sh"', steps
for i, v in names.items():
    assert steps[0]["env"][v] == "${{ inputs.%s }}" % i, (i, v)
assert "BENCHGATE_DEFAULT_BRANCH" in steps[0]["env"]
PY

git init -q --bare -b main remote.git
{ git clone -q remote.git ci1 2>/dev/null && cd ci1; } || fail "clone"
commit "first commit" 01
results 100 > "$tmp/base.json"
results 130 > "$tmp/slow.json"
results 100 > "$tmp/same.json"
git push -q origin main || fail "push main"

# A push to main: the note is saved on HEAD and pushed; the job summary gets the stats.
run push1 GITHUB_EVENT_NAME=push GITHUB_REF=refs/heads/main GITHUB_STEP_SUMMARY="$tmp/summary-push.md" \
	BENCHGATE_RESULTS="$tmp/base.json"
[ "$code" = 0 ] || { show push1; fail "push to main: exit $code, not 0"; }
main1=$(git rev-parse main)
git --git-dir="$tmp/remote.git" notes --ref=benchgate show "$main1" >/dev/null 2>&1 ||
	fail "the remote has no note on main's commit"
grep -q '^| parse | time |' "$tmp/summary-push.md" || { cat "$tmp/summary-push.md"; fail "no stats in the summary"; }
# A push to another branch does not save.
run push2 GITHUB_EVENT_NAME=push GITHUB_REF=refs/heads/topic BENCHGATE_RESULTS="$tmp/base.json"
[ "$code" = 0 ] || { show push2; fail "push to a branch with equal results: exit $code"; }

# A second clone, a pull request: the note pushed above is its baseline.
{ cd "$tmp" && git clone -q remote.git ci2 && cd ci2; } || fail "clone 2"
git checkout -q -b feature && commit "feature" 03
[ -z "$(git notes --ref=benchgate list 2>/dev/null)" ] || fail "clone 2 has notes before the script ran"
run pr-slow GITHUB_EVENT_NAME=pull_request GITHUB_REF=refs/pull/1/merge GITHUB_BASE_REF=main \
	GITHUB_STEP_SUMMARY="$tmp/summary-pr.md" BENCHGATE_RESULTS="$tmp/slow.json"
[ "$code" = 1 ] || { show pr-slow; fail "pull request 30% slower: exit $code, not 1"; }
grep -q '^::error title=benchgate%3A parse time regression::regression: ' "$tmp/pr-slow.out" ||
	{ show pr-slow; fail "no error annotation for the regression"; }
grep -q "baseline: note on $(git rev-parse --short=7 "$main1")" "$tmp/pr-slow.err" ||
	{ show pr-slow; fail "the baseline is not the note on main"; }
grep -q '^\*\*benchgate: FAIL\*\* — 1 regression' "$tmp/summary-pr.md" ||
	{ cat "$tmp/summary-pr.md"; fail "no FAIL in the job summary"; }
run pr-same GITHUB_EVENT_NAME=pull_request GITHUB_REF=refs/pull/1/merge GITHUB_BASE_REF=main \
	GITHUB_STEP_SUMMARY="$tmp/summary-pr.md" BENCHGATE_RESULTS="$tmp/same.json" BENCHGATE_THRESHOLD=5%
[ "$code" = 0 ] || { show pr-same; fail "pull request with equal results: exit $code, not 0"; }
grep -q '^\*\*benchgate: PASS\*\*' "$tmp/summary-pr.md" || fail "no PASS in the job summary"
# The mode and threshold reach check: 30% slower passes with a threshold of 40%.
run pr-40 GITHUB_EVENT_NAME=pull_request GITHUB_BASE_REF=main BENCHGATE_RESULTS="$tmp/slow.json" \
	BENCHGATE_THRESHOLD=40
[ "$code" = 0 ] || { show pr-40; fail "threshold 40%: exit $code, not 0"; }
# Without BENCHGATE: the benchgate on PATH (as the Debian package puts it there).
mkdir -p "$tmp/bin" && ln -s "$BENCHGATE" "$tmp/bin/benchgate"
run pr-path GITHUB_EVENT_NAME=pull_request GITHUB_BASE_REF=main BENCHGATE_RESULTS="$tmp/slow.json" \
	BENCHGATE= PATH="$tmp/bin:$PATH"
[ "$code" = 1 ] || { show pr-path; fail "benchgate from PATH: exit $code, not 1"; }
run pr-none GITHUB_EVENT_NAME=pull_request GITHUB_BASE_REF=main BENCHGATE_RESULTS="$tmp/none.json"
[ "$code" = 3 ] || { show pr-none; fail "a missing result file: exit $code, not 3"; }
run pr-bad GITHUB_EVENT_NAME=pull_request GITHUB_BASE_REF=main BENCHGATE_RESULTS="$tmp/same.json" \
	BENCHGATE_SAVE=maybe
[ "$code" = 2 ] || { show pr-bad; fail "save=maybe: exit $code, not 2"; }

# Two jobs on main race: ci1 (commit c3) reads the remote notes, ci3 (c2) pushes its
# note before ci1's push lands (ci1's pre-push hook makes it so). ci1's push is
# rejected; it fetches, saves again and pushes: both notes are on the remote.
cd "$tmp/ci1" && commit "c2" 04 && git push -q origin main && c2=$(git rev-parse HEAD)
{ cd "$tmp" && git clone -q remote.git ci3 && cd ci3; } || fail "clone 3"
git fetch -q origin '+refs/notes/benchgate:refs/notes/benchgate'
$BENCHGATE baseline save --git "$tmp/base.json" >/dev/null 2>&1 || fail "save in ci3"
cd "$tmp/ci1" && commit "c3" 05 && git push -q origin main && c3=$(git rev-parse HEAD)
cat > .git/hooks/pre-push <<HOOK
#!/bin/sh
[ -e "$tmp/raced" ] && exit 0
touch "$tmp/raced"
cd "$tmp/ci3" && env -u GIT_DIR -u GIT_WORK_TREE git push -q origin refs/notes/benchgate
HOOK
chmod +x .git/hooks/pre-push
run race GITHUB_EVENT_NAME=push GITHUB_REF=refs/heads/main BENCHGATE_RESULTS="$tmp/base.json"
[ "$code" = 0 ] || { show race; fail "the raced push: exit $code, not 0"; }
[ -e "$tmp/raced" ] || fail "the race did not happen"
grep -q 'rejected (try 1 of 5): fetching and saving again' "$tmp/race.err" ||
	{ show race; fail "the first push was not rejected"; }
for c in "$main1" "$c2" "$c3"; do
	git --git-dir="$tmp/remote.git" notes --ref=benchgate show "$c" >/dev/null 2>&1 ||
		fail "after the race the remote has no note on $c"
done
echo "push saved and pushed, pull request gated (1 on +30%, 0 on equal), race retried"
