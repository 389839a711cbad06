#!/usr/bin/env python3
"""Write the axis fixtures that no standard tool writes: a per-step CSV log along two
axes (backend x quant) and per-run LLM JSON records from two machines.

Usage: python3 tests/data/axis/make-fixtures.py   (from the repository root)
Deterministic: seeded with random.Random(13); the csv module writes RFC 4180 (\\r\\n).
decode.txt is not written here: go/make-fixtures.sh measures it with go test.
"""
import csv
import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))


def steps(rng):
    """backend x quant x 8 steps of one model: tinygrad ~8% slower, q8 ~45% slower."""
    out = []
    for backend, bf in (("llama.cpp", 1.0), ("tinygrad", 1.08)):
        for quant, qf in (("q4", 1.0), ("q8", 1.45)):
            for step in range(8):
                lat = 40.0 * bf * qf * rng.lognormvariate(0, 0.03)
                out.append({"backend": backend, "quant": quant, "model": "llama-1b",
                            "step": step, "latency_ms": round(lat, 3),
                            "tokens_per_s": round(1000.0 / lat * 16, 2)})
    return out


def write_steps(rng):
    path = os.path.join(HERE, "steps.csv")
    cols = ["backend", "quant", "model", "step", "latency_ms", "tokens_per_s"]
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=cols)
        w.writeheader()
        for row in steps(rng):
            w.writerow(row)


def write_llm(rng):
    """Three runs per machine, four requests per model per run: m3-ultra ~30% slower."""
    for hw, hf in (("m4-pro", 1.0), ("m3-ultra", 1.3)):
        d = os.path.join(HERE, "llm", hw)
        os.makedirs(d, exist_ok=True)
        for run in range(1, 4):
            with open(os.path.join(d, "run%d.json" % run), "w") as f:
                for model, mf in (("llama-1b", 1.0), ("llama-8b", 5.5)):
                    for req in range(4):
                        tokens = 128
                        ttft = 30.0 * mf * hf * rng.lognormvariate(0, 0.04)
                        per_tok = 9.0 * mf * hf * rng.lognormvariate(0, 0.03)
                        elapsed = (ttft + per_tok * tokens) / 1000.0
                        rec = {"model_id": model, "instance_id": hw + "-0",
                               "prompt": "request %d" % req, "tokens": tokens,
                               "elapsed_s": round(elapsed, 4),
                               "tokens_per_s": round(tokens / elapsed, 2),
                               "ttft_ms": round(ttft, 2)}
                        f.write(json.dumps(rec) + "\n")


def write_spread(rng):
    """A CPU and a GPU backend ~30x apart, for the report's log scale."""
    path = os.path.join(HERE, "spread.csv")
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["backend", "model", "latency_ms"])
        for backend, level in (("cpu", 600.0), ("gpu", 20.0)):
            for model, mf in (("llama-1b", 1.0), ("llama-8b", 6.0)):
                for _ in range(10):
                    w.writerow([backend, model, round(level * mf * rng.lognormvariate(0, 0.05), 3)])


def main():
    rng = random.Random(13)
    write_steps(rng)
    write_llm(rng)
    write_spread(rng)


if __name__ == "__main__":
    main()
