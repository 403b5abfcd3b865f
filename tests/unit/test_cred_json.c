/* SPDX-License-Identifier: MIT */
/* The IoT, container and IMDS credential-response parsers: the services' documents at every
 * split, escapes, unknown members, every refusal with its status and member, the size limits,
 * the timestamps, and the wipe of the caller's buffers on every error. Expected epoch values
 * were worked out with Python's datetime, not with this code. */
#include <string.h>
#include "check.h"
#include "../../src/cred_json.h"

static taws_cred_storage_t store;
static taws_cred_out_t out;

#define IOT_DOC                                                                                \
    "{\"credentials\":{\"accessKeyId\":\"ASIAEXAMPLEKEYID1234\",\"secretAccessKey\":"          \
    "\"wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\",\"sessionToken\":\"IQoJb3JpZ2luX2VjEXAMPLE+/=\","\
    "\"expiration\":\"2023-02-06T05:54:46Z\"}}"
#define ECS_DOC                                                                                \
    "{\"RoleArn\":\"arn:aws:iam::123456789012:role/r\",\"AccessKeyId\":\"ASIA5VDJCDUBKR472ENN\","\
    "\"SecretAccessKey\":\"FRiZ7qitCew06xJRVoZrbN2aT5QiKt5YMxdjzbft\",\"Token\":\"IQoJ+ab/c=\","\
    "\"Expiration\":\"2024-05-24T23:07:20-02:30\"}"
#define IMDS_DOC                                                                               \
    "{\n  \"Code\" : \"Success\",\n  \"LastUpdated\" : \"2026-12-01T11:29:38Z\",\n"           \
    "  \"Type\" : \"AWS-HMAC\",\n  \"AccessKeyId\" : \"ASIA3LZU7OARDWQU43NX\",\n"               \
    "  \"SecretAccessKey\" : \"pUIhMnOEBwOBaTyZuMtDKVS3wMlfmuuvCQQvC2hq\",\n"                 \
    "  \"Token\" : \"IQoJb3JpZ2luX2VjV1c9EQ==\",\n  \"Expiration\" : \"2026-12-01T17:29:38Z\"\n}"

/* Feeds doc cut at `cut` (0: whole; (size_t)-1: byte by byte). */
static taws_status_t parse_cut(taws_cred_format_t fmt, const char *doc, size_t n, size_t cut,
                               taws_cred_json_t *p)
{
    taws_status_t st = TAWS_OK;
    size_t i;
    taws_cred_out_bind(&out, &store);
    taws_cred_json_init(p, fmt, &out);
    if (cut == (size_t)-1) {
        for (i = 0; i < n && st == TAWS_OK; i++)
            st = taws_cred_json_feed(p, doc + i, 1);
    } else {
        st = taws_cred_json_feed(p, doc, cut);
        if (st == TAWS_OK)
            st = taws_cred_json_feed(p, doc + cut, n - cut);
    }
    if (st == TAWS_OK)
        st = taws_cred_json_finish(p);
    return st;
}

static int all_zero(const void *p, size_t n)
{
    const unsigned char *b = p;
    size_t i;
    for (i = 0; i < n; i++)
        if (b[i])
            return 0;
    return 1;
}

static int wiped(void)
{
    return all_zero(&store, sizeof store) && out.key_id.len == 0 && out.secret.len == 0 &&
           out.token.len == 0 && out.expiration == 0;
}

/* Every cut of doc gives st and what (NULL: none expected) and, on errors, wiped buffers. */
static int expect(taws_cred_format_t fmt, const char *doc, size_t n, taws_status_t st, const char *what)
{
    size_t cut;
    taws_cred_json_t p;
    for (cut = 0; cut <= n + 1; cut++) {
        size_t c = cut == n + 1 ? (size_t)-1 : cut;
        taws_status_t got = parse_cut(fmt, doc, n, c, &p);
        if (got != st)
            return check_fail(__FILE__, __LINE__, "%.60s (cut %lu): got %s, want %s", doc, (unsigned long)cut,
                              taws_status_name(got), taws_status_name(st));
        if ((what == NULL) != (p.what == NULL) || (what && strcmp(what, p.what) != 0))
            return check_fail(__FILE__, __LINE__, "%.60s: member %s, want %s", doc, p.what ? p.what : "-",
                              what ? what : "-");
        if (st != TAWS_OK && !wiped())
            return check_fail(__FILE__, __LINE__, "%.60s: buffers not wiped after %s", doc,
                              taws_status_name(st));
    }
    return 1;
}
#define EXPECT(fmt, lit, st, what)                                                             \
    do {                                                                                       \
        if (!expect(fmt, lit, sizeof lit - 1, st, what))                                       \
            return;                                                                            \
    } while (0)

static void test_the_three_documents(void)
{
    EXPECT(TAWS_CRED_FMT_IOT, IOT_DOC, TAWS_OK, NULL);
    CHECK_STR(out.key_id.p, "ASIAEXAMPLEKEYID1234");
    CHECK_STR(out.secret.p, "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    CHECK_STR(out.token.p, "IQoJb3JpZ2luX2VjEXAMPLE+/=");
    CHECK_INT(out.token.len, 26);
    CHECK_INT(out.expiration, 1675662886);
    EXPECT(TAWS_CRED_FMT_CONTAINER, ECS_DOC, TAWS_OK, NULL);
    CHECK_STR(out.key_id.p, "ASIA5VDJCDUBKR472ENN");
    CHECK_STR(out.secret.p, "FRiZ7qitCew06xJRVoZrbN2aT5QiKt5YMxdjzbft");
    CHECK_STR(out.token.p, "IQoJ+ab/c=");
    CHECK_INT(out.expiration, 1716601040);
    EXPECT(TAWS_CRED_FMT_IMDS, IMDS_DOC, TAWS_OK, NULL);
    CHECK_STR(out.key_id.p, "ASIA3LZU7OARDWQU43NX");
    CHECK_STR(out.token.p, "IQoJb3JpZ2luX2VjV1c9EQ==");
    CHECK_INT(out.expiration, 1796146178);
    /* each format reads only its own spelling: a container document is no IoT document */
    EXPECT(TAWS_CRED_FMT_IOT, ECS_DOC, TAWS_ERR_CRED_MISSING, "credentials");
    EXPECT(TAWS_CRED_FMT_CONTAINER, IOT_DOC, TAWS_ERR_CRED_MISSING, "AccessKeyId");
    /* Greengrass's token exchange service: no RoleArn, other order */
    EXPECT(TAWS_CRED_FMT_CONTAINER,
           "{\"Expiration\":\"2024-05-24T23:07:20Z\",\"Token\":\"t\",\"SecretAccessKey\":\"s\",\"AccessKeyId\":\"A\"}",
           TAWS_OK, NULL);
    CHECK_INT(out.expiration, 1716592040);
}

static void test_escapes_and_unknown_members(void)
{
    EXPECT(TAWS_CRED_FMT_CONTAINER,
           "{\"\\u0041ccessKeyId\":\"\\u0041SIA\",\"SecretAccessKey\":\"a\\/b\\\\c\\\"d\",\"Token\":\"T\","
           "\"Expiration\":\"2024-02-29T12:00:00.123456Z\",\"x\":\"\\ud83d\\ude00 \\u00e9 \xf0\x9f\x98\x80\"}",
           TAWS_OK, NULL);
    CHECK_STR(out.key_id.p, "ASIA");
    CHECK_STR(out.secret.p, "a/b\\c\"d");
    CHECK_INT(out.expiration, 1709208000);
    EXPECT(TAWS_CRED_FMT_CONTAINER,
           " \r\n\t{\"n\":-0.5e+10,\"z\":0,\"e\":1E3,\"f\":12.25E-1,\"b\":[true,false,null,[],{}],"
           "\"o\":{\"Token\":1,\"AccessKeyId\":[{\"deep\":\"x\"}]},\"AccessKeyId\":\"K\",\"SecretAccessKey\":\"S\","
           "\"Token\":\"T\",\"Expiration\":\"2024-02-29T12:00:00Z\",\"AccountId\":\"123\"}  \n",
           TAWS_OK, NULL);
    CHECK_STR(out.key_id.p, "K");
    /* IoT members outside the credentials object are not credentials */
    EXPECT(TAWS_CRED_FMT_IOT,
           "{\"accessKeyId\":\"X\",\"credentials\":{\"accessKeyId\":\"K\",\"secretAccessKey\":\"S\","
           "\"sessionToken\":\"T\",\"expiration\":\"2024-02-29T12:00:00Z\",\"more\":{\"sessionToken\":5}},"
           "\"sessionToken\":{}}",
           TAWS_OK, NULL);
    CHECK_STR(out.key_id.p, "K");
    /* IMDS: Code is optional (botocore does not look at it), but must be Success when there */
    EXPECT(TAWS_CRED_FMT_IMDS,
           "{\"AccessKeyId\":\"K\",\"SecretAccessKey\":\"S\",\"Token\":\"T\",\"Expiration\":\"2024-02-29T12:00:00Z\"}",
           TAWS_OK, NULL);
    EXPECT(TAWS_CRED_FMT_IMDS, "{\"Code\":\"AssumeRoleUnauthorizedAccess\",\"Message\":\"x\"}",
           TAWS_ERR_CRED_CODE, "Code");
    EXPECT(TAWS_CRED_FMT_IMDS, "{\"Code\":\"success\"}", TAWS_ERR_CRED_CODE, "Code");
    EXPECT(TAWS_CRED_FMT_IMDS, "{\"Code\":\"Success!\"}", TAWS_ERR_CRED_CODE, "Code");
    EXPECT(TAWS_CRED_FMT_IMDS, "{\"Code\":\"SuccessSuccessSuccessSuccessSuccessSuccessSuccess\"}",
           TAWS_ERR_CRED_CODE, "Code");
}

static void test_missing_duplicate_and_types(void)
{
    EXPECT(TAWS_CRED_FMT_CONTAINER, "{\"SecretAccessKey\":\"S\",\"Token\":\"T\",\"Expiration\":\"2024-02-29T12:00:00Z\"}",
           TAWS_ERR_CRED_MISSING, "AccessKeyId");
    EXPECT(TAWS_CRED_FMT_CONTAINER, "{\"AccessKeyId\":\"K\",\"Token\":\"T\",\"Expiration\":\"2024-02-29T12:00:00Z\"}",
           TAWS_ERR_CRED_MISSING, "SecretAccessKey");
    EXPECT(TAWS_CRED_FMT_CONTAINER, "{\"AccessKeyId\":\"K\",\"SecretAccessKey\":\"S\",\"Expiration\":\"2024-02-29T12:00:00Z\"}",
           TAWS_ERR_CRED_MISSING, "Token");
    EXPECT(TAWS_CRED_FMT_CONTAINER, "{\"AccessKeyId\":\"K\",\"SecretAccessKey\":\"S\",\"Token\":\"T\"}",
           TAWS_ERR_CRED_MISSING, "Expiration");
    EXPECT(TAWS_CRED_FMT_IOT, "{\"credentials\":{\"accessKeyId\":\"K\",\"secretAccessKey\":\"S\",\"sessionToken\":\"T\"}}",
           TAWS_ERR_CRED_MISSING, "expiration");
    EXPECT(TAWS_CRED_FMT_IOT, "{}", TAWS_ERR_CRED_MISSING, "credentials");
    EXPECT(TAWS_CRED_FMT_CONTAINER, "{\"AccessKeyId\":\"K\",\"AccessKeyId\":\"K\"}", TAWS_ERR_CRED_DUPLICATE,
           "AccessKeyId");
    EXPECT(TAWS_CRED_FMT_IOT, "{\"credentials\":{},\"credentials\":{}}", TAWS_ERR_CRED_DUPLICATE, "credentials");
    EXPECT(TAWS_CRED_FMT_CONTAINER, "{\"Token\":5}", TAWS_ERR_JSON_TYPE, "Token");
    EXPECT(TAWS_CRED_FMT_CONTAINER, "{\"Expiration\":null}", TAWS_ERR_JSON_TYPE, "Expiration");
    EXPECT(TAWS_CRED_FMT_CONTAINER, "{\"AccessKeyId\":[\"K\"]}", TAWS_ERR_JSON_TYPE, "AccessKeyId");
    EXPECT(TAWS_CRED_FMT_IOT, "{\"credentials\":\"K\"}", TAWS_ERR_JSON_TYPE, "credentials");
    EXPECT(TAWS_CRED_FMT_IOT, "{\"credentials\":[]}", TAWS_ERR_JSON_TYPE, "credentials");
    EXPECT(TAWS_CRED_FMT_IMDS, "[]", TAWS_ERR_JSON_TYPE, NULL);
    EXPECT(TAWS_CRED_FMT_IMDS, "\"Success\"", TAWS_ERR_JSON_TYPE, NULL);
    EXPECT(TAWS_CRED_FMT_IMDS, "null", TAWS_ERR_JSON_TYPE, NULL);
}

static void test_values_and_sizes(void)
{
    static char doc[TAWS_CRED_TOKEN_MAX + 200];
    static const char head[] = "{\"AccessKeyId\":\"K\",\"SecretAccessKey\":\"S\",\"Expiration\":\"2024-02-29T12:00:00Z\",\"Token\":\"";
    size_t n, i;
    taws_cred_json_t p;
    char k[5], s[5], t[5];
    static const char fits[] = "{\"AccessKeyId\":\"KKKK\",\"SecretAccessKey\":\"SSSS\",\"Token\":\"TTTT\","
                               "\"Expiration\":\"2024-02-29T12:00:00Z\"}";
    static const char too_long[] = "{\"AccessKeyId\":\"KKKK\",\"SecretAccessKey\":\"SSSSS\",\"Token\":\"TTTT\","
                                   "\"Expiration\":\"2024-02-29T12:00:00Z\"}";
    EXPECT(TAWS_CRED_FMT_CONTAINER, "{\"AccessKeyId\":\"\"}", TAWS_ERR_CRED_VALUE, "AccessKeyId");
    EXPECT(TAWS_CRED_FMT_CONTAINER, "{\"AccessKeyId\":\"ASIA-1\"}", TAWS_ERR_CRED_VALUE, "AccessKeyId");
    EXPECT(TAWS_CRED_FMT_CONTAINER, "{\"Token\":\"a b\"}", TAWS_ERR_CRED_VALUE, "Token");
    EXPECT(TAWS_CRED_FMT_CONTAINER, "{\"Token\":\"a\\r\\nX-Injected: 1\"}", TAWS_ERR_CRED_VALUE, "Token");
    EXPECT(TAWS_CRED_FMT_CONTAINER, "{\"Token\":\"a\\u0000b\"}", TAWS_ERR_CRED_VALUE, "Token");
    EXPECT(TAWS_CRED_FMT_CONTAINER, "{\"SecretAccessKey\":\"caf\xc3\xa9\"}", TAWS_ERR_CRED_VALUE, "SecretAccessKey");
    EXPECT(TAWS_CRED_FMT_CONTAINER, "{\"SecretAccessKey\":\"\\u00e9\"}", TAWS_ERR_CRED_VALUE, "SecretAccessKey");
    /* a session token of TAWS_CRED_TOKEN_MAX characters fits; one more does not */
    memcpy(doc, head, sizeof head - 1);
    n = sizeof head - 1;
    for (i = 0; i < TAWS_CRED_TOKEN_MAX; i++)
        doc[n++] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"[i % 64];
    memcpy(doc + n, "\"}", 2);
    CHECK_ST(parse_cut(TAWS_CRED_FMT_CONTAINER, doc, n + 2, 0, &p), TAWS_OK);
    CHECK_INT(out.token.len, TAWS_CRED_TOKEN_MAX);
    CHECK_INT(out.token.p[TAWS_CRED_TOKEN_MAX], 0);
    CHECK_ST(parse_cut(TAWS_CRED_FMT_CONTAINER, doc, n + 2, (size_t)-1, &p), TAWS_OK);
    CHECK_INT(out.token.len, TAWS_CRED_TOKEN_MAX);
    doc[n] = 'x';
    memcpy(doc + n + 1, "\"}", 2);
    CHECK_ST(parse_cut(TAWS_CRED_FMT_CONTAINER, doc, n + 3, 0, &p), TAWS_ERR_CRED_TOO_LONG);
    CHECK_STR(p.what, "Token");
    CHECK_INT(p.offset, n);
    CHECK_INT(wiped(), 1);
    /* the caller's own sizes: 4 characters and the NUL in 5 bytes */
    out.key_id.p = k;
    out.key_id.cap = sizeof k;
    out.secret.p = s;
    out.secret.cap = sizeof s;
    out.token.p = t;
    out.token.cap = sizeof t;
    CHECK_ST(taws_cred_json_parse(TAWS_CRED_FMT_CONTAINER, fits, sizeof fits - 1, &out), TAWS_OK);
    CHECK_STR(k, "KKKK");
    CHECK_STR(t, "TTTT");
    CHECK_ST(taws_cred_json_parse(TAWS_CRED_FMT_CONTAINER, too_long, sizeof too_long - 1, &out),
             TAWS_ERR_CRED_TOO_LONG);
    CHECK_INT(all_zero(k, sizeof k) && all_zero(s, sizeof s) && all_zero(t, sizeof t), 1);
    /* no buffer at all */
    out.secret.cap = 0;
    taws_cred_json_init(&p, TAWS_CRED_FMT_CONTAINER, &out);
    CHECK_ST(taws_cred_json_feed(&p, "{}", 2), TAWS_ERR_ARG);
    CHECK_ST(taws_cred_json_finish(&p), TAWS_ERR_ARG);
    taws_cred_json_init(&p, TAWS_CRED_FMT_CONTAINER, NULL);
    CHECK_ST(taws_cred_json_finish(&p), TAWS_ERR_ARG);
}

static void test_timestamps(void)
{
    static const struct {
        const char *s;
        int64_t epoch;
    } good[] = {
        { "2023-02-06T05:54:46Z", 1675662886 },      { "2024-02-29T12:00:00Z", 1709208000 },
        { "2024-02-29t12:00:00z", 1709208000 },      { "1999-12-31T23:59:59.999Z", 946684799 },
        { "2024-05-24T23:07:20-02:30", 1716601040 }, { "2024-05-24T23:07:20+0530", 1716572240 },
        { "2038-01-19T03:14:08Z", 2147483648LL },    { "9999-12-31T23:59:59Z", 253402300799LL },
        { "1970-01-01T00:00:00+01:00", -3600 },      { "0001-01-01T00:00:00Z", -62135596800LL },
        { "2026-12-01T17:29:38.000+00:00", 1796146178 },
    };
    static const char *const bad[] = {
        "", "2023-02-06", "2023-02-06T05:54:46", "2023-02-06 05:54:46Z", "2023-02-06T05:54Z",
        "2023-13-01T00:00:00Z", "2023-00-01T00:00:00Z", "2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z",
        "2023-04-31T00:00:00Z", "2023-01-00T00:00:00Z", "2023-01-01T24:00:00Z", "2023-01-01T00:60:00Z",
        "2023-01-01T00:00:60Z", "2023-01-01T00:00:00.Z", "2023-01-01T00:00:00+24:00",
        "2023-01-01T00:00:00+01:60", "2023-01-01T00:00:00+01", "2023-01-01T00:00:00+1:00",
        "2023-01-01T00:00:00ZZ", "2023-01-01T00:00:00 Z", "+2023-01-01T00:00:00Z", "2023-1-01T00:00:00Z",
        "20230101T000000Z", "1675662886", "2023-01-01T00:00:00GMT",
    };
    size_t i;
    int64_t e;
    for (i = 0; i < sizeof good / sizeof good[0]; i++) {
        e = 0;
        CHECK_MSG(taws_cred_parse_time(good[i].s, strlen(good[i].s), &e) == TAWS_OK, "%s refused", good[i].s);
        CHECK_MSG(e == good[i].epoch, "%s: %lld", good[i].s, (long long)e);
    }
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK_MSG(taws_cred_parse_time(bad[i], strlen(bad[i]), &e) == TAWS_ERR_CRED_TIMESTAMP, "%s accepted", bad[i]);
    EXPECT(TAWS_CRED_FMT_IMDS, "{\"AccessKeyId\":\"K\",\"Expiration\":\"2023-02-29T00:00:00Z\"}",
           TAWS_ERR_CRED_TIMESTAMP, "Expiration");
    EXPECT(TAWS_CRED_FMT_IOT, "{\"credentials\":{\"expiration\":\"2023-02-28T00:00:00.1234567890123456789012345Z\"}}",
           TAWS_ERR_CRED_TIMESTAMP, "expiration");
}

static void test_malformed_json(void)
{
    static const struct {
        const char *doc;
        taws_status_t st;
        size_t offset;
    } cases[] = {
        { "{\"AccessKeyId\":\"A\",}", TAWS_ERR_JSON_SYNTAX, 19 },
        { "{\"AccessKeyId\" \"A\"}", TAWS_ERR_JSON_SYNTAX, 15 },
        { "{\"a\":01}", TAWS_ERR_JSON_SYNTAX, 6 },
        { "{\"a\":1.}", TAWS_ERR_JSON_SYNTAX, 7 },
        { "{\"a\":-}", TAWS_ERR_JSON_SYNTAX, 6 },
        { "{\"a\":1e}", TAWS_ERR_JSON_SYNTAX, 7 },
        { "{\"a\":+1}", TAWS_ERR_JSON_SYNTAX, 5 },
        { "{\"a\":tru}", TAWS_ERR_JSON_SYNTAX, 8 },
        { "{\"a\":nulll}", TAWS_ERR_JSON_SYNTAX, 9 },
        { "{\"a\":\"\\x\"}", TAWS_ERR_JSON_SYNTAX, 7 },
        { "{\"a\":\"\\u12G4\"}", TAWS_ERR_JSON_SYNTAX, 10 },
        { "{\"a\":\"tab\there\"}", TAWS_ERR_JSON_SYNTAX, 9 },
        { "{\"a\":\"\xc3\x28\"}", TAWS_ERR_JSON_UNICODE, 7 },
        { "{\"a\":\"\xed\xa0\x80\"}", TAWS_ERR_JSON_UNICODE, 7 },
        { "{\"a\":\"\xc0\xaf\"}", TAWS_ERR_JSON_UNICODE, 6 },
        { "{\"a\":\"\xf4\x90\x80\x80\"}", TAWS_ERR_JSON_UNICODE, 7 },
        { "{\"a\":\"\xe2\x82\"}", TAWS_ERR_JSON_UNICODE, 8 },
        { "{\"a\":\"\\ud800\"}", TAWS_ERR_JSON_UNICODE, 12 },
        { "{\"a\":\"\\udc00\"}", TAWS_ERR_JSON_UNICODE, 11 },
        { "{\"a\":\"\\ud800\\u0041\"}", TAWS_ERR_JSON_UNICODE, 17 },
        { "{\"a\":\"\\ud800\\n\"}", TAWS_ERR_JSON_UNICODE, 13 },
        { "{} x", TAWS_ERR_JSON_SYNTAX, 3 },
        { "{}{}", TAWS_ERR_JSON_SYNTAX, 2 },
        { "{\"a\":[1,2}", TAWS_ERR_JSON_SYNTAX, 9 },
        { "{\"a\":{]}", TAWS_ERR_JSON_SYNTAX, 6 },
        { "{\"a\" : 1 , }", TAWS_ERR_JSON_SYNTAX, 11 },
        { "{\"a\":[1,]}", TAWS_ERR_JSON_SYNTAX, 8 },
        { "{'a':1}", TAWS_ERR_JSON_SYNTAX, 1 },
        { "\xef\xbb\xbf{}", TAWS_ERR_JSON_SYNTAX, 0 },
        { "", TAWS_ERR_JSON_TRUNCATED, 0 },
        { "  \n", TAWS_ERR_JSON_TRUNCATED, 3 },
        { "{\"AccessKeyId\":\"AKID\"", TAWS_ERR_JSON_TRUNCATED, 21 },
        { "{\"a\":\"\\u00", TAWS_ERR_JSON_TRUNCATED, 10 },
        { "{\"a\":12", TAWS_ERR_JSON_TRUNCATED, 7 },
    };
    size_t i;
    taws_cred_json_t p;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        size_t n = strlen(cases[i].doc);
        if (!expect(TAWS_CRED_FMT_CONTAINER, cases[i].doc, n, cases[i].st, NULL))
            return;
        parse_cut(TAWS_CRED_FMT_CONTAINER, cases[i].doc, n, 0, &p);
        CHECK_MSG(p.offset == cases[i].offset, "%s: offset %lu, want %lu", cases[i].doc, (unsigned long)p.offset,
                  (unsigned long)cases[i].offset);
    }
    /* TAWS_CRED_JSON_MAX_DEPTH levels are read, one more is refused */
    {
        static char deep[2 * TAWS_CRED_JSON_MAX_DEPTH + 16];
        size_t n = 0, d;
        memcpy(deep, "{\"a\":", 5);
        n = 5;
        for (d = 1; d < TAWS_CRED_JSON_MAX_DEPTH; d++)
            deep[n++] = '[';
        for (d = 1; d < TAWS_CRED_JSON_MAX_DEPTH; d++)
            deep[n++] = ']';
        deep[n++] = '}';
        CHECK_ST(parse_cut(TAWS_CRED_FMT_CONTAINER, deep, n, 0, &p), TAWS_ERR_CRED_MISSING);
        n = 5;
        for (d = 0; d < TAWS_CRED_JSON_MAX_DEPTH; d++)
            deep[n++] = '[';
        CHECK_ST(parse_cut(TAWS_CRED_FMT_CONTAINER, deep, n, 0, &p), TAWS_ERR_JSON_DEPTH);
        CHECK_INT(p.offset, n - 1);
    }
}

static void test_secrets_wiped_on_late_errors(void)
{
    /* the key id and secret are already in the buffers when the error comes: all go */
    EXPECT(TAWS_CRED_FMT_CONTAINER,
           "{\"AccessKeyId\":\"ASIA5VDJCDUBKR472ENN\",\"SecretAccessKey\":\"FRiZ7qitCew06xJRVoZrbN2aT5QiKt5YMxdjzbft\","
           "\"Token\":\"IQoJ+ab/c=\",\"Expiration\":\"2024-05-24T23:07:20Z\",\"x\":tru}",
           TAWS_ERR_JSON_SYNTAX, NULL);
    EXPECT(TAWS_CRED_FMT_CONTAINER,
           "{\"AccessKeyId\":\"ASIA5VDJCDUBKR472ENN\",\"SecretAccessKey\":\"FRiZ7qitCew06xJRVoZrbN2aT5QiKt5YMxdjzbft\","
           "\"Token\":\"IQoJ+ab/c=\",\"Expiration\":\"2024-05-24T23:07:20Z\"",
           TAWS_ERR_JSON_TRUNCATED, NULL);
    EXPECT(TAWS_CRED_FMT_IOT, IOT_DOC " ,", TAWS_ERR_JSON_SYNTAX, NULL);
    {
        /* an earlier parse's secret does not survive into a later one */
        taws_cred_json_t p;
        CHECK_ST(parse_cut(TAWS_CRED_FMT_IOT, IOT_DOC, sizeof IOT_DOC - 1, 0, &p), TAWS_OK);
        taws_cred_json_init(&p, TAWS_CRED_FMT_IOT, &out);
        CHECK_INT(wiped(), 1);
        CHECK_ST(parse_cut(TAWS_CRED_FMT_IOT, IOT_DOC, sizeof IOT_DOC - 1, 0, &p), TAWS_OK);
        CHECK_ST(taws_cred_json_feed(&p, " ", 1), TAWS_ERR_STATE);
        CHECK_ST(taws_cred_json_finish(&p), TAWS_ERR_STATE);
        CHECK_STR(out.key_id.p, "ASIAEXAMPLEKEYID1234"); /* the finished result stays */
    }
}

CHECK_SUITE(cred_json_suite, CHECK_CASE(test_the_three_documents), CHECK_CASE(test_escapes_and_unknown_members),
            CHECK_CASE(test_missing_duplicate_and_types), CHECK_CASE(test_values_and_sizes),
            CHECK_CASE(test_timestamps), CHECK_CASE(test_malformed_json),
            CHECK_CASE(test_secrets_wiped_on_late_errors));
