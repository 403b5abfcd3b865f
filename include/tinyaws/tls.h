/*
 * TLS client on mbedTLS (2.28 or 3.6 LTS) over a taws_port_t. Caller-owned contexts (BearSSL
 * style): nothing here allocates; mbedTLS itself may, through its own allocator (see README,
 * Memory).
 *
 * - TLS 1.2, and TLS 1.3 when mbedTLS has it (3.6 with MBEDTLS_SSL_PROTO_TLS1_3).
 * - Certificates are verified unless the application turns that off for one context with
 *   taws_tls_set_verify(t, 0) (the AWS CLI's --no-verify-ssl). Nothing else turns it off.
 * - Host names are matched by mbedTLS against DNS names (SAN, else CN); an IP address
 *   (127.0.0.1, ::1) is matched by tinyaws against the certificate's iPAddress SANs only, on
 *   2.28 and 3.6 alike, and is not sent as SNI (RFC 6066 §3 forbids it).
 * - Sessions are resumed on reconnect (TLS 1.2 tickets or session IDs, TLS 1.3 tickets) for
 *   the same server name and verification setting (TAWS_TLS_RESUME).
 * - Randomness comes from port->random only: it seeds CTR-DRBG, or, with mbedTLS 3.x and
 *   MBEDTLS_PSA_CRYPTO_EXTERNAL_RNG (the boards and host configurations), it *is* PSA's
 *   random generator, from which TLS then draws. PSA has one generator per program: it reads
 *   the port of the most recent taws_tls_init().
 */
#ifndef TINYAWS_TLS_H
#define TINYAWS_TLS_H

#include <mbedtls/ssl.h>
#include <mbedtls/x509_crt.h>
#include "tinyaws/config.h"
#include "tinyaws/port.h"

/* TLS draws from PSA's generator, which is the port's random source (3.x, external RNG). */
#if defined(MBEDTLS_PSA_CRYPTO_EXTERNAL_RNG) && defined(MBEDTLS_PSA_CRYPTO_C) && \
    MBEDTLS_VERSION_NUMBER >= 0x03000000
#define TAWS_TLS_PSA_RNG 1
#else
#define TAWS_TLS_PSA_RNG 0
#include <mbedtls/ctr_drbg.h>
#endif

/* Session resumption on reconnect: 1 keeps the last session (its ticket or ID and master
 * secret, in mbedTLS's memory: a few hundred bytes, plus the leaf certificate with
 * MBEDTLS_SSL_KEEP_PEER_CERTIFICATE) and offers it on the next handshake. */
#ifndef TAWS_TLS_RESUME
#define TAWS_TLS_RESUME 1
#endif

/* taws_tls_add_ca_file(): reading a PEM bundle from a file needs a C library with files (a
 * host). Devices embed their trust anchors and call taws_tls_add_ca(). */
#ifndef TAWS_TLS_CA_FILE
#if defined(__unix__) || defined(__APPLE__)
#define TAWS_TLS_CA_FILE 1
#else
#define TAWS_TLS_CA_FILE 0
#endif
#endif
/* The largest certificate (DER bytes) taws_tls_add_ca_file() accepts; it decodes one
 * certificate at a time into a buffer of this size on the stack (the Mozilla bundle's
 * largest is under 2 KiB). */
#ifndef TAWS_TLS_CA_CERT_MAX
#define TAWS_TLS_CA_CERT_MAX 8192
#endif

typedef struct {
    mbedtls_ssl_context ssl;
    mbedtls_ssl_config conf;
#if !TAWS_TLS_PSA_RNG
    mbedtls_ctr_drbg_context drbg;
#endif
    mbedtls_x509_crt ca;
#if TAWS_TLS_RESUME
    mbedtls_ssl_session session;   /* the last session, offered on the next handshake */
    char session_host[TAWS_HOST_MAX]; /* the server name of the current connection, to
                                       * which the saved session (if any) belongs */
    uint8_t have_session;
    uint8_t session_verified;      /* the verification setting it was established under */
#endif
    const taws_port_t *port;
    uint32_t io_start;      /* the current operation's start and budget (ms) */
    uint32_t io_budget;
    taws_status_t io_status; /* what the port said when a BIO callback failed */
    uint32_t verify_flags;   /* mbedTLS verification flags of the last handshake */
    uint8_t ready;           /* ssl set up, a handshake may start */
    uint8_t n_ca;            /* certificates loaded */
    uint8_t verify;          /* 1 (default): the server's certificate must verify */
    uint8_t ip_len;          /* 4 or 16: the server name is an IP address (ip), else 0 */
    uint8_t ip[16];
    /* Why the last taws_tls_add_ca_file() failed (taws_tls_ca_reason()). */
    taws_status_t ca_status;
    uint32_t ca_line;        /* line of the BEGIN of the bad certificate, else 0 */
    uint32_t ca_loaded;      /* certificates loaded by taws_tls_add_ca_file() */
    uint32_t ca_skipped;     /* well-formed but of an algorithm this mbedTLS lacks */
} taws_tls_t;

/* Prepares a TLS 1.2 (and 1.3) client configuration and ties the random generator to
 * port->random (see above). Verification is on. */
taws_status_t taws_tls_init(taws_tls_t *t, const taws_port_t *port);
/* Adds trusted CA certificates (PEM, len including the terminating NUL; or DER). */
taws_status_t taws_tls_add_ca(taws_tls_t *t, const uint8_t *buf, size_t len);

/* Adds the trusted CA certificates of a PEM bundle file (TAWS_TLS_CA_FILE: hosts only),
 * read as a stream: one line and one certificate (TAWS_TLS_CA_CERT_MAX) at a time, no heap
 * of tinyaws's; the file is never held whole. Every "-----BEGIN CERTIFICATE-----" block is
 * loaded; text outside the blocks and other PEM blocks are ignored, as OpenSSL does. A
 * well-formed certificate whose key or signature algorithm this mbedTLS build lacks is
 * skipped and counted (t->ca_skipped); the others are loaded (t->ca_loaded). Errors, each
 * its own status, with taws_tls_ca_reason() for the words:
 *   TAWS_ERR_CA_NO_FILE     no such file                   "no such file"
 *   TAWS_ERR_CA_DIRECTORY   the path is a directory         "is a directory"
 *   TAWS_ERR_CA_UNREADABLE  cannot be opened or read        "cannot be read"
 *   TAWS_ERR_CA_EMPTY       zero bytes                      "the file is empty"
 *   TAWS_ERR_CA_NO_PEM      no PEM certificate block        "no PEM certificate in it"
 *   TAWS_ERR_CA_BAD_CERT    a block that does not decode or parse (bad base64, bad DER,
 *                           larger than TAWS_TLS_CA_CERT_MAX, no END line)
 *                                                           "bad certificate at line N"
 *                           (N: the line of its BEGIN, 1-based; also t->ca_line)
 * On any error the context trusts nothing (every CA added before is dropped too) until
 * certificates are added again: a handshake then fails with TAWS_ERR_TLS_CA.
 * Without TAWS_TLS_CA_FILE it returns TAWS_ERR_TLS_CA. */
taws_status_t taws_tls_add_ca_file(taws_tls_t *t, const char *path);
/* The same as taws_tls_add_ca_file() (older name; directories are not read). */
taws_status_t taws_tls_add_ca_path(taws_tls_t *t, const char *path);
/* Why the last taws_tls_add_ca_file() failed, in words for
 *   "Could not load the CA bundle <path>: <reason>"
 * e.g. "no such file", "is a directory", "the file is empty", "no PEM certificate in it",
 * "bad certificate at line 42". Written into buf (cap bytes, NUL-terminated, cut to fit);
 * returns buf. After a success: "ok". */
const char *taws_tls_ca_reason(const taws_tls_t *t, char *buf, size_t cap);

/* Certificate verification for this context: on (1, the default) or off (0). Off, any
 * certificate is accepted, for any name, and no CA is needed: the connection is encrypted
 * but not authenticated (the AWS CLI's --no-verify-ssl; the application warns). Takes effect
 * at the next handshake; a session established under the other setting is not resumed. */
void taws_tls_set_verify(taws_tls_t *t, int on);

/* Runs the handshake over the already connected port. server_name is a DNS name (sent as
 * SNI and matched by mbedTLS) or an IP address literal ("127.0.0.1", "::1": matched against
 * iPAddress SANs, no SNI). Offers the saved session when it was made for the same name.
 * Errors: TAWS_ERR_TLS_UNTRUSTED, _HOSTNAME, _EXPIRED, _NOT_YET_VALID, _HANDSHAKE, TAWS_ERR_TLS_CA
 * (verification on and no CA), or the port's.
 * With mbedTLS on a static pool (MBEDTLS_MEMORY_BUFFER_ALLOC_C) a pool too small to verify the
 * chain also reads as TAWS_ERR_TLS_UNTRUSTED: mbedTLS 2.28 reports it so. make size measures
 * the pool a listing needs. */
taws_status_t taws_tls_handshake(taws_tls_t *t, const char *server_name, uint32_t timeout_ms);
taws_status_t taws_tls_send(taws_tls_t *t, const uint8_t *p, size_t n, size_t *sent,
                            uint32_t timeout_ms);
/* TAWS_ERR_CLOSED on close_notify or TCP close. TLS 1.3 session tickets arriving with the
 * data are kept for the next handshake. */
taws_status_t taws_tls_recv(taws_tls_t *t, uint8_t *p, size_t n, size_t *got,
                            uint32_t timeout_ms);
/* Sends close_notify (best effort) and resets the session for the next connection; the
 * caller closes the port. The saved session stays for resumption. */
void taws_tls_close(taws_tls_t *t);
/* Frees the mbedTLS contexts, the CA chain and the saved session. PSA's global state (3.x)
 * stays until the application calls mbedtls_psa_crypto_free(). */
void taws_tls_free(taws_tls_t *t);

#endif
