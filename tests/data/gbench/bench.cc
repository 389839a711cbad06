// The tiny Google Benchmark program the fixtures in this directory come from (README.md).
#include <benchmark/benchmark.h>

#include <algorithm>
#include <numeric>
#include <string>
#include <vector>

static void BM_Sum(benchmark::State &state)
{
	std::vector<int> v(static_cast<size_t>(state.range(0)));
	std::iota(v.begin(), v.end(), 0);
	for (auto _ : state)
		benchmark::DoNotOptimize(std::accumulate(v.begin(), v.end(), 0L));
}
BENCHMARK(BM_Sum)->Arg(64)->Arg(512);

static void BM_StringCopy(benchmark::State &state)
{
	std::string s(static_cast<size_t>(state.range(0)), 'x');
	for (auto _ : state) {
		std::string copy(s);
		benchmark::DoNotOptimize(copy);
	}
	state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
	state.SetItemsProcessed(static_cast<int64_t>(state.iterations()));
}
BENCHMARK(BM_StringCopy)->Arg(256);

// A user counter of its own, reported as a rate (higher is better).
static void BM_Sort(benchmark::State &state)
{
	std::vector<int> v(256);
	for (auto _ : state) {
		state.PauseTiming();
		for (size_t i = 0; i < v.size(); i++)
			v[i] = static_cast<int>((i * 7919) % 256);
		state.ResumeTiming();
		std::sort(v.begin(), v.end());
	}
	state.counters["elements"] = benchmark::Counter(256.0 * static_cast<double>(state.iterations()),
							benchmark::Counter::kIsRate);
	state.counters["swaps"] = 42;
}
BENCHMARK(BM_Sort)->Unit(benchmark::kMicrosecond);

// A benchmark that reports an error (1.7.1 has no SkipWithMessage).
static void BM_Fails(benchmark::State &state)
{
	for (auto _ : state)
		state.SkipWithError("could not open the input");
}
BENCHMARK(BM_Fails);

BENCHMARK_MAIN();
