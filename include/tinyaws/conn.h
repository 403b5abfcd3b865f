/*
 * One connection to an endpoint: the port, TLS when the URL is https, a small transmit buffer
 * that is also a sink (requests stream through it) and a small receive buffer. Reconnects on
 * demand; keeps the connection open between requests when the server allows it.
 */
#ifndef TINYAWS_CONN_H
#define TINYAWS_CONN_H

#include "tinyaws/endpoint.h"
#include "tinyaws/port.h"
#include "tinyaws/tls.h"

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

void taws_conn_init(taws_conn_t *c, const taws_port_t *port, taws_tls_t *tls,
                    const taws_endpoint_t *ep);
/* Connects (and handshakes) unless already open. */
taws_status_t taws_conn_open(taws_conn_t *c);
/* Sends whatever is buffered. */
taws_status_t taws_conn_flush(taws_conn_t *c);
/* Reads at least one byte into rx (rx_pos..rx_len); call when rx is empty. */
taws_status_t taws_conn_fill(taws_conn_t *c);
void taws_conn_close(taws_conn_t *c);
/* From now on, every wait (connect, handshake, send, receive) ends within budget_ms in all;
 * 0 removes the deadline. */
void taws_conn_set_deadline(taws_conn_t *c, uint32_t budget_ms);
/* Milliseconds left before the deadline, capped at cap (cap itself without a deadline). */
uint32_t taws_conn_time_left(const taws_conn_t *c, uint32_t cap);

#endif
