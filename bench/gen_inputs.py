#!/usr/bin/env python3
"""Generate the reading benchmark's inputs (make bench): about MB megabytes (default 50)
of every text or JSON format benchgate reads, seeded (random.Random(SEED) per format),
so every run reads the same bytes. bench/readrate.c times reading them.

Usage: bench/gen_inputs.py [DIR [MB]]   DIR defaults to bench/out (a build output, not
committed). A file that exists is kept: generated once, reused. Prints FORMAT=PATH per
format, as bench/readrate takes them.

  native      benchgate.results/1, 1000 benchmarks, 2 metrics, indented
  hyperfine   hyperfine --export-json, 100 commands, times and exit codes
  llm         LLM serving records, JSON Lines, non-ASCII text
  criterion   one Criterion.rs sample.json (benchmark.json beside it): iters and times
              (bigger than Criterion writes, ~100 samples, but the same shape)
  gbench      Google Benchmark JSON, 1000 run_names, iteration rows, a counter
  gotest      go test -bench -benchmem text, configuration lines, PASS/ok per package
  pytest      pytest-benchmark JSON, 5000 rounds per benchmark in stats.data
  pyperf      pyperf JSON, 20 runs of 50 values per benchmark, a warmup each
  testreport  JSON Lines test reports with hardware_profile and system_health
  summary     summary-only JSON, 10 metrics of mean/median/p95/p99/stddev/count each
  csv         the issue's LLM log header, quoted generated_text with commas, quotes,
              newlines (RFC 4180)
  tinybench   tinybench 2.x tasks (JSON.stringify(bench.tasks)), samples in ms
  vitest      vitest bench --outputJson, summaries only (as vitest writes them)
  mitata      mitata JSON: four fifths of the bytes are calibration samples under
              context.noop (as mitata's 10-30 MB files are), the rest benchmarks' samples
  benchmarkjs benchmark.js benchmarks, stats.sample in seconds, indented
  catch2      Catch2 XML reporter, one BenchmarkResults per benchmark (summaries)
  bmf         Bencher Metric Format, two measures per benchmark, indented
  libtest     cargo bench text, one result line per benchmark
"""
import csv
import json
import os
import random
import sys

WORDS = ["the", "model", "said", "\"quoted\"", "tokens,", "comma,", "line\nbreak", "end."]


def native(f, target, rng):
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
    json.dump(doc, f, indent=1)


def hyperfine(f, target, rng):
    commands = 100
    per = max(1, target // (commands * 40))   # ~40 bytes a time and exit code, indented
    results = []
    for c in range(commands):
        times = [0.01 * (1 + c % 7) * rng.lognormvariate(0, 0.05) for _ in range(per)]
        results.append({"command": "sleep 0.%02d # %d" % (c % 7, c), "mean": sum(times) / per,
                        "stddev": 0.0, "median": sorted(times)[per // 2], "user": 0.001,
                        "system": 0.002, "min": min(times), "max": max(times),
                        "times": times, "exit_codes": [0] * per})
    json.dump({"results": results}, f, indent=2)


def llm(f, target, rng):
    size = i = 0
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


def criterion(f, target, rng):
    n = target // 24   # an iteration count and a time, ~24 bytes
    iters = [float(100 * (k + 1)) for k in range(n)]
    times = [round(it * 1000.0 * rng.lognormvariate(0, 0.05), 1) for it in iters]
    json.dump({"sampling_mode": "Linear", "iters": iters, "times": times}, f)
    with open(os.path.join(os.path.dirname(f.name), "benchmark.json"), "w") as b:
        json.dump({"group_id": "parse", "function_id": "big", "value_str": None,
                   "throughput": {"Bytes": 4096}, "full_id": "parse/big",
                   "directory_name": "parse/big", "title": "parse/big"}, b)


def gbench(f, target, rng):
    rows = []
    size = 0
    while size < target:
        for b in range(1000):
            t = 1000.0 * (1 + b % 17) * rng.lognormvariate(0, 0.05)
            rows.append({"name": "BM_Op/%d" % b, "family_index": b,
                         "per_family_instance_index": 0, "run_name": "BM_Op/%d" % b,
                         "run_type": "iteration", "repetitions": 0, "repetition_index": 0,
                         "threads": 1, "iterations": rng.randint(1000, 2000000),
                         "real_time": t, "cpu_time": t * 0.99, "time_unit": "ns",
                         "items_per_second": 1e9 / t})
            size += 410
    json.dump({"context": {"date": "2026-01-01T00:00:00+00:00", "host_name": "bench",
                           "num_cpus": 2, "library_build_type": "release"},
               "benchmarks": rows}, f, indent=2)


def gotest(f, target, rng):
    size = pkg = 0
    while size < target:
        head = "goos: linux\ngoarch: amd64\npkg: example.com/p%d\ncpu: AMD EPYC\n" % pkg
        lines = [head]
        for _ in range(50):
            for b in range(100):
                name = "BenchmarkOp%d/size=%d-2" % (pkg * 100 + b, 1 << (b % 12))
                ns = 1000.0 * (1 + b % 17) * rng.lognormvariate(0, 0.05)
                lines.append("%-40s\t%8d\t%12.2f ns/op\t%8.2f MB/s\t%8d B/op\t%8d allocs/op\n" % (
                    name, rng.randint(1000, 2000000), ns, 1e3 / ns * 64, 64 * (b % 5), b % 5))
        lines.append("PASS\nok  \texample.com/p%d\t12.345s\n" % pkg)
        text = "".join(lines)
        f.write(text)
        size += len(text)
        pkg = (pkg + 1) % 10


def pytest(f, target, rng):
    benches, total = [], 0
    while total < target:
        data = [round(rng.lognormvariate(-13, 0.1), 12) for _ in range(5000)]
        benches.append({"group": None, "name": "test_%d" % len(benches),
                        "fullname": "tests/test_x.py::test_%d" % len(benches), "params": None,
                        "param": None, "extra_info": {}, "options": {},
                        "stats": {"min": min(data), "max": max(data),
                                  "mean": sum(data) / len(data), "stddev": 0.0,
                                  "rounds": len(data), "median": data[0], "data": data,
                                  "iterations": 1}})
        total += 5000 * 34   # bytes per round, indented
    json.dump({"machine_info": {"node": "bench"}, "commit_info": {}, "benchmarks": benches,
               "datetime": "2026-01-01T00:00:00", "version": "3.2.2"}, f, indent=4)


def pyperf(f, target, rng):
    benches, total = [], 0
    while total < target:
        runs = [{"metadata": {"date": "2026-01-01 00:00:00"}, "warmups": [[64, 1e-6]],
                 "values": [rng.lognormvariate(-13, 0.1) for _ in range(50)]} for _ in range(20)]
        benches.append({"metadata": {"name": "bench %d" % len(benches), "loops": 64},
                        "runs": runs})
        total += 20 * (50 * 23 + 80)
    json.dump({"version": "1.0", "metadata": {"unit": "second"}, "benchmarks": benches}, f)


def testreport(f, target, rng):
    size = i = 0
    while size < target:
        ok = rng.random() > 0.02
        line = json.dumps({
            "schema_version": "1.0", "test": "test_case_%03d" % rng.randrange(200),
            "model": rng.choice(["llama-7b", "mistral-7b", "qwen-14b"]),
            "outcome": "passed" if ok else "failed",
            "duration": round(rng.lognormvariate(0, 0.3), 6),
            "hardware_profile": {"cpu": "x86_64", "cores": 2, "memory_gb": 8},
            "system_health": {"swap_used_mb": 0, "zombie_processes": 0},
            "test_start_ts": 1764000000 + i, "test_end_ts": 1764000001 + i}) + "\n"
        f.write(line)
        size += len(line)
        i += 1


def summary(f, target, rng):
    names = ["latency_ms", "ttft_ms", "tokens_per_sec", "throughput_mb_s", "rss_bytes",
             "cpu_time_s", "queue_ms", "e2e_ms", "p_decode_ms", "prefill_ms"]
    benches, total = [], 0
    while total < target:
        metrics = {}
        for m in names:
            med = rng.lognormvariate(3, 1)
            metrics[m] = {"count": 200, "mean": med * 1.1, "median": med, "p95": med * 1.8,
                          "p99": med * 2.5, "stddev": med * 0.3}
        benches.append({"name": "case/%06d" % len(benches), "metrics": metrics})
        total += 10 * 200
    json.dump({"environment": {"host": "bench"}, "benchmarks": benches}, f, indent=2)


def csvlog(f, target, rng):
    header = ["step", "enqueue_latency_ms", "total_latency_ms", "tokens_per_sec",
              "memory_throughput_gb_s", "param_throughput_gb_s", "generated_text", "platform",
              "release", "device", "username", "hostname", "size", "quantize", "seed", "uuid"]
    w = csv.writer(f)
    w.writerow(header)
    row = 0
    while f.tell() < target:
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(10, 50)))
        w.writerow([row % 100, round(rng.uniform(0.1, 0.5), 3), round(rng.uniform(900, 5000), 3),
                    round(rng.uniform(5, 30), 3), round(rng.uniform(30, 90), 3),
                    round(rng.uniform(20, 70), 3), text, "Linux", "6.1.0-18-amd64", "cpu", "ci",
                    "runner-%d" % (row % 3), rng.choice(["7B", "13B", "34B", "70B"]),
                    rng.choice(["q4_0", "q8_0", "f16"]), rng.randrange(1 << 31),
                    "run-%06d" % (row // 100)])
        row += 1


def tinybench(f, target, rng):
    tasks = 100
    per = max(1, target // (tasks * 20))
    out = []
    for t in range(tasks):
        samples = [0.05 * (1 + t % 9) * rng.lognormvariate(0, 0.1) for _ in range(per)]
        mean = sum(samples) / per
        out.append({"name": "task %03d" % t, "runs": per, "opts": {},
                    "result": {"totalTime": mean * per, "min": min(samples), "max": max(samples),
                               "hz": 1000 / mean, "period": mean, "samples": samples,
                               "mean": mean, "sd": 0.01, "p75": mean, "p99": max(samples)}})
    json.dump(out, f)


def vitest(f, target, rng):
    per_bench = 560   # bytes of one benchmark's summary, indented as vitest writes it
    groups = max(1, target // (per_bench * 20))
    files = []
    for g in range(groups):
        benches = []
        for b in range(20):
            mean = 0.1 * (1 + b % 7) * rng.lognormvariate(0, 0.1)
            benches.append({"id": "%d_%d" % (g, b), "name": "bench %d" % b, "rank": b + 1,
                            "rme": 1.5, "samples": [], "totalTime": mean * 100,
                            "min": mean * 0.8, "max": mean * 2, "hz": 1000 / mean,
                            "period": mean, "mean": mean, "variance": 1e-4, "sd": 0.01,
                            "sem": 0.001, "df": 99, "critical": 1.984, "moe": 0.002,
                            "p75": mean * 1.1, "p99": mean * 1.8, "p995": mean * 1.9,
                            "p999": mean * 2, "sampleCount": 100, "median": mean})
        files.append({"filepath": "/src/g%04d.bench.ts" % g,
                      "groups": [{"fullName": "g%04d.bench.ts > suite" % g, "benchmarks": benches}]})
    json.dump({"files": files}, f, indent=2)


def mitata(f, target, rng):
    noop = [round(rng.uniform(10, 14), 3) for _ in range(target * 4 // 5 // 7)]
    benches = 100
    per = max(1, target // 5 // (benches * 12))
    doc = {"layout": [{"name": None, "types": []}], "benchmarks": [], "context": {}}
    for b in range(benches):
        samples = sorted(round(1000.0 * (1 + b % 11) * rng.lognormvariate(0, 0.1), 2)
                         for _ in range(per))
        stats = {"kind": "fn", "debug": "async function anonymous($fn) {}", "samples": samples,
                 "min": samples[0], "max": samples[-1], "p25": samples[per // 4],
                 "p50": samples[per // 2], "p75": samples[3 * per // 4],
                 "p99": samples[99 * per // 100], "p999": samples[-1],
                 "avg": sum(samples) / per, "ticks": per}
        doc["benchmarks"].append({"kind": "static", "args": {}, "alias": "bench %03d" % b,
                                  "group": 0, "baseline": False,
                                  "runs": [{"stats": stats, "args": {}, "name": "bench %03d" % b}],
                                  "style": {"highlight": False, "compact": False}})
    calib = {"kind": "fn", "samples": noop, "min": noop[0], "max": noop[-1], "avg": 12.0,
             "ticks": len(noop)}
    small = dict(calib, samples=noop[:1000], ticks=1000)
    doc["context"] = {"now": 1700000000000, "arch": "x64-linux", "version": "20.20.2",
                      "runtime": "node", "cpu": {"name": "AMD EPYC", "freq": 3.1},
                      "noop": {"fn": calib, "iter": small, "fn_gc": small}}
    json.dump(doc, f, separators=(",", ":"))


def benchmarkjs(f, target, rng):
    benches = 1000
    per = max(1, target // (benches * 26))
    out = []
    for b in range(benches):
        sample = [1e-4 * (1 + b % 13) * rng.lognormvariate(0, 0.1) for _ in range(per)]
        mean = sum(sample) / per
        out.append({"name": "bench %04d" % b, "options": {"async": False, "maxTime": 5},
                    "id": b + 1, "stats": {"moe": 1e-6, "rme": 1.0, "sem": 5e-7,
                                           "deviation": 1e-5, "mean": mean, "sample": sample,
                                           "variance": 1e-10},
                    "times": {"cycle": 0.05, "elapsed": 5.5, "period": mean, "timeStamp": 1},
                    "running": False, "count": 300, "cycles": 4, "hz": 1 / mean})
    json.dump(out, f, indent=2)


def catch2(f, target, rng):
    f.write('<?xml version="1.0" encoding="UTF-8"?>\n<Catch name="bench">\n  <Group name="bench">\n')
    n = 0
    case = 0
    while n < target:
        f.write('    <TestCase name="case %d" tags="[bench]" filename="bench.cpp" line="%d">\n'
                % (case, case + 1))
        for b in range(20):
            mean = 1000.0 * (1 + b % 9) * rng.lognormvariate(0, 0.1)
            sd = mean * 0.05
            text = ('      <BenchmarkResults name="bench &lt;%d&gt;" samples="100" resamples="100000" '
                    'iterations="3" clockResolution="20.1" estimatedDuration="1.3e+06">\n'
                    '        <!--All values in nano seconds-->\n'
                    '        <mean value="%g" lowerBound="%g" upperBound="%g" ci="0.95"/>\n'
                    '        <standardDeviation value="%g" lowerBound="%g" upperBound="%g" ci="0.95"/>\n'
                    '        <outliers variance="0.1" lowMild="0" lowSevere="0" highMild="1" highSevere="0"/>\n'
                    '      </BenchmarkResults>\n'
                    % (b, mean, mean * 0.98, mean * 1.02, sd, sd * 0.8, sd * 1.2))
            f.write(text)
            n += len(text)
        f.write('      <OverallResult success="true"/>\n    </TestCase>\n')
        case += 1
    f.write('  </Group>\n</Catch>\n')


def bmf(f, target, rng):
    benches = max(1, target // 260)
    doc = {}
    for b in range(benches):
        v = 1000.0 * (1 + b % 9) * rng.lognormvariate(0, 0.1)
        doc["bench/%06d" % b] = {"latency": {"value": v, "lower_value": v * 0.9, "upper_value": v * 1.2},
                                 "throughput": {"value": 1e9 / v, "lower_value": 0.8e9 / v,
                                                "upper_value": 1.1e9 / v}}
    json.dump(doc, f, indent=2)


def libtest(f, target, rng):
    n = 0
    f.write("\nrunning tests\n")
    b = 0
    while n < target:
        v = 1000.0 * (1 + b % 9) * rng.lognormvariate(0, 0.1)
        line = "test module_%d::bench_%07d ... bench: %18s ns/iter (+/- %s)\n" % (
            b % 50, b, "{:,.2f}".format(v), "{:,.2f}".format(v * 0.1))
        f.write(line)
        n += len(line)
        b += 1
    f.write("\ntest result: ok. 0 passed; 0 failed; 0 ignored; %d measured\n\n" % b)


# Format, file name under DIR, generator, seed. The order is bench/readrate's table's.
FORMATS = [
    ("native", "native.json", native, 1),
    ("hyperfine", "hyperfine.json", hyperfine, 2),
    ("llm", "llm.jsonl", llm, 3),
    ("criterion", "criterion/sample.json", criterion, 4),
    ("gbench", "gbench.json", gbench, 5),
    ("gotest", "gotest.txt", gotest, 6),
    ("pytest", "pytest.json", pytest, 7),
    ("pyperf", "pyperf.json", pyperf, 8),
    ("testreport", "testreport.jsonl", testreport, 9),
    ("summary", "summary.json", summary, 10),
    ("csv", "log.csv", csvlog, 11),
    ("tinybench", "tinybench.json", tinybench, 12),
    ("vitest", "vitest.json", vitest, 13),
    ("mitata", "mitata.json", mitata, 14),
    ("benchmarkjs", "benchmarkjs.json", benchmarkjs, 15),
    ("catch2", "catch2.xml", catch2, 16),
    ("bmf", "bmf.json", bmf, 17),
    ("libtest", "libtest.txt", libtest, 18),
]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "out")
    target = int(float(sys.argv[2]) * 1e6) if len(sys.argv) > 2 else 50 * 1000 * 1000
    for fmt, name, gen, seed in FORMATS:
        path = os.path.join(out, name)
        if not os.path.exists(path):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path + ".tmp", "w", newline="" if fmt == "csv" else None) as f:
                gen(f, target, random.Random(seed))
            os.rename(path + ".tmp", path)
        print("%s=%s" % (fmt, path))


if __name__ == "__main__":
    main()
