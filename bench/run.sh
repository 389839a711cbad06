#!/bin/sh
# make bench: time benchgate check on generated inputs (bench/bench.py says how), then
# the reading rate of every input format, then history over many commits.
set -e
cd "$(dirname "$0")/.."
# Speed of check on bench/gen.c's workloads, targets, the growth table; the runs are
# written in benchgate's results format to BUILD/bench/results.json (make bench-check).
python3 bench/bench.py "${BUILD:-build}"
# Reading rate per format on ~50 MB seeded inputs (bench/gen_inputs.py; generated once
# into bench/out and reused): bg_input_read, median of BENCH_REPEAT (default 5) runs.
# BENCH_READ=0 skips it; BENCH_MB sets the size (another size: another bench/out dir).
if [ "${BENCH_READ:-1}" != 0 ]; then
	mb=${BENCH_MB:-50}
	out=bench/out; [ "$mb" = 50 ] || out=bench/out/$mb
	echo
	echo "generating the reading inputs into $out (once; kept for the next run)"
	inputs=$(python3 bench/gen_inputs.py "$out" "$mb")
	echo "reading rate: bg_input_read, median of ${BENCH_REPEAT:-5}; jansson: json_loadb alone on the same bytes, once"
	"${BUILD:-build}/readrate" "${BENCH_REPEAT:-5}" $inputs
fi
sh bench/history.sh   # history over 10,000 commits with notes (docs/baselines.md)
sh bench/noise.sh     # what reading history behind a git baseline adds to check
