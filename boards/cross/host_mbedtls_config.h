/* SPDX-License-Identifier: MIT */
/*
 * The boards mbedTLS configuration for the host measurement (boards/cross/pool_peak.c):
 * boards/common/tinyaws_mbedtls_config.h unchanged, plus MBEDTLS_MEMORY_DEBUG, which only
 * adds the allocator's usage counters (mbedtls_memory_buffer_alloc_max_get) and its
 * diagnostics on stderr. Block headers and every other structure are the same.
 */
#ifndef TINYAWS_HOST_MBEDTLS_CONFIG_H
#define TINYAWS_HOST_MBEDTLS_CONFIG_H

#include <stdio.h>
#define MBEDTLS_MEMORY_DEBUG
#define MBEDTLS_PLATFORM_FPRINTF_MACRO fprintf
#include "tinyaws_mbedtls_config.h"

#endif
