#!/usr/bin/env python3
"""Fixture for tests/unit/test_changepoint.c, computed independently of benchgate's C:
exact optimal partitioning (dynamic programming over every segmentation, O(n^2)) of
log(x) under the same cost and penalty as bg_changepoints (squared error / sigma^2,
penalty 4 ln(max(n, 50)) per change, at least 2 points per segment, sigma = 1.4826 *
median |diff| / sqrt(2)). benchgate uses binary segmentation, a greedy search: on
series with clear steps both find the same changes, which is what the test checks.
Run: python3 make-fixture.py > series.txt   (random.Random(7): the same file each time)
Format: one series per line: 'expected idx,idx,... | x0 x1 ...'."""
import math
import random

rng = random.Random(7)


def median(v):
    s = sorted(v)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def optimal(x, pen=4.0, minseg=2):
    y = [math.log(v) for v in x]
    n = len(y)
    d = [abs(y[i + 1] - y[i]) for i in range(n - 1)]
    sigma = 1.482602218505602 * median(d) / math.sqrt(2)
    beta = pen * math.log(max(n, 50))
    s1 = [0.0]
    s2 = [0.0]
    for v in y:
        s1.append(s1[-1] + v)
        s2.append(s2[-1] + v * v)

    def cost(a, b):  # squared error of y[a:b] about its mean, over sigma^2
        m = b - a
        return (s2[b] - s2[a] - (s1[b] - s1[a]) ** 2 / m) / sigma ** 2

    best = [math.inf] * (n + 1)
    prev = [0] * (n + 1)
    best[0] = -beta
    for b in range(minseg, n + 1):
        for a in range(0, b - minseg + 1):
            if best[a] == math.inf or (a != 0 and a < minseg):
                continue
            c = best[a] + beta + cost(a, b)
            if c < best[b]:
                best[b] = c
                prev[b] = a
    cuts = []
    b = n
    while b > 0:
        a = prev[b]
        if a > 0:
            cuts.append(a)
        b = a
    return sorted(cuts)


for case in range(6):
    n = [30, 60, 100, 150, 200, 80][case]
    steps = sorted(rng.sample(range(5, n - 5), case % 3))
    level, x = rng.uniform(10, 1000), []
    for i in range(n):
        if i in steps:
            level *= rng.choice([0.7, 0.8, 1.25, 1.4])
        x.append(level * math.exp(rng.gauss(0, 0.02)))
    cuts = optimal(x)
    print(",".join(str(c) for c in cuts) + " | " + " ".join(repr(v) for v in x))
