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
#include "tinyaws/pager.h"
#include "tinyaws/ops.h"

#ifdef __cplusplus
extern "C" {
#endif
/* (declarations live in the headers above) */
#ifdef __cplusplus
}
#endif

#endif /* TINYAWS_TINYAWS_H */
