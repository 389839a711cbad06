#!/bin/sh
# Regenerate the benchmark.js fixtures with the real benchmark (2.1.4) from the npm
# registry, installed in a scratch directory outside the repository (JSBENCH, default
# /tmp/jsbench).
set -e
here=$(cd "$(dirname "$0")" && pwd)
d=${JSBENCH:-/tmp/jsbench}/benchmark-2.1.4
mkdir -p "$d"
[ -d "$d/node_modules/benchmark" ] || (cd "$d" && npm init -y >/dev/null && npm install benchmark@2.1.4)
cp "$here/bench.js" "$d/"
cd "$d"
node bench.js > "$here/suite.json"
node bench.js slow > "$here/suite-slow.json"
