/* libFuzzer harness for the hyperfine reader. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_reader("hyperfine", data, size);
}
