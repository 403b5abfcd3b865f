# SPDX-License-Identifier: MIT
# The port contract (tests/port/port_contract.c), one suite for every port; the top-level
# Makefile includes this file.
#
#   make port-test   port/posix against tests/port/port_servers.py on 127.0.0.1
#
# port/lwip runs the same suite in make lwip-test (tests/lwip/test_port_lwip.c), port/lwip-raw
# on the QEMU board in make firmware-test (boards/qemu-mps2-an386/contract_main.c).

PORT_CONTRACT_OBJ := $(BUILD)/obj/tests/port/port_contract.o

$(BUILD)/test_port_posix: $(BUILD)/obj/tests/port/test_port_posix.o $(PORT_CONTRACT_OBJ) $(LIB) \
    $(MBEDTLS_READY)
	$(CC) $(CFLAGS) $(filter %.o,$^) $(LIB) $(MBEDTLS_LIBS) -o $@

.PHONY: port-test
port-test: $(BUILD)/test_port_posix
	@$(PY) tests/port/test_port_posix.py $<
