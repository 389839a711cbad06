#!/usr/bin/env python3
"""Write the JSON Lines test report fixtures (no standard tool writes this schema).

Usage: python3 tests/data/testreport/make-fixtures.py   (from the repository root)
Each record is what a test harness appends after a test: the durations are real,
measured here with time.perf_counter() around small workloads; outcomes, hardware
profile and system health are as such a harness reports them. Seeded, so the
outcome pattern is the same on every run; the durations differ run to run.
"""
import json
import os
import random
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BAD = os.path.join(HERE, "bad")
PROFILE = {"cpu": "x86_64", "cores": 2, "memory_gb": 8}


def work(n):
    return sorted(str(i) for i in range(n, 0, -1))


def records(rng, scale, count, swap=0.0, zombies=0, fail_every=0):
    ts = 1764000000.0
    for i in range(count):
        for test, n in (("test_tokenize", 3000), ("test_generate", 9000)):
            for model in ("llama-7b", "mistral-7b"):
                start = time.perf_counter()
                work(int(n * scale))
                dur = time.perf_counter() - start
                outcome = "passed"
                if fail_every and i % fail_every == fail_every - 1 and model == "llama-7b":
                    outcome = "failed" if test == "test_generate" else "skipped"
                rec = {"schema_version": "1.0", "test": test, "model": model,
                       "outcome": outcome, "duration": round(dur, 7),
                       "hardware_profile": PROFILE,
                       "system_health": {"swap_used_mb": swap, "zombie_processes": zombies},
                       "test_start_ts": round(ts, 3), "test_end_ts": round(ts + dur, 3)}
                ts += dur + 0.01
                yield rec


def write(path, recs):
    with open(path, "w") as f:
        for r in recs:
            f.write(json.dumps(r) + "\n")


def main():
    rng = random.Random(7)
    write(os.path.join(HERE, "base.jsonl"), records(rng, 1.0, 12, fail_every=5))
    write(os.path.join(HERE, "current.jsonl"), records(rng, 1.0, 12))
    write(os.path.join(HERE, "unclean.jsonl"), records(rng, 1.0, 12, swap=512.0, zombies=2))
    with open(os.path.join(BAD, "no-duration.jsonl"), "w") as f:
        f.write('{"test": "test_a", "outcome": "passed", "duration": 0.5}\n')
        f.write('{"test": "test_a", "outcome": "passed", "model": "m"}\n')
    with open(os.path.join(BAD, "broken-line.jsonl"), "w") as f:
        f.write('{"test": "test_a", "outcome": "passed", "duration": 0.5}\n')
        f.write('{"test": "test_a", "outcome": "passed", "duration": 0.5\n')
    with open(os.path.join(BAD, "bad-health.jsonl"), "w") as f:
        f.write('{"test": "test_a", "outcome": "passed", "duration": 0.5,'
                ' "system_health": {"swap_used_mb": "lots"}}\n')


if __name__ == "__main__":
    main()
