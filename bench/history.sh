#!/bin/sh
# make bench (from bench/run.sh): time `benchgate history` over a repository of
# HISTORY_COMMITS (10000) commits, each with a note of HISTORY_BENCHES (100) benchmarks
# of HISTORY_SAMPLES (10) samples and its summary blob, built with git fast-import
# (bench/history.py) once and kept in bench/out, then verified: its last note is read
# back by `baseline show`.
set -e
cd "$(dirname "$0")/.."
bin="$(pwd)/${BUILD:-build}/benchgate"
commits=${HISTORY_COMMITS:-10000}
benches=${HISTORY_BENCHES:-100}
samples=${HISTORY_SAMPLES:-10}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The repository is generated once per (size, generator) and kept in bench/out (not in
# git); HISTORY_REBUILD=1 builds it again.
gen=$(cksum < bench/history.py | cut -d' ' -f1)
key=$gen
[ "${HISTORY_REPACK:-0}" != 0 ] && key="$gen-repacked"
repo="$(pwd)/bench/out/history-$commits-$benches-$samples-$key"
if [ -d "$repo/.git" ] && [ "${HISTORY_REBUILD:-0}" = 0 ]; then
	size=$(du -sh "$repo/.git" | cut -f1)
	echo "history: reusing $commits commits x $benches benchmarks x $samples samples ($size) in ${repo#$(pwd)/}"
else
	for old in bench/out/history-"$commits-$benches-$samples"-*; do   # older generators'
		case "$old" in *-"$gen"|*-"$gen"-repacked) ;; *) rm -rf "$old" ;; esac
	done
	rm -rf "$repo" "$repo.new"
	mkdir -p bench/out
	git init -q -b main "$repo.new"
	start=$(date +%s.%N)
	python3 bench/history.py commits "$commits" | (cd "$repo.new" && git fast-import --quiet)
	(cd "$repo.new" && git rev-list --reverse main) |
		python3 bench/history.py notes "$benches" "$samples" |
		(cd "$repo.new" && git fast-import --quiet)
	(cd "$repo.new" && git checkout -q main)
	# HISTORY_REPACK=1: the deltas git's packer would choose (git gc, a fetch), not
	# fast-import's; about a minute more. The repository's name says which.
	if [ "${HISTORY_REPACK:-0}" != 0 ]; then
		(cd "$repo.new" && git repack -a -d -f -q)
	fi
	built=$(date +%s.%N)
	mv "$repo.new" "$repo"
	size=$(du -sh "$repo/.git" | cut -f1)
	echo "history: built $commits commits x $benches benchmarks x $samples samples ($size) in $(awk "BEGIN{printf \"%.2f\", $built - $start}") s"
fi
# Wall and CPU time of one history run: "ARGS...": prints "W s wall, U s user".
timed() {
	if [ -x /usr/bin/time ]; then
		(cd "$repo" && /usr/bin/time -f "%e %U %S" -o "$tmp/time" "$bin" history "$@" > "$tmp/out")
		awk '{ printf "%.2f s wall, %.2f s CPU (target under 1 s: %s)", $1, $2 + $3,
			$1 < 1 ? "met" : $2 + $3 < 1 ? "met on CPU time only (loaded machine)" : "NOT MET" }' "$tmp/time"
	else
		t0=$(date +%s.%N)
		(cd "$repo" && "$bin" history "$@" > "$tmp/out")
		t1=$(date +%s.%N)
		awk "BEGIN { printf \"%.2f s wall\", $t1 - $t0 }"
	fi
}
echo "history: load average $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores (wall time grows with it)"
for fmt in csv text json; do
	echo "history -f $fmt: $(timed -f $fmt), $(wc -l < "$tmp/out") lines"
	cp "$tmp/out" "$tmp/out.$fmt"
done
echo "history --bench one: $(timed --bench 'bench/007')"
grep -c 'level' "$tmp/out.text" | sed 's/^/history: shifts flagged: /'
(cd "$repo" && "$bin" baseline show HEAD > /dev/null) && echo "history: the generated notes read back"
