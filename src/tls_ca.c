/* SPDX-License-Identifier: MIT */
/*
 * CA bundle files for hosts: a PEM file read as a stream, one line and one certificate at a
 * time (no heap of ours, the file never held whole), each failure named (tls.h).
 * Compiled to nothing where there are no files (TAWS_TLS_CA_FILE 0, e.g. a device).
 */
#if !defined(_POSIX_C_SOURCE) && (defined(__unix__) || defined(__APPLE__))
#define _POSIX_C_SOURCE 200809L /* stat() */
#endif
#include <string.h>
#include "tls.h"

#if TAWS_TLS_CA_FILE
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>
#include <mbedtls/pk.h>
#include <mbedtls/ecp.h>
#include <mbedtls/x509.h>


static const char begin_cert[] = "-----BEGIN CERTIFICATE-----";
static const char end_cert[] = "-----END CERTIFICATE-----";

typedef struct {
    uint8_t der[TAWS_TLS_CA_CERT_MAX];
    size_t der_len;
    uint32_t quad;      /* base64: bits of the current quartet */
    unsigned nq;        /* characters in it */
    unsigned pad;       /* '=' seen: only padding may follow */
    int bad;            /* the block cannot be a certificate any more */
} pem_block_t;

static int b64val(char c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A'
         : c >= 'a' && c <= 'z' ? c - 'a' + 26
         : c >= '0' && c <= '9' ? c - '0' + 52
         : c == '+' ? 62 : c == '/' ? 63 : -1;
}

static void b64_out(pem_block_t *b, uint8_t v)
{
    if (b->der_len == sizeof b->der)
        b->bad = 1; /* larger than TAWS_TLS_CA_CERT_MAX */
    else
        b->der[b->der_len++] = v;
}

/* One base64 line of a certificate block. */
static void b64_line(pem_block_t *b, const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n && !b->bad; i++) {
        char c = s[i];
        int v;
        if (c == ' ' || c == '\t' || c == '\r')
            continue;
        if (c == '=') {
            if (b->nq < 2)
                b->bad = 1;
            b->pad++;
            if (++b->nq == 4) {
                if (b->pad == 1) { /* xxx= : two bytes */
                    b64_out(b, (uint8_t)(b->quad >> 10));
                    b64_out(b, (uint8_t)(b->quad >> 2));
                } else { /* xx== : one byte */
                    b64_out(b, (uint8_t)(b->quad >> 4));
                }
                b->nq = 0;
                b->quad = 0;
            }
            continue;
        }
        v = b64val(c);
        if (v < 0 || b->pad) {
            b->bad = 1;
            break;
        }
        b->quad = (b->quad << 6) | (uint32_t)v;
        if (++b->nq == 4) {
            b64_out(b, (uint8_t)(b->quad >> 16));
            b64_out(b, (uint8_t)(b->quad >> 8));
            b64_out(b, (uint8_t)b->quad);
            b->nq = 0;
            b->quad = 0;
        }
    }
}

/* A well-formed certificate of an algorithm this mbedTLS build was configured without (a
 * curve, a key type, a signature hash): skipped, as OpenSSL skips what it cannot use. */
static int unsupported(int rc)
{
    int high = -((-rc) & 0xFF80);
    return high == MBEDTLS_ERR_PK_UNKNOWN_PK_ALG || high == MBEDTLS_ERR_PK_UNKNOWN_NAMED_CURVE ||
           high == MBEDTLS_ERR_PK_FEATURE_UNAVAILABLE || high == MBEDTLS_ERR_X509_UNKNOWN_SIG_ALG ||
           high == MBEDTLS_ERR_X509_FEATURE_UNAVAILABLE || high == MBEDTLS_ERR_ECP_FEATURE_UNAVAILABLE;
}

/* Whether a line (trailing CR and blanks removed) is exactly the marker. */
static int is_marker(const char *line, size_t n, const char *marker)
{
    size_t m = strlen(marker);
    while (n > m && (line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
        n--;
    return n == m && memcmp(line, marker, m) == 0;
}

typedef struct {
    taws_tls_t *t;
    pem_block_t blk;
    int inside;             /* between BEGIN CERTIFICATE and END CERTIFICATE */
    uint32_t line_no;       /* of the current line, 1-based */
    uint32_t begin_line;    /* of the current block's BEGIN */
    uint32_t blocks;        /* certificate blocks seen */
    char line[TAWS_TLS_CA_LINE_MAX];
    size_t line_len;
    int line_long;          /* the current line did not fit: it is no marker, no base64 */
} ca_reader_t;

/* A complete line: a marker, a base64 line of a block, or text outside the blocks. */
static taws_status_t ca_line(ca_reader_t *r)
{
    const char *s = r->line;
    size_t n = r->line_len;
    if (!r->inside) {
        if (!r->line_long && is_marker(s, n, begin_cert)) {
            r->inside = 1;
            r->begin_line = r->line_no;
            r->blocks++;
            r->blk.der_len = 0;
            r->blk.quad = 0;
            r->blk.nq = r->blk.pad = 0;
            r->blk.bad = 0;
        }
        return TAWS_OK; /* comments, other PEM blocks (keys, CRLs, TRUSTED CERTIFICATE) */
    }
    if (r->line_long) {
        r->blk.bad = 1;
        return TAWS_OK; /* reported at END (or at the end of the file) */
    }
    if (is_marker(s, n, end_cert)) {
        int rc;
        r->inside = 0;
        if (r->blk.bad || r->blk.nq != 0 || r->blk.der_len == 0)
            return TAWS_ERR_CA_BAD_CERT;
        rc = mbedtls_x509_crt_parse_der(&r->t->ca, r->blk.der, r->blk.der_len);
        if (rc == 0)
            r->t->ca_loaded++;
        else if (unsupported(rc))
            r->t->ca_skipped++;
        else
            return TAWS_ERR_CA_BAD_CERT;
        return TAWS_OK;
    }
    if (n >= 5 && memcmp(s, "-----", 5) == 0) { /* another marker inside a block */
        r->blk.bad = 1;
        return TAWS_OK;
    }
    b64_line(&r->blk, s, n);
    return TAWS_OK;
}

static taws_status_t ca_stream(ca_reader_t *r, FILE *f, uint64_t *bytes)
{
    uint8_t buf[512];
    size_t got, i;
    taws_status_t st;
    r->line_no = 1;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0) {
        *bytes += got;
        for (i = 0; i < got; i++) {
            char c = (char)buf[i];
            if (c == '\n') {
                if ((st = ca_line(r)) != TAWS_OK)
                    return st;
                r->line_no++;
                r->line_len = 0;
                r->line_long = 0;
            } else if (r->line_len < sizeof r->line) {
                r->line[r->line_len++] = c;
            } else {
                r->line_long = 1;
            }
        }
    }
    if (ferror(f))
        return TAWS_ERR_CA_UNREADABLE;
    if ((r->line_len > 0 || r->line_long) && (st = ca_line(r)) != TAWS_OK)
        return st; /* a last line without a newline */
    if (r->inside)
        return TAWS_ERR_CA_BAD_CERT; /* BEGIN without END */
    if (*bytes == 0)
        return TAWS_ERR_CA_EMPTY;
    if (r->blocks == 0)
        return TAWS_ERR_CA_NO_PEM;
    if (r->t->ca_loaded == 0)
        return TAWS_ERR_CA_NO_PEM; /* only certificates this build cannot use */
    return TAWS_OK;
}

taws_status_t taws_tls_add_ca_file(taws_tls_t *t, const char *path)
{
    ca_reader_t r;
    struct stat sb;
    FILE *f;
    uint64_t bytes = 0;
    taws_status_t st;

    t->ca_line = 0;
    t->ca_loaded = t->ca_skipped = 0;
    if (stat(path, &sb) != 0)
        st = errno == ENOENT || errno == ENOTDIR ? TAWS_ERR_CA_NO_FILE : TAWS_ERR_CA_UNREADABLE;
    else if (S_ISDIR(sb.st_mode))
        st = TAWS_ERR_CA_DIRECTORY;
    else if ((f = fopen(path, "rb")) == NULL)
        st = errno == ENOENT ? TAWS_ERR_CA_NO_FILE : TAWS_ERR_CA_UNREADABLE;
    else {
        r.t = t;
        r.inside = 0;
        r.begin_line = r.blocks = 0;
        r.line_len = 0;
        r.line_long = 0;
        st = ca_stream(&r, f, &bytes);
        fclose(f);
        if (st == TAWS_ERR_CA_BAD_CERT)
            t->ca_line = r.begin_line;
    }
    t->ca_status = st;
    if (st != TAWS_OK) {
        /* Fail closed: a bundle that did not load leaves nothing trusted. */
        mbedtls_x509_crt_free(&t->ca);
        mbedtls_x509_crt_init(&t->ca);
        t->n_ca = 0;
        return st;
    }
    t->n_ca = 1;
    return TAWS_OK;
}

#else /* !TAWS_TLS_CA_FILE */

taws_status_t taws_tls_add_ca_file(taws_tls_t *t, const char *path)
{
    (void)path;
    t->ca_status = TAWS_ERR_TLS_CA;
    return TAWS_ERR_TLS_CA;
}

#endif

taws_status_t taws_tls_add_ca_path(taws_tls_t *t, const char *path)
{
    return taws_tls_add_ca_file(t, path);
}

uint32_t taws_tls_ca_loaded(const taws_tls_t *t)
{
    return t->ca_loaded;
}

uint32_t taws_tls_ca_skipped(const taws_tls_t *t)
{
    return t->ca_skipped;
}

const char *taws_tls_ca_reason(const taws_tls_t *t, char *buf, size_t cap)
{
    const char *why;
    char num[16];
    size_t n = 0, k = sizeof num;
    uint32_t v = t->ca_line;

    if (cap == 0)
        return buf;
    switch (t->ca_status) {
    case TAWS_OK: why = "ok"; break;
    case TAWS_ERR_CA_NO_FILE: why = "no such file"; break;
    case TAWS_ERR_CA_DIRECTORY: why = "is a directory"; break;
    case TAWS_ERR_CA_UNREADABLE: why = "cannot be read"; break;
    case TAWS_ERR_CA_EMPTY: why = "the file is empty"; break;
    case TAWS_ERR_CA_NO_PEM:
        why = t->ca_skipped ? "no certificate in it that this build supports" : "no PEM certificate in it";
        break;
    case TAWS_ERR_CA_BAD_CERT: why = "bad certificate at line "; break;
    default: why = taws_strerror(t->ca_status); break;
    }
    while (*why && n + 1 < cap)
        buf[n++] = *why++;
    if (t->ca_status == TAWS_ERR_CA_BAD_CERT) {
        do {
            num[--k] = (char)('0' + v % 10u);
            v /= 10u;
        } while (v && k > 0);
        while (k < sizeof num && n + 1 < cap)
            buf[n++] = num[k++];
    }
    buf[n] = '\0';
    return buf;
}
