/* SPDX-License-Identifier: MIT */
/* UTF-8 validation (RFC 3629): what parameters must be before they are signed and sent. */
#include "common.h"

/* Length of the valid UTF-8 sequence at p[0..n), or 0 when it is not one: no overlong forms,
 * no UTF-16 surrogates (U+D800..DFFF), nothing above U+10FFFF. */
size_t taws_utf8_seq(const unsigned char *p, size_t n)
{
    unsigned c = p[0];
    if (c < 0x80)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return n >= 2 && (p[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        unsigned lo = c == 0xE0 ? 0xA0 : 0x80, hi = c == 0xED ? 0x9F : 0xBF;
        return n >= 3 && p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        unsigned lo = c == 0xF0 ? 0x90 : 0x80, hi = c == 0xF4 ? 0x8F : 0xBF;
        return n >= 4 && p[1] >= lo && p[1] <= hi && (p[2] & 0xC0) == 0x80 && (p[3] & 0xC0) == 0x80 ? 4 : 0;
    }
    return 0;
}

taws_status_t taws_utf8_check(taws_str_t s, size_t *bad)
{
    const unsigned char *p = (const unsigned char *)s.p;
    size_t i = 0;
    while (i < s.n) {
        size_t k = taws_utf8_seq(p + i, s.n - i);
        if (k == 0) {
            if (bad)
                *bad = i;
            return TAWS_ERR_PARAM_UTF8;
        }
        i += k;
    }
    return TAWS_OK;
}
