/* SPDX-License-Identifier: MIT */
/*
 * Retries as the AWS SDKs' standard mode: which failures are worth another attempt, how long
 * to wait (full jitter, capped), and a retry quota that a run of failures drains, so a broken
 * service is not hammered. Clock skew is recognised separately (see pager.c).
 */
#ifndef TINYAWS_SRC_RETRY_H
#define TINYAWS_SRC_RETRY_H

#include "common.h"
#include "tinyaws/client.h"

typedef enum {
    TAWS_RETRY_NO = 0,
    TAWS_RETRY_TRANSIENT, /* connection errors, 500/502/503/504, RequestTimeout... */
    TAWS_RETRY_THROTTLE,  /* Throttling, ThrottlingException, TooManyRequestsException... */
    TAWS_RETRY_TIMEOUT    /* a connect or read timeout: costs more quota */
} taws_retry_kind_t;

/* The settings and quota are taws_retry_t (tinyaws/client.h, for its size). */

void taws_retry_init(taws_retry_t *r);
/* Classifies a failed request: st is the failure (TAWS_ERR_SERVICE with the HTTP status and
 * error code for a service error). */
taws_retry_kind_t taws_retry_kind(taws_status_t st, unsigned http_status, const char *code);
/* Whether a signature error could be our clock: the codes AWS uses for it. */
int taws_retry_is_skew_code(const char *code);
/* Takes quota for a retry; 0 when the quota is exhausted (do not retry). */
int taws_retry_acquire(taws_retry_t *r, taws_retry_kind_t kind);
/* A 2xx response: refunds the last retry's cost, or 1 when there was no retry. */
void taws_retry_success(taws_retry_t *r, int had_retries);
/* Delay before attempt `attempt` (1 = the first retry): rand * min(2^(attempt-1) s, cap), or
 * the server's Retry-After when it gave one (capped too). rand is 32 random bits. */
uint32_t taws_retry_delay_ms(const taws_retry_t *r, unsigned attempt, uint32_t rand,
                             int has_retry_after, uint32_t retry_after_ms);

#endif
