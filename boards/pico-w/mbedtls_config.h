/* pico_mbedtls reads "mbedtls_config.h": tinyaws's target configuration (TLS 1.2 client,
 * static pool, AES-GCM, ECDHE), shared with the cross builds. */
#include "../common/tinyaws_mbedtls_config.h"
