/*
 * Modes, the config file and the comparison with its verdicts, in one include for
 * the commands: config.h (src/config/) and gate.h (src/gate/).
 */
#ifndef BENCHGATE_POLICY_H
#define BENCHGATE_POLICY_H

#include "benchgate/config.h"
#include "benchgate/gate.h"

#endif
