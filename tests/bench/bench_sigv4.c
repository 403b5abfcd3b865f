/* SPDX-License-Identifier: MIT */
/*
 * SigV4 signing cost: signs the request tinyaws sends for a page of list-async-invokes
 * (GET /async-invoke?maxResults=1000&nextToken=<a 160-character page token>, headers host and
 * x-amz-date, empty payload) n times with taws_sigv4_sign.
 *
 *   bench_sigv4 <n> cached|derive
 *
 * cached: the derived signing key is cached, as the client does (one derivation per day,
 * region and service); derive: no cache, four more HMACs per request. A known signature (the
 * cross-check vector in ../shared/NOTES.md, equal to botocore's) is verified first, so what is
 * timed is a correct signer. callgrind counts bench_measured_sign only.
 */
#include "sigv4.h" /* white-box: signing on its own */
#include "bench_common.h"

#define BENCH_TOKEN "479a++a1uRlt3p333jVd7BXbGip0hygnswCQhHE+TUnjv1r75rW5GW3enffeNV3sFdsaKnSHKCezAJCE" \
                    "cT5NSeO/WvvmtbkZbd6d9941XewV2xoqdIcoJ7MAkIRxPk1J479a++a1uRlt3p333jVd7BXbGip0hw=="
/* 160 characters, the endpoint's default token length (standard base64: + / =) */
typedef char bench_token_is_160[sizeof BENCH_TOKEN - 1 == 160 ? 1 : -1];

static const taws_credentials_t cred = {
    { "AKIDEXAMPLE", 11 }, { "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", 40 }, { NULL, 0 }
};

static int check_known_vector(void)
{
    static const char want[] = "2696dbf3ec07d0b50c650f62ac6713f23c1fd4696fb89aba79d4db2f244a4586";
    taws_kv_t q[1] = { { TAWS_LIT("maxResults"), TAWS_LIT("5") } };
    taws_kv_t h[2] = { { TAWS_LIT("host"), TAWS_LIT("127.0.0.1:8443") },
                       { TAWS_LIT("x-amz-date"), TAWS_LIT("20240102T030405Z") } };
    taws_sigv4_request_t req;
    taws_sigv4_result_t res;
    char auth[TAWS_AUTH_HEADER_MAX];
    memset(&req, 0, sizeof req);
    req.method = TAWS_LIT("GET");
    req.path = TAWS_LIT("/model-import-jobs");
    req.query = q;
    req.n_query = 1;
    req.headers = h;
    req.n_headers = 2;
    req.payload_hash.p = taws_empty_sha256_hex;
    req.payload_hash.n = 64;
    req.normalize_path = 1;
    if (taws_sigv4_sign(NULL, &cred, TAWS_LIT("us-east-1"), TAWS_LIT("bedrock"), "20240102T030405Z",
                        &req, NULL, auth, sizeof auth, &res) != TAWS_OK ||
        strcmp(res.signature, want) != 0) {
        fprintf(stderr, "bench_sigv4: the known vector does not verify\n");
        return -1;
    }
    return 0;
}

BENCH_MEASURED static taws_status_t bench_measured_sign(taws_sigv4_key_t *cache, long n,
                                                        const taws_sigv4_request_t *req,
                                                        const char *amz, char *auth, size_t cap)
{
    long i;
    for (i = 0; i < n; i++)
        TAWS_TRY(taws_sigv4_sign(cache, &cred, TAWS_LIT("us-east-1"), TAWS_LIT("bedrock"), amz, req,
                                 NULL, auth, cap, NULL));
    return TAWS_OK;
}

int main(int argc, char **argv)
{
    static taws_sigv4_key_t key;
    char amz[TAWS_AMZ_DATE_LEN + 1], auth[TAWS_AUTH_HEADER_MAX];
    taws_kv_t q[2] = { { TAWS_LIT("maxResults"), TAWS_LIT("1000") },
                       { TAWS_LIT("nextToken"), TAWS_LIT(BENCH_TOKEN) } };
    taws_kv_t h[2];
    taws_sigv4_request_t req;
    taws_sigv4_key_t *cache;
    long n;
    taws_status_t st;
    if (argc < 3 || (strcmp(argv[2], "cached") != 0 && strcmp(argv[2], "derive") != 0)) {
        fprintf(stderr, "usage: bench_sigv4 <n> cached|derive\n");
        return 2;
    }
    if (check_known_vector() != 0)
        return 1;
    n = bench_arg(argv[1], 1);
    cache = strcmp(argv[2], "cached") == 0 ? &key : NULL;
    taws_time_amz_date(1704164645, amz); /* 2024-01-02T03:04:05Z */
    h[0].name = TAWS_LIT("host");
    h[0].value = TAWS_LIT("localhost:44321");
    h[1].name = TAWS_LIT("x-amz-date");
    h[1].value.p = amz;
    h[1].value.n = TAWS_AMZ_DATE_LEN;
    memset(&req, 0, sizeof req);
    req.method = TAWS_LIT("GET");
    req.path = TAWS_LIT("/async-invoke");
    taws_query_sort(q, 2);
    req.query = q;
    req.n_query = 2;
    req.headers = h;
    req.n_headers = 2;
    req.payload_hash.p = taws_empty_sha256_hex;
    req.payload_hash.n = 64;
    req.normalize_path = 1;
    if (cache) /* the client's steady state: the key was derived by an earlier request */
        (void)taws_sigv4_sign(cache, &cred, TAWS_LIT("us-east-1"), TAWS_LIT("bedrock"), amz, &req,
                              NULL, auth, sizeof auth, NULL);
    st = bench_measured_sign(cache, n, &req, amz, auth, sizeof auth);
    taws_sigv4_key_wipe(&key);
    printf("{\"status\": \"%s\", \"signed\": %ld, \"mode\": \"%s\", \"auth_len\": %lu}\n",
           taws_status_name(st), n, argv[2], (unsigned long)strlen(auth));
    return st == TAWS_OK ? 0 : 1;
}
