/* SPDX-License-Identifier: MIT */
/* Timestamps on the command line, in the forms the AWS CLI accepts (botocore's
 * parse_to_aware_datetime: an epoch number, else dateutil's parser). */
#ifndef TINYAWS_CLI_TIME_H
#define TINYAWS_CLI_TIME_H

#include "tinyaws/types.h"

/* Accepted, each checked against the AWS CLI in tests/cli/test_cli_input.py:
 *   epoch seconds            1730073600, 1730073600.25, 1.73e9, -1
 *   ISO 8601                 2024-10-28, 2024-10-28T10:20, 2024-10-28T10:20:30.5Z,
 *                            2024-10-28 10:20:30+02:00, 20241028, 20241028T102030Z
 *   RFC 822 / 1123 / asctime Mon, 28 Oct 2024 10:20:30 GMT, 28 Oct 2024 10:20 +0100,
 *                            Mon Oct 28 10:20:30 2024
 *   month names              Oct 28 2024, October 28, 2024 10:20 PM, 28 October 2024,
 *                            28-Oct-2024
 *   numeric dates            2024/10/28, 10/28/2024 (month first, as dateutil), 28.10.2024
 *                            (day first only when the first number exceeds 12)
 * A zone (Z, UTC, GMT, +HH:MM, +HHMM) is applied; without one the time is UTC, as botocore
 * assumes. Forms dateutil completes from today's date (no day, no year, a time alone) are
 * refused rather than guessed. Returns 0, or -1 when s is not a timestamp. */
int cli_time_parse(const char *s, taws_time_t *out);

#endif
