/* libFuzzer harness for the pyperf reader. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_reader("pyperf", data, size);
}
