/* SPDX-License-Identifier: MIT */
/*
 * mbedTLS 3.6 configuration for tinyaws on a host (the library, the CLI, the tests): the
 * boards configuration (boards/common/tinyaws_mbedtls_config.h: TLS 1.2 and 1.3 client, the
 * suites AWS uses, no server code, the same record buffers and RAM-saving settings), so that
 * every host test exercises what a device runs, with the few things a device does not have:
 *
 *   - memory from calloc/free instead of a static pool, through mbedTLS's function pointers
 *     (MBEDTLS_PLATFORM_MEMORY): the unit suite's heap trap (tests/unit/heap_trap.c) points
 *     them at the real allocator, so only tinyaws's own heap calls are trapped;
 *   - time() and gmtime_r() from the C library, and clock_gettime() for mbedtls_ms_time();
 *   - SHA-1 and SHA-512, so that every root of a system CA bundle parses (Debian's has 30
 *     roots signed with SHA-1 and 2 with SHA-512). Chains signed with SHA-1 are still
 *     refused: mbedTLS's default verification profile does not allow it.
 *
 * Randomness is the port's, as on a device (PSA's external RNG, src/tls.c): no entropy
 * module, no /dev/urandom of mbedTLS's own.
 *
 * Used with -DMBEDTLS_CONFIG_FILE='"tinyaws_mbedtls_host_config.h"' -Iboards/host
 * -Iboards/common for mbedTLS (boards/host/mbedtls.mk) and for everything that includes it.
 */
#ifndef TINYAWS_MBEDTLS_HOST_CONFIG_H
#define TINYAWS_MBEDTLS_HOST_CONFIG_H

#if !defined(MBEDTLS_VERSION_MAJOR) || MBEDTLS_VERSION_MAJOR < 3
#error "the host configuration is for mbedTLS 3.x (make MBEDTLS=system uses Debian's 2.28 as built)"
#endif
#include "tinyaws_mbedtls_config.h"

#undef MBEDTLS_MEMORY_BUFFER_ALLOC_C
#undef MBEDTLS_PLATFORM_NO_STD_FUNCTIONS
#undef MBEDTLS_PLATFORM_TIME_ALT
#undef MBEDTLS_PLATFORM_GMTIME_R_ALT
#undef MBEDTLS_PLATFORM_MS_TIME_ALT

#define MBEDTLS_SHA1_C
#define MBEDTLS_SHA512_C

#endif /* TINYAWS_MBEDTLS_HOST_CONFIG_H */
