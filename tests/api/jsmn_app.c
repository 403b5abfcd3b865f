/* SPDX-License-Identifier: MIT */
/*
 * An application that carries its own jsmn, compiled the default way (not strict, not static:
 * it defines jsmn_init and jsmn_parse globally), linked with libtinyaws.a. The library's jsmn
 * must stay its own: the item decoder still refuses {"modelArn":abc} as malformed JSON (a bare
 * word is no JSON value), while the application's jsmn accepts it as jsmn does without
 * JSMN_STRICT. Before src/jsmn.c was static, the link resolved the library's jsmn_parse to
 * this one: the decoder then called {"modelArn":abc} a type error and accepted an item with
 * an unknown member "x":abc (checked on that library, 2026-12-01). Last line
 * "N passed, M failed".
 */
#include <stdio.h>
#include <string.h>
#include <jsmn.h> /* the application's jsmn: default mode, external linkage */
#include "shape.h" /* white-box: the decoder itself (-Isrc), where the tokenizer is used */
#include "tinyaws/ops.h"

static int passed, failed;

static void check(int ok, const char *what)
{
    printf("%s - %s\n", ok ? "ok" : "not ok", what);
    if (ok)
        passed++;
    else
        failed++;
}

int main(void)
{
    static const char bad[] = "{\"modelArn\":abc}";
    static const char unknown[] = "{\"modelArn\":\"arn:x\",\"addedLater\":abc}";
    static const char good[] = "{\"modelArn\":\"arn:x\"}";
    static taws_json_token_t tokens[16];
    jsmntok_t mine[8];
    jsmn_parser p;
    taws_async_invoke_summary_t item;
    char js[64];
    int n;

    /* The application's jsmn works, non-strict as it was built. */
    jsmn_init(&p);
    n = jsmn_parse(&p, bad, sizeof bad - 1, mine, 8);
    check(n == 3 && mine[2].type == JSMN_PRIMITIVE,
          "the application's own (non-strict) jsmn_parse takes abc as a primitive");

    /* The library's decoder uses its strict jsmn, not the application's. */
    memcpy(js, bad, sizeof bad);
    check(taws_decode(taws_op_list_async_invokes.item, &item, js, sizeof bad - 1, tokens, 16, NULL) ==
              TAWS_ERR_JSON_SYNTAX,
          "the library still refuses {\"modelArn\":abc} (TAWS_ERR_JSON_SYNTAX)");
    memcpy(js, unknown, sizeof unknown);
    check(taws_decode(taws_op_list_async_invokes.item, &item, js, sizeof unknown - 1, tokens, 16, NULL) ==
              TAWS_ERR_JSON_SYNTAX,
          "and an unknown member holding abc (TAWS_ERR_JSON_SYNTAX, not a success)");
    memcpy(js, good, sizeof good);
    check(taws_decode(taws_op_list_async_invokes.item, &item, js, sizeof good - 1, tokens, 16, NULL) ==
                  TAWS_OK &&
              item.model_arn.n == 5 && memcmp(item.model_arn.p, "arn:x", 5) == 0,
          "and decodes {\"modelArn\":\"arn:x\"}");
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}
