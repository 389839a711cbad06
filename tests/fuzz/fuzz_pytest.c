/* libFuzzer harness for the pytest reader. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_reader("pytest", data, size);
}
