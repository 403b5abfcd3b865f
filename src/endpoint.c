/* SPDX-License-Identifier: MIT */
/* Endpoint URL parsing, region names, and service endpoints from the rule sets. */
#include <string.h>
#include "endpoint.h"
#include "endpoint_rules.h"

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_hex(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static int host_char(char c)
{
    return is_alpha(c) || is_digit(c) || c == '-' || c == '.' || c == '_';
}

/* Case-insensitive comparison of s[0..n) with a lower-case word. */
static int word_is(const char *s, size_t n, const char *word)
{
    size_t i;
    if (strlen(word) != n)
        return 0;
    for (i = 0; i < n; i++)
        if ((s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]) != word[i])
            return 0;
    return 1;
}

/* A dotted-quad IPv4 address filling s[0..n). */
static int ipv4_ok(const char *s, size_t n)
{
    size_t i = 0;
    int part;
    for (part = 0; part < 4; part++) {
        unsigned v = 0, digits = 0;
        if (part && (i == n || s[i++] != '.'))
            return 0;
        while (i < n && is_digit(s[i]) && digits < 4) {
            v = v * 10u + (unsigned)(s[i++] - '0');
            digits++;
        }
        if (digits == 0 || digits > 3 || v > 255)
            return 0;
    }
    return i == n;
}

/* An RFC 4291 text address (hex groups, at most one "::", an IPv4 tail), as inet_pton. */
static int ipv6_ok(const char *s, size_t n)
{
    size_t i = 0;
    unsigned groups = 0;
    int gap = 0;
    if (n >= 2 && s[0] == ':' && s[1] == ':') {
        gap = 1;
        i = 2;
    } else if (n == 0 || s[0] == ':') {
        return 0;
    }
    while (i < n) {
        size_t d = 0;
        while (i + d < n && is_hex(s[i + d]) && d < 5)
            d++;
        if (i + d < n && s[i + d] == '.') { /* the last 32 bits as IPv4 */
            if (!ipv4_ok(s + i, n - i) || groups > 6)
                return 0;
            groups += 2;
            break;
        }
        if (d == 0 || d > 4)
            return 0;
        groups++;
        i += d;
        if (i == n)
            break;
        if (s[i++] != ':' || i == n)
            return 0; /* a stray character, or a single ':' at the end */
        if (s[i] == ':') {
            if (gap)
                return 0;
            gap = 1;
            i++;
        }
    }
    return gap ? groups <= 7 : groups == 8;
}

taws_status_t taws_endpoint_parse(taws_endpoint_t *ep, taws_str_t url)
{
    const char *p = url.p, *end, *s, *auth, *auth_end, *h, *he;
    size_t hn;
    unsigned long port = 0;
    int bracket = 0, has_port = 0;

    memset(ep, 0, sizeof *ep);
    if (p == NULL)
        return TAWS_ERR_URL_NO_SCHEME;
    end = p + url.n;
    /* scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), then "://" */
    s = p;
    while (s < end && (is_alpha(*s) || (s > p && (is_digit(*s) || *s == '+' || *s == '-' || *s == '.'))))
        s++;
    if (s == p || end - s < 3 || memcmp(s, "://", 3) != 0)
        return TAWS_ERR_URL_NO_SCHEME;
    if (word_is(p, (size_t)(s - p), "https")) {
        ep->tls = 1;
        ep->port = 443;
    } else if (word_is(p, (size_t)(s - p), "http")) {
        ep->port = 80;
    } else {
        return TAWS_ERR_URL_SCHEME;
    }
    auth = s + 3;
    for (auth_end = auth; auth_end < end && *auth_end != '/' && *auth_end != '?' && *auth_end != '#';)
        auth_end++;
    if (memchr(auth, '@', (size_t)(auth_end - auth)))
        return TAWS_ERR_URL_USERINFO;

    if (auth < auth_end && *auth == '[') { /* IPv6 literal */
        const char *close = memchr(auth, ']', (size_t)(auth_end - auth));
        bracket = 1;
        h = auth + 1;
        if (!close || !ipv6_ok(h, (size_t)(close - h)))
            return TAWS_ERR_URL_IPV6;
        he = close;
        p = close + 1;
        if (p < auth_end && *p != ':')
            return TAWS_ERR_URL_IPV6; /* "[::1]x" */
    } else {
        for (h = p = auth; p < auth_end && *p != ':'; p++)
            if (!host_char(*p))
                return TAWS_ERR_URL_HOST;
        he = p;
    }
    hn = (size_t)(he - h);
    if (hn == 0)
        return TAWS_ERR_URL_HOST_EMPTY;
    if (hn >= sizeof ep->host)
        return TAWS_ERR_URL_HOST_TOO_LONG;
    if (p < auth_end) { /* ':' port; empty means the scheme's default (RFC 3986) */
        for (p++; p < auth_end; p++) {
            if (!is_digit(*p))
                return TAWS_ERR_URL_PORT;
            if (port <= 65535)
                port = port * 10 + (unsigned long)(*p - '0');
            has_port = 1;
        }
        if (has_port && (port == 0 || port > 65535))
            return TAWS_ERR_URL_PORT;
        if (has_port)
            ep->port = (uint16_t)port;
    }
    if (auth_end < end) {
        const char *r = auth_end + (*auth_end == '/');
        if (r < end && *r == '?')
            return TAWS_ERR_URL_QUERY;
        if (r < end && *r == '#')
            return TAWS_ERR_URL_FRAGMENT;
        if (r < end)
            return TAWS_ERR_URL_PATH;
    }
    memcpy(ep->host, h, hn);
    ep->host[hn] = '\0';
    {
        /* botocore signs the Host header with the port when it is not the scheme's default. */
        size_t n = 0;
        if (bracket)
            ep->host_header[n++] = '[';
        memcpy(ep->host_header + n, h, hn);
        n += hn;
        if (bracket)
            ep->host_header[n++] = ']';
        if (has_port && ep->port != (ep->tls ? 443 : 80)) {
            char d[6];
            size_t k = sizeof d;
            unsigned v = ep->port;
            do {
                d[--k] = (char)('0' + v % 10u);
                v /= 10u;
            } while (v);
            ep->host_header[n++] = ':';
            memcpy(ep->host_header + n, d + k, sizeof d - k);
            n += sizeof d - k;
        }
        ep->host_header[n] = '\0';
    }
    return TAWS_OK;
}

/* ---- regions -------------------------------------------------------------------------------- */

taws_status_t taws_region_check(const char *region)
{
    size_t i, n;
    int digits_only = 1;
    if (region == NULL || region[0] == '\0')
        return TAWS_ERR_NO_REGION;
    n = strlen(region);
    if (n > 63 || region[0] == '-' || region[n - 1] == '-')
        return TAWS_ERR_REGION;
    for (i = 0; i < n; i++) {
        if (!(is_alpha(region[i]) || is_digit(region[i]) || region[i] == '-'))
            return TAWS_ERR_REGION;
        digits_only &= is_digit(region[i]);
    }
    return digits_only ? TAWS_ERR_REGION : TAWS_OK;
}

/* Python's s.replace(pat, ""): matches found in the original, left to right. */
static int remove_all(char *s, const char *pat)
{
    size_t pl = strlen(pat);
    char *w = s;
    int found = 0;
    while (*s) {
        if (strncmp(s, pat, pl) == 0) {
            s += pl;
            found = 1;
        } else {
            *w++ = *s++;
        }
    }
    *w = '\0';
    return found;
}

int taws_region_strip_fips(char *region)
{
    int a = remove_all(region, "fips-");
    int b = remove_all(region, "-fips");
    return a || b;
}

/* ---- service endpoints ------------------------------------------------------------------------ */

taws_status_t taws_endpoint_resolve(taws_endpoint_t *ep, const char *endpoint_prefix,
                                    const char *region, unsigned flags, char *text, size_t cap)
{
    const taws_rules_t *rs = taws_rules_find(endpoint_prefix);
    taws_rules_input_t in;
    taws_str_t url;

    memset(ep, 0, sizeof *ep);
    if (cap)
        text[0] = '\0';
    TAWS_TRY(taws_region_check(region));
    if (rs == NULL)
        return TAWS_ERR_ENDPOINT_RULES;
    in.region = region;
    in.endpoint = NULL; /* an endpoint URL wins before the rules, as botocore's client does */
    in.use_fips = (flags & (TAWS_ENDPOINT_FIPS | TAWS_ENDPOINT_FIPS_REGION)) != 0;
    in.use_dualstack = (flags & TAWS_ENDPOINT_DUALSTACK) != 0;
    TAWS_TRY(taws_rules_eval(rs, &in, text, cap));
    url.p = text;
    url.n = strlen(text);
    return taws_endpoint_parse(ep, url);
}

taws_status_t taws_endpoint_regional(taws_endpoint_t *ep, const char *prefix, const char *region)
{
    char r[TAWS_REGION_MAX], text[TAWS_HOST_MAX + 16];
    size_t n = region ? strlen(region) : 0;
    unsigned flags;
    if (n >= sizeof r)
        return TAWS_ERR_TOO_LONG;
    memcpy(r, region ? region : "", n + 1);
    flags = taws_region_check(r) == TAWS_OK && taws_region_strip_fips(r) ? TAWS_ENDPOINT_FIPS_REGION : 0;
    return taws_endpoint_resolve(ep, prefix, r, flags, text, sizeof text);
}
