#!/bin/sh
# Regenerate the BMF fixtures: benchgate's own BMF writer (stats -f bmf) on fixtures other
# tools wrote (Google Benchmark, benchmark.js and its slowed run, Catch2). Bencher's CLI,
# the other writer of BMF, is not installable here (not in Debian or npm). Run from the
# repository root after make: BENCHGATE names the binary (default build/benchgate).
set -e
bg=${BENCHGATE:-build/benchgate}
d=tests/data
"$bg" stats -f bmf $d/gbench/repetitions.json > $d/bmf/gbench.json
"$bg" stats -f bmf $d/benchmarkjs/suite.json > $d/bmf/benchmarkjs.json
"$bg" stats -f bmf $d/benchmarkjs/suite-slow.json > $d/bmf/benchmarkjs-slow.json
"$bg" stats -f bmf $d/catch2/bench.xml > $d/bmf/catch2.json
