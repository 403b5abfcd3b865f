/*
 * A client: credentials, region, one endpoint and one connection (kept alive between
 * requests when the server allows it). It sends signed requests for an operation and reads
 * the response as a stream; the pager (pager.h) drives it.
 */
#ifndef TINYAWS_CLIENT_H
#define TINYAWS_CLIENT_H

#include "tinyaws/conn.h"
#include "tinyaws/http.h"
#include "tinyaws/params.h"
#include "tinyaws/retry.h"
#include "tinyaws/sigv4.h"

#define TAWS_USER_AGENT "tinyaws/0.1"

typedef struct taws_client_s {
    const taws_port_t *port;
    taws_tls_t *tls;            /* needed for https endpoints */
    taws_credentials_t cred;    /* views of the caller's strings */
    char region[TAWS_REGION_MAX];
    taws_endpoint_t ep;
    uint8_t ep_fixed;           /* set by taws_client_set_endpoint(); else regional per op */
    uint8_t unsigned_requests;  /* taws_client_set_unsigned(): no SigV4 at all */
    const char *ep_prefix;      /* the prefix the automatic endpoint was made for */
    uint8_t ep_variant;         /* TAWS_ENDPOINT_FIPS / _DUALSTACK / _FIPS_REGION (endpoint.h) */
    taws_conn_t conn;
    taws_http_response_t resp;
    taws_sigv4_key_t key;       /* cached signing key; wiped by taws_client_close() */
    int64_t clock_offset_s;     /* added to the port's wall clock when signing (skew) */
    uint32_t call_timeout_ms;   /* deadline for one taws_pager_next() call; 0: none */
    taws_retry_t retry;         /* standard-mode retry settings and quota */
    taws_sink_t *debug;         /* receives the wire exchange as text, secrets redacted */
    /* Called before each request is sent (taws_client_set_request_hook), e.g. to warn. */
    void (*on_request)(void *ctx, const struct taws_client_s *c);
    void *on_request_ctx;
    uint32_t requests;          /* requests sent */

    /* The last failure: retries made for it, and whether max attempts stopped them. */
    uint8_t retries;
    uint8_t max_attempts_reached;
    /* The last service error (TAWS_ERR_SERVICE), or in err_msg the endpoint rule set's
     * message (TAWS_ERR_ENDPOINT_RULE). */
    uint16_t http_status;
    char err_code[TAWS_ERR_CODE_MAX];
    char err_msg[TAWS_ERR_MSG_MAX];
} taws_client_t;

/* cred may be NULL: set credentials later (taws_client_set_credentials) or send unsigned
 * requests (taws_client_set_unsigned); a request with neither fails TAWS_ERR_NO_CREDENTIALS.
 * A region that is a FIPS pseudo-region ("fips-us-gov-west-1", "us-east-1-fips") is used as
 * botocore uses it: the name without "fips-"/"-fips" for signing and endpoints, and FIPS on. */
taws_status_t taws_client_init(taws_client_t *c, const taws_port_t *port, taws_tls_t *tls,
                               const taws_credentials_t *cred, const char *region);
/* Replaces the credentials (views of the caller's strings); the cached signing key is wiped. */
taws_status_t taws_client_set_credentials(taws_client_t *c, const taws_credentials_t *cred);
/* on: requests carry no Authorization (the AWS CLI's --no-sign-request), for services or
 * endpoints that accept anonymous requests. */
void taws_client_set_unsigned(taws_client_t *c, int on);
/* Uses url for every operation instead of the AWS endpoint of the operation's service (FIPS
 * and dual-stack are then ignored, as in botocore). A bad URL gets the status of
 * taws_endpoint_parse() that says what is wrong. */
taws_status_t taws_client_set_endpoint(taws_client_t *c, const char *url);
/* Without an endpoint URL, each operation's endpoint is what botocore resolves from its
 * service's endpoint rule set for the client's region and these flags: TAWS_ENDPOINT_FIPS
 * (AWS_USE_FIPS_ENDPOINT), TAWS_ENDPOINT_DUALSTACK (AWS_USE_DUALSTACK_ENDPOINT), both or 0.
 * The next request fails with TAWS_ERR_ENDPOINT_RULE, the rule set's message in err_msg, when
 * the partition supports neither (e.g. dual-stack in us-iso-east-1), with TAWS_ERR_REGION for
 * a malformed region name. */
void taws_client_set_endpoint_variant(taws_client_t *c, unsigned flags);
void taws_client_set_timeouts(taws_client_t *c, uint32_t connect_ms, uint32_t read_ms);
/* fn(ctx, c) runs before every request is written (retries and reconnects included), with
 * c->ep naming the endpoint: the CLI prints the AWS CLI's InsecureRequestWarning from it. */
void taws_client_set_request_hook(taws_client_t *c, void (*fn)(void *ctx, const taws_client_t *c),
                                  void *ctx);
/* Closes the connection and wipes the cached signing key. */
void taws_client_close(taws_client_t *c);

/* Sends one signed request and reads the response status and headers. A kept-alive
 * connection that the server closed meanwhile is reopened and the request sent again. */
taws_status_t taws_client_request(taws_client_t *c, const taws_op_t *op, const void *params,
                                  const taws_page_args_t *page);
/* The next piece of the response body (a view into the receive buffer, valid until the next
 * call); piece->n == 0 when the body is complete. */
taws_status_t taws_client_body(taws_client_t *c, taws_str_t *piece);
/* Ends the exchange: closes the connection unless the response allows keeping it. */
void taws_client_end(taws_client_t *c);
/* For a non-2xx response: reads the body (up to cap bytes kept in buf), fills http_status,
 * err_code and err_msg as botocore would, and returns TAWS_ERR_SERVICE (or a transport
 * error). */
taws_status_t taws_client_read_error(taws_client_t *c, const taws_op_t *op, char *buf, size_t cap);

#endif
