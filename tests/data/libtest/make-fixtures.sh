#!/bin/sh
# Regenerate the cargo bench fixtures: libtest's own #[bench] harness, built by stable
# cargo and rustc with RUSTC_BOOTSTRAP=1 (no crates needed), in a throwaway project
# outside the repository (SCRATCH, default /tmp/libtest).
set -e
here=$(cd "$(dirname "$0")" && pwd)
d=${SCRATCH:-/tmp/libtest}
cargo=${CARGO:-cargo}
mkdir -p "$d/benches" "$d/src"
cat > "$d/Cargo.toml" <<'TOML'
[package]
name = "fixture"
version = "0.1.0"
edition = "2021"

[features]
slow = []

[[bench]]
name = "sums"
TOML
: > "$d/src/lib.rs"
cp "$here/sums.rs" "$d/benches/"
cd "$d"
RUSTC_BOOTSTRAP=1 $cargo bench --offline --bench sums > "$here/bench.txt"
RUSTC_BOOTSTRAP=1 $cargo bench --offline --bench sums --features slow > "$here/bench-slow.txt"
