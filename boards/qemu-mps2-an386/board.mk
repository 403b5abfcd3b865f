# SPDX-License-Identifier: MIT
# QEMU mps2-an386 (Cortex-M4F): compile and link flags, and how to run an image.
QEMU_CC      := arm-none-eabi-gcc
QEMU_ARCH    := -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16
QEMU_CFLAGS  := $(QEMU_ARCH) -Os -g -ffunction-sections -fdata-sections
QEMU_LDFLAGS := $(QEMU_ARCH) -nostartfiles --specs=rdimon.specs -Wl,--gc-sections \
                -T boards/qemu-mps2-an386/mps2_an386.ld
QEMU_LIBS    := -lrdimon
QEMU_RUN     := qemu-system-arm -M mps2-an386 -cpu cortex-m4 -nographic -monitor none \
                -semihosting-config enable=on,target=native -kernel
