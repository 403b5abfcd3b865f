/* SPDX-License-Identifier: MIT */
/*
 * The list-response framer: one pass, byte by byte, over the whole body. It is an RFC 8259
 * validator (structure, numbers, literals, strings, UTF-8, whitespace) whose states also say
 * what each byte belongs to:
 *   - the outline: the top-level object and the result array themselves;
 *   - an element of the result array, copied minified into the caller's window;
 *   - the value of any other top-level member, validated and dropped.
 * Only three things are kept: the current top-level key (TAWS_JSON_KEY_MAX bytes), the page token (decoded
 * into the caller's token buffer) and the current element. Nesting is a counter and a bit
 * stack, never recursion. Every violation is reported at the first byte that no valid
 * document could have there, so the verdict and its offset do not depend on how the body
 * was split into pieces.
 */
#include <string.h>
#include "json.h"

/* Grammar states. */
enum {
    G_VALUE,          /* a value is due: the top level, after ':', after ',' in an array */
    G_VALUE_OR_CLOSE, /* after '[': a value or ']' */
    G_KEY,            /* after ',' in an object: a member name */
    G_KEY_OR_CLOSE,   /* after '{': a member name or '}' */
    G_COLON,          /* after a member name */
    G_AFTER,          /* after a value inside a container: ',' or the closing bracket */
    G_STRING,
    G_NUMBER,
    G_LITERAL,
    G_END,            /* after the top-level object: whitespace only */
    G_FAILED          /* an error was returned: it is returned again, nothing more is read */
};

/* What the bytes being read belong to. */
enum { M_OUTLINE, M_SKIP, M_ELEM };

/* Where the bytes of the current string go. */
enum { SINK_DROP, SINK_EMIT, SINK_KEY, SINK_TOKEN };

/* Number grammar, RFC 8259 section 6: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
enum {
    N_MINUS, /* after '-': a digit is due */
    N_ZERO,  /* a leading 0: '.', 'e', 'E' or the end */
    N_INT,   /* integer digits */
    N_DOT,   /* after '.': a digit is due */
    N_FRAC,  /* fraction digits */
    N_E,     /* after 'e'/'E': a sign or a digit */
    N_ESIGN, /* after the exponent's sign: a digit is due */
    N_EXP    /* exponent digits */
};

enum { KEY_OTHER, KEY_RESULT, KEY_TOKEN };

static const char *const literals[3] = { "true", "false", "null" };
static const uint8_t literal_len[3] = { 4, 5, 4 };

/* String bytes that need no state: 0x20..0x7F except '"' and '\'. Most of a page is runs of
 * these; they are copied (or skipped) at memcpy speed. */
static const uint8_t plain[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x00 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x10 */
    1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x20: '"' */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x30 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x40 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, /* 0x50: '\' */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x60 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x70 */
    /* 0x80..0xFF: UTF-8, validated byte by byte */
};

void taws_json_stream_init(taws_json_stream_t *js, taws_str_t result_key, taws_str_t token_key,
                           char *window, size_t window_cap, char *token, size_t token_cap,
                           size_t string_cap)
{
    memset(js, 0, sizeof *js);
    js->result_key = result_key;
    js->token_key = token_key;
    js->window = window;
    js->window_cap = window_cap;
    js->token = token;
    js->token_cap = token_cap;
    js->string_cap = string_cap;
    js->st = G_VALUE;
    js->mode = M_OUTLINE;
}

/* The four JSON whitespace bytes; nothing else (no \f, \v, NBSP or BOM). */
static int is_ws(unsigned char c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

/* Can c begin some JSON value? (Then a wrong one in the outline is a type error.) */
static int is_value_start(unsigned char c)
{
    return c == '{' || c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' ||
           c == 'f' || c == 'n';
}

/* Appends a byte of the element being framed, or only counts it once the window is full. */
static void emit(taws_json_stream_t *js, char c)
{
    js->needed++;
    if (js->too_big)
        return;
    if (js->item_len >= js->window_cap) {
        js->too_big = 1;
        return;
    }
    js->window[js->item_len++] = c;
}

/* Appends a run of element bytes: what emit() does for each, at memcpy speed. */
static void emit_run(taws_json_stream_t *js, const char *p, size_t k)
{
    size_t room = js->window_cap - js->item_len;
    js->needed += k;
    if (js->too_big)
        return;
    if (k > room) {
        memcpy(js->window + js->item_len, p, room);
        js->item_len = js->window_cap;
        js->too_big = 1;
        return;
    }
    memcpy(js->window + js->item_len, p, k);
    js->item_len += k;
}

static int is_array(const taws_json_stream_t *js)
{
    return (int)((js->arrays >> (js->depth - 1)) & 1u);
}

static taws_status_t open_container(taws_json_stream_t *js, unsigned char c)
{
    if (js->depth >= TAWS_JSON_MAX_DEPTH)
        return TAWS_ERR_JSON_DEPTH;
    if (c == '[')
        js->arrays |= (uint32_t)1 << js->depth;
    else
        js->arrays &= ~((uint32_t)1 << js->depth);
    js->depth++;
    js->st = c == '[' ? G_VALUE_OR_CLOSE : G_KEY_OR_CLOSE;
    return TAWS_OK;
}

/* A value has ended (a scalar, or a container's closing bracket). Returns the event: an
 * element of the result array, or the end of the top-level object. */
static taws_json_event_t value_done(taws_json_stream_t *js)
{
    js->st = G_AFTER;
    if (js->depth > 2)
        return TAWS_JSON_MORE;
    if (js->depth == 0) {
        js->st = G_END;
        return TAWS_JSON_END;
    }
    if (js->mode == M_ELEM) { /* back at the result array: the element is complete */
        js->mode = M_OUTLINE;
        js->items++;
        if (js->too_big) {
            js->item_needed = js->needed;
            js->item_len = 0;
            return TAWS_JSON_ITEM_TOO_BIG;
        }
        return TAWS_JSON_ITEM;
    }
    if (js->depth == 1)
        js->mode = M_OUTLINE; /* a skipped value or the token ended */
    return TAWS_JSON_MORE;
}

static taws_json_event_t close_container(taws_json_stream_t *js, unsigned char c)
{
    if (js->mode == M_ELEM)
        emit(js, (char)c);
    js->depth--;
    return value_done(js);
}

static void key_done(taws_json_stream_t *js)
{
    if (!js->key_overflow && js->key_len == js->result_key.n &&
        memcmp(js->key, js->result_key.p, js->key_len) == 0)
        js->key_kind = KEY_RESULT;
    else if (!js->key_overflow && js->key_len == js->token_key.n &&
             memcmp(js->key, js->token_key.p, js->key_len) == 0)
        js->key_kind = KEY_TOKEN;
    else
        js->key_kind = KEY_OTHER;
}

/* Opens a string (the '"' was seen); its bytes go where the mode says. */
static void string_begin(taws_json_stream_t *js, int is_key, uint8_t outline_sink)
{
    js->st = G_STRING;
    js->esc = 0;
    js->low_wanted = 0;
    js->u8_need = 0;
    js->str_key = (uint8_t)is_key;
    if (js->mode == M_ELEM) {
        js->sink = SINK_EMIT;
        js->str_raw = 0;
        js->cut = 0;
        emit(js, '"');
        js->safe_len = js->needed; /* the earliest cut leaves an empty string */
    } else if (js->mode == M_SKIP) {
        js->sink = SINK_DROP;
    } else {
        js->sink = outline_sink;
        memset(&js->unesc, 0, sizeof js->unesc);
    }
}

/* Appends decoded string bytes to the key or the token. */
static taws_status_t string_out(taws_json_stream_t *js, const char *b, int n)
{
    int i;
    if (js->sink == SINK_KEY) {
        for (i = 0; i < n; i++) {
            if (js->key_len < sizeof js->key)
                js->key[js->key_len++] = b[i];
            else
                js->key_overflow = 1; /* longer than any key we look for */
        }
        return TAWS_OK;
    }
    if (js->token_len + (size_t)n > js->token_cap)
        return TAWS_ERR_TOO_LONG;
    memcpy(js->token + js->token_len, b, (size_t)n);
    js->token_len += (size_t)n;
    return TAWS_OK;
}

/* The closing quote. */
static taws_json_event_t string_end(taws_json_stream_t *js)
{
    if (js->sink == SINK_EMIT)
        emit(js, '"');
    if (js->str_key) {
        if (js->sink == SINK_KEY)
            key_done(js);
        js->st = G_COLON;
        return TAWS_JSON_MORE;
    }
    if (js->sink == SINK_TOKEN) {
        js->has_token = js->token_len > 0; /* "" means no more pages */
        js->token_string = 1;              /* but it is printed as sent (--no-paginate) */
    }
    return value_done(js);
}

/* A UTF-8 lead byte: how many continuation bytes follow and the range of the first one
 * (Unicode Table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF). */
static taws_status_t utf8_lead(taws_json_stream_t *js, unsigned char c)
{
    if (c < 0xC2 || c > 0xF4)
        return TAWS_ERR_JSON_UNICODE;
    js->u8_lo = 0x80;
    js->u8_hi = 0xBF;
    if (c < 0xE0) {
        js->u8_need = 1;
    } else if (c < 0xF0) {
        js->u8_need = 2;
        if (c == 0xE0)
            js->u8_lo = 0xA0;
        else if (c == 0xED)
            js->u8_hi = 0x9F;
    } else {
        js->u8_need = 3;
        if (c == 0xF0)
            js->u8_lo = 0x90;
        else if (c == 0xF4)
            js->u8_hi = 0x8F;
    }
    return TAWS_OK;
}

/* One string byte of an element, after validation: copied, unless the string is cut. A cut
 * falls on a character boundary: never inside an escape, a surrogate pair or a UTF-8
 * sequence. */
static void elem_string_out(taws_json_stream_t *js, unsigned char c, int boundary)
{
    if (js->cut)
        return;
    if (boundary)
        js->safe_len = js->needed;
    if (js->string_cap && !js->str_key && js->str_raw >= js->string_cap) {
        /* Cut at the last character boundary; the rest of the string is validated, not kept. */
        js->cut = 1;
        js->item_truncated = 1;
        if (!js->too_big || js->safe_len <= js->window_cap) {
            js->item_len = js->safe_len;
            js->too_big = 0;
        }
        js->needed = js->safe_len;
        return;
    }
    js->str_raw++;
    emit(js, (char)c);
}

/* One string byte outside a plain run: validates escapes, surrogate pairs and UTF-8, then
 * hands the byte on. A lone surrogate escape is refused (TAWS_ERR_JSON_UNICODE) like invalid
 * UTF-8: neither has a UTF-8 form, so neither can be a string of the model. */
static taws_status_t string_byte(taws_json_stream_t *js, unsigned char c, taws_json_event_t *ev)
{
    int boundary = 0;
    if (js->u8_need) {
        if (c < js->u8_lo || c > js->u8_hi)
            return TAWS_ERR_JSON_UNICODE;
        js->u8_need--;
        js->u8_lo = 0x80;
        js->u8_hi = 0xBF;
    } else if (js->esc == 0) {
        if (js->low_wanted) {
            if (c != '\\')
                return TAWS_ERR_JSON_UNICODE; /* a high surrogate escape without its low one */
            js->esc = 1;
        } else if (c == '"') {
            *ev = string_end(js);
            return TAWS_OK;
        } else if (c == '\\') {
            js->esc = 1;
            boundary = 1;
        } else if (c < 0x80) {
            if (c < 0x20)
                return TAWS_ERR_JSON_SYNTAX; /* raw control characters are not allowed */
            boundary = 1;
        } else {
            TAWS_TRY(utf8_lead(js, c));
            boundary = 1;
        }
    } else if (js->esc == 1) {
        if (c == 'u') {
            js->esc = 2;
            js->u = 0;
        } else if (js->low_wanted) {
            return TAWS_ERR_JSON_UNICODE;
        } else if (c == '"' || c == '\\' || c == '/' || c == 'b' || c == 'f' || c == 'n' ||
                   c == 'r' || c == 't') {
            js->esc = 0;
        } else {
            return TAWS_ERR_JSON_SYNTAX; /* not one of the nine escapes */
        }
    } else {
        int h = taws_json_hexval(c);
        if (h < 0)
            return TAWS_ERR_JSON_SYNTAX; /* \u takes four hex digits */
        js->u = (uint16_t)(js->u << 4 | (unsigned)h);
        /* Decided as early as the digits allow: after a high surrogate the escape must be
         * \uDC00..\uDFFF; a low surrogate without one before it is refused. */
        if (js->esc == 2 && js->low_wanted && js->u != 0xD)
            return TAWS_ERR_JSON_UNICODE;
        if (js->esc == 3 && (js->low_wanted ? js->u < 0xDC : js->u >= 0xDC && js->u <= 0xDF))
            return TAWS_ERR_JSON_UNICODE;
        if (++js->esc == 6) {
            js->esc = 0;
            js->low_wanted = (uint8_t)(!js->low_wanted && js->u >= 0xD800 && js->u <= 0xDBFF);
        }
    }
    if (js->sink == SINK_EMIT) {
        elem_string_out(js, c, boundary);
    } else if (js->sink != SINK_DROP) {
        char out[8];
        int n = taws_unesc_byte(&js->unesc, c, out);
        if (n < 0)
            return TAWS_ERR_JSON_SYNTAX; /* cannot happen: validated above */
        return string_out(js, out, n);
    }
    return TAWS_OK;
}

/* A run of plain string bytes starting at p[0]: consumed at once where no per-byte work is
 * needed. Returns how many bytes it took (0: take p[0] byte by byte). */
static size_t string_run(taws_json_stream_t *js, const char *p, size_t n)
{
    size_t k = 1;
    while (k < n && plain[(unsigned char)p[k]])
        k++;
    switch (js->sink) {
    case SINK_DROP:
        return k;
    case SINK_EMIT:
        if (js->cut)
            return k;
        if (js->string_cap && !js->str_key) {
            size_t room = js->string_cap - js->str_raw;
            if (k > room)
                k = room; /* the byte past the cap cuts, byte by byte */
            if (k == 0)
                return 0;
            js->str_raw += k;
            emit_run(js, p, k);
            js->safe_len = js->needed - 1; /* every plain byte is a character */
            return k;
        }
        emit_run(js, p, k);
        return k;
    case SINK_TOKEN: {
        size_t room = js->token_cap - js->token_len;
        if (k > room)
            k = room; /* the byte that does not fit fails, byte by byte */
        if (k == 0)
            return 0;
        memcpy(js->token + js->token_len, p, k);
        js->token_len += k;
        return k;
    }
    default:
        return 0; /* a top-level key: short, decoded byte by byte */
    }
}

/* The first byte of a value in the outline: the top-level object, the result array, the
 * token, an element, or the start of a skipped value. */
static taws_status_t outline_value(taws_json_stream_t *js, unsigned char c, int *generic)
{
    *generic = 0;
    if (js->depth == 0) {
        if (c == '{')
            return open_container(js, c);
        return is_value_start(c) ? TAWS_ERR_JSON_TYPE : TAWS_ERR_JSON_SYNTAX;
    }
    if (js->depth == 2) { /* the result array: its elements are objects */
        if (c != '{')
            return is_value_start(c) ? TAWS_ERR_JSON_TYPE : TAWS_ERR_JSON_SYNTAX;
        js->item_len = 0;
        js->needed = 0;
        js->safe_len = 0;
        js->item_truncated = 0;
        js->too_big = 0;
        js->mode = M_ELEM;
        emit(js, '{');
        return open_container(js, c);
    }
    if (js->key_kind == KEY_RESULT) {
        /* A second result member: botocore keeps the last array, after the first was
         * streamed out already. The document is ambiguous: an error, never a mix. */
        if (js->result_members++ > 0)
            return TAWS_ERR_JSON_DUPLICATE;
        if (c == '[') {
            js->saw_result = 1;
            return open_container(js, c);
        }
    } else if (js->key_kind == KEY_TOKEN) {
        if (c == '"' || c == 'n') {
            js->token_len = 0;
            js->has_token = 0;
            js->token_string = 0;
        }
        if (c == '"') {
            string_begin(js, 0, SINK_TOKEN);
            return TAWS_OK;
        }
    } else {
        js->mode = M_SKIP; /* an unknown member: validated, dropped */
        *generic = 1;
        return TAWS_OK;
    }
    if (c == 'n') { /* null: the result or the token is absent */
        *generic = 1;
        return TAWS_OK;
    }
    return is_value_start(c) ? TAWS_ERR_JSON_TYPE : TAWS_ERR_JSON_SYNTAX;
}

/* The first byte of any value (in an element, a skipped value, or an outline null). */
static taws_status_t value_start(taws_json_stream_t *js, unsigned char c)
{
    if (js->mode == M_OUTLINE) {
        int generic;
        TAWS_TRY(outline_value(js, c, &generic));
        if (!generic)
            return TAWS_OK;
    }
    switch (c) {
    case '{':
    case '[':
        if (js->mode == M_ELEM)
            emit(js, (char)c);
        return open_container(js, c);
    case '"':
        string_begin(js, 0, SINK_DROP);
        return TAWS_OK;
    case 't':
    case 'f':
    case 'n':
        js->st = G_LITERAL;
        js->lit = c == 't' ? 0 : c == 'f' ? 1 : 2;
        js->lit_pos = 1;
        break;
    case '-':
        js->st = G_NUMBER;
        js->num = N_MINUS;
        break;
    case '0':
        js->st = G_NUMBER;
        js->num = N_ZERO;
        break;
    default:
        if (c < '1' || c > '9')
            return TAWS_ERR_JSON_SYNTAX;
        js->st = G_NUMBER;
        js->num = N_INT;
        break;
    }
    if (js->mode == M_ELEM)
        emit(js, (char)c);
    return TAWS_OK;
}

/* One byte of a number. Returns 1 in *ended when c is not part of it (c is then read again
 * in the state after the value). */
static taws_status_t number_byte(taws_json_stream_t *js, unsigned char c, int *ended)
{
    int digit = c >= '0' && c <= '9';
    switch (js->num) {
    case N_MINUS:
        if (!digit)
            return TAWS_ERR_JSON_SYNTAX;
        js->num = c == '0' ? N_ZERO : N_INT;
        break;
    case N_ZERO:
    case N_INT:
    case N_FRAC:
        if (digit && js->num != N_ZERO)
            break;
        if (c == '.' && js->num != N_FRAC)
            js->num = N_DOT;
        else if (c == 'e' || c == 'E')
            js->num = N_E;
        else
            *ended = 1; /* a digit after a leading 0 ends it too, and then fails */
        break;
    case N_DOT:
        if (!digit)
            return TAWS_ERR_JSON_SYNTAX;
        js->num = N_FRAC;
        break;
    case N_E:
        if (c == '+' || c == '-') {
            js->num = N_ESIGN;
            break;
        }
        /* fall through */
    case N_ESIGN:
        if (!digit)
            return TAWS_ERR_JSON_SYNTAX;
        js->num = N_EXP;
        break;
    default: /* N_EXP */
        if (!digit)
            *ended = 1;
        break;
    }
    if (!*ended && js->mode == M_ELEM)
        emit(js, (char)c);
    return TAWS_OK;
}

taws_status_t taws_json_feed(taws_json_stream_t *js, const char *in, size_t n, size_t *used,
                             taws_json_event_t *ev)
{
    size_t i;
    *ev = TAWS_JSON_MORE;
    if (js->st == G_FAILED) {
        *used = 0;
        return (taws_status_t)js->err;
    }
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)in[i];
        taws_json_event_t e = TAWS_JSON_MORE;
        taws_status_t st = TAWS_OK;
        if (js->st == G_STRING) {
            if (plain[c] && js->esc == 0 && js->u8_need == 0 && !js->low_wanted) {
                size_t k = string_run(js, in + i, n - i);
                if (k > 0) {
                    i += k - 1;
                    continue;
                }
            }
            st = string_byte(js, c, &e);
        } else {
        again:
            switch (js->st) {
            case G_AFTER:
                if (c == ',') {
                    if (js->mode == M_ELEM)
                        emit(js, ',');
                    js->st = is_array(js) ? G_VALUE : G_KEY;
                } else if (c == '}' || c == ']') {
                    if (is_array(js) != (c == ']'))
                        st = TAWS_ERR_JSON_SYNTAX; /* "{]" or "[}" */
                    else
                        e = close_container(js, c);
                } else if (!is_ws(c)) {
                    st = TAWS_ERR_JSON_SYNTAX; /* a missing comma, or a second value */
                }
                break;
            case G_KEY_OR_CLOSE:
                if (c == '}') {
                    e = close_container(js, c);
                    break;
                }
                /* fall through */
            case G_KEY:
                if (c == '"') {
                    if (js->mode == M_OUTLINE) {
                        js->key_len = 0;
                        js->key_overflow = 0;
                    }
                    string_begin(js, 1, SINK_KEY);
                } else if (!is_ws(c)) {
                    st = TAWS_ERR_JSON_SYNTAX; /* member names are strings; no trailing comma */
                }
                break;
            case G_COLON:
                if (c == ':') {
                    if (js->mode == M_ELEM)
                        emit(js, ':');
                    js->st = G_VALUE;
                } else if (!is_ws(c)) {
                    st = TAWS_ERR_JSON_SYNTAX;
                }
                break;
            case G_VALUE_OR_CLOSE:
                if (c == ']') {
                    e = close_container(js, c);
                    break;
                }
                /* fall through */
            case G_VALUE:
                if (!is_ws(c))
                    st = value_start(js, c);
                break;
            case G_NUMBER: {
                int ended = 0;
                st = number_byte(js, c, &ended);
                if (ended) {
                    (void)value_done(js); /* a scalar never ends an element or the document */
                    goto again;
                }
                break;
            }
            case G_LITERAL:
                if (c != (unsigned char)literals[js->lit][js->lit_pos]) {
                    st = TAWS_ERR_JSON_SYNTAX; /* true, false and null exactly */
                    break;
                }
                if (js->mode == M_ELEM)
                    emit(js, (char)c);
                if (++js->lit_pos == literal_len[js->lit])
                    (void)value_done(js);
                break;
            case G_END:
                if (!is_ws(c))
                    st = TAWS_ERR_JSON_SYNTAX; /* only whitespace after the top-level value */
                break;
            default:
                st = TAWS_ERR_STATE;
            }
        }
        if (st != TAWS_OK) {
            js->st = G_FAILED; /* never resumed past a refused byte */
            js->err = (uint8_t)st;
            *used = i;
            return st;
        }
        if (e != TAWS_JSON_MORE) {
            *ev = e;
            *used = i + 1;
            return TAWS_OK;
        }
    }
    *used = n;
    return TAWS_OK;
}

taws_status_t taws_json_finish(const taws_json_stream_t *js)
{
    if (js->st == G_FAILED)
        return (taws_status_t)js->err;
    return js->st == G_END ? TAWS_OK : TAWS_ERR_JSON_TRUNCATED;
}
