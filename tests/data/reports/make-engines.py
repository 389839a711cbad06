#!/usr/bin/env python3
"""Write engines.json: two LLM engines on two prompts, for the budgets and targets cases.

Seeded (random.seed(6)), so the file is the same on every run: python3 make-engines.py
"""
import json
import random

random.seed(6)


def samples(n, centre, spread):
    return [round(random.gauss(centre, spread), 2) for _ in range(n)]


benches = []
# engine-a is fast; engine-b has a slower first token and a heavier tail on "code".
for engine, ttft, tps in (("engine-a", 150, 24.0), ("engine-b", 135, 22.0)):
    for prompt, extra in (("chat", 0), ("code", 40)):
        benches.append({"name": "%s/%s" % (engine, prompt), "metrics": [
            {"name": "ttft_ms", "unit": "ms", "samples": samples(80, ttft + extra, 12)},
            {"name": "tokens_per_sec", "unit": "tok/s",
             "samples": samples(40, tps - extra / 20, 1.5 if engine == "engine-a" else 4)},
        ]})
doc = {"schema": "benchgate.results/1",
       "environment": {"host": "bench-1", "cpu": "AMD EPYC 7763", "os": "Debian 12",
                       "compiler": "gcc 12.2.0"},
       "benchmarks": benches}
with open("engines.json", "w") as f:
    json.dump(doc, f, indent=1)
    f.write("\n")
