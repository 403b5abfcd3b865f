/* SPDX-License-Identifier: MIT */
/* Endpoint URLs and URI encoding. */
#include <string.h>
#include "endpoint.h"
#include "check.h"
#include "tinyaws/client.h"
#include "endpoint_rules.h"
#include "tinyaws/ops.h"
#include "uri.h"

static taws_str_t S(const char *z)
{
    taws_str_t s = { z, strlen(z) };
    return s;
}

static void test_endpoint_urls(void)
{
    taws_endpoint_t ep;
    CHECK_ST(taws_endpoint_parse(&ep, S("https://bedrock.us-east-1.amazonaws.com")), TAWS_OK);
    CHECK(ep.tls);
    CHECK_INT(ep.port, 443);
    CHECK_STR(ep.host, "bedrock.us-east-1.amazonaws.com");
    CHECK_STR(ep.host_header, "bedrock.us-east-1.amazonaws.com");
    CHECK_ST(taws_endpoint_parse(&ep, S("https://localhost:8443/")), TAWS_OK);
    CHECK_INT(ep.port, 8443);
    CHECK_STR(ep.host_header, "localhost:8443");
    CHECK_ST(taws_endpoint_parse(&ep, S("https://localhost:443")), TAWS_OK);
    CHECK_STR(ep.host_header, "localhost"); /* default port is not signed, as botocore */
    CHECK_ST(taws_endpoint_parse(&ep, S("http://127.0.0.1:8080")), TAWS_OK);
    CHECK(!ep.tls);
    CHECK_STR(ep.host_header, "127.0.0.1:8080");
    CHECK_ST(taws_endpoint_parse(&ep, S("http://[::1]:8080")), TAWS_OK);
    CHECK_STR(ep.host, "::1");
    CHECK_STR(ep.host_header, "[::1]:8080");
}

/* Each way a URL can be unusable has its own status (issue 9: every bad URL used to say
 * "scheme is missing"). */
static void test_endpoint_url_reasons(void)
{
    static const struct {
        const char *url;
        taws_status_t st;
    } cases[] = {
        { "", TAWS_ERR_URL_NO_SCHEME },
        { "localhost:8080", TAWS_ERR_URL_NO_SCHEME },
        { "bedrock.us-east-1.amazonaws.com", TAWS_ERR_URL_NO_SCHEME },
        { "https:/h", TAWS_ERR_URL_NO_SCHEME },
        { "://h", TAWS_ERR_URL_NO_SCHEME },
        { "1http://h", TAWS_ERR_URL_NO_SCHEME },
        { "ftp://x", TAWS_ERR_URL_SCHEME },
        { "httpss://x", TAWS_ERR_URL_SCHEME },
        { "file:///etc/passwd", TAWS_ERR_URL_SCHEME },
        { "https://user@h", TAWS_ERR_URL_USERINFO },
        { "https://user:pw@h:443/", TAWS_ERR_URL_USERINFO },
        { "https://", TAWS_ERR_URL_HOST_EMPTY },
        { "https:///", TAWS_ERR_URL_HOST_EMPTY },
        { "https://:443", TAWS_ERR_URL_HOST_EMPTY },
        { "https://h o", TAWS_ERR_URL_HOST },
        { "https://h\r\nX: y", TAWS_ERR_URL_HOST },
        { "https://h%2e", TAWS_ERR_URL_HOST },
        { "https://[::1", TAWS_ERR_URL_IPV6 },
        { "https://[]", TAWS_ERR_URL_IPV6 },
        { "https://[::1]x", TAWS_ERR_URL_IPV6 },
        { "https://[12345::1]", TAWS_ERR_URL_IPV6 },
        { "https://[1:2:3:4:5:6:7:8:9]", TAWS_ERR_URL_IPV6 },
        { "https://[1:2:3:4:5:6:7]", TAWS_ERR_URL_IPV6 },
        { "https://[1::2::3]", TAWS_ERR_URL_IPV6 },
        { "https://[:1::2]", TAWS_ERR_URL_IPV6 },
        { "https://[1::2:]", TAWS_ERR_URL_IPV6 },
        { "https://[::ffff:1.2.3.256]", TAWS_ERR_URL_IPV6 },
        { "https://[fe80::1%25eth0]", TAWS_ERR_URL_IPV6 },
        { "https://[g::1]", TAWS_ERR_URL_IPV6 },
        { "https://h:0", TAWS_ERR_URL_PORT },
        { "https://h:65536", TAWS_ERR_URL_PORT },
        { "https://h:99999999999999999999", TAWS_ERR_URL_PORT },
        { "https://h:-1", TAWS_ERR_URL_PORT },
        { "https://h:+443", TAWS_ERR_URL_PORT },
        { "https://h:44a", TAWS_ERR_URL_PORT },
        { "https://h:80:90", TAWS_ERR_URL_PORT },
        { "https://[::1]:0", TAWS_ERR_URL_PORT },
        { "https://h/path", TAWS_ERR_URL_PATH },
        { "https://h//", TAWS_ERR_URL_PATH },
        { "https://h/p?q=1", TAWS_ERR_URL_PATH },
        { "https://h?q=1", TAWS_ERR_URL_QUERY },
        { "https://h/?", TAWS_ERR_URL_QUERY },
        { "https://h#top", TAWS_ERR_URL_FRAGMENT },
        { "https://h/#", TAWS_ERR_URL_FRAGMENT },
        { "https://h:8443#x", TAWS_ERR_URL_FRAGMENT },
    };
    static char long_host[8 + TAWS_HOST_MAX + 1];
    taws_endpoint_t ep;
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        taws_status_t st = taws_endpoint_parse(&ep, S(cases[i].url));
        CHECK_MSG(st == cases[i].st, "%s: got %s, want %s", cases[i].url, taws_status_name(st),
                  taws_status_name(cases[i].st));
        CHECK(ep.host[0] == '\0'); /* nothing half-parsed is left behind */
    }
    /* Each reason has its own text; none is the old catch-all. */
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CHECK(strcmp(taws_strerror(cases[i].st), taws_strerror(TAWS_ERR_URL)) != 0);
    CHECK_STR(taws_strerror(TAWS_ERR_URL_PORT), "URL port is not a number from 1 to 65535");
    CHECK_ST(taws_endpoint_parse(&ep, TAWS_STR_NULL), TAWS_ERR_URL_NO_SCHEME);
    /* a host of TAWS_HOST_MAX - 1 characters fits, one more does not */
    memcpy(long_host, "https://", 8);
    memset(long_host + 8, 'a', TAWS_HOST_MAX - 1);
    CHECK_ST(taws_endpoint_parse(&ep, S(long_host)), TAWS_OK);
    CHECK_INT(strlen(ep.host), TAWS_HOST_MAX - 1);
    long_host[8 + TAWS_HOST_MAX - 1] = 'a';
    CHECK_ST(taws_endpoint_parse(&ep, S(long_host)), TAWS_ERR_URL_HOST_TOO_LONG);
}

/* What parses, beyond the plain forms: scheme case, empty port, IPv6 forms. */
static void test_endpoint_url_accepted(void)
{
    taws_endpoint_t ep;
    CHECK_ST(taws_endpoint_parse(&ep, S("HTTPS://Bedrock.US-East-1.amazonaws.com")), TAWS_OK);
    CHECK(ep.tls);
    CHECK_INT(ep.port, 443);
    CHECK_STR(ep.host, "Bedrock.US-East-1.amazonaws.com"); /* host kept as written, as botocore */
    CHECK_ST(taws_endpoint_parse(&ep, S("Http://localhost:8080/")), TAWS_OK);
    CHECK(!ep.tls);
    CHECK_INT(ep.port, 8080);
    CHECK_ST(taws_endpoint_parse(&ep, S("https://localhost:/")), TAWS_OK); /* RFC 3986 */
    CHECK_INT(ep.port, 443);
    CHECK_STR(ep.host_header, "localhost");
    CHECK_ST(taws_endpoint_parse(&ep, S("https://h:00443")), TAWS_OK);
    CHECK_INT(ep.port, 443);
    CHECK_STR(ep.host_header, "h");
    CHECK_ST(taws_endpoint_parse(&ep, S("https://h:65535")), TAWS_OK);
    CHECK_STR(ep.host_header, "h:65535");
    CHECK_ST(taws_endpoint_parse(&ep, S("https://[::]")), TAWS_OK);
    CHECK_ST(taws_endpoint_parse(&ep, S("https://[1:2:3:4:5:6:7:8]:8443")), TAWS_OK);
    CHECK_STR(ep.host_header, "[1:2:3:4:5:6:7:8]:8443");
    CHECK_ST(taws_endpoint_parse(&ep, S("https://[fe80::1]/")), TAWS_OK);
    CHECK_ST(taws_endpoint_parse(&ep, S("https://[1::]")), TAWS_OK);
    CHECK_ST(taws_endpoint_parse(&ep, S("https://[::ffff:192.0.2.1]")), TAWS_OK);
    CHECK_STR(ep.host, "::ffff:192.0.2.1");
    CHECK_ST(taws_endpoint_parse(&ep, S("https://[1:2:3:4:5:6:1.2.3.4]")), TAWS_OK);
    CHECK_ST(taws_endpoint_parse(&ep, S("https://[1:2:3:4:5:6:7:1.2.3.4]")), TAWS_ERR_URL_IPV6);
}

static void test_regions(void)
{
    char r[TAWS_REGION_MAX];
    CHECK_ST(taws_region_check("us-east-1"), TAWS_OK);
    CHECK_ST(taws_region_check("US-EAST-1"), TAWS_OK);
    CHECK_ST(taws_region_check("local"), TAWS_OK);
    CHECK_ST(taws_region_check("1a"), TAWS_OK);
    CHECK_ST(taws_region_check(""), TAWS_ERR_NO_REGION);
    CHECK_ST(taws_region_check(NULL), TAWS_ERR_NO_REGION);
    CHECK_ST(taws_region_check("a b"), TAWS_ERR_REGION);
    CHECK_ST(taws_region_check("us_east_1"), TAWS_ERR_REGION);
    CHECK_ST(taws_region_check("-us-east-1"), TAWS_ERR_REGION);
    CHECK_ST(taws_region_check("us-east-1-"), TAWS_ERR_REGION);
    CHECK_ST(taws_region_check("123"), TAWS_ERR_REGION);
    CHECK_ST(taws_region_check("us-east-1.evil.com/"), TAWS_ERR_REGION);
    CHECK_ST(taws_region_check("us-east-1\n"), TAWS_ERR_REGION); /* Python's $ would take it */
    CHECK_ST(taws_region_check("\xc3\xbc" "ber-1"), TAWS_ERR_REGION);
    CHECK_ST(taws_region_check("a234567890123456789012345678901234567890123456789012345678901234"),
             TAWS_ERR_REGION); /* 64 */

    strcpy(r, "fips-us-gov-west-1");
    CHECK(taws_region_strip_fips(r));
    CHECK_STR(r, "us-gov-west-1");
    strcpy(r, "us-east-1-fips");
    CHECK(taws_region_strip_fips(r));
    CHECK_STR(r, "us-east-1");
    strcpy(r, "fips-fips-us-east-1");
    CHECK(taws_region_strip_fips(r));
    CHECK_STR(r, "us-east-1");
    strcpy(r, "x-fips-fips"); /* "fips-" first: "x-fips", then "-fips": "x" (Python's order) */
    CHECK(taws_region_strip_fips(r));
    CHECK_STR(r, "x");
    strcpy(r, "fips--fips");
    CHECK(taws_region_strip_fips(r));
    CHECK_STR(r, "");
    strcpy(r, "us-east-1");
    CHECK(!taws_region_strip_fips(r));
    CHECK_STR(r, "us-east-1");
    strcpy(r, "fipsus-east-1");
    CHECK(!taws_region_strip_fips(r));
}

static void test_partitions(void)
{
    static const struct {
        const char *region, *partition;
    } cases[] = {
        { "us-east-1", "aws" }, { "eu-west-9", "aws" }, { "aws-global", "aws" },
        { "cn-north-1", "aws-cn" }, { "cn-x-9", "aws-cn" }, { "aws-cn-global", "aws-cn" },
        { "us-gov-west-1", "aws-us-gov" }, { "aws-us-gov-global", "aws-us-gov" },
        { "us-iso-east-1", "aws-iso" }, { "us-isob-east-1", "aws-iso-b" },
        { "mars-east-1", "aws" }, { "US-EAST-1", "aws" }, { "cn-north-1x", "aws" },
        { "us-gov-west", "aws" }, { "us-east_1-1", "aws" }, { "us-east-1-", "aws" },
        { "", "aws" },
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        unsigned p = taws_partition_of(cases[i].region);
        CHECK_MSG(strcmp(taws_rules_pool + taws_partitions.parts[p].name, cases[i].partition) == 0,
                  "%s: %s, want %s", cases[i].region, taws_rules_pool + taws_partitions.parts[p].name,
                  cases[i].partition);
    }
    CHECK_INT(taws_partition_of(NULL), 0);
}

static void test_rule_sets(void)
{
    char out[TAWS_ERR_MSG_MAX];
    const taws_rules_t *ssm = taws_rules_find("ssm");
    taws_rules_input_t in = { "us-gov-west-1", NULL, 1, 0 };
    const taws_op_t *const *op;
    taws_endpoint_t ep;

    for (op = taws_ops; *op; op++) /* every operation has its service's rule set */
        CHECK(taws_rules_find((*op)->endpoint_prefix) != NULL);
    CHECK(taws_rules_find("s3") == NULL);
    CHECK(taws_rules_find(NULL) == NULL);
    CHECK(ssm != NULL);
    CHECK_ST(taws_rules_eval(ssm, &in, out, sizeof out), TAWS_OK);
    CHECK_STR(out, "https://ssm.us-gov-west-1.amazonaws.com"); /* GovCloud FIPS: no -fips */
    in.use_dualstack = 1;
    CHECK_ST(taws_rules_eval(ssm, &in, out, sizeof out), TAWS_OK);
    CHECK_STR(out, "https://ssm-fips.us-gov-west-1.api.aws");
    in.region = "us-iso-east-1";
    CHECK_ST(taws_rules_eval(ssm, &in, out, sizeof out), TAWS_ERR_ENDPOINT_RULE);
    CHECK_STR(out, "FIPS and DualStack are enabled, but this partition does not support one or both");
    in.region = NULL;
    CHECK_ST(taws_rules_eval(ssm, &in, out, sizeof out), TAWS_ERR_ENDPOINT_RULE);
    CHECK_STR(out, "Invalid Configuration: Missing Region");
    in.endpoint = "https://x";
    CHECK_ST(taws_rules_eval(ssm, &in, out, sizeof out), TAWS_ERR_ENDPOINT_RULE);
    CHECK_STR(out, "Invalid Configuration: FIPS and custom endpoint are not supported");
    in.use_fips = in.use_dualstack = 0;
    CHECK_ST(taws_rules_eval(ssm, &in, out, sizeof out), TAWS_OK);
    CHECK_STR(out, "https://x");
    /* a buffer too small is a distinct status, never a cut URL */
    in.endpoint = NULL;
    in.region = "eu-central-1";
    CHECK_ST(taws_rules_eval(ssm, &in, out, 20), TAWS_ERR_TOO_LONG);
    CHECK_ST(taws_rules_eval(ssm, &in, out, 0), TAWS_ERR_TOO_LONG);
    CHECK_ST(taws_rules_eval(ssm, &in, out, sizeof "https://ssm.eu-central-1.amazonaws.com"), TAWS_OK);

    CHECK_ST(taws_endpoint_resolve(&ep, "bedrock-runtime", "cn-north-1", TAWS_ENDPOINT_DUALSTACK,
                                   out, sizeof out), TAWS_OK);
    CHECK_STR(ep.host, "bedrock-runtime.cn-north-1.api.amazonwebservices.com.cn");
    CHECK_STR(out, "https://bedrock-runtime.cn-north-1.api.amazonwebservices.com.cn");
    CHECK_ST(taws_endpoint_resolve(&ep, "bedrock", "us-east-1", TAWS_ENDPOINT_FIPS_REGION, out,
                                   sizeof out), TAWS_OK);
    CHECK_STR(ep.host, "bedrock-fips.us-east-1.amazonaws.com");
    CHECK_ST(taws_endpoint_resolve(&ep, "bedrock", "us-isob-east-1", TAWS_ENDPOINT_DUALSTACK, out,
                                   sizeof out), TAWS_ERR_ENDPOINT_RULE);
    CHECK_STR(out, "DualStack is enabled but this partition does not support DualStack");
    CHECK_ST(taws_endpoint_resolve(&ep, "bedrock", "a b", 0, out, sizeof out), TAWS_ERR_REGION);
    CHECK_ST(taws_endpoint_resolve(&ep, "bedrock", "", 0, out, sizeof out), TAWS_ERR_NO_REGION);
    CHECK_ST(taws_endpoint_resolve(&ep, "s3", "us-east-1", 0, out, sizeof out), TAWS_ERR_ENDPOINT_RULES);

    CHECK_ST(taws_endpoint_regional(&ep, "bedrock-runtime", "eu-central-1"), TAWS_OK);
    CHECK_STR(ep.host, "bedrock-runtime.eu-central-1.amazonaws.com");
    CHECK_ST(taws_endpoint_regional(&ep, "ssm", "cn-north-1"), TAWS_OK);
    CHECK_STR(ep.host, "ssm.cn-north-1.amazonaws.com.cn");
    CHECK_ST(taws_endpoint_regional(&ep, "ssm", "fips-us-east-1"), TAWS_OK);
    CHECK_STR(ep.host, "ssm-fips.us-east-1.amazonaws.com");
    CHECK_ST(taws_endpoint_regional(&ep, "ssm", "us-east-1.evil.com/"), TAWS_ERR_REGION);
}

/* ---- the client: a port that records where it was asked to connect, and refuses ---------- */

static char stub_host[TAWS_HOST_MAX];
static unsigned stub_port_no;

static taws_status_t stub_connect(void *ctx, const char *host, uint16_t port, uint32_t t)
{
    (void)ctx, (void)t;
    strncpy(stub_host, host, sizeof stub_host - 1);
    stub_port_no = port;
    return TAWS_ERR_CONNECT;
}
static taws_status_t stub_io(void *ctx, const uint8_t *b, size_t n, size_t *k, uint32_t t)
{
    (void)ctx, (void)b, (void)n, (void)k, (void)t;
    return TAWS_ERR_SEND;
}
static taws_status_t stub_recv(void *ctx, uint8_t *b, size_t n, size_t *k, uint32_t t)
{
    (void)ctx, (void)b, (void)n, (void)k, (void)t;
    return TAWS_ERR_RECV;
}
static void stub_close(void *ctx) { (void)ctx; }
static uint32_t stub_now(void *ctx) { (void)ctx; return 0; }
static int64_t stub_wall(void *ctx) { (void)ctx; return 1700000000; }
static taws_status_t stub_random(void *ctx, uint8_t *b, size_t n) { (void)ctx; memset(b, 1, n); return TAWS_OK; }
static void stub_sleep(void *ctx, uint32_t ms) { (void)ctx, (void)ms; }

/* The host the client connects to for op (the port refuses). */
static taws_status_t connect_to(taws_client_t *c, const taws_op_t *op)
{
    stub_host[0] = '\0';
    stub_port_no = 0;
    return taws_client_connect(c, op);
}

static void test_client_endpoints(void)
{
    static taws_client_t c;
    static taws_tls_t tls; /* never used: connect fails first */
    taws_port_t port = { NULL, stub_connect, stub_io, stub_recv, stub_close, stub_now, stub_wall,
                         stub_random, stub_sleep };
    taws_credentials_t cred = { TAWS_LIT("AKID"), TAWS_LIT("secret"), TAWS_STR_NULL };
    const taws_op_t *ssm = &taws_op_describe_maintenance_window_execution_task_invocations;
    const taws_op_t *bedrock = &taws_op_list_model_import_jobs;

    /* a FIPS pseudo-region: signed for the plain region, FIPS endpoints (botocore) */
    CHECK_ST(taws_client_init(&c, &port, &tls, &cred, "fips-us-gov-east-1"), TAWS_OK);
    CHECK_STR(taws_client_region(&c), "us-gov-east-1");
    CHECK_ST(connect_to(&c, ssm), TAWS_ERR_CONNECT);
    CHECK_STR(stub_host, "ssm.us-gov-east-1.amazonaws.com");
    CHECK_ST(connect_to(&c, bedrock), TAWS_ERR_CONNECT);
    CHECK_STR(stub_host, "bedrock-fips.us-gov-east-1.amazonaws.com");
    taws_client_set_endpoint_variant(&c, TAWS_ENDPOINT_DUALSTACK); /* FIPS stays on */
    CHECK_ST(connect_to(&c, bedrock), TAWS_ERR_CONNECT);
    CHECK_STR(stub_host, "bedrock-fips.us-gov-east-1.api.aws");
    CHECK_INT(stub_port_no, 443);

    /* flags on a plain region; changing them resolves again */
    CHECK_ST(taws_client_init(&c, &port, &tls, &cred, "eu-west-1"), TAWS_OK);
    CHECK_ST(connect_to(&c, bedrock), TAWS_ERR_CONNECT);
    CHECK_STR(stub_host, "bedrock.eu-west-1.amazonaws.com");
    taws_client_set_endpoint_variant(&c, TAWS_ENDPOINT_FIPS);
    CHECK_ST(connect_to(&c, bedrock), TAWS_ERR_CONNECT);
    CHECK_STR(stub_host, "bedrock-fips.eu-west-1.amazonaws.com");
    taws_client_set_endpoint_variant(&c, TAWS_ENDPOINT_FIPS | TAWS_ENDPOINT_DUALSTACK);
    CHECK_ST(connect_to(&c, ssm), TAWS_ERR_CONNECT);
    CHECK_STR(stub_host, "ssm-fips.eu-west-1.api.aws");
    CHECK_STR(taws_client_error_message(&c), ""); /* it held the URL while resolving */
    taws_client_set_endpoint_variant(&c, 0);
    CHECK_ST(connect_to(&c, ssm), TAWS_ERR_CONNECT);
    CHECK_STR(stub_host, "ssm.eu-west-1.amazonaws.com");

    /* an endpoint URL wins over the flags, as in botocore */
    taws_client_set_endpoint_variant(&c, TAWS_ENDPOINT_FIPS | TAWS_ENDPOINT_DUALSTACK);
    CHECK_ST(taws_client_set_endpoint(&c, "http://localhost:8080"), TAWS_OK);
    CHECK_ST(connect_to(&c, ssm), TAWS_ERR_CONNECT);
    CHECK_STR(stub_host, "localhost");
    CHECK_INT(stub_port_no, 8080);
    CHECK_ST(taws_client_set_endpoint(&c, "https://h/x"), TAWS_ERR_URL_PATH);

    /* the rule set's error, with its message; nothing is connected */
    CHECK_ST(taws_client_init(&c, &port, &tls, &cred, "us-iso-east-1"), TAWS_OK);
    taws_client_set_endpoint_variant(&c, TAWS_ENDPOINT_DUALSTACK);
    CHECK_ST(connect_to(&c, ssm), TAWS_ERR_ENDPOINT_RULE);
    CHECK_STR(taws_client_error_message(&c), "DualStack is enabled but this partition does not support DualStack");
    CHECK_STR(stub_host, "");
    taws_client_set_endpoint_variant(&c, 0);
    CHECK_ST(connect_to(&c, ssm), TAWS_ERR_CONNECT);
    CHECK_STR(stub_host, "ssm.us-iso-east-1.c2s.ic.gov");

    /* a malformed region is refused at the first request, even with an endpoint URL
     * (botocore: "Provided region_name 'a b' doesn't match a supported format.") */
    CHECK_ST(taws_client_init(&c, &port, &tls, &cred, "a b"), TAWS_OK);
    CHECK_ST(connect_to(&c, ssm), TAWS_ERR_REGION);
    CHECK_ST(taws_client_set_endpoint(&c, "http://localhost:8080"), TAWS_OK);
    CHECK_ST(connect_to(&c, ssm), TAWS_ERR_REGION);
    CHECK_STR(stub_host, "");
    CHECK_ST(taws_client_init(&c, &port, &tls, &cred, "-fipsus-east-1"), TAWS_OK);
    CHECK_STR(taws_client_region(&c), "-fipsus-east-1"); /* malformed: not turned into "us-east-1" */
    CHECK_ST(connect_to(&c, ssm), TAWS_ERR_REGION);
    CHECK_ST(taws_client_init(&c, &port, &tls, &cred, "fips--fips"), TAWS_OK);
    CHECK_ST(connect_to(&c, ssm), TAWS_ERR_NO_REGION); /* nothing left of it */
    taws_client_close(&c);
}

static void test_uri_encoding(void)
{
    char buf[128];
    taws_memsink_t m;
    taws_memsink_init(&m, buf, sizeof buf);
    CHECK_ST(taws_uri_encode(&m.sink, S("a b+c/d=e~f%\xc3\xa9"), 0), TAWS_OK);
    CHECK_MEM(buf, m.len, "a%20b%2Bc%2Fd%3De~f%25%C3%A9", 28);
    CHECK_INT(taws_uri_encoded_len(S("a b+c/d=e~f%\xc3\xa9"), 0), 28);
    taws_memsink_init(&m, buf, sizeof buf);
    CHECK_ST(taws_uri_encode(&m.sink, S("/a b/"), 1), TAWS_OK);
    CHECK_MEM(buf, m.len, "/a%20b/", 7);
    /* Encoded order differs from raw order: ' ' (0x20) encodes to %20, and '%' < 'A'. */
    CHECK(taws_uri_encoded_cmp(S("a b"), S("aA")) < 0);
    CHECK(taws_uri_encoded_cmp(S("a~"), S("a.")) > 0);
    CHECK(taws_uri_encoded_cmp(S("ab"), S("abc")) < 0);
    CHECK(taws_uri_encoded_cmp(S("abc"), S("abc")) == 0);
    CHECK(taws_uri_encoded_cmp(S("\xff"), S("%")) > 0); /* %FF vs %25 */
    /* A memory sink refuses overflow with a distinct status. */
    taws_memsink_init(&m, buf, 4);
    CHECK_ST(taws_uri_encode(&m.sink, S("   "), 0), TAWS_ERR_TOO_LONG);
}

CHECK_SUITE(endpoint_suite, CHECK_CASE(test_endpoint_urls), CHECK_CASE(test_endpoint_url_reasons),
            CHECK_CASE(test_endpoint_url_accepted), CHECK_CASE(test_regions),
            CHECK_CASE(test_partitions), CHECK_CASE(test_rule_sets),
            CHECK_CASE(test_client_endpoints), CHECK_CASE(test_uri_encoding));
