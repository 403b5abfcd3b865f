/* Endpoint URLs and URI encoding. */
#include <string.h>
#include "check.h"
#include "tinyaws/endpoint.h"
#include "tinyaws/uri.h"

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
    CHECK_ST(taws_endpoint_parse(&ep, S("ftp://x")), TAWS_ERR_URL);
    CHECK_ST(taws_endpoint_parse(&ep, S("https://")), TAWS_ERR_URL);
    CHECK_ST(taws_endpoint_parse(&ep, S("https://h:0")), TAWS_ERR_URL);
    CHECK_ST(taws_endpoint_parse(&ep, S("https://h:65536")), TAWS_ERR_URL);
    CHECK_ST(taws_endpoint_parse(&ep, S("https://h:99999999999999999999")), TAWS_ERR_URL);
    CHECK_ST(taws_endpoint_parse(&ep, S("https://h/path")), TAWS_ERR_URL);
    CHECK_ST(taws_endpoint_parse(&ep, S("https://user@h")), TAWS_ERR_URL);
    CHECK_ST(taws_endpoint_parse(&ep, S("https://h\r\nX: y")), TAWS_ERR_URL);
    CHECK_ST(taws_endpoint_parse(&ep, S("https://[::1")), TAWS_ERR_URL);
    CHECK_ST(taws_endpoint_regional(&ep, "bedrock-runtime", "eu-central-1"), TAWS_OK);
    CHECK_STR(ep.host, "bedrock-runtime.eu-central-1.amazonaws.com");
    CHECK_ST(taws_endpoint_regional(&ep, "ssm", "cn-north-1"), TAWS_OK);
    CHECK_STR(ep.host, "ssm.cn-north-1.amazonaws.com.cn");
    CHECK_ST(taws_endpoint_regional(&ep, "ssm", "us-east-1.evil.com/"), TAWS_ERR_URL);
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

CHECK_SUITE(endpoint_suite, CHECK_CASE(test_endpoint_urls), CHECK_CASE(test_uri_encoding));
