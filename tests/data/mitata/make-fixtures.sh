#!/bin/sh
# Regenerate the mitata fixtures with the real mitata (1.0.34) from the npm registry,
# installed in a scratch directory outside the repository (JSBENCH, default /tmp/jsbench).
# mitata's own output is 10-30 MB, nearly all of it calibration samples under
# context.noop: trim-noop.mjs cuts those to 16 values each (see README.md).
set -e
here=$(cd "$(dirname "$0")" && pwd)
d=${JSBENCH:-/tmp/jsbench}/mitata-1.0.34
mkdir -p "$d"
[ -d "$d/node_modules/mitata" ] || (cd "$d" && npm init -y >/dev/null && npm install mitata@1.0.34)
cp "$here/bench.mjs" "$here/trim-noop.mjs" "$d/"
cd "$d"
node bench.mjs | node trim-noop.mjs > "$here/samples.json"
node bench.mjs slow | node trim-noop.mjs > "$here/samples-slow.json"
node bench.mjs summary | node trim-noop.mjs > "$here/summary.json"
