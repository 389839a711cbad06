#!/bin/sh
# Regenerate criterion-bencher.txt: Criterion.rs 0.3.6 (Debian's librust-criterion-dev,
# offline) printing libtest's bench lines with --output-format bencher, from the
# Criterion fixture's project (tests/data/criterion), in a throwaway directory
# (SCRATCH, default /tmp/crit). Run from the repository root.
set -e
d=${SCRATCH:-/tmp/crit}
c=tests/data/criterion
mkdir -p "$d/benches" "$d/src" "$d/.cargo"
cp $c/Cargo.toml "$d/" && cp $c/benches/sums.rs "$d/benches/"
cp $c/cargo-config.toml "$d/.cargo/config.toml"
: > "$d/src/lib.rs"
out=$(pwd)/tests/data/libtest/criterion-bencher.txt
cd "$d" && ${CARGO:-cargo} bench --bench sums -- --output-format bencher > "$out"
