# SPDX-License-Identifier: MIT
# tinyaws's source files for CMake (coreHTTP's httpFilePaths.cmake idea): the same lists as
# tinyaws.mk, which the makefiles use; tests/check_file_lists.sh fails when the two disagree,
# when a listed file is missing, or when a .c under src/ or port/ is in no list.
#
#   include(path/to/tinyaws/tinyawsFilePaths.cmake)
#   add_library(tinyaws STATIC ${TINYAWS_CORE_SOURCES} ${TINYAWS_PORT_LWIP_SOURCES})
#   target_include_directories(tinyaws PUBLIC ${TINYAWS_INCLUDE_PUBLIC_DIRS})
#
# Paths are absolute (below TINYAWS_ROOT_DIR, this file's folder). What may depend on what:
# src/README.md, port/README.md, include/README.md.

set(TINYAWS_ROOT_DIR ${CMAKE_CURRENT_LIST_DIR})

# The public headers' folder (include/tinyaws/*.h, included as <tinyaws/...>).
set(TINYAWS_INCLUDE_PUBLIC_DIRS
    ${TINYAWS_ROOT_DIR}/include)

# The library core: everything a device links besides a port (no OS, no heap).
set(TINYAWS_CORE_SOURCES
    ${TINYAWS_ROOT_DIR}/src/client.c
    ${TINYAWS_ROOT_DIR}/src/conn.c
    ${TINYAWS_ROOT_DIR}/src/cred.c
    ${TINYAWS_ROOT_DIR}/src/cred_container.c
    ${TINYAWS_ROOT_DIR}/src/cred_http.c
    ${TINYAWS_ROOT_DIR}/src/cred_imds.c
    ${TINYAWS_ROOT_DIR}/src/cred_iot.c
    ${TINYAWS_ROOT_DIR}/src/cred_json.c
    ${TINYAWS_ROOT_DIR}/src/cred_static.c
    ${TINYAWS_ROOT_DIR}/src/crypto.c
    ${TINYAWS_ROOT_DIR}/src/endpoint.c
    ${TINYAWS_ROOT_DIR}/src/endpoint_rules.c
    ${TINYAWS_ROOT_DIR}/src/endpoint_rules_tables.gen.c
    ${TINYAWS_ROOT_DIR}/src/http_request.c
    ${TINYAWS_ROOT_DIR}/src/http_response.c
    ${TINYAWS_ROOT_DIR}/src/ini.c
    ${TINYAWS_ROOT_DIR}/src/jsmn.c
    ${TINYAWS_ROOT_DIR}/src/json_decode.c
    ${TINYAWS_ROOT_DIR}/src/json_stream.c
    ${TINYAWS_ROOT_DIR}/src/json_string.c
    ${TINYAWS_ROOT_DIR}/src/ops_tables.gen.c
    ${TINYAWS_ROOT_DIR}/src/pager.c
    ${TINYAWS_ROOT_DIR}/src/params.c
    ${TINYAWS_ROOT_DIR}/src/resume_token.c
    ${TINYAWS_ROOT_DIR}/src/retry.c
    ${TINYAWS_ROOT_DIR}/src/sigv4.c
    ${TINYAWS_ROOT_DIR}/src/sink.c
    ${TINYAWS_ROOT_DIR}/src/status.c
    ${TINYAWS_ROOT_DIR}/src/timeutil.c
    ${TINYAWS_ROOT_DIR}/src/tls.c
    ${TINYAWS_ROOT_DIR}/src/tls_ca.c
    ${TINYAWS_ROOT_DIR}/src/uri.c
    ${TINYAWS_ROOT_DIR}/src/utf8.c
    ${TINYAWS_ROOT_DIR}/src/version.c)

# The ports, one list each (include/tinyaws/port_*.h): BSD sockets and POSIX clocks; lwIP's
# socket API (NO_SYS=0); lwIP's raw callback API (NO_SYS=1, bare metal).
set(TINYAWS_PORT_POSIX_SOURCES
    ${TINYAWS_ROOT_DIR}/port/posix/port_posix.c)
set(TINYAWS_PORT_LWIP_SOURCES
    ${TINYAWS_ROOT_DIR}/port/lwip/port_lwip.c)
set(TINYAWS_PORT_LWIP_RAW_SOURCES
    ${TINYAWS_ROOT_DIR}/port/lwip-raw/port_lwip_raw.c)

# The `tinyaws` CLI (an application of the library): the front end, and its POSIX entry point
# and port glue, which other hosts replace.
set(TINYAWS_CLI_CORE_SOURCES
    ${TINYAWS_ROOT_DIR}/src/cli/args.c
    ${TINYAWS_ROOT_DIR}/src/cli/cli_main.c
    ${TINYAWS_ROOT_DIR}/src/cli/cli_time.c
    ${TINYAWS_ROOT_DIR}/src/cli/globals.c
    ${TINYAWS_ROOT_DIR}/src/cli/help.c
    ${TINYAWS_ROOT_DIR}/src/cli/help_tables.gen.c
    ${TINYAWS_ROOT_DIR}/src/cli/output.c
    ${TINYAWS_ROOT_DIR}/src/cli/output_text.c
    ${TINYAWS_ROOT_DIR}/src/cli/paramfile.c
    ${TINYAWS_ROOT_DIR}/src/cli/profile.c
    ${TINYAWS_ROOT_DIR}/src/cli/providers.c
    ${TINYAWS_ROOT_DIR}/src/cli/report.c
    ${TINYAWS_ROOT_DIR}/src/cli/resolve.c
    ${TINYAWS_ROOT_DIR}/src/cli/shorthand.c
    ${TINYAWS_ROOT_DIR}/src/cli/skeletons.gen.c
    ${TINYAWS_ROOT_DIR}/src/cli/suggest.c
    ${TINYAWS_ROOT_DIR}/src/cli/utf8.c
    ${TINYAWS_ROOT_DIR}/src/cli/value.c)
set(TINYAWS_CLI_POSIX_SOURCES
    ${TINYAWS_ROOT_DIR}/src/cli/cli_port_posix.c
    ${TINYAWS_ROOT_DIR}/src/cli/main.c)
set(TINYAWS_CLI_SOURCES ${TINYAWS_CLI_CORE_SOURCES} ${TINYAWS_CLI_POSIX_SOURCES})

# The device side of examples/iot_device (AWS IoT credentials, then a listing): portable, no
# OS; the host example and the boards (boards/pico-w, boards/esp-idf) compile the same file.
set(TINYAWS_EXAMPLE_IOT_DEVICE_SOURCES
    ${TINYAWS_ROOT_DIR}/examples/iot_device/device.c)
set(TINYAWS_EXAMPLE_IOT_DEVICE_DIR ${TINYAWS_ROOT_DIR}/examples/iot_device)
