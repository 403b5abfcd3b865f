/* SPDX-License-Identifier: MIT */
/*
 * A straightforward SigV4 for the fuzz harness, written from botocore's algorithm rather than
 * from src/sigv4.c: the canonical request is materialised in a buffer (the library streams
 * it), segments are normalised with a stack (the library scans forward), query pairs and
 * headers are encoded first and then sorted (the library compares encodings lazily), and
 * HMAC-SHA256 is built directly on mbedTLS's SHA-256.
 */
#ifndef TAWS_FUZZ_SIGV4_REF_H
#define TAWS_FUZZ_SIGV4_REF_H

#include <stddef.h>
#include <stdint.h>
#include "common.h" /* taws_kv_t */

typedef struct {
    taws_str_t method, path;
    const taws_kv_t *query;
    size_t n_query;
    const taws_kv_t *headers;
    size_t n_headers;
    taws_str_t payload_hash;
    int normalize_path;
} ref_req_t;

/* Writes the canonical request; returns its length, or (size_t)-1 if out is too small. The
 * signed-headers list is written to sh (sh_cap) and its length to *sh_len; the canonical query
 * line alone to cq (cq_cap) and its length to *cq_len. */
size_t ref_canonical(const ref_req_t *r, char *out, size_t cap, char *sh, size_t sh_cap,
                     size_t *sh_len, char *cq, size_t cq_cap, size_t *cq_len);

/* The signature (64 lower-case hex chars + NUL) for a canonical request, and the string to
 * sign (returns its length; sts_cap must be big enough, or (size_t)-1). */
size_t ref_sign(const char *canonical, size_t len, taws_str_t secret, const char *amz_date,
                taws_str_t region, taws_str_t service, char *sts, size_t sts_cap,
                char signature[65]);

#endif
