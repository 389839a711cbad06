"""A tiny pytest-benchmark suite: the fixtures in this directory are its output."""


def build(n):
    return sorted(range(n, 0, -1))


def test_sort_small(benchmark):
    benchmark.pedantic(build, args=(100,), rounds=30, iterations=10)


def test_sort_large(benchmark):
    benchmark.pedantic(build, args=(2000,), rounds=30, iterations=5)
