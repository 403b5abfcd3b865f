/* SPDX-License-Identifier: MIT */
/* Container credentials (ECS agent, AWS IoT Greengrass token exchange service), as botocore's
 * ContainerProvider: the host allow-list of current botocore, the token refused when it holds
 * CR or LF, 2 s timeouts, 3 attempts 1 s apart, the AWS CLI v2's messages. */
#include <string.h>
#include "common.h"
#include "crypto.h"
#include "cred_http.h"
#include "endpoint.h"
#include "http.h"
#include "json.h"

#define CONTAINER_TIMEOUT_MS 2000u
#define CONTAINER_ATTEMPTS 3
#define CONTAINER_SLEEP_MS 1000u
#define ALLOWED_HOSTS "169.254.170.2, 169.254.170.23, fd00:ec2::23, localhost"

static int same_ci(const char *a, const char *b)
{
    for (; *a && *b; a++, b++) {
        char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
        char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
        if (x != y)
            return 0;
    }
    return *a == *b;
}


/* 127.0.0.0/8 written as a dotted quad (Python's ipaddress: four decimal octets). */
static int ipv4_loopback(const char *s)
{
    unsigned part = 0, parts = 0, first = 0, digits = 0;
    for (;; s++) {
        if (*s >= '0' && *s <= '9') {
            if (digits && part == 0)
                return 0; /* a leading zero: ipaddress refuses it */
            part = part * 10u + (unsigned)(*s - '0');
            if (++digits > 3 || part > 255)
                return 0;
        } else if (*s == '.' || *s == '\0') {
            if (digits == 0)
                return 0;
            if (parts == 0)
                first = part;
            parts++;
            part = digits = 0;
            if (*s == '\0')
                break;
        } else {
            return 0;
        }
    }
    return parts == 4 && first == 127;
}

/* ::1 in any spelling (0:0:0:0:0:0:0:1, ::0001, ...). */
static int ipv6_loopback(const char *s)
{
    uint16_t g[8];
    int n = 0, gap = -1, i;
    if (s[0] == ':' && s[1] == ':') {
        gap = 0;
        s += 2;
    }
    while (*s) {
        unsigned v = 0;
        int d = 0;
        while (taws_json_hexval((unsigned char)*s) >= 0) {
            v = v * 16u + (unsigned)taws_json_hexval((unsigned char)*s++);
            if (++d > 4)
                return 0;
        }
        if (d == 0 || n == 8)
            return 0;
        g[n++] = (uint16_t)v;
        if (*s == '\0')
            break;
        if (*s != ':')
            return 0;
        s++;
        if (*s == ':') {
            if (gap >= 0)
                return 0;
            gap = n;
            s++;
        } else if (*s == '\0') {
            return 0;
        }
    }
    if (gap < 0 && n != 8)
        return 0;
    if (gap >= 0 && n > 7)
        return 0;
    {
        int zeros = 8 - n, k = 0;
        uint16_t full[8];
        for (i = 0; i < n; i++) {
            if (i == gap)
                while (zeros-- > 0)
                    full[k++] = 0;
            full[k++] = g[i];
        }
        if (gap == n)
            while (zeros-- > 0)
                full[k++] = 0;
        for (i = 0; i < 7; i++)
            if (full[i] != 0)
                return 0;
        return full[7] == 1;
    }
}

int taws_cred_container_host_allowed(const char *host)
{
    return ipv4_loopback(host) || ipv6_loopback(host) || strcmp(host, "169.254.170.2") == 0 ||
           strcmp(host, "169.254.170.23") == 0 || same_ci(host, "fd00:ec2::23") ||
           same_ci(host, "localhost");
}

static const char *container_message(const void *ctx)
{
    return ((const taws_cred_container_t *)ctx)->msg;
}

static void set_msg(taws_cred_container_t *p, const char *a, const char *b, const char *c,
                    const char *d)
{
    const char *parts[5] = { "Error retrieving metadata: ", a, b, c, d };
    taws_cred_msg(p->msg, sizeof p->msg, parts, 5);
}

/* The token of this fetch into p->auth (wiped by the caller). */
static taws_status_t get_token(taws_cred_container_t *p, size_t *len)
{
    size_t i;
    *len = 0;
    if (p->token_fn) {
        taws_status_t st = p->token_fn(p->token_ctx, p->auth, sizeof p->auth, len);
        if (st != TAWS_OK) {
            const char *parts[2] = { "Could not read the authorization token: ", taws_strerror(st) };
            taws_cred_msg(p->msg, sizeof p->msg, parts, 2);
            return st;
        }
        if (*len >= sizeof p->auth)
            return TAWS_ERR_TOO_LONG;
    } else if (p->token) {
        *len = strlen(p->token);
        if (*len >= sizeof p->auth) {
            const char *parts[1] = { "Auth token value is longer than TAWS_CRED_AUTH_TOKEN_MAX" };
            taws_cred_msg(p->msg, sizeof p->msg, parts, 1);
            return TAWS_ERR_TOO_LONG;
        }
        memcpy(p->auth, p->token, *len);
    }
    for (i = 0; i < *len; i++) {
        if (p->auth[i] == '\r' || p->auth[i] == '\n' || p->auth[i] == '\0') {
            const char *parts[1] = { "Auth token value is not a legal header value" };
            taws_cred_msg(p->msg, sizeof p->msg, parts, 1);
            return TAWS_ERR_HEADER_VALUE;
        }
    }
    return TAWS_OK;
}

static taws_status_t container_fetch(void *ctx, taws_client_t *c, taws_cred_t *out)
{
    taws_cred_container_t *p = ctx;
    taws_status_t st = TAWS_OK;
    int attempt;
    p->msg[0] = '\0';
    for (attempt = 0; attempt < CONTAINER_ATTEMPTS; attempt++) {
        taws_cred_http_reply_t reply;
        taws_cred_doc_t doc;
        taws_kv_t h[1];
        taws_cred_http_t rq;
        size_t tlen;
        char num[12];

        if (attempt > 0 && !taws_cred_sleep(c, CONTAINER_SLEEP_MS))
            return TAWS_ERR_TIMEOUT;
        st = get_token(p, &tlen);
        if (st != TAWS_OK) {
            taws_wipe(p->auth, sizeof p->auth);
            taws_cred_wipe(out);
            return st; /* botocore raises before any request: not retried */
        }
        memset(&rq, 0, sizeof rq);
        rq.method = "GET";
        rq.ep = &p->ep;
        rq.tls = c->tls;
        rq.path.p = p->path;
        rq.path.n = p->path_len;
        rq.timeout_ms = CONTAINER_TIMEOUT_MS;
        if (p->token_fn || p->token) {
            h[0].name = TAWS_LIT("Authorization");
            h[0].value.p = p->auth;
            h[0].value.n = tlen;
            rq.headers = h;
            rq.n_headers = 1;
            rq.secret_headers = 1;
        }
        taws_cred_doc_init(&doc, TAWS_CRED_FMT_CONTAINER, out);
        rq.on_body = taws_cred_doc_body;
        rq.body_ctx = &doc;
        st = taws_cred_http_do(c, &rq, &reply);
        taws_wipe(p->auth, sizeof p->auth);
        if (st == TAWS_OK && reply.status == 200) {
            st = taws_cred_doc_finish(&doc, out);
            if (st == TAWS_OK) {
                p->msg[0] = '\0';
                return TAWS_OK;
            }
            set_msg(p, "Unable to parse JSON returned from ECS metadata services", "", "", "");
            continue;
        }
        taws_cred_wipe(out);
        if (st == TAWS_OK) {
            set_msg(p, "Received non 200 response (", taws_cred_udec(num, reply.status),
                    ") from ECS metadata: ", reply.body);
            st = TAWS_ERR_CRED_PROVIDER;
        } else {
            set_msg(p, "Received error when attempting to retrieve ECS metadata: ",
                    taws_strerror(st), "", "");
        }
    }
    return st;
}

taws_status_t taws_cred_container_init(taws_cred_container_t *p, taws_cred_provider_t *out,
                                       const char *full_uri, const char *relative_uri,
                                       const char *token, taws_cred_token_fn token_fn,
                                       void *token_ctx)
{
    taws_str_t base;
    const char *path;
    memset(p, 0, sizeof *p);
    memset(out, 0, sizeof *out);
    out->fetch = container_fetch;
    out->ctx = p;
    out->name = "container-role";
    out->message = container_message;
    p->token = token;
    p->token_fn = token_fn;
    p->token_ctx = token_ctx;
    if (full_uri != NULL) {
        const char *sep = strstr(full_uri, "://");
        path = sep ? sep + 3 + strcspn(sep + 3, "/?#") : full_uri + strlen(full_uri);
        base.p = full_uri;
        base.n = (size_t)(path - full_uri);
    } else if (relative_uri != NULL) {
        if (relative_uri[0] != '/')
            return TAWS_ERR_URL_PATH;
        path = relative_uri;
        base = TAWS_LIT("http://169.254.170.2");
    } else {
        return TAWS_ERR_ARG;
    }
    if (*path == '#')
        return TAWS_ERR_URL_FRAGMENT;
    TAWS_TRY(taws_endpoint_parse(&p->ep, base));
    if (!taws_cred_container_host_allowed(p->ep.host)) {
        static const char tail[] = "'.  Can only retrieve metadata from a loopback address or "
                                   "one of these hosts: ";
        const char *parts[5] = { "Unsupported host '", p->ep.host, tail, ALLOWED_HOSTS, "" };
        taws_cred_msg(p->msg, sizeof p->msg, parts, 5);
        return TAWS_ERR_CRED_HOST;
    }
    if (*path == '\0')
        path = "/";
    if (strchr(path, '#'))
        return TAWS_ERR_URL_FRAGMENT;
    p->path = path;
    p->path_len = strlen(path);
    {
        taws_str_t v = { path, p->path_len };
        if (taws_http_check_value(v) != TAWS_OK || strchr(path, ' '))
            return TAWS_ERR_URL_PATH;
    }
    return TAWS_OK;
}

const char *taws_cred_container_message(const taws_cred_container_t *p)
{
    return p->msg;
}
