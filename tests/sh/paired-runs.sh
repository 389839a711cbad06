#!/bin/sh
# ci/paired-runs.sh in a throw-away repository: the merge-base and a commit 10% slower,
# built and run interleaved, are a regression (exit 1) under --paired; a commit that
# changes nothing passes (exit 0); a bad RUNS is a usage error (exit 2). The temporary
# baseline and worktree are gone afterwards.
set -u
: "${TOP:?}" "${BUILD:?}"
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
. "$TOP/tests/data/git/lib.sh"          # fixed identities and dates
export BENCHGATE="$TOP/$BUILD/benchgate"
fail() { echo "paired-runs: $*" >&2; exit 1; }

new_repo
# the benchmark: 30 samples around 100 ns times the factor in 'speed', 1% spread, a
# different order on every call (the process id moves the phase)
cat > bench.sh <<'SH'
awk -v s="$(cat speed)" -v o=$$ 'BEGIN {
	printf "{\"benchmarks\": [{\"name\": \"parse\", \"metrics\": [{\"name\": \"time\", \"unit\": \"ns\", \"samples\": ["
	for (i = 1; i <= 30; i++) {
		p = ((i * 7 + o) % 30 + 0.5) / 30
		printf "%s%.4f", (i > 1 ? ", " : ""), s * 100 * (1 + 0.005 * log(p / (1 - p)))
	}
	printf "]}]}]}\n" }'
SH
echo 1 > speed
git add bench.sh speed && commit "base" 01 && git branch target
echo 1.10 > speed && git add speed && commit "slower" 02

sh "$TOP/ci/paired-runs.sh" target 3 true 'sh bench.sh' -t 5 >out 2>err
code=$?
[ $code -eq 1 ] || { cat out err >&2; fail "a 10% slowdown exits $code, not 1"; }
grep -q "regression" out || { cat out >&2; fail "no regression in the report"; }
grep -q "3 pairs" err || { cat err >&2; fail "the pairs are not announced"; }
[ ! -e baselines ] || [ -z "$(ls baselines)" ] || fail "the temporary baseline is left behind"
[ "$(git worktree list | wc -l)" -eq 1 ] || fail "the worktree of the merge-base is left behind"

echo 1 > speed && git add speed && commit "back" 03
sh "$TOP/ci/paired-runs.sh" target 3 true 'sh bench.sh' -t 5 >out 2>err
code=$?
[ $code -eq 0 ] || { cat out err >&2; fail "no change exits $code, not 0"; }

sh "$TOP/ci/paired-runs.sh" target 1 true 'sh bench.sh' >out 2>err
[ $? -eq 2 ] || fail "one pair is not a usage error"
grep -q "at least 2" err || fail "one pair: no reason given"
echo "paired runs: a 10% slowdown fails, no change passes, 1 pair refused"
