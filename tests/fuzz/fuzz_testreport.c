/* libFuzzer harness for the testreport reader. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_reader("testreport", data, size);
}
