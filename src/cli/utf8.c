/* SPDX-License-Identifier: MIT */
/* See utf8.h. */
#include <stdio.h>
#include "tinyaws/types.h"
#include "utf8.h"

/* The code point at p (valid UTF-8, or a lone surrogate, or one escaped byte); *len set. */
static unsigned next_cp(const unsigned char *p, size_t n, size_t *len, int *surrogate)
{
    size_t k = taws_utf8_seq(p, n);
    *surrogate = 0;
    if (k == 1) {
        *len = 1;
        return p[0];
    }
    if (k) {
        *len = k;
        return 0; /* a valid character; its value is not needed */
    }
    *surrogate = 1;
    if (p[0] == 0xED && n >= 3 && p[1] >= 0xA0 && p[1] <= 0xBF && (p[2] & 0xC0) == 0x80) {
        *len = 3;
        return 0xD000u | (unsigned)(p[1] & 0x3F) << 6 | (unsigned)(p[2] & 0x3F);
    }
    *len = 1;
    return 0xDC00u + p[0];
}

int cli_utf8_check(const char *s, size_t n, char *msg, size_t cap)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, pos = 0, len;
    int sur;
    while (i < n) {
        unsigned cp = next_cp(p + i, n - i, &len, &sur);
        if (sur) {
            size_t end = pos + 1, j = i + len;
            while (j < n) {
                size_t l2;
                int s2;
                (void)next_cp(p + j, n - j, &l2, &s2);
                if (!s2)
                    break;
                end++;
                j += l2;
            }
            if (msg && cap) {
                if (end - pos == 1)
                    snprintf(msg, cap, "'utf-8' codec can't encode character '\\u%04x' in position %lu: "
                                       "surrogates not allowed", cp, (unsigned long)pos);
                else
                    snprintf(msg, cap, "'utf-8' codec can't encode characters in position %lu-%lu: "
                                       "surrogates not allowed", (unsigned long)pos, (unsigned long)(end - 1));
            }
            return -1;
        }
        i += len;
        pos++;
    }
    return 0;
}
