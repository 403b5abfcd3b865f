/* SPDX-License-Identifier: MIT */
/*
 * src/params.c on its own, not through the pager: validation, the query string (restJson1)
 * and the JSON body (awsJson1_1) for every parameter type, bound, enum, required member and
 * wire location, against vectors made from the AWS service models and botocore
 * (params_vectors.h, generated into build/gen by tests/unit/gen_params_vectors.py: botocore's
 * validation report, the canonical query SigV4Auth makes of botocore's request, botocore's
 * body bytes). Then what botocore has no counterpart for: control characters and bad UTF-8,
 * NULL list entries, non-zero booleans, capacities.
 */
#include <stdlib.h>
#include <string.h>
#include "check.h"
#include "params.h"
#include "sigv4.h"
#include "params_vectors.h" /* generated into build/gen from ../shared/aws-models and botocore */

static uint64_t params_buf[64];      /* the operation's params struct */
static uint64_t elem_pool[64 * 8];   /* struct-list elements */
static const char *ptr_pool[256];    /* string-list values */
static size_t elem_used, ptr_used;
static char msg[4096], out[8192];

static void clear(void)
{
    memset(params_buf, 0, sizeof params_buf);
    memset(elem_pool, 0, sizeof elem_pool);
    elem_used = ptr_used = 0;
}

static const taws_param_t *find(const taws_pshape_t *sh, const char *member, size_t n)
{
    unsigned k;
    for (k = 0; k < sh->n_params; k++)
        if (strlen(sh->params[k].member) == n && memcmp(sh->params[k].member, member, n) == 0)
            return &sh->params[k];
    return NULL;
}

/* The i-th of a vector's NUL-separated values. */
static const char *nth(const char *v, int i)
{
    while (i-- > 0)
        v += strlen(v) + 1;
    return v;
}

/* Sets one member of base from a vector entry; 0 when the entry does not fit the table. */
static int set_member(const taws_param_t *p, void *base, const char *value, int n)
{
    uint8_t *dst = (uint8_t *)base + p->offset;
    int i;
    switch (p->type) {
    case TAWS_P_STRING:
        *(const char **)dst = value;
        return n < 0;
    case TAWS_P_INTEGER:
        ((taws_int_t *)dst)->v = strtoll(value, NULL, 10);
        ((taws_int_t *)dst)->set = 1;
        return n < 0;
    case TAWS_P_TIMESTAMP: {
        taws_time_t *t = (taws_time_t *)dst;
        char *end;
        t->sec = strtoll(value, &end, 10);
        t->usec = *end == '.' ? (uint32_t)strtoul(end + 1, NULL, 10) : 0;
        t->set = 1;
        return n < 0;
    }
    case TAWS_P_BOOLEAN:
        ((taws_bool_t *)dst)->v = strcmp(value, "true") == 0;
        ((taws_bool_t *)dst)->set = 1;
        return n < 0 && (strcmp(value, "true") == 0 || strcmp(value, "false") == 0);
    case TAWS_P_STRING_LIST:
        if (n < 0 || ptr_used + (size_t)n > sizeof ptr_pool / sizeof ptr_pool[0])
            return 0;
        for (i = 0; i < n; i++)
            ptr_pool[ptr_used + (size_t)i] = nth(value, i);
        *(const char *const **)dst = ptr_pool + ptr_used;
        *(size_t *)((uint8_t *)base + p->count_offset) = (size_t)n;
        ptr_used += (size_t)n;
        return 1;
    case TAWS_P_STRUCT_LIST: { /* n elements, zeroed; their members follow as "List[i].Member" */
        size_t units = ((size_t)p->elem_size + 7u) / 8u;
        if (n < 0 || elem_used + (size_t)n * units > sizeof elem_pool / 8u)
            return 0;
        *(const void **)dst = elem_pool + elem_used;
        *(size_t *)((uint8_t *)base + p->count_offset) = (size_t)n;
        elem_used += (size_t)n * units;
        return 1;
    }
    default:
        return 0;
    }
}

/* Fills params_buf from a case; 0 when a path names no member. */
static int fill(const pv_case_t *c)
{
    unsigned k;
    clear();
    for (k = 0; k < c->n_set; k++) {
        const pv_set_t *s = &c->set[k];
        const char *br = strchr(s->path, '[');
        const taws_param_t *p = find(c->op->input, s->path, br ? (size_t)(br - s->path) : strlen(s->path));
        if (p == NULL)
            return 0;
        if (br == NULL) {
            if (!set_member(p, params_buf, s->value, s->n))
                return 0;
        } else { /* "Filters[2].Key": a member of element 2 */
            const taws_param_t *q;
            uint8_t *arr = *(uint8_t **)((uint8_t *)params_buf + p->offset);
            unsigned long i = strtoul(br + 1, NULL, 10);
            const char *dot = strchr(br, '.');
            if (p->type != TAWS_P_STRUCT_LIST || arr == NULL || dot == NULL ||
                i >= *(size_t *)((uint8_t *)params_buf + p->count_offset))
                return 0;
            q = find(p->elem, dot + 1, strlen(dot + 1));
            if (q == NULL || !set_member(q, arr + i * p->elem_size, s->value, s->n))
                return 0;
        }
    }
    return 1;
}

static taws_page_args_t page_of(const pv_case_t *c)
{
    taws_page_args_t pg;
    memset(&pg, 0, sizeof pg);
    pg.active = (uint8_t)c->page;
    pg.limit.v = c->page_limit;
    pg.limit.set = (uint8_t)c->page_limit_set;
    if (c->page_token) {
        pg.token.p = c->page_token;
        pg.token.n = strlen(c->page_token);
    }
    return pg;
}

/* One vector: the report; when valid, the query (and nothing in a body-only operation's
 * query) or the body, byte for byte. 0 on the first mismatch (reported). */
static int run_case(const pv_case_t *c)
{
    taws_page_args_t pg = page_of(c);
    taws_kv_t q[TAWS_SIGV4_MAX_QUERY];
    taws_query_scratch_t scratch;
    taws_memsink_t m;
    taws_status_t st;
    size_t n = 99;
    if (!fill(c)) {
        check_fail(__FILE__, __LINE__, "%s: the vector does not fit the table", c->name);
        return 0;
    }
    st = taws_params_validate(c->op, params_buf, c->page ? &pg : NULL, msg, sizeof msg);
    if (st != (c->msg[0] ? TAWS_ERR_PARAM : TAWS_OK)) {
        check_fail(__FILE__, __LINE__, "%s: validation gave %s: %s", c->name, taws_status_name(st), msg);
        return 0;
    }
    if (!check_mem_eq(__FILE__, __LINE__, c->name, msg, strlen(msg), c->msg, strlen(c->msg)))
        return 0;
    if (st != TAWS_OK)
        return 1;
    st = taws_params_query(c->op, params_buf, c->page ? &pg : NULL, q, TAWS_SIGV4_MAX_QUERY, &n, &scratch);
    if (st != TAWS_OK) {
        check_fail(__FILE__, __LINE__, "%s: query gave %s", c->name, taws_status_name(st));
        return 0;
    }
    if (c->query) { /* restJson1: every member in the query, in SigV4 order */
        taws_memsink_init(&m, out, sizeof out);
        if (taws_query_write(&m.sink, q, n) != TAWS_OK) {
            check_fail(__FILE__, __LINE__, "%s: query too long", c->name);
            return 0;
        }
        return check_mem_eq(__FILE__, __LINE__, c->name, out, m.len, c->query, strlen(c->query));
    }
    if (n != 0) { /* awsJson1_1: every member in the body, none in the query */
        check_fail(__FILE__, __LINE__, "%s: %u query parameters for a JSON operation", c->name, (unsigned)n);
        return 0;
    }
    taws_memsink_init(&m, out, sizeof out);
    st = taws_params_body(&m.sink, c->op, params_buf, c->page ? &pg : NULL);
    if (st != TAWS_OK) {
        check_fail(__FILE__, __LINE__, "%s: body gave %s", c->name, taws_status_name(st));
        return 0;
    }
    return check_mem_eq(__FILE__, __LINE__, c->name, out, m.len, c->body, c->body_len);
}

static void test_vectors_from_the_models_and_botocore(void)
{
    size_t i, n = sizeof pv_cases / sizeof pv_cases[0], query = 0, body = 0, invalid = 0;
    for (i = 0; i < n; i++) {
        if (!run_case(&pv_cases[i]))
            return;
        query += pv_cases[i].query != NULL;
        body += pv_cases[i].body != NULL;
        invalid += pv_cases[i].msg[0] != '\0';
    }
    /* the generator made cases of every kind */
    CHECK(query > 50 && body > 20 && invalid > 50);
}

/* Every parameter type and location appears in the tables the vectors ran on (at the top or
 * in a list element). */
static void test_vectors_cover_every_type_and_location(void)
{
    unsigned seen_type = 0, seen_loc = 0, k, j;
    size_t i;
    for (i = 0; i < sizeof pv_cases / sizeof pv_cases[0]; i++) {
        const taws_pshape_t *sh = pv_cases[i].op->input;
        for (k = 0; k < sh->n_params; k++) {
            const taws_param_t *p = &sh->params[k];
            seen_type |= 1u << p->type;
            seen_loc |= 1u << p->location;
            for (j = 0; p->elem && j < p->elem->n_params; j++)
                seen_type |= 1u << p->elem->params[j].type;
        }
    }
    CHECK_INT(seen_type, (1u << TAWS_P_STRING) | (1u << TAWS_P_INTEGER) | (1u << TAWS_P_TIMESTAMP) |
                         (1u << TAWS_P_STRING_LIST) | (1u << TAWS_P_STRUCT_LIST) | (1u << TAWS_P_BOOLEAN));
    CHECK_INT(seen_loc, (1u << TAWS_LOC_QUERY) | (1u << TAWS_LOC_BODY));
}

/* ---- what botocore has no counterpart for -------------------------------------------------- */

static taws_list_model_import_jobs_params_t import_p;
static taws_describe_parameters_params_t dp;

static void test_control_characters_refused_in_a_query_escaped_in_a_body(void)
{
    static const char want[] = "{\"ParameterFilters\": [{\"Key\": \"Name\", \"Values\": [\"a\\r\\nb\"]}]}";
    static const char *values[] = { "a\r\nb" };
    static taws_parameter_string_filter_t f;
    taws_memsink_t m;
    memset(&import_p, 0, sizeof import_p);
    import_p.name_contains = "a\nb"; /* would split the request line */
    CHECK_ST(taws_params_validate(&taws_op_list_model_import_jobs, &import_p, NULL, msg, sizeof msg),
             TAWS_ERR_HEADER_VALUE);
    CHECK_STR(msg, "Invalid value for parameter nameContains: CR, LF and NUL are not allowed");
    memset(&dp, 0, sizeof dp);
    f.key = "Name";
    f.values = values;
    f.n_values = 1;
    dp.parameter_filters = &f;
    dp.n_parameter_filters = 1;
    CHECK_ST(taws_params_validate(&taws_op_describe_parameters, &dp, NULL, msg, sizeof msg), TAWS_OK);
    taws_memsink_init(&m, out, sizeof out);
    CHECK_ST(taws_params_body(&m.sink, &taws_op_describe_parameters, &dp, NULL), TAWS_OK);
    CHECK_MEM(out, m.len, want, sizeof want - 1);
}

static void test_bad_utf8_refused_wherever_it_goes(void)
{
    static const char *values[] = { "ok", "\xc3" };
    static taws_parameter_string_filter_t f;
    memset(&import_p, 0, sizeof import_p);
    import_p.name_contains = "ab\xff";
    import_p.sort_order = "Sideways"; /* another problem: the UTF-8 one names the status */
    CHECK_ST(taws_params_validate(&taws_op_list_model_import_jobs, &import_p, NULL, msg, sizeof msg),
             TAWS_ERR_PARAM_UTF8);
    CHECK_STR(msg, "Invalid UTF-8 in parameter nameContains at byte 2\n"
                   "Invalid value for parameter sortOrder, value: Sideways, valid values: Ascending, Descending");
    memset(&dp, 0, sizeof dp);
    f.key = "Name";
    f.values = values;
    f.n_values = 2;
    dp.parameter_filters = &f;
    dp.n_parameter_filters = 1;
    CHECK_ST(taws_params_validate(&taws_op_describe_parameters, &dp, NULL, msg, sizeof msg), TAWS_ERR_PARAM_UTF8);
    CHECK_STR(msg, "Invalid UTF-8 in parameter ParameterFilters[0].Values[1] at byte 0");
}

static void test_null_list_value_in_botocores_words(void)
{
    static const char *values[] = { "a", NULL };
    static taws_parameter_string_filter_t f;
    memset(&dp, 0, sizeof dp);
    f.key = "Name";
    f.values = values;
    f.n_values = 2;
    dp.parameter_filters = &f;
    dp.n_parameter_filters = 1;
    CHECK_ST(taws_params_validate(&taws_op_describe_parameters, &dp, NULL, msg, sizeof msg), TAWS_ERR_PARAM);
    /* botocore's ParamValidator for [..., None] */
    CHECK_STR(msg, "Invalid type for parameter ParameterFilters[0].Values[1], value: None, type: <class "
                   "'NoneType'>, valid types: <class 'str'>");
}

static void test_any_nonzero_boolean_is_true(void)
{
    static taws_list_custom_models_params_t cm;
    taws_kv_t q[TAWS_SIGV4_MAX_QUERY];
    taws_query_scratch_t scratch;
    taws_memsink_t m;
    size_t n;
    memset(&cm, 0, sizeof cm);
    cm.is_owned.v = 2;
    cm.is_owned.set = 1;
    CHECK_ST(taws_params_validate(&taws_op_list_custom_models, &cm, NULL, msg, sizeof msg), TAWS_OK);
    CHECK_ST(taws_params_query(&taws_op_list_custom_models, &cm, NULL, q, TAWS_SIGV4_MAX_QUERY, &n, &scratch),
             TAWS_OK);
    CHECK_INT(n, 1);
    CHECK_MEM(q[0].value.p, q[0].value.n, "true", 4u);
    cm.is_owned.set = 0; /* set = 0: left out whatever v says */
    CHECK_ST(taws_params_query(&taws_op_list_custom_models, &cm, NULL, q, TAWS_SIGV4_MAX_QUERY, &n, &scratch),
             TAWS_OK);
    CHECK_INT(n, 0);
    memset(&dp, 0, sizeof dp);
    dp.shared.v = 0xff;
    dp.shared.set = 1;
    taws_memsink_init(&m, out, sizeof out);
    CHECK_ST(taws_params_body(&m.sink, &taws_op_describe_parameters, &dp, NULL), TAWS_OK);
    CHECK_MEM(out, m.len, "{\"Shared\": true}", sizeof "{\"Shared\": true}" - 1);
}

static void test_capacities_and_arguments(void)
{
    static taws_list_custom_models_params_t cm;
    taws_kv_t q[TAWS_SIGV4_MAX_QUERY];
    taws_query_scratch_t scratch;
    taws_memsink_t m;
    char small[16];
    size_t n;
    memset(&cm, 0, sizeof cm);
    cm.name_contains = "abc";
    cm.model_status = "Active";
    cm.is_owned.set = 1;
    cm.sort_order = "Descending";
    CHECK_ST(taws_params_query(&taws_op_list_custom_models, &cm, NULL, q, 3, &n, &scratch), TAWS_ERR_TOO_LONG);
    CHECK_ST(taws_params_query(&taws_op_list_custom_models, &cm, NULL, q, 4, &n, &scratch), TAWS_OK);
    CHECK_INT(n, 4);
    CHECK_ST(taws_params_query(&taws_op_list_custom_models, &cm, NULL, NULL, 4, &n, &scratch), TAWS_ERR_ARG);
    CHECK_ST(taws_params_query(&taws_op_list_custom_models, &cm, NULL, q, 4, &n, NULL), TAWS_ERR_ARG);
    CHECK_ST(taws_params_validate(&taws_op_list_custom_models, &cm, NULL, msg, 0), TAWS_ERR_ARG);
    /* a report longer than its buffer is cut, NUL-terminated, and keeps its status */
    cm.model_status = "Sideways";
    CHECK_ST(taws_params_validate(&taws_op_list_custom_models, &cm, NULL, small, sizeof small), TAWS_ERR_PARAM);
    CHECK_STR(small, "Invalid value f");
    /* a body that does not fit its sink fails with the sink's status */
    memset(&dp, 0, sizeof dp);
    dp.next_token = "0123456789";
    taws_memsink_init(&m, small, sizeof small);
    CHECK_ST(taws_params_body(&m.sink, &taws_op_describe_parameters, &dp, NULL), TAWS_ERR_TOO_LONG);
}

CHECK_SUITE(params_suite,
            CHECK_CASE(test_vectors_from_the_models_and_botocore),
            CHECK_CASE(test_vectors_cover_every_type_and_location),
            CHECK_CASE(test_control_characters_refused_in_a_query_escaped_in_a_body),
            CHECK_CASE(test_bad_utf8_refused_wherever_it_goes),
            CHECK_CASE(test_null_list_value_in_botocores_words),
            CHECK_CASE(test_any_nonzero_boolean_is_true),
            CHECK_CASE(test_capacities_and_arguments));
