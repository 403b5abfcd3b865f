/* Endpoint URLs: "https://host[:port]" or, only when written so, "http://host[:port]". */
#ifndef TINYAWS_ENDPOINT_H
#define TINYAWS_ENDPOINT_H

#include "tinyaws/types.h"

typedef struct {
    uint8_t tls;                   /* 1 for https */
    uint16_t port;                 /* 443 / 80 unless given */
    char host[TAWS_HOST_MAX];      /* for connect() and TLS verification; no brackets */
    char host_header[TAWS_HOST_MAX + 8]; /* the Host header: brackets and non-default port */
} taws_endpoint_t;

/* Parses url; TAWS_ERR_URL for anything else (other schemes, user info, a path other than
 * "/", query, bad port). */
taws_status_t taws_endpoint_parse(taws_endpoint_t *ep, taws_str_t url);
/* "https://<prefix>.<region>.amazonaws.com" (".com.cn" for cn- regions). */
taws_status_t taws_endpoint_regional(taws_endpoint_t *ep, const char *prefix, const char *region);

#endif
