/*
 * The list-response framer: a byte-at-a-time state machine over the top-level object.
 * Only three things are kept: the current key (48 bytes), the page token (decoded into the
 * caller's token buffer) and the current element of the result array (copied, minified, into
 * the caller's window). Everything else is scanned and dropped. Nesting is a counter and a bit
 * stack, never recursion.
 */
#include <string.h>
#include "tinyaws/json.h"

enum {
    ST_BEGIN,      /* before the top-level '{' */
    ST_OBJ_OPEN,   /* after '{': a key or '}' */
    ST_KEY,        /* inside a key string */
    ST_COLON,
    ST_VALUE,      /* before a top-level value */
    ST_AFTER,      /* after a top-level value: ',' or '}' */
    ST_NEXT_KEY,   /* after ',': a key */
    ST_ARR_OPEN,   /* after the result array's '[': an element or ']' */
    ST_ARR_NEXT,   /* after an element: ',' or ']' */
    ST_ARR_ELEM,   /* after ',' in the array: an element */
    ST_ELEM,       /* framing an element into the window */
    ST_SKIP,       /* skipping a nested value */
    ST_SCALAR,     /* skipping a scalar (number, true, false, null) */
    ST_TOKEN,      /* decoding the page token string */
    ST_TOKEN_NULL, /* a null token */
    ST_END         /* after the top-level '}' */
};

enum { KEY_OTHER, KEY_RESULT, KEY_TOKEN };

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
    js->st = ST_BEGIN;
}

static int is_ws(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int is_scalar_char(char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-' || c == '+' || c == '.' ||
           c == 'E';
}

/* Opens or closes a container; `base` is the depth at which the scanned value started. */
static taws_status_t open_container(taws_json_stream_t *js, char c)
{
    if (js->depth >= TAWS_JSON_MAX_DEPTH)
        return TAWS_ERR_JSON_DEPTH;
    js->depth++;
    if (c == '[')
        js->arrays |= (uint32_t)1 << (js->depth - 1);
    else
        js->arrays &= ~((uint32_t)1 << (js->depth - 1));
    return TAWS_OK;
}

static taws_status_t close_container(taws_json_stream_t *js, char c)
{
    if (js->depth == 0 || (int)((js->arrays >> (js->depth - 1)) & 1u) != (c == ']'))
        return TAWS_ERR_JSON_SYNTAX; /* a stray close, "{]" or "[}" */
    js->depth--;
    return TAWS_OK;
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

/* Length of the run of plain string bytes at p: no quote, backslash or control character.
 * Most of a page is such runs; they need no per-byte state. */
static size_t plain_run(const char *p, size_t n)
{
    size_t i = 0;
    while (i < n && p[i] != '"' && p[i] != '\\' && (unsigned char)p[i] >= 0x20)
        i++;
    return i;
}

/* One byte inside a string of the element: escapes tracked so the string's end is found and
 * a cut never splits an escape, a surrogate pair or a UTF-8 sequence. */
static taws_status_t elem_string_byte(taws_json_stream_t *js, unsigned char c)
{
    int boundary;
    if (js->esc == 0 && c == '"') {
        js->in_str = 0;
        emit(js, (char)c);
        return TAWS_OK;
    }
    if (c < 0x20)
        return TAWS_ERR_JSON_SYNTAX; /* raw control characters are not allowed in strings */
    boundary = js->esc == 0 && (c & 0xC0) != 0x80 && !(js->pending_high && c == '\\');
    if (js->esc == 0) {
        if (c == '\\')
            js->esc = 1;
        else
            js->pending_high = 0;
    } else if (js->esc == 1) {
        js->esc = c == 'u' ? 2 : 0;
        js->u = 0;
        if (c != 'u')
            js->pending_high = 0;
    } else {
        int h = (c >= '0' && c <= '9') ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
        if (h < 0)
            return TAWS_ERR_JSON_SYNTAX;
        js->u = (uint16_t)(js->u << 4 | (unsigned)h);
        if (++js->esc == 6) {
            js->esc = 0;
            js->pending_high = js->u >= 0xD800 && js->u <= 0xDBFF;
        }
    }
    if (js->cut)
        return TAWS_OK;
    if (boundary)
        js->safe_len = js->needed;
    if (js->string_cap && !js->str_is_key && js->str_raw + 1 > js->string_cap) {
        /* Cut at the last character boundary; the rest of the string is scanned, not kept. */
        js->cut = 1;
        js->item_truncated = 1;
        if (!js->too_big || js->safe_len <= js->window_cap) {
            js->item_len = js->safe_len;
            js->too_big = 0;
        }
        js->needed = js->safe_len;
        return TAWS_OK;
    }
    js->str_raw++;
    emit(js, (char)c);
    return TAWS_OK;
}

/* One byte of the element outside strings. Returns 1 in *done when the element closed. */
static taws_status_t elem_byte(taws_json_stream_t *js, char c, int *done)
{
    if (is_ws(c))
        return TAWS_OK; /* minify: the window holds no insignificant whitespace */
    if (c == '"') {
        js->in_str = 1;
        js->str_raw = 0;
        js->cut = 0;
        js->esc = 0;
        js->pending_high = 0;
        js->str_is_key = js->key_next; /* keys are never cut: they must still match */
        js->key_next = 0;
        js->safe_len = js->needed + 1; /* the earliest cut leaves an empty string */
    } else if (c == '{' || c == '[') {
        TAWS_TRY(open_container(js, c));
        js->key_next = c == '{';
    } else if (c == ',') {
        js->key_next = !((js->arrays >> (js->depth - 1)) & 1u);
    } else if (c == ':') {
        js->key_next = 0;
    } else if (c == '}' || c == ']') {
        TAWS_TRY(close_container(js, c));
        *done = js->depth == 2;
    } else if (!is_scalar_char(c)) {
        return TAWS_ERR_JSON_SYNTAX;
    }
    emit(js, c);
    return TAWS_OK;
}

/* Skipping a nested value (unknown top-level member): only strings and nesting matter. */
static taws_status_t skip_byte(taws_json_stream_t *js, char c, int *done)
{
    if (js->in_str) {
        if (js->esc)
            js->esc = 0;
        else if (c == '\\')
            js->esc = 1;
        else if (c == '"') {
            js->in_str = 0;
            *done = js->depth == 1; /* a bare string value at the top level */
        }
        return TAWS_OK;
    }
    if (c == '"')
        js->in_str = 1;
    else if (c == '{' || c == '[')
        return open_container(js, c);
    else if (c == '}' || c == ']') {
        TAWS_TRY(close_container(js, c));
        *done = js->depth == 1;
    } else if (!is_ws(c) && !is_scalar_char(c) && c != ',' && c != ':')
        return TAWS_ERR_JSON_SYNTAX;
    return TAWS_OK;
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

/* Appends decoded string bytes to the key or the token. */
static taws_status_t string_out(taws_json_stream_t *js, const char *b, int n)
{
    int i;
    if (js->st == ST_KEY) {
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

/* A byte of a key or of the token: returns 1 in *done at the closing quote. */
static taws_status_t decoded_string_byte(taws_json_stream_t *js, unsigned char c, int *done)
{
    char out[8];
    int n;
    if (js->unesc.esc == 0 && c == '"') {
        n = taws_unesc_end(&js->unesc, out);
        *done = 1;
        return string_out(js, out, n);
    }
    if (c < 0x20)
        return TAWS_ERR_JSON_SYNTAX;
    n = taws_unesc_byte(&js->unesc, c, out);
    if (n < 0)
        return TAWS_ERR_JSON_SYNTAX;
    return string_out(js, out, n);
}

static taws_status_t begin_elem(taws_json_stream_t *js)
{
    js->item_len = 0;
    js->needed = 0;
    js->safe_len = 0;
    js->item_truncated = 0;
    js->too_big = 0;
    js->in_str = 0;
    js->st = ST_ELEM;
    TAWS_TRY(open_container(js, '{'));
    js->key_next = 1;
    emit(js, '{');
    return TAWS_OK;
}

taws_status_t taws_json_feed(taws_json_stream_t *js, const char *in, size_t n, size_t *used,
                             taws_json_event_t *ev)
{
    size_t i;
    *ev = TAWS_JSON_MORE;
    for (i = 0; i < n; i++) {
        char c = in[i];
        int done = 0;
        uint8_t prev = js->st;
        taws_status_t st = TAWS_OK;
        if (js->in_str && js->esc == 0 && (js->st == ST_SKIP || (js->st == ST_ELEM && !js->string_cap))) {
            /* Fast path: a run of plain bytes inside a string, copied (or skipped) at once. */
            size_t k = plain_run(in + i, n - i);
            if (k > 0) {
                if (js->st == ST_ELEM) {
                    emit_run(js, in + i, k);
                    js->str_raw += k;
                    js->pending_high = 0;
                }
                i += k - 1;
                continue;
            }
        }
        switch (js->st) {
        case ST_ELEM:
            st = js->in_str ? elem_string_byte(js, (unsigned char)c) : elem_byte(js, c, &done);
            if (st == TAWS_OK && done) {
                js->st = ST_ARR_NEXT;
                js->items++;
                if (js->too_big) {
                    js->item_needed = js->needed;
                    js->item_len = 0;
                    *ev = TAWS_JSON_ITEM_TOO_BIG;
                } else {
                    *ev = TAWS_JSON_ITEM;
                }
                *used = i + 1;
                return TAWS_OK;
            }
            break;
        case ST_SKIP:
            st = skip_byte(js, c, &done);
            if (done)
                js->st = ST_AFTER;
            break;
        case ST_SCALAR:
            if (is_scalar_char(c))
                break;
            js->st = ST_AFTER; /* c ends the scalar and belongs to ST_AFTER */
            /* fall through */
        case ST_AFTER:
            if (c == ',')
                js->st = ST_NEXT_KEY;
            else if (c == '}') {
                TAWS_TRY(close_container(js, c));
                js->st = ST_END;
            } else if (!is_ws(c))
                st = TAWS_ERR_JSON_SYNTAX;
            break;
        case ST_KEY:
        case ST_TOKEN:
            st = decoded_string_byte(js, (unsigned char)c, &done);
            if (st == TAWS_OK && done) {
                if (js->st == ST_KEY) {
                    key_done(js);
                    js->st = ST_COLON;
                } else {
                    js->has_token = js->token_len > 0; /* "" means no more pages */
                    js->st = ST_AFTER;
                }
            }
            break;
        case ST_BEGIN:
            if (c == '{') {
                TAWS_TRY(open_container(js, c));
                js->st = ST_OBJ_OPEN;
            } else if (!is_ws(c))
                st = (c == '[' || c == '"' || is_scalar_char(c)) ? TAWS_ERR_JSON_TYPE
                                                                 : TAWS_ERR_JSON_SYNTAX;
            break;
        case ST_OBJ_OPEN:
        case ST_NEXT_KEY:
            if (c == '"') {
                js->st = ST_KEY;
                js->key_len = 0;
                js->key_overflow = 0;
                memset(&js->unesc, 0, sizeof js->unesc);
            } else if (c == '}' && js->st == ST_OBJ_OPEN) {
                TAWS_TRY(close_container(js, c));
                js->st = ST_END;
            } else if (!is_ws(c))
                st = TAWS_ERR_JSON_SYNTAX;
            break;
        case ST_COLON:
            if (c == ':')
                js->st = ST_VALUE;
            else if (!is_ws(c))
                st = TAWS_ERR_JSON_SYNTAX;
            break;
        case ST_VALUE:
            if (is_ws(c))
                break;
            if (js->key_kind == KEY_RESULT && c == '[') {
                TAWS_TRY(open_container(js, c));
                js->saw_result = 1;
                js->st = ST_ARR_OPEN;
            } else if (js->key_kind == KEY_TOKEN && c == '"') {
                js->st = ST_TOKEN;
                js->token_len = 0;
                js->has_token = 0;
                memset(&js->unesc, 0, sizeof js->unesc);
            } else if (js->key_kind != KEY_OTHER && c != 'n') {
                st = TAWS_ERR_JSON_TYPE; /* neither the expected type nor null */
            } else if (c == '"' || c == '{' || c == '[') {
                js->st = ST_SKIP;
                js->in_str = 0;
                js->esc = 0;
                st = skip_byte(js, c, &done);
            } else if (is_scalar_char(c)) {
                if (js->key_kind == KEY_TOKEN) {
                    js->has_token = 0; /* null */
                    js->token_len = 0;
                }
                js->st = ST_SCALAR;
            } else {
                st = TAWS_ERR_JSON_SYNTAX;
            }
            break;
        case ST_ARR_OPEN:
        case ST_ARR_ELEM:
            if (c == '{')
                st = begin_elem(js);
            else if (c == ']' && js->st == ST_ARR_OPEN) {
                TAWS_TRY(close_container(js, c));
                js->st = ST_AFTER;
            } else if (!is_ws(c))
                st = (c == ']' || c == ',') ? TAWS_ERR_JSON_SYNTAX : TAWS_ERR_JSON_TYPE;
            break;
        case ST_ARR_NEXT:
            if (c == ',')
                js->st = ST_ARR_ELEM;
            else if (c == ']') {
                TAWS_TRY(close_container(js, c));
                js->st = ST_AFTER;
            } else if (!is_ws(c))
                st = TAWS_ERR_JSON_SYNTAX;
            break;
        case ST_END:
            if (!is_ws(c))
                st = TAWS_ERR_JSON_SYNTAX; /* trailing garbage */
            break;
        default:
            st = TAWS_ERR_STATE;
        }
        if (st != TAWS_OK) {
            *used = i;
            return st;
        }
        if (js->st == ST_END && prev != ST_END) {
            *ev = TAWS_JSON_END; /* reported once, as soon as the closing '}' is seen */
            *used = i + 1;
            return TAWS_OK;
        }
    }
    *used = n;
    return TAWS_OK;
}

taws_status_t taws_json_finish(const taws_json_stream_t *js)
{
    return js->st == ST_END ? TAWS_OK : TAWS_ERR_JSON_TRUNCATED;
}
