/* A metric's unit and direction from its name and unit (docs/formats.md, "Units and directions from names"). */
#ifndef BENCHGATE_INFER_H
#define BENCHGATE_INFER_H

#include "benchgate/model.h"

/*
 * The unit name implies ("" when it implies none) as a new string, and in *dir the
 * direction of a metric of that name and unit (unit: what the format states, NULL or
 * "" when it states none). The rules, in order, are docs/formats.md's:
 *   1. rate: a word `per` followed by a time word (tokens_per_s, req_per_sec), or a
 *      size word then a time word at the end (memory_throughput_gb_s): higher,
 *      unit WORD/s with WORD abbreviated (tok, req, GB, B, items, ops)
 *   2. time per thing: a time word, `per`, a word (ms_per_token): lower, unit ms/tok
 *   3. the stated unit: ending /s (or another time) higher; a time unit, or a time,
 *      B or allocs over anything (ns/op, B/op): lower
 *   4. the words tps, qps, rps, throughput, bandwidth, ops, iops, flops, gflops,
 *      tflops: higher
 *   5. the words time, latency, duration, elapsed, ttft, tpot, itl, wall: lower
 *   6. a last word that is a time unit (elapsed_s, step_ms): lower
 *   7. otherwise none
 */
char *bg_infer_metric(const char *name, const char *unit, enum bg_direction *dir);

#endif
