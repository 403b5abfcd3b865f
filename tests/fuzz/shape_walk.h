/* SPDX-License-Identifier: MIT */
/*
 * Walking a struct produced by taws_decode() through its generated field table, for the JSON
 * fuzz harness: every view must lie inside the decoded item, every list must iterate exactly
 * its count, and two decodings of the same item (whole and string-capped) must agree.
 */
#ifndef TAWS_FUZZ_SHAPE_WALK_H
#define TAWS_FUZZ_SHAPE_WALK_H

#include "shape.h"

/* Largest struct the generated tables describe; checked against every shape walked. */
#define WALK_MAX_STRUCT 1024

/* Checks the struct at s (of shape sh) decoded from js[0..len). Aborts on a violation. */
void walk_check(const taws_shape_t *sh, const void *s, const char *js, size_t len);

/* a was decoded from an item, b from the same item with its strings cut to a cap: every
 * string of b must be a prefix of a's, every number and list length the same. */
void walk_compare_cut(const taws_shape_t *sh, const void *a, const void *b);

#endif
