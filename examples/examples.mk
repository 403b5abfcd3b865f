# SPDX-License-Identifier: MIT
# make examples: the programs of examples/ (public headers only) against build/libtinyaws.a,
# into $(BUILD)/examples/. make test runs them against the local endpoint (stage "examples",
# tests/examples/test_examples.py) and builds one against an installed copy (stage "install").
EXAMPLES := list_failed_invocations ssm_resume custom_port
EXAMPLE_BINS := $(EXAMPLES:%=$(BUILD)/examples/%)
# What an application compiles with: the public headers and mbedTLS's, nothing of src/.
EXAMPLE_CPPFLAGS := $(TAWS_INC) $(MBEDTLS_CPPFLAGS)

.PHONY: examples
examples: $(EXAMPLE_BINS)

$(BUILD)/examples/%: examples/%.c $(LIB) $(MBEDTLS_READY)
	@mkdir -p $(@D)
	$(CC) $(EXAMPLE_CPPFLAGS) $(CFLAGS) $< $(LIB) $(MBEDTLS_LIBS) -o $@
