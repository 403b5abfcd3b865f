/* SPDX-License-Identifier: MIT */
/* A credentials provider's HTTP(S) request over the client's port and connection buffers. */
#include <string.h>
#include "client_internal.h"
#include "conn.h"
#include "crypto.h"
#include "cred_http.h"
#include "http.h"
#include "json.h"
#include "json_tok.h"

static void dbg(taws_client_t *c, const char *a, taws_str_t v, const char *b)
{
    if (c->debug == NULL)
        return;
    (void)taws_sink_str(c->debug, a);
    (void)taws_sink_view(c->debug, v);
    (void)taws_sink_str(c->debug, b);
}

static taws_status_t header(taws_client_t *c, taws_str_t name, taws_str_t value, int secret)
{
    TAWS_TRY(taws_http_write_header(&c->conn.sink, name, value));
    dbg(c, "> ", name, ": ");
    dbg(c, "", secret ? TAWS_LIT("[redacted]") : value, "\n");
    return TAWS_OK;
}

static taws_status_t write_request(taws_client_t *c, const taws_cred_http_t *rq)
{
    taws_sink_t *out = &c->conn.sink;
    taws_str_t method = { rq->method, strlen(rq->method) };
    taws_str_t host = { rq->ep->host_header, strlen(rq->ep->host_header) };
    size_t i;
    /* Every value is checked before a byte goes out: a refused header is never half sent. */
    TAWS_TRY(taws_http_check_value(rq->path));
    for (i = 0; i < rq->n_headers; i++)
        TAWS_TRY(taws_http_check_value(rq->headers[i].value));
    for (i = 0; i < rq->path.n; i++)
        if (rq->path.p[i] == ' ')
            return TAWS_ERR_HEADER_VALUE;
    TAWS_TRY(taws_sink_view(out, method));
    TAWS_TRY(taws_sink_put(out, " ", 1));
    TAWS_TRY(taws_sink_view(out, rq->path));
    TAWS_TRY(taws_sink_str(out, " HTTP/1.1\r\n"));
    if (c->debug) {
        dbg(c, "* credentials provider request\n> ", method, " ");
        dbg(c, "", rq->path, " HTTP/1.1\n");
    }
    TAWS_TRY(header(c, TAWS_LIT("Host"), host, 0));
    TAWS_TRY(header(c, TAWS_LIT("User-Agent"), TAWS_LIT(TAWS_USER_AGENT), 0));
    TAWS_TRY(header(c, TAWS_LIT("Accept"), TAWS_LIT("application/json"), 0));
    for (i = 0; i < rq->n_headers; i++)
        TAWS_TRY(header(c, rq->headers[i].name, rq->headers[i].value,
                        (rq->secret_headers >> i) & 1u));
    if (strcmp(rq->method, "GET") != 0)
        TAWS_TRY(header(c, TAWS_LIT("Content-Length"), TAWS_LIT("0"), 0));
    TAWS_TRY(taws_sink_put(out, "\r\n", 2));
    return taws_conn_flush(&c->conn);
}

taws_status_t taws_cred_http_do(taws_client_t *c, const taws_cred_http_t *rq,
                                taws_cred_http_reply_t *reply)
{
    taws_conn_t *k = &c->conn;
    const taws_endpoint_t *saved_ep = k->ep;
    taws_tls_t *saved_tls = k->tls;
    taws_sink_t *saved_debug = NULL;
    uint32_t saved_connect = k->connect_timeout_ms, saved_read = k->read_timeout_ms;
    taws_status_t st;
    int got; /* bytes of the reply came (else a close is TAWS_ERR_CLOSED) */

    reply->status = 0;
    reply->body_len = 0;
    reply->body[0] = '\0';
    taws_conn_close(k); /* one connection per port: the client's is reopened by its next request */
    k->ep = rq->ep;
    k->tls = rq->tls;
    if (rq->timeout_ms) {
        k->connect_timeout_ms = rq->timeout_ms;
        k->read_timeout_ms = rq->timeout_ms;
    }
    c->resp.on_header = NULL; /* the AWS headers are the service's, not the provider's */
    c->resp.on_header_ctx = NULL;
    taws_http_response_init(&c->resp);
    TAWS_CHK(taws_conn_open(k));
    TAWS_CHK(write_request(c, rq));
    TAWS_CHK(taws_client_read_head(c, &got));
    reply->status = c->resp.status;
    if (c->debug) {
        char code[12];
        taws_str_t cs = { taws_cred_udec(code, c->resp.status), 0 };
        cs.n = strlen(cs.p);
        dbg(c, "< status ", cs, "\n");
    }
    saved_debug = c->debug; /* taws_client_body() would log the body: the secret is in it */
    c->debug = NULL;
    for (;;) {
        taws_str_t piece;
        TAWS_CHK(taws_client_body(c, &piece));
        if (piece.n == 0)
            break;
        if (reply->status >= 200 && reply->status <= 299) {
            st = rq->on_body(rq->body_ctx, piece); /* never to --debug: it holds the secret */
            if (st != TAWS_OK)
                goto cleanup;
        } else if (reply->body_len + 1 < sizeof reply->body) {
            size_t room = sizeof reply->body - 1 - reply->body_len;
            size_t n = piece.n < room ? piece.n : room;
            memcpy(reply->body + reply->body_len, piece.p, n);
            reply->body_len += n;
            reply->body[reply->body_len] = '\0';
        }
    }
cleanup:
    if (saved_debug)
        c->debug = saved_debug;
    taws_conn_close(k);
    taws_wipe(k->rx, sizeof k->rx); /* it held the credentials document */
    k->ep = saved_ep;
    k->tls = saved_tls;
    k->connect_timeout_ms = saved_connect;
    k->read_timeout_ms = saved_read;
    return st;
}

void taws_cred_doc_init(taws_cred_doc_t *d, taws_cred_format_t fmt, taws_cred_t *store)
{
    d->out.key_id.p = store->key_id;
    d->out.key_id.cap = sizeof store->key_id;
    d->out.key_id.len = 0;
    d->out.secret.p = store->secret;
    d->out.secret.cap = sizeof store->secret;
    d->out.secret.len = 0;
    d->out.token.p = store->token;
    d->out.token.cap = sizeof store->token;
    d->out.token.len = 0;
    d->out.expiration = 0;
    taws_cred_json_init(&d->json, fmt, &d->out);
}

taws_status_t taws_cred_doc_body(void *ctx, taws_str_t piece)
{
    taws_cred_doc_t *d = ctx;
    return taws_cred_json_feed(&d->json, piece.p, piece.n);
}

taws_status_t taws_cred_doc_finish(taws_cred_doc_t *d, taws_cred_t *store)
{
    taws_status_t st = taws_cred_json_finish(&d->json);
    if (st != TAWS_OK) {
        taws_cred_wipe(store);
        return st;
    }
    store->key_id_len = d->out.key_id.len;
    store->secret_len = d->out.secret.len;
    store->token_len = d->out.token.len;
    store->expiration = d->out.expiration;
    return TAWS_OK;
}

void taws_cred_msg(char *msg, size_t cap, const char *const *parts, size_t n)
{
    size_t len = 0, i;
    for (i = 0; i < n; i++) {
        size_t k = parts[i] ? strlen(parts[i]) : 0;
        if (k > cap - 1 - len)
            k = cap - 1 - len;
        if (k)
            memcpy(msg + len, parts[i], k);
        len += k;
    }
    msg[len] = '\0';
}

const char *taws_cred_udec(char *buf, unsigned v)
{
    char t[12];
    size_t n = 0, i;
    do {
        t[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (i = 0; i < n; i++)
        buf[i] = t[n - 1 - i];
    buf[n] = '\0';
    return buf;
}

void taws_cred_flatten(char *s)
{
    size_t n = strlen(s), i;
    for (i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            s[i] = ' ';
    while (n > 0 && s[n - 1] == ' ')
        s[--n] = '\0';
}

int taws_cred_sleep(taws_client_t *c, uint32_t ms)
{
    if (taws_conn_time_left(&c->conn, ms + 1) <= ms)
        return 0;
    if (ms)
        c->port->sleep_ms(c->port->ctx, ms);
    return 1;
}

/* The service's {"message": ...} (in place), else the body as it came. */
const char *taws_cred_service_message(char *body, size_t len)
{
    jsmntok_t t[16];
    int n = taws_json_tokenize(body, len, t, 16), j;
    if (n > 0 && t[0].type == JSMN_OBJECT) {
        for (j = 1; j + 1 < n; j++) {
            if (t[j].type == JSMN_STRING && t[j].size == 1 && t[j].end - t[j].start == 7 &&
                (memcmp(body + t[j].start, "message", 7) == 0 ||
                 memcmp(body + t[j].start, "Message", 7) == 0) &&
                t[j + 1].type == JSMN_STRING) {
                long w = taws_json_unescape_inplace(body + t[j + 1].start,
                                                    (size_t)(t[j + 1].end - t[j + 1].start));
                if (w < 0)
                    break;
                body[t[j + 1].start + w] = '\0';
                return body + t[j + 1].start;
            }
        }
    }
    taws_cred_flatten(body);
    return body;
}
