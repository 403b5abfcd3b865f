/* SPDX-License-Identifier: MIT */
/* tinyaws CLI --output text: the AWS CLI v2's text format (awscli/text.py, formatter.py's
 * TextFormatter), byte for byte.
 *
 * An item line's columns are the sorted union of the scalar keys of all items of its page, so
 * no line can be printed before the page ends: items are spooled (to a fixed buffer, then to
 * an unlinked temporary file in $TMPDIR or /tmp when the page outgrows it) and printed when
 * the pager finishes the page. Memory stays bounded whatever the page size: the column set is
 * a bitmask over the item shape's fields, and the spool is read back through the same buffer.
 *
 *   text_init(&t, stdout, op, no_paginate);
 *   while (taws_pager_next(&pager, item) == TAWS_OK) text_item(&t, &pager, item);
 *   text_end(&t, &pager, token);   (the resume token, or with no_paginate the page token)
 *   or text_error(&t, &pager) when the pager failed
 *   text_close(&t);
 *
 * Every function returns 0, or -1 with errno set when a write, a flush or spool I/O failed.
 */
#ifndef TINYAWS_CLI_OUTPUT_TEXT_H
#define TINYAWS_CLI_OUTPUT_TEXT_H

#include <stdio.h>
#include "tinyaws/pager.h"

#ifndef TEXT_SPOOL_BYTES
#define TEXT_SPOOL_BYTES (64u * 1024u) /* a page smaller than this never touches the file */
#endif
#define TEXT_MAX_FIELDS 64             /* fields of one shape: the column mask is a uint64_t */

typedef struct {
    FILE *out;
    const taws_shape_t *shape;   /* the item */
    int no_paginate;             /* format the single response as a whole (token first) */
    int fd;                      /* the spool file, -1 until a page outgrows buf */
    char ident[64];              /* the result key upper-cased: first column of item lines */
    size_t ident_len;
    uint8_t order[TEXT_MAX_FIELDS]; /* the item's field indexes sorted by name */
    unsigned n_fields;
    uint64_t columns;            /* union of the page's scalar keys (bits: positions in order) */
    uint32_t items;              /* items spooled for the current page */
    uint32_t pages, pages_with_result; /* the pager's counters at the last page end */
    size_t len;                  /* bytes in buf (writing), or its end (reading back) */
    size_t rpos;                 /* reading back: next byte of buf */
    uint64_t spilled;            /* bytes of the current page in the file */
    uint64_t file_left;          /* reading back: file bytes not yet read */
    uint64_t count;              /* the counting pass over an item's nested lines */
    int counting;
    char buf[TEXT_SPOOL_BYTES];
} cli_text_t;

int text_init(cli_text_t *t, FILE *out, const taws_op_t *op, int no_paginate);
/* Ends the pages the pager finished since the last call (printing them), then spools item. */
int text_item(cli_text_t *t, const taws_pager_t *p, const void *item);
/* Prints the spooled page and flushes; nothing when no item is spooled. */
int text_page_end(cli_text_t *t);
/* Ends the listing: the last page, then a NEXTTOKEN line for a resume token; with no_paginate
 * the page token's own line first, then the page. token.p == NULL: no token. Flushes. */
int text_end(cli_text_t *t, const taws_pager_t *p, taws_str_t token);
/* Before an error is reported: prints the pages the pager completed (the AWS CLI printed
 * them before it failed) and drops a page that did not end. */
int text_error(cli_text_t *t, const taws_pager_t *p);
/* Closes the spool file (idempotent). */
void text_close(cli_text_t *t);

#endif
