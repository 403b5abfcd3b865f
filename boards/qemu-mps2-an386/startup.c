/* SPDX-License-Identifier: MIT */
/*
 * Cortex-M4 start-up for QEMU's mps2-an386: vector table, reset handler (copy .data, zero
 * .bss, enable the FPU, open the semihosting console), fault handlers that report and exit.
 * Output and the exit code travel over semihosting: QEMU exits with main()'s return value.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

extern uint32_t __etext, __data_start__, __data_end__, __bss_start__, __bss_end__, __StackTop;
extern void initialise_monitor_handles(void);
extern int main(int argc, char **argv);

void Reset_Handler(void);
void Fault_Handler(void);

/* newlib calls these around main in crt0; with -nostartfiles they only need to exist. */
void _init(void);
void _fini(void);
void _init(void) {}
void _fini(void) {}

/* The first entry is the initial stack pointer, the others handlers: a union keeps both
 * types honest (ISO C has no conversion between object and function pointers). */
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

void Fault_Handler(void)
{
    static const char msg[] = "\nFAULT: the target took an exception\n0 passed, 1 failed\n";
    fwrite(msg, 1, sizeof msg - 1, stdout);
    fflush(stdout);
    exit(3);
}

void Reset_Handler(void)
{
    uint32_t *src = &__etext, *dst;
    static char *argv[] = { "target", NULL };
    for (dst = &__data_start__; dst < &__data_end__;)
        *dst++ = *src++;
    for (dst = &__bss_start__; dst < &__bss_end__;)
        *dst++ = 0;
    /* CPACR: full access to CP10 and CP11, or the first float instruction faults. */
    *(volatile uint32_t *)0xE000ED88u |= 0xFu << 20;
    __asm__ volatile("dsb\n isb");
    initialise_monitor_handles();
    exit(main(1, argv));
}
