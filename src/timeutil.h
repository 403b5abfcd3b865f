/* SPDX-License-Identifier: MIT */
/* Timestamps: one type for both wire formats (ISO-8601 strings and epoch numbers), integer
 * arithmetic only (no floating point, no libc time functions: they are not on every target). */
#ifndef TINYAWS_SRC_TIMEUTIL_H
#define TINYAWS_SRC_TIMEUTIL_H

#include <stdint.h>
#include "common.h"

/* taws_time_t, taws_time_parse_iso8601(), taws_time_parse_epoch(), taws_time_parse_any(),
 * taws_time_format_cli() and taws_days_from_civil() are public (tinyaws/types.h); the rest is
 * the library's. */

/* The date of a day since the epoch (taws_days_from_civil() backwards). */
void taws_civil_from_days(int64_t days, int64_t *y, unsigned *m, unsigned *d);

/* RFC 7231 IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT"), the HTTP Date header. */
taws_status_t taws_time_parse_http(taws_str_t s, int64_t *epoch);

/* "YYYYMMDDTHHMMSSZ" + NUL (SigV4's X-Amz-Date). */
#define TAWS_AMZ_DATE_LEN 16
void taws_time_amz_date(int64_t epoch, char out[TAWS_AMZ_DATE_LEN + 1]);
/* "YYYY-MM-DDTHH:MM:SS[.ffffff]Z" + NUL: botocore's query-string serialisation. */
size_t taws_time_format_query(const taws_time_t *t, char out[TAWS_ISO_OUT_MAX]);

#endif
