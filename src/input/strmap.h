/* A string-to-number map for readers: names seen, in one hash table. */
#ifndef BENCHGATE_INPUT_STRMAP_H
#define BENCHGATE_INPUT_STRMAP_H

#include <stddef.h>

struct bg_strmap_entry {
	char *key;          /* owned, NUL-terminated; NULL = empty slot */
	size_t len;
	size_t hash;
	long value;
};

struct bg_strmap {
	struct bg_strmap_entry *e;
	size_t n, cap;      /* cap is 0 or a power of two */
};

void bg_strmap_init(struct bg_strmap *m);
void bg_strmap_release(struct bg_strmap *m);

/*
 * The value of key[0..len) (which need not be NUL-terminated); when absent, it is
 * added with value if_new, which is returned. Copies the key only when adding it.
 */
long bg_strmap_get(struct bg_strmap *m, const char *key, size_t len, long if_new);

/* Same, but where the value is kept: valid until the next key is added. */
long *bg_strmap_ref(struct bg_strmap *m, const char *key, size_t len, long if_new);

/* The value of key[0..len), or -1 when absent (values should then be >= 0). */
long bg_strmap_lookup(const struct bg_strmap *m, const char *key, size_t len);

struct bg_resultset;

/*
 * The benchmark named name[0..len) (no NUL inside) in rs, added when new, found through
 * index (name -> its position in rs->benches) in constant time. index starts empty and
 * serves one rs; on first use it takes in the benchmarks already there.
 */
struct bg_bench *bg_strmap_bench(struct bg_strmap *index, struct bg_resultset *rs,
				 const char *name, size_t len);

#endif
