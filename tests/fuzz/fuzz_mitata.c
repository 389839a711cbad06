/* libFuzzer harness for the mitata reader. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_reader("mitata", data, size);
}
