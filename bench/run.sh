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
# BENCH_OLD=REV also reads the same inputs with the readers of git revision REV
# (built from `git archive` in bench/out/old-REV), for old and new rates in one run:
# BENCH_OLD=c7f43ab is the last revision whose readers parsed with jansson.
if [ -n "${BENCH_OLD:-}" ] && [ "${BENCH_READ:-1}" != 0 ]; then
	old=bench/out/old-$BENCH_OLD
	if [ ! -f "$old/build/libbenchgate.a" ]; then
		rm -rf "$old" && mkdir -p "$old"
		git archive "$BENCH_OLD" | tar -x -C "$old"
		make -s -C "$old" build/libbenchgate.a >/dev/null
	fi
	${CC:-cc} -std=c11 -D_GNU_SOURCE -O2 -I"$old/include" $(pkg-config --cflags jansson) \
		bench/readbench.c "$old/build/libbenchgate.a" $(pkg-config --libs gsl jansson libgit2) \
		-lm -o "$old/readbench"
	echo "the same with the readers of $BENCH_OLD:"
	"$old/readbench" 3 native=bench/out/native-"${BENCH_MB:-50}"mb.json \
		hyperfine=bench/out/hyperfine-"${BENCH_MB:-50}"mb.json \
		llm=bench/out/llm-"${BENCH_MB:-50}"mb.jsonl
fi
