/* SPDX-License-Identifier: MIT */
/* The Pico SDK's mbedTLS (3.6.2 in SDK 2.2.0; 2.28 in SDK 1.5) reads "mbedtls_config.h"
 * (SDK 2.x through its pico_mbedtls_config.h): tinyaws's target configuration, shared with the
 * cross builds (boards/common/tinyaws_mbedtls_config.h: TLS 1.2 and 1.3 client, static pool,
 * AES-GCM, ECDHE, PSA's RNG = the port's random source). */
#include "../common/tinyaws_mbedtls_config.h"
