/*
 * libFuzzer harness for the JSON parser itself (src/input/json.c), checked against
 * jansson on the same bytes: what one accepts the other accepts, with equal values
 * (numbers bit for bit), and what both reject gets the same message at the same
 * place. The differences json.h documents are allowed: an integer too big for 64
 * bits (a real here, an error in jansson) and the wording for \u0000. Text holding
 * a NUL byte is not compared: jansson's lexer loses a NUL it reads ahead and puts
 * back (so "[5\0]" is a document to it). The first byte picks the flags; the rest
 * is the text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "benchgate/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Whether jansson's error is one of the documented differences. */
static int known_difference(const char *text)
{
	return !strncmp(text, "too big", 7) || strstr(text, "\\u0000") != NULL;
}

/* Every value reachable, to let the sanitizers see the DOM whole. */
static size_t walk(const struct bg_json *v)
{
	size_t n = 1;

	for (size_t i = 0; i < bg_json_members(v); i++) {
		n += strlen(bg_json_str(bg_json_key(v, i)));
		n += walk(bg_json_value(v, i));
	}
	for (size_t i = 0; i < bg_json_size(v); i++)
		n += walk(bg_json_at(v, i));
	if (bg_json_is_string(v) && strlen(bg_json_str(v)) != bg_json_strlen(v))
		abort();
	if (bg_json_line(v) < 1 || bg_json_col(v) < 1)
		abort();
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bg_json_doc *d;
	struct bg_json_error e;
	const struct bg_json *v;
	json_error_t je;
	json_t *jv = NULL, *mine;
	size_t jflags = JSON_REJECT_DUPLICATES;
	unsigned flags;
	const char *text;

	if (size < 1)
		return 0;
	flags = data[0] & 3;
	text = (const char *)data + 1;
	size--;
	d = bg_json_doc_new();
	v = bg_json_parse(d, text, size, 0, flags, &e);
	if (v)
		walk(v);
	if (flags & BG_JSON_FIRST)
		jflags |= JSON_DISABLE_EOF_CHECK;
	if (flags & BG_JSON_ANY)
		jflags |= JSON_DECODE_ANY;
	/* jansson skips a NUL byte it reads ahead and puts back: no comparison then. */
	if (memchr(text, '\0', size))
		goto out;
	jv = json_loadb(text, size, jflags, &je);
	if (v && jv) {
		mine = bg_json_to_jansson(v);
		if (!json_equal(mine, jv)) {
			fprintf(stderr, "values differ\n");
			abort();
		}
		json_decref(mine);
	} else if (v && !jv) {
		if (!known_difference(je.text)) {
			fprintf(stderr, "jansson rejects (%s), we accept\n", je.text);
			abort();
		}
	} else if (!v && jv) {
		/*
		 * Only \u0000 in a string, which jansson keeps with JSON_ALLOW_NUL only; and
		 * with BG_JSON_FIRST, a document ending in a number or a word followed by a
		 * byte that is not UTF-8: jansson's lexer reads and flags it, then keeps the
		 * document anyway.
		 */
		if (!strstr(e.text, "\\u0000") &&
		    !((flags & BG_JSON_FIRST) && !strncmp(e.text, "unable to decode", 16))) {
			fprintf(stderr, "we reject (%s), jansson accepts\n", e.text);
			abort();
		}
	} else if (!known_difference(je.text) && !strstr(e.text, "\\u0000") &&
		   (strcmp(e.text, je.text) || e.line != je.line ||
		    e.col != (je.column > 0 ? je.column : 1))) {
		fprintf(stderr, "errors differ: %d:%d: %s / jansson %d:%d: %s\n", e.line, e.col,
			e.text, je.line, je.column, je.text);
		abort();
	}
	json_decref(jv);
out:
	bg_json_doc_free(d);
	return 0;
}
