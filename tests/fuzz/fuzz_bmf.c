/* libFuzzer harness for the bmf reader. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_reader("bmf", data, size);
}
