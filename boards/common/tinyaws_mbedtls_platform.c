/*
 * Platform glue compiled into libmbedcrypto.a by boards/cross/cross.mk (with
 * tinyaws_mbedtls_config.h).
 *
 * mbedtls_platform_gmtime_r (MBEDTLS_PLATFORM_GMTIME_R_ALT): on bare-metal newlib and
 * picolibc mbedTLS 2.28 cannot see that gmtime_r exists (no _POSIX_VERSION) and falls back to
 * gmtime(), whose newlib-nano version mallocs its result buffer on first use. This one calls
 * gmtime_r, which needs no heap and no lock.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200112L /* gmtime_r under -std=c99 */
#endif
#include <time.h>
#include <mbedtls/platform_util.h>

struct tm *mbedtls_platform_gmtime_r(const mbedtls_time_t *tt, struct tm *tm_buf)
{
    time_t t = (time_t)*tt;
    return gmtime_r(&t, tm_buf);
}
