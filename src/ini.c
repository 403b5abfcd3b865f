/* SPDX-License-Identifier: MIT */
/* Bounded streaming reader for the AWS shared config and credentials files (see ini.h). */
#include <string.h>
#include "common.h" /* first: the library's view of private members */
#include "crypto.h"
#include "tinyaws/ini.h"

/* Length of the whitespace code point at p[0..n) as Python's str.isspace() sees it, or 0.
 * p holds valid UTF-8 (lines are checked before they are read). */
static size_t ws_at(const unsigned char *p, size_t n)
{
    unsigned c = p[0];
    if (c == ' ' || (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x1F))
        return 1;
    if (c == 0xC2 && n >= 2 && (p[1] == 0x85 || p[1] == 0xA0)) /* NEL, NO-BREAK SPACE */
        return 2;
    if (n >= 3) {
        unsigned cp = ((c & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
        if ((c & 0xF0) != 0xE0)
            return 0;
        if (cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 ||
            cp == 0x202F || cp == 0x205F || cp == 0x3000)
            return 3;
    }
    return 0;
}

/* Length of the whitespace code point that ends at p[n-1], or 0. */
static size_t ws_before(const unsigned char *p, size_t n)
{
    size_t k = 1;
    while (k < 4 && k < n && (p[n - k] & 0xC0) == 0x80)
        k++;
    return ws_at(p + n - k, k) == k ? k : 0;
}

/* splitlines() separators other than CR and LF, which never reach a line here. */
static size_t linesep_at(const unsigned char *p, size_t n)
{
    if (p[0] == 0x0B || p[0] == 0x0C || (p[0] >= 0x1C && p[0] <= 0x1E))
        return 1;
    if (p[0] == 0xC2 && n >= 2 && p[1] == 0x85)
        return 2;
    if (p[0] == 0xE2 && n >= 3 && p[1] == 0x80 && (p[2] == 0xA8 || p[2] == 0xA9))
        return 3;
    return 0;
}

typedef struct {
    const unsigned char *p;
    size_t n;
} span_t;

static span_t strip(span_t s)
{
    size_t k;
    while (s.n && (k = ws_at(s.p, s.n)) != 0) {
        s.p += k;
        s.n -= k;
    }
    while (s.n && (k = ws_before(s.p, s.n)) != 0)
        s.n -= k;
    return s;
}

static taws_str_t view(span_t s)
{
    taws_str_t v = { (const char *)s.p, s.n };
    return v;
}

/* FNV-1a, 64 bits: duplicate detection without keeping the names. */
static uint64_t hash(const void *p, size_t n)
{
    const unsigned char *b = p;
    uint64_t h = 0xcbf29ce484222325ull;
    while (n--) {
        h ^= *b++;
        h *= 0x100000001b3ull;
    }
    return h;
}

/* Adds h to the set; TAWS_ERR_INI_TOO_MANY when full, dup when already there. */
static taws_status_t remember(uint64_t *set, size_t *count, size_t cap, uint64_t h,
                              taws_status_t dup)
{
    size_t i;
    for (i = 0; i < *count; i++)
        if (set[i] == h)
            return dup;
    if (*count == cap)
        return TAWS_ERR_INI_TOO_MANY;
    set[(*count)++] = h;
    return TAWS_OK;
}

void taws_ini_init(taws_ini_t *r, taws_ini_cb_t cb, void *ctx)
{
    memset(r, 0, sizeof *r);
    r->cb = cb;
    r->ctx = ctx;
    r->line = 1;
}

static taws_status_t emit(taws_ini_t *r, taws_ini_event_type_t type, span_t subkey, span_t value)
{
    taws_ini_event_t ev;
    memset(&ev, 0, sizeof ev);
    ev.type = type;
    ev.line = r->line;
    ev.section.p = r->section;
    ev.section.n = r->section_len;
    ev.is_default = r->is_default;
    if (type != TAWS_INI_SECTION) {
        ev.key.p = r->key;
        ev.key.n = r->key_len;
        ev.value = view(value);
    }
    if (type == TAWS_INI_SUBKEY)
        ev.subkey = view(subkey);
    if (type == TAWS_INI_CONT)
        ev.blank_lines = r->blanks;
    return r->cb ? r->cb(r->ctx, &ev) : TAWS_OK;
}

static taws_status_t section_line(taws_ini_t *r, span_t name)
{
    static const char dflt[] = "DEFAULT";
    taws_status_t st;
    if (name.n > sizeof r->section)
        return TAWS_ERR_INI_NAME_TOO_LONG;
    r->is_default = name.n == sizeof dflt - 1 && memcmp(name.p, dflt, name.n) == 0;
    if (!r->is_default) { /* configparser lets DEFAULT be reopened, no other section */
        st = remember(r->sections, &r->nsections, TAWS_INI_MAX_SECTIONS, hash(name.p, name.n),
                      TAWS_ERR_INI_DUP_SECTION);
        if (st != TAWS_OK)
            return st;
        r->nkeys = 0;
    }
    memcpy(r->section, name.p, name.n);
    r->section_len = name.n;
    r->in_section = 1;
    r->have_key = 0;
    return emit(r, TAWS_INI_SECTION, name, name);
}

static taws_status_t key_line(taws_ini_t *r, span_t line)
{
    span_t key = { line.p, 0 }, value;
    size_t i;
    taws_status_t st;
    while (key.n < line.n && line.p[key.n] != '=' && line.p[key.n] != ':')
        key.n++;
    if (key.n == line.n)
        return TAWS_ERR_INI_SYNTAX; /* configparser's ParsingError */
    value.p = line.p + key.n + 1;
    value.n = line.n - key.n - 1;
    key = strip(key);
    if (key.n == 0)
        return TAWS_ERR_INI_SYNTAX;
    if (key.n > sizeof r->key)
        return TAWS_ERR_INI_NAME_TOO_LONG;
    for (i = 0; i < key.n; i++) /* configparser's optionxform: str.lower() */
        r->key[i] = (char)(key.p[i] >= 'A' && key.p[i] <= 'Z' ? key.p[i] + ('a' - 'A') : key.p[i]);
    r->key_len = key.n;
    if (r->is_default)
        st = remember(r->default_keys, &r->ndefault_keys, TAWS_INI_MAX_KEYS,
                      hash(r->key, r->key_len), TAWS_ERR_INI_DUP_KEY);
    else
        st = remember(r->keys, &r->nkeys, TAWS_INI_MAX_KEYS, hash(r->key, r->key_len),
                      TAWS_ERR_INI_DUP_KEY);
    if (st != TAWS_OK)
        return st;
    value = strip(value);
    r->have_key = 1;
    r->key_empty = value.n == 0;
    r->blanks = 0;
    return emit(r, TAWS_INI_KEY, value, value);
}

/* A continuation line of a nested block: botocore's _parse_nested() takes the joined value
 * apart with str.splitlines(), so the separators other than CR/LF split it too. */
static taws_status_t nested_line(taws_ini_t *r, span_t line)
{
    size_t i = 0;
    while (i <= line.n) {
        size_t k = 0, j = i, eq;
        span_t piece, sub, val;
        while (j < line.n && (k = linesep_at(line.p + j, line.n - j)) == 0)
            j++;
        piece.p = line.p + i;
        piece.n = j - i;
        i = j + (j < line.n ? k : 1);
        piece = strip(piece);
        if (piece.n == 0)
            continue;
        for (eq = 0; eq < piece.n && piece.p[eq] != '='; eq++)
            ;
        if (eq == piece.n)
            return TAWS_ERR_INI_NESTED;
        sub.p = piece.p;
        sub.n = eq;
        val.p = piece.p + eq + 1;
        val.n = piece.n - eq - 1;
        {
            taws_status_t st = emit(r, TAWS_INI_SUBKEY, strip(sub), strip(val));
            if (st != TAWS_OK)
                return st;
        }
    }
    return TAWS_OK;
}

static taws_status_t read_line(taws_ini_t *r)
{
    span_t all = { (const unsigned char *)r->buf, r->len }, line;
    size_t i, k, indent = 0;
    if (memchr(all.p, 0, all.n))
        return TAWS_ERR_INI_NUL;
    for (i = 0; i < all.n; i += k)
        if ((k = taws_utf8_seq(all.p + i, all.n - i)) == 0)
            return TAWS_ERR_INI_UTF8; /* Python's strict UTF-8 decoding fails the file */
    for (i = 0; i < all.n && (k = ws_at(all.p + i, all.n - i)) != 0; i += k)
        indent++; /* configparser measures indentation in code points */
    line = strip(all);
    if (line.n == 0) {
        if (r->have_key)
            r->blanks++;
        return TAWS_OK;
    }
    if (line.p[0] == '#' || line.p[0] == ';')
        return TAWS_OK;
    if (r->have_key && indent > r->indent) {
        taws_status_t st;
        if (r->key_empty)
            return nested_line(r, line);
        st = emit(r, TAWS_INI_CONT, line, line);
        r->blanks = 0;
        return st;
    }
    r->indent = indent;
    if (line.p[0] == '[') {
        size_t j = line.n;
        while (j > 0 && line.p[j - 1] != ']')
            j--;
        if (j >= 3) { /* "[" name "]" with the last ']' of the line, the name not empty */
            span_t name = { line.p + 1, j - 2 };
            return section_line(r, name);
        }
    }
    if (!r->in_section)
        return TAWS_ERR_INI_NO_SECTION;
    return key_line(r, line);
}

taws_status_t taws_ini_feed(taws_ini_t *r, const void *data, size_t n)
{
    const unsigned char *p = data;
    size_t i;
    if (r->st != TAWS_OK)
        return r->st;
    for (i = 0; i < n; i++) {
        unsigned char c = p[i];
        if (r->after_cr) {
            r->after_cr = 0;
            if (c == '\n')
                continue; /* CRLF */
        }
        if (c == '\n' || c == '\r') {
            r->st = read_line(r);
            if (r->st != TAWS_OK)
                return r->st;
            r->line++;
            r->len = 0;
            r->after_cr = c == '\r';
            continue;
        }
        if (r->len == sizeof r->buf)
            return r->st = TAWS_ERR_INI_LINE_TOO_LONG;
        r->buf[r->len++] = (char)c;
    }
    return TAWS_OK;
}

taws_status_t taws_ini_finish(taws_ini_t *r)
{
    if (r->st != TAWS_OK)
        return r->st;
    if (r->len > 0) {
        r->st = read_line(r);
        if (r->st != TAWS_OK)
            return r->st;
        r->len = 0;
    }
    r->st = TAWS_ERR_STATE; /* the file is over: nothing more may be fed */
    return TAWS_OK;
}

/* ---- section names: botocore's build_profile_map() with shlex.split() -------------------- */

/* shlex.split(s) in POSIX mode: is it exactly two words? The second goes to out. Returns
 * TAWS_OK (two words), TAWS_DONE (another count, or a quote or escape left open: shlex's
 * ValueError), or TAWS_ERR_TOO_LONG (two words, the second longer than cap - 1). */
static taws_status_t shlex_second(taws_str_t s, char *out, size_t cap, size_t *out_len)
{
    size_t i, words = 0, len = 0;
    char quote = 0; /* the open quote, if any */
    int in_word = 0, escaped = 0;
    for (i = 0; i <= s.n; i++) {
        int end = i == s.n, have = 0;
        char c = end ? 0 : s.p[i], put = 0;
        if (escaped) {
            if (end)
                return TAWS_DONE; /* "No escaped character" */
            if (quote == '"' && c != '"' && c != '\\') { /* in "...", a backslash escapes only these */
                if (words == 1 && len + 1 < cap)
                    out[len] = '\\';
                len += words == 1;
            }
            put = c;
            have = 1;
            escaped = 0;
        } else if (quote) {
            if (end)
                return TAWS_DONE; /* "No closing quotation" */
            if (c == quote)
                quote = 0;
            else if (c == '\\' && quote == '"')
                escaped = 1;
            else {
                put = c;
                have = 1;
            }
        } else if (end || c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            if (in_word) {
                in_word = 0;
                words++;
            }
            continue;
        } else if (c == '\'' || c == '"') {
            quote = c;
            in_word = 1;
        } else if (c == '\\') {
            escaped = 1;
            in_word = 1;
        } else {
            put = c;
            have = 1;
            in_word = 1;
        }
        if (have && words == 1) {
            if (len + 1 < cap)
                out[len] = put;
            len++;
        }
    }
    if (words != 2)
        return TAWS_DONE;
    if (len >= cap)
        return TAWS_ERR_TOO_LONG;
    out[len] = 0;
    *out_len = len;
    return TAWS_OK;
}

static int starts_with(taws_str_t s, const char *z)
{
    size_t n = strlen(z);
    return s.n >= n && memcmp(s.p, z, n) == 0;
}

taws_status_t taws_ini_section_kind(taws_str_t section, int credentials, taws_ini_kind_t *kind,
                                    char *out, size_t cap, size_t *out_len)
{
    static const struct {
        const char *prefix;
        taws_ini_kind_t kind;
    } prefixed[] = { { "profile", TAWS_INI_PROFILE },
                     { "sso-session", TAWS_INI_SSO_SESSION },
                     { "services", TAWS_INI_SERVICES } };
    size_t i;
    *kind = TAWS_INI_OTHER;
    *out_len = 0;
    if (cap == 0)
        return TAWS_ERR_TOO_LONG;
    out[0] = 0;
    if (!credentials) {
        for (i = 0; i < sizeof prefixed / sizeof prefixed[0]; i++) {
            if (starts_with(section, prefixed[i].prefix)) {
                taws_status_t st = shlex_second(section, out, cap, out_len);
                if (st == TAWS_ERR_TOO_LONG) {
                    out[0] = 0;
                    *out_len = 0;
                    return st;
                }
                if (st == TAWS_OK)
                    *kind = prefixed[i].kind;
                else
                    out[0] = 0;
                return TAWS_OK;
            }
        }
        if (!(section.n == 7 && memcmp(section.p, "default", 7) == 0))
            return TAWS_OK;
    } else if (section.n == 7 && memcmp(section.p, "DEFAULT", 7) == 0) {
        return TAWS_OK; /* configparser's default section is no profile */
    }
    if (section.n >= cap)
        return TAWS_ERR_TOO_LONG;
    memcpy(out, section.p, section.n);
    out[section.n] = 0;
    *out_len = section.n;
    *kind = TAWS_INI_PROFILE;
    return TAWS_OK;
}

TAWS_GETTER(uint32_t, taws_ini_line, taws_ini_t, line)

void taws_ini_wipe(taws_ini_t *r)
{
    taws_wipe(r, sizeof *r);
}
