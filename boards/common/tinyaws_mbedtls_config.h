/*
 * mbedTLS 2.28 configuration for tinyaws on a device: a TLS 1.2 client and nothing else.
 *
 * Used in place of mbedtls/config.h with
 *     -DMBEDTLS_CONFIG_FILE='"tinyaws_mbedtls_config.h"' -Iboards/common
 * for BOTH mbedTLS and tinyaws (taws_tls_t embeds mbedTLS contexts whose layout depends on
 * this file). boards/cross/cross.mk builds Debian's mbedtls source package with it for
 * Cortex-M4, RV32IMAC and the host (to measure the static pool's peak).
 *
 * Build boards/common/tinyaws_mbedtls_platform.c into libmbedcrypto.a with it.
 *
 * What the application provides at run time (nothing here links malloc, time() or stdio):
 *   - memory: mbedtls_memory_buffer_alloc_init(pool, sizeof pool) once, before taws_tls_init().
 *     Without it every allocation fails (MBEDTLS_PLATFORM_NO_STD_FUNCTIONS: no calloc).
 *   - time:   mbedtls_platform_set_time(fn) with a UTC clock (SNTP, RTC). Without it mbedTLS
 *     sees 1970 and every certificate is "not yet valid" (tinyaws: TAWS_ERR_TLS_NOT_YET_VALID):
 *     verification fails closed, never open.
 *   - randomness: tinyaws seeds CTR-DRBG from taws_port_t.random (src/tls.c); there is no
 *     mbedTLS entropy module and no platform entropy source.
 */
#ifndef TINYAWS_MBEDTLS_CONFIG_H
#define TINYAWS_MBEDTLS_CONFIG_H

/* ---- System support ---------------------------------------------------------------- */
#define MBEDTLS_HAVE_ASM              /* bignum inner loops in assembly where available */
#define MBEDTLS_HAVE_TIME             /* certificate validity needs a clock ...           */
#define MBEDTLS_HAVE_TIME_DATE        /* ... and gmtime_r() (newlib and picolibc have it) */

/* ---- Platform: static pool, runtime time hook, no standard functions assigned -------- */
#define MBEDTLS_PLATFORM_C
#define MBEDTLS_PLATFORM_MEMORY           /* mbedtls_calloc/free are function pointers ...   */
#define MBEDTLS_MEMORY_BUFFER_ALLOC_C     /* ... set to a static pool by buffer_alloc_init() */
#define MBEDTLS_PLATFORM_NO_STD_FUNCTIONS /* never default to calloc()/free()/time()/exit()  */
#define MBEDTLS_PLATFORM_TIME_ALT         /* mbedtls_platform_set_time(): the time hook      */
#define MBEDTLS_PLATFORM_GMTIME_R_ALT     /* gmtime_r, not newlib-nano's malloc'ing gmtime():
                                           * boards/common/tinyaws_mbedtls_platform.c        */
/* x509's info strings (mbedtls_x509_crt_verify_info & co.) use snprintf; tinyaws calls none
 * of them, so --gc-sections drops them and snprintf with them. */
#include <stdio.h>
#define MBEDTLS_PLATFORM_SNPRINTF_MACRO snprintf
#define MBEDTLS_PLATFORM_VSNPRINTF_MACRO vsnprintf
#define MBEDTLS_NO_PLATFORM_ENTROPY       /* no /dev/urandom or OS RNG on a device */

/* ---- Crypto: what ECDHE-ECDSA / ECDHE-RSA with AES-GCM and SHA-256/384 need ----------- */
#define MBEDTLS_AES_C
#define MBEDTLS_AES_ROM_TABLES            /* AES tables in flash, not 8 KiB of RAM */
#define MBEDTLS_AES_FEWER_TABLES          /* and a quarter of them: 6 KiB less flash */
#define MBEDTLS_GCM_C
#define MBEDTLS_CIPHER_C
#define MBEDTLS_CTR_DRBG_C                /* seeded from the port's random callback */
#define MBEDTLS_MD_C
#define MBEDTLS_SHA256_C                  /* SigV4 (tinyaws) and TLS */
#define MBEDTLS_SHA512_C                  /* SHA-384 suites and certificates */
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_ECP_C
#define MBEDTLS_ECDH_C
#define MBEDTLS_ECDSA_C
#define MBEDTLS_ECP_DP_SECP256R1_ENABLED
#define MBEDTLS_ECP_DP_SECP384R1_ENABLED
#define MBEDTLS_ECP_NIST_OPTIM            /* fast reduction for the NIST curves: some flash */
#define MBEDTLS_RSA_C                     /* AWS endpoints present RSA-2048 chains */
#define MBEDTLS_PKCS1_V15
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C              /* required by ECDSA */
#define MBEDTLS_OID_C
#define MBEDTLS_PK_C
#define MBEDTLS_PK_PARSE_C

/* ---- X.509 ------------------------------------------------------------------------- */
#define MBEDTLS_X509_USE_C
#define MBEDTLS_X509_CRT_PARSE_C
#define MBEDTLS_X509_CHECK_KEY_USAGE
#define MBEDTLS_X509_CHECK_EXTENDED_KEY_USAGE
#define MBEDTLS_PEM_PARSE_C               /* CA certificates as PEM (taws_tls_add_ca) */
#define MBEDTLS_BASE64_C

/* ---- TLS: 1.2 client only --------------------------------------------------------- */
#define MBEDTLS_SSL_TLS_C
#define MBEDTLS_SSL_CLI_C                 /* no MBEDTLS_SSL_SRV_C */
#define MBEDTLS_SSL_PROTO_TLS1_2          /* no TLS 1.0/1.1, no DTLS */
#define MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED
#define MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED
#define MBEDTLS_SSL_SERVER_NAME_INDICATION /* SNI: AWS needs it to pick the certificate */
#define MBEDTLS_SSL_EXTENDED_MASTER_SECRET /* RFC 7627 */
/* No session tickets, renegotiation, ALPN, MFL, CBC or truncated HMAC: tinyaws does not
 * resume sessions and AWS honours none of the others for a TLS 1.2 client. */

/* Only the suites tinyaws needs (strongest first); saves flash and ClientHello bytes. */
#define MBEDTLS_SSL_CIPHERSUITES                                                          \
    MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, MBEDTLS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, \
    MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, MBEDTLS_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384

/* Record buffers (allocated from the pool by mbedtls_ssl_setup, kept for the session):
 * IN  16384: AWS servers send full 16 KiB records and do not implement the
 *            max_fragment_length extension (RFC 6066), so a smaller receive buffer would
 *            fail on the first large response record. It cannot be negotiated down.
 * OUT  2048: the client's own records are small: ClientHello, ClientKeyExchange, Finished,
 *            and requests, which tinyaws writes in TAWS_TX_BUF_SIZE (512 B) pieces; a
 *            larger write is simply split into several records by mbedTLS. */
#define MBEDTLS_SSL_IN_CONTENT_LEN 16384
#define MBEDTLS_SSL_OUT_CONTENT_LEN 2048

/* ---- RAM over speed ------------------------------------------------------------------ */
/* The peer certificate chain is freed after the handshake instead of kept for the session. */
#undef MBEDTLS_SSL_KEEP_PEER_CERTIFICATE
/* RSA keys up to 4096 bits (Amazon Root CA 2); the default 8192 bits doubles MPI buffers. */
#define MBEDTLS_MPI_MAX_SIZE 512
/* As mbedTLS's configs/config-suite-b.h: halves the EC peak for a slower point multiply
 * (a client does two or three per handshake). */
#define MBEDTLS_ECP_WINDOW_SIZE 2
#define MBEDTLS_ECP_FIXED_POINT_OPTIM 0

/* Not here on purpose: MBEDTLS_FS_IO (no files: taws_tls_add_ca_path returns TAWS_ERR_TLS_CA),
 * MBEDTLS_NET_C (tinyaws' port does the sockets), MBEDTLS_TIMING_C (the port's now_ms bounds
 * every wait), MBEDTLS_ENTROPY_C (see above), MBEDTLS_SSL_SRV_C, MBEDTLS_SSL_PROTO_TLS1,
 * _TLS1_1, _DTLS, MBEDTLS_SHA1_C, MBEDTLS_ERROR_C, MBEDTLS_DEBUG_C, MBEDTLS_SELF_TEST. */

#include "mbedtls/check_config.h"

#endif /* TINYAWS_MBEDTLS_CONFIG_H */
