#!/bin/sh
# make bench (from bench/run.sh): what history as the noise floor costs `check`. A
# repository of NOISE_COMMITS (60) commits, each with a note of NOISE_BENCHES (1000)
# benchmarks of 10 samples (bench/history.py, kept in bench/out), and a current result
# file of the same benchmarks; `check --baseline HEAD` with the default 20 notes of
# history and with --no-history, the median of NOISE_REPEAT (5) runs each (goal: the
# difference under 100 ms).
set -e
cd "$(dirname "$0")/.."
bin="$(pwd)/${BUILD:-build}/benchgate"
commits=${NOISE_COMMITS:-60}
benches=${NOISE_BENCHES:-1000}
repeat=${NOISE_REPEAT:-5}
gen=$(cksum < bench/history.py | cut -d' ' -f1)
repo="$(pwd)/bench/out/noise-$commits-$benches-$gen"
if [ ! -d "$repo/.git" ]; then
	rm -rf "$repo" "$repo.new"
	mkdir -p bench/out
	git init -q -b main "$repo.new"
	python3 bench/history.py commits "$commits" | (cd "$repo.new" && git fast-import --quiet)
	(cd "$repo.new" && git rev-list --reverse main) |
		python3 bench/history.py notes "$benches" 10 |
		(cd "$repo.new" && git fast-import --quiet)
	(cd "$repo.new" && git checkout -q main)
	python3 - "$benches" > "$repo.new/current.json" <<'PY'
import json, random, sys
rng = random.Random(7)
n = int(sys.argv[1])
print(json.dumps({"schema": "benchgate.baseline/1", "benchmarks": [
    {"name": "bench/%03d" % b, "metrics": [{"name": "time", "unit": "ns", "direction": "lower",
     "samples": [round(rng.uniform(1000, 100000)) for _ in range(10)]}]} for b in range(n)]}))
PY
	mv "$repo.new" "$repo"
fi
# The median wall and CPU (user + system) time of `check ARGS...` in the repository, in
# ms: "WALL CPU". The machine may be shared: CPU time is the steadier figure.
median_ms() {
	for i in $(seq "$repeat"); do
		t0=$(date +%s%N)
		(cd "$repo" && /usr/bin/time -f "%U %S" -o "$repo/.time" \
			"$bin" check --baseline HEAD "$@" current.json > /dev/null 2>&1) || true
		t1=$(date +%s%N)
		echo "$(( (t1 - t0) / 1000000 )) $(tail -n 1 "$repo/.time" | awk '{ printf "%d", ($1 + $2) * 1000 }')"
	done > "$repo/.times"
	med() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
	echo "$(cut -d' ' -f1 "$repo/.times" | med) $(cut -d' ' -f2 "$repo/.times" | med)"
}
set -- $(median_ms --no-history); without_wall=$1; without_cpu=$2
set -- $(median_ms); with_wall=$1; with_cpu=$2
echo "noise: check of $benches benchmarks against a note (median of $repeat): --no-history $without_wall ms wall, $without_cpu ms CPU; 20 notes of history $with_wall ms wall, $with_cpu ms CPU: +$((with_cpu - without_cpu)) ms CPU (goal: under 100 ms)"
