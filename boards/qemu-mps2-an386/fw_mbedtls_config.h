/* SPDX-License-Identifier: MIT */
/*
 * mbedTLS configuration of the firmware images: boards/common/tinyaws_mbedtls_config.h
 * unchanged, plus MBEDTLS_MEMORY_DEBUG, which only adds the static pool allocator's usage
 * counters (mbedtls_memory_buffer_alloc_max_get(), for the high-water mark the firmware
 * reports) and its corruption diagnostics. Block headers and every structure stay the same,
 * so the Cortex-M4 libraries built with the boards configuration link unchanged; firmware.mk
 * compiles memory_buffer_alloc.c alone with this file and links it ahead of them.
 */
#ifndef TINYAWS_FW_MBEDTLS_CONFIG_H
#define TINYAWS_FW_MBEDTLS_CONFIG_H

#include <stdio.h> /* FILE, for the diagnostics' prototype; no stdio function is linked */
#define MBEDTLS_MEMORY_DEBUG
/* The allocator's diagnostics (a corrupted pool) go to the semihosting console. */
int fw_mbedtls_fprintf(FILE *stream, const char *format, ...);
#define MBEDTLS_PLATFORM_FPRINTF_MACRO fw_mbedtls_fprintf
#include "tinyaws_mbedtls_config.h"

#endif
