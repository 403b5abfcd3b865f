# SPDX-License-Identifier: MIT
# The lwIP port and its host test; the top-level Makefile includes this file.
#
#   make build/tinyaws-lwip     the CLI over Debian's lwIP (port/lwip, TAP interface)
#   make build/test_port_lwip   the port's contract, call by call, over the same stack
#   make lwip-test              both, and tinyaws-lwip vs build/tinyaws byte for byte, in a
#                               network namespace of its own (root; otherwise it reports SKIP)
#
# Expects from the includer: BUILD, CC, CFLAGS, CPPFLAGS, LIB, MBEDTLS_LIBS, PY.

DEPS_TEST += liblwip-dev iproute2 pkg-config

LWIP_CFLAGS := $(or $(shell pkg-config --cflags lwip 2>/dev/null),-I/usr/include/lwip)
LWIP_LIBS   := $(or $(shell pkg-config --libs lwip 2>/dev/null),-llwip) -lpthread
# Debian's lwIP headers clash with strict C99 on ssize_t without _GNU_SOURCE.
LWIP_CPPFLAGS := -D_GNU_SOURCE $(LWIP_CFLAGS)

LWIP_CLI_OBJ := $(filter-out %/cli_port_posix.o,$(CLI_OBJ))
LWIP_PORT_OBJ := $(TINYAWS_PORT_LWIP_SRC:%.c=$(BUILD)/obj/%.o)
LWIP_OBJ     := $(LWIP_PORT_OBJ) $(BUILD)/obj/tests/lwip/cli_port_lwip.o
LWIP_CLI     := $(BUILD)/tinyaws-lwip

$(LWIP_PORT_OBJ): $(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(LWIP_CPPFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/obj/tests/lwip/cli_port_lwip.o: tests/lwip/cli_port_lwip.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(LWIP_CPPFLAGS) -Isrc/cli $(CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/obj/tests/lwip/test_port_lwip.o: tests/lwip/test_port_lwip.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -Isrc/cli -Itests/port $(CFLAGS) -MMD -MP -c $< -o $@

$(LWIP_CLI): $(LWIP_CLI_OBJ) $(LWIP_OBJ) $(LIB)
	$(CC) $(CFLAGS) $^ $(MBEDTLS_LIBS) $(LWIP_LIBS) -o $@

# The port contract (tests/port/port_contract.c) over the same lwIP set-up as the CLI.
$(BUILD)/test_port_lwip: $(BUILD)/obj/tests/lwip/test_port_lwip.o $(BUILD)/obj/tests/port/port_contract.o \
    $(LWIP_OBJ) $(LIB)
	$(CC) $(CFLAGS) $^ $(LWIP_LIBS) -o $@

.PHONY: lwip-test
lwip-test: $(LWIP_CLI) $(BUILD)/test_port_lwip $(BUILD)/tinyaws
	@$(PY) tests/lwip/test_lwip.py $(LWIP_CLI) $(BUILD)/tinyaws $(BUILD)/test_port_lwip
