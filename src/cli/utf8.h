/* SPDX-License-Identifier: MIT */
/* Argument strings that are not UTF-8, reported as the AWS CLI reports them. */
#ifndef TINYAWS_CLI_UTF8_H
#define TINYAWS_CLI_UTF8_H

#include <stddef.h>

/* 0 when s[0..n) is valid UTF-8; else -1, and with msg the AWS CLI's (Python's) message:
 * "'utf-8' codec can't encode characters in position 2-3: surrogates not allowed". Python
 * decodes argv with surrogateescape (a byte that is not part of valid UTF-8 becomes one
 * U+DC80+byte) and counts positions in code points; a CESU-encoded surrogate (ED A0..BF ..),
 * which JSON's \uD800 escapes give, is one code point. */
int cli_utf8_check(const char *s, size_t n, char *msg, size_t cap);

#endif
