# SPDX-License-Identifier: MIT
# The mps2-an386 firmware: a bare-metal Cortex-M4 image that lists from the local AWS endpoint
# through QEMU's LAN9118 and user network, with lwIP 2.2 (NO_SYS, raw API, port/lwip-raw),
# tinyaws and mbedTLS on a static pool. Included by the top-level Makefile after
# boards/cross/cross.mk and boards/qemu-mps2-an386/qemu.mk. See this directory's README.md.
#
#   make firmware        build/fw/fw-list.elf (the listing), build/fw/fw-contract.elf (the
#                        port contract over port/lwip-raw) and build/fw/fw-iot.elf (the IoT
#                        device of examples/iot_device), each with a link check: nothing
#                        undefined, no malloc/calloc/realloc/free/sbrk anywhere in the image
#   make firmware-test   both under QEMU against the endpoint on the host, compared byte for
#                        byte with build/tinyaws --output jsonl (a make test stage)
#   make firmware-size   the figures measured on the image (also part of make size)
#
# lwIP is Debian trixie's 2.2.1 source (LWIP22_SRC_DIR, fetched by cross-fetch), built here
# with boards/qemu-mps2-an386/lwip/lwipopts.h. tinyaws and mbedTLS are the Cortex-M4 libraries
# boards/cross/cross.mk builds (CROSS_M4_*), with the boards mbedTLS configuration.

FW_BOARD := boards/qemu-mps2-an386
FW_DIR   := $(BUILD)/fw
FW_CC    := arm-none-eabi-gcc
# The device build of cross.mk (CROSS_OPT): -Os, no CLI option names, no status enum names.
FW_OPT   := -Os -g -DNDEBUG -ffunction-sections -fdata-sections -DTAWS_CLI_NAMES=0 -DTAWS_STATUS_NAMES=0
FW_CROSS_LIBS := $(CROSS_M4_LIBTINYAWS) $(CROSS_M4_MBEDTLS) $(CROSS_M4_MBEDX509) $(CROSS_M4_MBEDCRYPTO)
# The mbedTLS those libraries were built from, and the firmware's configuration: the boards
# one plus the pool allocator's counters (fw_mbedtls_config.h).
FW_MBED_SRC_DIR  := $(CROSS_MBEDTLS_SRC_DIR)
FW_MBED_CPPFLAGS := -isystem $(FW_MBED_SRC_DIR)/include -Iboards/common -I$(FW_BOARD) \
                    -DMBEDTLS_CONFIG_FILE='"fw_mbedtls_config.h"'
FW_MBED_CONFIG   := $(FW_BOARD)/fw_mbedtls_config.h $(CROSS_MBEDTLS_CONFIG)
FW_LWIP_CPPFLAGS := -I$(FW_BOARD)/lwip -isystem $(LWIP22_SRC_DIR)/src/include
FW_LDFLAGS := $(CROSS_M4_ARCH) -nostartfiles --specs=nano.specs -Wl,--gc-sections -Wl,--fatal-warnings \
              -T $(FW_BOARD)/fw.ld
FW_ELFS  := $(FW_DIR)/fw-list.elf $(FW_DIR)/fw-contract.elf $(FW_DIR)/fw-iot.elf

.PHONY: firmware firmware-test firmware-size

ifneq ($(FW_INNER),1)

# The cross libraries first (their own sub-make), then the images in a sub-make of ours:
# file lists are taken after the sources exist.
firmware: cross-fetch
	+@$(CROSS_SUBMAKE) $(FW_CROSS_LIBS)
	+@$(MAKE) --no-print-directory -f $(CROSS_TOP) FW_INNER=1 fw-images

firmware-test: firmware $(BUILD)/tinyaws
	@$(PY) $(FW_BOARD)/test_firmware.py --fw-dir $(FW_DIR) --cli $(BUILD)/tinyaws

firmware-size: firmware
	@$(PY) $(FW_BOARD)/fw_size.py --fw-dir $(FW_DIR)

# make size reports the firmware too. It builds cross first: the firmware's libraries are
# among cross's outputs, and two sub-makes must never build the same files at once.
size: firmware-size
ifneq ($(filter size,$(MAKECMDGOALS)),)
firmware: cross
endif

else # ------------------------------------------------------------------- the sub-make ---

FW_Q   := $(if $(V),,@)
FW_MSG  = $(if $(V)$(findstring s,$(firstword -$(MAKEFLAGS))),@true,@printf '  %-8s %s\n')

# lwIP 2.2.1: the core, IPv4 and Ethernet (modules switched off compile to nothing).
FW_LWIP_SRC := $(patsubst $(LWIP22_SRC_DIR)/src/%,%,$(wildcard $(LWIP22_SRC_DIR)/src/core/*.c \
    $(LWIP22_SRC_DIR)/src/core/ipv4/*.c) $(LWIP22_SRC_DIR)/src/netif/ethernet.c)
FW_LWIP_OBJ := $(FW_LWIP_SRC:%.c=$(FW_DIR)/lwip/%.o)
FW_LWIP_LIB := $(FW_DIR)/liblwip22.a
FW_LWIP_OPTS := $(FW_BOARD)/lwip/lwipopts.h $(FW_BOARD)/lwip/arch/cc.h

FW_BOARD_SRC := $(addprefix $(FW_BOARD)/,fw_startup.c semihost.c board_fw.c lan9118.c fw_net.c args_fw.c)
FW_COMMON_OBJ := $(FW_BOARD_SRC:%.c=$(FW_DIR)/obj/%.o) $(TINYAWS_PORT_LWIP_RAW_SRC:%.c=$(FW_DIR)/obj/%.o)
# The pool allocator with MBEDTLS_MEMORY_DEBUG, linked ahead of libmbedcrypto.a's own.
FW_MBED_ALLOC := $(FW_DIR)/mbedtls/memory_buffer_alloc.o
FW_LIST_OBJ := $(FW_COMMON_OBJ) $(FW_DIR)/obj/$(FW_BOARD)/list_main.o $(FW_DIR)/obj/$(FW_BOARD)/jsonl.o \
               $(FW_MBED_ALLOC)
FW_CONTRACT_OBJ := $(FW_COMMON_OBJ) $(FW_DIR)/obj/$(FW_BOARD)/contract_main.o \
                   $(FW_DIR)/obj/tests/port/port_contract.o
# The IoT device (examples/iot_device/device.c, the host example's portable half).
FW_IOT_OBJ := $(FW_COMMON_OBJ) $(FW_DIR)/obj/$(FW_BOARD)/iot_main.o \
              $(TINYAWS_EXAMPLE_IOT_DEVICE_SRC:%.c=$(FW_DIR)/obj/%.o) $(FW_MBED_ALLOC)
FW_CFLAGS := $(CROSS_M4_ARCH) $(FW_OPT) -std=c99 $(WARN) $(TAWS_INC) -I$(FW_BOARD) -Itests/port \
             -Iexamples/iot_device \
             $(FW_LWIP_CPPFLAGS) $(CROSS_JSMN_CPPFLAGS) $(FW_MBED_CPPFLAGS) -fstack-usage

$(FW_DIR)/lwip/%.o: $(LWIP22_SRC_DIR)/src/%.c $(FW_LWIP_OPTS)
	@mkdir -p $(@D)
	$(FW_Q)$(FW_CC) $(CROSS_M4_ARCH) $(FW_OPT) -std=c99 -Wall -Wextra -Werror $(FW_LWIP_CPPFLAGS) \
	  -MMD -MP -c $< -o $@
$(FW_LWIP_LIB): $(FW_LWIP_OBJ)
	$(FW_MSG) "AR fw" "$@ ($(words $^) lwIP 2.2 objects)"
	@rm -f $@
	$(FW_Q)arm-none-eabi-ar rcs $@ $^

$(FW_MBED_ALLOC): $(FW_MBED_SRC_DIR)/library/memory_buffer_alloc.c $(FW_MBED_CONFIG)
	@mkdir -p $(@D)
	$(FW_MSG) "CC fw" $<
	$(FW_Q)$(FW_CC) $(CROSS_M4_ARCH) $(FW_OPT) -Wall -Wextra -Werror -I$(FW_MBED_SRC_DIR)/library \
	  $(FW_MBED_CPPFLAGS) -MMD -MP -c $< -o $@

$(FW_DIR)/obj/%.o: %.c $(FW_LWIP_OPTS) $(FW_MBED_CONFIG)
	@mkdir -p $(@D)
	$(FW_MSG) "CC fw" $<
	$(FW_Q)$(FW_CC) $(FW_CFLAGS) -MMD -MP -c $< -o $@

# $(call FW_LINK,elf,objects,libraries): links, then the link check. --fatal-warnings and no
# nosys.specs: a system call stub would be an undefined symbol, not a warning.
define FW_LINK
	$(FW_MSG) "LD fw" $(1)
	$(FW_Q)$(FW_CC) $(FW_LDFLAGS) -Wl,-Map=$(1:.elf=.map) -o $(1) $(2) $(3)
	$(FW_Q)if arm-none-eabi-nm $(1) | grep -wE 'malloc|_malloc_r|calloc|_calloc_r|realloc|_realloc_r|free|_free_r|_sbrk|_sbrk_r'; then \
	  echo "firmware link check: $(1) contains the C library's heap (see $(1:.elf=.map))"; rm -f $(1); exit 1; fi
endef

$(FW_DIR)/fw-list.elf: $(FW_LIST_OBJ) $(FW_LWIP_LIB) $(FW_CROSS_LIBS) $(FW_BOARD)/fw.ld
	$(call FW_LINK,$@,$(FW_LIST_OBJ),$(FW_LWIP_LIB) $(FW_CROSS_LIBS))
$(FW_DIR)/fw-contract.elf: $(FW_CONTRACT_OBJ) $(FW_LWIP_LIB) $(FW_CROSS_LIBS) $(FW_BOARD)/fw.ld
	$(call FW_LINK,$@,$(FW_CONTRACT_OBJ),$(FW_LWIP_LIB) $(FW_CROSS_LIBS))
$(FW_DIR)/fw-iot.elf: $(FW_IOT_OBJ) $(FW_LWIP_LIB) $(FW_CROSS_LIBS) $(FW_BOARD)/fw.ld
	$(call FW_LINK,$@,$(FW_IOT_OBJ),$(FW_LWIP_LIB) $(FW_CROSS_LIBS))

.PHONY: fw-images
fw-images: $(FW_ELFS)
	$(FW_MSG) "fw" "link check: $(notdir $(FW_ELFS)) link with nothing undefined and no heap in the image"

-include $(shell find $(FW_DIR) -name '*.d' 2>/dev/null)

endif
