/* What every cmocka test file includes. */
#ifndef BENCHGATE_TESTUTIL_H
#define BENCHGATE_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "benchgate/model.h"

/* assert two doubles agree to a relative (or, near zero, absolute) tolerance. */
#define assert_close(a, b, tol)                                                        \
	do {                                                                           \
		double a_ = (a), b_ = (b), s_ = fabs(b_) > 1 ? fabs(b_) : 1;           \
		if (!(fabs(a_ - b_) <= (tol) * s_))                                    \
			fail_msg("%s = %.17g, expected %.17g (tolerance %g)", #a, a_, b_, \
				 (double)(tol));                                       \
	} while (0)

/* Write content to a new temporary file; returns its path (caller unlinks and frees). */
static inline char *write_tmp(const char *content)
{
	char *path = strdup("/tmp/bgtestXXXXXX");
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, content, strlen(content)), (ssize_t)strlen(content));
	close(fd);
	return path;
}

/* Metrics over all benchmarks of rs. */
static inline size_t count_metrics(const struct bg_resultset *rs)
{
	size_t n = 0;

	for (size_t i = 0; i < rs->nbenches; i++)
		n += rs->benches[i].nmetrics;
	return n;
}

#endif
