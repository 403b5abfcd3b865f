/* SPDX-License-Identifier: MIT */
/* The shared-file INI reader: botocore's reading of a corpus (ini_vectors.h, generated from
 * Debian's botocore at build time) at every kind of split, hand-worked event streams, the
 * limits, and botocore's section naming. */
#include <string.h>
#include "check.h"
#include "tinyaws/ini.h"
#include "ini_vectors.h"

/* ---- a consumer that rebuilds botocore's raw_config_parse() result from the events --------
 * (configparser's DEFAULT inheritance and botocore's nested dicts are the consumer's job) */
#define C_SECTS 64
#define C_OPTS 512
#define C_SUBS 512
#define C_ARENA 65536

typedef struct {
    size_t off, len;
} cspan_t;
typedef struct {
    cspan_t name;
    int is_default;
} csect_t;
typedef struct {
    int sect, nested;
    cspan_t key, value;
    int sub0, nsub;
} copt_t;
typedef struct {
    cspan_t key, value;
} csub_t;

static struct {
    csect_t sects[C_SECTS];
    copt_t opts[C_OPTS];
    csub_t subs[C_SUBS];
    char arena[C_ARENA];
    size_t nsects, nopts, nsubs, used;
    int overflow;
    char out[C_ARENA];
    size_t out_len;
} col;

static cspan_t put(const void *p, size_t n)
{
    cspan_t s = { col.used, n };
    if (col.used + n > C_ARENA) {
        col.overflow = 1;
        s.len = 0;
        return s;
    }
    memcpy(col.arena + col.used, p, n);
    col.used += n;
    return s;
}

static int span_eq(cspan_t a, cspan_t b)
{
    return a.len == b.len && memcmp(col.arena + a.off, col.arena + b.off, a.len) == 0;
}

static taws_status_t collect(void *ctx, const taws_ini_event_t *ev)
{
    (void)ctx;
    if (ev->type == TAWS_INI_SECTION) {
        if (col.nsects == C_SECTS)
            return col.overflow = 1, TAWS_ERR_CANCELLED;
        col.sects[col.nsects].name = put(ev->section.p, ev->section.n);
        col.sects[col.nsects++].is_default = ev->is_default;
    } else if (ev->type == TAWS_INI_KEY) {
        copt_t *o;
        if (col.nopts == C_OPTS || col.nsects == 0)
            return col.overflow = 1, TAWS_ERR_CANCELLED;
        o = &col.opts[col.nopts++];
        memset(o, 0, sizeof *o);
        o->sect = (int)col.nsects - 1;
        o->key = put(ev->key.p, ev->key.n);
        o->value = put(ev->value.p, ev->value.n);
        o->sub0 = (int)col.nsubs;
    } else if (ev->type == TAWS_INI_CONT) {
        copt_t *o = &col.opts[col.nopts - 1];
        uint32_t i;
        for (i = 0; i <= ev->blank_lines; i++)
            o->value.len += put("\n", 1).len; /* the value is the last thing in the arena */
        o->value.len += put(ev->value.p, ev->value.n).len;
    } else {
        copt_t *o = &col.opts[col.nopts - 1];
        cspan_t k = put(ev->subkey.p, ev->subkey.n), v = put(ev->value.p, ev->value.n);
        int i;
        o->nested = 1;
        for (i = o->sub0; i < o->sub0 + o->nsub; i++) {
            if (span_eq(col.subs[i].key, k)) { /* a dict: the last value, the first place */
                col.subs[i].value = v;
                return TAWS_OK;
            }
        }
        if (col.nsubs == C_SUBS)
            return col.overflow = 1, TAWS_ERR_CANCELLED;
        col.subs[col.nsubs].key = k;
        col.subs[col.nsubs++].value = v;
        o->nsub++;
    }
    return TAWS_OK;
}

static void out_raw(const void *p, size_t n)
{
    if (col.out_len + n > sizeof col.out) {
        col.overflow = 1;
        return;
    }
    memcpy(col.out + col.out_len, p, n);
    col.out_len += n;
}

/* tag, the decimal n, ':' */
static void out_num(char tag, size_t n)
{
    char rev[24], buf[26];
    int k = 0, i;
    do {
        rev[k++] = (char)('0' + n % 10);
        n /= 10;
    } while (n);
    buf[0] = tag;
    for (i = 0; i < k; i++)
        buf[1 + i] = rev[k - 1 - i];
    buf[1 + k] = ':';
    out_raw(buf, (size_t)k + 2);
}

static void out_rec(char tag, cspan_t s)
{
    out_num(tag, s.len);
    out_raw(col.arena + s.off, s.len);
}

static void out_opt(const copt_t *o)
{
    int i;
    out_rec('K', o->key);
    if (!o->nested) {
        out_rec('V', o->value);
        return;
    }
    out_num('N', (size_t)o->nsub);
    for (i = o->sub0; i < o->sub0 + o->nsub; i++) {
        out_rec('k', col.subs[i].key);
        out_rec('v', col.subs[i].value);
    }
}

/* configparser's sections() and options(): own keys in order, then DEFAULT's others. */
static void build(void)
{
    size_t s, i, j;
    col.out_len = 0;
    for (s = 0; s < col.nsects; s++) {
        if (col.sects[s].is_default)
            continue;
        for (j = 0; j < s; j++) /* only the first header of a section opens it (DEFAULT aside) */
            if (!col.sects[j].is_default && span_eq(col.sects[j].name, col.sects[s].name))
                break;
        if (j < s)
            continue;
        out_rec('S', col.sects[s].name);
        for (i = 0; i < col.nopts; i++)
            if (col.opts[i].sect == (int)s)
                out_opt(&col.opts[i]);
        for (i = 0; i < col.nopts; i++) {
            size_t k;
            if (!col.sects[col.opts[i].sect].is_default)
                continue;
            for (k = 0; k < col.nopts; k++)
                if (col.opts[k].sect == (int)s && span_eq(col.opts[k].key, col.opts[i].key))
                    break;
            if (k == col.nopts)
                out_opt(&col.opts[i]);
        }
    }
}

static taws_ini_t reader;

/* Feeds in pieces: mode 0 whole, 1 byte by byte, 2 cut at `at`, 3 random pieces. */
static taws_status_t run(const char *in, size_t n, int mode, size_t at)
{
    taws_status_t st = TAWS_OK;
    size_t i = 0;
    col.nsects = col.nopts = col.nsubs = col.used = 0;
    col.overflow = 0;
    taws_ini_init(&reader, collect, NULL);
    while (i < n && st == TAWS_OK) {
        size_t k = n - i;
        if (mode == 1)
            k = 1;
        else if (mode == 2)
            k = i < at ? at - i : n - i;
        else if (mode == 3)
            k = 1 + (size_t)(check_rand() % 17);
        if (k > n - i)
            k = n - i;
        st = taws_ini_feed(&reader, in + i, k);
        i += k;
    }
    if (st == TAWS_OK)
        st = taws_ini_finish(&reader);
    build();
    return st;
}

static int vector_ok(const ini_vector_t *v, int mode, size_t at)
{
    taws_status_t st = run(v->in, v->in_len, mode, at);
    if (col.overflow)
        return check_fail(__FILE__, __LINE__, "%s: the test's collector overflowed", v->name);
    if (st != v->st || (st != TAWS_OK && taws_ini_line(&reader) != v->line))
        return check_fail(__FILE__, __LINE__, "%s (mode %d at %lu): got %s at line %lu, botocore: %s at %u",
                          v->name, mode, (unsigned long)at, taws_status_name(st),
                          (unsigned long)taws_ini_line(&reader), taws_status_name(v->st), v->line);
    if (st == TAWS_OK && !check_mem_eq(__FILE__, __LINE__, v->name, col.out, col.out_len, v->want, v->want_len))
        return 0;
    return 1;
}

static void test_botocore_corpus(void)
{
    size_t i, at;
    int r;
    check_seed(14);
    for (i = 0; i < sizeof ini_vectors / sizeof ini_vectors[0]; i++) {
        const ini_vector_t *v = &ini_vectors[i];
        if (!vector_ok(v, 0, 0) || !vector_ok(v, 1, 0))
            return;
        for (r = 0; r < 3; r++)
            if (!vector_ok(v, 3, 0))
                return;
        if (strncmp(v->name, "hand", 4) == 0)
            for (at = 1; at < v->in_len; at++)
                if (!vector_ok(v, 2, at))
                    return;
    }
}

/* ---- hand-worked event streams ------------------------------------------------------------ */
static char events[TAWS_INI_LINE_MAX + 4096];
static size_t events_len;

static char *cat(char *o, taws_str_t v)
{
    if (v.n) /* an absent view is NULL, and memcpy() may not be given NULL */
        memcpy(o, v.p, v.n);
    return o + v.n;
}

static taws_status_t describe(void *ctx, const taws_ini_event_t *ev)
{
    static const char tag[] = "SKCN";
    char *o = events + events_len;
    size_t room = sizeof events - events_len, need;
    (void)ctx;
    need = 16 + ev->section.n + ev->key.n + ev->subkey.n + ev->value.n;
    if (need > room)
        return TAWS_ERR_CANCELLED;
    *o++ = tag[ev->type];
    *o++ = (char)('0' + ev->line % 10);
    *o++ = ' ';
    *o++ = ev->is_default ? '*' : ' ';
    o = cat(o, ev->section);
    *o++ = '|';
    o = cat(o, ev->key);
    *o++ = '|';
    o = cat(o, ev->subkey);
    *o++ = '|';
    o = cat(o, ev->value);
    *o++ = '|';
    *o++ = (char)('0' + ev->blank_lines % 10);
    *o++ = '\n';
    events_len = (size_t)(o - events);
    return TAWS_OK;
}

static taws_status_t events_of(const char *in, size_t n, size_t cut)
{
    taws_status_t st;
    events_len = 0;
    taws_ini_init(&reader, describe, NULL);
    st = taws_ini_feed(&reader, in, cut);
    if (st == TAWS_OK)
        st = taws_ini_feed(&reader, in + cut, n - cut);
    if (st == TAWS_OK)
        st = taws_ini_finish(&reader);
    return st;
}

static void test_events_services_file(void)
{
    static const char in[] = "# ~/.aws/config\r\n"
                             "[profile dev]\r\n"
                             "Services = local\r\n"
                             "[services local]\r\n"
                             "bedrock =\r\n"
                             "  endpoint_url = https://localhost:8443\r\n"
                             "\r\n"
                             "  # a comment\r\n"
                             "ssm =\r\n"
                             "\tEndpoint_URL=http://127.0.0.1:8080";
    static const char want[] = "S2  profile dev||||0\n"
                               "K3  profile dev|services||local|0\n"
                               "S4  services local||||0\n"
                               "K5  services local|bedrock|||0\n"
                               "N6  services local|bedrock|endpoint_url|https://localhost:8443|0\n"
                               "K9  services local|ssm|||0\n"
                               "N0  services local|ssm|Endpoint_URL|http://127.0.0.1:8080|0\n";
    size_t cut;
    for (cut = 0; cut <= sizeof in - 1; cut++) {
        CHECK_ST(events_of(in, sizeof in - 1, cut), TAWS_OK);
        CHECK_MEM(events, events_len, want, sizeof want - 1);
    }
}

static void test_events_continuations_and_default(void)
{
    static const char in[] = "[DEFAULT]\n"
                             "region = eu-west-1\n"
                             "[default]\n"
                             "note = first\n"
                             "    second\n"
                             "\n"
                             "\n"
                             "  third\n"
                             "key = a ; not a comment\n";
    static const char want[] = "S1 *DEFAULT||||0\n"
                               "K2 *DEFAULT|region||eu-west-1|0\n"
                               "S3  default||||0\n"
                               "K4  default|note||first|0\n"
                               "C5  default|note||second|0\n"
                               "C8  default|note||third|2\n"
                               "K9  default|key||a ; not a comment|0\n";
    size_t cut;
    for (cut = 0; cut <= sizeof in - 1; cut++) {
        CHECK_ST(events_of(in, sizeof in - 1, cut), TAWS_OK);
        CHECK_MEM(events, events_len, want, sizeof want - 1);
    }
}

/* ---- limits -------------------------------------------------------------------------------- */
static char big[TAWS_INI_LINE_MAX + 64];

static size_t long_file(size_t value_len)
{
    static const char head[] = "[default]\nregion = x\naws_session_token = ";
    size_t n = sizeof head - 1, i;
    memcpy(big, head, n);
    for (i = 0; i < value_len; i++)
        big[n++] = (char)('A' + i % 26);
    big[n++] = '\n';
    return n;
}

static void test_line_limit(void)
{
    size_t prefix = sizeof "aws_session_token = " - 1, n, cut;
    /* a line of exactly TAWS_INI_LINE_MAX bytes is read, one more is refused with its line */
    n = long_file(TAWS_INI_LINE_MAX - prefix);
    for (cut = n - 3; cut <= n; cut++) {
        CHECK_ST(events_of(big, n, cut), TAWS_OK);
        CHECK_INT(events_len > TAWS_INI_LINE_MAX - prefix, 1);
    }
    n = long_file(TAWS_INI_LINE_MAX - prefix + 1);
    for (cut = n - 3; cut <= n; cut++) {
        CHECK_ST(events_of(big, n, cut), TAWS_ERR_INI_LINE_TOO_LONG);
        CHECK_INT(taws_ini_line(&reader), 3);
        CHECK_ST(taws_ini_feed(&reader, "\n", 1), TAWS_ERR_INI_LINE_TOO_LONG); /* sticky */
    }
    /* without a final newline too */
    n = long_file(TAWS_INI_LINE_MAX - prefix + 1) - 1;
    CHECK_ST(events_of(big, n, n), TAWS_ERR_INI_LINE_TOO_LONG);
    CHECK_INT(taws_ini_line(&reader), 3);
}

static void test_name_and_count_limits(void)
{
    static char in[TAWS_INI_MAX_SECTIONS * 12 + 64];
    size_t n = 0, i;
    /* a section name of TAWS_INI_NAME_MAX bytes is kept, one more is refused */
    in[n++] = '[';
    for (i = 0; i < TAWS_INI_NAME_MAX; i++)
        in[n++] = 'p';
    memcpy(in + n, "]\nk = v\n", 8);
    CHECK_ST(events_of(in, n + 8, 0), TAWS_OK);
    in[n] = 'p';
    memcpy(in + n + 1, "]\nk = v\n", 8);
    CHECK_ST(events_of(in, n + 9, 0), TAWS_ERR_INI_NAME_TOO_LONG);
    CHECK_INT(taws_ini_line(&reader), 1);
    /* TAWS_INI_MAX_SECTIONS sections are tracked; one more cannot be checked for duplicates */
    n = 0;
    for (i = 0; i <= TAWS_INI_MAX_SECTIONS; i++) {
        in[n++] = '[';
        in[n++] = (char)('a' + i % 26);
        in[n++] = (char)('a' + i / 26 % 26);
        in[n++] = ']';
        in[n++] = '\n';
    }
    CHECK_ST(events_of(in, n - 5, 0), TAWS_OK);
    CHECK_ST(events_of(in, n, 0), TAWS_ERR_INI_TOO_MANY);
    CHECK_INT(taws_ini_line(&reader), TAWS_INI_MAX_SECTIONS + 1);
    /* keys: per section, so a new section starts the count again */
    n = 0;
    memcpy(in, "[a]\n", 4);
    n = 4;
    for (i = 0; i <= TAWS_INI_MAX_KEYS; i++) {
        in[n++] = (char)('a' + i % 26);
        in[n++] = (char)('a' + i / 26);
        in[n++] = '=';
        in[n++] = '\n';
    }
    CHECK_ST(events_of(in, n - 4, 0), TAWS_OK);
    CHECK_ST(events_of(in, n, 0), TAWS_ERR_INI_TOO_MANY);
    CHECK_INT(taws_ini_line(&reader), TAWS_INI_MAX_KEYS + 2);
}

static taws_status_t stop_at_key(void *ctx, const taws_ini_event_t *ev)
{
    (void)ctx;
    return ev->type == TAWS_INI_KEY ? TAWS_ERR_CANCELLED : TAWS_OK;
}

static void test_callback_stops_and_state(void)
{
    static const char in[] = "[a]\nk = v\nj = w\n";
    taws_ini_init(&reader, stop_at_key, NULL);
    CHECK_ST(taws_ini_feed(&reader, in, sizeof in - 1), TAWS_ERR_CANCELLED);
    CHECK_INT(taws_ini_line(&reader), 2);
    CHECK_ST(taws_ini_finish(&reader), TAWS_ERR_CANCELLED);
    taws_ini_init(&reader, NULL, NULL);
    CHECK_ST(taws_ini_feed(&reader, in, sizeof in - 1), TAWS_OK);
    CHECK_ST(taws_ini_finish(&reader), TAWS_OK);
    CHECK_ST(taws_ini_feed(&reader, in, 1), TAWS_ERR_STATE); /* nothing after the end */
}

static void test_deliberate_divergences(void)
{
    /* only ASCII letters are lower-cased: "KÉY" keeps its É (Python would give "kéy") */
    static const char in[] = "[a]\nK\xc3\x89Y = 1\n";
    static const char want[] = "S1  a||||0\nK2  a|k\xc3\x89y||1|0\n";
    CHECK_ST(events_of(in, sizeof in - 1, 0), TAWS_OK);
    CHECK_MEM(events, events_len, want, sizeof want - 1);
}

static void test_section_kinds(void)
{
    size_t i, len;
    char out[64];
    taws_ini_kind_t kind;
    for (i = 0; i < sizeof ini_kind_vectors / sizeof ini_kind_vectors[0]; i++) {
        const ini_kind_vector_t *v = &ini_kind_vectors[i];
        taws_str_t s = { v->section, strlen(v->section) };
        CHECK_ST(taws_ini_section_kind(s, 0, &kind, out, sizeof out, &len), TAWS_OK);
        CHECK_MSG(kind == v->kind, "[%s]: kind %d, botocore %d", v->section, (int)kind, (int)v->kind);
        CHECK_MEM(out, len, v->name, strlen(v->name));
        CHECK_INT(out[len], 0);
        /* the credentials file: every section is the profile of its name, DEFAULT none */
        CHECK_ST(taws_ini_section_kind(s, 1, &kind, out, sizeof out, &len), TAWS_OK);
        if (strcmp(v->section, "DEFAULT") == 0) {
            CHECK_INT(kind, TAWS_INI_OTHER);
        } else {
            CHECK_INT(kind, TAWS_INI_PROFILE);
            CHECK_MEM(out, len, v->section, strlen(v->section));
        }
    }
    {
        taws_str_t s = { "profile \"a longer name\"", 23 };
        CHECK_ST(taws_ini_section_kind(s, 0, &kind, out, 13, &len), TAWS_ERR_TOO_LONG);
        CHECK_ST(taws_ini_section_kind(s, 0, &kind, out, 14, &len), TAWS_OK);
        CHECK_STR(out, "a longer name");
        CHECK_ST(taws_ini_section_kind(s, 1, &kind, out, 23, &len), TAWS_ERR_TOO_LONG);
    }
}

CHECK_SUITE(ini_suite, CHECK_CASE(test_botocore_corpus), CHECK_CASE(test_events_services_file),
            CHECK_CASE(test_events_continuations_and_default), CHECK_CASE(test_line_limit),
            CHECK_CASE(test_name_and_count_limits), CHECK_CASE(test_callback_stops_and_state),
            CHECK_CASE(test_deliberate_divergences), CHECK_CASE(test_section_kinds));
