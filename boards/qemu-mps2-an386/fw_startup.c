/* SPDX-License-Identifier: MIT */
/*
 * Cortex-M4 start-up for the firmware images on QEMU's mps2-an386: vector table, reset
 * handler (copy .data, zero .bss, enable the FPU), and a fault handler that reports the
 * faulting address over semihosting and exits 3. No C library start-up code (no stdio, no
 * heap); main() takes its arguments from the semihosting command line itself.
 */
#include <stdint.h>
#include "semihost.h"

extern uint32_t __etext, __data_start__, __data_end__, __bss_start__, __bss_end__, __StackTop;
extern int main(void);

void Reset_Handler(void);
void Fault_Handler(void);

typedef union {
    void *sp;
    void (*handler)(void);
} vector_t;

__attribute__((section(".isr_vector"), used)) static const vector_t vectors[16] = {
    { .sp = &__StackTop },
    { .handler = Reset_Handler },
    { .handler = Fault_Handler }, /* NMI */
    { .handler = Fault_Handler }, /* HardFault */
    { .handler = Fault_Handler }, /* MemManage */
    { .handler = Fault_Handler }, /* BusFault */
    { .handler = Fault_Handler }, /* UsageFault */
};

void fault_report(const uint32_t *frame);

/* The exception frame is on the main stack: hand its address over before anything else is
 * pushed. */
__attribute__((naked)) void Fault_Handler(void)
{
    __asm__ volatile("mrs r0, msp\n b fault_report");
}

void fault_report(const uint32_t *frame)
{
    err_str("\nFAULT: the target took an exception, stacked PC ");
    err_u64(frame[6]);
    err_str(", CFSR ");
    err_u64(*(volatile uint32_t *)0xE000ED28u);
    err_str("\n");
    sh_exit(3);
}

void Reset_Handler(void)
{
    uint32_t *src = &__etext, *dst;
    for (dst = &__data_start__; dst < &__data_end__;)
        *dst++ = *src++;
    for (dst = &__bss_start__; dst < &__bss_end__;)
        *dst++ = 0;
    /* CPACR: full access to CP10 and CP11, or the first float instruction faults. */
    *(volatile uint32_t *)0xE000ED88u |= 0xFu << 20;
    __asm__ volatile("dsb\n isb");
    sh_exit(main());
}

/* newlib's exit() ends here (mbedTLS calls mbedtls_exit() when its allocator finds its pool
 * corrupted): the exit code goes to QEMU. */
void _exit(int code) __attribute__((noreturn));
void _exit(int code)
{
    sh_exit(code);
}
