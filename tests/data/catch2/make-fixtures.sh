#!/bin/sh
# Regenerate the Catch2 fixtures with Debian's catch2 (2.13.10, `apt-get install catch2`)
# and g++, in a scratch directory outside the repository (SCRATCH, default /tmp/catch2b).
set -e
here=$(cd "$(dirname "$0")" && pwd)
d=${SCRATCH:-/tmp/catch2b}
mkdir -p "$d"
# Compiled from here so the file names in the output are relative (bench.cpp).
cd "$here"
g++ -O2 -std=c++17 -o "$d/bench" bench.cpp
g++ -O2 -std=c++17 -DBENCH_SLOW -o "$d/bench-slow" bench.cpp
# 100 samples each (the default), fewer resamples than the default 100000: seconds.
"$d/bench" -r xml --benchmark-samples 100 --benchmark-resamples 1000 > "$here/bench.xml"
"$d/bench-slow" -r xml --benchmark-samples 100 --benchmark-resamples 1000 > "$here/bench-slow.xml"
