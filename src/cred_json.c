/* SPDX-License-Identifier: MIT */
/* Streaming parsers for the IoT, container and IMDS credential responses (see cred_json.h). */
#include <string.h>
#include "cred_json.h"
#include "json.h"

#if TAWS_CRED_JSON_MAX_DEPTH < 1 || TAWS_CRED_JSON_MAX_DEPTH > 32
#error "TAWS_CRED_JSON_MAX_DEPTH must be 1..32 (one bit of taws_cred_json_t.objects each)"
#endif

enum { S_START, S_VALUE, S_OBJ_OPEN, S_OBJ_KEY, S_COLON, S_AFTER, S_ARR_OPEN, S_STRING, S_NUMBER,
       S_LITERAL, S_DONE, S_FINISHED };
enum { R_NAME, R_KEEP, R_SKIP };  /* string roles */
enum { M_NONE, M_CREDS, M_KEY, M_SECRET, M_TOKEN, M_EXP, M_CODE, M_COUNT };
/* number states */
enum { N_MINUS = 1, N_ZERO, N_INT, N_DOT, N_FRAC, N_E, N_ESIGN, N_EDIG };
/* string states: 0 plain, 1 after '\\', 2..5 \u hex digits, 6/7 the '\\' 'u' of a low surrogate */
enum { STR_PLAIN, STR_ESC, STR_HEX, STR_LOW_BS = 6, STR_LOW_U = 7 };

/* Member names as each service spells them (index: M_*). */
static const char *const names[3][M_COUNT] = {
    { NULL, "credentials", "accessKeyId", "secretAccessKey", "sessionToken", "expiration", NULL },
    { NULL, NULL, "AccessKeyId", "SecretAccessKey", "Token", "Expiration", NULL },
    { NULL, NULL, "AccessKeyId", "SecretAccessKey", "Token", "Expiration", "Code" },
};

/* Overwrites memory in a way the compiler may not drop (no mbedTLS here: this file stands
 * alone). */
static void wipe(void *p, size_t n)
{
    volatile unsigned char *v = p;
    while (n--)
        *v++ = 0;
}

static void wipe_buf(taws_cred_buf_t *b)
{
    if (b->p && b->cap)
        wipe(b->p, b->cap);
    b->len = 0;
}

static taws_status_t fail(taws_cred_json_t *p, taws_status_t st, const char *what)
{
    p->st = st;
    p->what = what;
    if (p->out) {
        wipe_buf(&p->out->key_id);
        wipe_buf(&p->out->secret);
        wipe_buf(&p->out->token);
        p->out->expiration = 0;
    }
    wipe(p->scratch, sizeof p->scratch);
    wipe(p->name, sizeof p->name);
    return st;
}

void taws_cred_out_bind(taws_cred_out_t *out, taws_cred_storage_t *s)
{
    out->key_id.p = s->key_id;
    out->key_id.cap = sizeof s->key_id;
    out->secret.p = s->secret;
    out->secret.cap = sizeof s->secret;
    out->token.p = s->token;
    out->token.cap = sizeof s->token;
    out->key_id.len = out->secret.len = out->token.len = 0;
    out->expiration = 0;
}

void taws_cred_json_init(taws_cred_json_t *p, taws_cred_format_t fmt, taws_cred_out_t *out)
{
    memset(p, 0, sizeof *p);
    p->fmt = (unsigned)fmt <= TAWS_CRED_FMT_IMDS ? fmt : TAWS_CRED_FMT_IMDS;
    p->out = out;
    p->state = S_START;
    if (!out || (unsigned)fmt > TAWS_CRED_FMT_IMDS || !out->key_id.p || !out->key_id.cap ||
        !out->secret.p || !out->secret.cap || !out->token.p || !out->token.cap) {
        p->out = NULL;
        p->st = TAWS_ERR_ARG;
        return;
    }
    fail(p, TAWS_OK, NULL); /* start from wiped buffers: no earlier secret stays behind the new */
}

static taws_cred_buf_t *dest(taws_cred_json_t *p)
{
    switch (p->member) {
    case M_KEY:
        return &p->out->key_id;
    case M_SECRET:
        return &p->out->secret;
    case M_TOKEN:
        return &p->out->token;
    default:
        return NULL;
    }
}

/* What a key id (IAM: [\w]+), a secret or a session token may hold: the last two go into an
 * HMAC key and an HTTP header, so printable ASCII without space. */
static int allowed(int member, unsigned char c)
{
    if (member == M_KEY)
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    return c > 0x20 && c < 0x7F;
}

static taws_status_t put(taws_cred_json_t *p, unsigned char c)
{
    const char *what = names[p->fmt][p->member];
    if (p->role == R_NAME) {
        if (p->name_len < sizeof p->name)
            p->name[p->name_len] = (char)c;
        if (p->name_len <= sizeof p->name)
            p->name_len++; /* sizeof name + 1: longer than any known name */
    } else if (p->role == R_KEEP && p->member == M_EXP) {
        if (p->scratch_len == sizeof p->scratch)
            return fail(p, TAWS_ERR_CRED_TIMESTAMP, what);
        p->scratch[p->scratch_len++] = (char)c;
    } else if (p->role == R_KEEP && p->member == M_CODE) {
        if (p->scratch_len == sizeof p->scratch)
            return fail(p, TAWS_ERR_CRED_CODE, what);
        p->scratch[p->scratch_len++] = (char)c;
    } else if (p->role == R_KEEP) {
        taws_cred_buf_t *b = dest(p);
        if (!allowed(p->member, c))
            return fail(p, TAWS_ERR_CRED_VALUE, what);
        if (b->len + 1 >= b->cap)
            return fail(p, TAWS_ERR_CRED_TOO_LONG, what);
        b->p[b->len++] = (char)c;
    }
    return TAWS_OK;
}

static taws_status_t put_cp(taws_cred_json_t *p, uint32_t cp)
{
    unsigned char b[4];
    size_t n, i;
    if (cp < 0x80) {
        b[0] = (unsigned char)cp;
        n = 1;
    } else if (cp < 0x800) {
        b[0] = (unsigned char)(0xC0 | cp >> 6);
        b[1] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        b[0] = (unsigned char)(0xE0 | cp >> 12);
        b[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
        b[2] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        b[0] = (unsigned char)(0xF0 | cp >> 18);
        b[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
        b[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
        b[3] = (unsigned char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    for (i = 0; i < n; i++)
        if (put(p, b[i]) != TAWS_OK)
            return p->st;
    return TAWS_OK;
}

static taws_status_t push(taws_cred_json_t *p, int object)
{
    if (p->depth == TAWS_CRED_JSON_MAX_DEPTH)
        return fail(p, TAWS_ERR_JSON_DEPTH, NULL);
    if (object)
        p->objects |= (uint32_t)1 << p->depth;
    else
        p->objects &= ~((uint32_t)1 << p->depth);
    p->depth++;
    p->state = object ? S_OBJ_OPEN : S_ARR_OPEN;
    return TAWS_OK;
}

static int top_is_object(const taws_cred_json_t *p)
{
    return p->depth > 0 && (p->objects >> (p->depth - 1) & 1u);
}

static void pop(taws_cred_json_t *p)
{
    if (p->depth == p->creds_depth)
        p->creds_depth = 0; /* the credentials object closed */
    p->depth--;
    p->state = p->depth == 0 ? S_DONE : S_AFTER;
}

/* The member name just read: is it one this format wants, here? */
static taws_status_t name_done(taws_cred_json_t *p)
{
    int m;
    p->member = M_NONE;
    for (m = M_CREDS; m < M_COUNT; m++) {
        const char *want = names[p->fmt][m];
        int here = m == M_CREDS ? p->depth == 1
                                : (p->fmt == TAWS_CRED_FMT_IOT ? p->creds_depth && p->depth == p->creds_depth
                                                               : p->depth == 1);
        if (want && here && p->name_len == strlen(want) && memcmp(p->name, want, p->name_len) == 0) {
            if (p->seen & (1u << m))
                return fail(p, TAWS_ERR_CRED_DUPLICATE, want);
            p->seen |= 1u << m;
            p->member = (uint8_t)m;
            break;
        }
    }
    p->state = S_COLON;
    return TAWS_OK;
}

static taws_status_t string_done(taws_cred_json_t *p)
{
    const char *what = names[p->fmt][p->member];
    if (p->role == R_NAME)
        return name_done(p);
    p->state = S_AFTER;
    if (p->role == R_KEEP && p->member == M_EXP) {
        if (taws_cred_parse_time(p->scratch, p->scratch_len, &p->out->expiration) != TAWS_OK)
            return fail(p, TAWS_ERR_CRED_TIMESTAMP, what);
    } else if (p->role == R_KEEP && p->member == M_CODE) {
        if (p->scratch_len != 7 || memcmp(p->scratch, "Success", 7) != 0)
            return fail(p, TAWS_ERR_CRED_CODE, what);
    } else if (p->role == R_KEEP) {
        taws_cred_buf_t *b = dest(p);
        if (b->len == 0)
            return fail(p, TAWS_ERR_CRED_VALUE, what);
        b->p[b->len] = 0;
    }
    p->member = M_NONE;
    return TAWS_OK;
}

static void string_start(taws_cred_json_t *p, int role)
{
    p->state = S_STRING;
    p->sub = STR_PLAIN;
    p->role = (uint8_t)role;
    p->utf8_need = 0;
    p->u = 0;
    p->name_len = p->scratch_len = 0;
}

static taws_status_t string_byte(taws_cred_json_t *p, unsigned char c)
{
    if (p->sub == STR_ESC) {
        static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
        const char *e = c ? strchr(from, c) : NULL;
        if (c == 'u') {
            p->sub = STR_HEX;
            return TAWS_OK;
        }
        if (!e)
            return fail(p, TAWS_ERR_JSON_SYNTAX, NULL);
        p->sub = STR_PLAIN;
        return put(p, (unsigned char)to[e - from]);
    }
    if (p->sub >= STR_HEX && p->sub < STR_LOW_BS) {
        int v = taws_json_hexval(c);
        uint32_t unit, high = p->u >> 16;
        if (v < 0)
            return fail(p, TAWS_ERR_JSON_SYNTAX, NULL);
        p->u = (p->u & 0xFFFF0000u) | (((p->u & 0xFFFFu) << 4 | (uint32_t)v) & 0xFFFFu);
        if (p->sub++ < STR_HEX + 3)
            return TAWS_OK;
        unit = p->u & 0xFFFFu;
        p->sub = STR_PLAIN;
        p->u = 0;
        if (high) { /* the low half of a surrogate pair must follow its high half */
            if (unit < 0xDC00 || unit > 0xDFFF)
                return fail(p, TAWS_ERR_JSON_UNICODE, NULL);
            return put_cp(p, 0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00));
        }
        if (unit >= 0xD800 && unit <= 0xDBFF) {
            p->u = unit << 16;
            p->sub = STR_LOW_BS;
            return TAWS_OK;
        }
        if (unit >= 0xDC00 && unit <= 0xDFFF)
            return fail(p, TAWS_ERR_JSON_UNICODE, NULL);
        return put_cp(p, unit);
    }
    if (p->sub == STR_LOW_BS || p->sub == STR_LOW_U) {
        if (c != (p->sub == STR_LOW_BS ? '\\' : 'u'))
            return fail(p, TAWS_ERR_JSON_UNICODE, NULL);
        p->sub = p->sub == STR_LOW_BS ? STR_LOW_U : STR_HEX;
        return TAWS_OK;
    }
    if (p->utf8_need) { /* RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF */
        if (c < p->utf8_lo || c > p->utf8_hi)
            return fail(p, TAWS_ERR_JSON_UNICODE, NULL);
        p->utf8_need--;
        p->utf8_lo = 0x80;
        p->utf8_hi = 0xBF;
        return put(p, c);
    }
    if (c == '"')
        return string_done(p);
    if (c == '\\') {
        p->sub = STR_ESC;
        return TAWS_OK;
    }
    if (c < 0x20)
        return fail(p, TAWS_ERR_JSON_SYNTAX, NULL);
    if (c >= 0x80) {
        p->utf8_lo = 0x80;
        p->utf8_hi = 0xBF;
        if (c >= 0xC2 && c <= 0xDF)
            p->utf8_need = 1;
        else if (c >= 0xE0 && c <= 0xEF) {
            p->utf8_need = 2;
            if (c == 0xE0)
                p->utf8_lo = 0xA0;
            if (c == 0xED)
                p->utf8_hi = 0x9F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            p->utf8_need = 3;
            if (c == 0xF0)
                p->utf8_lo = 0x90;
            if (c == 0xF4)
                p->utf8_hi = 0x8F;
        } else {
            return fail(p, TAWS_ERR_JSON_UNICODE, NULL);
        }
    }
    return put(p, c);
}

/* A number, per RFC 8259's grammar; returns 1 when c is not part of it (c is then read again). */
static int number_byte(taws_cred_json_t *p, unsigned char c)
{
    int digit = c >= '0' && c <= '9';
    switch (p->sub) {
    case N_MINUS:
        if (!digit)
            return fail(p, TAWS_ERR_JSON_SYNTAX, NULL), 0;
        p->sub = c == '0' ? N_ZERO : N_INT;
        return 0;
    case N_ZERO:
    case N_INT:
        if (digit && p->sub == N_ZERO)
            return fail(p, TAWS_ERR_JSON_SYNTAX, NULL), 0; /* no leading zeros */
        if (digit)
            return 0;
        if (c == '.')
            p->sub = N_DOT;
        else if (c == 'e' || c == 'E')
            p->sub = N_E;
        else
            return 1;
        return 0;
    case N_DOT:
    case N_ESIGN:
        if (!digit)
            return fail(p, TAWS_ERR_JSON_SYNTAX, NULL), 0;
        p->sub = p->sub == N_DOT ? N_FRAC : N_EDIG;
        return 0;
    case N_FRAC:
        if (digit)
            return 0;
        if (c == 'e' || c == 'E') {
            p->sub = N_E;
            return 0;
        }
        return 1;
    case N_E:
        if (c == '+' || c == '-')
            p->sub = N_ESIGN;
        else if (digit)
            p->sub = N_EDIG;
        else
            fail(p, TAWS_ERR_JSON_SYNTAX, NULL);
        return 0;
    default: /* N_EDIG */
        return digit ? 0 : 1;
    }
}

static taws_status_t value_start(taws_cred_json_t *p, unsigned char c)
{
    int m = p->member;
    const char *what = names[p->fmt][m];
    if (m == M_CREDS && c != '{')
        return fail(p, TAWS_ERR_JSON_TYPE, what);
    if (m != M_NONE && m != M_CREDS && c != '"')
        return fail(p, TAWS_ERR_JSON_TYPE, what);
    if (c == '"') {
        string_start(p, m != M_NONE ? R_KEEP : R_SKIP);
        return TAWS_OK;
    }
    p->member = M_NONE;
    if (c == '{') {
        if (push(p, 1) != TAWS_OK)
            return p->st;
        if (m == M_CREDS)
            p->creds_depth = p->depth;
        return TAWS_OK;
    }
    if (c == '[')
        return push(p, 0);
    if (c == '-' || (c >= '0' && c <= '9')) {
        p->state = S_NUMBER;
        p->sub = c == '-' ? N_MINUS : c == '0' ? N_ZERO : N_INT;
        return TAWS_OK;
    }
    if (c == 't' || c == 'f' || c == 'n') {
        p->literal = c == 't' ? "true" : c == 'f' ? "false" : "null";
        p->state = S_LITERAL;
        p->sub = 1;
        return TAWS_OK;
    }
    return fail(p, TAWS_ERR_JSON_SYNTAX, NULL);
}

static taws_status_t byte(taws_cred_json_t *p, unsigned char c)
{
    int ws = c == ' ' || c == '\t' || c == '\n' || c == '\r';
    for (;;) {
        switch (p->state) {
        case S_STRING:
            return string_byte(p, c);
        case S_NUMBER:
            if (!number_byte(p, c))
                return p->st;
            p->state = S_AFTER; /* the number ended: c is read again */
            continue;
        case S_LITERAL:
            if (c != (unsigned char)p->literal[p->sub])
                return fail(p, TAWS_ERR_JSON_SYNTAX, NULL);
            if (p->literal[++p->sub] == 0)
                p->state = S_AFTER;
            return TAWS_OK;
        default:
            break;
        }
        if (ws)
            return TAWS_OK;
        switch (p->state) {
        case S_START:
            if (c == '{')
                return push(p, 1);
            if (c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9') || c == 't' || c == 'f' || c == 'n')
                return fail(p, TAWS_ERR_JSON_TYPE, NULL); /* JSON, but not an object */
            return fail(p, TAWS_ERR_JSON_SYNTAX, NULL);
        case S_ARR_OPEN:
            if (c == ']') {
                pop(p);
                return TAWS_OK;
            }
            p->state = S_VALUE;
            continue;
        case S_VALUE:
            return value_start(p, c);
        case S_OBJ_OPEN:
        case S_OBJ_KEY:
            if (c == '"') {
                string_start(p, R_NAME);
                return TAWS_OK;
            }
            if (c == '}' && p->state == S_OBJ_OPEN) {
                pop(p);
                return TAWS_OK;
            }
            return fail(p, TAWS_ERR_JSON_SYNTAX, NULL);
        case S_COLON:
            if (c != ':')
                return fail(p, TAWS_ERR_JSON_SYNTAX, NULL);
            p->state = S_VALUE;
            return TAWS_OK;
        case S_AFTER:
            if (c == ',') {
                p->state = top_is_object(p) ? S_OBJ_KEY : S_VALUE;
                return TAWS_OK;
            }
            if ((c == '}' && top_is_object(p)) || (c == ']' && !top_is_object(p))) {
                pop(p);
                return TAWS_OK;
            }
            return fail(p, TAWS_ERR_JSON_SYNTAX, NULL);
        default: /* S_DONE: only whitespace may follow the document */
            return fail(p, TAWS_ERR_JSON_SYNTAX, NULL);
        }
    }
}

taws_status_t taws_cred_json_feed(taws_cred_json_t *p, const void *data, size_t n)
{
    const unsigned char *b = data;
    size_t i;
    if (p->st != TAWS_OK)
        return p->st;
    if (p->state == S_FINISHED)
        return TAWS_ERR_STATE;
    for (i = 0; i < n; i++, p->offset++)
        if (byte(p, b[i]) != TAWS_OK)
            return p->st;
    return TAWS_OK;
}

taws_status_t taws_cred_json_finish(taws_cred_json_t *p)
{
    static const int required[] = { M_CREDS, M_KEY, M_SECRET, M_TOKEN, M_EXP };
    size_t i;
    if (p->st != TAWS_OK)
        return p->st;
    if (p->state == S_FINISHED)
        return TAWS_ERR_STATE;
    if (p->state != S_DONE)
        return fail(p, TAWS_ERR_JSON_TRUNCATED, NULL);
    for (i = 0; i < sizeof required / sizeof required[0]; i++) {
        const char *what = names[p->fmt][required[i]];
        if (what && !(p->seen & (1u << required[i])))
            return fail(p, TAWS_ERR_CRED_MISSING, what);
    }
    wipe(p->scratch, sizeof p->scratch);
    p->state = S_FINISHED;
    return TAWS_OK;
}

taws_status_t taws_cred_json_parse(taws_cred_format_t fmt, const void *body, size_t n,
                                   taws_cred_out_t *out)
{
    taws_cred_json_t p;
    taws_status_t st;
    taws_cred_json_init(&p, fmt, out);
    st = taws_cred_json_feed(&p, body, n);
    if (st == TAWS_OK)
        st = taws_cred_json_finish(&p);
    wipe(&p, sizeof p);
    return st;
}

/* ---- ISO 8601 times as the services send them ------------------------------------------- */

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    int64_t era, yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static int digits(const char *s, size_t n, size_t at, size_t count, int *v)
{
    size_t i;
    *v = 0;
    if (at + count > n)
        return 0;
    for (i = at; i < at + count; i++) {
        if (s[i] < '0' || s[i] > '9')
            return 0;
        *v = *v * 10 + (s[i] - '0');
    }
    return 1;
}

taws_status_t taws_cred_parse_time(const char *s, size_t n, int64_t *epoch)
{
    static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int y, mo, d, h, mi, se, oh = 0, om = 0, leap, sign = 0;
    size_t i = 19;
    if (!digits(s, n, 0, 4, &y) || n < 19 || s[4] != '-' || !digits(s, n, 5, 2, &mo) || s[7] != '-' ||
        !digits(s, n, 8, 2, &d) || (s[10] != 'T' && s[10] != 't') || !digits(s, n, 11, 2, &h) ||
        s[13] != ':' || !digits(s, n, 14, 2, &mi) || s[16] != ':' || !digits(s, n, 17, 2, &se))
        return TAWS_ERR_CRED_TIMESTAMP;
    leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1] + (mo == 2 && leap) || h > 23 || mi > 59 || se > 59)
        return TAWS_ERR_CRED_TIMESTAMP;
    if (i < n && s[i] == '.') { /* a fraction: at least one digit, dropped */
        size_t start = ++i;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
        if (i == start)
            return TAWS_ERR_CRED_TIMESTAMP;
    }
    if (i < n && (s[i] == 'Z' || s[i] == 'z')) {
        i++;
    } else if (i < n && (s[i] == '+' || s[i] == '-')) {
        sign = s[i] == '-' ? -1 : 1;
        if (!digits(s, n, i + 1, 2, &oh))
            return TAWS_ERR_CRED_TIMESTAMP;
        i += 3;
        if (i < n && s[i] == ':')
            i++;
        if (!digits(s, n, i, 2, &om) || oh > 23 || om > 59)
            return TAWS_ERR_CRED_TIMESTAMP;
        i += 2;
    } else {
        return TAWS_ERR_CRED_TIMESTAMP; /* no zone: which time it is would be a guess */
    }
    if (i != n)
        return TAWS_ERR_CRED_TIMESTAMP;
    *epoch = days_from_civil(y, mo, d) * 86400 + (int64_t)h * 3600 + (int64_t)mi * 60 + se -
             (int64_t)sign * ((int64_t)oh * 3600 + (int64_t)om * 60);
    return TAWS_OK;
}
