#!/usr/bin/env python3
"""benchgate's own benchmark (make bench): generate result sets of B benchmarks x N
samples per side (seeded lognormal noise, a few real changes) and time
`benchgate check` on them, printing wall time and peak memory for each case.

Usage: bench/bench.py BENCHGATE [CASE...]   where CASE is BxN, default 1000x100.
A benchmark, not a test: it prints figures and exits 0 unless benchgate itself fails
(exit 2 or more). Targets are printed beside the figures.
"""
import json
import os
import random
import resource
import subprocess
import sys
import time

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "out")
TARGETS = {"1000x100": (0.5, 100.0)}  # seconds, MB


def generate(path, benches, n, shift, seed):
    rng = random.Random(seed)
    doc = {"schema": "benchgate.results/1", "benchmarks": []}
    for b in range(benches):
        median = 1000.0 * (1 + b % 17)
        factor = shift if b % 50 == 0 else 1.0
        xs = [round(median * factor * rng.lognormvariate(0, 0.05), 4) for _ in range(n)]
        doc["benchmarks"].append({"name": "bench/%05d" % b, "metrics": [
            {"name": "time", "unit": "ns", "direction": "lower", "samples": xs}]})
    with open(path, "w") as f:
        json.dump(doc, f, separators=(",", ":"))


def run_case(binary, benches, n, repeat=5):
    os.makedirs(OUT, exist_ok=True)
    base = os.path.join(OUT, "base-%dx%d.json" % (benches, n))
    cur = os.path.join(OUT, "cur-%dx%d.json" % (benches, n))
    if not os.path.exists(base):
        generate(base, benches, n, 1.0, 1)
    if not os.path.exists(cur):
        generate(cur, benches, n, 1.3, 2)
    size = (os.path.getsize(base) + os.path.getsize(cur)) / 1e6
    walls = []
    cpus = []
    peak = 0
    for _ in range(repeat):
        start = time.perf_counter()
        # Each case in its own child so ru_maxrss is this run's peak.
        pid = os.fork()
        if pid == 0:
            fd = os.open(os.devnull, os.O_WRONLY)
            os.dup2(fd, 1)
            os.execv(binary, [binary, "check", "-b", base, cur])
        _, status, ru = os.wait4(pid, 0)
        walls.append(time.perf_counter() - start)
        cpus.append(ru.ru_utime + ru.ru_stime)
        code = os.waitstatus_to_exitcode(status)
        if code > 1:
            print("benchgate exited %d" % code)
            sys.exit(1)
        peak = max(peak, ru.ru_maxrss / 1024.0)
    walls.sort()
    cpus.sort()
    return walls[len(walls) // 2], walls[0], cpus[len(cpus) // 2], peak, size


def main():
    binary = os.path.abspath(sys.argv[1])
    cases = sys.argv[2:] or ["1000x100"]
    print("benchgate check, median of 5 runs (min), CPU time (user + system, median), peak RSS;")
    print("inputs generated with seeds 1 and 2; load average %.1f on %d CPUs" % (os.getloadavg()[0], os.cpu_count()))
    print("%-10s %10s %10s %10s %10s %10s  %s" % ("case", "input MB", "wall s", "min s", "cpu s", "peak MB", "target"))
    for case in cases:
        b, n = (int(x) for x in case.split("x"))
        wall, best, cpu, peak, size = run_case(binary, b, n)
        target = TARGETS.get(case)
        verdict = ""
        if target:
            ok = wall < target[0] and peak < target[1]
            ok_cpu = cpu < target[0] and peak < target[1]
            verdict = "< %.1f s and < %d MB: %s" % (
                target[0], target[1],
                "met" if ok else "met on CPU time only (loaded machine)" if ok_cpu else "NOT MET")
        print("%-10s %10.1f %10.3f %10.3f %10.3f %10.1f  %s" % (case, size, wall, best, cpu, peak, verdict))


if __name__ == "__main__":
    main()
