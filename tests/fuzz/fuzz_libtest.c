/* libFuzzer harness for the libtest reader. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_reader("libtest", data, size);
}
