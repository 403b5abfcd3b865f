/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer harness: the shared-file INI reader (src/ini.c) and the credential-response
 * parsers (src/cred_json.c).
 *
 * Input: [0] target (% 4: 0 INI, 1 IoT, 2 container, 3 IMDS), [1] split seed, [2] buffer
 * sizes for the credentials (< 128: config.h's; else small ones derived from it), payload.
 *
 * INI: the payload is read whole, byte by byte and in random pieces; the three runs must give
 * the same events (type, line, every byte of every view, flags), the same status and the same
 * line. Each event keeps the reader's contract: views inside the reader, lines that never go
 * back, keys without upper-case ASCII, values and names trimmed, TAWS_INI_SUBKEY only in the
 * block of a key whose own value was empty, TAWS_INI_CONT only after a non-empty one; section
 * kinds in both files fit their buffer and are NUL-terminated.
 *
 * Credentials: the payload is parsed whole, byte by byte and in random pieces (same status,
 * member, offset and values) and against a reference written for this harness: a recursive
 * JSON reader over the whole buffer that collects the members the format knows. A document
 * the reference finds invalid, too deep or missing something is never accepted; a valid one
 * without any problem always is, with the reference's values; every refusal is one the
 * reference can explain; on every refusal the caller's buffers are all zero.
 */
#include <string.h>
#include "fuzz_util.h"
#include "../../src/cred_json.h"
#include "tinyaws/ini.h"

#define HDR 3
#define MAX_IN 8192

/* ---------------------------------------------------------------- INI */
typedef struct {
    uint64_t h;
    size_t events;
    uint32_t last_line;
    int last_key_empty, have_key;
    const taws_ini_t *r;
} ini_run_t;

static uint64_t mix(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    while (n--) {
        h ^= *b++;
        h *= 0x100000001b3ull;
    }
    return h;
}

static int trimmed(taws_str_t s)
{
    return s.n == 0 || (s.p[0] != ' ' && s.p[0] != '\t' && s.p[s.n - 1] != ' ' && s.p[s.n - 1] != '\t');
}

static taws_status_t on_event(void *ctx, const taws_ini_event_t *ev)
{
    ini_run_t *run = ctx;
    size_t i;
    FUZZ_CHECK(ev->line >= run->last_line);
    run->last_line = ev->line;
    FUZZ_CHECK(fuzz_inside(ev->section.p, ev->section.n, run->r, sizeof *run->r));
    FUZZ_CHECK(ev->section.n > 0);
    FUZZ_CHECK(ev->is_default == (ev->section.n == 7 && memcmp(ev->section.p, "DEFAULT", 7) == 0));
    if (ev->type != TAWS_INI_SECTION) {
        FUZZ_CHECK(fuzz_inside(ev->key.p, ev->key.n, run->r, sizeof *run->r));
        FUZZ_CHECK(fuzz_inside(ev->value.p, ev->value.n, run->r, sizeof *run->r));
        FUZZ_CHECK(ev->key.n > 0 && trimmed(ev->key) && trimmed(ev->value));
        for (i = 0; i < ev->key.n; i++)
            FUZZ_CHECK(!(ev->key.p[i] >= 'A' && ev->key.p[i] <= 'Z'));
    }
    switch (ev->type) {
    case TAWS_INI_SECTION:
        run->have_key = 0;
        break;
    case TAWS_INI_KEY:
        run->have_key = 1;
        run->last_key_empty = ev->value.n == 0;
        break;
    case TAWS_INI_CONT:
        FUZZ_CHECK(run->have_key && !run->last_key_empty && ev->value.n > 0);
        break;
    case TAWS_INI_SUBKEY:
        FUZZ_CHECK(run->have_key && run->last_key_empty);
        FUZZ_CHECK(fuzz_inside(ev->subkey.p, ev->subkey.n, run->r, sizeof *run->r));
        FUZZ_CHECK(trimmed(ev->subkey));
        break;
    }
    if (ev->type == TAWS_INI_SECTION) {
        static char name[48];
        size_t len = 7777;
        taws_ini_kind_t kind;
        int file;
        for (file = 0; file < 2; file++) {
            taws_status_t st = taws_ini_section_kind(ev->section, file, &kind, name, sizeof name, &len);
            FUZZ_CHECK(st == TAWS_OK || st == TAWS_ERR_TOO_LONG);
            if (st == TAWS_OK) {
                FUZZ_CHECK(len < sizeof name && name[len] == 0);
                if (file == 1 && !ev->is_default)
                    FUZZ_CHECK(kind == TAWS_INI_PROFILE && len == ev->section.n &&
                               memcmp(name, ev->section.p, len) == 0);
                if (kind == TAWS_INI_OTHER)
                    FUZZ_CHECK(len == 0);
            }
        }
    }
    run->h = mix(run->h, &ev->type, sizeof ev->type);
    run->h = mix(run->h, &ev->line, sizeof ev->line);
    run->h = mix(run->h, &ev->is_default, sizeof ev->is_default);
    run->h = mix(run->h, &ev->blank_lines, sizeof ev->blank_lines);
    run->h = mix(run->h, ev->section.p, ev->section.n);
    run->h = mix(run->h, "|", 1);
    run->h = mix(run->h, ev->key.p, ev->key.n);
    run->h = mix(run->h, "|", 1);
    run->h = mix(run->h, ev->subkey.p, ev->subkey.n);
    run->h = mix(run->h, "|", 1);
    run->h = mix(run->h, ev->value.p, ev->value.n);
    run->events++;
    return TAWS_OK;
}

static taws_ini_t readers[3];

static void ini_target(const uint8_t *in, size_t n, uint32_t seed)
{
    ini_run_t runs[3];
    taws_status_t st[3];
    int m;
    size_t newlines = 0, i;
    for (i = 0; i < n; i++)
        newlines += in[i] == '\n' || in[i] == '\r';
    for (m = 0; m < 3; m++) {
        fuzz_split_t sp;
        size_t at = 0;
        memset(&runs[m], 0, sizeof runs[m]);
        runs[m].h = 0xcbf29ce484222325ull;
        runs[m].r = &readers[m];
        fuzz_split_init(&sp, m == 0 ? FUZZ_WHOLE : m == 1 ? FUZZ_BYTES : FUZZ_RANDOM, 37, seed);
        taws_ini_init(&readers[m], on_event, &runs[m]);
        st[m] = TAWS_OK;
        while (at < n && st[m] == TAWS_OK) {
            size_t k = fuzz_split_next(&sp, n - at);
            st[m] = taws_ini_feed(&readers[m], in + at, k);
            at += k;
        }
        if (st[m] == TAWS_OK)
            st[m] = taws_ini_finish(&readers[m]);
        FUZZ_CHECK_STATUS(st[m]);
        FUZZ_CHECK(taws_ini_line(&readers[m]) <= newlines + 1);
    }
    for (m = 1; m < 3; m++) {
        if (st[m] != st[0] || runs[m].h != runs[0].h || runs[m].events != runs[0].events ||
            (st[0] != TAWS_OK && taws_ini_line(&readers[m]) != taws_ini_line(&readers[0]))) {
            fuzz_dump("file", in, n);
            fprintf(stderr, "run %d: %s line %u, whole: %s line %u\n", m, taws_status_name(st[m]),
                    (unsigned)taws_ini_line(&readers[m]), taws_status_name(st[0]), (unsigned)taws_ini_line(&readers[0]));
            FUZZ_CHECK(!"INI reading depends on how the file is split");
        }
    }
}

/* ---------------------------------------------------------------- credentials reference */
enum { RM_CREDS, RM_KEY, RM_SECRET, RM_TOKEN, RM_EXP, RM_CODE, RM_N };
static const char *const ref_names[3][RM_N] = {
    { "credentials", "accessKeyId", "secretAccessKey", "sessionToken", "expiration", NULL },
    { NULL, "AccessKeyId", "SecretAccessKey", "Token", "Expiration", NULL },
    { NULL, "AccessKeyId", "SecretAccessKey", "Token", "Expiration", "Code" },
};

typedef struct {
    int count, is_string, is_object;
    char value[MAX_IN];
    size_t len;
} ref_member_t;

typedef struct {
    const uint8_t *p;
    size_t n, i;
    int fmt, bad, deep;
    const taws_cred_out_t *caps;
    ref_member_t m[RM_N];
    char scratch[MAX_IN];
} ref_t;

static ref_t ref;

static void ws(ref_t *r)
{
    while (r->i < r->n && (r->p[r->i] == ' ' || r->p[r->i] == '\t' || r->p[r->i] == '\n' || r->p[r->i] == '\r'))
        r->i++;
}

static int hex4(ref_t *r, unsigned *v)
{
    int k;
    *v = 0;
    for (k = 0; k < 4; k++, r->i++) {
        int c = r->i < r->n ? r->p[r->i] : -1, d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
            d = (c | 0x20) - 'a' + 10;
        else
            return 0;
        *v = *v * 16 + (unsigned)d;
    }
    return 1;
}

static void emit_utf8(char *out, size_t *len, unsigned cp)
{
    if (cp < 0x80) {
        out[(*len)++] = (char)cp;
    } else if (cp < 0x800) {
        out[(*len)++] = (char)(0xC0 | cp >> 6);
        out[(*len)++] = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out[(*len)++] = (char)(0xE0 | cp >> 12);
        out[(*len)++] = (char)(0x80 | (cp >> 6 & 0x3F));
        out[(*len)++] = (char)(0x80 | (cp & 0x3F));
    } else {
        out[(*len)++] = (char)(0xF0 | cp >> 18);
        out[(*len)++] = (char)(0x80 | (cp >> 12 & 0x3F));
        out[(*len)++] = (char)(0x80 | (cp >> 6 & 0x3F));
        out[(*len)++] = (char)(0x80 | (cp & 0x3F));
    }
}

/* A JSON string at r->i ('"' expected), decoded into out; 0 when malformed. */
static int ref_string(ref_t *r, char *out, size_t *len)
{
    *len = 0;
    if (r->i >= r->n || r->p[r->i] != '"')
        return 0;
    r->i++;
    for (;;) {
        unsigned c;
        if (r->i >= r->n)
            return 0;
        c = r->p[r->i++];
        if (c == '"')
            return 1;
        if (c < 0x20)
            return 0;
        if (c == '\\') {
            unsigned v, lo;
            if (r->i >= r->n)
                return 0;
            c = r->p[r->i++];
            switch (c) {
            case '"': case '\\': case '/': out[(*len)++] = (char)c; break;
            case 'b': out[(*len)++] = '\b'; break;
            case 'f': out[(*len)++] = '\f'; break;
            case 'n': out[(*len)++] = '\n'; break;
            case 'r': out[(*len)++] = '\r'; break;
            case 't': out[(*len)++] = '\t'; break;
            case 'u':
                if (!hex4(r, &v))
                    return 0;
                if (v >= 0xDC00 && v <= 0xDFFF)
                    return 0;
                if (v >= 0xD800 && v <= 0xDBFF) {
                    if (r->i + 1 >= r->n || r->p[r->i] != '\\' || r->p[r->i + 1] != 'u')
                        return 0;
                    r->i += 2;
                    if (!hex4(r, &lo) || lo < 0xDC00 || lo > 0xDFFF)
                        return 0;
                    v = 0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00);
                }
                emit_utf8(out, len, v);
                break;
            default:
                return 0;
            }
            continue;
        }
        if (c >= 0x80) { /* one UTF-8 sequence, RFC 3629 */
            unsigned need, cp, min;
            if (c >= 0xC0 && c < 0xE0) {
                need = 1, cp = c & 0x1F, min = 0x80;
            } else if (c >= 0xE0 && c < 0xF0) {
                need = 2, cp = c & 0x0F, min = 0x800;
            } else if (c >= 0xF0 && c < 0xF8) {
                need = 3, cp = c & 0x07, min = 0x10000;
            } else {
                return 0;
            }
            out[(*len)++] = (char)c;
            while (need--) {
                if (r->i >= r->n || (r->p[r->i] & 0xC0) != 0x80)
                    return 0;
                cp = cp << 6 | (r->p[r->i] & 0x3Fu);
                out[(*len)++] = (char)r->p[r->i++];
            }
            if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                return 0;
            continue;
        }
        out[(*len)++] = (char)c;
    }
}

/* The statuses the reference finds reasons for (why[st] = 1), for every occurrence of a
 * member (the parser stops at the first problem, wherever it is). */
static unsigned char why[TAWS_STATUS_COUNT];

static void ref_check(ref_t *r, int m, const ref_member_t *mm)
{
    if (m == RM_CREDS ? !mm->is_object : !mm->is_string)
        why[TAWS_ERR_JSON_TYPE] = 1;
    if (!mm->is_string)
        return;
    if (m == RM_EXP) {
        int64_t e;
        if (taws_cred_parse_time(mm->value, mm->len, &e) != TAWS_OK)
            why[TAWS_ERR_CRED_TIMESTAMP] = 1;
    } else if (m == RM_CODE) {
        if (mm->len != 7 || memcmp(mm->value, "Success", 7) != 0)
            why[TAWS_ERR_CRED_CODE] = 1;
    } else if (m != RM_CREDS) {
        const taws_cred_buf_t *b = m == RM_KEY ? &r->caps->key_id : m == RM_SECRET ? &r->caps->secret : &r->caps->token;
        size_t i;
        if (mm->len == 0)
            why[TAWS_ERR_CRED_VALUE] = 1;
        if (mm->len + 1 > b->cap)
            why[TAWS_ERR_CRED_TOO_LONG] = 1;
        for (i = 0; i < mm->len; i++) {
            unsigned char c = (unsigned char)mm->value[i];
            int good = m == RM_KEY ? ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9') || c == '_'
                                   : c > 0x20 && c < 0x7F;
            if (!good)
                why[TAWS_ERR_CRED_VALUE] = 1;
        }
    }
}

static int ref_value(ref_t *r, int depth, int collect_level);

/* collect_level: 1 for the members this format reads at this object, 2 for IoT's
 * credentials object, 0 for none. */
static int ref_object(ref_t *r, int depth, int collect_level)
{
    if (depth > TAWS_CRED_JSON_MAX_DEPTH) {
        r->deep = 1;
        return 0;
    }
    r->i++;
    ws(r);
    if (r->i < r->n && r->p[r->i] == '}') {
        r->i++;
        return 1;
    }
    for (;;) {
        size_t len;
        int m, found = -1, sub = 0;
        ws(r);
        if (!ref_string(r, r->scratch, &len))
            return 0;
        if (collect_level)
            for (m = 0; m < RM_N; m++) {
                const char *want = ref_names[r->fmt][m];
                int here = m == RM_CREDS ? collect_level == 1 : (r->fmt == 0 ? collect_level == 2 : collect_level == 1);
                if (want && here && strlen(want) == len && memcmp(want, r->scratch, len) == 0)
                    found = m;
            }
        ws(r);
        if (r->i >= r->n || r->p[r->i] != ':')
            return 0;
        r->i++;
        ws(r);
        if (found >= 0) {
            ref_member_t *mm = &r->m[found];
            mm->count++;
            mm->is_string = mm->is_object = 0;
            if (r->i < r->n && r->p[r->i] == '"') {
                mm->is_string = 1;
                if (!ref_string(r, mm->value, &mm->len))
                    return 0;
            } else {
                if (found == RM_CREDS && r->i < r->n && r->p[r->i] == '{') {
                    mm->is_object = 1;
                    sub = mm->count == 1 ? 2 : 0;
                }
                if (!ref_value(r, depth, sub))
                    return 0;
            }
            ref_check(r, found, mm);
        } else if (!ref_value(r, depth, 0)) {
            return 0;
        }
        ws(r);
        if (r->i < r->n && r->p[r->i] == ',') {
            r->i++;
            continue;
        }
        if (r->i < r->n && r->p[r->i] == '}') {
            r->i++;
            return 1;
        }
        return 0;
    }
}

static int ref_value(ref_t *r, int depth, int collect_level)
{
    size_t len;
    ws(r);
    if (r->i >= r->n)
        return 0;
    switch (r->p[r->i]) {
    case '{':
        return ref_object(r, depth + 1, collect_level);
    case '[':
        if (depth + 1 > TAWS_CRED_JSON_MAX_DEPTH) {
            r->deep = 1;
            return 0;
        }
        r->i++;
        ws(r);
        if (r->i < r->n && r->p[r->i] == ']') {
            r->i++;
            return 1;
        }
        for (;;) {
            if (!ref_value(r, depth + 1, 0))
                return 0;
            ws(r);
            if (r->i < r->n && r->p[r->i] == ',') {
                r->i++;
                continue;
            }
            if (r->i < r->n && r->p[r->i] == ']') {
                r->i++;
                return 1;
            }
            return 0;
        }
    case '"':
        return ref_string(r, r->scratch, &len);
    case 't':
    case 'f':
    case 'n': {
        const char *lit = r->p[r->i] == 't' ? "true" : r->p[r->i] == 'f' ? "false" : "null";
        size_t k = strlen(lit);
        if (r->n - r->i < k || memcmp(r->p + r->i, lit, k) != 0)
            return 0;
        r->i += k;
        return 1;
    }
    default: { /* -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
        size_t s;
        if (r->p[r->i] == '-')
            r->i++;
        if (r->i < r->n && r->p[r->i] == '0')
            r->i++;
        else if (r->i < r->n && r->p[r->i] >= '1' && r->p[r->i] <= '9')
            while (r->i < r->n && r->p[r->i] >= '0' && r->p[r->i] <= '9')
                r->i++;
        else
            return 0;
        if (r->i < r->n && r->p[r->i] == '.') {
            s = ++r->i;
            while (r->i < r->n && r->p[r->i] >= '0' && r->p[r->i] <= '9')
                r->i++;
            if (r->i == s)
                return 0;
        }
        if (r->i < r->n && (r->p[r->i] == 'e' || r->p[r->i] == 'E')) {
            r->i++;
            if (r->i < r->n && (r->p[r->i] == '+' || r->p[r->i] == '-'))
                r->i++;
            s = r->i;
            while (r->i < r->n && r->p[r->i] >= '0' && r->p[r->i] <= '9')
                r->i++;
            if (r->i == s)
                return 0;
        }
        /* what may follow a number (a real parser would say so at the next token) */
        return 1;
    }
    }
}


/* *valid: the document is well-formed JSON; returns how many reasons there are to refuse it. */
static int ref_reasons(int fmt, const uint8_t *in, size_t n, const taws_cred_out_t *caps, int *valid)
{
    int m, ok, count = 0;
    memset(why, 0, sizeof why);
    memset(&ref, 0, sizeof ref);
    ref.caps = caps;
    ref.p = in;
    ref.n = n;
    ref.fmt = fmt;
    ws(&ref);
    if (ref.i < n && ref.p[ref.i] == '{') {
        ok = ref_object(&ref, 1, 1);
    } else {
        ok = ref_value(&ref, 0, 0);
        if (ok) {
            ws(&ref);
            *valid = ref.i == n;
            why[TAWS_ERR_JSON_TYPE] = (unsigned char)*valid;
            return *valid;
        }
    }
    ws(&ref);
    *valid = ok && !ref.deep && ref.i == n;
    if (!*valid)
        return 0;
    for (m = 0; m < RM_N; m++) {
        const char *name = ref_names[fmt][m];
        const ref_member_t *mm = &ref.m[m];
        if (!name)
            continue;
        if (mm->count == 0 && m != RM_CODE)
            why[TAWS_ERR_CRED_MISSING] = 1;
        if (mm->count > 1)
            why[TAWS_ERR_CRED_DUPLICATE] = 1;
    }
    for (m = 0; m < TAWS_STATUS_COUNT; m++)
        count += why[m];
    return count;
}

/* ---------------------------------------------------------------- credentials target */
static char bufs[3][3][TAWS_CRED_TOKEN_MAX + 1];

static void bind(taws_cred_out_t *out, int run, uint8_t sizes)
{
    size_t caps[3] = { TAWS_CRED_KEY_ID_MAX + 1, TAWS_CRED_SECRET_MAX + 1, TAWS_CRED_TOKEN_MAX + 1 };
    int i;
    if (sizes >= 128) {
        caps[0] = 1 + sizes % 24;
        caps[1] = 1 + sizes % 48;
        caps[2] = 1 + sizes % 100;
    }
    for (i = 0; i < 3; i++) {
        memset(bufs[run][i], 0x5A, sizeof bufs[run][i]); /* leftovers of an earlier secret */
        fuzz_fence(bufs[run][i], caps[i], sizeof bufs[run][i]);
    }
    out->key_id.p = bufs[run][0];
    out->key_id.cap = caps[0];
    out->secret.p = bufs[run][1];
    out->secret.cap = caps[1];
    out->token.p = bufs[run][2];
    out->token.cap = caps[2];
}

static int zero(const taws_cred_buf_t *b)
{
    size_t i;
    for (i = 0; i < b->cap; i++)
        if (b->p[i])
            return 0;
    return b->len == 0;
}

static void value_ok(const taws_cred_buf_t *b, const ref_member_t *mm)
{
    FUZZ_CHECK(b->len > 0 && b->len < b->cap && b->p[b->len] == 0);
    FUZZ_CHECK(b->len == mm->len && memcmp(b->p, mm->value, b->len) == 0);
}

static void cred_target(int fmt, const uint8_t *in, size_t n, uint32_t seed, uint8_t sizes)
{
    static taws_cred_json_t p[3];
    taws_cred_out_t out[3];
    taws_status_t st[3];
    int m, valid, reasons;
    for (m = 0; m < 3; m++) {
        fuzz_split_t sp;
        size_t at = 0;
        bind(&out[m], m, sizes);
        fuzz_split_init(&sp, m == 0 ? FUZZ_WHOLE : m == 1 ? FUZZ_BYTES : FUZZ_RANDOM, 29, seed);
        taws_cred_json_init(&p[m], (taws_cred_format_t)fmt, &out[m]);
        st[m] = TAWS_OK;
        while (at < n && st[m] == TAWS_OK) {
            size_t k = fuzz_split_next(&sp, n - at);
            st[m] = taws_cred_json_feed(&p[m], in + at, k);
            at += k;
        }
        if (st[m] == TAWS_OK)
            st[m] = taws_cred_json_finish(&p[m]);
        FUZZ_CHECK_STATUS(st[m]);
        if (st[m] != TAWS_OK)
            FUZZ_CHECK(zero(&out[m].key_id) && zero(&out[m].secret) && zero(&out[m].token) &&
                       out[m].expiration == 0);
    }
    for (m = 1; m < 3; m++) {
        FUZZ_CHECK(st[m] == st[0] && p[m].what == p[0].what && p[m].offset == p[0].offset);
        if (st[0] == TAWS_OK)
            FUZZ_CHECK(out[m].expiration == out[0].expiration && out[m].token.len == out[0].token.len &&
                       memcmp(out[m].token.p, out[0].token.p, out[0].token.len) == 0);
    }
    reasons = ref_reasons(fmt, in, n, &out[0], &valid);
    if (st[0] == TAWS_OK) {
        int64_t e = 0;
        FUZZ_CHECK(valid && reasons == 0);
        value_ok(&out[0].key_id, &ref.m[RM_KEY]);
        value_ok(&out[0].secret, &ref.m[RM_SECRET]);
        value_ok(&out[0].token, &ref.m[RM_TOKEN]);
        FUZZ_CHECK(taws_cred_parse_time(ref.m[RM_EXP].value, ref.m[RM_EXP].len, &e) == TAWS_OK);
        FUZZ_CHECK(e == out[0].expiration);
    } else if (valid) {
        if (!why[st[0]]) {
            fuzz_dump("document", in, n);
            fprintf(stderr, "refused with %s (member %s), the reference sees no such problem\n",
                    taws_status_name(st[0]), p[0].what ? p[0].what : "-");
            FUZZ_CHECK(!"a valid document refused for no reason");
        }
    } else {
        /* malformed or too deep for the reference: a JSON refusal, or a value problem met first */
        FUZZ_CHECK(st[0] != TAWS_OK);
    }
    for (m = 0; m < 3; m++) {
        int b;
        for (b = 0; b < 3; b++)
            fuzz_unfence(bufs[m][b], sizeof bufs[m][b]);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < HDR || size - HDR > MAX_IN)
        return 0;
    if (data[0] % 4 == 0)
        ini_target(data + HDR, size - HDR, data[1]);
    else
        cred_target(data[0] % 4 - 1, data + HDR, size - HDR, data[1], data[2]);
    return 0;
}
