/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer harness: endpoint URLs, region names and the rule-set evaluator (src/endpoint.c,
 * src/endpoint_rules.c). `make fuzz-endpoints` (FUZZ_SECONDS, default 60).
 *
 * Input: [0] mode and flags, then the payload.
 *   mode 0: the payload is an endpoint URL, in a buffer of exactly its size. The status is OK
 *           or one of the TAWS_ERR_URL_* reasons; on OK the host is non-empty and made of host
 *           characters (or an IPv6 literal's), the Host header is the host (bracketed) plus a
 *           non-default port, and parsing "<scheme>://<Host header>" again gives the same
 *           endpoint.
 *   mode 1: the payload (up to the first NUL, at most 80 bytes) is a region; [0] bits 2-3 are
 *           FIPS/dual-stack, bits 4-5 the service. taws_region_check() agrees with a
 *           reference of botocore's pattern; taws_region_strip_fips() with a reference of
 *           Python's str.replace(); taws_endpoint_resolve() gives a URL whose host is
 *           "<service>[-fips].<region>.<suffix>" of a known DNS suffix (ssm's GovCloud FIPS
 *           excepted), a rule-set message, or a region status, never anything else.
 */
#include <string.h>
#include "endpoint.h"
#include "endpoint_rules.h"
#include "../fuzz/fuzz_util.h"

#define MAX_URL 512
static char url_buf[MAX_URL];

static int host_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '.' || c == '_';
}

static void check_url(const uint8_t *p, size_t n)
{
    taws_endpoint_t ep, again;
    taws_str_t u;
    taws_status_t st;
    char re[MAX_URL];
    size_t i, hl;
    int ipv6;
    if (n > MAX_URL)
        n = MAX_URL;
    memcpy(url_buf, p, n);
    fuzz_fence(url_buf, n, sizeof url_buf);
    u.p = url_buf;
    u.n = n;
    st = taws_endpoint_parse(&ep, u);
    fuzz_unfence(url_buf, sizeof url_buf);
    FUZZ_CHECK_STATUS(st);
    FUZZ_CHECK(st == TAWS_OK || (st >= TAWS_ERR_URL_NO_SCHEME && st <= TAWS_ERR_URL_FRAGMENT));
    if (st != TAWS_OK) {
        FUZZ_CHECK(ep.host[0] == '\0');
        return;
    }
    hl = strlen(ep.host);
    FUZZ_CHECK(hl > 0 && hl < sizeof ep.host);
    FUZZ_CHECK(ep.port != 0);
    ipv6 = ep.host_header[0] == '[';
    for (i = 0; i < hl; i++)
        FUZZ_CHECK(ipv6 ? (strchr("0123456789abcdefABCDEF:.", ep.host[i]) != NULL)
                        : host_char(ep.host[i]));
    FUZZ_CHECK(ipv6 ? (memcmp(ep.host_header + 1, ep.host, hl) == 0 && ep.host_header[hl + 1] == ']')
                    : memcmp(ep.host_header, ep.host, hl) == 0);
    {
        const char *rest = ep.host_header + hl + (ipv6 ? 2 : 0);
        int def = ep.port == (ep.tls ? 443 : 80);
        FUZZ_CHECK(def ? *rest == '\0' : *rest == ':');
    }
    /* the same endpoint again from what was parsed */
    memcpy(re, ep.tls ? "https://" : "http://", ep.tls ? 8 : 7);
    i = ep.tls ? 8 : 7;
    hl = strlen(ep.host_header);
    memcpy(re + i, ep.host_header, hl);
    i += hl;
    u.p = re;
    u.n = i;
    FUZZ_CHECK(taws_endpoint_parse(&again, u) == TAWS_OK);
    FUZZ_CHECK(again.tls == ep.tls && again.port == ep.port && strcmp(again.host, ep.host) == 0 &&
               strcmp(again.host_header, ep.host_header) == 0);
}

/* botocore: ^(?![0-9]+$)(?!-)[a-zA-Z0-9-]{,63}(?<!-)$ ("" allowed there; tinyaws: no region) */
static taws_status_t ref_region(const char *r)
{
    size_t n = strlen(r), i, digits = 0;
    if (n == 0)
        return TAWS_ERR_NO_REGION;
    if (n > 63 || r[0] == '-' || r[n - 1] == '-')
        return TAWS_ERR_REGION;
    for (i = 0; i < n; i++) {
        char c = r[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'))
            return TAWS_ERR_REGION;
        digits += c >= '0' && c <= '9';
    }
    return digits == n ? TAWS_ERR_REGION : TAWS_OK;
}

/* Python's s.replace(pat, ""), by copying the pieces between matches. */
static void ref_replace(char *out, const char *s, const char *pat)
{
    const char *m;
    size_t pl = strlen(pat);
    out[0] = '\0';
    while ((m = strstr(s, pat)) != NULL) {
        strncat(out, s, (size_t)(m - s));
        s = m + pl;
    }
    strcat(out, s);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

static void check_region(uint8_t hdr, const uint8_t *p, size_t n)
{
    static const char *const services[] = { "bedrock", "bedrock-runtime", "ssm", "bedrock" };
    static const char *const suffixes[] = { ".amazonaws.com", ".api.aws", ".amazonaws.com.cn",
                                            ".api.amazonwebservices.com.cn", ".c2s.ic.gov",
                                            ".sc2s.sgov.gov" };
    char region[81], stripped[81], a[81], b[81], text[TAWS_ERR_MSG_MAX], want[200];
    const char *svc = services[(hdr >> 4) & 3];
    unsigned flags = (hdr >> 2) & 3;
    taws_endpoint_t ep;
    taws_status_t st;
    size_t k;
    int fips = (flags & TAWS_ENDPOINT_FIPS) != 0, ok_suffix = 0;

    for (k = 0; k < n && k < 80 && p[k]; k++)
        region[k] = (char)p[k];
    region[k] = '\0';
    FUZZ_CHECK(taws_region_check(region) == ref_region(region));

    memcpy(stripped, region, k + 1);
    ref_replace(a, region, "fips-");
    ref_replace(b, a, "-fips");
    FUZZ_CHECK(taws_region_strip_fips(stripped) == (strcmp(b, region) != 0));
    FUZZ_CHECK(strcmp(stripped, b) == 0);

    st = taws_endpoint_resolve(&ep, svc, region, flags, text, sizeof text);
    FUZZ_CHECK_STATUS(st);
    if (ref_region(region) != TAWS_OK) {
        FUZZ_CHECK(st == ref_region(region));
        return;
    }
    if (st == TAWS_ERR_ENDPOINT_RULE) {
        FUZZ_CHECK(text[0] != '\0' && strstr(text, "DualStack") != NULL);
        return;
    }
    FUZZ_CHECK(st == TAWS_OK);
    FUZZ_CHECK(memcmp(text, "https://", 8) == 0 && strcmp(text + 8, ep.host) == 0 && ep.tls);
    for (k = 0; k < sizeof suffixes / sizeof suffixes[0]; k++)
        ok_suffix |= ends_with(ep.host, suffixes[k]);
    FUZZ_CHECK(ok_suffix);
    snprintf(want, sizeof want, "%s%s.%s.", svc, fips ? "-fips" : "", region);
    FUZZ_CHECK(strncmp(ep.host, want, strlen(want)) == 0 ||
               (strcmp(svc, "ssm") == 0 && fips && !(flags & TAWS_ENDPOINT_DUALSTACK) &&
                strcmp(taws_rules_pool + taws_partitions.parts[taws_partition_of(region)].name,
                       "aws-us-gov") == 0)); /* GovCloud FIPS: ssm.<region>.amazonaws.com */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    if ((data[0] & 3) == 0)
        check_url(data + 1, size - 1);
    else
        check_region(data[0], data + 1, size - 1);
    return 0;
}
