// The Catch2 fixtures' benchmarks (make-fixtures.sh). -DBENCH_SLOW makes "sort 1000"
// sort 1500 numbers (50% more work).
#define CATCH_CONFIG_MAIN
#define CATCH_CONFIG_ENABLE_BENCHMARKING
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#ifdef BENCH_SLOW
static const int sort_n = 1500;
#else
static const int sort_n = 1000;
#endif

TEST_CASE("arrays", "[bench]")
{
	BENCHMARK("sort 1000")
	{
		std::vector<int> a;
		for (int i = 0; i < sort_n; i++)
			a.push_back((i * 7919) % 1000);
		std::sort(a.begin(), a.end());
		return a[0];
	};
	BENCHMARK("string <concat> & \"escape\"")
	{
		std::string s;
		for (int i = 0; i < 100; i++)
			s += std::to_string(i);
		return s.size();
	};
}

TEST_CASE("fibonacci", "[bench]")
{
	BENCHMARK_ADVANCED("fib 20")(Catch::Benchmark::Chronometer meter)
	{
		meter.measure([] {
			unsigned a = 0, b = 1;
			for (int i = 0; i < 20; i++) {
				unsigned t = a + b;
				a = b;
				b = t;
			}
			return a;
		});
	};
}
