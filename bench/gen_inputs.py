#!/usr/bin/env python3
"""Generate large reader inputs for make bench (bench/readrate.c times reading them).

Usage: bench/gen_inputs.py FORMAT OUT [MB]   FORMAT is gotest or gbench; about MB
megabytes (default 50), seeded, so every run reads the same bytes. Not committed:
bench/out/ is a build output.

gotest: go test -bench text as `go test -bench . -count N -benchmem` writes it: 1000
benchmarks (sub-benchmarks with -2 suffixes), each line ns/op, MB/s, B/op, allocs/op,
with the configuration header and a PASS/ok trailer per package of 100 benchmarks.
gbench: Google Benchmark JSON with 1000 run_names, iteration rows with
items_per_second counters.
"""
import json
import os
import random
import sys


def gotest(f, target, rng):
    size = 0
    pkg = 0
    while size < target:
        head = "goos: linux\ngoarch: amd64\npkg: example.com/p%d\ncpu: AMD EPYC\n" % pkg
        f.write(head)
        size += len(head)
        lines = []
        for rep in range(50):
            for b in range(100):
                name = "BenchmarkOp%d/size=%d-2" % (pkg * 100 + b, 1 << (b % 12))
                ns = 1000.0 * (1 + b % 17) * rng.lognormvariate(0, 0.05)
                lines.append("%-40s\t%8d\t%12.2f ns/op\t%8.2f MB/s\t%8d B/op\t%8d allocs/op\n" % (
                    name, rng.randint(1000, 2000000), ns, 1e3 / ns * 64, 64 * (b % 5), b % 5))
        text = "".join(lines) + "PASS\nok  \texample.com/p%d\t12.345s\n" % pkg
        f.write(text)
        size += len(text)
        pkg = (pkg + 1) % 10


def gbench(f, target, rng):
    rows = []
    size = 0
    while size < target:
        for b in range(1000):
            t = 1000.0 * (1 + b % 17) * rng.lognormvariate(0, 0.05)
            row = {"name": "BM_Op/%d" % b, "family_index": b, "per_family_instance_index": 0,
                   "run_name": "BM_Op/%d" % b, "run_type": "iteration", "repetitions": 0,
                   "repetition_index": 0, "threads": 1, "iterations": rng.randint(1000, 2000000),
                   "real_time": t, "cpu_time": t * 0.99, "time_unit": "ns",
                   "items_per_second": 1e9 / t}
            rows.append(row)
            size += 410
    doc = {"context": {"date": "2026-01-01T00:00:00+00:00", "host_name": "bench", "num_cpus": 2,
                       "library_build_type": "release"}, "benchmarks": rows}
    json.dump(doc, f, indent=2)


def main():
    fmt, out = sys.argv[1], sys.argv[2]
    target = int(float(sys.argv[3]) * 1e6) if len(sys.argv) > 3 else 50 * 1000 * 1000
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    rng = random.Random(7)
    with open(out, "w") as f:
        {"gotest": gotest, "gbench": gbench}[fmt](f, target, rng)


if __name__ == "__main__":
    main()
