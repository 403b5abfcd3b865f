/* SPDX-License-Identifier: MIT */
/* JSON stream: framing at every split, token anywhere, skipping, limits, string caps, and
 * decoding into the generated item structs. */
#include <stdio.h>
#include <string.h>
#include "check.h"
#include "json.h"
#include "json_tok.h"
#include "shape.h"

#define MAX_ITEMS 64

typedef struct {
    char items[MAX_ITEMS][1024];
    size_t lens[MAX_ITEMS];
    size_t needed[MAX_ITEMS]; /* 0 for a framed item, else TOO_BIG's size */
    int truncated[MAX_ITEMS];
    int n;
    char token[256];
    size_t token_len;
    int has_token;
} framed_t;

/* Feeds doc in pieces (0 whole, 1 byte at a time, 2 random) and records every event. */
static taws_status_t frame(const char *doc, size_t n, int split, size_t window_cap, size_t cap,
                           framed_t *out)
{
    static char window[4096];
    taws_json_stream_t js;
    size_t pos = 0;
    memset(out, 0, sizeof *out);
    taws_json_stream_init(&js, TAWS_LIT("items"), TAWS_LIT("nextToken"), window, window_cap,
                          out->token, sizeof out->token, cap);
    while (pos < n) {
        size_t piece = split == 0 ? n - pos : split == 1 ? 1 : 1 + (size_t)(check_rand() % 37);
        size_t off = 0;
        if (piece > n - pos)
            piece = n - pos;
        while (off < piece) {
            size_t used;
            taws_json_event_t ev;
            taws_status_t st = taws_json_feed(&js, doc + pos + off, piece - off, &used, &ev);
            if (st != TAWS_OK)
                return st;
            off += used;
            if ((ev == TAWS_JSON_ITEM || ev == TAWS_JSON_ITEM_TOO_BIG) && out->n < MAX_ITEMS) {
                if (ev == TAWS_JSON_ITEM) {
                    memcpy(out->items[out->n], window, js.item_len);
                    out->lens[out->n] = js.item_len;
                } else {
                    out->needed[out->n] = js.item_needed;
                }
                out->truncated[out->n] = js.item_truncated;
                out->n++;
            }
            if (used == 0 && ev == TAWS_JSON_MORE)
                return TAWS_ERR_STATE; /* no progress */
        }
        pos += piece;
    }
    out->has_token = js.has_token;
    out->token_len = js.token_len;
    return taws_json_finish(&js);
}

static const char page[] =
    "{\n  \"nextToken\" : \"ab\\/c+d=\\u00e9\",\n"
    "  \"extra\": {\"x\": [1, 2, {\"y\": \"}]\\\"\"}], \"z\": null},\n"
    "  \"items\": [\n"
    "    {\"a\": \"one\", \"n\": 1},\n"
    "    { \"a\" : \"t w o\" , \"b\" : [ true , false , null ] },\n"
    "    {\"a\": \"\\\"three\\\"\", \"c\": -1.5e3}\n"
    "  ],\n"
    "  \"count\": 3, \"flag\": true, \"s\": \"str\"\n"
    "}\n";

static void test_frames_at_every_split(void)
{
    int split, round;
    for (split = 0; split < 3; split++) {
        for (round = 0; round < (split == 2 ? 40 : 1); round++) {
            framed_t f;
            CHECK_ST(frame(page, sizeof page - 1, split, 4096, 0, &f), TAWS_OK);
            CHECK_INT(f.n, 3);
            CHECK_MEM(f.items[0], f.lens[0], "{\"a\":\"one\",\"n\":1}", 17);
            CHECK_MEM(f.items[1], f.lens[1], "{\"a\":\"t w o\",\"b\":[true,false,null]}", 35);
            CHECK_MEM(f.items[2], f.lens[2], "{\"a\":\"\\\"three\\\"\",\"c\":-1.5e3}", 28);
            CHECK(f.has_token);
            CHECK_MEM(f.token, f.token_len, "ab/c+d=\xc3\xa9", 9);
        }
    }
}

static void test_token_after_array_empty_and_null(void)
{
    framed_t f;
    static const char after[] = "{\"items\":[{}],\"nextToken\":\"T\"}";
    static const char empty[] = "{\"items\":[],\"nextToken\":\"\"}";
    static const char null_tok[] = "{\"nextToken\":null,\"items\":[{}]}";
    static const char none[] = "{}";
    static const char big_token[] = "{\"nextToken\":\"0123456789\"}";
    CHECK_ST(frame(after, sizeof after - 1, 1, 64, 0, &f), TAWS_OK);
    CHECK(f.has_token && f.token_len == 1 && f.token[0] == 'T');
    CHECK_INT(f.n, 1);
    CHECK_ST(frame(empty, sizeof empty - 1, 1, 64, 0, &f), TAWS_OK);
    CHECK(!f.has_token); /* "" means there are no more pages */
    CHECK_INT(f.n, 0);
    CHECK_ST(frame(null_tok, sizeof null_tok - 1, 0, 64, 0, &f), TAWS_OK);
    CHECK(!f.has_token);
    CHECK_ST(frame(none, sizeof none - 1, 0, 64, 0, &f), TAWS_OK);
    CHECK_INT(f.n, 0);
    {
        /* A token longer than its buffer is refused, not cut. */
        static char win[16], tok[4];
        taws_json_stream_t js;
        size_t used;
        taws_json_event_t ev;
        taws_json_stream_init(&js, TAWS_LIT("items"), TAWS_LIT("nextToken"), win, sizeof win, tok,
                              sizeof tok, 0);
        CHECK_ST(taws_json_feed(&js, big_token, sizeof big_token - 1, &used, &ev), TAWS_ERR_TOO_LONG);
    }
}

static void test_item_too_big_then_next_item(void)
{
    static const char doc[] =
        "{\"items\":[{\"a\":\"short\"},{\"a\":\"this one is much longer than the window\"},{\"b\":2}]}";
    framed_t f;
    CHECK_ST(frame(doc, sizeof doc - 1, 2, 24, 0, &f), TAWS_OK);
    CHECK_INT(f.n, 3);
    CHECK_MEM(f.items[0], f.lens[0], "{\"a\":\"short\"}", 13);
    CHECK_INT(f.lens[1], 0);
    CHECK_INT(f.needed[1], 47); /* the minified size the element needs */
    CHECK_MEM(f.items[2], f.lens[2], "{\"b\":2}", 7);
}

static void test_string_cap_cuts_on_character_boundaries(void)
{
    /* A 2-byte UTF-8 char, an escape and a surrogate pair: cuts may not split any of them. */
    static const char doc[] =
        "{\"items\":[{\"m\":\"ab\xc3\xa9\\n\\ud83d\\ude00xyz\",\"k\":\"ok\"}]}";
    size_t cap;
    for (cap = 1; cap < 24; cap++) {
        framed_t f;
        jsmntok_t tok[8];
        taws_tag_t tag; /* any struct will do for a generic check of the string */
        long w;
        char buf[64];
        size_t start;
        (void)tag;
        CHECK_ST(frame(doc, sizeof doc - 1, 1, 256, cap, &f), TAWS_OK);
        CHECK_INT(f.n, 1);
        /* The framed item must still be valid JSON with an unescapable string. */
        {
            CHECK_MSG(taws_json_tokenize(f.items[0], f.lens[0], tok, 8) == 5, "cap %u: %.*s",
                      (unsigned)cap, (int)f.lens[0], f.items[0]);
        }
        start = (size_t)tok[2].start;
        memcpy(buf, f.items[0] + start, (size_t)(tok[2].end - tok[2].start));
        w = taws_json_unescape_inplace(buf, (size_t)(tok[2].end - tok[2].start));
        CHECK(w >= 0);
        /* What is left is a prefix of the full decoded string. */
        CHECK(memcmp(buf, "ab\xc3\xa9\n\xf0\x9f\x98\x80xyz", (size_t)w) == 0);
        CHECK_INT(f.truncated[0], cap < 21);
        CHECK_INT(tok[4].end - tok[4].start, cap < 2 ? cap : 2); /* the next value: cut alike */
        CHECK_INT(tok[3].end - tok[3].start, 1);                 /* keys are never cut */
    }
}

static void test_depth_and_syntax_errors(void)
{
    static char deep[400];
    framed_t f;
    size_t i, n = 0;
    n += (size_t)sprintf(deep, "{\"items\":[");
    for (i = 0; i < TAWS_JSON_MAX_DEPTH; i++)
        n += (size_t)sprintf(deep + n, "{\"a\":");
    CHECK_ST(frame("{\"items\":[{\"a\":1}]", 18, 1, 64, 0, &f), TAWS_ERR_JSON_TRUNCATED);
    CHECK_ST(frame("{\"x\":" "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", 45, 0, 64, 0, &f), TAWS_ERR_JSON_DEPTH);
    CHECK_ST(frame("{\"items\":[{\"a\":[1}]}", 20, 0, 64, 0, &f), TAWS_ERR_JSON_SYNTAX);
    CHECK_ST(frame("{\"items\":{}}", 12, 0, 64, 0, &f), TAWS_ERR_JSON_TYPE);
    CHECK_ST(frame("{\"items\":[1,2]}", 15, 0, 64, 0, &f), TAWS_ERR_JSON_TYPE);
    CHECK_ST(frame("{\"nextToken\":5}", 15, 0, 64, 0, &f), TAWS_ERR_JSON_TYPE);
    CHECK_ST(frame("[]", 2, 0, 64, 0, &f), TAWS_ERR_JSON_TYPE);
    CHECK_ST(frame("<html>", 6, 0, 64, 0, &f), TAWS_ERR_JSON_SYNTAX);
    CHECK_ST(frame("{} x", 4, 0, 64, 0, &f), TAWS_ERR_JSON_SYNTAX);
    CHECK_ST(frame("{\"a\" 1}", 7, 0, 64, 0, &f), TAWS_ERR_JSON_SYNTAX);
    CHECK_ST(frame("{\"items\":[{\"a\":\"x\ny\"}]}", 22, 0, 64, 0, &f), TAWS_ERR_JSON_SYNTAX);
    CHECK_ST(frame("{\"items\":[{\"a\":\"\\q\"}]}", 22, 0, 64, 0, &f), TAWS_ERR_JSON_SYNTAX);
    CHECK_ST(frame("{\"nextToken\":\"\\q\"}", 18, 0, 64, 0, &f), TAWS_ERR_JSON_SYNTAX);
    CHECK_ST(frame(deep, n, 0, 64, 0, &f), TAWS_ERR_JSON_DEPTH);
}

static void test_decode_async_invoke_summary(void)
{
    static char item[] =
        "{\"invocationArn\":\"arn:aws:bedrock:us-east-1:123456789012:async-invoke/abcdefghij12\","
        "\"modelArn\":\"arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-reel-v1:0\","
        "\"status\":\"Failed\",\"failureMessage\":\"caf\\u00e9 \\ud83d\\ude00 \\\"quoted\\\"\\n\","
        "\"submitTime\":\"2024-10-19T02:01:51.650Z\",\"endTime\":null,\"futureField\":{\"a\":[1,{}]},"
        "\"outputDataConfig\":{\"s3OutputDataConfig\":{\"s3Uri\":\"s3:\\/\\/bucket\\/out\","
        "\"bucketOwner\":\"123456789012\"}}}";
    taws_json_token_t tok[64];
    taws_async_invoke_summary_t s;
    CHECK_ST(taws_decode(taws_op_list_async_invokes.item, &s, item, sizeof item - 1, tok, 64, NULL),
             TAWS_OK);
    CHECK_MEM(s.status.p, s.status.n, "Failed", 6);
    CHECK_MEM(s.failure_message.p, s.failure_message.n, "caf\xc3\xa9 \xf0\x9f\x98\x80 \"quoted\"\n", 20);
    CHECK(s.submit_time.set);
    CHECK_INT(s.submit_time.sec, 1729303311);
    CHECK_INT(s.submit_time.usec, 650000);
    CHECK(!s.end_time.set);               /* null is absent */
    CHECK(s.client_request_token.p == NULL); /* absent */
    CHECK(s.output_data_config.set);
    CHECK(s.output_data_config.s3_output_data_config.set);
    CHECK_MEM(s.output_data_config.s3_output_data_config.s3_uri.p,
              s.output_data_config.s3_output_data_config.s3_uri.n, "s3://bucket/out", 15);
    CHECK(s.output_data_config.s3_output_data_config.kms_key_id.p == NULL);
}

/* A union has one and only one member set, as botocore checks ("__type" aside, nulls counted). */
static void test_decode_unions(void)
{
    static const char *const bad[] = {
        "{\"outputDataConfig\":{}}",
        "{\"outputDataConfig\":{\"__type\":\"x\"}}",
        "{\"outputDataConfig\":{\"s3OutputDataConfig\":{\"s3Uri\":\"s3://b\"},\"futureMember\":1}}",
        "{\"outputDataConfig\":{\"s3OutputDataConfig\":{\"s3Uri\":\"s3://b\"},\"s3OutputDataConfig\":null}}",
    };
    static const char *const good[] = {
        "{\"outputDataConfig\":{\"s3OutputDataConfig\":{\"s3Uri\":\"s3://b\"}}}",
        "{\"outputDataConfig\":{\"__type\":\"x\",\"s3OutputDataConfig\":{\"s3Uri\":\"s3://b\"}}}",
        "{\"outputDataConfig\":{\"s3OutputDataConfig\":null}}",
        "{\"outputDataConfig\":null}",
        "{\"status\":\"Failed\"}",
    };
    taws_json_token_t tok[64];
    taws_async_invoke_summary_t s;
    char buf[256];
    size_t i;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        size_t n = strlen(bad[i]);
        memcpy(buf, bad[i], n);
        CHECK_ST(taws_decode(taws_op_list_async_invokes.item, &s, buf, n, tok, 64, NULL), TAWS_ERR_JSON_UNION);
    }
    for (i = 0; i < sizeof good / sizeof good[0]; i++) {
        size_t n = strlen(good[i]);
        memcpy(buf, good[i], n);
        CHECK_ST(taws_decode(taws_op_list_async_invokes.item, &s, buf, n, tok, 64, NULL), TAWS_OK);
    }
}

static void test_decode_lists_numbers_epochs(void)
{
    static char job[] =
        "{\"jobName\":\"j\",\"vpcConfig\":{\"subnetIds\":[\"subnet-1\",\"sub\\u006eet-2\"],"
        "\"securityGroupIds\":[]},\"timeoutDurationInHours\":72,\"totalRecordCount\":9007199254740993}";
    static char copy[] =
        "{\"jobArn\":\"a\",\"targetModelTags\":[{\"key\":\"k1\",\"value\":\"v1\"},{\"key\":\"k\\t2\",\"value\":\"\"}]}";
    static char ssm[] = "{\"StartTime\":1.700000000123E9,\"EndTime\":1700000001,\"Status\":\"SUCCESS\"}";
    static char bad_int[] = "{\"timeoutDurationInHours\":1.5}";
    static char bad_type[] = "{\"jobName\":7}";
    static char big_int[] = "{\"timeoutDurationInHours\":3000000000}";
    taws_json_token_t tok[64];
    taws_model_invocation_job_summary_t j;
    taws_model_copy_job_summary_t c;
    taws_maintenance_window_execution_task_invocation_identity_t m;
    taws_str_t s;
    taws_tag_t tag;
    unsigned needed = 0;

    CHECK_ST(taws_decode(taws_op_list_model_invocation_jobs.item, &j, job, sizeof job - 1, tok, 64, NULL),
             TAWS_OK);
    CHECK(j.vpc_config.set);
    CHECK_INT(j.vpc_config.subnet_ids.count, 2);
    CHECK_ST(taws_list_next_str(&j.vpc_config.subnet_ids, &s), TAWS_OK);
    CHECK_MEM(s.p, s.n, "subnet-1", 8);
    CHECK_ST(taws_list_next_str(&j.vpc_config.subnet_ids, &s), TAWS_OK);
    CHECK_MEM(s.p, s.n, "subnet-2", 8);
    CHECK_ST(taws_list_next_str(&j.vpc_config.subnet_ids, &s), TAWS_DONE);
    CHECK_INT(j.vpc_config.security_group_ids.count, 0);
    CHECK(j.timeout_duration_in_hours.set && j.timeout_duration_in_hours.v == 72);
    CHECK(j.total_record_count.v == 9007199254740993LL); /* exact: no double on the way */

    CHECK_ST(taws_decode(taws_op_list_model_copy_jobs.item, &c, copy, sizeof copy - 1, tok, 64, NULL),
             TAWS_OK);
    CHECK_INT(c.target_model_tags.count, 2);
    CHECK_ST(taws_list_next(&c.target_model_tags, &tag), TAWS_OK);
    CHECK_MEM(tag.key.p, tag.key.n, "k1", 2);
    CHECK_MEM(tag.value.p, tag.value.n, "v1", 2);
    CHECK_ST(taws_list_next(&c.target_model_tags, &tag), TAWS_OK);
    CHECK_MEM(tag.key.p, tag.key.n, "k\t2", 3);
    CHECK(tag.value.p != NULL && tag.value.n == 0); /* present but empty */
    CHECK_ST(taws_list_next(&c.target_model_tags, &tag), TAWS_DONE);
    CHECK_ST(taws_list_next_str(&c.target_model_tags, &s), TAWS_DONE);

    CHECK_ST(taws_decode(taws_op_describe_maintenance_window_execution_task_invocations.item, &m, ssm,
                         sizeof ssm - 1, tok, 64, NULL),
             TAWS_OK);
    CHECK_INT(m.start_time.sec, 1700000000);
    CHECK_INT(m.start_time.usec, 123000);
    CHECK_INT(m.end_time.sec, 1700000001);

    CHECK_ST(taws_decode(taws_op_list_model_invocation_jobs.item, &j, bad_int, sizeof bad_int - 1, tok,
                         64, NULL),
             TAWS_ERR_BAD_NUMBER);
    CHECK_ST(taws_decode(taws_op_list_model_invocation_jobs.item, &j, big_int, sizeof big_int - 1, tok,
                         64, NULL),
             TAWS_ERR_BAD_NUMBER);
    CHECK_ST(taws_decode(taws_op_list_model_invocation_jobs.item, &j, bad_type, sizeof bad_type - 1, tok,
                         64, NULL),
             TAWS_ERR_JSON_TYPE);
    /* Too few tokens: a distinct error that says how many the item needs. */
    CHECK_ST(taws_decode(taws_op_list_model_copy_jobs.item, &c, copy, sizeof copy - 1, tok, 5, &needed),
             TAWS_ERR_JSON_TOKENS);
    CHECK_INT(needed, 15);
}

/* 1,000 items through a 1 KiB window: only the window holds item bytes, whatever the page. */
static void test_thousand_items_small_window(void)
{
    static char doc[200000];
    static char window[1024], tokbuf[64];
    taws_json_token_t tok[40];
    taws_json_stream_t js;
    size_t n = 0, pos = 0;
    int i, items = 0, bad = 0;
    n += (size_t)sprintf(doc + n, "{\"modelImportJobSummaries\":[");
    for (i = 0; i < 1000; i++)
        n += (size_t)sprintf(doc + n,
                             "%s{\"jobArn\":\"arn:aws:bedrock:us-east-1:123456789012:model-import-job/%012d\","
                             "\"jobName\":\"job-%d\",\"status\":\"Completed\",\"creationTime\":\"2024-01-01T00:00:%02dZ\"}",
                             i ? "," : "", i, i, i % 60);
    n += (size_t)sprintf(doc + n, "],\"nextToken\":\"tok\"}");
    taws_json_stream_init(&js, TAWS_LIT("modelImportJobSummaries"), TAWS_LIT("nextToken"), window,
                          sizeof window, tokbuf, sizeof tokbuf, 0);
    while (pos < n) {
        size_t used, piece = 1 + (size_t)(check_rand() % 700);
        taws_json_event_t ev;
        if (piece > n - pos)
            piece = n - pos;
        CHECK_ST(taws_json_feed(&js, doc + pos, piece, &used, &ev), TAWS_OK);
        pos += used;
        if (ev == TAWS_JSON_ITEM) {
            taws_model_import_job_summary_t s;
            char want[16];
            CHECK_ST(taws_decode(taws_op_list_model_import_jobs.item, &s, window, js.item_len, tok, 40,
                                 NULL),
                     TAWS_OK);
            sprintf(want, "job-%d", items);
            bad += s.job_name.n != strlen(want) || memcmp(s.job_name.p, want, s.job_name.n) != 0;
            items++;
        }
    }
    CHECK_ST(taws_json_finish(&js), TAWS_OK);
    CHECK_INT(items, 1000);
    CHECK_INT(bad, 0);
    CHECK(js.has_token);
}

/* Found by fuzzing: a capped string starting with a UTF-8 continuation byte was cut at a stale
 * position from an earlier string (here in the previous element): corrupt JSON, then a write
 * past the window. Such a string is now refused at that byte; a string of two-byte characters
 * after a too-big element must still be cut inside the window, on a character boundary. */
static void test_string_cap_never_cuts_before_the_string(void)
{
    static char doc[600], window[64], tok[8];
    jsmntok_t t[8];
    int round;
    for (round = 0; round < 2; round++) {
        taws_json_stream_t js;
        size_t n = 0, pos = 0, used, bad_at = 0;
        int items = 0, i;
        n += (size_t)sprintf(doc, "{\"items\":[{\"");
        for (i = 0; i < 200; i++)
            doc[n++] = 'a';
        n += (size_t)sprintf(doc + n, "\":1},{\"k\":\"");
        bad_at = n;
        for (i = 0; i < 20; i++) {
            if (round == 0) {
                doc[n++] = (char)0x80; /* a continuation byte with no lead byte */
            } else {
                doc[n++] = (char)0xC3; /* U+00E9 */
                doc[n++] = (char)0xA9;
            }
        }
        n += (size_t)sprintf(doc + n, "\"}]}");
        taws_json_stream_init(&js, TAWS_LIT("items"), TAWS_LIT("nextToken"), window, sizeof window,
                              tok, sizeof tok, 9);
        while (pos < n) {
            taws_json_event_t ev;
            taws_status_t st = taws_json_feed(&js, doc + pos, n - pos, &used, &ev);
            if (round == 0 && st != TAWS_OK) {
                CHECK_ST(st, TAWS_ERR_JSON_UNICODE);
                CHECK_INT(pos + used, bad_at);
                break;
            }
            CHECK_ST(st, TAWS_OK);
            pos += used;
            if (ev == TAWS_JSON_ITEM) {
                CHECK(js.item_len <= sizeof window);
                CHECK_INT(taws_json_tokenize(window, js.item_len, t, 8), 3);
                CHECK(js.item_truncated);
                /* 9 raw bytes allowed: four whole characters, never half of the fifth. */
                CHECK_MEM(window, js.item_len, "{\"k\":\"\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\"}", 16);
                items++;
            }
        }
        /* The first element (a 200-byte key) is too big, the second fits. */
        CHECK_INT(items, round == 0 ? 0 : 1);
    }
}

/* tests/unit/test_json_valid.c: every byte validated (issue 10). */
void test_table_in_every_place_at_every_split(void);
void test_depth_limit_in_items_and_skipped_values(void);
void test_token_decoding_and_refusals(void);
void test_known_members_of_the_wrong_type(void);
void test_errors_stick(void);
void test_result_member_twice(void);

CHECK_SUITE(json_suite, CHECK_CASE(test_frames_at_every_split),
            CHECK_CASE(test_token_after_array_empty_and_null), CHECK_CASE(test_item_too_big_then_next_item),
            CHECK_CASE(test_string_cap_cuts_on_character_boundaries),
            CHECK_CASE(test_depth_and_syntax_errors), CHECK_CASE(test_decode_async_invoke_summary), CHECK_CASE(test_decode_unions),
            CHECK_CASE(test_decode_lists_numbers_epochs), CHECK_CASE(test_thousand_items_small_window),
            CHECK_CASE(test_string_cap_never_cuts_before_the_string),
            CHECK_CASE(test_table_in_every_place_at_every_split),
            CHECK_CASE(test_depth_limit_in_items_and_skipped_values),
            CHECK_CASE(test_token_decoding_and_refusals), CHECK_CASE(test_known_members_of_the_wrong_type),
            CHECK_CASE(test_errors_stick), CHECK_CASE(test_result_member_twice));
