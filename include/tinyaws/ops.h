/* SPDX-License-Identifier: MIT */
/*
 * The operations tinyaws knows: the list is data (src/operations.json), everything about each
 * operation comes from the AWS service models. src/gen_ops.py generates
 *   tinyaws/ops.gen.h       the typed params and item structs, their bounds, the descriptors'
 *                           declarations and TAWS_OPS_FOR_EACH (every operation, as an X-macro);
 *   src/ops_tables.gen.c    the descriptors the library runs on (C99 designated initializers);
 *   tinyaws/ops_iter.gen.h  typed begin/next per operation (tinyaws/pager.h includes it).
 * This header is the stable name applications include; the generated ones may be re-cut.
 */
#ifndef TINYAWS_OPS_H
#define TINYAWS_OPS_H

#include "tinyaws/types.h" /* outside extern "C": it includes the C library's headers */

#ifdef __cplusplus
extern "C" { /* ops.gen.h declares its own C linkage too */
#endif

#include "tinyaws/ops.gen.h"

#ifdef __cplusplus
}
#endif

#endif
