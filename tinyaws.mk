# SPDX-License-Identifier: MIT
# tinyaws's source files, named once: the Makefile, boards/cross/cross.mk, tests/fuzz/fuzz.mk
# and the firmware's makefiles use these lists; tinyawsFilePaths.cmake names the same files for
# CMake (ESP-IDF, Pico SDK). Lists, not globs: a file left out of a list is a failing
# `make test` stage (tests/check_file_lists.sh), not a silent omission.
#
# Paths are relative to the repository's top, which is $(TINYAWS_ROOT). A makefile elsewhere:
#
#   include path/to/tinyaws/tinyaws.mk
#   SRCS += $(addprefix $(TINYAWS_ROOT)/,$(TINYAWS_CORE_SRC) $(TINYAWS_PORT_LWIP_SRC))
#   CPPFLAGS += $(addprefix -I$(TINYAWS_ROOT)/,$(TINYAWS_INCLUDE_PUBLIC_DIRS))
#
# What may depend on what: src/README.md, port/README.md, include/README.md.

TINYAWS_ROOT := $(patsubst %/,%,$(dir $(lastword $(MAKEFILE_LIST))))

# The public headers' folder (include/tinyaws/*.h, included as <tinyaws/...>).
TINYAWS_INCLUDE_PUBLIC_DIRS := include

# The library core: everything a device links besides a port (no OS, no heap).
TINYAWS_CORE_SRC := \
    src/client.c \
    src/conn.c \
    src/cred.c \
    src/cred_container.c \
    src/cred_http.c \
    src/cred_imds.c \
    src/cred_iot.c \
    src/cred_json.c \
    src/cred_static.c \
    src/crypto.c \
    src/endpoint.c \
    src/endpoint_rules.c \
    src/endpoint_rules_tables.gen.c \
    src/http_request.c \
    src/http_response.c \
    src/ini.c \
    src/jsmn.c \
    src/json_decode.c \
    src/json_stream.c \
    src/json_string.c \
    src/ops_tables.gen.c \
    src/pager.c \
    src/params.c \
    src/resume_token.c \
    src/retry.c \
    src/sigv4.c \
    src/sink.c \
    src/status.c \
    src/timeutil.c \
    src/tls.c \
    src/tls_ca.c \
    src/uri.c \
    src/utf8.c \
    src/version.c

# The ports, one list each (include/tinyaws/port_*.h): BSD sockets and POSIX clocks; lwIP's
# socket API (NO_SYS=0); lwIP's raw callback API (NO_SYS=1, bare metal).
TINYAWS_PORT_POSIX_SRC    := port/posix/port_posix.c
TINYAWS_PORT_LWIP_SRC     := port/lwip/port_lwip.c
TINYAWS_PORT_LWIP_RAW_SRC := port/lwip-raw/port_lwip_raw.c

# The `tinyaws` CLI (an application of the library): the front end, and its POSIX entry point
# and port glue, which other hosts (tests/lwip, tests/fuzz) replace.
TINYAWS_CLI_CORE_SRC := \
    src/cli/args.c \
    src/cli/cli_main.c \
    src/cli/cli_time.c \
    src/cli/globals.c \
    src/cli/help.c \
    src/cli/help_tables.gen.c \
    src/cli/output.c \
    src/cli/output_text.c \
    src/cli/paramfile.c \
    src/cli/profile.c \
    src/cli/providers.c \
    src/cli/report.c \
    src/cli/resolve.c \
    src/cli/shorthand.c \
    src/cli/skeletons.gen.c \
    src/cli/suggest.c \
    src/cli/utf8.c \
    src/cli/value.c
TINYAWS_CLI_POSIX_SRC := \
    src/cli/cli_port_posix.c \
    src/cli/main.c
TINYAWS_CLI_SRC := $(TINYAWS_CLI_CORE_SRC) $(TINYAWS_CLI_POSIX_SRC)

# The device side of examples/iot_device (AWS IoT credentials, then a listing): portable, no
# OS; the host example and the boards (boards/pico-w, boards/esp-idf) compile the same file.
TINYAWS_EXAMPLE_IOT_DEVICE_SRC := examples/iot_device/device.c
