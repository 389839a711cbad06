#!/usr/bin/env python3
"""Turn run1.json (pytest-benchmark, seconds) into native-us.json (benchgate's native
format, microseconds): the baseline of the cross-format, cross-unit CLI case."""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(HERE, "run1.json")) as f:
    doc = json.load(f)
out = {"schema": "benchgate.results/1", "benchmarks": [
    {"name": b["fullname"], "metrics": [{"name": "time", "unit": "us", "direction": "lower",
                                         "samples": [x * 1e6 for x in b["stats"]["data"]]}]}
    for b in doc["benchmarks"]]}
with open(os.path.join(HERE, "native-us.json"), "w") as f:
    json.dump(out, f, indent=1)
