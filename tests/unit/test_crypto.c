/* SPDX-License-Identifier: MIT */
/* SHA-256 and HMAC-SHA256: RFC 4231 vectors and agreement with mbedtls_md_hmac(). */
#include <string.h>
#include <mbedtls/md.h>
#include "check.h"
#include "crypto.h"

static void hexs(const uint8_t *d, size_t n, char *out)
{
    taws_hex(d, n, out);
    out[2 * n] = '\0';
}

static void test_sha256_known(void)
{
    uint8_t d[32];
    char h[65];
    CHECK_ST(taws_sha256("abc", 3, d), TAWS_OK);
    hexs(d, 32, h);
    CHECK_STR(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK_ST(taws_sha256("", 0, d), TAWS_OK);
    hexs(d, 32, h);
    CHECK_STR(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

static void test_hmac_rfc4231(void)
{
    /* RFC 4231 test cases 1, 2, 3, 6 (128-byte key: hashed first) and 7. */
    static uint8_t k1[20], k3[20], k6[131];
    static uint8_t m3[50];
    uint8_t out[32];
    char h[65];
    memset(k1, 0x0b, sizeof k1);
    memset(k3, 0xaa, sizeof k3);
    memset(m3, 0xdd, sizeof m3);
    memset(k6, 0xaa, sizeof k6);
    CHECK_ST(taws_hmac_sha256(k1, 20, "Hi There", 8, out), TAWS_OK);
    hexs(out, 32, h);
    CHECK_STR(h, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    CHECK_ST(taws_hmac_sha256((const uint8_t *)"Jefe", 4, "what do ya want for nothing?", 28, out),
             TAWS_OK);
    hexs(out, 32, h);
    CHECK_STR(h, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    CHECK_ST(taws_hmac_sha256(k3, 20, m3, 50, out), TAWS_OK);
    hexs(out, 32, h);
    CHECK_STR(h, "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
    CHECK_ST(taws_hmac_sha256(k6, 131, "Test Using Larger Than Block-Size Key - Hash Key First",
                              54, out),
             TAWS_OK);
    hexs(out, 32, h);
    CHECK_STR(h, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
    CHECK_ST(taws_hmac_sha256(k6, 131,
                              "This is a test using a larger than block-size key and a larger "
                              "than block-size data. The key needs to be hashed before being "
                              "used by the HMAC algorithm.",
                              152, out),
             TAWS_OK);
    hexs(out, 32, h);
    CHECK_STR(h, "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
}

static void test_hmac_matches_mbedtls_md(void)
{
    const mbedtls_md_info_t *md = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
    uint8_t key[200], msg[300], a[32], b[32];
    int round;
    for (round = 0; round < 200; round++) {
        size_t kl = (size_t)(check_rand() % sizeof key), ml = (size_t)(check_rand() % sizeof msg), i;
        for (i = 0; i < kl; i++)
            key[i] = (uint8_t)check_rand();
        for (i = 0; i < ml; i++)
            msg[i] = (uint8_t)check_rand();
        CHECK_ST(taws_hmac_sha256(key, kl, msg, ml, a), TAWS_OK);
        CHECK_INT(mbedtls_md_hmac(md, key, kl, msg, ml, b), 0);
        CHECK_MEM(a, 32, b, 32);
    }
}

static void test_streaming_sha_equals_one_shot(void)
{
    static uint8_t data[5000];
    uint8_t a[32], b[32];
    taws_sha256_t h;
    size_t i = 0;
    for (i = 0; i < sizeof data; i++)
        data[i] = (uint8_t)check_rand();
    CHECK_ST(taws_sha256(data, sizeof data, a), TAWS_OK);
    CHECK_ST(taws_sha256_start(&h), TAWS_OK);
    for (i = 0; i < sizeof data;) {
        size_t n = 1 + (size_t)(check_rand() % 97);
        if (n > sizeof data - i)
            n = sizeof data - i;
        CHECK_ST(taws_sink_put(&h.sink, data + i, n), TAWS_OK);
        i += n;
    }
    CHECK_ST(taws_sha256_finish(&h, b), TAWS_OK);
    CHECK_MEM(a, 32, b, 32);
}

CHECK_SUITE(crypto_suite, CHECK_CASE(test_sha256_known), CHECK_CASE(test_hmac_rfc4231),
            CHECK_CASE(test_hmac_matches_mbedtls_md), CHECK_CASE(test_streaming_sha_equals_one_shot));
