/* SPDX-License-Identifier: MIT */
/*
 * --output text, as awscli/text.py writes it:
 *  - a dict is one line of its scalar values, sorted by key, tab-separated, after the
 *    upper-cased identifier (the key it sits under), then each of its non-scalar members,
 *    sorted by key, on lines of their own; a dict with no scalar prints no line of its own;
 *  - a list of dicts: every element's line has the sorted union of the scalar keys of all the
 *    elements as columns ('' where an element lacks one); a list of strings is one
 *    "IDENTIFIER\tvalue" line per string; an empty list prints nothing;
 *  - values as str() gives them: strings raw (tabs, newlines and all), integers in decimal,
 *    timestamps as the AWS CLI's isoformat() strings (the same text as its JSON output).
 * Paginated (formatter.py): each page is formatted on its own as {result_key: items}, so the
 * union of columns is per page; a page whose response lacked the result key prints "None";
 * a resume token ends the output with "NEXTTOKEN\t<token>". With --no-paginate the whole
 * response is one dict: the service's token (a scalar) is its bare first line.
 *
 * Spool record of one item: uint64 mask of its present scalar fields (bits: positions in
 * t->order), then each present scalar as uint32 length + bytes, then uint32 length + bytes of
 * its nested lines (which depend on the item alone, so they are rendered at once; a counting
 * pass first gives the length).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "output_text.h"

static int is_scalar(const taws_field_t *fd)
{
    return fd->type != TAWS_T_STRUCT && fd->type != TAWS_T_LIST;
}

static int present(const taws_field_t *fd, const void *v)
{
    switch (fd->type) {
    case TAWS_T_STRING: return ((const taws_str_t *)v)->p != NULL;
    case TAWS_T_TIMESTAMP: return ((const taws_time_t *)v)->set;
    case TAWS_T_INTEGER:
    case TAWS_T_LONG: return ((const taws_int_t *)v)->set;
    case TAWS_T_STRUCT: return *(const uint8_t *)v;
    case TAWS_T_LIST: return taws_list_present(v);
    default: return 0;
    }
}

/* A scalar as str() prints it; tmp holds formatted numbers and timestamps. */
static taws_str_t scalar_text(const taws_field_t *fd, const void *v, char tmp[TAWS_ISO_OUT_MAX])
{
    taws_str_t s;
    s.p = tmp;
    if (fd->type == TAWS_T_STRING)
        return *(const taws_str_t *)v;
    if (fd->type == TAWS_T_TIMESTAMP) {
        s.n = taws_time_format_cli(v, tmp);
    } else {
        int n = snprintf(tmp, TAWS_ISO_OUT_MAX, "%lld", (long long)((const taws_int_t *)v)->v);
        s.n = n > 0 ? (size_t)n : 0;
    }
    return s;
}

/* Python's sorted() of the keys: code point order, which is byte order for these names. */
static unsigned sort_fields(const taws_shape_t *sh, uint8_t order[TEXT_MAX_FIELDS])
{
    unsigned n = sh->n_fields, i, j;
    if (n > TEXT_MAX_FIELDS)
        n = TEXT_MAX_FIELDS; /* text_init refuses such an item shape; nested ones are small */
    for (i = 0; i < n; i++) {
        uint8_t k = (uint8_t)i;
        for (j = i; j > 0 && strcmp(sh->fields[order[j - 1]].name, sh->fields[k].name) > 0; j--)
            order[j] = order[j - 1];
        order[j] = k;
    }
    return n;
}

static uint64_t scalar_mask(const taws_shape_t *sh, const void *base, const uint8_t *order, unsigned n)
{
    uint64_t m = 0;
    unsigned k;
    for (k = 0; k < n; k++) {
        const taws_field_t *fd = &sh->fields[order[k]];
        if (is_scalar(fd) && present(fd, (const uint8_t *)base + fd->offset))
            m |= (uint64_t)1 << k;
    }
    return m;
}

/* ---- output and spool I/O ----------------------------------------------------------------- */

static int out_put(cli_text_t *t, const void *p, size_t n)
{
    if (n && fwrite(p, 1, n, t->out) != n)
        return -1; /* errno from the failed write */
    return 0;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            if (w == 0)
                errno = EIO;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* The spool file: created when a page first outgrows the buffer, unlinked at once. */
static int spool_open(cli_text_t *t)
{
    static char path[4096];
    const char *dir = getenv("TMPDIR");
    int n;
    if (dir == NULL || *dir == '\0')
        dir = "/tmp";
    n = snprintf(path, sizeof path, "%s/tinyaws-text-XXXXXX", dir);
    if (n < 0 || (size_t)n >= sizeof path) {
        errno = ENAMETOOLONG;
        return -1;
    }
    t->fd = mkstemp(path); /* mode 0600: the listing is nobody else's */
    if (t->fd < 0)
        return -1;
    if (unlink(path) != 0) {
        int e = errno;
        close(t->fd);
        t->fd = -1;
        errno = e;
        return -1;
    }
    return 0;
}

static int spool_flush(cli_text_t *t)
{
    if (t->len == 0)
        return 0;
    if (t->fd < 0 && spool_open(t) != 0)
        return -1;
    if (write_all(t->fd, t->buf, t->len) != 0)
        return -1;
    t->spilled += t->len;
    t->len = 0;
    return 0;
}

static int spool_put(cli_text_t *t, const void *p, size_t n)
{
    const char *s = p;
    if (t->counting) {
        t->count += n;
        return 0;
    }
    while (n) {
        size_t k = sizeof t->buf - t->len;
        if (k == 0) {
            if (spool_flush(t) != 0)
                return -1;
            k = sizeof t->buf;
        }
        if (k > n)
            k = n;
        memcpy(t->buf + t->len, s, k);
        t->len += k;
        s += k;
        n -= k;
    }
    return 0;
}

static int spool_u32(cli_text_t *t, uint64_t v)
{
    uint32_t u = (uint32_t)v;
    if (v > 0xffffffffu) {
        errno = EOVERFLOW;
        return -1;
    }
    return spool_put(t, &u, sizeof u);
}

/* Reading back: n bytes to dst, or to the output when dst is NULL. */
static int spool_read(cli_text_t *t, void *dst, size_t n)
{
    char *d = dst;
    while (n) {
        size_t k;
        if (t->rpos == t->len) {
            ssize_t r;
            if (t->file_left == 0) {
                errno = EIO; /* the spool ended inside a record */
                return -1;
            }
            k = t->file_left < sizeof t->buf ? (size_t)t->file_left : sizeof t->buf;
            do
                r = read(t->fd, t->buf, k);
            while (r < 0 && errno == EINTR);
            if (r <= 0) {
                if (r == 0)
                    errno = EIO;
                return -1;
            }
            t->rpos = 0;
            t->len = (size_t)r;
            t->file_left -= (uint64_t)r;
        }
        k = t->len - t->rpos < n ? t->len - t->rpos : n;
        if (d) {
            memcpy(d, t->buf + t->rpos, k);
            d += k;
        } else if (out_put(t, t->buf + t->rpos, k) != 0) {
            return -1;
        }
        t->rpos += k;
        n -= k;
    }
    return 0;
}

/* ---- nested members, straight into the spool ------------------------------------------------ */

static int put_ident(cli_text_t *t, const char *name, size_t n)
{
    char up[256];
    size_t i;
    for (i = 0; i < n && i < sizeof up; i++)
        up[i] = name[i] >= 'a' && name[i] <= 'z' ? (char)(name[i] - 'a' + 'A') : name[i];
    return spool_put(t, up, i);
}

static int put_member(cli_text_t *t, const taws_field_t *fd, const void *v);

/* text.py's _format_dict. columns: the list's union of scalar keys (use_columns), else the
 * dict's own present scalars. Recursion follows the generated shapes (at most 3 deep). */
static int put_dict(cli_text_t *t, const taws_shape_t *sh, const void *base, const taws_field_t *ident,
                    int use_columns, uint64_t columns)
{
    uint8_t order[TEXT_MAX_FIELDS];
    unsigned n = sort_fields(sh, order), k;
    uint64_t line = use_columns ? columns : scalar_mask(sh, base, order, n);
    if (line) {
        int first = 1;
        if (ident) {
            if (put_ident(t, ident->name, ident->name_len) != 0)
                return -1;
            first = 0;
        }
        for (k = 0; k < n; k++) {
            const taws_field_t *fd = &sh->fields[order[k]];
            const void *v = (const uint8_t *)base + fd->offset;
            char tmp[TAWS_ISO_OUT_MAX];
            taws_str_t s;
            if (!(line >> k & 1))
                continue;
            if (!first && spool_put(t, "\t", 1) != 0)
                return -1;
            first = 0;
            if (present(fd, v)) {
                s = scalar_text(fd, v, tmp);
                if (spool_put(t, s.p, s.n) != 0)
                    return -1;
            }
        }
        if (spool_put(t, "\n", 1) != 0)
            return -1;
    }
    for (k = 0; k < n; k++) {
        const taws_field_t *fd = &sh->fields[order[k]];
        const void *v = (const uint8_t *)base + fd->offset;
        if (!is_scalar(fd) && present(fd, v) && put_member(t, fd, v) != 0)
            return -1;
    }
    return 0;
}

/* A non-scalar member under its own identifier (text.py's _format_text of a dict or list). */
static int put_member(cli_text_t *t, const taws_field_t *fd, const void *v)
{
    taws_list_t l;
    if (fd->type == TAWS_T_STRUCT)
        return put_dict(t, fd->shape, v, fd, 0, 0);
    l = *(const taws_list_t *)v; /* iterate copies: the item stays reusable */
    if (fd->elem_type == TAWS_T_STRING) {
        taws_str_t s;
        while (taws_list_next_str(&l, &s) == TAWS_OK)
            if (put_ident(t, fd->name, fd->name_len) != 0 || spool_put(t, "\t", 1) != 0 ||
                spool_put(t, s.p, s.n) != 0 || spool_put(t, "\n", 1) != 0)
                return -1;
    } else {
        /* text.py's _format_list: every element's line has the union of their scalar keys */
        uint64_t elem[16]; /* list element structs are small (a Tag is ~40 bytes) */
        uint8_t order[TEXT_MAX_FIELDS];
        const taws_shape_t *es = fd->shape;
        unsigned n = sort_fields(es, order);
        uint64_t columns = 0;
        taws_list_t again = l;
        if (es->size > sizeof elem)
            return 0;
        while (taws_list_next(&l, elem) == TAWS_OK)
            columns |= scalar_mask(es, elem, order, n);
        while (taws_list_next(&again, elem) == TAWS_OK)
            if (put_dict(t, es, elem, fd, 1, columns) != 0)
                return -1;
    }
    return 0;
}

/* The item's non-scalar members, sorted by key. */
static int put_nested(cli_text_t *t, const void *item)
{
    unsigned k;
    for (k = 0; k < t->n_fields; k++) {
        const taws_field_t *fd = &t->shape->fields[t->order[k]];
        const void *v = (const uint8_t *)item + fd->offset;
        if (!is_scalar(fd) && present(fd, v) && put_member(t, fd, v) != 0)
            return -1;
    }
    return 0;
}

/* ---- pages ------------------------------------------------------------------------------------ */

int text_init(cli_text_t *t, FILE *out, const taws_op_t *op, int no_paginate)
{
    size_t i, n = strlen(op->result_key);
    t->fd = -1;
    t->out = out;
    t->shape = op->item;
    t->no_paginate = no_paginate;
    t->columns = 0;
    t->items = t->pages = t->pages_with_result = 0;
    t->len = t->rpos = 0;
    t->spilled = t->file_left = t->count = 0;
    t->counting = 0;
    if (n > sizeof t->ident || op->item->n_fields > TEXT_MAX_FIELDS) {
        errno = EINVAL;
        return -1;
    }
    for (i = 0; i < n; i++) {
        char c = op->result_key[i];
        t->ident[i] = c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
    }
    t->ident_len = n;
    t->n_fields = sort_fields(op->item, t->order);
    return 0;
}

static int print_page(cli_text_t *t);

/* The pages the pager ended since the last call: the spooled one (the page of the last item,
 * if it has ended), then "None" for each that lacked the result key (a page with an empty
 * list prints nothing). No item can belong to a later page, so this order is the pages'. */
static int end_pages(cli_text_t *t, const taws_pager_t *p)
{
    uint32_t ended = taws_pager_pages(p) - t->pages;
    uint32_t with = taws_pager_pages_with_result(p) - t->pages_with_result;
    t->pages = taws_pager_pages(p);
    t->pages_with_result = taws_pager_pages_with_result(p);
    if (print_page(t) != 0)
        return -1;
    for (; with < ended; with++)
        if (out_put(t, "None\n", 5) != 0)
            return -1;
    return 0;
}

int text_item(cli_text_t *t, const taws_pager_t *p, const void *item)
{
    uint64_t mask;
    unsigned k;
    if (!t->no_paginate && taws_pager_pages(p) != t->pages && (end_pages(t, p) != 0 || fflush(t->out) != 0))
        return -1;
    mask = scalar_mask(t->shape, item, t->order, t->n_fields);
    t->columns |= mask;
    if (spool_put(t, &mask, sizeof mask) != 0)
        return -1;
    for (k = 0; k < t->n_fields; k++) {
        const taws_field_t *fd = &t->shape->fields[t->order[k]];
        char tmp[TAWS_ISO_OUT_MAX];
        taws_str_t s;
        if (!(mask >> k & 1))
            continue;
        s = scalar_text(fd, (const uint8_t *)item + fd->offset, tmp);
        if (spool_u32(t, s.n) != 0 || spool_put(t, s.p, s.n) != 0)
            return -1;
    }
    t->counting = 1;
    t->count = 0;
    (void)put_nested(t, item); /* counting cannot fail */
    t->counting = 0;
    if (spool_u32(t, t->count) != 0 || put_nested(t, item) != 0)
        return -1;
    t->items++;
    return 0;
}

/* Prints the spooled page: each item's line with the page's columns, then its nested lines. */
static int print_page(cli_text_t *t)
{
    uint32_t i;
    int rc = 0;
    if (t->items == 0)
        goto reset;
    if (t->spilled) { /* read the file back through buf */
        if (spool_flush(t) != 0 || lseek(t->fd, 0, SEEK_SET) != 0)
            return -1;
        t->file_left = t->spilled;
        t->len = 0;
    }
    t->rpos = 0;
    for (i = 0; i < t->items && rc == 0; i++) {
        uint64_t mask;
        uint32_t n;
        unsigned k;
        rc = spool_read(t, &mask, sizeof mask);
        if (rc == 0 && t->columns)
            rc = out_put(t, t->ident, t->ident_len);
        for (k = 0; rc == 0 && k < t->n_fields; k++) {
            if (!(t->columns >> k & 1))
                continue;
            rc = out_put(t, "\t", 1);
            if (rc == 0 && (mask >> k & 1) && (rc = spool_read(t, &n, sizeof n)) == 0)
                rc = spool_read(t, NULL, n);
        }
        if (rc == 0 && t->columns)
            rc = out_put(t, "\n", 1);
        if (rc == 0 && (rc = spool_read(t, &n, sizeof n)) == 0)
            rc = spool_read(t, NULL, n);
    }
    if (rc != 0)
        return rc;
reset:
    if (t->spilled && (ftruncate(t->fd, 0) != 0 || lseek(t->fd, 0, SEEK_SET) != 0))
        return -1;
    t->items = 0;
    t->columns = 0;
    t->len = t->rpos = 0;
    t->spilled = t->file_left = 0;
    return 0;
}

int text_page_end(cli_text_t *t)
{
    if (print_page(t) != 0)
        return -1;
    return fflush(t->out) != 0 ? -1 : 0;
}

int text_end(cli_text_t *t, const taws_pager_t *p, taws_str_t token)
{
    if (t->no_paginate) {
        /* the response as one dict: its scalar (the token) first, bare, then the list */
        if (token.p && (out_put(t, token.p, token.n) != 0 || out_put(t, "\n", 1) != 0))
            return -1;
        return text_page_end(t);
    }
    if (end_pages(t, p) != 0)
        return -1;
    if (token.p && (out_put(t, "NEXTTOKEN\t", 10) != 0 || out_put(t, token.p, token.n) != 0 ||
                    out_put(t, "\n", 1) != 0))
        return -1;
    return fflush(t->out) != 0 ? -1 : 0;
}

int text_error(cli_text_t *t, const taws_pager_t *p)
{
    if (!t->no_paginate && taws_pager_pages(p) != t->pages && end_pages(t, p) != 0)
        return -1;
    t->items = 0; /* a page cut short by the error: the AWS CLI never printed it */
    return fflush(t->out) != 0 ? -1 : 0;
}

void text_close(cli_text_t *t)
{
    if (t->fd >= 0)
        close(t->fd);
    t->fd = -1;
}
