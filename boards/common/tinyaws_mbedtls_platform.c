/* SPDX-License-Identifier: MIT */
/*
 * Platform glue compiled into libmbedcrypto.a by boards/cross/cross.mk (with
 * tinyaws_mbedtls_config.h), for mbedTLS 2.28 and 3.6.
 *
 * mbedtls_platform_gmtime_r (MBEDTLS_PLATFORM_GMTIME_R_ALT): on bare-metal newlib and
 * picolibc mbedTLS cannot see that gmtime_r exists (no _POSIX_VERSION) and falls back to
 * gmtime(), whose newlib-nano version mallocs its result buffer on first use. This one calls
 * gmtime_r, which needs no heap and no lock.
 *
 * mbedtls_ms_time (3.x, MBEDTLS_PLATFORM_MS_TIME_ALT): 3.x wants a millisecond clock (TLS 1.3
 * ticket ages) and would reach for clock_gettime(), which bare metal lacks. It is derived
 * from the application's time hook (mbedtls_platform_set_time()), the clock that already
 * judges certificates, so a board sets one clock, not two. Second resolution is enough: the
 * client reports a ticket's age to the server, which tolerates seconds of difference.
 */
#ifndef _POSIX_C_SOURCE
#define _POSIX_C_SOURCE 200112L /* gmtime_r under -std=c99 */
#endif
#include <time.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/platform_time.h>

struct tm *mbedtls_platform_gmtime_r(const mbedtls_time_t *tt, struct tm *tm_buf)
{
    time_t t = (time_t)*tt;
    return gmtime_r(&t, tm_buf);
}

#if defined(MBEDTLS_PLATFORM_MS_TIME_ALT)
mbedtls_ms_time_t mbedtls_ms_time(void)
{
    return (mbedtls_ms_time_t)mbedtls_time(NULL) * 1000;
}
#endif
