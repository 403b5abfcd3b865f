/* SPDX-License-Identifier: MIT */
/* The test board: clock, random numbers, stack painting, lwIP's platform hooks. */
#include <string.h>
#include <mbedtls/platform.h>
#include <mbedtls/platform_time.h>
#include "board_fw.h"
#include "semihost.h"
#include "lwip/arch.h"
#include "lwip/sys.h"

/* CMSDK APB timer 0: a 32-bit down counter at SYSCLK. */
#define TIMER0_CTRL (*(volatile uint32_t *)0x40000000u)
#define TIMER0_VALUE (*(volatile uint32_t *)0x40000004u)
#define TIMER0_RELOAD (*(volatile uint32_t *)0x40000008u)

static uint32_t last_count; /* ticks elapsed at the last read, low 32 bits */
static uint64_t ticks_hi;   /* the 2^32 multiples */
static uint32_t rng[4];     /* xoshiro128** state for LWIP_RAND */

void board_init(void)
{
    TIMER0_CTRL = 0;
    TIMER0_RELOAD = 0xFFFFFFFFu;
    TIMER0_VALUE = 0xFFFFFFFFu;
    TIMER0_CTRL = 1u; /* enable, internal clock, no interrupt */
    last_count = 0;
    ticks_hi = 0;
    if (board_entropy((uint8_t *)rng, sizeof rng) != 0 || (rng[0] | rng[1] | rng[2] | rng[3]) == 0) {
        err_str("board: no entropy from the host\n");
        sh_exit(3);
    }
}

uint64_t board_ticks(void)
{
    uint32_t now = 0xFFFFFFFFu - TIMER0_VALUE;
    if (now < last_count)
        ticks_hi += (uint64_t)1 << 32;
    last_count = now;
    return ticks_hi | now;
}

/* lwIP (NO_SYS) and port/lwip-raw: milliseconds, wrapping at 2^32. */
u32_t sys_now(void)
{
    return (u32_t)(board_ticks() / (BOARD_TICK_HZ / 1000u));
}

int64_t board_wall_time(void)
{
    return sh_time();
}

#if defined(MBEDTLS_PLATFORM_TIME_ALT)
static mbedtls_time_t tls_time(mbedtls_time_t *t)
{
    mbedtls_time_t now = (mbedtls_time_t)board_wall_time();
    if (t)
        *t = now;
    return now;
}
#endif

void board_tls_time(void)
{
#if defined(MBEDTLS_PLATFORM_TIME_ALT)
    (void)mbedtls_platform_set_time(tls_time);
#endif
}

int board_entropy(uint8_t *buf, size_t n)
{
    static int fd = -1;
    while (n > 0) {
        long got;
        if (fd < 0 && (fd = sh_open("/dev/urandom", SH_MODE_RB)) < 0)
            return -1;
        got = sh_read(fd, buf, n);
        if (got <= 0)
            return -1;
        buf += got;
        n -= (size_t)got;
    }
    return 0;
}

static uint32_t rotl(uint32_t x, int k)
{
    return (x << k) | (x >> (32 - k));
}

/* xoshiro128** (Blackman and Vigna): LWIP_RAND on the test board. Not for keys: TLS takes
 * its randomness from the port's random callback. */
uint32_t tinyaws_board_rand(void)
{
    uint32_t r = rotl(rng[1] * 5u, 7) * 9u, t = rng[1] << 9;
    rng[2] ^= rng[0];
    rng[3] ^= rng[1];
    rng[1] ^= rng[2];
    rng[0] ^= rng[3];
    rng[2] ^= t;
    rng[3] = rotl(rng[3], 11);
    return r;
}

void tinyaws_board_lwip_assert(const char *msg, const char *file, int line)
{
    err_str("lwIP assertion failed: ");
    err_str(msg);
    err_str(" at ");
    err_str(file);
    err_str(":");
    err_u64((uint64_t)line);
    err_str("\n");
    sh_exit(3);
}

/* ---- stack -------------------------------------------------------------------------------- */

extern uint32_t __StackLimit, __StackTop;
#define PAINT 0xC0FFEE5Au

/* Fills from the stack limit up to a little below the current stack pointer. */
void board_stack_paint(void)
{
    volatile uint32_t *p = &__StackLimit;
    uint32_t here;
    volatile uint32_t *stop = (volatile uint32_t *)((uintptr_t)&here - 256u);
    while (p < stop)
        *p++ = PAINT;
}

size_t board_stack_peak(void)
{
    const uint32_t *p = &__StackLimit;
    while (p < &__StackTop && *p == PAINT)
        p++;
    return (size_t)((uintptr_t)&__StackTop - (uintptr_t)p);
}

size_t board_stack_size(void)
{
    return (size_t)((uintptr_t)&__StackTop - (uintptr_t)&__StackLimit);
}
