# SPDX-License-Identifier: MIT
# boards/host/mbedtls.mk: mbedTLS 3.6 for the host, static, with the host configuration.
#
#   make -f boards/host/mbedtls.mk SRC=<mbedTLS tree> OUT=<dir> [CC='gcc -m32'] [Q=@]
#
# builds OUT/libmbedtls.a, OUT/libmbedx509.a and OUT/libmbedcrypto.a from SRC/library/*.c
# (modules the configuration leaves out compile to nothing). The top-level Makefile runs it
# for build/mbedtls-3.6 (the default mbedTLS of the library, the CLI and the tests) and
# boards/cross/cross.mk for the i386 unit run. A separate make, so that the file list is taken
# after boards/cross/fetch_sources.sh has extracted the source. Objects are kept: a second
# run rebuilds only what changed (the configuration files are prerequisites of every object).

SRC ?= build/cross/src/mbedtls3
OUT ?= build/mbedtls-3.6
CC  ?= cc
Q   ?= @
CFG := boards/host/tinyaws_mbedtls_host_config.h boards/common/tinyaws_mbedtls_config.h
MBEDTLS_HOST_CPPFLAGS := -isystem $(SRC)/include -Iboards/host -Iboards/common \
                         -DMBEDTLS_CONFIG_FILE='"tinyaws_mbedtls_host_config.h"'
CFLAGS := -O2 -g -Wall -Wextra -Werror -I$(SRC)/library $(MBEDTLS_HOST_CPPFLAGS)

ALL    := $(notdir $(wildcard $(SRC)/library/*.c))
TLS    := $(filter debug.c mps_%.c net_sockets.c ssl_%.c,$(ALL))
X509   := $(filter pkcs7.c x509%.c,$(ALL))
CRYPTO := $(filter-out $(TLS) $(X509),$(ALL))
LIBS   := $(OUT)/libmbedtls.a $(OUT)/libmbedx509.a $(OUT)/libmbedcrypto.a

ifeq ($(ALL),)
$(error $(SRC)/library holds no source: run boards/cross/fetch_sources.sh first)
endif

all: $(LIBS)

$(OUT)/obj/%.o: $(SRC)/library/%.c $(CFG) $(SRC)/.tinyaws-extracted
	@mkdir -p $(@D)
	$(Q)$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(OUT)/libmbedtls.a: $(TLS:%.c=$(OUT)/obj/%.o)
$(OUT)/libmbedx509.a: $(X509:%.c=$(OUT)/obj/%.o)
$(OUT)/libmbedcrypto.a: $(CRYPTO:%.c=$(OUT)/obj/%.o)
$(LIBS):
	@rm -f $@
	$(Q)$(AR) rcs $@ $^

-include $(wildcard $(OUT)/obj/*.d)
