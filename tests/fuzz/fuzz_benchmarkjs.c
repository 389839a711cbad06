/* libFuzzer harness for the benchmarkjs reader. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_reader("benchmarkjs", data, size);
}
