/* SPDX-License-Identifier: MIT */
/* TLS over the port with mbedTLS 2.28 or 3.6: BIO callbacks with deadlines, verification mapped
 * to distinct statuses, IP-address names checked against iPAddress SANs, sessions resumed. */
#include <limits.h>
#include <string.h>
#include <mbedtls/error.h>
#include <mbedtls/net_sockets.h>
#include <mbedtls/version.h>
#if defined(MBEDTLS_PSA_CRYPTO_C) && MBEDTLS_VERSION_NUMBER >= 0x03000000
#include <psa/crypto.h>
#include <mbedtls/psa_util.h>
#endif
#include "tls.h"

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

#if TAWS_TLS_PSA_RNG
/* PSA has a single random generator per program and calls it without a context of ours:
 * it reads the port of the most recent taws_tls_init(). This is the only random source of
 * TLS (and of PSA): no entropy module, no DRBG of mbedTLS's own. */
static const taws_port_t *psa_rng_port;

/* mbedTLS's name, called by mbedTLS: the one symbol of the library without our prefix. */
TAWS_API psa_status_t mbedtls_psa_external_get_random(mbedtls_psa_external_random_context_t *context,
                                             uint8_t *output, size_t output_size,
                                             size_t *output_length)
{
    (void)context;
    *output_length = 0;
    if (psa_rng_port == NULL ||
        psa_rng_port->random(psa_rng_port->ctx, output, output_size) != TAWS_OK)
        return PSA_ERROR_INSUFFICIENT_ENTROPY;
    *output_length = output_size;
    return PSA_SUCCESS;
}
#else
static int port_entropy(void *ctx, unsigned char *out, size_t len)
{
    const taws_port_t *p = ctx;
    return p->random(p->ctx, out, len) == TAWS_OK ? 0 : MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED;
}
#endif

/* ---- IP-address server names ----------------------------------------------------------- */

/* Dotted-quad IPv4, four decimal octets without leading zeros: 4, else 0. */
static size_t parse_ipv4(const char *s, uint8_t out[4])
{
    size_t i;
    for (i = 0; i < 4; i++) {
        unsigned v = 0, digits = 0;
        while (*s >= '0' && *s <= '9') {
            if (digits && v == 0)
                return 0; /* leading zero: octal in some parsers, ambiguous: refuse */
            v = v * 10u + (unsigned)(*s++ - '0');
            if (++digits > 3 || v > 255)
                return 0;
        }
        if (digits == 0 || *s != (i < 3 ? '.' : '\0'))
            return 0;
        if (i < 3)
            s++;
        out[i] = (uint8_t)v;
    }
    return 4;
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* RFC 4291 text form ("::1", "fe80::1", "::ffff:10.0.0.1"): 16, else 0. */
static size_t parse_ipv6(const char *s, uint8_t out[16])
{
    uint8_t w[16];
    size_t n = 0, gap = 16; /* bytes written; where "::" stands (16: none) */
    memset(w, 0, sizeof w);
    if (s[0] == ':') {
        if (s[1] != ':')
            return 0;
        gap = 0;
        s += 2;
    }
    while (*s) {
        unsigned v = 0;
        int digits = 0, d;
        if (n == 16)
            return 0;
        if (n <= 12 && strchr(s, '.') && !strchr(s, ':')) { /* trailing dotted quad */
            if (parse_ipv4(s, w + n) != 4)
                return 0;
            n += 4;
            break;
        }
        while ((d = hexval(*s)) >= 0) {
            v = (v << 4) | (unsigned)d;
            if (++digits > 4)
                return 0;
            s++;
        }
        if (digits == 0)
            return 0;
        w[n++] = (uint8_t)(v >> 8);
        w[n++] = (uint8_t)v;
        if (*s == ':') {
            s++;
            if (*s == ':') {
                if (gap != 16)
                    return 0; /* a second "::" */
                gap = n;
                s++;
            } else if (*s == '\0') {
                return 0; /* trailing single ':' */
            }
        } else if (*s != '\0') {
            return 0;
        }
    }
    if (gap == 16) {
        if (n != 16)
            return 0;
        memcpy(out, w, 16);
    } else {
        if (n > 14)
            return 0; /* "::" must stand for at least one group */
        memset(out, 0, 16);
        memcpy(out, w, gap);
        memcpy(out + 16 - (n - gap), w + gap, n - gap);
    }
    return 16;
}

static size_t parse_ip(const char *s, uint8_t out[16])
{
    return strchr(s, ':') ? parse_ipv6(s, out) : parse_ipv4(s, out);
}

/* An iPAddress GeneralName ([7] IMPLICIT OCTET STRING) of the leaf equal to the address. */
static int san_has_ip(const mbedtls_x509_crt *crt, const uint8_t *ip, size_t ip_len)
{
    const mbedtls_x509_sequence *san;
    for (san = &crt->subject_alt_names; san != NULL && san->buf.p != NULL; san = san->next)
        if (san->buf.tag == (MBEDTLS_ASN1_CONTEXT_SPECIFIC | 7) && san->buf.len == ip_len &&
            memcmp(san->buf.p, ip, ip_len) == 0)
            return 1;
    return 0;
}

/* mbedTLS verifies the chain and, for DNS names, the name; for an IP address the leaf must
 * carry it as an iPAddress SAN (a DNS SAN spelling the address does not count, RFC 6125). */
static int verify_cb(void *ctx, mbedtls_x509_crt *crt, int depth, uint32_t *flags)
{
    const taws_tls_t *t = ctx;
    if (depth == 0 && t->ip_len != 0 && !san_has_ip(crt, t->ip, t->ip_len))
        *flags |= MBEDTLS_X509_BADCERT_CN_MISMATCH;
    return 0;
}

/* ---- Set-up ------------------------------------------------------------------------------ */

#if MBEDTLS_VERSION_NUMBER >= 0x03000000 && defined(MBEDTLS_SSL_PROTO_TLS1_3)
/* mbedTLS 3.6.6 with TLS 1.3 on fails against a TLS 1.2-only RSA server (alert 47,
 * "unsupported value in SigAlg extension 0x0806": Mbed-TLS/mbedtls#10668, fixed by #10672
 * after 3.6.6): the server picks an RSA-PSS algorithm for its ServerKeyExchange. Offering
 * PKCS#1 v1.5 ahead of PSS avoids it; TLS 1.3 servers still sign with PSS (RFC 8446 forbids
 * PKCS#1 v1.5 in CertificateVerify) and chains signed with either verify. mbedTLS drops the
 * ones this build cannot do. */
static const uint16_t sig_algs[] = {
    MBEDTLS_TLS1_3_SIG_ECDSA_SECP256R1_SHA256, MBEDTLS_TLS1_3_SIG_ECDSA_SECP384R1_SHA384,
    MBEDTLS_TLS1_3_SIG_ECDSA_SECP521R1_SHA512, MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA256,
    MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA384,       MBEDTLS_TLS1_3_SIG_RSA_PKCS1_SHA512,
    MBEDTLS_TLS1_3_SIG_RSA_PSS_RSAE_SHA256,    MBEDTLS_TLS1_3_SIG_RSA_PSS_RSAE_SHA384,
    MBEDTLS_TLS1_3_SIG_RSA_PSS_RSAE_SHA512,    MBEDTLS_TLS1_3_SIG_NONE
};
#endif

taws_status_t taws_tls_init(taws_tls_t *t, const taws_port_t *port)
{
    memset(t, 0, sizeof *t);
    t->inited = 1; /* from here on taws_tls_free() has contexts to free, whatever fails */
    t->port = port;
    t->verify = 1;
    mbedtls_ssl_init(&t->ssl);
    mbedtls_ssl_config_init(&t->conf);
    mbedtls_x509_crt_init(&t->ca);
#if TAWS_TLS_RESUME
    mbedtls_ssl_session_init(&t->session);
#endif
#if TAWS_TLS_PSA_RNG
    psa_rng_port = port;
#else
    {
        static const unsigned char pers[] = "tinyaws";
        mbedtls_ctr_drbg_init(&t->drbg);
        if (mbedtls_ctr_drbg_seed(&t->drbg, port_entropy, (void *)port, pers, sizeof pers - 1) != 0)
            return TAWS_ERR_RANDOM;
    }
#endif
#if defined(MBEDTLS_PSA_CRYPTO_C) && MBEDTLS_VERSION_NUMBER >= 0x03000000
    /* TLS 1.3 (and any PSA-based part of 3.x) needs PSA initialised; idempotent. */
    if (psa_crypto_init() != PSA_SUCCESS)
        return TAWS_ERR_RANDOM;
#endif
    if (mbedtls_ssl_config_defaults(&t->conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                    MBEDTLS_SSL_PRESET_DEFAULT) != 0)
        return TAWS_ERR_TLS_SETUP;
    mbedtls_ssl_conf_authmode(&t->conf, MBEDTLS_SSL_VERIFY_REQUIRED);
    mbedtls_ssl_conf_ca_chain(&t->conf, &t->ca, NULL);
    mbedtls_ssl_conf_verify(&t->conf, verify_cb, t);
#if TAWS_TLS_PSA_RNG
    mbedtls_ssl_conf_rng(&t->conf, mbedtls_psa_get_random, MBEDTLS_PSA_RANDOM_STATE);
#else
    mbedtls_ssl_conf_rng(&t->conf, mbedtls_ctr_drbg_random, &t->drbg);
#endif
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
    mbedtls_ssl_conf_min_tls_version(&t->conf, MBEDTLS_SSL_VERSION_TLS1_2);
#if defined(MBEDTLS_SSL_PROTO_TLS1_3)
    mbedtls_ssl_conf_sig_algs(&t->conf, sig_algs);
#if defined(MBEDTLS_SSL_SESSION_TICKETS) && TAWS_TLS_RESUME
    /* TLS 1.3 tickets arrive after the handshake: mbedtls_ssl_read() reports each one. */
    mbedtls_ssl_conf_tls13_enable_signal_new_session_tickets(
        &t->conf, MBEDTLS_SSL_TLS1_3_SIGNAL_NEW_SESSION_TICKETS_ENABLED);
#endif
#endif
#else
    mbedtls_ssl_conf_min_version(&t->conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
#endif
#if defined(MBEDTLS_SSL_SESSION_TICKETS)
    mbedtls_ssl_conf_session_tickets(&t->conf, TAWS_TLS_RESUME ? MBEDTLS_SSL_SESSION_TICKETS_ENABLED
                                                                : MBEDTLS_SSL_SESSION_TICKETS_DISABLED);
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

/* ---- Sessions ------------------------------------------------------------------------- */

static void forget_session(taws_tls_t *t)
{
#if TAWS_TLS_RESUME
    if (t->have_session) {
        mbedtls_ssl_session_free(&t->session);
        mbedtls_ssl_session_init(&t->session);
        t->have_session = 0;
    }
#else
    (void)t;
#endif
}

/* Keeps the connection's session (TLS 1.2: after the handshake; TLS 1.3: once per ticket)
 * for the next handshake to the same name (session_host). */
static void keep_session(taws_tls_t *t)
{
#if TAWS_TLS_RESUME
    forget_session(t);
    if (mbedtls_ssl_get_session(&t->ssl, &t->session) != 0) {
        mbedtls_ssl_session_free(&t->session); /* e.g. TLS 1.3 before its first ticket */
        mbedtls_ssl_session_init(&t->session);
        return;
    }
    t->have_session = 1;
#else
    (void)t;
#endif
}

/* Before a handshake to server_name: the saved session is offered only to the name it was
 * made with, under the same verification setting (a session from an unverified connection
 * must never stand in for a verified one). */
static void offer_session(taws_tls_t *t, const char *server_name)
{
#if TAWS_TLS_RESUME
    size_t n = strlen(server_name);
    if (t->have_session && (strcmp(t->session_host, server_name) != 0 ||
                            t->session_verified != t->verify))
        forget_session(t);
    if (n >= sizeof t->session_host) { /* cannot be told apart later: never resume */
        forget_session(t);
        t->session_host[0] = '\0';
        return;
    }
    memcpy(t->session_host, server_name, n + 1);
    t->session_verified = t->verify;
    if (t->have_session && mbedtls_ssl_set_session(&t->ssl, &t->session) != 0)
        forget_session(t); /* then a full handshake */
#else
    (void)t;
    (void)server_name;
#endif
}

void taws_tls_set_verify(taws_tls_t *t, int on)
{
    t->verify = on ? 1 : 0;
    mbedtls_ssl_conf_authmode(&t->conf, on ? MBEDTLS_SSL_VERIFY_REQUIRED : MBEDTLS_SSL_VERIFY_NONE);
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

/* mbedTLS's "call again" codes. A TLS 1.3 NewSessionTicket is kept, then the call repeated. */
static int again(taws_tls_t *t, int rc)
{
#if defined(MBEDTLS_SSL_PROTO_TLS1_3) && defined(MBEDTLS_SSL_SESSION_TICKETS)
    if (rc == MBEDTLS_ERR_SSL_RECEIVED_NEW_SESSION_TICKET) {
        keep_session(t);
        return 1;
    }
#else
    (void)t;
#endif
    return rc == MBEDTLS_ERR_SSL_WANT_READ || rc == MBEDTLS_ERR_SSL_WANT_WRITE;
}

taws_status_t taws_tls_handshake(taws_tls_t *t, const char *server_name, uint32_t timeout_ms)
{
    int rc;
    if (!t->ready)
        return TAWS_ERR_STATE;
    if (t->verify && t->n_ca == 0)
        return TAWS_ERR_TLS_CA; /* never handshake without something to verify against */
    if (mbedtls_ssl_session_reset(&t->ssl) != 0)
        return TAWS_ERR_TLS_SETUP;
    /* DNS names: SNI, and mbedTLS matches them. IP addresses: no SNI (RFC 6066 §3), no name
     * for mbedTLS to match (2.28 cannot), verify_cb checks the iPAddress SANs instead. */
    t->ip_len = (uint8_t)parse_ip(server_name, t->ip);
    if (mbedtls_ssl_set_hostname(&t->ssl, t->ip_len ? NULL : server_name) != 0)
        return TAWS_ERR_TLS_SETUP;
    offer_session(t, server_name);
    begin_io(t, timeout_ms);
    t->verify_flags = 0;
    do {
        rc = mbedtls_ssl_handshake(&t->ssl);
    } while (again(t, rc));
    if (rc == 0) {
#if defined(MBEDTLS_SSL_PROTO_TLS1_3)
        if (mbedtls_ssl_get_version_number(&t->ssl) != MBEDTLS_SSL_VERSION_TLS1_3)
#endif
            keep_session(t); /* TLS 1.3 sessions come later, as tickets */
        return TAWS_OK;
    }
    forget_session(t);
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
    } while (again(t, rc));
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
    } while (again(t, rc));
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

mbedtls_ssl_config *taws_tls_ssl_config(taws_tls_t *t)
{
    return &t->conf;
}

const mbedtls_ssl_context *taws_tls_ssl_context(const taws_tls_t *t)
{
    return &t->ssl;
}

void taws_tls_free(taws_tls_t *t)
{
    if (!t->inited)
        return; /* zeroed, or freed already */
    mbedtls_ssl_free(&t->ssl);
    mbedtls_ssl_config_free(&t->conf);
#if !TAWS_TLS_PSA_RNG
    mbedtls_ctr_drbg_free(&t->drbg);
#endif
    mbedtls_x509_crt_free(&t->ca);
#if TAWS_TLS_RESUME
    mbedtls_ssl_session_free(&t->session);
    t->have_session = 0;
#endif
    t->ready = 0;
    t->inited = 0;
}
