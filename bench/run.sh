#!/bin/sh
# make bench: time benchgate check on generated inputs (bench/bench.py says how).
set -e
cd "$(dirname "$0")/.."
python3 bench/bench.py "${BUILD:-build}/benchgate" ${BENCH_CASES:-1000x100 1000x1000}
# Reading rate per format on ~50 MB generated inputs (bench/gen_inputs.py, seeded).
for f in ${READ_FORMATS:-gotest gbench}; do
	ext=json; [ "$f" = gotest ] && ext=txt
	[ -f "bench/out/$f.$ext" ] || python3 bench/gen_inputs.py "$f" "bench/out/$f.$ext"
	set -- "$@" "bench/out/$f.$ext"
done
echo
echo "reading rate, bg_input_read alone, median of 5"
"${BUILD:-build}/readrate" "$@"
python3 bench/formats.py "${BUILD:-build}/benchgate" ${BENCH_FORMAT_MB:-50}
sh bench/history.sh   # history over 10,000 commits with notes (docs/baselines.md)
