#!/bin/sh
# make bench: time benchgate check on generated inputs (bench/bench.py says how).
set -e
cd "$(dirname "$0")/.."
python3 bench/bench.py "${BUILD:-build}/benchgate" ${BENCH_CASES:-1000x100 1000x1000}
# Reading rate of each JSON reader on ~50 MB inputs (bench/gen-inputs.py, kept in
# bench/out), beside jansson parsing the same bytes; BENCH_READ=0 skips it.
if [ "${BENCH_READ:-1}" != 0 ]; then
	echo
	python3 bench/gen-inputs.py bench/out "${BENCH_MB:-50}" >/dev/null
	echo "reading: bg_input_read, best of 3; jansson: json_loadb alone on the same bytes"
	"${BUILD:-build}/readbench" 3 native=bench/out/native-"${BENCH_MB:-50}"mb.json \
		hyperfine=bench/out/hyperfine-"${BENCH_MB:-50}"mb.json \
		llm=bench/out/llm-"${BENCH_MB:-50}"mb.jsonl
fi
