/* SPDX-License-Identifier: MIT */
/*
 * tls_unit: what the TLS context guarantees without a server (the TLS suite, test_tls.py,
 * covers everything with one).
 *
 *   tls_unit BUNDLE.pem     (a PEM bundle with at least three certificates: the system one)
 *
 * - A CA bundle that fails to load leaves nothing trusted: the handshake refuses with
 *   TAWS_ERR_TLS_CA (fail closed), even when good CAs were added before.
 * - Verification on and no CA: TAWS_ERR_TLS_CA before any byte is sent; verification off
 *   needs no CA (the handshake goes to the port).
 * - taws_tls_ca_reason(): every status's words, cut to fit small buffers, NUL-terminated.
 * - The streaming PEM reader against damaged bundles (a property test with a fixed seed):
 *   the first three certificates of BUNDLE cut at every byte, and 3,000 random mutations
 *   (bytes flipped, deleted, inserted, lines doubled, CRs added). Every result is one of the
 *   named statuses; a bundle cut between certificates loads exactly the complete ones; one cut
 *   inside a certificate is a bad certificate at that certificate's BEGIN line; a "bad
 *   certificate at line N" always names a line that is a BEGIN marker. Run under ASan and
 *   UBSan by make test.
 * Last line: "N passed, M failed".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "tls.h"

static int passed, failed;

#define CHECK(cond, ...)                                                        \
    do {                                                                        \
        if (cond) {                                                             \
            passed++;                                                           \
        } else {                                                                \
            failed++;                                                           \
            printf("not ok - %s:%d: ", __FILE__, __LINE__);                     \
            printf(__VA_ARGS__);                                                \
            printf("\n");                                                       \
        }                                                                       \
    } while (0)

/* A port that records whether anything was attempted and then reports a closed peer. */
static int port_used;
static taws_status_t p_connect(void *c, const char *h, uint16_t p, uint32_t t)
{
    (void)c, (void)h, (void)p, (void)t;
    return TAWS_OK;
}
static taws_status_t p_send(void *c, const uint8_t *b, size_t n, size_t *s, uint32_t t)
{
    (void)c, (void)b, (void)t;
    port_used = 1;
    *s = n;
    return TAWS_OK;
}
static taws_status_t p_recv(void *c, uint8_t *b, size_t n, size_t *g, uint32_t t)
{
    (void)c, (void)b, (void)n, (void)t;
    port_used = 1;
    *g = 0;
    return TAWS_ERR_CLOSED;
}
static void p_close(void *c) { (void)c; }
static uint32_t p_now(void *c) { (void)c; return 0; }
static int64_t p_wall(void *c) { (void)c; return 1767225600; }
static uint32_t rng_state = 12345;
static taws_status_t p_random(void *c, uint8_t *b, size_t n)
{
    (void)c;
    while (n--) { /* xorshift: a test port, not a random source */
        rng_state ^= rng_state << 13;
        rng_state ^= rng_state >> 17;
        rng_state ^= rng_state << 5;
        *b++ = (uint8_t)rng_state;
    }
    return TAWS_OK;
}
static void p_sleep(void *c, uint32_t ms) { (void)c, (void)ms; }
static const taws_port_t port = { NULL, p_connect, p_send, p_recv, p_close, p_now, p_wall, p_random, p_sleep };

static uint32_t seed = 0x9e3779b9u;
static uint32_t next(void)
{
    seed ^= seed << 13;
    seed ^= seed >> 17;
    seed ^= seed << 5;
    return seed;
}

static const char *tmp_path;

static void write_file(const char *data, size_t n)
{
    FILE *f;
    /* A new file each time: rewriting one in place makes ext4 flush it to disk on close
     * (auto_da_alloc), which turns 4,000 small writes into half a minute. */
    remove(tmp_path);
    f = fopen(tmp_path, "wb");
    if (!f || fwrite(data, 1, n, f) != n) {
        fprintf(stderr, "tls_unit: cannot write %s\n", tmp_path);
        exit(2);
    }
    fclose(f);
}

/* Line (1-based) of byte offset off. */
static unsigned line_of(const char *s, size_t off)
{
    unsigned line = 1;
    size_t i;
    for (i = 0; i < off; i++)
        line += s[i] == '\n';
    return line;
}

/* Whether line `line` of s (n bytes) is a BEGIN CERTIFICATE marker. */
static int is_begin_line(const char *s, size_t n, unsigned line)
{
    static const char m[] = "-----BEGIN CERTIFICATE-----";
    size_t i = 0;
    unsigned l = 1;
    while (i < n && l < line)
        l += s[i++] == '\n';
    return l == line && n - i >= sizeof m - 1 && memcmp(s + i, m, sizeof m - 1) == 0;
}

static taws_tls_t tls;

static taws_status_t load(const char *data, size_t n)
{
    taws_status_t st;
    taws_tls_free(&tls);
    taws_tls_init(&tls, &port);
    write_file(data, n);
    st = taws_tls_add_ca_file(&tls, tmp_path);
    return st;
}

static int named(taws_status_t st)
{
    return st == TAWS_OK || st == TAWS_ERR_CA_EMPTY || st == TAWS_ERR_CA_NO_PEM ||
           st == TAWS_ERR_CA_BAD_CERT;
}

int main(int argc, char **argv)
{
    static char bundle[64 * 1024], buf[80 * 1024], reason[64];
    size_t n = 0, ends[3], begins[3];
    unsigned begin_lines[3];
    FILE *f;
    int k, i;
    taws_status_t st;
    char tmpl[] = "/tmp/tinyaws-tls-unit-XXXXXX";

    if (argc != 2 || (f = fopen(argv[1], "rb")) == NULL)
        return 2;
    { /* the first three certificate blocks of the bundle, each ended by its newline */
        static char all[512 * 1024];
        size_t len = fread(all, 1, sizeof all - 1, f), pos = 0;
        all[len] = '\0';
        for (k = 0; k < 3; k++) {
            char *b = strstr(all + pos, "-----BEGIN CERTIFICATE-----");
            char *e = b ? strstr(b, "-----END CERTIFICATE-----\n") : NULL;
            if (!e)
                return 2;
            e += strlen("-----END CERTIFICATE-----\n");
            if (k == 0)
                memcpy(bundle, "# three CAs\n", (n = 12));
            begins[k] = n;
            memcpy(bundle + n, b, (size_t)(e - b));
            n += (size_t)(e - b);
            ends[k] = n;
            pos = (size_t)(e - all);
        }
    }
    fclose(f);
    for (k = 0; k < 3; k++)
        begin_lines[k] = line_of(bundle, begins[k]);
    {
        int fd = mkstemp(tmpl);
        if (fd < 0)
            return 2;
        fclose(fdopen(fd, "w"));
        tmp_path = tmpl;
    }
    taws_tls_init(&tls, &port);

    /* Fail closed after a bundle that does not load. */
    st = load(bundle, n);
    CHECK(st == TAWS_OK && tls.ca_loaded == 3, "the three CAs load (%s, %u)", taws_status_name(st),
          (unsigned)tls.ca_loaded);
    write_file(bundle, begins[2] + 40); /* the third certificate cut short */
    st = taws_tls_add_ca_file(&tls, tmp_path);
    CHECK(st == TAWS_ERR_CA_BAD_CERT && tls.ca_line == begin_lines[2],
          "a bundle cut in its third certificate: bad certificate at line %u (got %s, %u)",
          begin_lines[2], taws_status_name(st), (unsigned)tls.ca_line);
    port_used = 0;
    st = taws_tls_handshake(&tls, "localhost", 1000);
    CHECK(st == TAWS_ERR_TLS_CA && !port_used,
          "after it, nothing is trusted: the handshake refuses before any I/O (got %s)", taws_status_name(st));

    /* No CA: refused with verification on, allowed (to the port) with it off. */
    taws_tls_free(&tls);
    taws_tls_init(&tls, &port);
    port_used = 0;
    st = taws_tls_handshake(&tls, "localhost", 1000);
    CHECK(st == TAWS_ERR_TLS_CA && !port_used, "verification on, no CA: TAWS_ERR_TLS_CA (got %s)",
          taws_status_name(st));
    taws_tls_set_verify(&tls, 0);
    st = taws_tls_handshake(&tls, "localhost", 1000);
    CHECK(st != TAWS_ERR_TLS_CA && port_used, "verification off, no CA: the handshake runs (got %s)",
          taws_status_name(st));
    taws_tls_set_verify(&tls, 1);
    port_used = 0;
    st = taws_tls_handshake(&tls, "localhost", 1000);
    CHECK(st == TAWS_ERR_TLS_CA && !port_used, "verification on again: refused again (got %s)",
          taws_status_name(st));

    /* taws_tls_ca_reason(). */
    tls.ca_status = TAWS_ERR_CA_BAD_CERT;
    tls.ca_line = 4294967295u;
    CHECK(!strcmp(taws_tls_ca_reason(&tls, reason, sizeof reason), "bad certificate at line 4294967295"),
          "the largest line number (%s)", reason);
    CHECK(!strcmp(taws_tls_ca_reason(&tls, reason, 10), "bad certi"), "cut to fit 10 bytes (%s)", reason);
    CHECK(!strcmp(taws_tls_ca_reason(&tls, reason, 26), "bad certificate at line 4"), "cut inside the number (%s)",
          reason);
    CHECK(taws_tls_ca_reason(&tls, reason, 1)[0] == '\0', "1 byte: empty");
    tls.ca_status = TAWS_ERR_CA_NO_FILE;
    CHECK(!strcmp(taws_tls_ca_reason(&tls, reason, sizeof reason), "no such file"), "no such file (%s)", reason);

    /* Every cut of the three-certificate bundle. */
    {
        int bad = 0;
        size_t cut;
        for (cut = 0; cut <= n && !bad; cut++) {
            unsigned complete = 0, inside = 0;
            st = load(bundle, cut);
            for (k = 0; k < 3; k++) {
                if (cut >= ends[k] - 1) /* the END line complete, newline or not */
                    complete++;
                else if (cut > begins[k] + strlen("-----BEGIN CERTIFICATE-----") - 1)
                    inside = (unsigned)k + 1;
            }
            if (cut == 0)
                bad = st != TAWS_ERR_CA_EMPTY;
            else if (inside)
                bad = st != TAWS_ERR_CA_BAD_CERT || tls.ca_line != begin_lines[inside - 1];
            else if (complete == 0)
                bad = st != TAWS_ERR_CA_NO_PEM && !(st == TAWS_ERR_CA_BAD_CERT && tls.ca_line == begin_lines[0]);
            else
                bad = st != TAWS_OK || tls.ca_loaded != complete;
            if (bad)
                CHECK(0, "cut at byte %zu: %s, line %u, loaded %u (complete %u, inside %u)", cut,
                      taws_status_name(st), (unsigned)tls.ca_line, (unsigned)tls.ca_loaded, complete, inside);
        }
        CHECK(!bad, "every cut of a three-certificate bundle (%zu cuts) loads the complete certificates "
                    "or names the cut one's BEGIN line", n + 1);
    }

    /* Random damage. */
    {
        int bad = 0, counts[4] = { 0, 0, 0, 0 };
        for (i = 0; i < 3000 && !bad; i++) {
            size_t m = n, j;
            int edits = 1 + (int)(next() % 4);
            memcpy(buf, bundle, n);
            while (edits--) {
                size_t at = m ? next() % m : 0;
                switch (next() % 5) {
                case 0: /* flip a byte */
                    if (m)
                        buf[at] = (char)(next() & 0xff);
                    break;
                case 1: /* delete a run */
                    j = 1 + next() % 80;
                    if (at + j > m)
                        j = m - at;
                    memmove(buf + at, buf + at + j, m - at - j);
                    m -= j;
                    break;
                case 2: /* insert random bytes */
                    j = 1 + next() % 40;
                    if (m + j < sizeof buf) {
                        size_t q;
                        memmove(buf + at + j, buf + at, m - at);
                        for (q = 0; q < j; q++)
                            buf[at + q] = (char)(next() & 0xff);
                        m += j;
                    }
                    break;
                case 3: /* double the rest of a line (long lines, repeated markers) */
                    for (j = at; j < m && buf[j] != '\n'; j++)
                        ;
                    if (m + (j - at) < sizeof buf) {
                        memmove(buf + j + (j - at), buf + j, m - j);
                        memcpy(buf + j, buf + at, j - at);
                        m += j - at;
                    }
                    break;
                default: /* a CR before a newline */
                    for (j = at; j < m && buf[j] != '\n'; j++)
                        ;
                    if (j < m && m + 1 < sizeof buf) {
                        memmove(buf + j + 1, buf + j, m - j);
                        buf[j] = '\r';
                        m++;
                    }
                    break;
                }
            }
            st = load(buf, m);
            if (!named(st))
                bad = 1;
            else if (st == TAWS_ERR_CA_BAD_CERT)
                bad = !is_begin_line(buf, m, tls.ca_line);
            else if (st == TAWS_OK)
                bad = tls.ca_loaded == 0 || tls.n_ca != 1;
            else
                bad = tls.n_ca != 0;
            counts[st == TAWS_OK ? 0 : st == TAWS_ERR_CA_BAD_CERT ? 1 : st == TAWS_ERR_CA_NO_PEM ? 2 : 3]++;
            if (bad)
                CHECK(0, "mutation %d: %s, line %u", i, taws_status_name(st), (unsigned)tls.ca_line);
        }
        CHECK(!bad && counts[0] && counts[1],
              "3,000 damaged bundles: each a named status, every bad line a BEGIN line (ok %d, bad "
              "certificate %d, no PEM %d, other %d)", counts[0], counts[1], counts[2], counts[3]);
        printf("# damaged bundles: ok %d, bad certificate %d, no PEM %d, other %d\n", counts[0],
               counts[1], counts[2], counts[3]);
    }

    taws_tls_free(&tls);
    remove(tmp_path);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
