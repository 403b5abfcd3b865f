/* SPDX-License-Identifier: MIT */
/* Timestamps: ISO-8601 and epoch-number parsing, HTTP dates, CLI and SigV4 formatting. */
#include <string.h>
#include "check.h"
#include "timeutil.h"

static taws_str_t S(const char *z)
{
    taws_str_t s = { z, strlen(z) };
    return s;
}

static void test_iso8601_forms(void)
{
    taws_time_t t;
    char out[TAWS_ISO_OUT_MAX];
    CHECK_ST(taws_time_parse_iso8601(S("2024-10-19T02:01:51.650Z"), &t), TAWS_OK);
    CHECK_INT(t.sec, 1729303311);
    CHECK_INT(t.usec, 650000);
    taws_time_format_cli(&t, out);
    CHECK_STR(out, "2024-10-19T02:01:51.650000+00:00");
    taws_time_format_query(&t, out);
    CHECK_STR(out, "2024-10-19T02:01:51.650000Z");
    CHECK_ST(taws_time_parse_iso8601(S("2024-10-19T04:01:51+02:00"), &t), TAWS_OK);
    CHECK_INT(t.sec, 1729303311);
    CHECK_INT(t.usec, 0);
    taws_time_format_cli(&t, out);
    CHECK_STR(out, "2024-10-19T02:01:51+00:00");
    CHECK_ST(taws_time_parse_iso8601(S("2024-10-18T21:01:51-0500"), &t), TAWS_OK);
    CHECK_INT(t.sec, 1729303311);
    CHECK_ST(taws_time_parse_iso8601(S("2024-01-01"), &t), TAWS_OK);
    CHECK_INT(t.sec, 1704067200);
    CHECK_ST(taws_time_parse_iso8601(S("2024-01-01 00:00"), &t), TAWS_OK);
    CHECK_INT(t.sec, 1704067200);
    CHECK_ST(taws_time_parse_iso8601(S("1999-12-31T23:59:59.123456789Z"), &t), TAWS_OK);
    CHECK_INT(t.sec, 946684799);
    CHECK_INT(t.usec, 123456); /* truncated past 6 digits, like dateutil */
    CHECK_ST(taws_time_parse_iso8601(S("2024-02-30T00:00:00Z"), &t), TAWS_ERR_BAD_TIMESTAMP);
    CHECK_ST(taws_time_parse_iso8601(S("2024-10-19T25:00:00Z"), &t), TAWS_ERR_BAD_TIMESTAMP);
    CHECK_ST(taws_time_parse_iso8601(S("2024-10-19T02:01:51.Z"), &t), TAWS_ERR_BAD_TIMESTAMP);
    CHECK_ST(taws_time_parse_iso8601(S("2024-10-19X"), &t), TAWS_ERR_BAD_TIMESTAMP);
    CHECK_ST(taws_time_parse_iso8601(S("20241019"), &t), TAWS_ERR_BAD_TIMESTAMP);
    CHECK_ST(taws_time_parse_iso8601(S(""), &t), TAWS_ERR_BAD_TIMESTAMP);
}

static void test_epoch_numbers(void)
{
    taws_time_t t;
    CHECK_ST(taws_time_parse_epoch(S("1.700000000123E9"), &t), TAWS_OK);
    CHECK_INT(t.sec, 1700000000);
    CHECK_INT(t.usec, 123000);
    CHECK_ST(taws_time_parse_epoch(S("1700000000.123"), &t), TAWS_OK);
    CHECK_INT(t.sec, 1700000000);
    CHECK_INT(t.usec, 123000);
    CHECK_ST(taws_time_parse_epoch(S("1700000000"), &t), TAWS_OK);
    CHECK_INT(t.sec, 1700000000);
    CHECK_INT(t.usec, 0);
    CHECK_ST(taws_time_parse_epoch(S("17000000001234567e-7"), &t), TAWS_OK);
    CHECK_INT(t.sec, 1700000000);
    CHECK_INT(t.usec, 123457); /* ...4567 rounds up */
    CHECK_ST(taws_time_parse_epoch(S("1.0000005"), &t), TAWS_OK);
    CHECK_INT(t.usec, 0); /* tie, even stays */
    CHECK_ST(taws_time_parse_epoch(S("1.0000015"), &t), TAWS_OK);
    CHECK_INT(t.usec, 2); /* tie, odd rounds up */
    CHECK_ST(taws_time_parse_epoch(S("1.00000050001"), &t), TAWS_OK);
    CHECK_INT(t.usec, 1); /* above the tie */
    CHECK_ST(taws_time_parse_epoch(S("0.000123"), &t), TAWS_OK);
    CHECK_INT(t.sec, 0);
    CHECK_INT(t.usec, 123);
    CHECK_ST(taws_time_parse_epoch(S("1.23e-4"), &t), TAWS_OK);
    CHECK_INT(t.usec, 123);
    CHECK_ST(taws_time_parse_epoch(S("-1.25"), &t), TAWS_OK);
    CHECK_INT(t.sec, -2);
    CHECK_INT(t.usec, 750000);
    CHECK_ST(taws_time_parse_epoch(S("1.9999999"), &t), TAWS_OK);
    CHECK_INT(t.sec, 2);
    CHECK_INT(t.usec, 0);
    CHECK_ST(taws_time_parse_epoch(S("1E9"), &t), TAWS_OK);
    CHECK_INT(t.sec, 1000000000);
    CHECK_ST(taws_time_parse_epoch(S("0"), &t), TAWS_OK);
    CHECK_INT(t.sec, 0);
    CHECK_ST(taws_time_parse_epoch(S("1e999999999"), &t), TAWS_ERR_BAD_TIMESTAMP);
    CHECK_ST(taws_time_parse_epoch(S("1e-999999999"), &t), TAWS_OK);
    CHECK_INT(t.sec, 0);
    CHECK_ST(taws_time_parse_epoch(S("1.5e"), &t), TAWS_ERR_BAD_TIMESTAMP);
    CHECK_ST(taws_time_parse_epoch(S("."), &t), TAWS_ERR_BAD_TIMESTAMP);
    CHECK_ST(taws_time_parse_epoch(S("12a"), &t), TAWS_ERR_BAD_TIMESTAMP);
    CHECK_ST(taws_time_parse_any(S("2024-01-01T00:00:00Z"), &t), TAWS_OK);
    CHECK_INT(t.sec, 1704067200);
    CHECK_ST(taws_time_parse_any(S("1704067200"), &t), TAWS_OK);
    CHECK_INT(t.sec, 1704067200);
}

static void test_http_date_and_amz_date(void)
{
    int64_t e;
    char amz[TAWS_AMZ_DATE_LEN + 1];
    CHECK_ST(taws_time_parse_http(S("Sun, 06 Nov 1994 08:49:37 GMT"), &e), TAWS_OK);
    CHECK_INT(e, 784111777);
    CHECK_ST(taws_time_parse_http(S("Sun, 06 Foo 1994 08:49:37 GMT"), &e), TAWS_ERR_BAD_TIMESTAMP);
    CHECK_ST(taws_time_parse_http(S("Sun, 06 Nov 1994 08:49:37 UTC"), &e), TAWS_ERR_BAD_TIMESTAMP);
    taws_time_amz_date(1440938160, amz);
    CHECK_STR(amz, "20150830T123600Z");
}

static void test_civil_round_trip(void)
{
    int64_t d;
    for (d = -800000; d < 800000; d += 97) {
        int64_t y;
        unsigned m, dd;
        taws_civil_from_days(d, &y, &m, &dd);
        CHECK_INT(taws_days_from_civil(y, m, dd), d);
    }
}

CHECK_SUITE(time_suite, CHECK_CASE(test_iso8601_forms), CHECK_CASE(test_epoch_numbers),
            CHECK_CASE(test_http_date_and_amz_date), CHECK_CASE(test_civil_round_trip));
