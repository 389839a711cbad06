/* libFuzzer harness for the catch2 reader. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_reader("catch2", data, size);
}
