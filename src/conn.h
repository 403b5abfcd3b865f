/* SPDX-License-Identifier: MIT */
/*
 * One connection to an endpoint (taws_conn_t, defined in tinyaws/client.h for its size): the
 * port, TLS when the URL is https, a small transmit buffer that is also a sink (requests
 * stream through it) and a small receive buffer. Reconnects on demand; keeps the connection
 * open between requests when the server allows it.
 */
#ifndef TINYAWS_SRC_CONN_H
#define TINYAWS_SRC_CONN_H

#include "common.h"
#include "tinyaws/client.h"

void taws_conn_init(taws_conn_t *c, const taws_port_t *port, taws_tls_t *tls,
                    const taws_endpoint_t *ep);
/* Connects (and handshakes) unless already open. */
taws_status_t taws_conn_open(taws_conn_t *c);
/* Sends whatever is buffered; the buffer is wiped (it held the Authorization header). */
taws_status_t taws_conn_flush(taws_conn_t *c);
/* Reads at least one byte into rx (rx_pos..rx_len); call when rx is empty. */
taws_status_t taws_conn_fill(taws_conn_t *c);
/* Closes the connection; unsent bytes in the transmit buffer are wiped. */
void taws_conn_close(taws_conn_t *c);
/* From now on, every wait (connect, handshake, send, receive) ends within budget_ms in all;
 * 0 removes the deadline. */
void taws_conn_set_deadline(taws_conn_t *c, uint32_t budget_ms);
/* Milliseconds left before the deadline, capped at cap (cap itself without a deadline). */
uint32_t taws_conn_time_left(const taws_conn_t *c, uint32_t cap);

#endif
