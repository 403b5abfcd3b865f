/* The unit suites; each test_*.c defines one with CHECK_SUITE. */
#ifndef TINYAWS_SUITES_H
#define TINYAWS_SUITES_H
#include "check.h"

extern const check_suite_t crypto_suite, time_suite, sigv4_suite, http_suite, endpoint_suite,
    json_suite, pager_suite, faults_suite;

static const check_suite_t *const all_suites[] = {
    &crypto_suite,
    &time_suite,
    &sigv4_suite,
    &http_suite,
    &endpoint_suite,
    &json_suite,
    &pager_suite,
    &faults_suite,
};

#endif
