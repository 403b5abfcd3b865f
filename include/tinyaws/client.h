/* SPDX-License-Identifier: MIT */
/*
 * A client: credentials, region, one endpoint and one connection (kept alive between
 * requests when the server allows it), over a port and, for https, a TLS context. The pager
 * (pager.h) sends its requests and reads the responses.
 *
 *   taws_tls_init(&tls, &port);  taws_tls_add_ca(&tls, ca_pem, ca_pem_len);
 *   taws_client_init(&client, &port, &tls, &cred, "eu-central-1");
 *   ... taws_pager_begin(&pager, &client, ...), taws_pager_next() ...
 *   taws_client_close(&client);  taws_tls_free(&tls);
 *
 * Every struct here is caller-owned and complete (declare it where you like: static, on a
 * task's stack), but members marked TAWS_PRIVATE are the library's: what an application may
 * read has an accessor below.
 */
#ifndef TINYAWS_CLIENT_H
#define TINYAWS_CLIENT_H

#include <mbedtls/ssl.h>
#include <mbedtls/version.h>
#include <mbedtls/x509_crt.h>
#include "tinyaws/config.h"
#include "tinyaws/port.h"
#include "tinyaws/types.h"

/* TLS draws from PSA's generator, which is the port's random source (3.x, external RNG). */
#if defined(MBEDTLS_PSA_CRYPTO_EXTERNAL_RNG) && defined(MBEDTLS_PSA_CRYPTO_C) && \
    MBEDTLS_VERSION_NUMBER >= 0x03000000
#define TAWS_TLS_PSA_RNG 1
#else
#define TAWS_TLS_PSA_RNG 0
#include <mbedtls/ctr_drbg.h>
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- credentials ------------------------------------------------------------------------ */

/* Views of the caller's strings (they must live as long as the client uses them). */
typedef struct {
    taws_str_t access_key_id;     /* at most TAWS_ACCESS_KEY_MAX bytes */
    taws_str_t secret_access_key; /* at most TAWS_SECRET_MAX bytes */
    taws_str_t session_token;     /* p == NULL: none */
} taws_credentials_t;

/* ---- TLS ---------------------------------------------------------------------------------
 * A TLS client on mbedTLS (2.28 or 3.6 LTS) over a taws_port_t. Caller-owned context: nothing
 * here allocates; mbedTLS itself may, through its own allocator (see README, Memory).
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
typedef struct {
    mbedtls_ssl_context TAWS_PRIVATE(ssl);
    mbedtls_ssl_config TAWS_PRIVATE(conf);
#if !TAWS_TLS_PSA_RNG
    mbedtls_ctr_drbg_context TAWS_PRIVATE(drbg);
#endif
    mbedtls_x509_crt TAWS_PRIVATE(ca);
#if TAWS_TLS_RESUME
    mbedtls_ssl_session TAWS_PRIVATE(session); /* the last session, offered on the next handshake */
    char TAWS_PRIVATE(session_host)[TAWS_HOST_MAX]; /* the server name of the current connection,
                                                     * to which the saved session (if any) belongs */
    uint8_t TAWS_PRIVATE(have_session);
    uint8_t TAWS_PRIVATE(session_verified); /* the verification setting it was established under */
#endif
    const taws_port_t *TAWS_PRIVATE(port);
    uint32_t TAWS_PRIVATE(io_start);        /* the current operation's start and budget (ms) */
    uint32_t TAWS_PRIVATE(io_budget);
    taws_status_t TAWS_PRIVATE(io_status);  /* what the port said when a BIO callback failed */
    uint32_t TAWS_PRIVATE(verify_flags);    /* mbedTLS verification flags of the last handshake */
    uint8_t TAWS_PRIVATE(inited);           /* taws_tls_init() ran: taws_tls_free() has work */
    uint8_t TAWS_PRIVATE(ready);            /* ssl set up, a handshake may start */
    uint8_t TAWS_PRIVATE(n_ca);             /* certificates loaded */
    uint8_t TAWS_PRIVATE(verify);           /* 1 (default): the server's certificate must verify */
    uint8_t TAWS_PRIVATE(ip_len);           /* 4 or 16: the server name is an IP address, else 0 */
    uint8_t TAWS_PRIVATE(ip)[16];
    /* Why the last taws_tls_add_ca_file() failed (taws_tls_ca_reason()). */
    taws_status_t TAWS_PRIVATE(ca_status);
    uint32_t TAWS_PRIVATE(ca_line);         /* line of the BEGIN of the bad certificate, else 0 */
    uint32_t TAWS_PRIVATE(ca_loaded);       /* certificates loaded by taws_tls_add_ca_file() */
    uint32_t TAWS_PRIVATE(ca_skipped);      /* well-formed but of an algorithm this mbedTLS lacks */
} taws_tls_t;

/* Prepares a TLS 1.2 (and 1.3) client configuration and ties the random generator to
 * port->random (see above). Verification is on. After a failure, taws_tls_free() releases
 * what was set up. */
TAWS_API taws_status_t taws_tls_init(taws_tls_t *t, const taws_port_t *port);
/* Adds trusted CA certificates (PEM, len including the terminating NUL; or DER). */
TAWS_API taws_status_t taws_tls_add_ca(taws_tls_t *t, const uint8_t *buf, size_t len);

/* Adds the trusted CA certificates of a PEM bundle file (TAWS_TLS_CA_FILE: hosts only),
 * read as a stream: one line and one certificate (TAWS_TLS_CA_CERT_MAX) at a time, no heap
 * of tinyaws's; the file is never held whole. Every "-----BEGIN CERTIFICATE-----" block is
 * loaded; text outside the blocks and other PEM blocks are ignored, as OpenSSL does. A
 * well-formed certificate whose key or signature algorithm this mbedTLS build lacks is
 * skipped and counted (taws_tls_ca_skipped()); the others are loaded (taws_tls_ca_loaded()).
 * Errors, each its own status, with taws_tls_ca_reason() for the words:
 *   TAWS_ERR_CA_NO_FILE     no such file                   "no such file"
 *   TAWS_ERR_CA_DIRECTORY   the path is a directory         "is a directory"
 *   TAWS_ERR_CA_UNREADABLE  cannot be opened or read        "cannot be read"
 *   TAWS_ERR_CA_EMPTY       zero bytes                      "the file is empty"
 *   TAWS_ERR_CA_NO_PEM      no PEM certificate block        "no PEM certificate in it"
 *   TAWS_ERR_CA_BAD_CERT    a block that does not decode or parse (bad base64, bad DER,
 *                           larger than TAWS_TLS_CA_CERT_MAX, no END line)
 *                                                           "bad certificate at line N"
 *                           (N: the line of its BEGIN, 1-based)
 * On any error the context trusts nothing (every CA added before is dropped too) until
 * certificates are added again: a handshake then fails with TAWS_ERR_TLS_CA.
 * Without TAWS_TLS_CA_FILE it returns TAWS_ERR_TLS_CA. */
TAWS_API taws_status_t taws_tls_add_ca_file(taws_tls_t *t, const char *path);
/* The same as taws_tls_add_ca_file() (older name; directories are not read). */
TAWS_API taws_status_t taws_tls_add_ca_path(taws_tls_t *t, const char *path);
/* Why the last taws_tls_add_ca_file() failed, in words for
 *   "Could not load the CA bundle <path>: <reason>"
 * e.g. "no such file", "is a directory", "the file is empty", "no PEM certificate in it",
 * "bad certificate at line 42". Written into buf (cap bytes, NUL-terminated, cut to fit);
 * returns buf. After a success: "ok". */
TAWS_API const char *taws_tls_ca_reason(const taws_tls_t *t, char *buf, size_t cap);
/* Certificates the last taws_tls_add_ca_file() loaded, and skipped (well-formed, of an
 * algorithm this mbedTLS build lacks). */
TAWS_API uint32_t taws_tls_ca_loaded(const taws_tls_t *t);
TAWS_API uint32_t taws_tls_ca_skipped(const taws_tls_t *t);

/* Certificate verification for this context: on (1, the default) or off (0). Off, any
 * certificate is accepted, for any name, and no CA is needed: the connection is encrypted
 * but not authenticated (the AWS CLI's --no-verify-ssl; the application warns). Takes effect
 * at the next handshake; a session established under the other setting is not resumed. */
TAWS_API void taws_tls_set_verify(taws_tls_t *t, int on);

/* mbedTLS's own configuration and connection, for what tinyaws does not wrap: e.g.
 * mbedtls_ssl_conf_max_tls_version() before the first handshake, mbedtls_ssl_get_version()
 * and mbedtls_ssl_get_ciphersuite() after one. Leave the verification, random generator and
 * I/O callbacks as taws_tls_init() set them. */
TAWS_API mbedtls_ssl_config *taws_tls_ssl_config(taws_tls_t *t);
TAWS_API const mbedtls_ssl_context *taws_tls_ssl_context(const taws_tls_t *t);

/* Frees the mbedTLS contexts, the CA chain and the saved session. Safe on a zeroed context
 * and after a failed taws_tls_init(); a second call does nothing. PSA's global state (3.x)
 * stays until the application calls mbedtls_psa_crypto_free(). */
TAWS_API void taws_tls_free(taws_tls_t *t);

/* ---- the client's parts -------------------------------------------------------------------
 * Defined here only so that sizeof(taws_client_t) is known: an application never uses them
 * (every member of taws_client_t that holds one is TAWS_PRIVATE). */

/* An endpoint: "https://host[:port]" parsed, or the one a rule set resolved. */
typedef struct {
    uint8_t tls;                         /* 1 for https */
    uint16_t port;                       /* 443 / 80 unless given */
    char host[TAWS_HOST_MAX];            /* for connect() and TLS verification; no brackets */
    char host_header[TAWS_HOST_MAX + 8]; /* the Host header: brackets and non-default port */
} taws_endpoint_t;

/* The HTTP/1.1 response parser (push, one line buffer; it knows HTTP only). */
typedef void (*taws_http_header_cb)(void *ctx, taws_str_t name, taws_str_t value);
typedef struct {
    uint16_t status;              /* e.g. 200; valid once headers_done */
    uint8_t headers_done;         /* the header block (of the final response) is complete */
    uint8_t done;                 /* the whole message has been parsed */
    uint8_t chunked;
    uint8_t has_length;
    uint8_t keep_alive;           /* the connection may carry another request afterwards */
    uint64_t content_length;
    uint64_t body_bytes;          /* body bytes handed out so far */
    /* Called with every header and trailer line of the final response and of 1xx ones. */
    taws_http_header_cb on_header;
    void *on_header_ctx;
    uint8_t state;
    uint8_t version_minor;
    uint8_t conn_close;
    uint8_t conn_keep_alive;
    uint8_t blank_seen;           /* the one empty line allowed before the status line */
    uint16_t n_lines;
    uint16_t line_len;
    uint64_t remaining;
    char line[TAWS_HTTP_LINE_MAX];
} taws_http_response_t;

/* One connection: the port, TLS when the URL is https, a small transmit buffer that is also
 * a sink (requests stream through it) and a small receive buffer. */
typedef struct {
    taws_sink_t sink;        /* writes buffer here and flush when full */
    const taws_port_t *port;
    taws_tls_t *tls;         /* required for https endpoints, unused for http */
    const taws_endpoint_t *ep;
    uint32_t connect_timeout_ms;
    uint32_t read_timeout_ms;
    uint8_t open;
    uint8_t connect_failed;  /* the last failure happened while connecting */
    uint8_t has_deadline;    /* an overall deadline bounds every wait (see set_deadline) */
    uint32_t deadline_start, deadline_budget;
    uint32_t connects;       /* connections made (handshakes for https) */
    size_t tx_len;
    size_t rx_pos, rx_len;
    uint8_t tx[TAWS_TX_BUF_SIZE];
    uint8_t rx[TAWS_RX_BUF_SIZE];
} taws_conn_t;

/* The derived SigV4 signing key, cached per (date, region, service, access key id). */
typedef struct {
    uint8_t key[32];
    char date[9];
    char region[TAWS_REGION_MAX];
    char service[TAWS_SERVICE_MAX];
    char access_key[TAWS_ACCESS_KEY_MAX];
    uint8_t valid;
} taws_sigv4_key_t;

/* The AWS SDKs' standard retry mode: settings and the retry quota. */
typedef struct {
    uint8_t max_attempts;     /* per request, the first included */
    uint32_t max_backoff_ms;
    int32_t quota;            /* capacity left */
    int32_t last_cost;        /* what the current request's last retry took */
} taws_retry_t;

/* What the client keeps of a response's AWS headers (the HTTP layer knows HTTP only: the
 * client reads these through the parser's on_header hook). */
typedef struct {
    char error_type[TAWS_ERR_CODE_MAX]; /* x-amzn-ErrorType up to its first ':' */
    int64_t date;                 /* Date header, epoch seconds */
    uint8_t has_date;
    uint8_t has_retry_after;
    uint32_t retry_after_ms;      /* Retry-After (seconds) or x-amz-retry-after (ms) */
} taws_aws_headers_t;

/* ---- the client ---------------------------------------------------------------------------- */

typedef struct taws_client_s {
    const taws_port_t *TAWS_PRIVATE(port);
    taws_tls_t *TAWS_PRIVATE(tls);              /* needed for https endpoints */
    taws_credentials_t TAWS_PRIVATE(cred);      /* views of the caller's strings */
    char TAWS_PRIVATE(region)[TAWS_REGION_MAX];
    taws_endpoint_t TAWS_PRIVATE(ep);
    uint8_t TAWS_PRIVATE(ep_fixed);             /* set by taws_client_set_endpoint(); else per op */
    uint8_t TAWS_PRIVATE(unsigned_requests);    /* taws_client_set_unsigned(): no SigV4 at all */
    const char *TAWS_PRIVATE(ep_prefix);        /* the prefix the automatic endpoint was made for */
    uint8_t TAWS_PRIVATE(ep_variant);           /* TAWS_ENDPOINT_FIPS / _DUALSTACK / _FIPS_REGION */
    taws_conn_t TAWS_PRIVATE(conn);
    taws_http_response_t TAWS_PRIVATE(resp);
    taws_aws_headers_t TAWS_PRIVATE(aws);       /* the response's AWS headers */
    taws_sigv4_key_t TAWS_PRIVATE(key);         /* cached signing key; wiped by taws_client_close() */
    int64_t TAWS_PRIVATE(clock_offset_s);       /* added to the port's wall clock when signing */
    uint32_t TAWS_PRIVATE(call_timeout_ms);     /* deadline for one taws_pager_next() call; 0: none */
    taws_retry_t TAWS_PRIVATE(retry);           /* standard-mode retry settings and quota */
    taws_sink_t *TAWS_PRIVATE(debug);           /* the wire exchange as text, secrets redacted */
    void (*TAWS_PRIVATE(on_request))(void *ctx, const struct taws_client_s *c);
    void *TAWS_PRIVATE(on_request_ctx);
    uint32_t TAWS_PRIVATE(requests);            /* requests sent */
    uint8_t TAWS_PRIVATE(retries);              /* retries made for the last failure */
    uint8_t TAWS_PRIVATE(max_attempts_reached); /* ... and whether max attempts stopped them */
    uint16_t TAWS_PRIVATE(http_status);         /* the last service error's */
    char TAWS_PRIVATE(err_code)[TAWS_ERR_CODE_MAX];
    char TAWS_PRIVATE(err_msg)[TAWS_ERR_MSG_MAX];
    /* credentials.h: a provider, the caller's storage it fills, and refresh bookkeeping */
    const struct taws_cred_provider_s *TAWS_PRIVATE(provider);
    struct taws_cred_s *TAWS_PRIVATE(cred_store);
    uint32_t TAWS_PRIVATE(cred_fetches);        /* times the provider was asked */
    taws_status_t TAWS_PRIVATE(cred_status);    /* of the last fetch */
    uint32_t TAWS_PRIVATE(cred_refresh_s);      /* the refresh window (TAWS_CRED_REFRESH_S) */
    int64_t TAWS_PRIVATE(cred_left);            /* seconds they had left when fetched */
    uint8_t TAWS_PRIVATE(cred_stale);           /* refused as expired: ask again before signing */
} taws_client_t;

/* Prepares c. cred may be NULL: set credentials later (taws_client_set_credentials) or send
 * unsigned requests (taws_client_set_unsigned); a request with neither fails
 * TAWS_ERR_NO_CREDENTIALS. A region that is a FIPS pseudo-region ("fips-us-gov-west-1",
 * "us-east-1-fips") is used as botocore uses it: the name without "fips-"/"-fips" for signing
 * and endpoints, and FIPS on.
 *
 * A macro: it also hands the library the application's view of the configuration (every
 * TAWS_* setting and the size of every public struct, pager.h's TAWS_CONFIG_LIST); when it
 * differs from the library's, nothing is touched and the result is TAWS_ERR_CONFIG_MISMATCH
 * (taws_config_mismatch() names the first setting that differs). */
#define taws_client_init(c, port, tls, cred, region)                                         \
    taws_client_init_checked(taws_config_app(), (c), (port), (tls), (cred), (region))
struct taws_config_s;
TAWS_API taws_status_t taws_client_init_checked(const struct taws_config_s *app, taws_client_t *c,
                                                const taws_port_t *port, taws_tls_t *tls,
                                                const taws_credentials_t *cred, const char *region);
/* Replaces the credentials (views of the caller's strings); the cached signing key is wiped. */
TAWS_API taws_status_t taws_client_set_credentials(taws_client_t *c, const taws_credentials_t *cred);
/* on: requests carry no Authorization (the AWS CLI's --no-sign-request), for services or
 * endpoints that accept anonymous requests. */
TAWS_API void taws_client_set_unsigned(taws_client_t *c, int on);
/* Uses url for every operation instead of the AWS endpoint of the operation's service (FIPS
 * and dual-stack are then ignored, as in botocore). url: "https://host[:port]" or, only when
 * written so, "http://host[:port]"; the scheme in any case, a final "/" allowed. Each thing
 * tinyaws cannot use has its own status, whose taws_strerror() text says what is wrong:
 *   TAWS_ERR_URL_NO_SCHEME     no "scheme://" at the start ("localhost:8080", "")
 *   TAWS_ERR_URL_SCHEME        a scheme other than https or http ("ftp://h")
 *   TAWS_ERR_URL_USERINFO      "https://user:pw@h"
 *   TAWS_ERR_URL_HOST_EMPTY    "https://", "https://:443"
 *   TAWS_ERR_URL_HOST_TOO_LONG a host of TAWS_HOST_MAX characters or more
 *   TAWS_ERR_URL_HOST          a character other than letters, digits, '-', '.', '_'
 *   TAWS_ERR_URL_IPV6          "[...]" that is not an IPv6 address, or text after "]"
 *   TAWS_ERR_URL_PORT          a port that is not 1..65535 in decimal digits
 *   TAWS_ERR_URL_PATH, TAWS_ERR_URL_QUERY, TAWS_ERR_URL_FRAGMENT   "/x", "?x", "#x" */
TAWS_API taws_status_t taws_client_set_endpoint(taws_client_t *c, const char *url);
/* Without an endpoint URL, each operation's endpoint is what botocore resolves from its
 * service's endpoint rule set for the client's region and these flags: TAWS_ENDPOINT_FIPS
 * (AWS_USE_FIPS_ENDPOINT), TAWS_ENDPOINT_DUALSTACK (AWS_USE_DUALSTACK_ENDPOINT), both or 0.
 * The next request fails with TAWS_ERR_ENDPOINT_RULE, the rule set's message in
 * taws_client_error_message(), when the partition supports neither (e.g. dual-stack in
 * us-iso-east-1), with TAWS_ERR_REGION for a malformed region name. */
#define TAWS_ENDPOINT_FIPS 1u        /* AWS_USE_FIPS_ENDPOINT=true */
#define TAWS_ENDPOINT_DUALSTACK 2u   /* AWS_USE_DUALSTACK_ENDPOINT=true */
TAWS_API void taws_client_set_endpoint_variant(taws_client_t *c, unsigned flags);
/* Connect (TLS handshake included) and read timeouts; TAWS_CONNECT_TIMEOUT_MS and
 * TAWS_READ_TIMEOUT_MS by default. */
TAWS_API void taws_client_set_timeouts(taws_client_t *c, uint32_t connect_ms, uint32_t read_ms);
/* The overall deadline of one taws_pager_next() call, retries and back-off included
 * (TAWS_CALL_TIMEOUT_MS by default); 0: none. */
TAWS_API void taws_client_set_call_timeout(taws_client_t *c, uint32_t ms);
/* Attempts per request, the first included (TAWS_RETRY_MAX_ATTEMPTS by default; the AWS
 * CLI's AWS_MAX_ATTEMPTS); 1..255. */
TAWS_API void taws_client_set_max_attempts(taws_client_t *c, unsigned attempts);
/* The wire exchange as text (the CLI's --debug), or NULL for none. Authorization and
 * X-Amz-Security-Token are written as "[redacted]"; the secret key never reaches it. */
TAWS_API void taws_client_set_debug(taws_client_t *c, taws_sink_t *sink);
/* fn(ctx, c) runs before every request is written (retries and reconnects included); the
 * endpoint accessors below name where it goes: the CLI prints the AWS CLI's
 * InsecureRequestWarning from it. */
TAWS_API void taws_client_set_request_hook(taws_client_t *c,
                                           void (*fn)(void *ctx, const taws_client_t *c), void *ctx);
/* Opens the connection to op's endpoint now (TLS handshake included) rather than with the
 * first request, e.g. to time the handshake or to fail early; the pager then finds it open. */
TAWS_API taws_status_t taws_client_connect(taws_client_t *c, const taws_op_t *op);
/* Closes the connection and wipes the cached signing key. */
TAWS_API void taws_client_close(taws_client_t *c);

/* ---- what the application reads ------------------------------------------------------------ */

/* After TAWS_ERR_SERVICE: the service's error code ("ThrottlingException", or the HTTP status
 * as "503" when the body names none) and message, as botocore reads them from the response
 * ("" when none); after TAWS_ERR_ENDPOINT_RULE the message is the rule set's. */
TAWS_API const char *taws_client_error_code(const taws_client_t *c);
TAWS_API const char *taws_client_error_message(const taws_client_t *c);
/* The HTTP status of the last service error. */
TAWS_API unsigned taws_client_http_status(const taws_client_t *c);
/* Retries made for the last failure, and whether the attempts ran out (the AWS CLI's
 * "(reached max retries: N)"). */
TAWS_API unsigned taws_client_retries(const taws_client_t *c);
TAWS_API int taws_client_max_attempts_reached(const taws_client_t *c);
/* Whether the last failure happened while connecting (TCP or TLS handshake), e.g. to tell a
 * connect timeout from a read timeout. */
TAWS_API int taws_client_connect_failed(const taws_client_t *c);
/* Requests sent, and connections made (TLS handshakes for https), since taws_client_init(). */
TAWS_API uint32_t taws_client_requests(const taws_client_t *c);
TAWS_API uint32_t taws_client_connects(const taws_client_t *c);
/* Seconds added to the port's wall clock when signing: the server's Date adopted after a
 * clock-skew error (0 until then). */
TAWS_API int64_t taws_client_clock_offset(const taws_client_t *c);
/* The region requests are signed for (a FIPS pseudo-region's name without "fips-"/"-fips"). */
TAWS_API const char *taws_client_region(const taws_client_t *c);
/* The endpoint of the current (or last) request: whether it is https, the host name (no
 * brackets) and the Host header (brackets, a non-default port). */
TAWS_API int taws_client_endpoint_tls(const taws_client_t *c);
TAWS_API const char *taws_client_endpoint_host(const taws_client_t *c);
TAWS_API const char *taws_client_endpoint_host_header(const taws_client_t *c);

#ifdef __cplusplus
}
#endif

/* Credentials providers (they need the client and TLS types above). */
#include "tinyaws/credentials.h"
/* The pager, and the configuration check that taws_client_init() expands to, which needs
 * every public struct. */
#include "tinyaws/pager.h"

#endif /* TINYAWS_CLIENT_H */
