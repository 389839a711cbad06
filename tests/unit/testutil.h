/* What every cmocka test file includes. */
#ifndef BENCHGATE_TESTUTIL_H
#define BENCHGATE_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>

/* assert two doubles agree to a relative (or, near zero, absolute) tolerance. */
#define assert_close(a, b, tol)                                                        \
	do {                                                                           \
		double a_ = (a), b_ = (b), s_ = fabs(b_) > 1 ? fabs(b_) : 1;           \
		if (!(fabs(a_ - b_) <= (tol) * s_))                                    \
			fail_msg("%s = %.17g, expected %.17g (tolerance %g)", #a, a_, b_, \
				 (double)(tol));                                       \
	} while (0)

#endif
