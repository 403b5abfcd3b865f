/* SPDX-License-Identifier: MIT */
/*
 * The socket port: everything tinyaws needs from the platform, as function pointers over an
 * opaque context (coreHTTP's transport interface, plus a clock and a random source).
 * port/posix and port/lwip implement it; tests wrap it to inject faults.
 *
 * Every blocking call takes a timeout and returns TAWS_ERR_TIMEOUT when it passes; recv and
 * send may move fewer bytes than asked.
 */
#ifndef TINYAWS_PORT_H
#define TINYAWS_PORT_H

#include <stddef.h>
#include <stdint.h>
#include "tinyaws/types.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct taws_port {
    void *ctx;
    /* Opens one TCP connection (host name or numeric address); tries every address the name
     * resolves to within timeout_ms. TAWS_ERR_DNS, TAWS_ERR_CONNECT or TAWS_ERR_TIMEOUT. */
    taws_status_t (*connect)(void *ctx, const char *host, uint16_t port, uint32_t timeout_ms);
    /* Sends up to len bytes: *sent >= 1 on TAWS_OK. */
    taws_status_t (*send)(void *ctx, const uint8_t *buf, size_t len, size_t *sent,
                          uint32_t timeout_ms);
    /* Receives up to len bytes: *got >= 1 on TAWS_OK; TAWS_ERR_CLOSED on orderly close. */
    taws_status_t (*recv)(void *ctx, uint8_t *buf, size_t len, size_t *got, uint32_t timeout_ms);
    /* Closes the connection (idempotent). */
    void (*close)(void *ctx);
    /* Monotonic milliseconds (wraps; only differences are used). */
    uint32_t (*now_ms)(void *ctx);
    /* Wall-clock seconds since 1970 UTC, for X-Amz-Date (clock skew is corrected above). */
    int64_t (*wall_time)(void *ctx);
    /* Cryptographically strong random bytes (TLS seeding, retry jitter). */
    taws_status_t (*random)(void *ctx, uint8_t *buf, size_t len);
    /* Sleeps (retry back-off). */
    void (*sleep_ms)(void *ctx, uint32_t ms);
} taws_port_t;

#ifdef __cplusplus
}
#endif

#endif
