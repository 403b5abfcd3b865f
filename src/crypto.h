/* SPDX-License-Identifier: MIT */
/* SHA-256 and HMAC-SHA256 on mbedTLS's SHA-256, without the md layer's heap allocations. */
#ifndef TINYAWS_SRC_CRYPTO_H
#define TINYAWS_SRC_CRYPTO_H

#include <stddef.h>
#include <stdint.h>
#include <mbedtls/sha256.h>
#include "common.h"

#define TAWS_SHA256_LEN 32

/* A SHA-256 hash that is also a sink, so generators can stream into it. */
typedef struct {
    taws_sink_t sink;
    mbedtls_sha256_context ctx;
    uint64_t bytes; /* hashed so far (a request body's Content-Length, for free) */
} taws_sha256_t;

taws_status_t taws_sha256_start(taws_sha256_t *h);
taws_status_t taws_sha256_update(taws_sha256_t *h, const void *p, size_t n);
/* Writes the digest and wipes the context. */
taws_status_t taws_sha256_finish(taws_sha256_t *h, uint8_t out[TAWS_SHA256_LEN]);
/* Releases the context without a digest (error paths); wipes it. */
void taws_sha256_abort(taws_sha256_t *h);

taws_status_t taws_sha256(const void *p, size_t n, uint8_t out[TAWS_SHA256_LEN]);

/* HMAC-SHA256 (RFC 2104) over a message given in up to two parts. The key may be any length.
 * Intermediate key pads are wiped before return. */
taws_status_t taws_hmac_sha256(const uint8_t *key, size_t key_len, const void *msg, size_t msg_len,
                               uint8_t out[TAWS_SHA256_LEN]);

/* Lower-case hex of n bytes into out (2n chars, not NUL-terminated). */
void taws_hex(const uint8_t *in, size_t n, char *out);

/* Overwrites memory in a way the compiler may not elide (mbedtls_platform_zeroize). */
void taws_wipe(void *p, size_t n);

#endif /* TINYAWS_SRC_CRYPTO_H */
