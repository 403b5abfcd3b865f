/* SPDX-License-Identifier: MIT */
/* The version: taws_version() (the archive's) against the headers' macros. */
#include <stdio.h>
#include <string.h>
#include "check.h"
#include "tinyaws/tinyaws.h"

static void test_version_string_matches_headers(void)
{
    char want[32];
    CHECK(taws_version() != NULL);
    CHECK_STR(taws_version(), TAWS_VERSION_STRING);
    /* The string and the three numbers say the same release. */
    snprintf(want, sizeof want, "%d.%d.%d", TAWS_VERSION_MAJOR, TAWS_VERSION_MINOR,
             TAWS_VERSION_PATCH);
    CHECK_STR(TAWS_VERSION_STRING, want);
}

static void test_version_number_layout(void)
{
    /* 0xMMNNPP00, as MBEDTLS_VERSION_NUMBER. */
    CHECK_INT(TAWS_VERSION_NUMBER >> 24, TAWS_VERSION_MAJOR);
    CHECK_INT((TAWS_VERSION_NUMBER >> 16) & 0xffu, TAWS_VERSION_MINOR);
    CHECK_INT((TAWS_VERSION_NUMBER >> 8) & 0xffu, TAWS_VERSION_PATCH);
    CHECK_INT(TAWS_VERSION_NUMBER & 0xffu, 0);
#if TAWS_VERSION_NUMBER < 0x00010000
#error "TAWS_VERSION_NUMBER must be usable in #if"
#endif
}

CHECK_SUITE(version_suite, CHECK_CASE(test_version_string_matches_headers),
            CHECK_CASE(test_version_number_layout));
