/*
 * The speed benchmark's inputs (make bench, make bench-peers): B benchmarks x N samples
 * of one side, seeded, in go test -bench text (what benchstat reads) or benchgate's
 * native JSON. Lognormal noise (sigma 0.05) about 1000 (1 + b % 17) ns; on the
 * current side (SHIFT != 1) every 50th benchmark is SHIFT times slower.
 *
 * Usage: gen FORMAT B N SEED SHIFT > FILE   FORMAT is gotest or native
 * The generator is splitmix64 with Box-Muller normals: the same bytes on every machine.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state;

static uint64_t next(void)
{
	uint64_t z = (state += 0x9e3779b97f4a7c15ull);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

/* Uniform in (0, 1). */
static double uniform(void)
{
	return ((double)(next() >> 11) + 0.5) / 9007199254740992.0;
}

static double normal(void)
{
	return sqrt(-2 * log(uniform())) * cos(2 * M_PI * uniform());
}

int main(int argc, char **argv)
{
	unsigned long b, benches, n, j;
	double shift;
	int go;

	if (argc != 6 || (strcmp(argv[1], "gotest") && strcmp(argv[1], "native"))) {
		fprintf(stderr, "usage: gen gotest|native BENCHES SAMPLES SEED SHIFT\n");
		return 2;
	}
	go = !strcmp(argv[1], "gotest");
	benches = strtoul(argv[2], NULL, 10);
	n = strtoul(argv[3], NULL, 10);
	state = strtoull(argv[4], NULL, 10);
	shift = strtod(argv[5], NULL);
	if (go)
		printf("goos: linux\ngoarch: amd64\npkg: example.com/bench\ncpu: bench\n");
	else
		printf("{\"schema\":\"benchgate.results/1\",\"benchmarks\":[");
	for (b = 0; b < benches; b++) {
		double median = 1000.0 * (double)(1 + b % 17) * (b % 50 == 0 ? shift : 1.0);

		if (!go)
			printf("%s{\"name\":\"bench/%05lu\",\"metrics\":[{\"name\":\"time\","
			       "\"unit\":\"ns\",\"direction\":\"lower\",\"samples\":[",
			       b ? "," : "", b);
		for (j = 0; j < n; j++) {
			double v = median * exp(0.05 * normal());

			if (go)
				printf("BenchmarkOp%05lu-2\t%8lu\t%12.2f ns/op\n", b,
				       1000 + (unsigned long)(next() % 1000000), v);
			else
				printf("%s%.2f", j ? "," : "", v);
		}
		if (!go)
			printf("]}]}");
	}
	if (go)
		printf("PASS\nok  \texample.com/bench\t1.000s\n");
	else
		printf("]}\n");
	return ferror(stdout) || fclose(stdout) ? 1 : 0;
}
