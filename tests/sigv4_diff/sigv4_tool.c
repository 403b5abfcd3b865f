/* SPDX-License-Identifier: MIT */
/*
 * Signs requests read from stdin with tinyaws, for the botocore differential test.
 * One request per line, whitespace-separated hex fields:
 *   method path region service akid secret token amz_date payload_hash
 *   nquery (name value)*  nheaders (name value)*
 * (an empty field is "-"). Prints per request: hex(canonical request) string-to-sign-hex
 * signature.
 */
#include <stdio.h>
#include <string.h>
#include "sigv4.h"

#define LINE_MAX_BYTES (256 * 1024)
#define FIELD_MAX 80

static char line[LINE_MAX_BYTES];
static char store[LINE_MAX_BYTES]; /* decoded field bytes */
static char creq[LINE_MAX_BYTES];

static int unhex(int c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static int fields(char *s, taws_str_t *out, size_t max)
{
    size_t n = 0, used = 0;
    char *tok = strtok(s, " \n");
    while (tok && n < max) {
        size_t i, len = strlen(tok);
        out[n].p = store + used;
        out[n].n = 0;
        if (strcmp(tok, "-") != 0) {
            for (i = 0; i + 1 < len; i += 2) {
                int hi = unhex(tok[i]), lo = unhex(tok[i + 1]);
                if (hi < 0 || lo < 0)
                    return -1;
                store[used++] = (char)(hi * 16 + lo);
                out[n].n++;
            }
        }
        n++;
        tok = strtok(NULL, " \n");
    }
    return (int)n;
}

/* A decimal count sent as a hex-encoded field. */
static size_t field_num(taws_str_t f)
{
    size_t i, v = 0;
    for (i = 0; i < f.n && f.p[i] >= '0' && f.p[i] <= '9'; i++)
        v = v * 10u + (size_t)(f.p[i] - '0');
    return v;
}

static void put_hex(const char *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        printf("%02x", (unsigned char)p[i]);
}

int main(void)
{
    static taws_str_t f[FIELD_MAX];
    while (fgets(line, sizeof line, stdin)) {
        taws_kv_t q[TAWS_SIGV4_MAX_QUERY], h[TAWS_SIGV4_MAX_HEADERS];
        taws_credentials_t cred;
        taws_sigv4_request_t req;
        taws_sigv4_result_t res;
        taws_memsink_t tap;
        char auth[TAWS_AUTH_HEADER_MAX], date[TAWS_AMZ_DATE_LEN + 1];
        size_t nq, nh, i, k;
        taws_status_t st;
        int n = fields(line, f, FIELD_MAX);
        if (n < 11)
            return 2;
        nq = field_num(f[9]);
        memcpy(date, f[7].p, f[7].n < TAWS_AMZ_DATE_LEN ? f[7].n : TAWS_AMZ_DATE_LEN);
        date[TAWS_AMZ_DATE_LEN] = '\0';
        if (nq > TAWS_SIGV4_MAX_QUERY || (size_t)n < 11 + 2 * nq)
            return 2;
        for (i = 0, k = 10; i < nq; i++, k += 2) {
            q[i].name = f[k];
            q[i].value = f[k + 1];
        }
        nh = field_num(f[k++]);
        if (nh > TAWS_SIGV4_MAX_HEADERS || (size_t)n < k + 2 * nh)
            return 2;
        for (i = 0; i < nh; i++, k += 2) {
            h[i].name = f[k];
            h[i].value = f[k + 1];
        }
        cred.access_key_id = f[4];
        cred.secret_access_key = f[5];
        cred.session_token = f[6];
        req.method = f[0];
        req.path = f[1];
        req.query = q;
        req.n_query = nq;
        req.headers = h;
        req.n_headers = nh;
        req.payload_hash = f[8];
        req.normalize_path = 1;
        taws_memsink_init(&tap, creq, sizeof creq);
        st = taws_sigv4_sign(NULL, &cred, f[2], f[3], date, &req, &tap.sink, auth, sizeof auth,
                             &res);
        if (st != TAWS_OK) {
            printf("ERROR %s\n", taws_status_name(st));
            continue;
        }
        put_hex(creq, tap.len);
        putchar(' ');
        put_hex(res.string_to_sign, res.sts_len);
        printf(" %s\n", res.signature);
        fflush(stdout);
    }
    return 0;
}
