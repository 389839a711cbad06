#!/usr/bin/env python3
"""Make the example results that `make demo` checks: a baseline of two runs and a
current result set of two runs (one file each), in benchgate's native format.

Seeded, so the files are the same every time: python3 examples/make-examples.py
Truth built in: 'json/serialize' is 35% slower, 'json/parse-large' 25% faster,
'llm/llama-1b' tokens_per_sec unchanged, 'regex/compile' 3% slower (within 20%),
'hash/sha256' noisy with few samples, 'io/write' only in the current run.
"""
import json
import random

rng = random.Random(20261123)


def samples(median, cv, n):
    return [round(median * rng.lognormvariate(0, cv), 3) for _ in range(n)]


BENCHES = [
    # name, metric, unit, direction, baseline median, current median, cv, n per run
    ("json/parse-small", "time", "ns", "lower", 812.0, 806.0, 0.03, 30),
    ("json/parse-large", "time", "us", "lower", 1540.0, 1155.0, 0.04, 30),
    ("json/serialize", "time", "ns", "lower", 2310.0, 3118.0, 0.05, 30),
    ("regex/compile", "time", "us", "lower", 48.2, 49.6, 0.04, 30),
    ("hash/sha256", "time", "us", "lower", 95.0, 118.0, 0.25, 3),
    ("llm/llama-1b", "tokens_per_sec", "tok/s", "higher", 17.1, 17.0, 0.04, 10),
]


def result_set(which, run, extra=()):
    benches = []
    for name, metric, unit, direction, base, cur, cv, n in BENCHES:
        median = base if which == "baseline" else cur
        benches.append({
            "name": name,
            "metrics": [{"name": metric, "unit": unit, "direction": direction,
                         "samples": samples(median, cv, n)}],
        })
    benches.extend(extra)
    return {
        "schema": "benchgate.results/1",
        "environment": {"host": "ci-runner-3", "cpu": "AMD EPYC 7763", "os": "Debian 12",
                        "compiler": "gcc 12.2.0", "run": run},
        "benchmarks": benches,
    }


def write(path, doc):
    with open(path, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


# The baseline: two runs in one file, told apart by "runs".
b1, b2 = result_set("baseline", 1), result_set("baseline", 2)
for x, y in zip(b1["benchmarks"], b2["benchmarks"]):
    m, m2 = x["metrics"][0], y["metrics"][0]
    m["runs"] = [0] * len(m["samples"]) + [1] * len(m2["samples"])
    m["samples"] += m2["samples"]
b1["environment"].pop("run")
write("examples/baseline.json", b1)

new = {"name": "io/write", "metrics": [{"name": "time", "unit": "ms", "samples": samples(4.2, 0.05, 20)}]}
write("examples/current-run1.json", result_set("current", 1, [new]))
write("examples/current-run2.json", result_set("current", 2))
