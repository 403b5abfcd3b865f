/* SPDX-License-Identifier: MIT */
/* Client: signed requests for an operation over a kept-alive connection, streamed replies. */
#include <string.h>
#include "client_internal.h"
#include "conn.h"
#include "crypto.h"
#include "endpoint.h"
#include "http.h"
#include "json.h"
#include "json_tok.h"
#include "retry.h"
#include "sigv4.h"
#include "timeutil.h"

/* ---- configuration check -------------------------------------------------------------------- */

static const taws_config_t lib_config = {
    TAWS_CONFIG_COUNT, { TAWS_CONFIG_LIST(TAWS_X_CONFIG_VALUE_) }
};

#define TAWS_X_CONFIG_NAME_(x) #x,
static const char *const config_names[] = { TAWS_CONFIG_LIST(TAWS_X_CONFIG_NAME_) };
#undef TAWS_X_CONFIG_NAME_

const char *taws_config_mismatch(const taws_config_t *app)
{
    unsigned i;
    if (app == NULL || app->count != lib_config.count)
        return "TAWS_CONFIG_COUNT";
    for (i = 0; i < TAWS_CONFIG_COUNT; i++)
        if (app->value[i] != lib_config.value[i])
            return config_names[i];
    return NULL;
}

/* ---- set-up ------------------------------------------------------------------------------------ */

taws_status_t taws_client_init_checked(const taws_config_t *app, taws_client_t *c,
                                       const taws_port_t *port, taws_tls_t *tls,
                                       const taws_credentials_t *cred, const char *region)
{
    size_t rl = region ? strlen(region) : 0;
    /* A struct of another size than ours: writing to it would corrupt the caller's memory. */
    if (taws_config_mismatch(app) != NULL)
        return TAWS_ERR_CONFIG_MISMATCH;
    memset(c, 0, sizeof *c);
    if (cred != NULL && (cred->access_key_id.n == 0 || cred->secret_access_key.p == NULL))
        return TAWS_ERR_NO_CREDENTIALS;
    if (rl == 0)
        return TAWS_ERR_NO_REGION;
    if (rl >= sizeof c->region)
        return TAWS_ERR_TOO_LONG;
    c->port = port;
    c->tls = tls;
    if (cred)
        c->cred = *cred;
    memcpy(c->region, region, rl + 1);
    /* botocore's FIPS pseudo-regions; a malformed name is kept for the first request to refuse */
    if (taws_region_check(c->region) == TAWS_OK && taws_region_strip_fips(c->region))
        c->ep_variant = TAWS_ENDPOINT_FIPS_REGION;
    taws_conn_init(&c->conn, port, tls, &c->ep);
    taws_retry_init(&c->retry);
    c->call_timeout_ms = TAWS_CALL_TIMEOUT_MS;
    return TAWS_OK;
}

taws_status_t taws_client_set_credentials(taws_client_t *c, const taws_credentials_t *cred)
{
    if (cred == NULL || cred->access_key_id.n == 0 || cred->secret_access_key.p == NULL)
        return TAWS_ERR_NO_CREDENTIALS;
    taws_sigv4_key_wipe(&c->key); /* a key derived from other credentials must not be reused */
    c->cred = *cred;
    return TAWS_OK;
}

void taws_client_set_unsigned(taws_client_t *c, int on)
{
    c->unsigned_requests = (uint8_t)(on != 0);
}

taws_status_t taws_client_set_endpoint(taws_client_t *c, const char *url)
{
    taws_str_t u = { url, strlen(url) };
    taws_conn_close(&c->conn);
    TAWS_TRY(taws_endpoint_parse(&c->ep, u));
    c->ep_fixed = 1;
    return TAWS_OK;
}

void taws_client_set_endpoint_variant(taws_client_t *c, unsigned flags)
{
    c->ep_variant = (uint8_t)((flags & (TAWS_ENDPOINT_FIPS | TAWS_ENDPOINT_DUALSTACK)) |
                              (c->ep_variant & TAWS_ENDPOINT_FIPS_REGION));
    c->ep_prefix = NULL; /* resolved again by the next request */
}

void taws_client_set_request_hook(taws_client_t *c, void (*fn)(void *ctx, const taws_client_t *c),
                                  void *ctx)
{
    c->on_request = fn;
    c->on_request_ctx = ctx;
}

void taws_client_set_timeouts(taws_client_t *c, uint32_t connect_ms, uint32_t read_ms)
{
    c->conn.connect_timeout_ms = connect_ms;
    c->conn.read_timeout_ms = read_ms;
}

void taws_client_set_call_timeout(taws_client_t *c, uint32_t ms)
{
    c->call_timeout_ms = ms;
}

void taws_client_set_max_attempts(taws_client_t *c, unsigned attempts)
{
    c->retry.max_attempts = (uint8_t)(attempts < 1 ? 1 : attempts > 255 ? 255 : attempts);
}

void taws_client_set_debug(taws_client_t *c, taws_sink_t *sink)
{
    c->debug = sink;
}

void taws_client_close(taws_client_t *c)
{
    taws_conn_close(&c->conn);
    taws_sigv4_key_wipe(&c->key);
    taws_client_cred_close(c);
}

/* ---- what the application reads ------------------------------------------------------------- */

TAWS_GETTER(const char *, taws_client_error_code, taws_client_t, err_code)
TAWS_GETTER(const char *, taws_client_error_message, taws_client_t, err_msg)
TAWS_GETTER(unsigned, taws_client_http_status, taws_client_t, http_status)
TAWS_GETTER(unsigned, taws_client_retries, taws_client_t, retries)
TAWS_GETTER(int, taws_client_max_attempts_reached, taws_client_t, max_attempts_reached)
TAWS_GETTER(int, taws_client_connect_failed, taws_client_t, conn.connect_failed)
TAWS_GETTER(uint32_t, taws_client_requests, taws_client_t, requests)
TAWS_GETTER(uint32_t, taws_client_connects, taws_client_t, conn.connects)
TAWS_GETTER(int64_t, taws_client_clock_offset, taws_client_t, clock_offset_s)
TAWS_GETTER(const char *, taws_client_region, taws_client_t, region)
TAWS_GETTER(int, taws_client_endpoint_tls, taws_client_t, ep.tls)
TAWS_GETTER(const char *, taws_client_endpoint_host, taws_client_t, ep.host)
TAWS_GETTER(const char *, taws_client_endpoint_host_header, taws_client_t, ep.host_header)

/* ---- debug output (secrets never reach it) ---------------------------------------------- */

static void dbg(taws_client_t *c, const char *a, taws_str_t b, const char *z)
{
    if (!c->debug)
        return;
    (void)taws_sink_str(c->debug, a);
    (void)taws_sink_view(c->debug, b);
    (void)taws_sink_str(c->debug, z);
}

/* ---- the response's AWS headers (the HTTP parser hands every header line here) ----------- */

/* x-amzn-ErrorType (the error code of restJson1 services), Date (clock skew), Retry-After
 * and x-amz-retry-after (back-off), from the final response's header block: not from a 1xx
 * interim response, not from trailers. Every line is mirrored to the debug log. */
static void on_resp_header(void *ctx, taws_str_t name, taws_str_t value)
{
    taws_client_t *c = ctx;
    taws_aws_headers_t *h = &c->aws;
    dbg(c, "< ", name, ": ");
    dbg(c, "", value, "\n");
    if (c->resp.headers_done || c->resp.status < 200)
        return;
    if (taws_http_name_is(name, "x-amzn-errortype")) {
        size_t k = 0;
        while (k < value.n && value.p[k] != ':' && k + 1 < sizeof h->error_type) {
            h->error_type[k] = value.p[k];
            k++;
        }
        h->error_type[k] = '\0';
    } else if (taws_http_name_is(name, "date")) {
        h->has_date = taws_time_parse_http(value, &h->date) == TAWS_OK;
    } else if (taws_http_name_is(name, "retry-after") || taws_http_name_is(name, "x-amz-retry-after")) {
        uint64_t v;
        int ms = name.n > 11; /* x-amz-retry-after is in milliseconds */
        if (taws_http_parse_u64(value, &v)) {
            if (!ms)
                v = v > 4000000u ? 4000000000u : v * 1000u;
            h->retry_after_ms = v > 0xffffffffu ? 0xffffffffu : (uint32_t)v;
            h->has_retry_after = 1;
        }
    }
}

/* ---- request ------------------------------------------------------------------------------ */

/* A header on the wire, mirrored to debug (with the value redacted when secret). */
static taws_status_t header(taws_client_t *c, taws_sink_t *out, const char *name, taws_str_t value,
                            int secret)
{
    taws_str_t n = { name, strlen(name) };
    TAWS_TRY(taws_http_write_header(out, n, value));
    dbg(c, "> ", n, ": ");
    dbg(c, "", secret ? TAWS_LIT("[redacted]") : value, "\n");
    return TAWS_OK;
}

/* The operation's endpoint from its rule set (kept while the prefix stays the same); an
 * endpoint URL wins, but botocore refuses a malformed region name even then. A rule set's
 * error message is left in err_msg. */
static taws_status_t choose_endpoint(taws_client_t *c, const taws_op_t *op)
{
    taws_status_t st;
    if (c->ep_fixed)
        return taws_region_check(c->region);
    if (c->ep_prefix && strcmp(c->ep_prefix, op->endpoint_prefix) == 0)
        return TAWS_OK;
    taws_conn_close(&c->conn);
    st = taws_endpoint_resolve(&c->ep, op->endpoint_prefix, c->region, c->ep_variant, c->err_msg,
                               sizeof c->err_msg);
    if (st != TAWS_ERR_ENDPOINT_RULE)
        c->err_msg[0] = '\0'; /* it held the URL */
    TAWS_TRY(st);
    c->ep_prefix = op->endpoint_prefix;
    return TAWS_OK;
}

/* The payload hash of an awsJson body (generated into SHA-256, which also counts its length). */
static taws_status_t body_hash(const taws_op_t *op, const void *params, const taws_page_args_t *page,
                               char hash_hex[65], uint64_t *body_len)
{
    uint8_t digest[TAWS_SHA256_LEN];
    taws_sha256_t sha;
    taws_status_t st;
    TAWS_TRY(taws_sha256_start(&sha));
    st = taws_params_body(&sha.sink, op, params, page);
    if (st != TAWS_OK) {
        taws_sha256_abort(&sha);
        return st;
    }
    *body_len = sha.bytes;
    TAWS_TRY(taws_sha256_finish(&sha, digest));
    taws_hex(digest, sizeof digest, hash_hex);
    return TAWS_OK;
}

/* Signs and writes one request. Only the body (awsJson) is generated twice: once into the
 * payload hash, once onto the wire; nothing is held whole. From the signature on, every
 * failure goes to cleanup, which wipes the Authorization value (the transmit buffer is wiped
 * when it is flushed, or by the close that follows a failure). */
static taws_status_t write_request(taws_client_t *c, const taws_op_t *op, const void *params,
                                   const taws_page_args_t *page)
{
    taws_kv_t q[TAWS_SIGV4_MAX_QUERY], h[6];
    taws_query_scratch_t scratch;
    size_t nq = 0, nh = 0;
    char amz[TAWS_AMZ_DATE_LEN + 1], auth[TAWS_AUTH_HEADER_MAX], hash_hex[65], clen[24];
    taws_sigv4_request_t req;
    uint64_t body_len = 0;
    taws_sink_t *out = &c->conn.sink;
    taws_str_t host = { c->ep.host_header, strlen(c->ep.host_header) };
    taws_str_t amz_v = { amz, TAWS_AMZ_DATE_LEN };
    int json = op->protocol == TAWS_PROTO_AWS_JSON_1_1;
    int sign = !c->unsigned_requests;
    taws_status_t st = TAWS_OK;

    auth[0] = '\0';
    if (sign && c->cred.access_key_id.p == NULL)
        return TAWS_ERR_NO_CREDENTIALS;
    taws_time_amz_date(c->port->wall_time(c->port->ctx) + c->clock_offset_s, amz);
    memset(&req, 0, sizeof req);
    if (json) {
        TAWS_CHK(body_hash(op, params, page, hash_hex, &body_len));
    } else {
        memcpy(hash_hex, taws_empty_sha256_hex, 64);
        TAWS_CHK(taws_params_query(op, params, page, q, TAWS_SIGV4_MAX_QUERY, &nq, &scratch));
    }
    hash_hex[64] = '\0';

    h[nh].name = TAWS_LIT("host");
    h[nh++].value = host;
    h[nh].name = TAWS_LIT("x-amz-date");
    h[nh++].value = amz_v;
    if (c->cred.session_token.p && sign) {
        TAWS_CHK(taws_http_check_value(c->cred.session_token));
        h[nh].name = TAWS_LIT("x-amz-security-token");
        h[nh++].value = c->cred.session_token;
    }
    if (json) {
        h[nh].name = TAWS_LIT("content-type");
        h[nh].value.p = op->content_type;
        h[nh++].value.n = strlen(op->content_type);
        h[nh].name = TAWS_LIT("x-amz-target");
        h[nh].value.p = op->target;
        h[nh++].value.n = strlen(op->target);
    }
    req.method.p = op->method;
    req.method.n = strlen(op->method);
    req.path.p = op->path;
    req.path.n = strlen(op->path);
    req.query = q;
    req.n_query = nq;
    req.headers = h;
    req.n_headers = nh;
    req.payload_hash.p = hash_hex;
    req.payload_hash.n = 64;
    req.normalize_path = 1;
    if (sign) {
        taws_str_t region = { c->region, strlen(c->region) };
        taws_str_t service = { op->signing_name, strlen(op->signing_name) };
        TAWS_CHK(taws_sigv4_sign(&c->key, &c->cred, region, service, amz, &req, NULL, auth,
                                 sizeof auth, NULL));
    }

    /* Request line; the query is written in SigV4 order, so it is the signed one. */
    TAWS_CHK(taws_sink_view(out, req.method));
    TAWS_CHK(taws_sink_put(out, " ", 1));
    TAWS_CHK(taws_sink_view(out, req.path));
    if (nq)
        TAWS_CHK(taws_sink_put(out, "?", 1));
    TAWS_CHK(taws_query_write(out, q, nq));
    TAWS_CHK(taws_sink_str(out, " HTTP/1.1\r\n"));
    if (c->debug) {
        dbg(c, "> ", req.method, " ");
        dbg(c, "", req.path, nq ? "?" : "");
        (void)taws_query_write(c->debug, q, nq);
        (void)taws_sink_str(c->debug, " HTTP/1.1\n");
    }
    TAWS_CHK(header(c, out, "Host", host, 0));
    TAWS_CHK(header(c, out, "X-Amz-Date", amz_v, 0));
    if (c->cred.session_token.p && sign)
        TAWS_CHK(header(c, out, "X-Amz-Security-Token", c->cred.session_token, 1));
    if (sign) {
        taws_str_t a = { auth, strlen(auth) };
        TAWS_CHK(header(c, out, "Authorization", a, 1));
    }
    TAWS_CHK(header(c, out, "User-Agent", TAWS_LIT(TAWS_USER_AGENT), 0));
    if (json) {
        taws_memsink_t m;
        taws_str_t n;
        TAWS_CHK(header(c, out, "Content-Type", h[nh - 2].value, 0));
        TAWS_CHK(header(c, out, "X-Amz-Target", h[nh - 1].value, 0));
        taws_memsink_init(&m, clen, sizeof clen);
        (void)taws_sink_u64(&m.sink, body_len);
        n.p = clen;
        n.n = m.len;
        TAWS_CHK(header(c, out, "Content-Length", n, 0));
    }
    TAWS_CHK(taws_sink_put(out, "\r\n", 2));
    if (json) {
        TAWS_CHK(taws_params_body(out, op, params, page));
        if (c->debug) {
            (void)taws_sink_str(c->debug, "> ");
            (void)taws_params_body(c->debug, op, params, page);
            (void)taws_sink_str(c->debug, "\n");
        }
    }
    st = taws_conn_flush(&c->conn);
cleanup:
    taws_wipe(auth, sizeof auth);
    return st;
}

/* Feeds the parser until the header block is complete. */
taws_status_t taws_client_read_head(taws_client_t *c, int *got_bytes)
{
    taws_conn_t *k = &c->conn;
    *got_bytes = 0;
    while (!c->resp.headers_done) {
        size_t used;
        taws_str_t piece;
        if (k->rx_pos == k->rx_len) {
            taws_status_t st = taws_conn_fill(k);
            if (st == TAWS_ERR_CLOSED)
                return *got_bytes ? TAWS_ERR_HTTP_TRUNCATED : TAWS_ERR_CLOSED;
            TAWS_TRY(st);
            *got_bytes = 1;
        }
        TAWS_TRY(taws_http_response_feed(&c->resp, k->rx + k->rx_pos, k->rx_len - k->rx_pos, &used,
                                         &piece));
        k->rx_pos += used;
        if (piece.n)
            return TAWS_ERR_STATE; /* the parser stops at the end of the headers */
    }
    return TAWS_OK;
}

taws_status_t taws_client_request(taws_client_t *c, const taws_op_t *op, const void *params,
                                  const taws_page_args_t *page)
{
    int attempt;
    TAWS_TRY(choose_endpoint(c, op));
    TAWS_TRY(taws_client_cred_ensure(c)); /* before signing: fresh credentials if due */
    for (attempt = 0; attempt < 2; attempt++) {
        int reused = c->conn.open, got = 0;
        taws_status_t st = taws_conn_open(&c->conn);
        if (st != TAWS_OK)
            return st;
        c->resp.on_header = on_resp_header;
        c->resp.on_header_ctx = c;
        taws_http_response_init(&c->resp);
        memset(&c->aws, 0, sizeof c->aws);
        if (c->on_request)
            c->on_request(c->on_request_ctx, c);
        st = write_request(c, op, params, page);
        c->requests++;
        if (st == TAWS_OK)
            st = taws_client_read_head(c, &got);
        if (st == TAWS_OK) {
            if (c->debug) {
                char code[4] = { (char)('0' + c->resp.status / 100), (char)('0' + c->resp.status / 10 % 10),
                                 (char)('0' + c->resp.status % 10), 0 };
                taws_str_t cs = { code, 3 };
                dbg(c, "< status ", cs, "\n");
            }
            return TAWS_OK;
        }
        taws_conn_close(&c->conn);
        /* A kept-alive connection the server closed while idle: one fresh try. */
        if (!(reused && !got && (st == TAWS_ERR_CLOSED || st == TAWS_ERR_SEND ||
                                 st == TAWS_ERR_RECV || st == TAWS_ERR_TLS_IO)))
            return st;
        dbg(c, "* ", TAWS_LIT("kept-alive connection was closed; reconnecting"), "\n");
    }
    return TAWS_ERR_CLOSED;
}

taws_status_t taws_client_connect(taws_client_t *c, const taws_op_t *op)
{
    if (op == NULL && !c->ep_fixed)
        return TAWS_ERR_ARG; /* no endpoint URL: the operation's service decides */
    if (op != NULL)
        TAWS_TRY(choose_endpoint(c, op));
    else
        TAWS_TRY(taws_region_check(c->region));
    taws_conn_set_deadline(&c->conn, c->call_timeout_ms); /* bounded as a pager call is */
    return taws_conn_open(&c->conn);
}

taws_status_t taws_client_body(taws_client_t *c, taws_str_t *piece)
{
    taws_conn_t *k = &c->conn;
    piece->p = NULL;
    piece->n = 0;
    while (!c->resp.done) {
        size_t used;
        if (k->rx_pos == k->rx_len) {
            taws_status_t st = taws_conn_fill(k);
            if (st == TAWS_ERR_CLOSED) {
                TAWS_TRY(taws_http_response_eof(&c->resp));
                break;
            }
            TAWS_TRY(st);
        }
        TAWS_TRY(taws_http_response_feed(&c->resp, k->rx + k->rx_pos, k->rx_len - k->rx_pos, &used,
                                         piece));
        k->rx_pos += used;
        if (piece->n) {
            if (c->debug)
                dbg(c, "< ", *piece, "\n");
            return TAWS_OK;
        }
    }
    return TAWS_OK;
}

void taws_client_end(taws_client_t *c)
{
    if (!c->resp.done || !c->resp.keep_alive || c->conn.rx_pos != c->conn.rx_len)
        taws_conn_close(&c->conn); /* unread bytes or a closing server: start fresh */
}

/* ---- service errors ------------------------------------------------------------------------- */

static void copy_z(char *dst, size_t cap, taws_str_t s)
{
    size_t n = s.n < cap - 1 ? s.n : cap - 1;
    memcpy(dst, s.p, n);
    dst[n] = '\0';
}

static taws_str_t after_hash(taws_str_t s)
{
    size_t i = s.n;
    while (i > 0 && s.p[i - 1] != '#')
        i--;
    s.p += i;
    s.n -= i;
    return s;
}

static const char *reason(unsigned code)
{
    switch (code) {
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "";
    }
}

taws_status_t taws_client_read_error(taws_client_t *c, const taws_op_t *op, char *buf, size_t cap)
{
    size_t len = 0;
    jsmntok_t t[TAWS_ERR_BODY_TOKENS];
    int n;
    taws_str_t type = TAWS_STR_NULL, code = TAWS_STR_NULL, msg = TAWS_STR_NULL, body;
    char status[4];

    for (;;) {
        taws_str_t piece;
        TAWS_TRY(taws_client_body(c, &piece));
        if (piece.n == 0)
            break;
        if (len < cap) { /* keep what fits; the rest is read and dropped */
            size_t k = piece.n < cap - len ? piece.n : cap - len;
            memcpy(buf + len, piece.p, k);
            len += k;
        }
    }
    taws_client_end(c);
    c->http_status = c->resp.status;
    status[0] = (char)('0' + c->resp.status / 100);
    status[1] = (char)('0' + c->resp.status / 10 % 10);
    status[2] = (char)('0' + c->resp.status % 10);
    status[3] = '\0';

    body.p = buf;
    body.n = len;
    while (body.n && (body.p[0] == ' ' || body.p[0] == '\n' || body.p[0] == '\r' || body.p[0] == '\t')) {
        body.p++;
        body.n--;
    }
    if (c->resp.status >= 500 && (body.n == 0 || (body.n >= 6 && memcmp(body.p, "<html>", 6) == 0))) {
        /* botocore's generic error: the status code and its reason phrase */
        copy_z(c->err_code, sizeof c->err_code, (taws_str_t){ status, 3 });
        copy_z(c->err_msg, sizeof c->err_msg, (taws_str_t){ reason(c->resp.status), strlen(reason(c->resp.status)) });
        return TAWS_ERR_SERVICE;
    }
    n = taws_json_tokenize(buf, len, t, TAWS_ERR_BODY_TOKENS);
    if (n > 0 && t[0].type == JSMN_OBJECT) {
        int j;
        for (j = 1; j + 1 < n; j++) {
            taws_str_t k, v;
            if (t[j].type != JSMN_STRING || t[j].size != 1)
                continue;
            k.p = buf + t[j].start;
            k.n = (size_t)(t[j].end - t[j].start);
            if (t[j + 1].type != JSMN_STRING)
                continue;
            {
                long w = taws_json_unescape_inplace(buf + t[j + 1].start, (size_t)(t[j + 1].end - t[j + 1].start));
                if (w < 0)
                    continue;
                t[j + 1].end = t[j + 1].start + (int)w;
            }
            v.p = buf + t[j + 1].start;
            v.n = (size_t)(t[j + 1].end - t[j + 1].start);
            if (k.n == 6 && memcmp(k.p, "__type", 6) == 0)
                type = after_hash(v);
            else if ((k.n == 4 && (memcmp(k.p, "code", 4) == 0 || memcmp(k.p, "Code", 4) == 0)) && !code.p)
                code = v;
            else if (k.n == 7 && (memcmp(k.p, "message", 7) == 0 || memcmp(k.p, "Message", 7) == 0) &&
                     (!msg.p || k.p[0] == 'm'))
                msg = v;
        }
    }
    /* Where the code comes from, in botocore's order for each protocol. */
    if (op->protocol == TAWS_PROTO_REST_JSON && c->aws.error_type[0]) {
        code.p = c->aws.error_type;
        code.n = strlen(c->aws.error_type);
    } else if (op->protocol == TAWS_PROTO_REST_JSON && code.p) {
        /* body "code" */
    } else if (type.p) {
        code = type;
    } else {
        code.p = status;
        code.n = 3;
    }
    copy_z(c->err_code, sizeof c->err_code, code);
    if (msg.p)
        copy_z(c->err_msg, sizeof c->err_msg, msg);
    else
        c->err_msg[0] = '\0';
    return TAWS_ERR_SERVICE;
}
