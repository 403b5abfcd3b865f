/* SPDX-License-Identifier: MIT */
/* RFC 3986 percent-encoding as SigV4 wants it: streamed, never materialised. */
#ifndef TINYAWS_SRC_URI_H
#define TINYAWS_SRC_URI_H

#include "common.h"

/* Encodes every byte except A-Z a-z 0-9 - . _ ~ as %XX (upper-case hex). keep_slash leaves '/'
 * alone (paths). */
taws_status_t taws_uri_encode(taws_sink_t *out, taws_str_t in, int keep_slash);
/* Encoded length of in, without encoding it. */
size_t taws_uri_encoded_len(taws_str_t in, int keep_slash);
/* Compares the encoded forms of a and b (memcmp order) without building them: <0, 0, >0. */
int taws_uri_encoded_cmp(taws_str_t a, taws_str_t b);

#endif
