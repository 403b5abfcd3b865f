/* SPDX-License-Identifier: MIT */
/*
 * The endpoint rule-set evaluator: botocore's EndpointProvider over the generated tables.
 *
 * Rules are stored in depth-first order and each knows the index just past its subtree, so the
 * walk is one forward loop: a rule whose conditions fail jumps past its subtree, a tree whose
 * conditions hold steps into its children, and a tree whose children all fail falls through to
 * its next sibling, as botocore's TreeRule does. A value assigned by a rule's condition is
 * visible from that rule to the end of its subtree (botocore copies the scope per rule), which
 * one (from, until) pair per slot expresses. No recursion, no heap; the value stack and the
 * slots are sized in config.h and checked against the tables when they are compiled.
 */
#include <string.h>
#include "endpoint_rules.h"

typedef struct {
    uint8_t type; /* V_* */
    uint8_t b;    /* V_BOOL: the value; V_PART: the partition index */
    const char *s;
} rval_t;

enum { V_NONE, V_BOOL, V_STR, V_PART };

typedef struct {
    const taws_rules_t *rs;
    const taws_rules_input_t *in;
    rval_t slot[TAWS_RULES_SLOTS];
    uint8_t from[TAWS_RULES_SLOTS], until[TAWS_RULES_SLOTS]; /* assigned slots' scope */
} scope_t;

/* ---- partitions ------------------------------------------------------------------------- */

static int is_word(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* A compiled region regex (gen_endpoints.py checks that greedy matching is exact for it). */
static int pattern_match(const char *p, const char *s)
{
    while (*p) {
        char op = *p;
        if (op == TAWS_PAT_WORDS || op == TAWS_PAT_DIGITS) {
            const char *s0 = s;
            while (*s && (op == TAWS_PAT_WORDS ? is_word(*s) : (*s >= '0' && *s <= '9')))
                s++;
            if (s == s0)
                return 0;
            p++;
        } else if (op == TAWS_PAT_ALT) {
            size_t hit = 0;
            int found = 0;
            for (;;) {
                size_t n = 0;
                p++;
                while (p[n] && p[n] != TAWS_PAT_OR && p[n] != TAWS_PAT_END_ALT)
                    n++;
                if (!found && strncmp(s, p, n) == 0) {
                    found = 1;
                    hit = n;
                }
                p += n;
                if (*p != TAWS_PAT_OR)
                    break;
            }
            if (!found || *p != TAWS_PAT_END_ALT)
                return 0;
            p++;
            s += hit;
        } else if (op == TAWS_PAT_EOL) {
            if (*s)
                return 0;
            p++;
        } else {
            if (*s != op)
                return 0;
            s++;
            p++;
        }
    }
    return 1;
}

static int listed(const char *list, const char *region)
{
    while (*list) {
        if (strcmp(list, region) == 0)
            return 1;
        list += strlen(list) + 1;
    }
    return 0;
}

unsigned taws_partition_of(const char *region)
{
    unsigned i;
    for (i = 0; region && i < taws_partitions.n_parts; i++) {
        const taws_partition_t *p = &taws_partitions.parts[i];
        if (listed(taws_rules_pool + p->regions, region) ||
            pattern_match(taws_rules_pool + p->pattern, region))
            return i;
    }
    return 0; /* botocore: the first partition when none matches */
}

static taws_status_t attr(unsigned part, unsigned a, rval_t *out)
{
    uint16_t v;
    if (part >= taws_partitions.n_parts || a >= taws_partitions.n_attrs)
        return TAWS_ERR_ENDPOINT_RULES;
    v = taws_partitions.attrs[part * taws_partitions.n_attrs + a];
    out->s = NULL;
    if (v == TAWS_ATTR_TRUE || v == TAWS_ATTR_FALSE) {
        out->type = V_BOOL;
        out->b = v == TAWS_ATTR_TRUE;
    } else {
        out->type = V_STR;
        out->s = taws_rules_pool + v;
    }
    return TAWS_OK;
}

/* ---- values --------------------------------------------------------------------------------- */

static taws_status_t load(const scope_t *sc, unsigned slot, unsigned at, rval_t *v)
{
    const taws_rules_input_t *in = sc->in;
    v->type = V_NONE;
    v->b = 0;
    v->s = NULL;
    if (slot >= sc->rs->n_slots)
        return TAWS_ERR_ENDPOINT_RULES;
    switch (sc->rs->slots[slot]) {
    case TAWS_SLOT_UNSET:
        break;
    case TAWS_SLOT_REGION:
    case TAWS_SLOT_ENDPOINT:
    case TAWS_SLOT_PREFIX: {
        const char *s = sc->rs->slots[slot] == TAWS_SLOT_REGION     ? in->region
                      : sc->rs->slots[slot] == TAWS_SLOT_ENDPOINT ? in->endpoint
                                                                  : sc->rs->endpoint_prefix;
        if (s) {
            v->type = V_STR;
            v->s = s;
        }
        break;
    }
    case TAWS_SLOT_FIPS:
    case TAWS_SLOT_DUALSTACK:
    case TAWS_SLOT_TRUE:
    case TAWS_SLOT_FALSE:
        v->type = V_BOOL;
        v->b = sc->rs->slots[slot] == TAWS_SLOT_FIPS        ? in->use_fips != 0
               : sc->rs->slots[slot] == TAWS_SLOT_DUALSTACK ? in->use_dualstack != 0
                                                            : sc->rs->slots[slot] == TAWS_SLOT_TRUE;
        break;
    case TAWS_SLOT_VAR:
        if (sc->from[slot] <= at && at < sc->until[slot])
            *v = sc->slot[slot];
        break;
    default:
        return TAWS_ERR_ENDPOINT_RULES;
    }
    return TAWS_OK;
}

/* Runs one condition of rule `at` from *pc; *truth as botocore's: not False and not None. */
static taws_status_t condition(scope_t *sc, unsigned at, const uint8_t **pc, int *truth)
{
    rval_t st[TAWS_RULES_STACK];
    unsigned sp = 0;
    const uint8_t *c = *pc;
    if (sc->rs->max_stack > TAWS_RULES_STACK)
        return TAWS_ERR_ENDPOINT_RULES;
    for (;;) {
        uint8_t op = *c++;
        rval_t *top = sp ? &st[sp - 1] : NULL;
        if (op == TAWS_OP_END) {
            unsigned slot = *c++;
            if (sp != 1)
                return TAWS_ERR_ENDPOINT_RULES;
            if (slot != TAWS_OP_NO_ASSIGN) {
                if (slot >= sc->rs->n_slots || sc->rs->slots[slot] != TAWS_SLOT_VAR)
                    return TAWS_ERR_ENDPOINT_RULES;
                sc->slot[slot] = st[0];
                sc->from[slot] = (uint8_t)at;
                sc->until[slot] = sc->rs->rules[at].next;
            }
            *truth = !(st[0].type == V_NONE || (st[0].type == V_BOOL && !st[0].b));
            *pc = c;
            return TAWS_OK;
        }
        if (op <= TAWS_OP_REF) { /* pushes */
            if (sp == TAWS_RULES_STACK)
                return TAWS_ERR_ENDPOINT_RULES;
            top = &st[sp++];
            top->s = NULL;
            top->b = 0;
            if (op == TAWS_OP_TRUE || op == TAWS_OP_FALSE) {
                top->type = V_BOOL;
                top->b = op == TAWS_OP_TRUE;
            } else if (op == TAWS_OP_STR) {
                top->type = V_STR;
                top->s = taws_rules_pool + (c[0] | (unsigned)c[1] << 8);
                c += 2;
            } else {
                TAWS_TRY(load(sc, *c++, at, top));
            }
            continue;
        }
        if (!top)
            return TAWS_ERR_ENDPOINT_RULES;
        switch (op) {
        case TAWS_OP_ISSET:
            top->b = top->type != V_NONE;
            top->type = V_BOOL;
            break;
        case TAWS_OP_NOT:
            if (top->type != V_BOOL)
                return TAWS_ERR_ENDPOINT_RULES;
            top->b = !top->b;
            break;
        case TAWS_OP_BOOLEQ:
        case TAWS_OP_STREQ: {
            rval_t *a;
            int eq;
            if (sp < 2)
                return TAWS_ERR_ENDPOINT_RULES;
            a = &st[sp - 2];
            if (op == TAWS_OP_BOOLEQ) {
                if (a->type != V_BOOL || top->type != V_BOOL)
                    return TAWS_ERR_ENDPOINT_RULES; /* botocore raises: "must be bools" */
                eq = a->b == top->b;
            } else {
                if (a->type != V_STR || top->type != V_STR)
                    return TAWS_ERR_ENDPOINT_RULES; /* "Both values must be strings" */
                eq = strcmp(a->s, top->s) == 0;
            }
            sp--;
            a->type = V_BOOL;
            a->b = (uint8_t)eq;
            a->s = NULL;
            break;
        }
        case TAWS_OP_PARTITION:
            if (top->type != V_STR && top->type != V_NONE)
                return TAWS_ERR_ENDPOINT_RULES;
            top->b = (uint8_t)taws_partition_of(top->type == V_STR ? top->s : NULL);
            top->type = V_PART;
            top->s = NULL;
            break;
        case TAWS_OP_GETATTR:
            if (top->type != V_PART)
                return TAWS_ERR_ENDPOINT_RULES;
            TAWS_TRY(attr(top->b, *c++, top));
            break;
        default:
            return TAWS_ERR_ENDPOINT_RULES;
        }
    }
}

/* ---- templates ------------------------------------------------------------------------------ */

static taws_status_t put(char *out, size_t cap, size_t *n, const char *s, size_t len)
{
    if (len >= cap - *n)
        return TAWS_ERR_TOO_LONG;
    memcpy(out + *n, s, len);
    *n += len;
    out[*n] = '\0';
    return TAWS_OK;
}

static taws_status_t render(const scope_t *sc, unsigned at, const char *t, char *out, size_t cap)
{
    size_t n = 0;
    out[0] = '\0';
    while (*t) {
        if (*t == TAWS_TPL_REF) {
            rval_t v;
            unsigned a = (uint8_t)t[2];
            if (t[1] == 0 || a == 0)
                return TAWS_ERR_ENDPOINT_RULES;
            TAWS_TRY(load(sc, (uint8_t)t[1] - 1u, at, &v));
            if (a >= 2) {
                if (v.type != V_PART)
                    return TAWS_ERR_ENDPOINT_RULES;
                TAWS_TRY(attr(v.b, a - 2, &v));
            }
            if (v.type != V_STR)
                return TAWS_ERR_ENDPOINT_RULES;
            TAWS_TRY(put(out, cap, &n, v.s, strlen(v.s)));
            t += 3;
        } else {
            size_t k = 0;
            while (t[k] && t[k] != TAWS_TPL_REF)
                k++;
            TAWS_TRY(put(out, cap, &n, t, k));
            t += k;
        }
    }
    return TAWS_OK;
}

/* ---- rule sets ------------------------------------------------------------------------------ */

const taws_rules_t *taws_rules_find(const char *endpoint_prefix)
{
    const taws_rules_t *const *r;
    for (r = taws_rule_sets; endpoint_prefix && *r; r++)
        if (strcmp((*r)->endpoint_prefix, endpoint_prefix) == 0)
            return *r;
    return NULL;
}

taws_status_t taws_rules_eval(const taws_rules_t *rs, const taws_rules_input_t *in, char *out,
                              size_t cap)
{
    scope_t sc;
    unsigned i = 0;

    if (cap == 0)
        return TAWS_ERR_TOO_LONG;
    out[0] = '\0';
    if (rs->n_slots > TAWS_RULES_SLOTS)
        return TAWS_ERR_ENDPOINT_RULES;
    memset(&sc, 0, sizeof sc);
    sc.rs = rs;
    sc.in = in;
    while (i < rs->n_rules) {
        const taws_rule_t *r = &rs->rules[i];
        const uint8_t *pc = rs->code + r->cond;
        int truth = 1;
        unsigned k, kind;
        if (r->next <= i || r->next > rs->n_rules)
            return TAWS_ERR_ENDPOINT_RULES; /* the walk only moves forward */
        for (k = 0; k < (unsigned)(r->kind_n >> 2) && truth; k++)
            TAWS_TRY(condition(&sc, i, &pc, &truth));
        if (!truth) {
            i = r->next;
            continue;
        }
        kind = r->kind_n & 3u;
        if (kind == TAWS_RULE_TREE) {
            i++;
            continue;
        }
        if (kind != TAWS_RULE_ENDPOINT && kind != TAWS_RULE_ERROR)
            return TAWS_ERR_ENDPOINT_RULES;
        TAWS_TRY(render(&sc, i, taws_rules_pool + r->text, out, cap));
        return kind == TAWS_RULE_ENDPOINT ? TAWS_OK : TAWS_ERR_ENDPOINT_RULE;
    }
    /* botocore: "No endpoint found for parameters" */
    {
        static const char none[] = "No endpoint found for parameters";
        size_t n = 0;
        (void)put(out, cap, &n, none, sizeof none - 1);
    }
    return TAWS_ERR_ENDPOINT_RULE;
}
