/* libFuzzer harness for the vitest reader. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_reader("vitest", data, size);
}
