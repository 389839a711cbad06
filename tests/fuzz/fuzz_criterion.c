/*
 * libFuzzer harness for the Criterion.rs reader: the bytes up to the first NUL are a
 * benchmark.json, the rest a sample.json (without a NUL, both are the same bytes).
 */
#include <string.h>

#include "fuzz.h"
#include "../../src/input/criterion.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *buf = (const char *)data, *nul = memchr(buf, '\0', size);
	size_t idlen = nul ? (size_t)(nul - buf) : size;
	const char *sample = nul ? nul + 1 : buf;
	size_t slen = nul ? size - idlen - 1 : size;
	struct bg_resultset rs;
	struct bg_error err;
	char *id = NULL, *dir = NULL;
	json_t *tp = NULL;

	bg_resultset_init(&rs);
	bg_reader_find("criterion")->sniff(sample, slen);
	if (bg_criterion_id(&id, &dir, &tp, "benchmark.json", buf, idlen, &err) == 0)
		bg_criterion_samples(&rs, id, tp, "sample.json", sample, slen, 0, &err);
	free(id);
	free(dir);
	json_decref(tp);
	bg_resultset_release(&rs);
	return 0;
}
