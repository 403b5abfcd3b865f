/*
 * TLS client on mbedTLS over a taws_port_t. Caller-owned contexts (BearSSL style): nothing
 * here allocates; mbedTLS itself may, through its own allocator (see README, Memory).
 * Certificate verification is always required; there is no switch to turn it off.
 */
#ifndef TINYAWS_TLS_H
#define TINYAWS_TLS_H

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/ssl.h>
#include <mbedtls/x509_crt.h>
#include "tinyaws/port.h"

typedef struct {
    mbedtls_ssl_context ssl;
    mbedtls_ssl_config conf;
    mbedtls_ctr_drbg_context drbg;
    mbedtls_x509_crt ca;
    const taws_port_t *port;
    uint32_t io_start;      /* the current operation's start and budget (ms) */
    uint32_t io_budget;
    taws_status_t io_status; /* what the port said when a BIO callback failed */
    uint32_t verify_flags;   /* mbedTLS verification flags of the last handshake */
    uint8_t ready;           /* ssl set up, a handshake may start */
    uint8_t n_ca;            /* certificates loaded */
} taws_tls_t;

/* Seeds the DRBG from port->random and prepares a TLS 1.2 client configuration. */
taws_status_t taws_tls_init(taws_tls_t *t, const taws_port_t *port);
/* Adds trusted CA certificates (PEM, len including the terminating NUL; or DER). */
taws_status_t taws_tls_add_ca(taws_tls_t *t, const uint8_t *buf, size_t len);
/* Adds trusted CA certificates from a PEM file or a directory (needs MBEDTLS_FS_IO). */
taws_status_t taws_tls_add_ca_path(taws_tls_t *t, const char *path);

/* Runs the handshake over the already connected port. server_name is sent as SNI and must
 * match the certificate (mbedTLS 2.28 matches DNS names, not IP addresses). Errors:
 * TAWS_ERR_TLS_UNTRUSTED, _HOSTNAME, _EXPIRED, _NOT_YET_VALID, _HANDSHAKE, or the port's.
 * With mbedTLS on a static pool (MBEDTLS_MEMORY_BUFFER_ALLOC_C) a pool too small to verify the
 * chain also reads as TAWS_ERR_TLS_UNTRUSTED: mbedTLS 2.28 reports it so. make size measures
 * the pool a listing needs. */
taws_status_t taws_tls_handshake(taws_tls_t *t, const char *server_name, uint32_t timeout_ms);
taws_status_t taws_tls_send(taws_tls_t *t, const uint8_t *p, size_t n, size_t *sent,
                            uint32_t timeout_ms);
/* TAWS_ERR_CLOSED on close_notify or TCP close. */
taws_status_t taws_tls_recv(taws_tls_t *t, uint8_t *p, size_t n, size_t *got,
                            uint32_t timeout_ms);
/* Sends close_notify (best effort) and resets the session for the next connection; the
 * caller closes the port. */
void taws_tls_close(taws_tls_t *t);
void taws_tls_free(taws_tls_t *t);

#endif
