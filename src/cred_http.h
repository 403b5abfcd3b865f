/* SPDX-License-Identifier: MIT */
/*
 * One HTTP(S) request of a credentials provider, over the client's port and connection
 * buffers (the port has one connection: the client's own is closed first and reopened by
 * its next request). The providers (cred_iot.c, cred_container.c, cred_imds.c) build on it;
 * cred.c holds the credentials themselves and the client's refresh.
 */
#ifndef TINYAWS_SRC_CRED_HTTP_H
#define TINYAWS_SRC_CRED_HTTP_H

#include "common.h"
#include "cred_json.h"
#include "tinyaws/credentials.h"

typedef struct {
    const char *method;           /* "GET", "PUT" */
    const taws_endpoint_t *ep;
    taws_tls_t *tls;              /* for https endpoints */
    taws_str_t path;              /* path and query, as sent */
    const taws_kv_t *headers;     /* extra headers (values checked: no CR, LF, NUL) */
    size_t n_headers;
    uint32_t secret_headers;      /* bit i: headers[i]'s value is "[redacted]" in --debug */
    uint32_t timeout_ms;          /* connect and read timeouts; 0: the client's */
    /* A 2xx body goes here piece by piece (never to --debug: it holds the secret). */
    taws_status_t (*on_body)(void *ctx, taws_str_t piece);
    void *body_ctx;
} taws_cred_http_t;

/* What came back: the status, and for a non-2xx response the start of its body (NUL-ended,
 * cut to fit) for the provider's message. A 2xx body goes to rq->on_body piece by piece. */
typedef struct {
    unsigned status;
    char body[TAWS_CRED_MSG_MAX];
    size_t body_len;
} taws_cred_http_reply_t;

/* Sends rq and reads the whole response; the connection is closed afterwards. TAWS_OK means
 * a response was read (any status: see reply->status); else the transport's or on_body's
 * status. */
taws_status_t taws_cred_http_do(taws_client_t *c, const taws_cred_http_t *rq,
                                taws_cred_http_reply_t *reply);

/* Streams a 2xx body into a credentials parser and the client's storage: the on_body of a
 * credentials document. */
typedef struct {
    taws_cred_json_t json;
    taws_cred_out_t out;
} taws_cred_doc_t;
void taws_cred_doc_init(taws_cred_doc_t *d, taws_cred_format_t fmt, taws_cred_t *store);
taws_status_t taws_cred_doc_body(void *ctx, taws_str_t piece);
/* The end of the body: the parser's verdict; on success the lengths and expiration are set
 * in store (on failure store is wiped). */
taws_status_t taws_cred_doc_finish(taws_cred_doc_t *d, taws_cred_t *store);

/* Message helpers: msg = a + b + c ... (cut to cap, NUL-terminated). */
void taws_cred_msg(char *msg, size_t cap, const char *const *parts, size_t n);
/* "<n>" in decimal into buf (>= 12 bytes). */
const char *taws_cred_udec(char *buf, unsigned v);
/* A response body for a message: control characters (CR, LF, ...) as they are would break
 * the one-line message; they are replaced with spaces and the text trimmed. */
void taws_cred_flatten(char *s);

/* An error body's words: the service's {"message": ...} (unescaped in place, the body's
 * buffer of len bytes plus a NUL), else the body with control characters as spaces. */
const char *taws_cred_service_message(char *body, size_t len);

/* The provider waits between attempts on the client's port, within the call's deadline;
 * 0 when the deadline would pass. */
int taws_cred_sleep(taws_client_t *c, uint32_t ms);

/* cred_container.c: whether current botocore lets container credentials come from host
 * (169.254.170.2, 169.254.170.23, fd00:ec2::23, localhost, any loopback address). */
int taws_cred_container_host_allowed(const char *host);

#endif
