/* libFuzzer harness for the go test -bench text reader. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	return fuzz_reader("gotest", data, size);
}
