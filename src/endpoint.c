/* Endpoint URL parsing and the default regional endpoints. */
#include <string.h>
#include "tinyaws/endpoint.h"

static int host_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '-' || c == '.' || c == '_';
}

taws_status_t taws_endpoint_parse(taws_endpoint_t *ep, taws_str_t url)
{
    const char *p = url.p, *end = url.p + url.n, *h, *he;
    size_t hn;
    unsigned long port = 0;
    int bracket = 0;

    memset(ep, 0, sizeof *ep);
    if (url.n > 8 && memcmp(p, "https://", 8) == 0) {
        ep->tls = 1;
        ep->port = 443;
        p += 8;
    } else if (url.n > 7 && memcmp(p, "http://", 7) == 0) {
        ep->port = 80;
        p += 7;
    } else {
        return TAWS_ERR_URL;
    }
    if (p < end && *p == '[') { /* IPv6 literal */
        bracket = 1;
        h = ++p;
        while (p < end && *p != ']') {
            if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f') || (*p >= 'A' && *p <= 'F') ||
                  *p == ':' || *p == '.'))
                return TAWS_ERR_URL;
            p++;
        }
        if (p == end)
            return TAWS_ERR_URL;
        he = p++;
    } else {
        h = p;
        while (p < end && host_char(*p))
            p++;
        he = p;
    }
    hn = (size_t)(he - h);
    if (hn == 0 || hn >= sizeof ep->host)
        return TAWS_ERR_URL;
    if (p < end && *p == ':') {
        const char *d = ++p;
        while (p < end && *p >= '0' && *p <= '9' && port <= 65535)
            port = port * 10 + (unsigned long)(*p++ - '0');
        if (p == d || port == 0 || port > 65535)
            return TAWS_ERR_URL;
        ep->port = (uint16_t)port;
    }
    if (p < end && !(*p == '/' && p + 1 == end))
        return TAWS_ERR_URL; /* a path, query, user info or stray character */
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
        if (port && ep->port != (ep->tls ? 443 : 80)) {
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

taws_status_t taws_endpoint_regional(taws_endpoint_t *ep, const char *prefix, const char *region)
{
    char url[TAWS_HOST_MAX + 16];
    size_t pl = strlen(prefix), rl = strlen(region), n = 0;
    int cn = rl > 3 && memcmp(region, "cn-", 3) == 0;
    const char *suffix = cn ? ".amazonaws.com.cn" : ".amazonaws.com";
    size_t sl = strlen(suffix);
    size_t i;
    for (i = 0; i < rl; i++)
        if (!((region[i] >= 'a' && region[i] <= 'z') || (region[i] >= '0' && region[i] <= '9') ||
              region[i] == '-'))
            return TAWS_ERR_URL;
    if (8 + pl + 1 + rl + sl >= sizeof url)
        return TAWS_ERR_URL;
    memcpy(url, "https://", 8);
    n = 8;
    memcpy(url + n, prefix, pl);
    n += pl;
    url[n++] = '.';
    memcpy(url + n, region, rl);
    n += rl;
    memcpy(url + n, suffix, sl);
    n += sl;
    {
        taws_str_t u = { url, n };
        return taws_endpoint_parse(ep, u);
    }
}
