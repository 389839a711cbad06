#!/bin/sh
# make bench: time benchgate check on generated inputs (bench/bench.py says how).
set -e
cd "$(dirname "$0")/.."
python3 bench/bench.py "${BUILD:-build}/benchgate" ${BENCH_CASES:-1000x100 1000x1000}
sh bench/history.sh   # history over 10,000 commits with notes (docs/baselines.md)
