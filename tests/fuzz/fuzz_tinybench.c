/* libFuzzer harness for the tinybench reader. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_reader("tinybench", data, size);
}
