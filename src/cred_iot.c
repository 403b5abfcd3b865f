/* SPDX-License-Identifier: MIT */
/* The AWS IoT credentials provider: GET https://<endpoint>/role-aliases/<alias>/credentials
 * with x-amzn-iot-thingname, the device's certificate and key in the handshake (mutual TLS).
 * 429 and 5xx (and transport failures) are retried as any request: the client's attempts and
 * standard back-off. */
#include <string.h>
#include <mbedtls/version.h>
#include "common.h"
#include "tinyaws/client.h" /* TAWS_TLS_PSA_RNG */
#if TAWS_TLS_PSA_RNG
#include <psa/crypto.h>
#include <mbedtls/psa_util.h>
#endif
#include "crypto.h"
#include "cred_http.h"
#include "endpoint.h"
#include "retry.h"

#define CRT_PK(c) ((c).pk) /* public in 2.28 and 3.6 */

#define PATH_HEAD "/role-aliases/"
#define PATH_TAIL "/credentials"
#define NAME_MAX_ 128 /* AWS IoT: role aliases and thing names are at most 128 characters */

static const char *iot_message(const void *ctx)
{
    return ((const taws_cred_iot_t *)ctx)->msg;
}

static void msg(taws_cred_iot_t *p, const char *a, const char *b, const char *c, const char *d)
{
    const char *parts[4] = { a, b, c, d };
    taws_cred_msg(p->msg, sizeof p->msg, parts, 4);
}

static int name_ok(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++) {
        char ch = s[n];
        if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
              strchr("=,@-_:.", ch)))
            return 0;
    }
    return n > 0 && n <= NAME_MAX_;
}

static taws_status_t iot_fetch(void *ctx, taws_client_t *c, taws_cred_t *out)
{
    taws_cred_iot_t *p = ctx;
    char path[sizeof PATH_HEAD + NAME_MAX_ + sizeof PATH_TAIL], num[12];
    size_t al = strlen(p->role_alias);
    taws_cred_http_reply_t reply;
    taws_cred_http_t rq;
    taws_kv_t h[1];
    taws_status_t st = TAWS_OK;
    unsigned attempt, attempts = c->retry.max_attempts ? c->retry.max_attempts : 1;
    int cut_in_handshake = 0; /* the last attempt's connection died inside the handshake */

    p->msg[0] = '\0';
    memcpy(path, PATH_HEAD, sizeof PATH_HEAD - 1);
    memcpy(path + sizeof PATH_HEAD - 1, p->role_alias, al);
    memcpy(path + sizeof PATH_HEAD - 1 + al, PATH_TAIL, sizeof PATH_TAIL);
    memset(&rq, 0, sizeof rq);
    rq.method = "GET";
    rq.ep = &p->ep;
    rq.tls = p->tls;
    rq.path.p = path;
    rq.path.n = strlen(path);
    h[0].name = TAWS_LIT("x-amzn-iot-thingname");
    h[0].value.p = p->thing_name;
    h[0].value.n = strlen(p->thing_name);
    rq.headers = h;
    rq.n_headers = 1;

    for (attempt = 0; attempt < attempts; attempt++) {
        taws_cred_doc_t doc;
        taws_retry_kind_t kind;
        uint32_t connects;
        int handshook; /* this attempt completed a TLS handshake */
        if (attempt > 0) {
            uint8_t r[4] = { 0, 0, 0, 0 };
            uint32_t delay;
            (void)c->port->random(c->port->ctx, r, sizeof r);
            delay = taws_retry_delay_ms(&c->retry, attempt,
                                        (uint32_t)r[0] << 24 | (uint32_t)r[1] << 16 |
                                        (uint32_t)r[2] << 8 | r[3], 0, 0);
            if (!taws_cred_sleep(c, delay))
                break; /* the call's deadline: report the last failure */
        }
        connects = c->conn.connects;
        taws_cred_doc_init(&doc, TAWS_CRED_FMT_IOT, out);
        rq.on_body = taws_cred_doc_body;
        rq.body_ctx = &doc;
        st = taws_cred_http_do(c, &rq, &reply);
        handshook = c->conn.connects != connects;
        cut_in_handshake = 0;
        if (st == TAWS_OK && reply.status == 200) {
            st = taws_cred_doc_finish(&doc, out);
            if (st != TAWS_OK)
                msg(p, "The AWS IoT credentials provider's response could not be read: ",
                    taws_strerror(st), "", "");
            return st;
        }
        taws_cred_wipe(out);
        if (st == TAWS_OK) {
            msg(p, "Received non 200 response (", taws_cred_udec(num, reply.status),
                ") from the AWS IoT credentials provider: ",
                taws_cred_service_message(reply.body, reply.body_len));
            st = TAWS_ERR_CRED_PROVIDER;
            kind = taws_retry_kind(TAWS_ERR_SERVICE, reply.status, reply.status == 429 ? "ThrottlingException" : "");
            if (reply.status != 429 && reply.status < 500)
                return st;
            (void)kind;
            continue;
        }
        if (st == TAWS_ERR_TLS_HANDSHAKE ||
            (reply.status == 0 && handshook &&
             (st == TAWS_ERR_TLS_IO || st == TAWS_ERR_CLOSED || st == TAWS_ERR_SEND || st == TAWS_ERR_RECV))) {
            /* TLS 1.2: the server's alert ends the handshake; TLS 1.3: the client's handshake
             * is over before the server has checked the certificate, so its alert (or its
             * closing) ends the first read or write. */
            msg(p, "The AWS IoT credentials provider refused the TLS connection (", taws_strerror(st),
                "): the device certificate is not issued by a CA it trusts, not registered, not "
                "active, or not valid now", "");
            return TAWS_ERR_TLS_CLIENT_CERT;
        }
        if (!handshook && (st == TAWS_ERR_SEND || st == TAWS_ERR_RECV || st == TAWS_ERR_CLOSED ||
                           st == TAWS_ERR_TLS_IO)) {
            /* TCP was up, the handshake was cut: a server that checks the certificate as soon
             * as it arrives closes while the client still writes its flight (TLS 1.3). Also
             * what a flaky link does: tried again, and reported as a refusal if the last
             * attempt ends the same way. */
            cut_in_handshake = 1;
        }
        if (st == TAWS_ERR_TLS_UNTRUSTED || st == TAWS_ERR_TLS_HOSTNAME || st == TAWS_ERR_TLS_EXPIRED ||
            st == TAWS_ERR_TLS_NOT_YET_VALID || st == TAWS_ERR_TLS_CA || st == TAWS_ERR_DNS) {
            msg(p, "Could not connect to the AWS IoT credentials provider: ", taws_strerror(st), "", "");
            return st;
        }
        msg(p, "Could not connect to the AWS IoT credentials provider: ", taws_strerror(st), "", "");
    }
    if (cut_in_handshake) {
        msg(p, "The AWS IoT credentials provider refused the TLS connection (", taws_strerror(st),
            " in the handshake): the device certificate is not issued by a CA it trusts, not "
            "registered, not active, or not valid now", "");
        return TAWS_ERR_TLS_CLIENT_CERT;
    }
    return st;
}

static taws_status_t parse_endpoint(taws_endpoint_t *ep, const char *endpoint)
{
    char url[TAWS_HOST_MAX + 16];
    size_t n = strlen(endpoint);
    taws_str_t u;
    if (strstr(endpoint, "://") == NULL) {
        if (n + 8 >= sizeof url)
            return TAWS_ERR_URL_HOST_TOO_LONG;
        memcpy(url, "https://", 8);
        memcpy(url + 8, endpoint, n + 1);
        u.p = url;
        u.n = n + 8;
    } else {
        u.p = endpoint;
        u.n = n;
    }
    TAWS_TRY(taws_endpoint_parse(ep, u));
    return ep->tls ? TAWS_OK : TAWS_ERR_URL_SCHEME; /* mutual TLS or nothing */
}

taws_status_t taws_cred_iot_init(taws_cred_iot_t *p, taws_cred_provider_t *out, taws_tls_t *tls,
                                 const char *endpoint, const char *role_alias,
                                 const char *thing_name, const uint8_t *cert, size_t cert_len,
                                 const uint8_t *key, size_t key_len)
{
    int rc;
    memset(p, 0, sizeof *p);
    memset(out, 0, sizeof *out);
    mbedtls_x509_crt_init(&p->cert);
    mbedtls_pk_init(&p->key);
    p->inited = 1;
    out->fetch = iot_fetch;
    out->ctx = p;
    out->name = "iot";
    out->message = iot_message;
    if (tls == NULL || endpoint == NULL || role_alias == NULL || thing_name == NULL ||
        cert == NULL || key == NULL || !tls->inited) {
        msg(p, "The AWS IoT provider needs a TLS context, an endpoint, a role alias, a thing "
               "name, a certificate and a key", "", "", "");
        return TAWS_ERR_ARG;
    }
    if (!name_ok(role_alias) || !name_ok(thing_name)) {
        msg(p, "The role alias and the thing name must be 1 to 128 of A-Z a-z 0-9 = , @ - _ : .",
            "", "", "");
        return TAWS_ERR_ARG;
    }
    p->role_alias = role_alias;
    p->thing_name = thing_name;
    p->tls = tls;
    {
        taws_status_t st = parse_endpoint(&p->ep, endpoint);
        if (st != TAWS_OK) {
            msg(p, "The AWS IoT credentials endpoint is not host, host:port or https://host[:port]: ",
                taws_strerror(st), "", "");
            return st;
        }
    }
    if (mbedtls_x509_crt_parse(&p->cert, cert, cert_len) != 0) {
        msg(p, "The device certificate could not be parsed (PEM with its terminating NUL, or DER)",
            "", "", "");
        return TAWS_ERR_CRED_CERT;
    }
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
#if TAWS_TLS_PSA_RNG
    rc = mbedtls_pk_parse_key(&p->key, key, key_len, NULL, 0, mbedtls_psa_get_random,
                              MBEDTLS_PSA_RANDOM_STATE);
#else
    rc = mbedtls_pk_parse_key(&p->key, key, key_len, NULL, 0, mbedtls_ctr_drbg_random, &tls->drbg);
#endif
#else
    rc = mbedtls_pk_parse_key(&p->key, key, key_len, NULL, 0);
#endif
    if (rc != 0) {
        msg(p, rc == MBEDTLS_ERR_PK_PASSWORD_REQUIRED
                   ? "The device private key is encrypted (give it unencrypted)"
                   : "The device private key could not be parsed (RSA or EC; PEM with its "
                     "terminating NUL, or DER)", "", "", "");
        return TAWS_ERR_CRED_KEY;
    }
#if MBEDTLS_VERSION_NUMBER >= 0x03000000
#if TAWS_TLS_PSA_RNG
    rc = mbedtls_pk_check_pair(&CRT_PK(p->cert), &p->key, mbedtls_psa_get_random,
                               MBEDTLS_PSA_RANDOM_STATE);
#else
    rc = mbedtls_pk_check_pair(&CRT_PK(p->cert), &p->key, mbedtls_ctr_drbg_random, &tls->drbg);
#endif
#else
    rc = mbedtls_pk_check_pair(&CRT_PK(p->cert), &p->key);
#endif
    if (rc != 0) {
        msg(p, "The device private key is not the key of the device certificate", "", "", "");
        return TAWS_ERR_CRED_KEY_MISMATCH;
    }
    if (mbedtls_ssl_conf_own_cert(&tls->conf, &p->cert, &p->key) != 0) {
        msg(p, "mbedTLS refused the certificate and key (mbedtls_ssl_conf_own_cert)", "", "", "");
        return TAWS_ERR_TLS_SETUP;
    }
    return TAWS_OK;
}

const char *taws_cred_iot_message(const taws_cred_iot_t *p)
{
    return p->msg;
}

void taws_cred_iot_free(taws_cred_iot_t *p)
{
    if (!p->inited)
        return;
    mbedtls_x509_crt_free(&p->cert);
    mbedtls_pk_free(&p->key);
    p->inited = 0;
}
