/* SPDX-License-Identifier: MIT */
/*
 * Parameter values as the AWS CLI sees them before they reach the model: a small tree of
 * strings, numbers, booleans, nulls, lists and dicts, from JSON (--cli-input-json, a JSON
 * option value) or from the shorthand syntax (shorthand.c). cli_value_apply() then stores a
 * tree into a params struct through the operation tables, with botocore's type checks and
 * messages. Nodes come from a static pool; strings point into argv or into a static copy.
 */
#ifndef TINYAWS_CLI_VALUE_H
#define TINYAWS_CLI_VALUE_H

#include "tinyaws/types.h"

enum { CLI_V_STR, CLI_V_NUM, CLI_V_TRUE, CLI_V_FALSE, CLI_V_NULL, CLI_V_LIST, CLI_V_DICT };

#define CLI_V_NONE 0xFFFFu

typedef struct {
    const char *s;      /* STR and NUM: the text (strings unescaped; NUL-terminated) */
    size_t n;
    const char *key;    /* a dict member's key (NUL-terminated), else NULL */
    uint16_t child;     /* LIST/DICT: first element, or CLI_V_NONE */
    uint16_t next;      /* next sibling, or CLI_V_NONE */
    uint16_t count;     /* LIST/DICT: elements */
    uint8_t kind;
} cli_value_t;

/* Forgets every node and copied string (a new run). */
void cli_value_reset(void);
/* The node with index i. */
cli_value_t *cli_value_at(uint16_t i);
/* A new node of kind; CLI_V_NONE when the pool is full. */
uint16_t cli_value_new(uint8_t kind);
/* Appends child to the LIST/DICT parent (keeping *last for speed). */
void cli_value_append(uint16_t parent, uint16_t child, uint16_t *last);
/* A NUL-terminated copy of p[0..n) in the string pool, or NULL when it is full. */
char *cli_value_keep(const char *p, size_t n);

/* Parses JSON text into a tree. Returns the root, or CLI_V_NONE with a message in msg
 * ("Expecting ',' delimiter: line 1 column 32 (char 31)", Python's json wording). */
uint16_t cli_json_parse(const char *text, size_t n, char *msg, size_t cap);

/* Stores a dict into a params struct of shape sh: every key a member name (or "Unknown
 * parameter in <path>: ..."), every value of the member's type. path: "input" at the top,
 * "Filters[0]" below. Returns 0, or -1 with botocore's "Parameter validation failed:" lines. */
int cli_value_apply(const taws_pshape_t *sh, void *base, uint16_t dict, const char *path,
                    char *msg, size_t cap);
/* Forgets the list elements and string arrays stored into params structs (a new run). */
void cli_value_reset_params(void);
/* Stores one value into one member (the value of an option). */
int cli_value_apply_member(const taws_param_t *p, void *base, uint16_t v, const char *path,
                           char *msg, size_t cap);

#endif
