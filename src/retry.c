/* SPDX-License-Identifier: MIT */
/* Standard-mode retry rules (botocore/retries/standard.py and quota.py). */
#include <string.h>
#include "retry.h"

void taws_retry_init(taws_retry_t *r)
{
    r->max_attempts = TAWS_RETRY_MAX_ATTEMPTS;
    r->max_backoff_ms = TAWS_RETRY_MAX_BACKOFF_MS;
    r->quota = TAWS_RETRY_QUOTA;
    r->last_cost = 0;
}

static int in_list(const char *code, const char *const *list)
{
    size_t i;
    for (i = 0; list[i]; i++)
        if (strcmp(code, list[i]) == 0)
            return 1;
    return 0;
}

static const char *const transient_codes[] = { "RequestTimeout", "RequestTimeoutException",
                                               "PriorRequestNotComplete", NULL };
static const char *const throttle_codes[] = {
    "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
    "TooManyRequestsException", "ProvisionedThroughputExceededException",
    "TransactionInProgressException", "RequestLimitExceeded", "BandwidthLimitExceeded",
    "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
    "EC2ThrottledException", NULL
};
static const char *const skew_codes[] = { "RequestTimeTooSkewed", "InvalidSignatureException",
                                          "SignatureDoesNotMatch", "RequestExpired",
                                          "AuthFailure", NULL };

taws_retry_kind_t taws_retry_kind(taws_status_t st, unsigned http_status, const char *code)
{
    switch (st) {
    case TAWS_ERR_TIMEOUT:
        return TAWS_RETRY_TIMEOUT;
    case TAWS_ERR_DNS:
    case TAWS_ERR_CONNECT:
    case TAWS_ERR_SEND:
    case TAWS_ERR_RECV:
    case TAWS_ERR_CLOSED:
    case TAWS_ERR_TLS_IO:
    case TAWS_ERR_HTTP_TRUNCATED:
        return TAWS_RETRY_TRANSIENT; /* botocore: ConnectionError, HTTPClientError */
    case TAWS_ERR_SERVICE:
        if (code && in_list(code, throttle_codes))
            return TAWS_RETRY_THROTTLE;
        if ((code && in_list(code, transient_codes)) || http_status == 500 || http_status == 502 ||
            http_status == 503 || http_status == 504)
            return TAWS_RETRY_TRANSIENT;
        return TAWS_RETRY_NO; /* validation, access, not found: another try changes nothing */
    default:
        /* Certificate failures, malformed responses, bad parameters: never retried. */
        return TAWS_RETRY_NO;
    }
}

int taws_retry_is_skew_code(const char *code)
{
    return code && in_list(code, skew_codes);
}

int taws_retry_acquire(taws_retry_t *r, taws_retry_kind_t kind)
{
    int32_t cost = kind == TAWS_RETRY_TIMEOUT ? 10 : 5;
    if (kind == TAWS_RETRY_NO || cost > r->quota)
        return 0;
    r->quota -= cost;
    r->last_cost = cost;
    return 1;
}

void taws_retry_success(taws_retry_t *r, int had_retries)
{
    r->quota += had_retries ? r->last_cost : 1;
    if (r->quota > TAWS_RETRY_QUOTA)
        r->quota = TAWS_RETRY_QUOTA;
    r->last_cost = 0;
}

uint32_t taws_retry_delay_ms(const taws_retry_t *r, unsigned attempt, uint32_t rand,
                             int has_retry_after, uint32_t retry_after_ms)
{
    uint64_t base = 1000u, ceiling;
    if (has_retry_after)
        return retry_after_ms < r->max_backoff_ms ? retry_after_ms : r->max_backoff_ms;
    while (attempt > 1 && base < r->max_backoff_ms) {
        base *= 2u;
        attempt--;
    }
    ceiling = base < r->max_backoff_ms ? base : r->max_backoff_ms;
    /* rand / 2^32 in [0, 1), times the ceiling, in integers */
    return (uint32_t)(((uint64_t)rand * ceiling) >> 32);
}
