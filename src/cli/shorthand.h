/* SPDX-License-Identifier: MIT */
/* The AWS CLI's shorthand syntax into a value tree (shorthand.c). */
#ifndef TINYAWS_CLI_SHORTHAND_H
#define TINYAWS_CLI_SHORTHAND_H

#include "value.h"

/* Parses one shorthand argument into a dict; CLI_V_NONE with the AWS CLI's message. */
uint16_t cli_shorthand_parse(const char *s, char *msg, size_t cap);
/* BackCompatVisitor: for the members of sh, a scalar for a list becomes [scalar] and a
 * string of digits for an integer becomes a number. */
void cli_shorthand_backcompat(const taws_pshape_t *sh, uint16_t dict);

#endif
