/* SPDX-License-Identifier: MIT */
/*
 * AWS Signature Version 4, header signing.
 *
 * The canonical request is produced piece by piece straight into SHA-256: it is never held
 * whole, so a 2,048-character page token (6 KiB percent-encoded) costs no RAM. A test or a
 * debug log may watch the same pieces through `tap`.
 */
#ifndef TINYAWS_SRC_SIGV4_H
#define TINYAWS_SRC_SIGV4_H

#include "common.h"
#include "crypto.h"
#include "timeutil.h"
#include "tinyaws/client.h"

/* Credentials (taws_credentials_t) and the cached signing key (taws_sigv4_key_t) are defined
 * in tinyaws/client.h; TAWS_SECRET_MAX and TAWS_ACCESS_KEY_MAX in tinyaws/config.h. Wipe the
 * key with taws_sigv4_key_wipe() when done. */
TAWS_STATIC_ASSERT(sizeof(((taws_sigv4_key_t *)0)->key) == TAWS_SHA256_LEN, sigv4_key_len);
void taws_sigv4_key_wipe(taws_sigv4_key_t *k);

typedef struct {
    taws_str_t method;
    taws_str_t path;          /* as sent on the wire, without '?' and query */
    const taws_kv_t *query;   /* decoded names and values; the signer encodes them */
    size_t n_query;
    const taws_kv_t *headers; /* every header to sign, host and x-amz-date included */
    size_t n_headers;
    taws_str_t payload_hash;  /* 64 lower-case hex chars */
    int normalize_path;       /* 1 for every service but S3 */
} taws_sigv4_request_t;

#define TAWS_SIGV4_STS_MAX (17 + 17 + 23 + TAWS_REGION_MAX + TAWS_SERVICE_MAX + 1 + 64)

typedef struct {
    char string_to_sign[TAWS_SIGV4_STS_MAX];
    size_t sts_len;
    char signature[65];
} taws_sigv4_result_t;

/* Signs req and writes the Authorization header value (NUL-terminated) into auth.
 * TAWS_ERR_ARG for a NUL or '/' in region, service or access key id (scope parts).
 * amz_date is the X-Amz-Date value, which must also be among req->headers.
 * cache may be NULL (the key is derived and wiped each time). tap, if not NULL, receives the
 * canonical request. res, if not NULL, receives the string to sign and the signature. */
taws_status_t taws_sigv4_sign(taws_sigv4_key_t *cache, const taws_credentials_t *cred,
                              taws_str_t region, taws_str_t service,
                              const char *amz_date,
                              const taws_sigv4_request_t *req, taws_sink_t *tap, char *auth,
                              size_t auth_cap, taws_sigv4_result_t *res);

/* Sorts query parameters in place into SigV4 order (encoded name, then encoded value), so
 * that the wire query and the canonical query are the same bytes. */
void taws_query_sort(taws_kv_t *q, size_t n);
/* Writes name=value&... with RFC 3986 encoding, in the given order. */
taws_status_t taws_query_write(taws_sink_t *out, const taws_kv_t *q, size_t n);

/* SHA-256 of the empty string, the payload hash of a body-less request. */
extern const char taws_empty_sha256_hex[65];

#endif
