/* What every reader starts from: a file's bytes, and the sniffing of their first characters. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
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
