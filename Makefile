# SPDX-License-Identifier: MIT
# tinyaws — zero-malloc streaming AWS list client. `make test` is the one test command.
#
#   make            build/libtinyaws.a and build/tinyaws (installs missing Debian packages)
#   make test       every test suite; the last line is "N passed, M failed"
#   make demo       list async invocations from the local endpoint over HTTPS
#   make deps       install missing Debian packages (nothing when all are present)
#   make examples   build/examples/: the programs of examples/
#   make install    PREFIX=/usr/local DESTDIR=: headers, libtinyaws.a, tinyaws.pc, the CLI

SHELL    := /bin/bash
BUILD    ?= build
CC       ?= cc
PY       := /usr/bin/python3
SHARED   ?= ../shared

CSTD     := -std=c99
WARN     := -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wvla -Werror
OPT      ?= -O2 -g
# The source lists (core, ports, CLI, public include folder), named once: tinyaws.mk.
include tinyaws.mk
TAWS_INC := $(addprefix -I,$(TINYAWS_INCLUDE_PUBLIC_DIRS))
CFLAGS   += $(CSTD) $(WARN) $(OPT)

# mbedTLS, one of:
#   MBEDTLS=3.6     (default) mbedTLS 3.6 LTS, TLS 1.2 and 1.3: Debian trixie's source package
#                   (boards/cross/fetch_sources.sh), built once, static, into build/mbedtls-3.6
#                   with boards/host/tinyaws_mbedtls_host_config.h (boards/host/mbedtls.mk)
#   MBEDTLS=system  Debian's libmbedtls-dev 2.28 as installed (shared, Debian's configuration),
#                   TLS 1.2 only; `make test` also runs the unit and TLS suites against it
#                   (in build/mbedtls2)
MBEDTLS ?= 3.6
SRC_CACHE ?= $(BUILD)/cross/src
MBEDTLS_HOST_DIR ?= $(BUILD)/mbedtls-3.6
MBEDTLS_HOST_CFG := boards/host/tinyaws_mbedtls_host_config.h boards/common/tinyaws_mbedtls_config.h
MBEDTLS_HOST_CPPFLAGS := -isystem $(SRC_CACHE)/mbedtls3/include -Iboards/host -Iboards/common \
                         -DMBEDTLS_CONFIG_FILE='"tinyaws_mbedtls_host_config.h"'
ifeq ($(MBEDTLS),3.6)
MBEDTLS_CPPFLAGS := $(MBEDTLS_HOST_CPPFLAGS)
MBEDTLS_LIBS     := $(MBEDTLS_HOST_DIR)/libmbedtls.a $(MBEDTLS_HOST_DIR)/libmbedx509.a \
                    $(MBEDTLS_HOST_DIR)/libmbedcrypto.a
# Every object that includes a tinyaws header sees mbedTLS's: built (and fetched) first.
MBEDTLS_READY    := $(MBEDTLS_LIBS)
else ifeq ($(MBEDTLS),system)
MBEDTLS_CPPFLAGS :=
MBEDTLS_LIBS     := -lmbedtls -lmbedx509 -lmbedcrypto
MBEDTLS_READY    :=
else
$(error MBEDTLS=$(MBEDTLS): use MBEDTLS=3.6 (the default) or MBEDTLS=system (Debian's 2.28))
endif
CPPFLAGS += $(TAWS_INC) $(MBEDTLS_CPPFLAGS)
# The libFuzzer harnesses link the same mbedTLS (tests/fuzz/fuzz.mk).
FUZZ_LDLIBS := $(MBEDTLS_LIBS)

# Debian packages: what the build needs, and what each kind of check needs besides. `make`
# installs only DEPS_BUILD; `make test`, `make lint` and `make bench` install theirs.
# mbedTLS 3.6 comes from trixie's source package (dpkg-dev unpacks it); 2.28 is Debian's package.
DEPS_BUILD := gcc make libc6-dev libjsmn-dev ca-certificates \
              $(if $(filter system,$(MBEDTLS)),libmbedtls-dev,dpkg-dev)
DEPS_LINT  := cppcheck clang-tidy-14 clang-format-14
# python3-minimal is the package that ships /usr/bin/python3, the interpreter every test tool
# runs with ($(PY)): Debian's, the one that sees python3-botocore and python3-boto3.
DEPS_TEST  := python3-botocore python3-boto3 python3-cryptography awscli valgrind time clang-14 \
              libclang-rt-14-dev libmbedtls-dev dpkg-dev python3-minimal cmake

LIB_SRC  := $(TINYAWS_CORE_SRC) $(TINYAWS_PORT_POSIX_SRC)
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/obj/%.o)
LIB      := $(BUILD)/libtinyaws.a

CLI_SRC  := $(TINYAWS_CLI_SRC)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/obj/%.o)
CLI      := $(BUILD)/tinyaws

UNIT_SRC := $(wildcard tests/unit/*.c)
UNIT_OBJ := $(UNIT_SRC:%.c=$(BUILD)/obj/%.o)
GEN      := $(BUILD)/gen
# The operations tinyaws knows: the data every generator reads.
OPS_DATA ?= src/operations.json

.PHONY: all deps deps-test deps-lint test demo clean check-tables lint cross size test-m32 bench
all: deps $(LIB) $(CLI)

# Installs only what is missing of the packages $(1); apt-get update runs only when something is.
define apt_install_missing
	@missing=$$(dpkg-query -W -f='$${db:Status-Abbrev} $${Package}\n' $(1) 2>/dev/null \
	    | awk '$$1 == "ii" { print $$2 }' | sort > $(BUILD).deps.ok; \
	  for p in $(1); do grep -qx "$$p" $(BUILD).deps.ok || printf '%s ' "$$p"; done); \
	rm -f $(BUILD).deps.ok; \
	if [ -n "$$missing" ]; then \
	  echo "deps: installing $$missing"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call apt_install_missing,$(DEPS_BUILD))
deps-test:
	$(call apt_install_missing,$(DEPS_BUILD) $(DEPS_TEST))
deps-lint:
	$(call apt_install_missing,$(DEPS_BUILD) $(DEPS_LINT))

# Only the public API (TAWS_API in include/tinyaws/) is exported from a shared object built
# from these objects: everything else is hidden. The generated operation tables are public
# as a whole (ops.h declares them). tests/api/check_symbols.py checks both.
$(filter-out $(BUILD)/obj/src/ops_tables.o,$(LIB_OBJ)): CFLAGS += -fvisibility=hidden
$(BUILD)/obj/port/posix/%.o: CPPFLAGS += -D_POSIX_C_SOURCE=200809L
$(BUILD)/obj/src/cli/%.o: CPPFLAGS += -D_POSIX_C_SOURCE=200809L
# Tests are white-box (they include src/ headers and reach TAWS_PRIVATE members) except
# tests/api/, which sees what an application sees (tests/api/api.mk).
$(BUILD)/obj/tests/%.o: CPPFLAGS += -D_POSIX_C_SOURCE=200809L -I$(GEN) -Itests/unit -Isrc

$(BUILD)/obj/%.o: %.c | $(MBEDTLS_READY)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

# mbedTLS 3.6 for the host: the source fetched once (only when missing), the libraries built
# once by their own make (the file list exists only after the fetch), cached in
# $(MBEDTLS_HOST_DIR); rebuilt when the configuration changes.
$(SRC_CACHE)/mbedtls3/.tinyaws-extracted:
	bash boards/cross/fetch_sources.sh $(SRC_CACHE) mbedtls3
$(MBEDTLS_HOST_DIR)/libmbedcrypto.a: $(MBEDTLS_HOST_CFG) boards/host/mbedtls.mk \
    $(SRC_CACHE)/mbedtls3/.tinyaws-extracted
	@echo "  mbedTLS 3.6 (host configuration) -> $(MBEDTLS_HOST_DIR)"
	@$(MAKE) --no-print-directory -f boards/host/mbedtls.mk SRC=$(SRC_CACHE)/mbedtls3 OUT=$(MBEDTLS_HOST_DIR)
$(MBEDTLS_HOST_DIR)/libmbedtls.a $(MBEDTLS_HOST_DIR)/libmbedx509.a: $(MBEDTLS_HOST_DIR)/libmbedcrypto.a

$(LIB): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(CLI): $(CLI_OBJ) $(LIB) $(MBEDTLS_READY)
	$(CC) $(CFLAGS) $(CLI_OBJ) $(LIB) $(MBEDTLS_LIBS) -o $@

# SigV4 vectors are generated from ../shared at build time, never copied into the repo.
$(GEN)/sigv4_vectors.h: tests/unit/gen_sigv4_vectors.py
	@mkdir -p $(GEN)
	$(PY) $< $(SHARED)/sigv4-testsuite/aws-c-auth/tests/aws-signing-test-suite/v4 $@
$(BUILD)/obj/tests/unit/test_sigv4.o: $(GEN)/sigv4_vectors.h
# params.c's vectors, from the models and botocore (tests/unit/gen_params_vectors.py).
PARAMS_VECTORS_DEPS := tests/unit/gen_params_vectors.py src/gen_ops.py $(OPS_DATA)
$(GEN)/params_vectors.h: $(PARAMS_VECTORS_DEPS)
	@mkdir -p $(GEN)
	$(PY) $< $(OPS_DATA) $(SHARED)/aws-models $@
$(BUILD)/obj/tests/unit/test_params.o: $(GEN)/params_vectors.h

# The INI reader's expectations: Debian's botocore reading a corpus, also at build time.
$(GEN)/ini_vectors.h: tests/unit/gen_ini_vectors.py
	@mkdir -p $(GEN)
	$(PY) $< $@
$(BUILD)/obj/tests/unit/test_ini.o: $(GEN)/ini_vectors.h

# The unit tests trap every heap call made from statically linked code (tests/unit/heap_trap.c).
HEAP_WRAP := -Wl,--wrap=malloc -Wl,--wrap=calloc -Wl,--wrap=realloc -Wl,--wrap=free
$(BUILD)/obj/tests/unit/%.o: CPPFLAGS += -DTAWS_HEAP_TRAP
$(BUILD)/test_unit: $(UNIT_OBJ) $(LIB) $(MBEDTLS_READY)
	$(CC) $(CFLAGS) $(UNIT_OBJ) $(LIB) $(MBEDTLS_LIBS) $(HEAP_WRAP) -o $@

# Debian's mbedTLS 2.28 stays supported: the unit and TLS suites run against it too, built in
# $(MBEDTLS2_BUILD) by a make of its own (MBEDTLS=system).
MBEDTLS2_BUILD := $(BUILD)/mbedtls2
TEST_BINS := $(BUILD)/test_unit $(BUILD)/sigv4_tool $(BUILD)/taws_fetch $(BUILD)/taws_resolve $(CLI) $(BUILD)/asan/test_unit \
             $(BUILD)/cred_list \
             $(BUILD)/asan/taws_fetch $(BUILD)/asan/tls_unit $(MBEDTLS2_BUILD)/test_unit \
             $(MBEDTLS2_BUILD)/taws_fetch $(MBEDTLS2_BUILD)/tls_unit

# Stages named "@..." build their own targets (cross toolchains, QEMU images, fuzzers), or are
# run-only suites moved there to balance the lanes, and run
# in a second lane beside the others (tests/run_all.sh): two cores, two lanes.
test: deps-test $(LIB) $(TEST_BINS)
	@bash tests/run_all.sh \
	  "unit:$(BUILD)/test_unit" \
	  "file-lists:bash tests/check_file_lists.sh" \
	  "spdx:bash tests/check_spdx.sh" \
	  $(API_STAGES) \
	  "tables-from-models:$(MAKE) -s check-tables" \
	  "typed-iterators:$(MAKE) -s typed-check" \
	  "sigv4-vs-botocore:$(PY) tests/sigv4_diff/test_sigv4_botocore.py $(BUILD)/sigv4_tool 400" \
	  "tls:$(PY) tests/tls/test_tls.py $(BUILD)/taws_fetch" \
	  "endpoints-vs-botocore:$(PY) tests/endpoints/test_endpoints_botocore.py $(BUILD)/taws_resolve" \
	  "tls-asan-ubsan:$(PY) tests/tls/test_tls.py $(BUILD)/asan/taws_fetch" \
	  "tls-unit-asan-ubsan:$(BUILD)/asan/tls_unit $(TLS_UNIT_BUNDLE)" \
	  "unit-mbedtls2.28:$(MBEDTLS2_BUILD)/test_unit" \
	  "tls-mbedtls2.28:$(PY) tests/tls/test_tls.py $(MBEDTLS2_BUILD)/taws_fetch" \
	  "tls-unit-mbedtls2.28:$(MBEDTLS2_BUILD)/tls_unit $(TLS_UNIT_BUNDLE)" \
	  "endpoint-vs-boto3:$(PY) tests/endpoint/test_endpoint_boto3.py" \
	  "credentials-endpoint:$(PY) tests/endpoint/test_credentials_endpoint.py" \
	  "credentials-library:$(PY) tests/cred/test_cred_library.py $(BUILD)/cred_list" \
	  "unit-asan-ubsan:$(BUILD)/asan/test_unit" \
	  "@unit-m32:$(MAKE) -s test-m32" \
	  "@cross-builds:$(MAKE) -s cross && echo 'ok - Cortex-M4 and RV32IMAC with -Werror, link checks' && echo '1 passed, 0 failed'" \
	  "@unit-on-qemu-cortex-m4:$(MAKE) -s qemu-test" \
	  "@port-contract-posix:$(MAKE) -s port-test" \
	  "@firmware-on-qemu-network:$(MAKE) -s firmware-test" \
	  "cli-vs-aws-cli:$(PY) tests/cli/test_cli.py $(CLI)" \
	  "cli-help:$(PY) tests/cli/test_help.py $(CLI)" \
	  "cli-under-valgrind:TINYAWS_WRAPPER='$(VALGRIND)' $(PY) tests/cli/test_cli.py $(CLI)" \
	  "cli-compat-valgrind:TINYAWS_WRAPPER='$(VALGRIND)' $(PY) tests/cli/test_cli_compat.py $(CLI)" \
	  "cli-credentials:$(PY) tests/cli/test_credentials.py $(CLI)" \
	  "@cli-text-vs-aws-cli:$(PY) tests/cli/test_output_text.py $(CLI)" \
	  "@cli-text-under-valgrind:TINYAWS_WRAPPER='$(VALGRIND)' $(PY) tests/cli/test_output_text.py $(CLI)" \
	  "@json-validation-cli:$(PY) tests/cli/test_json_validation.py $(CLI)" \
	  "examples:$(MAKE) -s examples && $(PY) tests/examples/test_examples.py $(BUILD)/examples" \
	  "install:bash tests/examples/test_install.sh $(BUILD)" \
	  "no-malloc:bash tests/check_no_malloc.sh $(LIB)" \
	  "@fuzz-corpus-replay:$(MAKE) -s fuzz-replay" \
	  "@fuzz-json-differential:$(MAKE) -s fuzz FUZZ_TARGETS=fuzz_json_valid FUZZ_SECONDS=20" \
	  "@lwip-over-tap:$(MAKE) -s lwip-test"

# The unit suite again under AddressSanitizer and UndefinedBehaviorSanitizer.
ASAN_OPT := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
# (One sub-make per build directory, for all its programs: two would compile the same
# objects at once under make -j.)
ASAN_BINS := $(BUILD)/asan/test_unit $(BUILD)/asan/taws_fetch $(BUILD)/asan/tls_unit
MBEDTLS2_BINS := $(MBEDTLS2_BUILD)/test_unit $(MBEDTLS2_BUILD)/taws_fetch $(MBEDTLS2_BUILD)/tls_unit
$(ASAN_BINS): asan-bins ;
$(MBEDTLS2_BINS): mbedtls2-bins ;
.PHONY: asan-bins mbedtls2-bins
asan-bins: | $(MBEDTLS_READY)
	@$(MAKE) -s BUILD=$(BUILD)/asan OPT="$(ASAN_OPT)" SRC_CACHE=$(SRC_CACHE) \
	  MBEDTLS_HOST_DIR=$(MBEDTLS_HOST_DIR) $(ASAN_BINS)
mbedtls2-bins:
	@$(MAKE) -s BUILD=$(MBEDTLS2_BUILD) MBEDTLS=system $(MBEDTLS2_BINS)

# The CLI integration tests with every tinyaws run under valgrind (leaks and invalid access
# change the exit code, which every test checks).
VALGRIND := valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,indirect

# Static analysis of the library and the CLI. Checks left out, and why:
#  cppcheck variableScope: declarations at the top of a block are the house style.
#  bugprone-easily-swappable-parameters: (pointer, length) pairs are the API's shape.
#  bugprone-not-null-terminated-result: lengths travel with every string by design.
#  bugprone-narrowing-conversions: flags guarded ASCII arithmetic ('a' + n) on char.
#  bugprone-reserved-identifier: no false claims here, but __wrap_ names in the tests.
#  cert-err33-c: the CLI ignores printf/fputc results on purpose (stdout errors end in fflush).
LINT_SRC  := $(TINYAWS_CORE_SRC) $(TINYAWS_CLI_SRC) $(TINYAWS_PORT_POSIX_SRC)
TIDY_CHECKS := -*,clang-analyzer-*,bugprone-*,-bugprone-easily-swappable-parameters
TIDY_CHECKS := $(TIDY_CHECKS),-bugprone-not-null-terminated-result,-bugprone-narrowing-conversions
TIDY_CHECKS := $(TIDY_CHECKS),-bugprone-reserved-identifier,cert-*,-cert-err33-c
TIDY_CHECKS := $(TIDY_CHECKS),misc-redundant-expression,misc-misplaced-const,performance-*
LINT_RAW_CPPFLAGS = -Iboards/qemu-mps2-an386/lwip -isystem $(LWIP22_SRC_DIR)/src/include
# Licence lines and formatting first (tests/check_spdx.sh, tests/check_format.sh: white space
# everywhere, clang-format on the files of tests/format_clean.txt), then the analysers.
lint: deps-lint | $(MBEDTLS_READY)
	bash tests/check_spdx.sh
	bash tests/check_format.sh
	cppcheck -q --enable=warning,style,performance,portability --std=c99 --inline-suppr \
	  --error-exitcode=1 -Iinclude -D__GNUC__ --suppress=missingIncludeSystem --suppress=variableScope \
	  src port/posix
	@clang-tidy-14 --quiet --warnings-as-errors='*' -checks='$(TIDY_CHECKS)' $(LINT_SRC) -- \
	  -std=c99 -Iinclude $(MBEDTLS_CPPFLAGS) -D_POSIX_C_SOURCE=200809L 2>&1 | grep -v ' warnings\? generated\.$$' ; \
	  exit $${PIPESTATUS[0]}
	cppcheck -q --enable=warning,style,performance,portability --std=c99 --inline-suppr \
	  --error-exitcode=1 -Iinclude -Isrc/cli -Itests/port $(LWIP_CPPFLAGS) -D__GNUC__ \
	  --suppress=missingIncludeSystem --suppress=variableScope port/lwip tests/lwip
	@clang-tidy-14 --quiet --warnings-as-errors='*' -checks='$(TIDY_CHECKS)' $(TINYAWS_PORT_LWIP_SRC) \
	  tests/lwip/cli_port_lwip.c tests/lwip/test_port_lwip.c -- -std=c99 -Iinclude -Isrc/cli -Itests/port \
	  $(LWIP_CPPFLAGS) 2>&1 | grep -v ' warnings\? generated\.$$' ; exit $${PIPESTATUS[0]}
	@# port/lwip-raw with the firmware's NO_SYS lwipopts and Debian trixie's lwIP 2.2 headers,
	@# and the port contract suite.
	$(MAKE) -s cross-fetch
	cppcheck -q --enable=warning,style,performance,portability --std=c99 --inline-suppr \
	  --error-exitcode=1 -Iinclude -Itests/port $(LINT_RAW_CPPFLAGS) -D__GNUC__ \
	  --suppress=missingIncludeSystem --suppress=variableScope port/lwip-raw tests/port
	@clang-tidy-14 --quiet --warnings-as-errors='*' -checks='$(TIDY_CHECKS)' $(TINYAWS_PORT_LWIP_RAW_SRC) \
	  tests/port/port_contract.c tests/port/test_port_posix.c -- -std=c99 -Iinclude -Itests/port \
	  $(LINT_RAW_CPPFLAGS) -D_POSIX_C_SOURCE=200809L 2>&1 | grep -v ' warnings\? generated\.$$' ; \
	  exit $${PIPESTATUS[0]}
	@# The examples, as an application compiles them (public headers only).
	cppcheck -q --enable=warning,style,performance,portability --std=c99 --inline-suppr \
	  --error-exitcode=1 -Iinclude -D__GNUC__ --suppress=missingIncludeSystem --suppress=variableScope examples
	@clang-tidy-14 --quiet --warnings-as-errors='*' -checks='$(TIDY_CHECKS)' examples/*.c examples/iot_device/*.c -- -Iexamples/iot_device \
	  -std=c99 -Iinclude $(MBEDTLS_CPPFLAGS) 2>&1 | grep -v ' warnings\? generated\.$$' ; \
	  exit $${PIPESTATUS[0]}
	@echo "lint: clean"

demo: deps-test $(CLI)
	@bash tests/demo.sh $(CLI)

# Generated (*.gen.c, *.gen.h) from the operation list $(OPS_DATA) and ../shared/aws-models (and
# botocore's partitions.json): the operation tables, typed structs and iterators, the endpoint
# rule tables, the CLI's help and skeletons. The committed copies must match.
PARTITIONS_JSON ?= /usr/lib/python3/dist-packages/botocore/data/partitions.json
check-tables:
	@bash tests/check_generated.sh $(PY) $(GEN) \
	  "src/gen_ops.py $(OPS_DATA) $(SHARED)/aws-models {include/tinyaws/ops.gen.h} {src/ops_tables.gen.c} {include/tinyaws/ops_iter.gen.h}" \
	  "src/gen_endpoints.py $(SHARED)/aws-models $(PARTITIONS_JSON) {src/endpoint_rules_tables.gen.c}" \
	  "src/gen_help.py $(OPS_DATA) $(SHARED)/aws-models {src/cli/help_tables.gen.c}" \
	  "src/cli/gen_skeletons.py $(OPS_DATA) $(SHARED)/aws-models {src/cli/skeletons.gen.c}"

# Typed iterators: a wrong item or params struct must not compile (tests/typed/check.sh).
.PHONY: typed-check
typed-check: export TYPED_CPPFLAGS = $(CPPFLAGS)
typed-check: | $(MBEDTLS_READY)
	@CC='$(CC)' bash tests/typed/check.sh

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)

# libFuzzer harnesses: make fuzz (FUZZ_SECONDS per target, default 60), make fuzz-replay.
include tests/fuzz/fuzz.mk
# The port contract, one suite for every port: make port-test (port/posix).
include tests/port/port.mk
# The lwIP port and its test over a TAP device in a namespace (root): make lwip-test.
include tests/lwip/lwip.mk
# The API boundary as applications meet it (headers in C and C++, exported symbols, jsmn,
# the configuration check, secrets wiped on every failed write): make api-test.
include tests/api/api.mk
# Cross builds (Cortex-M4, RV32IMAC) with mbedTLS and lwIP from Debian's source packages:
# make cross, make size, make test-m32.
CROSS_SRC_DIR := $(SRC_CACHE)
include boards/cross/cross.mk
# The unit suite on an emulated Cortex-M4: make qemu-test.
include boards/qemu-mps2-an386/qemu.mk
# The Cortex-M4 firmware that lists through QEMU's network (lwIP NO_SYS, LAN9118):
# make firmware, make firmware-test, make firmware-size.
include boards/qemu-mps2-an386/firmware.mk
# Benchmarks against the AWS CLI and boto3, instruction counts: make bench.
include tests/bench/bench.mk
# The example programs: make examples (build/examples/).
include examples/examples.mk
# make install / make uninstall (PREFIX, DESTDIR): headers, library, tinyaws.pc, CLI.
include install.mk

$(BUILD)/sigv4_tool: $(BUILD)/obj/tests/sigv4_diff/sigv4_tool.o $(LIB) $(MBEDTLS_READY)
	$(CC) $(CFLAGS) $(filter %.o %.a,$^) $(MBEDTLS_LIBS) -o $@

$(BUILD)/taws_fetch: $(BUILD)/obj/tests/tls/fetch_tool.o $(LIB) $(MBEDTLS_READY)
	$(CC) $(CFLAGS) $< $(LIB) $(MBEDTLS_LIBS) -o $@

# The TLS context without a server: fail-closed CA loading, verification switch, the PEM reader
# against damaged bundles (tests/tls/tls_unit.c); three certificates of the system bundle.
TLS_UNIT_BUNDLE := /etc/ssl/certs/ca-certificates.crt
$(BUILD)/tls_unit: $(BUILD)/obj/tests/tls/tls_unit.o $(LIB) $(MBEDTLS_READY)
	$(CC) $(CFLAGS) $< $(LIB) $(MBEDTLS_LIBS) -o $@

# Objects the included fragments compile with their own rules see mbedTLS's headers too.
$(LWIP_OBJ) $(BUILD)/obj/tests/lwip/test_port_lwip.o $(FUZZ_OBJ) \
    $(addprefix $(BENCH_DIR)/,bench_sigv4.o bench_page.o bench_pager.o replay_port.o): | $(MBEDTLS_READY)

$(BUILD)/taws_resolve: $(BUILD)/obj/tests/endpoints/resolve_tool.o $(LIB) $(MBEDTLS_READY)
	$(CC) $(CFLAGS) $< $(LIB) $(MBEDTLS_LIBS) -o $@

# Credentials providers end to end through the public API (tests/cred/).
$(BUILD)/cred_list: $(BUILD)/obj/tests/cred/cred_list.o $(LIB) $(MBEDTLS_READY)
	$(CC) $(CFLAGS) $< $(LIB) $(MBEDTLS_LIBS) -o $@
