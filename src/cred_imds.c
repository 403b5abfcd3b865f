/* SPDX-License-Identifier: MIT */
/* EC2 instance metadata credentials, IMDSv2 only: a session token (PUT), the instance
 * profile's role name, then its credentials; 1 s timeouts, each request tried twice (the
 * issue's "one retry"; botocore's default is AWS_METADATA_SERVICE_NUM_ATTEMPTS=1). */
#include <string.h>
#include "common.h"
#include "crypto.h"
#include "cred_http.h"
#include "endpoint.h"

#define IMDS_TIMEOUT_MS 1000u
#define IMDS_ATTEMPTS 2
#define ROLE_PATH "/latest/meta-data/iam/security-credentials/"

typedef struct {
    char *p;
    size_t cap, len;
    uint8_t overflow;
} small_body_t;

static taws_status_t small_body(void *ctx, taws_str_t piece)
{
    small_body_t *b = ctx;
    if (piece.n > b->cap - 1 - b->len) {
        b->overflow = 1;
        return TAWS_ERR_TOO_LONG;
    }
    memcpy(b->p + b->len, piece.p, piece.n);
    b->len += piece.n;
    b->p[b->len] = '\0';
    return TAWS_OK;
}

static const char *imds_message(const void *ctx)
{
    return ((const taws_cred_imds_t *)ctx)->msg;
}

static void msg3(taws_cred_imds_t *p, const char *a, const char *b, const char *c)
{
    const char *parts[3] = { a, b, c };
    taws_cred_msg(p->msg, sizeof p->msg, parts, 3);
}

static void reset_small(small_body_t *b)
{
    b->len = 0;
    b->overflow = 0;
    b->p[0] = '\0';
}

/* One IMDS request, tried IMDS_ATTEMPTS times on transport errors and 5xx. */
static taws_status_t imds_do(taws_client_t *c, taws_cred_http_t *rq, small_body_t *b,
                             taws_cred_http_reply_t *reply)
{
    taws_status_t st = TAWS_OK;
    int attempt;
    rq->on_body = small_body;
    rq->body_ctx = b;
    for (attempt = 0; attempt < IMDS_ATTEMPTS; attempt++) {
        reset_small(b);
        st = taws_cred_http_do(c, rq, reply);
        if (st == TAWS_OK && reply->status < 500)
            return TAWS_OK;
    }
    return st;
}


static taws_status_t imds_fetch(void *ctx, taws_client_t *c, taws_cred_t *out)
{
    taws_cred_imds_t *p = ctx;
    char token[TAWS_CRED_IMDS_TOKEN_MAX], role[TAWS_CRED_ROLE_MAX];
    char path[sizeof ROLE_PATH + TAWS_CRED_ROLE_MAX], num[12];
    small_body_t tb = { token, sizeof token, 0, 0 }, rb = { role, sizeof role, 0, 0 };
    taws_cred_http_reply_t reply;
    taws_cred_http_t rq;
    taws_kv_t h[1];
    taws_cred_doc_t doc;
    taws_status_t st;
    size_t n;

    p->msg[0] = '\0';
    taws_cred_wipe(out);
    if (p->disabled) {
        msg3(p, "instance metadata is disabled (AWS_EC2_METADATA_DISABLED)", "", "");
        return TAWS_ERR_CRED_DISABLED;
    }
    token[0] = role[0] = '\0';
    memset(&rq, 0, sizeof rq);
    rq.ep = &p->ep;
    rq.tls = c->tls;
    rq.timeout_ms = IMDS_TIMEOUT_MS;
    rq.headers = h;
    rq.n_headers = 1;

    /* the session token */
    rq.method = "PUT";
    rq.path = TAWS_LIT("/latest/api/token");
    h[0].name = TAWS_LIT("X-aws-ec2-metadata-token-ttl-seconds");
    h[0].value = TAWS_LIT("21600");
    rq.secret_headers = 0;
    st = imds_do(c, &rq, &tb, &reply);
    if (st != TAWS_OK) {
        msg3(p, "Error fetching the instance metadata token: ", taws_strerror(st), "");
        goto cleanup;
    }
    if (reply.status != 200) {
        msg3(p, "Error fetching the instance metadata token: HTTP ", taws_cred_udec(num, reply.status), "");
        st = TAWS_ERR_CRED_PROVIDER;
        goto cleanup;
    }
    n = tb.len;
    while (n > 0 && (token[n - 1] == '\n' || token[n - 1] == '\r' || token[n - 1] == ' '))
        token[--n] = '\0';
    if (n == 0) {
        msg3(p, "Error fetching the instance metadata token: empty token", "", "");
        st = TAWS_ERR_CRED_PROVIDER;
        goto cleanup;
    }

    /* the role name */
    rq.method = "GET";
    rq.path = TAWS_LIT(ROLE_PATH);
    h[0].name = TAWS_LIT("X-aws-ec2-metadata-token");
    h[0].value.p = token;
    h[0].value.n = n;
    rq.secret_headers = 1;
    st = imds_do(c, &rq, &rb, &reply);
    if (st != TAWS_OK) {
        msg3(p, "Error retrieving the instance profile's role name: ", taws_strerror(st), "");
        goto cleanup;
    }
    if (reply.status != 200) {
        msg3(p, reply.status == 404 ? "No instance profile is attached to the instance (HTTP 404)"
                                    : "Error retrieving the instance profile's role name: HTTP ",
             reply.status == 404 ? "" : taws_cred_udec(num, reply.status), "");
        st = TAWS_ERR_CRED_PROVIDER;
        goto cleanup;
    }
    n = strcspn(role, "\r\n");
    role[n] = '\0';
    if (n == 0 || strchr(role, '/') || strchr(role, ' ') || strchr(role, '?')) {
        msg3(p, "The instance metadata gave no usable role name", "", "");
        st = TAWS_ERR_CRED_PROVIDER;
        goto cleanup;
    }
    memcpy(path, ROLE_PATH, sizeof ROLE_PATH - 1);
    memcpy(path + sizeof ROLE_PATH - 1, role, n + 1);

    /* the credentials */
    rq.path.p = path;
    rq.path.n = sizeof ROLE_PATH - 1 + n;
    {
        int attempt;
        for (attempt = 0; attempt < IMDS_ATTEMPTS; attempt++) {
            taws_cred_doc_init(&doc, TAWS_CRED_FMT_IMDS, out);
            rq.on_body = taws_cred_doc_body;
            rq.body_ctx = &doc;
            st = taws_cred_http_do(c, &rq, &reply);
            if (st == TAWS_OK && reply.status < 500)
                break;
        }
    }
    if (st != TAWS_OK) {
        msg3(p, "Error retrieving the instance profile's credentials: ", taws_strerror(st), "");
        goto cleanup;
    }
    if (reply.status != 200) {
        msg3(p, "Error retrieving the instance profile's credentials: HTTP ",
             taws_cred_udec(num, reply.status), "");
        st = TAWS_ERR_CRED_PROVIDER;
        goto cleanup;
    }
    st = taws_cred_doc_finish(&doc, out);
    if (st != TAWS_OK)
        msg3(p, "The instance metadata credentials could not be read: ", taws_strerror(st), "");
cleanup:
    taws_wipe(token, sizeof token);
    if (st != TAWS_OK)
        taws_cred_wipe(out);
    return st;
}

taws_status_t taws_cred_imds_init(taws_cred_imds_t *p, taws_cred_provider_t *out,
                                  const char *endpoint, int disabled)
{
    taws_str_t url = TAWS_LIT("http://169.254.169.254");
    memset(p, 0, sizeof *p);
    memset(out, 0, sizeof *out);
    out->fetch = imds_fetch;
    out->ctx = p;
    out->name = "iam-role";
    out->message = imds_message;
    p->disabled = (uint8_t)(disabled != 0);
    if (endpoint != NULL) {
        url.p = endpoint;
        url.n = strlen(endpoint);
    }
    return taws_endpoint_parse(&p->ep, url);
}

const char *taws_cred_imds_message(const taws_cred_imds_t *p)
{
    return p->msg;
}
