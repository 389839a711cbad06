#!/usr/bin/env python3
"""Write summary-only JSON fixtures: what benchmark frameworks export when they keep
no raw samples (mean, median or p50, p95, p99, stddev, count per metric).

Usage: python3 tests/data/summary/make-fixtures.py   (from the repository root)
No standard tool writes this shape; the numbers are real, measured here with
time.perf_counter() (per call, in milliseconds and microseconds) and summarised with
Python's statistics module (quantiles: method='inclusive', R type 7).
"""
import json
import os
import statistics
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def measure(fn, n, scale):
    xs = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        xs.append((time.perf_counter() - t) * scale)
    return xs


def summary(xs, unit, p50=False):
    q = statistics.quantiles(xs, n=100, method="inclusive")
    s = {"mean": statistics.fmean(xs), "p95": q[94], "p99": q[98],
         "stddev": statistics.stdev(xs), "count": len(xs), "unit": unit}
    s["p50" if p50 else "median"] = statistics.median(xs)
    return s


def suite(path, n):
    doc = {"benchmarks": [
        {"name": "sort", "metrics": {
            "latency": summary(measure(lambda: sorted(range(n, 0, -1)), 200, 1e3), "ms")}},
        {"name": "join", "metrics": {
            "latency": summary(measure(lambda: ",".join(map(str, range(n))), 200, 1e6), "us",
                               p50=True)}},
    ]}
    with open(path, "w") as f:
        json.dump(doc, f, indent=2, sort_keys=True)


if __name__ == "__main__":
    suite(os.path.join(HERE, "base.json"), 20000)
    suite(os.path.join(HERE, "current.json"), 30000)
