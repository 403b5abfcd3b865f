/* Timestamps: one type for both wire formats (ISO-8601 strings and epoch numbers), integer
 * arithmetic only (no floating point, no libc time functions: they are not on every target). */
#ifndef TINYAWS_TIMEUTIL_H
#define TINYAWS_TIMEUTIL_H

#include <stdint.h>
#include "tinyaws/types.h"

typedef struct {
    int64_t sec;   /* seconds since 1970-01-01T00:00:00Z */
    uint32_t usec; /* 0..999999; microseconds, the resolution botocore keeps */
    uint8_t set;   /* 0: absent */
} taws_time_t;

/* Days since the epoch for a proleptic Gregorian date, and back. */
int64_t taws_days_from_civil(int64_t y, unsigned m, unsigned d);
void taws_civil_from_days(int64_t days, int64_t *y, unsigned *m, unsigned *d);

/* ISO-8601 / RFC 3339: "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.fff...]]" with "Z", "+HH:MM",
 * "+HHMM" or no zone (= UTC, as botocore assumes); 'T' may be a space. Fraction digits past
 * the sixth are truncated. */
taws_status_t taws_time_parse_iso8601(taws_str_t s, taws_time_t *out);
/* A JSON number of epoch seconds: "1700000000", "1700000000.123", "1.700000000123E9",
 * "-1.5e-3". Rounded half-to-even to microseconds, as Python's datetime does. */
taws_status_t taws_time_parse_epoch(taws_str_t s, taws_time_t *out);
/* Either of the above, as the AWS CLI accepts on its command line. */
taws_status_t taws_time_parse_any(taws_str_t s, taws_time_t *out);
/* RFC 7231 IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), the HTTP Date header. */
taws_status_t taws_time_parse_http(taws_str_t s, int64_t *epoch);

/* "YYYYMMDDTHHMMSSZ" + NUL (SigV4's X-Amz-Date). */
#define TAWS_AMZ_DATE_LEN 16
void taws_time_amz_date(int64_t epoch, char out[TAWS_AMZ_DATE_LEN + 1]);
/* "YYYY-MM-DDTHH:MM:SS[.ffffff]+00:00" + NUL: Python's isoformat() of a UTC datetime, which
 * is what the AWS CLI prints. Returns the length. */
#define TAWS_ISO_OUT_MAX 40
size_t taws_time_format_cli(const taws_time_t *t, char out[TAWS_ISO_OUT_MAX]);
/* "YYYY-MM-DDTHH:MM:SS[.ffffff]Z" + NUL: botocore's query-string serialisation. */
size_t taws_time_format_query(const taws_time_t *t, char out[TAWS_ISO_OUT_MAX]);

#endif
