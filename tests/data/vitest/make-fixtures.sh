#!/bin/sh
# Regenerate the vitest bench fixtures with the real vitest from the npm registry,
# installed in scratch directories outside the repository (JSBENCH, default /tmp/jsbench):
# vitest 4.1.12 and 1.6.1. Neither writes the samples into --outputJson (4.x writes
# "samples": [], 1.x only "sampleCount", even with benchmark.includeSamples).
set -e
here=$(cd "$(dirname "$0")" && pwd)
scratch=${JSBENCH:-/tmp/jsbench}
for v in 1.6.1 4.1.12; do
	d=$scratch/vitest-$v
	mkdir -p "$d/bench"
	[ -d "$d/node_modules/vitest" ] || (cd "$d" && npm init -y >/dev/null && npm install "vitest@$v")
	cp "$here/sort.bench.mjs" "$d/bench/"
done
# The file paths in the output are the scratch directory's: name it the same each time.
cd "$scratch/vitest-4.1.12"
npx vitest bench --run --root bench --outputJson "$here/v4-summary.json" >/dev/null
BENCH_SLOW=1 npx vitest bench --run --root bench --outputJson "$here/v4-summary-slow.json" >/dev/null
cd "$scratch/vitest-1.6.1"
npx vitest bench --run --root bench --outputJson "$here/v1-summary.json" >/dev/null
BENCH_SLOW=1 npx vitest bench --run --root bench --outputJson "$here/v1-summary-slow.json" >/dev/null
