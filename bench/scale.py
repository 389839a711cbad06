#!/usr/bin/env python3
"""A result set of benchgate's own bench as if benchgate were FACTOR times slower: every
sample of a metric in seconds (cpu, wall) times FACTOR, the rest as it is. Reads a
benchgate results or baseline file, writes benchgate.results/1 to standard output. The
golden case bench-check-slower uses it on baselines/bench.json.

Usage: bench/scale.py FACTOR FILE
"""
import json
import sys

if len(sys.argv) != 3:
    sys.exit(__doc__)
factor = float(sys.argv[1])
doc = json.load(open(sys.argv[2]))
out = {"schema": "benchgate.results/1", "benchmarks": []}
for b in doc["benchmarks"]:
    metrics = []
    for m in b["metrics"]:
        m = dict(m)
        if m.get("unit") == "s":
            m["samples"] = [v * factor for v in m["samples"]]
        metrics.append(m)
    out["benchmarks"].append({"name": b["name"], "metrics": metrics})
json.dump(out, sys.stdout, indent=1)
sys.stdout.write("\n")
