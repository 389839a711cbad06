/* libFuzzer harness for the Google Benchmark JSON reader. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_reader("gbench", data, size);
}
