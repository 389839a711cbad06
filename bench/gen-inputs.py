#!/usr/bin/env python3
"""Generate the reading benchmark's inputs (make bench): about SIZE MB (default 50) of
each JSON format benchgate reads, seeded, written to DIR (default bench/out):

  native-50mb.json     benchgate.results/1: 1000 benchmarks, 2 metrics each
  hyperfine-50mb.json  hyperfine --export-json: 100 commands, times in seconds
  llm-50mb.jsonl       LLM serving records, one JSON object per line

Usage: bench/gen-inputs.py [DIR [SIZE_MB]]. A file that exists is kept.
"""
import json
import os
import random
import sys


def native(path, target, rng):
    benches = 1000
    per = max(1, target // (benches * 2 * 15))   # ~15 bytes a sample, indented
    doc = {"schema": "benchgate.results/1", "benchmarks": []}
    for b in range(benches):
        med = 1000.0 * (1 + b % 17)
        doc["benchmarks"].append({"name": "bench/%05d" % b, "metrics": [
            {"name": "time", "unit": "ns", "direction": "lower",
             "samples": [round(med * rng.lognormvariate(0, 0.05), 3) for _ in range(per)]},
            {"name": "bytes", "unit": "B",
             "samples": [rng.randrange(1, 1 << 20) for _ in range(per)]}]})
    with open(path, "w") as f:
        json.dump(doc, f, indent=1)   # pretty: lines and columns as people write them


def hyperfine(path, target, rng):
    commands = 100
    per = max(1, target // (commands * 40))   # ~40 bytes a time and exit code, indented
    results = []
    for c in range(commands):
        times = [0.01 * (1 + c % 7) * rng.lognormvariate(0, 0.05) for _ in range(per)]
        results.append({"command": "sleep 0.%02d # %d" % (c % 7, c), "mean": sum(times) / per,
                        "stddev": 0.0, "median": sorted(times)[per // 2], "user": 0.001,
                        "system": 0.002, "min": min(times), "max": max(times),
                        "times": times, "exit_codes": [0] * per})
    with open(path, "w") as f:
        json.dump({"results": results}, f, indent=2)


def llm(path, target, rng):
    with open(path, "w") as f:
        size = 0
        i = 0
        while size < target:
            rec = {"model_id": "model-%02d" % (i % 20), "instance_id": "i-%08x" % rng.getrandbits(32),
                   "prompt": "Explain \"benchmarks\" in \u00e9t\u00e9 %d" % i,
                   "tps": round(rng.lognormvariate(4, 0.1), 3),
                   "elapsed_s": round(rng.lognormvariate(0, 0.1), 6),
                   "ttft_ms": round(rng.lognormvariate(3, 0.2), 3),
                   "tokens": rng.randrange(100, 2000)}
            line = json.dumps(rec, ensure_ascii=False) + "\n"
            f.write(line)
            size += len(line.encode())
            i += 1


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "out")
    mb = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    target = mb * 1000 * 1000
    os.makedirs(out, exist_ok=True)
    for name, fn, seed in (("native-%dmb.json", native, 1), ("hyperfine-%dmb.json", hyperfine, 2),
                           ("llm-%dmb.jsonl", llm, 3)):
        path = os.path.join(out, name % mb)
        if not os.path.exists(path):
            fn(path + ".tmp", target, random.Random(seed))
            os.rename(path + ".tmp", path)
        print(path)


if __name__ == "__main__":
    main()
