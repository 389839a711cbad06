#!/usr/bin/env python3
"""Write the CSV benchmark log fixtures (no standard tool writes these logs).

Usage: python3 tests/data/csv/make-fixtures.py   (from the repository root)
Deterministic: seeded with random.Random(4); the csv module writes RFC 4180
quoting (QUOTE_MINIMAL, \\r\\n line ends), as a Python harness would.
"""
import csv
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
BAD = os.path.join(HERE, "bad")
HEADER = ["step", "enqueue_latency_ms", "total_latency_ms", "tokens_per_sec",
          "memory_throughput_gb_s", "param_throughput_gb_s", "generated_text", "platform",
          "release", "device", "username", "hostname", "size", "quantize", "seed", "uuid"]
TEXTS = [
    'Hello, world',
    'She said "hi", then left',
    'line one\nline two, with a comma\n"quoted" line three',
    '',
    'plain',
    ',,,"""',
]


def rows(rng, slow=1.0, uuids=("run-a", "run-b", "run-c"), steps=6):
    for size, base in (("7B", 40.0), ("13B", 75.0)):
        for quant, qf in (("q4_0", 1.0), ("f16", 1.8)):
            for u in uuids:
                seed = rng.randrange(1 << 31)
                for step in range(steps):
                    lat = base * qf * slow * rng.lognormvariate(0, 0.04)
                    yield [step, round(rng.uniform(0.1, 0.5), 3), round(lat * 32, 3),
                           round(1000.0 / lat, 3), round(80.0 / (qf * slow) * rng.lognormvariate(0, 0.03), 3),
                           round(60.0 / (qf * slow) * rng.lognormvariate(0, 0.03), 3),
                           rng.choice(TEXTS), "Linux", "6.1.0-18-amd64", "cpu", "ci",
                           "runner-%d" % rng.randrange(3), size, quant, seed,
                           "%s-%s-%s" % (u, size, quant)]


def write(path, header, data):
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(data)


def main():
    rng = random.Random(4)
    write(os.path.join(HERE, "llm-base.csv"), HEADER, rows(rng))
    write(os.path.join(HERE, "llm-current.csv"), HEADER, rows(rng, slow=1.3))
    # Bad inputs, each with one thing wrong.
    good = list(rows(random.Random(5), uuids=("u",), steps=2))
    with open(os.path.join(BAD, "unterminated.csv"), "w") as f:
        f.write("size,latency_ms\n7B,1.5\n\"13B,2.5\n")
    with open(os.path.join(BAD, "ragged.csv"), "w") as f:
        f.write("size,latency_ms,tokens_per_sec\n7B,1.5,30\n13B,2.5\n")
    with open(os.path.join(BAD, "extra-field.csv"), "w") as f:
        f.write("size,latency_ms\n7B,1.5\n13B,2.5,9\n")
    bad = [list(r) for r in good]
    bad[2][2] = "fast"   # total_latency_ms
    write(os.path.join(BAD, "not-a-number.csv"), HEADER, bad)
    with open(os.path.join(BAD, "stray-quote.csv"), "w") as f:
        f.write("size,latency_ms\n7B,1.5\n13\"B,2.5\n")
    with open(os.path.join(BAD, "after-quote.csv"), "w") as f:
        f.write("size,latency_ms\n\"7B\"x,1.5\n")
    with open(os.path.join(BAD, "duplicate-column.csv"), "w") as f:
        f.write("size,latency_ms,size\n7B,1.5,8\n")
    with open(os.path.join(BAD, "negative.csv"), "w") as f:
        f.write("size,latency_ms\n7B,1.5\n13B,-2.5\n")
    with open(os.path.join(BAD, "no-numbers.csv"), "w") as f:
        f.write("size,quantize\n7B,q4_0\n")


if __name__ == "__main__":
    main()
