/* TLS over the port with mbedTLS: BIO callbacks with deadlines, verification mapped to
 * distinct statuses. */
#include <limits.h>
#include <string.h>
#include <mbedtls/error.h>
#include <mbedtls/net_sockets.h>
#include <mbedtls/version.h>
#include "tinyaws/tls.h"

static uint32_t remaining(const taws_tls_t *t)
{
    uint32_t spent = t->port->now_ms(t->port->ctx) - t->io_start;
    return spent >= t->io_budget ? 0u : t->io_budget - spent;
}

static void begin_io(taws_tls_t *t, uint32_t timeout_ms)
{
    t->io_start = t->port->now_ms(t->port->ctx);
    t->io_budget = timeout_ms;
    t->io_status = TAWS_OK;
}

static int bio_send(void *ctx, const unsigned char *buf, size_t len)
{
    taws_tls_t *t = ctx;
    size_t sent = 0;
    uint32_t left = remaining(t);
    taws_status_t st = left ? t->port->send(t->port->ctx, buf, len > INT_MAX ? INT_MAX : len, &sent, left)
                            : TAWS_ERR_TIMEOUT;
    if (st == TAWS_OK)
        return (int)sent;
    t->io_status = st;
    return MBEDTLS_ERR_NET_SEND_FAILED;
}

static int bio_recv(void *ctx, unsigned char *buf, size_t len, uint32_t timeout)
{
    taws_tls_t *t = ctx;
    size_t got = 0;
    uint32_t left = remaining(t);
    taws_status_t st;
    (void)timeout; /* our own deadline is stricter: it covers the whole operation */
    st = left ? t->port->recv(t->port->ctx, buf, len > INT_MAX ? INT_MAX : len, &got, left)
              : TAWS_ERR_TIMEOUT;
    if (st == TAWS_OK)
        return (int)got;
    t->io_status = st;
    if (st == TAWS_ERR_TIMEOUT)
        return MBEDTLS_ERR_SSL_TIMEOUT;
    return st == TAWS_ERR_CLOSED ? 0 : MBEDTLS_ERR_NET_RECV_FAILED;
}

static int port_entropy(void *ctx, unsigned char *out, size_t len)
{
    const taws_port_t *p = ctx;
    return p->random(p->ctx, out, len) == TAWS_OK ? 0 : MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED;
}

taws_status_t taws_tls_init(taws_tls_t *t, const taws_port_t *port)
{
    static const unsigned char pers[] = "tinyaws";
    memset(t, 0, sizeof *t);
    t->port = port;
    mbedtls_ssl_init(&t->ssl);
    mbedtls_ssl_config_init(&t->conf);
    mbedtls_ctr_drbg_init(&t->drbg);
    mbedtls_x509_crt_init(&t->ca);
    if (mbedtls_ctr_drbg_seed(&t->drbg, port_entropy, (void *)port, pers, sizeof pers - 1) != 0)
        return TAWS_ERR_RANDOM;
    if (mbedtls_ssl_config_defaults(&t->conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                    MBEDTLS_SSL_PRESET_DEFAULT) != 0)
        return TAWS_ERR_TLS_SETUP;
    mbedtls_ssl_conf_authmode(&t->conf, MBEDTLS_SSL_VERIFY_REQUIRED);
    mbedtls_ssl_conf_ca_chain(&t->conf, &t->ca, NULL);
    mbedtls_ssl_conf_rng(&t->conf, mbedtls_ctr_drbg_random, &t->drbg);
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
    mbedtls_ssl_conf_min_tls_version(&t->conf, MBEDTLS_SSL_VERSION_TLS1_2);
#else
    mbedtls_ssl_conf_min_version(&t->conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
#endif
    if (mbedtls_ssl_setup(&t->ssl, &t->conf) != 0)
        return TAWS_ERR_TLS_SETUP;
    mbedtls_ssl_set_bio(&t->ssl, t, bio_send, NULL, bio_recv);
    t->ready = 1;
    return TAWS_OK;
}

taws_status_t taws_tls_add_ca(taws_tls_t *t, const uint8_t *buf, size_t len)
{
    if (mbedtls_x509_crt_parse(&t->ca, buf, len) != 0)
        return TAWS_ERR_TLS_CA;
    t->n_ca = 1;
    return TAWS_OK;
}

taws_status_t taws_tls_add_ca_path(taws_tls_t *t, const char *path)
{
#if defined(MBEDTLS_FS_IO)
    /* A directory (e.g. /etc/ssl/certs) or a bundle file; a bundle may hold a few
     * certificates mbedTLS cannot parse (ret > 0): those are skipped, as curl does. */
    int rc = mbedtls_x509_crt_parse_path(&t->ca, path);
    if (rc < 0)
        rc = mbedtls_x509_crt_parse_file(&t->ca, path);
    if (rc < 0 || t->ca.version == 0)
        return TAWS_ERR_TLS_CA;
    t->n_ca = 1;
    return TAWS_OK;
#else
    (void)t;
    (void)path;
    return TAWS_ERR_TLS_CA;
#endif
}

/* Most specific reason first: an untrusted chain makes the other flags meaningless. */
static taws_status_t verify_status(uint32_t flags)
{
    if (flags & (MBEDTLS_X509_BADCERT_NOT_TRUSTED | MBEDTLS_X509_BADCERT_MISSING |
                 MBEDTLS_X509_BADCERT_REVOKED | MBEDTLS_X509_BADCERT_SKIP_VERIFY))
        return TAWS_ERR_TLS_UNTRUSTED;
    if (flags & MBEDTLS_X509_BADCERT_CN_MISMATCH)
        return TAWS_ERR_TLS_HOSTNAME;
    if (flags & MBEDTLS_X509_BADCERT_EXPIRED)
        return TAWS_ERR_TLS_EXPIRED;
    if (flags & MBEDTLS_X509_BADCERT_FUTURE)
        return TAWS_ERR_TLS_NOT_YET_VALID;
    return TAWS_ERR_TLS_UNTRUSTED;
}

taws_status_t taws_tls_handshake(taws_tls_t *t, const char *server_name, uint32_t timeout_ms)
{
    int rc;
    if (!t->ready)
        return TAWS_ERR_STATE;
    if (t->n_ca == 0)
        return TAWS_ERR_TLS_CA; /* never handshake without something to verify against */
    if (mbedtls_ssl_session_reset(&t->ssl) != 0 ||
        mbedtls_ssl_set_hostname(&t->ssl, server_name) != 0)
        return TAWS_ERR_TLS_SETUP;
    begin_io(t, timeout_ms);
    t->verify_flags = 0;
    do {
        rc = mbedtls_ssl_handshake(&t->ssl);
    } while (rc == MBEDTLS_ERR_SSL_WANT_READ || rc == MBEDTLS_ERR_SSL_WANT_WRITE);
    if (rc == 0)
        return TAWS_OK;
    t->verify_flags = mbedtls_ssl_get_verify_result(&t->ssl);
    if (rc == MBEDTLS_ERR_X509_CERT_VERIFY_FAILED)
        return verify_status(t->verify_flags);
    if (t->io_status != TAWS_OK)
        return t->io_status;
    return TAWS_ERR_TLS_HANDSHAKE;
}

taws_status_t taws_tls_send(taws_tls_t *t, const uint8_t *p, size_t n, size_t *sent,
                            uint32_t timeout_ms)
{
    int rc;
    begin_io(t, timeout_ms);
    do {
        rc = mbedtls_ssl_write(&t->ssl, p, n);
    } while (rc == MBEDTLS_ERR_SSL_WANT_READ || rc == MBEDTLS_ERR_SSL_WANT_WRITE);
    if (rc > 0) {
        *sent = (size_t)rc;
        return TAWS_OK;
    }
    *sent = 0;
    return t->io_status != TAWS_OK ? t->io_status : TAWS_ERR_TLS_IO;
}

taws_status_t taws_tls_recv(taws_tls_t *t, uint8_t *p, size_t n, size_t *got,
                            uint32_t timeout_ms)
{
    int rc;
    begin_io(t, timeout_ms);
    *got = 0;
    do {
        rc = mbedtls_ssl_read(&t->ssl, p, n);
    } while (rc == MBEDTLS_ERR_SSL_WANT_READ || rc == MBEDTLS_ERR_SSL_WANT_WRITE);
    if (rc > 0) {
        *got = (size_t)rc;
        return TAWS_OK;
    }
    if (rc == 0 || rc == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY)
        return TAWS_ERR_CLOSED;
    if (rc == MBEDTLS_ERR_SSL_TIMEOUT)
        return TAWS_ERR_TIMEOUT;
    return t->io_status != TAWS_OK ? t->io_status : TAWS_ERR_TLS_IO;
}

void taws_tls_close(taws_tls_t *t)
{
    if (!t->ready)
        return;
    begin_io(t, 100); /* close_notify must not hold up a closing connection */
    (void)mbedtls_ssl_close_notify(&t->ssl);
    (void)mbedtls_ssl_session_reset(&t->ssl);
}

void taws_tls_free(taws_tls_t *t)
{
    mbedtls_ssl_free(&t->ssl);
    mbedtls_ssl_config_free(&t->conf);
    mbedtls_ctr_drbg_free(&t->drbg);
    mbedtls_x509_crt_free(&t->ca);
    t->ready = 0;
}
