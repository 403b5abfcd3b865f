/* SPDX-License-Identifier: MIT */
/* JSON string escapes: streaming and in-place unescaping (\uXXXX and surrogate pairs to
 * UTF-8) and escaping for request bodies and resume tokens. */
#include "json.h"

int taws_json_hexval(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int utf8(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

#define REPLACEMENT 0xFFFDu

/* End of string: a dangling high surrogate becomes U+FFFD. Returns bytes written (0 or 3). */
static int unesc_end(taws_unesc_t *u, char out[8])
{
    int n = 0;
    if (u->high) { /* a high surrogate with no low one after it */
        n = utf8(REPLACEMENT, out);
        u->high = 0;
    }
    u->esc = 0;
    return n;
}

int taws_unesc_byte(taws_unesc_t *u, unsigned char c, char out[8])
{
    int n = 0;
    if (u->esc == 0) {
        if (c == '\\') {
            u->esc = 1;
            return 0;
        }
        n = unesc_end(u, out); /* plain byte after a lone high surrogate */
        out[n++] = (char)c;
        return n;
    }
    if (u->esc == 1) {
        char simple = 0;
        switch (c) {
        case '"': simple = '"'; break;
        case '\\': simple = '\\'; break;
        case '/': simple = '/'; break;
        case 'b': simple = '\b'; break;
        case 'f': simple = '\f'; break;
        case 'n': simple = '\n'; break;
        case 'r': simple = '\r'; break;
        case 't': simple = '\t'; break;
        case 'u':
            u->esc = 2;
            u->u = 0;
            return 0;
        default:
            return -1;
        }
        u->esc = 0;
        n = u->high ? utf8(REPLACEMENT, out) : 0;
        u->high = 0;
        out[n++] = simple;
        return n;
    }
    {
        int h = taws_json_hexval(c);
        if (h < 0)
            return -1;
        u->u = (uint16_t)(u->u << 4 | (unsigned)h);
        if (++u->esc < 6)
            return 0;
        u->esc = 0;
        if (u->u >= 0xD800 && u->u <= 0xDBFF) { /* high surrogate: wait for the low one */
            n = u->high ? utf8(REPLACEMENT, out) : 0;
            u->high = u->u;
            return n;
        }
        if (u->u >= 0xDC00 && u->u <= 0xDFFF) {
            if (u->high) {
                uint32_t cp = 0x10000u + (((uint32_t)u->high - 0xD800u) << 10) + (u->u - 0xDC00u);
                u->high = 0;
                return utf8(cp, out);
            }
            return utf8(REPLACEMENT, out); /* lone low surrogate */
        }
        n = u->high ? utf8(REPLACEMENT, out) : 0;
        u->high = 0;
        return n + utf8(u->u, out + n);
    }
}

long taws_json_unescape_inplace(char *s, size_t n)
{
    taws_unesc_t u = { 0, 0, 0 };
    size_t r, w = 0;
    char tmp[8];
    int k, i;
    for (r = 0; r < n; r++) {
        if (u.esc == 0 && u.high == 0 && s[r] != '\\') {
            s[w++] = s[r]; /* fast path: plain byte */
            continue;
        }
        k = taws_unesc_byte(&u, (unsigned char)s[r], tmp);
        if (k < 0)
            return -1;
        for (i = 0; i < k; i++)
            s[w++] = tmp[i]; /* never overtakes r: escapes shrink */
    }
    if (u.esc != 0)
        return -1;
    k = unesc_end(&u, tmp);
    for (i = 0; i < k; i++)
        s[w++] = tmp[i];
    return (long)w;
}

/* Length of a UTF-8 sequence from its lead byte, 0 if invalid. */
static size_t seq_len(unsigned char c)
{
    return c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
}

static taws_status_t put_u(taws_sink_t *out, unsigned v)
{
    static const char hx[] = "0123456789abcdef";
    char e[6] = { '\\', 'u', hx[(v >> 12) & 15], hx[(v >> 8) & 15], hx[(v >> 4) & 15], hx[v & 15] };
    return taws_sink_put(out, e, 6);
}

taws_status_t taws_json_escape(taws_sink_t *out, taws_str_t s, int ascii_only)
{
    size_t i = 0;
    while (i < s.n) {
        size_t j = i;
        unsigned char c;
        while (j < s.n && (c = (unsigned char)s.p[j]) >= 0x20 && c != '"' && c != '\\' &&
               (!ascii_only || c < 0x7f))
            j++;
        TAWS_TRY(taws_sink_put(out, s.p + i, j - i));
        if (j == s.n)
            break;
        c = (unsigned char)s.p[j];
        if (c == '"' || c == '\\') {
            char e[2] = { '\\', (char)c };
            TAWS_TRY(taws_sink_put(out, e, 2));
            j++;
        } else if (c < 0x20) {
            const char *e = c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t"
                          : c == '\b' ? "\\b" : c == '\f' ? "\\f" : NULL;
            TAWS_TRY(e ? taws_sink_put(out, e, 2) : put_u(out, c));
            j++;
        } else if (c == 0x7f) {
            TAWS_TRY(put_u(out, c)); /* Python escapes DEL too when ensure_ascii */
            j++;
        } else {
            /* Non-ASCII with ascii_only: decode one UTF-8 sequence to \u escapes. */
            size_t k, len = seq_len(c);
            uint32_t cp;
            if (len < 2 || j + len > s.n)
                return TAWS_ERR_ARG;
            cp = c & (0x7Fu >> len);
            for (k = 1; k < len; k++) {
                unsigned char cc = (unsigned char)s.p[j + k];
                if ((cc & 0xC0) != 0x80)
                    return TAWS_ERR_ARG;
                cp = cp << 6 | (cc & 0x3Fu);
            }
            /* Not UTF-8 (as Python would refuse it): overlong, surrogates, past U+10FFFF. */
            if (cp < (len == 2 ? 0x80u : len == 3 ? 0x800u : 0x10000u) || (cp >= 0xD800 && cp <= 0xDFFF) ||
                cp > 0x10FFFF)
                return TAWS_ERR_ARG;
            if (cp >= 0x10000) {
                cp -= 0x10000;
                TAWS_TRY(put_u(out, 0xD800u + (cp >> 10)));
                TAWS_TRY(put_u(out, 0xDC00u + (cp & 0x3FFu)));
            } else {
                TAWS_TRY(put_u(out, cp));
            }
            j += len;
        }
        i = j;
    }
    return TAWS_OK;
}
