/* What every reader's libFuzzer harness does: sniff and read the bytes, release. */
#ifndef BENCHGATE_FUZZ_H
#define BENCHGATE_FUZZ_H

#include <stdint.h>

#include "benchgate/input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Any bytes end in samples or an error: never a crash, a leak or a hang. */
static inline int fuzz_reader(const char *name, const uint8_t *data, size_t size)
{
	const struct bg_reader *r = bg_reader_find(name);
	struct bg_resultset rs;
	struct bg_error err;

	r->sniff((const char *)data, size);
	bg_resultset_init(&rs);
	r->read(&rs, "fuzz.json", (const char *)data, size, 0, &err);
	bg_resultset_release(&rs);
	return 0;
}

#endif
