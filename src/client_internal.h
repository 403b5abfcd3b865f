/* SPDX-License-Identifier: MIT */
/*
 * The client's exchange, which only the pager drives: one signed request, the response body
 * as a stream, the end of the exchange, a service error read as botocore reads it. The
 * client itself and what applications call are in tinyaws/client.h.
 */
#ifndef TINYAWS_SRC_CLIENT_INTERNAL_H
#define TINYAWS_SRC_CLIENT_INTERNAL_H

#include "common.h"
#include "params.h"
#include "tinyaws/client.h"

/* Sends one signed request and reads the response status and headers. A kept-alive
 * connection that the server closed meanwhile is reopened and the request sent again. */
taws_status_t taws_client_request(taws_client_t *c, const taws_op_t *op, const void *params,
                                  const taws_page_args_t *page);
/* The next piece of the response body (a view into the receive buffer, valid until the next
 * call); piece->n == 0 when the body is complete. */
/* Feeds the response parser from the connection until the header block is complete;
 * *got_bytes says whether any byte came (a close before any is TAWS_ERR_CLOSED). */
taws_status_t taws_client_read_head(taws_client_t *c, int *got_bytes);
taws_status_t taws_client_body(taws_client_t *c, taws_str_t *piece);
/* Ends the exchange: closes the connection unless the response allows keeping it. */
void taws_client_end(taws_client_t *c);
/* For a non-2xx response: reads the body (up to cap bytes kept in buf), fills http_status,
 * err_code and err_msg as botocore would, and returns TAWS_ERR_SERVICE (or a transport
 * error). */
taws_status_t taws_client_read_error(taws_client_t *c, const taws_op_t *op, char *buf, size_t cap);

/* cred.c: asks the provider (if any) when there are no credentials, they expire within the
 * refresh window, or they were refused as expired; TAWS_OK or the provider's status. */
taws_status_t taws_client_cred_ensure(taws_client_t *c);
/* After a service error with code: 1 when it is ExpiredToken/ExpiredTokenException for
 * credentials from the provider (they are then marked stale, asked for again before the
 * next request), else 0. */
int taws_client_cred_expired_refusal(taws_client_t *c, const char *code);
/* taws_client_close(): wipes the provider's credentials and the client's view of them. */
void taws_client_cred_close(taws_client_t *c);

#endif
