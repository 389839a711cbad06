#!/bin/sh
# Write ../decode.txt and ../packages.txt with go test (Debian golang-go), from a copy of this module outside
# the repository: go test -bench over BenchmarkDecode's backend x quant sub-benchmarks.
# Usage: sh tests/data/axis/go/make-fixtures.sh   (from the repository root)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp -r "$here/go.mod" "$here/decode_test.go" "$here/scalar" "$here/unrolled" "$tmp/"
cd "$tmp"
export GOFLAGS=-mod=mod GOPROXY=off GOCACHE="$tmp/.cache" HOME="$tmp"
go test -run '^$' -bench 'Decode' -benchtime 20000x -count 6 . > "$here/../decode.txt"
# Two packages, one BenchmarkDot each: the pkg: configuration lines tell them apart.
go test -run '^$' -bench 'Dot' -benchtime 20000x -count 5 ./scalar ./unrolled > "$here/../packages.txt"
