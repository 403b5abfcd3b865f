/* SPDX-License-Identifier: MIT */
/*
 * tinyaws build-time configuration: every buffer size and limit lives here.
 *
 * The lwIP opt.h pattern: define TINYAWS_CONFIG_FILE (e.g. -DTINYAWS_CONFIG_FILE='"my_taws.h"')
 * or any single TAWS_* macro on the command line to override a default. Nothing here allocates;
 * these numbers size the caller-owned structs and the static convenience buffers.
 */
#ifndef TINYAWS_CONFIG_H
#define TINYAWS_CONFIG_H

#ifdef TINYAWS_CONFIG_FILE
#include TINYAWS_CONFIG_FILE
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* An application and the library must be built with the same sizes and limits:
 * taws_client_init() compares the application's view of them (and of every public struct's
 * size) with the library's and returns TAWS_ERR_CONFIG_MISMATCH naming the first that differs
 * (pager.h, TAWS_CONFIG_LIST). Timeouts, retry settings and the name switches are the
 * library's defaults alone. */

/* ---- HTTP ---------------------------------------------------------------------------- */
/* Longest response status or header line (bytes, CRLF excluded). Longer lines are refused
 * with TAWS_ERR_HTTP_LINE_TOO_LONG rather than truncated. AWS headers fit in ~200 bytes. */
#ifndef TAWS_HTTP_LINE_MAX
#define TAWS_HTTP_LINE_MAX 512
#endif
/* Most header lines (incl. trailers) accepted in one response: stops "endless headers". */
#ifndef TAWS_HTTP_MAX_HEADERS
#define TAWS_HTTP_MAX_HEADERS 64
#endif
/* Request bytes are streamed through this many bytes of buffer (a 6 KiB query still works). */
#ifndef TAWS_TX_BUF_SIZE
#define TAWS_TX_BUF_SIZE 512
#endif
/* Response bytes are read from the transport in pieces of at most this size. */
#ifndef TAWS_RX_BUF_SIZE
#define TAWS_RX_BUF_SIZE 512
#endif

/* ---- Endpoint, credentials, signing -------------------------------------------------- */
#ifndef TAWS_HOST_MAX
#define TAWS_HOST_MAX 128 /* host name incl. NUL */
#endif
#ifndef TAWS_REGION_MAX
#define TAWS_REGION_MAX 32 /* region name incl. NUL, e.g. "ap-southeast-3" */
#endif
#ifndef TAWS_SERVICE_MAX
#define TAWS_SERVICE_MAX 32 /* signing name incl. NUL */
#endif
#ifndef TAWS_SIGV4_MAX_HEADERS
#define TAWS_SIGV4_MAX_HEADERS 16 /* headers one request may sign */
#endif
#ifndef TAWS_SIGV4_MAX_QUERY
#define TAWS_SIGV4_MAX_QUERY 16 /* query parameters one request may carry (ours need <= 10) */
#endif
#ifndef TAWS_QUERY_SCRATCH
#define TAWS_QUERY_SCRATCH 4 /* formatted query values (numbers, timestamps) per request */
#endif
#ifndef TAWS_AUTH_HEADER_MAX
#define TAWS_AUTH_HEADER_MAX 512 /* the Authorization header value incl. NUL */
#endif
#ifndef TAWS_ACCESS_KEY_MAX
#define TAWS_ACCESS_KEY_MAX 128 /* longest access key id accepted (kept with the signing key) */
#endif
#ifndef TAWS_SECRET_MAX
#define TAWS_SECRET_MAX 128 /* longest secret access key accepted */
#endif
/* The User-Agent header of every request. */
#ifndef TAWS_USER_AGENT
#define TAWS_USER_AGENT "tinyaws/0.1"
#endif

/* ---- Temporary credentials (cred_json.c: AWS IoT, container and IMDS responses) ------- */
/* Buffers a credentials response is decoded into (lengths without the NUL each gets). IAM's
 * AccessKeyId is 16..128 characters (20 in practice); secrets are 40. AWS documents no fixed
 * size for session tokens, only that they are typically under 4096 bytes, which STS now also
 * enforces; the ones IoT, ECS and EC2 hand out are 800-1,100 characters. */
#ifndef TAWS_CRED_KEY_ID_MAX
#define TAWS_CRED_KEY_ID_MAX 128
#endif
#ifndef TAWS_CRED_SECRET_MAX
#define TAWS_CRED_SECRET_MAX 128
#endif
#ifndef TAWS_CRED_TOKEN_MAX
#define TAWS_CRED_TOKEN_MAX 4096
#endif
/* The client asks its provider again when the credentials expire within this many seconds
 * (the Java and Go SDKs' prefetch window; botocore refreshes 10-15 minutes before). */
#ifndef TAWS_CRED_REFRESH_S
#define TAWS_CRED_REFRESH_S 300
#endif
/* A provider's error message (botocore's error_msg: the HTTP status and the service's words). */
#ifndef TAWS_CRED_MSG_MAX
#define TAWS_CRED_MSG_MAX 320
#endif
/* Longest container authorization token (AWS_CONTAINER_AUTHORIZATION_TOKEN[_FILE]). */
#ifndef TAWS_CRED_AUTH_TOKEN_MAX
#define TAWS_CRED_AUTH_TOKEN_MAX 1024
#endif
/* IMDSv2's session token and the instance profile's role name, held on the stack while the
 * IMDS provider fetches (AWS's tokens are 56 characters; IAM role names at most 64). */
#ifndef TAWS_CRED_IMDS_TOKEN_MAX
#define TAWS_CRED_IMDS_TOKEN_MAX 128
#endif
#ifndef TAWS_CRED_ROLE_MAX
#define TAWS_CRED_ROLE_MAX 128
#endif
/* Deepest JSON nesting a credentials response may have (the services send 1 or 2; <= 32). */
#ifndef TAWS_CRED_JSON_MAX_DEPTH
#define TAWS_CRED_JSON_MAX_DEPTH 8
#endif

/* ---- Shared config files (ini.c: ~/.aws/credentials, ~/.aws/config) ------------------- */
/* Longest line, terminator excluded: a session token and its key must fit. Longer lines are
 * refused with TAWS_ERR_INI_LINE_TOO_LONG and the line's number, never cut. */
#ifndef TAWS_INI_LINE_MAX
#define TAWS_INI_LINE_MAX (TAWS_CRED_TOKEN_MAX + 256)
#endif
/* Longest section name and key kept for the events that follow them. */
#ifndef TAWS_INI_NAME_MAX
#define TAWS_INI_NAME_MAX 256
#endif
/* Sections per file and keys per section whose duplicates the reader can detect (a duplicate
 * makes botocore refuse the whole file); more are refused with TAWS_ERR_INI_TOO_MANY. Each
 * costs 8 bytes of the reader (a 64-bit hash). */
#ifndef TAWS_INI_MAX_SECTIONS
#define TAWS_INI_MAX_SECTIONS 256
#endif
#ifndef TAWS_INI_MAX_KEYS
#define TAWS_INI_MAX_KEYS 64
#endif

/* ---- Endpoint rule sets (endpoint_rules.c) --------------------------------------------- */
/* Values on the evaluation stack of one rule condition, and parameters plus assigned values of
 * one rule set: the evaluator's whole scratch (on the stack, about 12 bytes a value). The
 * generated tables state what they need and fail to compile when these are smaller. */
#ifndef TAWS_RULES_STACK
#define TAWS_RULES_STACK 4 /* the models' rule sets need 2 */
#endif
#ifndef TAWS_RULES_SLOTS
#define TAWS_RULES_SLOTS 8 /* they need 5 */
#endif

/* ---- JSON stream ---------------------------------------------------------------------- */
/* Default item window for callers that use the static convenience buffers (2-4 KiB covers
 * typical items; the models allow bigger ones, see TAWS_*_ITEM_MAX in ops.h). */
#ifndef TAWS_WINDOW_SIZE
#define TAWS_WINDOW_SIZE 3072
#endif
/* JSON tokens for one item (taws_json_token_t, 16 bytes each). */
#ifndef TAWS_JSON_MAX_TOKENS
#define TAWS_JSON_MAX_TOKENS 128
#endif
/* Deepest nesting the framer follows (a counter and a bit stack, never recursion). */
#ifndef TAWS_JSON_MAX_DEPTH
#define TAWS_JSON_MAX_DEPTH 32
#endif
#if TAWS_JSON_MAX_DEPTH > 32
#error "TAWS_JSON_MAX_DEPTH is at most 32 (one bit per level in a uint32_t)"
#endif
/* Longest member name the framer holds while looking for the result and token keys (a
 * longer name is neither). */
#ifndef TAWS_JSON_KEY_MAX
#define TAWS_JSON_KEY_MAX 48
#endif
#if TAWS_JSON_KEY_MAX > 255
#error "TAWS_JSON_KEY_MAX is at most 255"
#endif
/* Longest service page token kept (raw bytes after JSON unescaping). bedrock's is <= 2048. */
#ifndef TAWS_PAGE_TOKEN_MAX
#define TAWS_PAGE_TOKEN_MAX 2048
#endif
/* Service error code and message kept from an error response. */
#ifndef TAWS_ERR_CODE_MAX
#define TAWS_ERR_CODE_MAX 64
#endif
#ifndef TAWS_ERR_MSG_MAX
#define TAWS_ERR_MSG_MAX 256
#endif
/* JSON tokens of an error response body ({"__type", "code", "message"} and a few more);
 * a body with more is read for the HTTP status alone. */
#ifndef TAWS_ERR_BODY_TOKENS
#define TAWS_ERR_BODY_TOKENS 32
#endif

/* ---- Names for humans ------------------------------------------------------------------ */
/* The AWS CLI option name of each parameter (the CLI needs them; a device does not). */
#ifndef TAWS_CLI_NAMES
#define TAWS_CLI_NAMES 1
#endif
/* taws_status_name()'s enum names; when 0 it returns taws_strerror()'s text. */
#ifndef TAWS_STATUS_NAMES
#define TAWS_STATUS_NAMES 1
#endif

/* ---- Timeouts (milliseconds), as the AWS CLI's defaults ------------------------------- */
#ifndef TAWS_CONNECT_TIMEOUT_MS
#define TAWS_CONNECT_TIMEOUT_MS 60000u
#endif
#ifndef TAWS_READ_TIMEOUT_MS
#define TAWS_READ_TIMEOUT_MS 60000u
#endif

/* Overall deadline for one taws_pager_next() call, retries and back-off included: a server
 * trickling bytes just under the read timeout still cannot hold a call longer. 0: none. */
#ifndef TAWS_CALL_TIMEOUT_MS
#define TAWS_CALL_TIMEOUT_MS 120000u
#endif

/* ---- Retries: the AWS SDKs' "standard" mode ---------------------------------------------- */
#ifndef TAWS_RETRY_MAX_ATTEMPTS
#define TAWS_RETRY_MAX_ATTEMPTS 3 /* attempts per request, the first included */
#endif
#ifndef TAWS_RETRY_MAX_BACKOFF_MS
#define TAWS_RETRY_MAX_BACKOFF_MS 20000u
#endif
#ifndef TAWS_RETRY_QUOTA
#define TAWS_RETRY_QUOTA 500 /* a retry costs 5, a retry after a timeout 10 */
#endif
/* A server Date this far from our clock, with a signature error, means our clock is wrong. */
#ifndef TAWS_CLOCK_SKEW_S
#define TAWS_CLOCK_SKEW_S 300
#endif

/* ---- TLS ---------------------------------------------------------------------------------- */
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
/* Longest line of a PEM bundle taws_tls_add_ca_file() reads (RFC 7468: at most 76
 * characters; the lines are 64). */
#ifndef TAWS_TLS_CA_LINE_MAX
#define TAWS_TLS_CA_LINE_MAX 100
#endif

/* ---- Linkage and the public/private boundary (not sizes) ------------------------------------ */
/* TAWS_API marks every public function and table. The library is compiled with
 * -fvisibility=hidden (where the compiler has it), so a shared object exports these alone;
 * the rest is the library's own. */
#ifndef TAWS_API
#if defined(__GNUC__) && __GNUC__ >= 4
#define TAWS_API __attribute__((visibility("default")))
#else
#define TAWS_API
#endif
#endif

/* Members of caller-owned structs that belong to the library (mbedTLS's MBEDTLS_PRIVATE):
 * the structs are complete, so applications can allocate them, but these members are renamed
 * for applications and may change in any release. Read what an application needs through the
 * accessors (taws_client_error_code(), taws_pager_item_needed(), ...). The library's own
 * sources define TAWS_ALLOW_PRIVATE_ACCESS. */
#if defined(TAWS_ALLOW_PRIVATE_ACCESS)
#define TAWS_PRIVATE(member) member
#else
#define TAWS_PRIVATE(member) private_##member
#endif

#ifdef __cplusplus
}
#endif

#endif /* TINYAWS_CONFIG_H */
