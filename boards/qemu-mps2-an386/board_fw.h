/* SPDX-License-Identifier: MIT */
/*
 * The mps2-an386 test board as the firmware sees it: a free-running 25 MHz clock (CMSDK
 * timer 0), lwIP's sys_now(), random numbers, the stack high-water mark, and what a real
 * board would take from its RTC and TRNG, taken from the QEMU host through semihosting.
 */
#ifndef TINYAWS_FW_BOARD_H
#define TINYAWS_FW_BOARD_H

#include <stddef.h>
#include <stdint.h>

/* The timers' clock: SYSCLK, 25 MHz on MPS2. Under QEMU -icount shift=N one instruction is
 * 2^N ns of virtual time, so with shift=0 one tick is 40 instructions. */
#define BOARD_TICK_HZ 25000000u

void board_init(void);
/* Ticks since board_init() (64-bit; the 32-bit hardware counter is extended on each read,
 * which the firmware does far more often than every 171 s). */
uint64_t board_ticks(void);

/* Test board only: seconds since 1970 from the host (semihosting SYS_TIME). A real board
 * has an RTC set by SNTP, or no clock at all until SNTP answers. */
int64_t board_wall_time(void);
/* Test board only: n random bytes from the host's /dev/urandom (semihosting). A real board
 * reads its TRNG. 0, or -1 when the host gave nothing. */
int board_entropy(uint8_t *buf, size_t n);
/* mbedTLS's clock (certificate validity) set to board_wall_time(), where the configuration
 * has MBEDTLS_PLATFORM_TIME_ALT; nothing otherwise. */
void board_tls_time(void);

/* Stack painting: board_stack_paint() fills the unused stack below the caller's frame with a
 * pattern; board_stack_peak() returns the most bytes of stack ever in use since then. */
void board_stack_paint(void);
size_t board_stack_peak(void);
size_t board_stack_size(void);

#endif
