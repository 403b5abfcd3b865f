/* SPDX-License-Identifier: MIT */
/*
 * The library's side of TLS (the context, taws_tls_t, and what an application calls are in
 * tinyaws/client.h): the handshake and record I/O the connection uses. See client.h for what
 * the TLS layer guarantees (verification, IP-address names, resumption, randomness).
 */
#ifndef TINYAWS_SRC_TLS_H
#define TINYAWS_SRC_TLS_H

#include "common.h"
#include "tinyaws/client.h"

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

#endif
