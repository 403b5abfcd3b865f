/* SPDX-License-Identifier: MIT */
/* The unit suites; each test_*.c defines one with CHECK_SUITE. */
#ifndef TINYAWS_SUITES_H
#define TINYAWS_SUITES_H
#include "check.h"

extern const check_suite_t crypto_suite, time_suite, sigv4_suite, http_suite, endpoint_suite,
    json_suite, pager_suite, faults_suite, params_suite, ini_suite, cred_json_suite, cred_suite,
    version_suite,
    heap_first_suite, heap_last_suite;

static const check_suite_t *const all_suites[] = {
#ifdef TAWS_HEAP_TRAP
    &heap_first_suite,
#endif
    &crypto_suite,
    &time_suite,
    &sigv4_suite,
    &http_suite,
    &endpoint_suite,
    &json_suite,
    &params_suite,
    &pager_suite,
    &faults_suite,
    &ini_suite,
    &cred_json_suite,
    &cred_suite,
    &version_suite,
#ifdef TAWS_HEAP_TRAP
    &heap_last_suite, /* last: checks nothing above reached the heap */
#endif
};

#endif
