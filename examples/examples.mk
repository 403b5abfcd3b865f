# SPDX-License-Identifier: MIT
# make examples: the programs of examples/ (public headers only) against build/libtinyaws.a,
# into $(BUILD)/examples/. make test runs them against the local endpoint (stage "examples",
# tests/examples/test_examples.py) and builds one against an installed copy (stage "install").
EXAMPLES := list_failed_invocations ssm_resume custom_port
EXAMPLE_BINS := $(EXAMPLES:%=$(BUILD)/examples/%) $(BUILD)/examples/iot_device
# What an application compiles with: the public headers and mbedTLS's, nothing of src/.
EXAMPLE_CPPFLAGS := $(TAWS_INC) $(MBEDTLS_CPPFLAGS)

.PHONY: examples
examples: $(EXAMPLE_BINS)

$(BUILD)/examples/%: examples/%.c $(LIB) $(MBEDTLS_READY)
	@mkdir -p $(@D)
	$(CC) $(EXAMPLE_CPPFLAGS) $(CFLAGS) $< $(LIB) $(MBEDTLS_LIBS) -o $@

# iot_device: the host's board support (main_posix.c) and the device side every board uses
# ($(TINYAWS_EXAMPLE_IOT_DEVICE_SRC), tinyaws.mk).
$(BUILD)/examples/iot_device: examples/iot_device/main_posix.c $(TINYAWS_EXAMPLE_IOT_DEVICE_SRC) \
		examples/iot_device/device.h $(LIB) $(MBEDTLS_READY)
	@mkdir -p $(@D)
	$(CC) $(EXAMPLE_CPPFLAGS) $(CFLAGS) examples/iot_device/main_posix.c $(TINYAWS_EXAMPLE_IOT_DEVICE_SRC) \
		$(LIB) $(MBEDTLS_LIBS) -o $@
