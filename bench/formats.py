#!/usr/bin/env python3
"""Read rate of the CSV, JSON Lines test report, pytest-benchmark and pyperf readers
(make bench).

Usage: bench/formats.py BENCHGATE [MB]   (default 50)
Generates, once, bench/out/log-MB.csv (the issue's LLM log header, a quoted
generated_text with commas, quotes and newlines in every row) and
bench/out/report-MB.jsonl (test report records), bench/out/pytest-MB.json (5000 rounds
per benchmark, indented as pytest-benchmark writes) and bench/out/pyperf-MB.json (20
runs of 50 values per benchmark), seeded with random.Random(11), and
times the reader alone (build/formatrate: bg_input_read, median of 5) and the whole
`benchgate stats --input-format FMT FILE` (median of 5): rates in MB/s (10^6 bytes),
the reader's against the 100 MB/s target. A measurement, not a test.
"""
import csv
import json
import os
import random
import subprocess
import sys
import time

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "out")
WORDS = ["the", "model", "said", "\"quoted\"", "tokens,", "comma,", "line\nbreak", "end."]
TARGET = 100.0


def gen_csv(path, size):
    rng = random.Random(11)
    header = ["step", "enqueue_latency_ms", "total_latency_ms", "tokens_per_sec",
              "memory_throughput_gb_s", "param_throughput_gb_s", "generated_text", "platform",
              "release", "device", "username", "hostname", "size", "quantize", "seed", "uuid"]
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        row = 0
        while f.tell() < size:
            text = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(10, 50)))
            w.writerow([row % 100, round(rng.uniform(0.1, 0.5), 3),
                        round(rng.uniform(900, 5000), 3), round(rng.uniform(5, 30), 3),
                        round(rng.uniform(30, 90), 3), round(rng.uniform(20, 70), 3), text,
                        "Linux", "6.1.0-18-amd64", "cpu", "ci", "runner-%d" % (row % 3),
                        rng.choice(["7B", "13B", "34B", "70B"]),
                        rng.choice(["q4_0", "q8_0", "f16"]), rng.randrange(1 << 31),
                        "run-%06d" % (row // 100)])
            row += 1


def gen_jsonl(path, size):
    rng = random.Random(11)
    with open(path, "w") as f:
        i = 0
        while f.tell() < size:
            ok = rng.random() > 0.02
            f.write(json.dumps({
                "schema_version": "1.0", "test": "test_case_%03d" % rng.randrange(200),
                "model": rng.choice(["llama-7b", "mistral-7b", "qwen-14b"]),
                "outcome": "passed" if ok else "failed",
                "duration": round(rng.lognormvariate(0, 0.3), 6),
                "hardware_profile": {"cpu": "x86_64", "cores": 2, "memory_gb": 8},
                "system_health": {"swap_used_mb": 0, "zombie_processes": 0},
                "test_start_ts": 1764000000 + i, "test_end_ts": 1764000001 + i}) + "\n")
            i += 1


def gen_pytest(path, size):
    rng = random.Random(11)
    benches, total = [], 0
    while total < size:
        data = [round(rng.lognormvariate(-13, 0.1), 12) for _ in range(5000)]
        benches.append({"group": None, "name": "test_%d" % len(benches),
                        "fullname": "tests/test_x.py::test_%d" % len(benches), "params": None,
                        "param": None, "extra_info": {}, "options": {},
                        "stats": {"min": min(data), "max": max(data), "mean": sum(data) / len(data),
                                  "stddev": 0.0, "rounds": len(data), "median": data[0],
                                  "data": data, "iterations": 1}})
        total += 5000 * 34   # bytes per round, indented
    with open(path, "w") as f:
        json.dump({"machine_info": {"node": "bench"}, "commit_info": {}, "benchmarks": benches,
                   "datetime": "2026-01-01T00:00:00", "version": "3.2.2"}, f, indent=4)


def gen_pyperf(path, size):
    rng = random.Random(11)
    benches, total = [], 0
    while total < size:
        runs = [{"metadata": {"date": "2026-01-01 00:00:00"}, "warmups": [[64, 1e-6]],
                 "values": [rng.lognormvariate(-13, 0.1) for _ in range(50)]} for _ in range(20)]
        benches.append({"metadata": {"name": "bench %d" % len(benches), "loops": 64},
                        "runs": runs})
        total += 20 * (50 * 23 + 80)
    with open(path, "w") as f:
        json.dump({"version": "1.0", "metadata": {"unit": "second"}, "benchmarks": benches}, f)


def timed(binary, fmt, path, repeat=5):
    walls = []
    for _ in range(repeat):
        start = time.perf_counter()
        r = subprocess.run([binary, "stats", "--input-format", fmt, path],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        walls.append(time.perf_counter() - start)
        if r.returncode:
            print("benchgate exited %d on %s" % (r.returncode, path))
            sys.exit(1)
    walls.sort()
    return walls[len(walls) // 2]


def reader_rate(readrate, fmt, path):
    out = subprocess.run([readrate, fmt, path, "5"], check=True, capture_output=True,
                         text=True).stdout.split()
    return float(out[0]), float(out[1]), float(out[2]), float(out[3])


def main():
    binary = os.path.abspath(sys.argv[1])
    readrate = os.path.join(os.path.dirname(binary), "formatrate")
    mb = int(sys.argv[2]) if len(sys.argv) > 2 else 50
    os.makedirs(OUT, exist_ok=True)
    cases = [("csv", os.path.join(OUT, "log-%d.csv" % mb), gen_csv),
             ("testreport", os.path.join(OUT, "report-%d.jsonl" % mb), gen_jsonl),
             ("pytest", os.path.join(OUT, "pytest-%d.json" % mb), gen_pytest),
             ("pyperf", os.path.join(OUT, "pyperf-%d.json" % mb), gen_pyperf)]
    print("reading generated inputs (seed 11): the reader alone, and benchgate stats; median of 5")
    print("(wall: elapsed time; cpu: the process's CPU time, which other jobs on a shared")
    print("machine do not inflate; the target is read against the CPU rate and the wall rate)")
    print("%-11s %8s %8s %8s %8s %8s %8s %8s  %s" % (
        "format", "input MB", "read s", "MB/s", "cpu s", "cpu MB/s", "stats s", "MB/s",
        "target: read >= 100 MB/s"))
    for fmt, path, gen in cases:
        if not os.path.exists(path):
            gen(path, mb * 1000 * 1000)
        size = os.path.getsize(path) / 1e6
        rwall, rate, cpu, crate = reader_rate(readrate, fmt, path)
        wall = timed(binary, fmt, path)
        print("%-11s %8.1f %8.3f %8.1f %8.3f %8.1f %8.3f %8.1f  wall %s, cpu %s" % (
            fmt, size, rwall, rate, cpu, crate, wall, size / wall,
            "met" if rate >= TARGET else "NOT MET", "met" if crate >= TARGET else "NOT MET"))


if __name__ == "__main__":
    main()
