#!/usr/bin/env python3
"""Write the release checklist fixtures: a previous release and two candidates, 25
samples per benchmark and run. Seeded (random.seed(14)): python3 make-release.py

- base-run1..5.json: the previous release, 5 runs, 125 samples per benchmark.
- good-run1..5.json: a candidate within 1% of it on the same machine.
- bad-run1..3.json: a candidate with 3 runs (75 samples), 6% slower parsing, on
  another host.
- odd-run1..5.json: a candidate like the good one whose fourth run parses 6% slower
  (a run that stands out), built with another compiler.
"""
import json
import random

random.seed(14)
ENV = {"host": "bench-1", "cpu": "AMD EPYC 7763", "os": "Debian 12", "compiler": "gcc 12.2.0"}


def run(path, parse_ns, gen_tps, env):
    doc = {"schema": "benchgate.results/1", "environment": env, "benchmarks": [
        {"name": "parse", "metrics": [{"name": "time", "unit": "ns", "samples":
            [round(random.gauss(parse_ns, parse_ns * 0.01), 2) for _ in range(25)]}]},
        {"name": "llm/gen", "metrics": [{"name": "tokens_per_sec", "unit": "tok/s", "samples":
            [round(random.gauss(gen_tps, gen_tps * 0.01), 3) for _ in range(25)]}]},
    ]}
    with open(path, "w") as f:
        json.dump(doc, f)
        f.write("\n")


for i in range(1, 6):
    run("base-run%d.json" % i, 1000, 30, ENV)
for i in range(1, 6):
    run("good-run%d.json" % i, 1003, 30.1, ENV)
for i in range(1, 4):
    run("bad-run%d.json" % i, 1060, 29.9, dict(ENV, host="laptop"))
for i in range(1, 6):
    run("odd-run%d.json" % i, 1063 if i == 4 else 1003, 30.1, dict(ENV, compiler="gcc 13.2.0"))
