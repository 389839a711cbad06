#!/bin/sh
# Paired runs in one CI job: build the merge-base and this commit, then run their
# benchmarks interleaved (A B A B ...), so both sides share each moment of the machine,
# and gate with --paired (docs/baselines.md, "Paired runs in one job").
#
# Usage: ci/paired-runs.sh BASE_REF RUNS BUILD_CMD BENCH_CMD [benchgate check options...]
#   BASE_REF   the target branch, e.g. origin/main (the merge-base with HEAD is used)
#   RUNS       pairs of runs, at least 2 (5 for official mode)
#   BUILD_CMD  builds the checkout it runs in, e.g. 'make -j4 bench'
#   BENCH_CMD  runs the benchmarks once and writes results to standard output, in any
#              format benchgate reads, e.g. './build/bench --json'
# Exit code: benchgate's (0 pass, 1 the gate failed, 2-4 errors). BENCHGATE names the
# benchgate to run (default: benchgate on PATH).
set -eu
bg=${BENCHGATE:-benchgate}
[ $# -ge 4 ] || { echo "usage: $0 BASE_REF RUNS BUILD_CMD BENCH_CMD [check options...]" >&2; exit 2; }
base_ref=$1 runs=$2 build_cmd=$3 bench_cmd=$4
shift 4
case $runs in ''|*[!0-9]*) echo "$0: RUNS must be a number, not '$runs'" >&2; exit 2 ;; esac
[ "$runs" -ge 2 ] || { echo "$0: RUNS must be at least 2 (pairs)" >&2; exit 2; }

work=$(mktemp -d)
name=paired-base-$$
trap 'git worktree remove --force "$work/base" >/dev/null 2>&1 || true; rm -rf "$work"; rm -f "baselines/$name.json"' EXIT
merge_base=$(git merge-base HEAD "$base_ref")
echo "paired-runs: baseline $merge_base (merge-base of HEAD and $base_ref), $runs pairs" >&2

# A: the merge-base, in its own worktree; B: this checkout. Build both first.
git worktree add --quiet --detach "$work/base" "$merge_base"
(cd "$work/base" && sh -c "$build_cmd") >&2
sh -c "$build_cmd" >&2

# Alternate, starting with a different side each pair so neither always runs first.
i=1
while [ "$i" -le "$runs" ]; do
	if [ $((i % 2)) -eq 1 ]; then
		(cd "$work/base" && sh -c "$bench_cmd") > "$work/base-$i.out"
		sh -c "$bench_cmd" > "$work/cur-$i.out"
	else
		sh -c "$bench_cmd" > "$work/cur-$i.out"
		(cd "$work/base" && sh -c "$bench_cmd") > "$work/base-$i.out"
	fi
	i=$((i + 1))
done

# Run i of each side is pair i: the files in the same order on both sides.
base_files="" cur_files=""
i=1
while [ "$i" -le "$runs" ]; do
	base_files="$base_files $work/base-$i.out"
	cur_files="$cur_files $work/cur-$i.out"
	i=$((i + 1))
done
# The baseline side as one saved set of runs (baselines/NAME.json keeps each sample's
# run), removed on exit; then the gate on the pairs.
# shellcheck disable=SC2086
"$bg" baseline save -n "$name" $base_files >&2
code=0
# shellcheck disable=SC2086
"$bg" check --paired --baseline "$name" "$@" $cur_files || code=$?
exit $code
