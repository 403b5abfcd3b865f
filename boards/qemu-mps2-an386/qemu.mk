# SPDX-License-Identifier: MIT
# The unit suite (SigV4 vectors, HTTP parser, JSON stream, pager and faults over the scripted
# in-memory port) built for Cortex-M4 and run under qemu-system-arm (mps2-an386, semihosting).
# Same "N passed, M failed" summary and exit code as on the host. Included by the Makefile
# after boards/cross/cross.mk, whose target mbedTLS (from Debian's source) it links.
#
#   make qemu-test

include boards/qemu-mps2-an386/board.mk

DEPS_TEST += qemu-system-arm gcc-arm-none-eabi libnewlib-arm-none-eabi

QEMU_DIR := $(BUILD)/qemu
# heap_trap.c stays on the host: newlib's stdio mallocs for its own buffers, and --wrap in a
# static link would trap those too. (The target mbedTLS never mallocs: it has a static pool.)
QEMU_UNIT_SRC := $(filter-out tests/unit/heap_trap.c,$(wildcard tests/unit/*.c))
QEMU_OBJ := $(QEMU_UNIT_SRC:%.c=$(QEMU_DIR)/obj/%.o) $(QEMU_DIR)/obj/startup.o
# The fault-point property test samples every 9th byte: a full sweep is the host's job.
QEMU_TEST_FLAGS := -std=c99 $(WARN) $(TAWS_INC) -Isrc -Itests/unit -I$(GEN) $(CROSS_JSMN_CPPFLAGS) \
                   $(CROSS_MBEDTLS_CPPFLAGS) -DTAWS_ON_TARGET -DFAULT_STEP=9
QEMU_MBED := $(CROSS_M4_MBEDTLS) $(CROSS_M4_MBEDX509) $(CROSS_M4_MBEDCRYPTO)

$(QEMU_DIR)/obj/tests/unit/%.o: tests/unit/%.c $(GEN)/sigv4_vectors.h $(GEN)/params_vectors.h \
    $(GEN)/ini_vectors.h $(CROSS_M4_MBEDCRYPTO)
	@mkdir -p $(dir $@)
	$(QEMU_CC) $(QEMU_CFLAGS) $(QEMU_TEST_FLAGS) -MMD -MP -c $< -o $@

$(QEMU_DIR)/obj/startup.o: boards/qemu-mps2-an386/startup.c
	@mkdir -p $(dir $@)
	$(QEMU_CC) $(QEMU_CFLAGS) -std=c99 $(WARN) -c $< -o $@

$(QEMU_DIR)/test_unit.elf: $(QEMU_OBJ) $(CROSS_M4_LIBTINYAWS) $(QEMU_MBED)
	$(QEMU_CC) $(QEMU_LDFLAGS) $(QEMU_OBJ) $(CROSS_M4_LIBTINYAWS) $(QEMU_MBED) $(QEMU_LIBS) -o $@

.PHONY: qemu-test
qemu-test: $(QEMU_DIR)/test_unit.elf
	@timeout 900 $(QEMU_RUN) $<

-include $(wildcard $(QEMU_OBJ:.o=.d))
