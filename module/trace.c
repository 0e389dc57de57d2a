// SPDX-License-Identifier: GPL-2.0
/*
 * The one object that instantiates the avcpu tracepoints (trace.h).
 */
#define CREATE_TRACE_POINTS
#include "trace.h"
