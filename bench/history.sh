#!/bin/sh
# make bench (from bench/run.sh): time `benchgate history` over a repository of
# HISTORY_COMMITS (10000) commits, each with a note of HISTORY_BENCHES (100) benchmarks
# of HISTORY_SAMPLES (10) samples and its summary blob, built with git fast-import
# (bench/history.py), then verified: its last note is read back by `baseline show`.
set -e
cd "$(dirname "$0")/.."
bin="$(pwd)/${BUILD:-build}/benchgate"
commits=${HISTORY_COMMITS:-10000}
benches=${HISTORY_BENCHES:-100}
samples=${HISTORY_SAMPLES:-10}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git init -q -b main "$tmp/repo"
start=$(date +%s.%N)
python3 bench/history.py commits "$commits" | (cd "$tmp/repo" && git fast-import --quiet)
(cd "$tmp/repo" && git rev-list --reverse main) |
	python3 bench/history.py notes "$benches" "$samples" |
	(cd "$tmp/repo" && git fast-import --quiet)
(cd "$tmp/repo" && git checkout -q main)
built=$(date +%s.%N)
size=$(du -sh "$tmp/repo/.git" | cut -f1)
echo "history: built $commits commits x $benches benchmarks x $samples samples ($size) in $(awk "BEGIN{printf \"%.2f\", $built - $start}") s"
for fmt in csv text json; do
	t0=$(date +%s.%N)
	(cd "$tmp/repo" && "$bin" history -f $fmt > "$tmp/out.$fmt")
	t1=$(date +%s.%N)
	echo "history -f $fmt: $(awk "BEGIN{printf \"%.2f\", $t1 - $t0}") s, $(wc -l < "$tmp/out.$fmt") lines (goal: under 2 s)"
done
t0=$(date +%s.%N)
(cd "$tmp/repo" && "$bin" history --bench 'bench/007' > /dev/null)
t1=$(date +%s.%N)
echo "history --bench one: $(awk "BEGIN{printf \"%.2f\", $t1 - $t0}") s"
grep -c 'level' "$tmp/out.text" | sed 's/^/history: shifts flagged: /'
(cd "$tmp/repo" && "$bin" baseline show HEAD > /dev/null) && echo "history: the generated notes read back"
