/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer harness: the credentials providers' own parsing (src/cred_container.c,
 * src/cred_imds.c, src/cred_http.c), over an in-memory port that answers every request with
 * the fuzzer's bytes as the raw HTTP response, in pieces chosen by a seed.
 *
 * Input: [0] target (% 4: 0 container host allow-list, 1 container fetch, 2 IMDS fetch,
 * 3 error-body message), [1] split seed, payload.
 *
 * Allow-list: compared with a reference built on inet_pton() (127.0.0.0/8, ::1 in any
 * spelling; forms mixing ':' and '.' are left out: the reference and Python's ipaddress read
 * "::0.0.0.1" differently from what a URL host can be) and the four literal names.
 * Fetches: a status from the list; on success the credentials are valid (non-empty key id and
 * secret, within their buffers, NUL-terminated, no CR/LF); on failure every byte of the
 * storage is zero; the message is NUL-terminated within TAWS_CRED_MSG_MAX; the port is closed
 * afterwards and the client's endpoint and TLS pointers are restored.
 * Message: NUL-terminated inside the buffer, no control character when it is not JSON's.
 */
#include <arpa/inet.h>
#include <string.h>
#include <strings.h>
#include "fuzz_util.h"
#include "client_internal.h"
#include "cred_http.h"

static const uint8_t *resp;
static size_t resp_len, resp_off;
static uint32_t seed, clock_ms;
static int open_, connects;

static taws_status_t m_connect(void *c, const char *h, uint16_t p, uint32_t t)
{
    (void)c, (void)h, (void)p, (void)t;
    FUZZ_CHECK(!open_);
    open_ = 1;
    connects++;
    resp_off = 0;
    return connects > 12 ? TAWS_ERR_CONNECT : TAWS_OK;
}
static taws_status_t m_send(void *c, const uint8_t *b, size_t n, size_t *sent, uint32_t t)
{
    (void)c, (void)b, (void)t;
    FUZZ_CHECK(open_);
    *sent = n;
    return TAWS_OK;
}
static taws_status_t m_recv(void *c, uint8_t *b, size_t n, size_t *got, uint32_t t)
{
    size_t k;
    (void)c, (void)t;
    FUZZ_CHECK(open_);
    if (resp_off == resp_len)
        return TAWS_ERR_CLOSED;
    seed ^= seed << 13, seed ^= seed >> 17, seed ^= seed << 5;
    k = 1 + seed % 97;
    if (k > n)
        k = n;
    if (k > resp_len - resp_off)
        k = resp_len - resp_off;
    memcpy(b, resp + resp_off, k);
    resp_off += k;
    *got = k;
    return TAWS_OK;
}
static void m_close(void *c) { (void)c; open_ = 0; }
static uint32_t m_now(void *c) { (void)c; return clock_ms; }
static int64_t m_wall(void *c) { (void)c; return 1704164645; }
static taws_status_t m_random(void *c, uint8_t *b, size_t n) { (void)c; memset(b, 7, n); return TAWS_OK; }
static void m_sleep(void *c, uint32_t ms) { (void)c; clock_ms += ms; }

static taws_port_t port = { NULL, m_connect, m_send, m_recv, m_close, m_now, m_wall, m_random, m_sleep };
static taws_client_t client;
static taws_cred_t store;
static taws_cred_container_t container;
static taws_cred_imds_t imds;

static int ref_allowed(const char *h)
{
    unsigned char a[16];
    static const unsigned char one[16] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 };
    if (strcmp(h, "169.254.170.2") == 0 || strcmp(h, "169.254.170.23") == 0 ||
        strcasecmp(h, "localhost") == 0 || strcasecmp(h, "fd00:ec2::23") == 0)
        return 1; /* botocore compares these as strings (urlparse lower-cases the host) */
    if (inet_pton(AF_INET, h, a) == 1)
        return a[0] == 127;
    if (inet_pton(AF_INET6, h, a) == 1)
        return memcmp(a, one, 16) == 0;
    return 0;
}

static int all_zero(const void *p, size_t n)
{
    const unsigned char *b = p;
    while (n--)
        if (*b++)
            return 0;
    return 1;
}

static void check_fetch(const taws_cred_provider_t *prov)
{
    taws_status_t st;
    const taws_endpoint_t *ep = client.conn.ep;
    const char *m;
    st = taws_client_refresh_credentials(&client);
    FUZZ_CHECK_STATUS(st);
    FUZZ_CHECK(!open_);
    FUZZ_CHECK(client.conn.ep == ep && client.conn.tls == NULL);
    m = taws_cred_provider_message(prov);
    FUZZ_CHECK(memchr(m, 0, TAWS_CRED_MSG_MAX) != NULL);
    if (st == TAWS_OK) {
        FUZZ_CHECK(taws_cred_valid(&store));
        FUZZ_CHECK(store.key_id_len <= TAWS_CRED_KEY_ID_MAX && store.secret_len <= TAWS_CRED_SECRET_MAX &&
                   store.token_len <= TAWS_CRED_TOKEN_MAX);
        FUZZ_CHECK(store.key_id[store.key_id_len] == 0 && store.secret[store.secret_len] == 0 &&
                   store.token[store.token_len] == 0);
        FUZZ_CHECK(strlen(store.key_id) == store.key_id_len && strlen(store.secret) == store.secret_len);
        FUZZ_CHECK(!memchr(store.secret, '\r', store.secret_len) && !memchr(store.secret, '\n', store.secret_len));
        FUZZ_CHECK(!memchr(store.token, '\r', store.token_len) && !memchr(store.token, '\n', store.token_len));
        FUZZ_CHECK(client.cred.secret_access_key.p == store.secret);
    } else {
        FUZZ_CHECK(all_zero(&store, sizeof store));
        FUZZ_CHECK(client.cred.access_key_id.p == NULL);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    taws_cred_provider_t prov;
    if (size < 2 || size > 16384)
        return 0;
    resp = data + 2;
    resp_len = size - 2;
    seed = data[1] * 2654435761u + 1;
    open_ = connects = 0;
    switch (data[0] % 4) {
    case 0: {
        char h[128];
        size_t n = resp_len < sizeof h - 1 ? resp_len : sizeof h - 1;
        memcpy(h, resp, n);
        h[n] = 0;
        if (strlen(h) != n || (strchr(h, ':') && strchr(h, '.')))
            return 0;
        if (taws_cred_container_host_allowed(h) != ref_allowed(h)) {
            fuzz_dump("host", h, n);
            FUZZ_CHECK(0);
        }
        return 0;
    }
    case 1:
        FUZZ_CHECK(taws_cred_container_init(&container, &prov, "http://127.0.0.1:8/creds", NULL, "tok", NULL, NULL) ==
                   TAWS_OK);
        break;
    case 2:
        FUZZ_CHECK(taws_cred_imds_init(&imds, &prov, "http://127.0.0.1:9", 0) == TAWS_OK);
        break;
    default: {
        static char body[TAWS_CRED_MSG_MAX];
        size_t n = resp_len < sizeof body - 1 ? resp_len : sizeof body - 1;
        const char *m;
        memcpy(body, resp, n);
        body[n] = 0;
        m = taws_cred_service_message(body, n);
        FUZZ_CHECK(m >= body && m < body + sizeof body && memchr(m, 0, (size_t)(body + sizeof body - m)));
        return 0;
    }
    }
    FUZZ_CHECK(taws_client_init(&client, &port, NULL, NULL, "us-east-1") == TAWS_OK);
    FUZZ_CHECK(taws_client_set_endpoint(&client, "http://localhost:1") == TAWS_OK);
    FUZZ_CHECK(taws_client_set_provider(&client, &prov, &store) == TAWS_OK);
    check_fetch(&prov);
    taws_client_close(&client);
    FUZZ_CHECK(all_zero(&store, sizeof store));
    return 0;
}
