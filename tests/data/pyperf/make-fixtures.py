#!/usr/bin/env python3
"""Write pyperf JSON fixtures without pyperf: Debian bookworm has no python3-pyperf
package and only Debian packages are reachable here (see README.md).

Usage: python3 tests/data/pyperf/make-fixtures.py   (from the repository root)
It measures like `pyperf timeit`: each run is a separate worker process that runs a
calibration warmup, then WARMUPS warmups and VALUES values of LOOPS loops each (value =
time per loop, in seconds, time.perf_counter); the first run is a calibration run with
warmups only. It writes pyperf's JSON layout, version 1.0, as pyperf's own test files
(psf/pyperf pyperf/tests/*.json) show it: {"version", "metadata", "benchmarks":
[{"metadata": {"name", "loops", ...}, "runs": [{"metadata", "warmups": [[loops,
value]...], "values": [...]}]}]}.
"""
import json
import os
import platform
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
STMTS = {"sort 1000 ints": "sorted(range(1000, 0, -1))",
         "join 1000 strs": "','.join(map(str, range(1000)))"}
LOOPS, WARMUPS, VALUES, RUNS = 200, 1, 5, 6


def worker(stmt, calibrate):
    code = compile(stmt, "<stmt>", "exec")

    def once(loops):
        t = time.perf_counter()
        for _ in range(loops):
            exec(code)
        return (time.perf_counter() - t) / loops
    warmups = [[LOOPS, once(LOOPS)] for _ in range(WARMUPS)]
    run = {"metadata": {"date": time.strftime("%Y-%m-%d %H:%M:%S"), "loops": LOOPS},
           "warmups": warmups}
    if calibrate:
        run["metadata"]["calibrate_loops"] = LOOPS
    else:
        run["values"] = [once(LOOPS) for _ in range(VALUES)]
    print(json.dumps(run))


def suite(path, slow=""):
    benches = []
    for name, stmt in STMTS.items():
        runs = []
        for i in range(RUNS + 1):
            out = subprocess.run([sys.executable, __file__, "--worker", slow + stmt, str(i == 0)],
                                 check=True, capture_output=True, text=True).stdout
            runs.append(json.loads(out))
        benches.append({"metadata": {"name": name, "loops": LOOPS, "timeit_stmt": repr(stmt)},
                        "runs": runs})
    doc = {"version": "1.0",
           "metadata": {"unit": "second", "python_version": platform.python_version(),
                        "platform": platform.platform(), "timer": "time.perf_counter()",
                        "hostname": "fixture"},
           "benchmarks": benches}
    with open(path, "w") as f:
        json.dump(doc, f, sort_keys=True)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker(sys.argv[2], sys.argv[3] == "True")
    else:
        suite(os.path.join(HERE, "base.json"))
        suite(os.path.join(HERE, "current.json"))
