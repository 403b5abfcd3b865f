/* SPDX-License-Identifier: MIT */
/*
 * SHA-256 / HMAC-SHA256 over mbedTLS's sha256 module.
 *
 * Why not mbedtls_md_hmac(): mbedtls_md_setup() callocs its contexts, and SigV4 runs five
 * HMACs per new signing key. HMAC over a caller-owned sha256 context needs no heap at all.
 * Checked against RFC 4231 and against mbedtls_md_hmac() in tests/unit/test_crypto.c.
 */
#include <string.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/version.h>
#include "crypto.h"

/* mbedTLS 2.x names the int-returning functions *_ret; 3.x drops the suffix. */
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
#define SHA256_STARTS mbedtls_sha256_starts
#define SHA256_UPDATE mbedtls_sha256_update
#define SHA256_FINISH mbedtls_sha256_finish
#else
#define SHA256_STARTS mbedtls_sha256_starts_ret
#define SHA256_UPDATE mbedtls_sha256_update_ret
#define SHA256_FINISH mbedtls_sha256_finish_ret
#endif

void taws_wipe(void *p, size_t n)
{
    mbedtls_platform_zeroize(p, n);
}

static taws_status_t sha_sink_write(taws_sink_t *s, const void *p, size_t n)
{
    return taws_sha256_update((taws_sha256_t *)s, p, n);
}

taws_status_t taws_sha256_start(taws_sha256_t *h)
{
    h->sink.write = sha_sink_write;
    h->bytes = 0;
    mbedtls_sha256_init(&h->ctx);
    if (SHA256_STARTS(&h->ctx, 0) != 0) {
        mbedtls_sha256_free(&h->ctx);
        return TAWS_ERR_CRYPTO;
    }
    return TAWS_OK;
}

taws_status_t taws_sha256_update(taws_sha256_t *h, const void *p, size_t n)
{
    if (n == 0)
        return TAWS_OK;
    h->bytes += n;
    return SHA256_UPDATE(&h->ctx, (const unsigned char *)p, n) == 0 ? TAWS_OK : TAWS_ERR_CRYPTO;
}

taws_status_t taws_sha256_finish(taws_sha256_t *h, uint8_t out[TAWS_SHA256_LEN])
{
    int rc = SHA256_FINISH(&h->ctx, out);
    mbedtls_sha256_free(&h->ctx); /* zeroizes */
    return rc == 0 ? TAWS_OK : TAWS_ERR_CRYPTO;
}

void taws_sha256_abort(taws_sha256_t *h)
{
    mbedtls_sha256_free(&h->ctx);
}

taws_status_t taws_sha256(const void *p, size_t n, uint8_t out[TAWS_SHA256_LEN])
{
    taws_sha256_t h;
    taws_status_t st;
    TAWS_TRY(taws_sha256_start(&h));
    TAWS_CHK(taws_sha256_update(&h, p, n));
    return taws_sha256_finish(&h, out);
cleanup:
    taws_sha256_abort(&h);
    return st;
}

#define HMAC_BLOCK 64

/* One HMAC pass: H(pad || a || b), pad being the key block XORed with ipad or opad. */
static taws_status_t hmac_pass(const uint8_t pad[HMAC_BLOCK], const void *a, size_t an,
                               uint8_t out[TAWS_SHA256_LEN])
{
    taws_sha256_t h;
    taws_status_t st;
    TAWS_TRY(taws_sha256_start(&h));
    TAWS_CHK(taws_sha256_update(&h, pad, HMAC_BLOCK));
    TAWS_CHK(taws_sha256_update(&h, a, an));
    return taws_sha256_finish(&h, out); /* zeroizes the key-dependent state */
cleanup:
    taws_sha256_abort(&h);
    return st;
}

taws_status_t taws_hmac_sha256(const uint8_t *key, size_t key_len, const void *msg, size_t msg_len,
                               uint8_t out[TAWS_SHA256_LEN])
{
    uint8_t pad[HMAC_BLOCK];
    uint8_t inner[TAWS_SHA256_LEN];
    taws_status_t st = TAWS_OK;
    size_t i;

    memset(pad, 0, sizeof pad);
    if (key_len > HMAC_BLOCK)
        TAWS_CHK(taws_sha256(key, key_len, pad)); /* K' = H(K) for long keys */
    else if (key_len > 0)
        memcpy(pad, key, key_len);
    for (i = 0; i < HMAC_BLOCK; i++)
        pad[i] ^= 0x36;
    TAWS_CHK(hmac_pass(pad, msg, msg_len, inner));
    for (i = 0; i < HMAC_BLOCK; i++)
        pad[i] ^= 0x36 ^ 0x5c; /* turn ipad into opad */
    TAWS_CHK(hmac_pass(pad, inner, sizeof inner, out));
cleanup:
    taws_wipe(pad, sizeof pad);
    taws_wipe(inner, sizeof inner);
    return st;
}

void taws_hex(const uint8_t *in, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    size_t i;
    for (i = 0; i < n; i++) {
        out[2 * i] = digits[in[i] >> 4];
        out[2 * i + 1] = digits[in[i] & 15];
    }
}
