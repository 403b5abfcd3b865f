/* SPDX-License-Identifier: MIT */
/*
 * mbedTLS configuration for tinyaws on a device: a TLS client and nothing else. One file for
 * mbedTLS 2.28 (TLS 1.2) and 3.6 LTS (TLS 1.2 and 1.3).
 *
 * Used in place of mbedtls/config.h (2.28) or mbedtls/mbedtls_config.h (3.6) with
 *     -DMBEDTLS_CONFIG_FILE='"tinyaws_mbedtls_config.h"' -Iboards/common
 * for BOTH mbedTLS and tinyaws (taws_tls_t embeds mbedTLS contexts whose layout depends on
 * this file). boards/cross/cross.mk builds Debian's mbedtls source packages (bookworm's 2.28
 * and trixie's 3.6) with it for Cortex-M4, RV32IMAC and the host (to measure the static
 * pool); boards/host/ builds the host library on it; boards/pico-w includes it.
 *
 * Build boards/common/tinyaws_mbedtls_platform.c into libmbedcrypto.a with it.
 *
 * Knobs (define before this file, e.g. on the command line):
 *   TINYAWS_MBEDTLS_TLS13  1 (default on 3.x): TLS 1.3 as well as 1.2; 0: TLS 1.2 only
 *                          (no PSA: 27.8 KB less mbedTLS flash on Cortex-M4, 3.7-4.5 KB less
                          pool, make size). Ignored by 2.28, which has no 1.3.
 *
 * What the application provides at run time (nothing here links malloc, time() or stdio):
 *   - memory: mbedtls_memory_buffer_alloc_init(pool, sizeof pool) once, before taws_tls_init().
 *     Without it every allocation fails (MBEDTLS_PLATFORM_NO_STD_FUNCTIONS: no calloc).
 *     With TLS 1.3, PSA keeps a little global state in the pool until
 *     mbedtls_psa_crypto_free() (call it before resetting the pool).
 *   - time:   mbedtls_platform_set_time(fn) with a UTC clock (SNTP, RTC). Without it mbedTLS
 *     sees 1970 and every certificate is "not yet valid" (tinyaws: TAWS_ERR_TLS_NOT_YET_VALID):
 *     verification fails closed, never open. mbedtls_ms_time() (3.x: TLS 1.3 ticket ages) is
 *     derived from the same clock (tinyaws_mbedtls_platform.c).
 *   - randomness: taws_port_t.random, and nothing else. With TLS 1.3 it is PSA's external RNG
 *     (src/tls.c defines mbedtls_psa_external_get_random()) and TLS draws from PSA; without
 *     it tinyaws seeds CTR-DRBG from it. There is no mbedTLS entropy module and no platform
 *     entropy source.
 */
#ifndef TINYAWS_MBEDTLS_CONFIG_H
#define TINYAWS_MBEDTLS_CONFIG_H

/* mbedTLS 3.x defines its version before reading this file, 2.x after (build_info.h vs
 * config.h): that tells the two apart here. */
#if defined(MBEDTLS_VERSION_MAJOR) && MBEDTLS_VERSION_MAJOR >= 3
#define TINYAWS_MBEDTLS_3 1
#else
#define TINYAWS_MBEDTLS_3 0
#endif
#ifndef TINYAWS_MBEDTLS_TLS13
#define TINYAWS_MBEDTLS_TLS13 TINYAWS_MBEDTLS_3
#endif
#if !TINYAWS_MBEDTLS_3
#undef TINYAWS_MBEDTLS_TLS13
#define TINYAWS_MBEDTLS_TLS13 0
#endif

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
#if TINYAWS_MBEDTLS_3
#define MBEDTLS_PLATFORM_MS_TIME_ALT      /* mbedtls_ms_time() from the time hook (3.x asks
                                           * for it; no clock_gettime on bare metal)         */
#endif
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
#define MBEDTLS_MD_C
#define MBEDTLS_SHA256_C                  /* SigV4 (tinyaws) and TLS */
#if TINYAWS_MBEDTLS_3
#define MBEDTLS_SHA384_C                  /* 3.x: SHA512_C no longer brings SHA-384, and without
                                           * it the *_SHA384 suites vanish from the ClientHello */
#else
#define MBEDTLS_SHA512_C                  /* 2.28: SHA-384 lives in the SHA-512 module */
#endif
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

#if TINYAWS_MBEDTLS_TLS13
/* TLS 1.3 runs on PSA crypto, whose random generator is the port's (src/tls.c). */
#define MBEDTLS_PSA_CRYPTO_C
#define MBEDTLS_PSA_CRYPTO_EXTERNAL_RNG   /* mbedtls_psa_external_get_random() = port random */
#define MBEDTLS_HKDF_C                    /* the TLS 1.3 key schedule */
#define MBEDTLS_PKCS1_V21                 /* RSA-PSS: TLS 1.3 CertificateVerify with an RSA key
                                           * (else OpenSSL: "no suitable signature algorithm") */
/* PSA copies every input and output buffer unless told that nobody else can touch them;
 * tinyaws's buffers are its own (no shared memory, no TrustZone boundary). Measured: 2.2 KB
 * less code in psa_crypto.o, the same smallest pool (224 B less peak) with this config. */
#define MBEDTLS_PSA_ASSUME_EXCLUSIVE_BUFFERS
#else
#define MBEDTLS_CTR_DRBG_C                /* seeded from the port's random callback */
#endif

/* ---- X.509 ------------------------------------------------------------------------- */
#define MBEDTLS_X509_USE_C
#define MBEDTLS_X509_CRT_PARSE_C
#define MBEDTLS_X509_CHECK_KEY_USAGE
#define MBEDTLS_X509_CHECK_EXTENDED_KEY_USAGE
#define MBEDTLS_PEM_PARSE_C               /* CA certificates as PEM (taws_tls_add_ca) */
#define MBEDTLS_BASE64_C
#if TINYAWS_MBEDTLS_TLS13
#define MBEDTLS_X509_RSASSA_PSS_SUPPORT   /* TLS 1.3 signature_algorithms lists rsa_pss_* */
#endif

/* ---- TLS: client only ---------------------------------------------------------------- */
#define MBEDTLS_SSL_TLS_C
#define MBEDTLS_SSL_CLI_C                 /* no MBEDTLS_SSL_SRV_C */
#define MBEDTLS_SSL_PROTO_TLS1_2          /* no TLS 1.0/1.1, no DTLS */
#define MBEDTLS_KEY_EXCHANGE_ECDHE_ECDSA_ENABLED
#define MBEDTLS_KEY_EXCHANGE_ECDHE_RSA_ENABLED
#define MBEDTLS_SSL_SERVER_NAME_INDICATION /* SNI: AWS needs it to pick the certificate */
#define MBEDTLS_SSL_EXTENDED_MASTER_SECRET /* RFC 7627 */
/* Session resumption on reconnect (src/tls.c keeps the session): TLS 1.2 session tickets
 * (RFC 5077) or session IDs, TLS 1.3 tickets (PSK with (EC)DHE). A resumed handshake skips
 * the certificate chain and its verification: fewer bytes, far fewer instructions. */
#define MBEDTLS_SSL_SESSION_TICKETS
#if TINYAWS_MBEDTLS_TLS13
#define MBEDTLS_SSL_PROTO_TLS1_3
#define MBEDTLS_SSL_TLS1_3_COMPATIBILITY_MODE  /* middlebox compatibility (RFC 8446 D.4) */
#define MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_EPHEMERAL_ENABLED     /* full handshake, ECDHE */
#define MBEDTLS_SSL_TLS1_3_KEY_EXCHANGE_MODE_PSK_EPHEMERAL_ENABLED /* resumption, with ECDHE */
/* 3.6 requires it for TLS 1.3: the peer chain stays in the pool for the connection. */
#define MBEDTLS_SSL_KEEP_PEER_CERTIFICATE
#else
/* The peer certificate chain is freed after the handshake instead of kept for the session. */
#undef MBEDTLS_SSL_KEEP_PEER_CERTIFICATE
#endif
/* No renegotiation, ALPN, MFL, CBC, truncated HMAC or early data: AWS honours none of them
 * for a client, and tinyaws never sends data before the handshake completes. */

/* Only the suites tinyaws needs (strongest first within each version); saves flash and
 * ClientHello bytes. AWS endpoints negotiate ECDHE-RSA-AES128-GCM-SHA256 (TLS 1.2) or
 * TLS_AES_128_GCM_SHA256 (TLS 1.3) with their RSA-2048 chains. */
#if TINYAWS_MBEDTLS_TLS13
#define TINYAWS_MBEDTLS_TLS13_SUITES \
    MBEDTLS_TLS1_3_AES_128_GCM_SHA256, MBEDTLS_TLS1_3_AES_256_GCM_SHA384,
#else
#define TINYAWS_MBEDTLS_TLS13_SUITES
#endif
#define MBEDTLS_SSL_CIPHERSUITES TINYAWS_MBEDTLS_TLS13_SUITES                               \
    MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, MBEDTLS_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, \
    MBEDTLS_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, MBEDTLS_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384

/* Record buffers (allocated from the pool by mbedtls_ssl_setup, kept for the session):
 * IN  16384: AWS servers send full 16 KiB records and do not implement the
 *            max_fragment_length extension (RFC 6066), so a smaller receive buffer would
 *            fail on the first large response record. It cannot be negotiated down.
 * OUT  2048: the client's own records are small: ClientHello, ClientKeyExchange, Finished,
 *            and requests, which tinyaws writes in TAWS_TX_BUF_SIZE (512 B) pieces; a larger
 *            write is simply split into several records by mbedTLS. The largest is a
 *            resumed ClientHello: it carries the server's session ticket, whose size is the
 *            server's choice (585 B in all with the test endpoint's TLS 1.3 ticket). 1024
 *            saves exactly 1 KiB of pool and passes every test here, but a server with
 *            larger tickets would fail the handshake: define it to 1024 only for servers
 *            whose tickets are known to be small. */
#define MBEDTLS_SSL_IN_CONTENT_LEN 16384
#ifndef MBEDTLS_SSL_OUT_CONTENT_LEN
#define MBEDTLS_SSL_OUT_CONTENT_LEN 2048
#endif

/* ---- RAM over speed ------------------------------------------------------------------ */
/* RSA keys up to 4096 bits (Amazon Root CA 2); the default 8192 bits doubles MPI buffers. */
#define MBEDTLS_MPI_MAX_SIZE 512
/* As mbedTLS's configs/config-suite-b.h: halves the EC peak for a slower point multiply
 * (a client does two or three per handshake). */
#define MBEDTLS_ECP_WINDOW_SIZE 2
#define MBEDTLS_ECP_FIXED_POINT_OPTIM 0

/* Not here on purpose: MBEDTLS_FS_IO (no files: taws_tls_add_ca_file reads with stdio, on a
 * host), MBEDTLS_NET_C (tinyaws' port does the sockets), MBEDTLS_TIMING_C (the port's now_ms
 * bounds every wait), MBEDTLS_ENTROPY_C (see above), MBEDTLS_SSL_SRV_C, MBEDTLS_SSL_PROTO_TLS1,
 * _TLS1_1, _DTLS, MBEDTLS_SHA1_C, MBEDTLS_ERROR_C, MBEDTLS_DEBUG_C, MBEDTLS_SELF_TEST.
 * Measured and left out (README, Footprint): MBEDTLS_SSL_VARIABLE_BUFFER_LENGTH (with
 * MBEDTLS_SSL_MAX_FRAGMENT_LENGTH: it resizes the buffers to a negotiated max_fragment_length,
 * which AWS never negotiates: the same pool to the byte), MBEDTLS_USE_PSA_CRYPTO (TLS 1.2 and
 * X.509 through PSA too: 1,152 B less pool, 6.3 KB more flash). */

/* 2.x: config.h ends with the consistency checks, so a replacement must include them.
 * 3.x: never here: build_info.h runs them after adjusting the configuration (including them
 * from this file gives false #errors). */
#if !TINYAWS_MBEDTLS_3
#include "mbedtls/check_config.h"
#endif

#endif /* TINYAWS_MBEDTLS_CONFIG_H */
