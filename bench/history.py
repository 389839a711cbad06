#!/usr/bin/env python3
"""git fast-import streams for bench/history.sh (seeded, the same every run).

history.py commits N        N empty commits on refs/heads/main, a minute apart
history.py notes B S < IDS  for each commit id read (oldest first), a benchgate note
                            on refs/notes/benchgate with one suite of B benchmarks of
                            S samples, and its summary blob benchgate-summary/ID, in
                            the layout benchgate writes (docs/baselines.md); samples
                            are whole nanoseconds
"""
import hashlib
import math
import random
import sys

out = sys.stdout.buffer
t0 = 1767225600  # 2026-01-01T00:00:00Z


def data(b):
    out.write(b"data %d\n" % len(b))
    out.write(b)
    out.write(b"\n")


def commits(n):
    for c in range(1, n + 1):
        out.write(b"commit refs/heads/main\nmark :%d\n" % c)
        out.write(b"committer t <t@example.com> %d +0000\n" % (t0 + c * 60))
        data(b"commit %d" % c)
        if c > 1:
            out.write(b"from :%d\n" % (c - 1))


def notes(benches, samples):
    """Every note blob, then every summary blob (so that fast-import, which deltas each
    blob against the one before, deltas summaries against summaries, as git's packer
    does), then one commit naming them."""
    ids = sys.stdin.read().split()
    rng = random.Random(42)
    # Samples are a level times factors drawn from a table of 4096 lognormal factors
    # (CV 3%): one call per benchmark rather than two per sample.
    factors = [math.exp(rng.gauss(0, 0.03)) for _ in range(4096)]
    choices = rng.choices
    levels = [rng.uniform(1000, 100000) for _ in range(benches)]
    sums = []
    for c, cid in enumerate(ids):
        if c and c % 2500 == 0:   # a level shift now and then
            levels[c % benches] *= 1.3
        rows, docs = [], []
        for b in range(benches):
            level = levels[b]
            xs = [round(level * f) for f in choices(factors, k=samples)]   # whole ns
            s = sorted(xs)
            med = (s[(samples - 1) // 2] + s[samples // 2]) / 2
            rows.append('["bench/%03d","time","ns","lower",%d,1,%.7g,%.7g,%.7g,%.7g,%.7g,%.7g,null,%.7g,%.7g,null]'
                        % (b, samples, med, s[1], s[-2], sum(xs) / samples, s[-1], s[-2], s[-1], s[-2]))
            docs.append('{"metrics":[{"direction":"lower","name":"time","runs":[%s],"samples":[%s],"unit":"ns"}],"name":"bench/%03d"}'
                        % (",".join("0" * samples), ",".join(map(str, xs)), b))
        note = ('{"schema":"benchgate.notes/1","suites":{"default":'
                '{"benchmarks":[%s],"environment":{},"provenance":{"commit":null},"recorded":{},'
                '"schema":"benchgate.baseline/1","source":"bench"}}}\n' % ",".join(docs)).encode()
        blob = hashlib.sha1(b"blob %d\0" % len(note) + note).hexdigest()
        out.write(b"blob\nmark :%d\n" % (c + 1))
        data(note)
        sums.append(("%s\n{\"default\":[%s]}" % (blob, ",".join(rows))).encode())
    for c, text in enumerate(sums):
        out.write(b"blob\nmark :%d\n" % (len(ids) + c + 1))
        data(text)
    out.write(b"commit refs/notes/benchgate\ncommitter t <t@example.com> %d +0000\n" % t0)
    data(b"Notes added by bench/history.py")
    for c, cid in enumerate(ids):
        out.write(b"N :%d %s\n" % (c + 1, cid.encode()))
        out.write(b"M 100644 :%d benchgate-summary/%s\n" % (len(ids) + c + 1, cid.encode()))


if sys.argv[1] == "commits":
    commits(int(sys.argv[2]))
else:
    notes(int(sys.argv[2]), int(sys.argv[3]))
