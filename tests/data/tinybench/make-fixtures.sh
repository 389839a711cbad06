#!/bin/sh
# Regenerate the tinybench fixtures with the real tinybench from the npm registry,
# installed in scratch directories outside the repository (JSBENCH, default /tmp/jsbench).
set -e
here=$(cd "$(dirname "$0")" && pwd)
scratch=${JSBENCH:-/tmp/jsbench}
for v in 2.9.0 6.2.5; do
	d=$scratch/tinybench-$v
	mkdir -p "$d"
	[ -d "$d/node_modules/tinybench" ] || (cd "$d" && npm init -y >/dev/null && npm install "tinybench@$v")
	cp "$here/bench.mjs" "$d/"
done
cd "$scratch/tinybench-2.9.0"
node bench.mjs tasks > "$here/v2-tasks.json"
node bench.mjs tasks slow > "$here/v2-tasks-slow.json"
node bench.mjs results > "$here/v2-results.json"
cd "$scratch/tinybench-6.2.5"
node bench.mjs samples > "$here/v6-samples.json"
node bench.mjs named > "$here/v6-summary.json"
node bench.mjs named slow > "$here/v6-summary-slow.json"
