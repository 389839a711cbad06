/* What every reader starts from: a file's bytes, and the sniffing of their first characters. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "benchgate/input.h"
#include "reader.h"

int bg_file_read(char **out, size_t *len, const char *path, struct bg_error *err)
{
	struct stat st = { 0 };
	char *buf = NULL;
	size_t alloc = 0, n = 0;
	int fd = open(path, O_RDONLY);

	if (fd < 0)
		return bg_error(err, BG_EXIT_INPUT, "cannot read '%s': %s", path, bg_strerror(errno));
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return bg_error(err, BG_EXIT_INPUT, "'%s' is a directory, not a file", path);
	}
	/* A regular file is read in one go; a pipe grows the buffer as it comes. */
	bg_grow(&buf, &alloc, S_ISREG(st.st_mode) ? (size_t)st.st_size + 2 : 65536, 1);
	for (;;) {
		ssize_t r;

		if (alloc - n < 2)
			bg_grow(&buf, &alloc, n + 65536, 1);
		r = read(fd, buf + n, alloc - n - 1);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			free(buf);
			close(fd);
			return bg_error(err, BG_EXIT_INPUT, "cannot read '%s': %s", path,
					bg_strerror(errno));
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	close(fd);
	buf[n] = '\0';
	*out = buf;
	*len = n;
	return 0;
}

/*
 * The file being read, when it is mapped rather than copied: a reader that goes
 * through it in order gives back what it has read (bg_input_release), so a large file
 * never needs its whole size in memory. One per thread: two sides may be read at once.
 */
static _Thread_local struct {
	const char *base;     /* NULL: not mapped */
	size_t len, released; /* released: bytes from base given back, a page multiple */
} mapped;

/* Below this, a file is read: a mapping costs more than it saves. */
#define MAP_MIN ((size_t)1 << 20)
/* A mapped file's bytes are given back in steps of at least this much. */
#define RELEASE_STEP ((size_t)4 << 20)

int bg_file_map(char **out, size_t *len, const char *path)
{
	long page = sysconf(_SC_PAGESIZE);
	struct stat st;
	size_t size;
	int fd;
	void *p;

	if (stat(path, &st) < 0 || !S_ISREG(st.st_mode))
		return -1;
	size = (size_t)st.st_size;
	if (size < MAP_MIN || page <= 0 || size % (size_t)page == 0)
		return -1;
	if ((fd = open(path, O_RDONLY)) < 0)
		return -1;
	p = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return -1;
	madvise(p, size, MADV_SEQUENTIAL);
	*out = p;
	*len = size;
	mapped.base = p;
	mapped.len = size;
	mapped.released = 0;
	return 0;
}

void bg_file_unmap(char *buf, size_t len)
{
	munmap(buf, len);
	if (mapped.base == buf)
		mapped.base = NULL;
}

void bg_input_release(const char *upto)
{
	long page = sysconf(_SC_PAGESIZE);
	size_t off;

	if (!mapped.base || upto < mapped.base || upto > mapped.base + mapped.len || page <= 0)
		return;
	off = (size_t)(upto - mapped.base) / (size_t)page * (size_t)page;
	if (off < mapped.released)
		mapped.released = 0;   /* a second pass from the start */
	if (off < mapped.released + RELEASE_STEP)
		return;
	/* a private read-only mapping: its pages come back from the file if read again */
	madvise((char *)mapped.base + mapped.released, off - mapped.released, MADV_DONTNEED);
	mapped.released = off;
}

/* JSON's white space; not NUL, which strchr would find at the end of its set. */
int bg_json_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

const char *bg_sniff_start(const char *buf, size_t len, size_t *rest)
{
	size_t i = 0;

	if (len >= 3 && !memcmp(buf, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < len && bg_json_space(buf[i]))
		i++;
	*rest = len - i;
	return buf + i;
}

size_t bg_sniff_object(const char *buf, size_t len)
{
	size_t n = len < 65536 ? len : 65536, rest;
	const char *start = bg_sniff_start(buf, n, &rest);

	return rest && *start == '{' ? n : 0;
}
