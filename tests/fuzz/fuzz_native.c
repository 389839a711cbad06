/* libFuzzer harness for the native reader: any bytes give samples or an error, never a crash or leak. */
#include <stdint.h>

#include "benchgate/input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct bg_reader *r = bg_reader_find("native");
	struct bg_resultset rs;
	struct bg_error err;

	r->sniff((const char *)data, size);
	bg_resultset_init(&rs);
	r->read(&rs, "fuzz.json", (const char *)data, size, 0, &err);
	bg_resultset_release(&rs);
	return 0;
}
