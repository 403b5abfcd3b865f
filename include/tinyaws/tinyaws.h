/* SPDX-License-Identifier: MIT */
/*
 * tinyaws: a zero-malloc, streaming AWS API client. The one header an application includes;
 * add the header of the port it uses (tinyaws/port_posix.h, tinyaws/port_lwip.h,
 * tinyaws/port_lwip_raw.h), which need their platform's headers.
 *
 *   config.h  every size and limit (override with -D or TINYAWS_CONFIG_FILE)
 *   status.h  taws_status_t and taws_strerror()
 *   types.h   string views, sinks, timestamps, item lists, operation descriptors
 *   port.h    the socket port an application provides (or takes from port/)
 *   client.h  TLS context, credentials, the client and its accessors
 *   credentials.h  credentials providers (static, AWS IoT, container, IMDSv2) and refresh
 *   pager.h   the iterator over a list operation, and the configuration check
 *   ops.h     generated from the AWS models: params and item structs, operations
 *
 * Everything else (the headers under src/) is the library's own and may change in any release.
 */
#ifndef TINYAWS_TINYAWS_H
#define TINYAWS_TINYAWS_H

#include "tinyaws/config.h"
#include "tinyaws/status.h"
#include "tinyaws/types.h"
#include "tinyaws/port.h"
#include "tinyaws/client.h"
#include "tinyaws/credentials.h"
#include "tinyaws/ini.h"
#include "tinyaws/pager.h"
#include "tinyaws/ops.h"

/* The release these headers belong to (CHANGELOG.md). TAWS_VERSION_NUMBER is 0xMMNNPP00, as
 * mbedTLS's MBEDTLS_VERSION_NUMBER, for #if comparisons; the low byte is reserved (0). */
#define TAWS_VERSION_MAJOR 0
#define TAWS_VERSION_MINOR 1
#define TAWS_VERSION_PATCH 0
#define TAWS_VERSION_NUMBER 0x00010000
#define TAWS_VERSION_STRING "0.1.0"

#ifdef __cplusplus
extern "C" {
#endif

/* The version of the library linked (src/version.c): the TAWS_VERSION_STRING it was built
 * with, which an application compares with its own to find headers and archive mismatched. */
TAWS_API const char *taws_version(void);

#ifdef __cplusplus
}
#endif

#endif /* TINYAWS_TINYAWS_H */
