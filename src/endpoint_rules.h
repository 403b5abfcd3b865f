/* SPDX-License-Identifier: MIT */
/*
 * Endpoint rule sets as data: each service's endpoint-rule-set-1.json and botocore's
 * partitions.json, generated into tables (src/gen_endpoints.py -> src/endpoint_rules_tables.gen.c)
 * and evaluated as botocore's EndpointProvider does, without heap or recursion.
 *
 * Most callers want taws_endpoint_resolve() (endpoint.h), which also checks the region and
 * parses the URL; this header is the evaluator and the table layout the generator writes.
 */
#ifndef TINYAWS_SRC_ENDPOINT_RULES_H
#define TINYAWS_SRC_ENDPOINT_RULES_H

#include "common.h"

/* The rule set's built-in parameters (the only inputs these rule sets read). */
typedef struct {
    const char *region;    /* AWS::Region; NULL: not set */
    const char *endpoint;  /* SDK::Endpoint; NULL: not set (botocore passes endpoint_url) */
    uint8_t use_fips;      /* AWS::UseFIPS */
    uint8_t use_dualstack; /* AWS::UseDualStack */
} taws_rules_input_t;

/* ---- table layout (written by src/gen_endpoints.py; the numbers are part of it) ----------- */

/* Condition byte code: a postfix program per condition, ending in TAWS_OP_END <slot|0xff>
 * (the slot its result is assigned to). String operands are 2-byte little-endian offsets into
 * taws_rules_pool. */
enum {
    TAWS_OP_END, TAWS_OP_TRUE, TAWS_OP_FALSE, TAWS_OP_STR, TAWS_OP_REF, TAWS_OP_ISSET,
    TAWS_OP_NOT, TAWS_OP_BOOLEQ, TAWS_OP_STREQ, TAWS_OP_PARTITION, TAWS_OP_GETATTR
};
#define TAWS_OP_NO_ASSIGN 0xffu

/* Where a slot's value comes from: a built-in input, a default, or an assignment. */
enum {
    TAWS_SLOT_UNSET, TAWS_SLOT_REGION, TAWS_SLOT_ENDPOINT, TAWS_SLOT_FIPS, TAWS_SLOT_DUALSTACK,
    TAWS_SLOT_TRUE, TAWS_SLOT_FALSE, TAWS_SLOT_VAR,
    TAWS_SLOT_PREFIX /* the rule set's endpoint_prefix: the service's name in its URLs */
};

enum { TAWS_RULE_TREE, TAWS_RULE_ENDPOINT, TAWS_RULE_ERROR };

/* Templates (URLs, error messages) are pool strings in which "\001" <slot+1> <attr+2 | 1>
 * stands for a slot's string value or one attribute of the partition in that slot. */
#define TAWS_TPL_REF 1

/* Region patterns are compiled regexes: literal characters and these operators. */
enum { TAWS_PAT_WORDS = 1, TAWS_PAT_DIGITS, TAWS_PAT_ALT, TAWS_PAT_OR, TAWS_PAT_END_ALT,
       TAWS_PAT_EOL };

/* Partition attribute values: pool offsets, or these two. */
#define TAWS_ATTR_TRUE 0xffffu
#define TAWS_ATTR_FALSE 0xfffeu

typedef struct {
    uint16_t cond;   /* offset of its first condition in the rule set's code */
    uint16_t text;   /* endpoint URL or error message template (pool offset) */
    uint8_t kind_n;  /* TAWS_RULE_* | number of conditions << 2 */
    uint8_t next;    /* index of the first rule after this rule's subtree (rules are in DFS order) */
} taws_rule_t;

typedef struct {
    const char *endpoint_prefix; /* the model's endpointPrefix: which operations use it */
    const uint8_t *code;
    const taws_rule_t *rules;
    const uint8_t *slots;        /* TAWS_SLOT_* per slot */
    uint8_t n_rules;
    uint8_t n_slots;
    uint8_t max_stack;           /* deepest evaluation stack its conditions need */
} taws_rules_t;

typedef struct {
    uint16_t name;     /* partition id, e.g. "aws-us-gov" */
    uint16_t pattern;  /* compiled regionRegex */
    uint16_t regions;  /* names listed but not matched by the pattern: "a\0b\0\0" */
} taws_partition_t;

typedef struct {
    const taws_partition_t *parts; /* in partitions.json's order; the first is the default */
    const uint16_t *attrs;         /* n_parts x n_attrs attribute values */
    uint8_t n_parts;
    uint8_t n_attrs;
} taws_partitions_t;

extern const char taws_rules_pool[];
extern const taws_partitions_t taws_partitions;
/* Every generated rule set, NULL-terminated. */
extern const taws_rules_t *const taws_rule_sets[];

/* ---- evaluation --------------------------------------------------------------------------- */

/* The rule set for an operation's endpoint prefix ("bedrock", "bedrock-runtime", "ssm"), or
 * NULL. */
const taws_rules_t *taws_rules_find(const char *endpoint_prefix);

/* Evaluates rs for in, as botocore's EndpointProvider.resolve_endpoint(): TAWS_OK with the URL
 * in out (NUL-terminated); TAWS_ERR_ENDPOINT_RULE when the rule set raised an error, its
 * message in out (e.g. "FIPS and DualStack are enabled, but this partition does not support
 * one or both"); TAWS_ERR_TOO_LONG when out is too small; TAWS_ERR_ENDPOINT_RULES when the
 * tables cannot be evaluated (a value of the wrong type, a limit of config.h exceeded). */
taws_status_t taws_rules_eval(const taws_rules_t *rs, const taws_rules_input_t *in, char *out,
                              size_t cap);

/* The partition botocore's aws.partition() picks for region (index into taws_partitions). */
unsigned taws_partition_of(const char *region);

#endif
