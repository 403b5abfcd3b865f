# SPDX-License-Identifier: MIT
# boards/cross/cross.mk: cross builds, size and stack figures, and the -m32 unit run.
#
# Included by the top-level Makefile, which defines BUILD, PY, SHARED, TAWS_INC and includes
# tinyaws.mk (TINYAWS_CORE_SRC, TINYAWS_PORT_*_SRC)
# (-Iinclude) and WARN. Targets:
#
#   make cross      libtinyaws.a, libmbed{crypto,x509,tls}.a and liblwip.a for Cortex-M4 and
#                   RV32IMAC under build/cross/<variant>/ (-Werror), against mbedTLS 3.6 (the
#                   default: <variant> = cortex-m4, rv32imac) and 2.28 (cortex-m4-mbedtls2,
#                   rv32imac-mbedtls2); a link check per variant (a listing program linked
#                   whole, no malloc anywhere) and an lwIP link check per target
#   make size       flash, stack and RAM of tinyaws on Cortex-M4 as a markdown table, for
#                   mbedTLS 2.28, 3.6 TLS 1.2 only and 3.6 with TLS 1.3, RSA and EC chains
#   make test-m32   the host unit suite built with -m32 (i386) against mbedTLS 3.6 built from
#                   Debian's source (the host configuration); last line "N passed, M failed"
#   make cross-deps installs the cross toolchains and C libraries when missing
#
# mbedTLS and lwIP come from Debian's source packages (boards/cross/fetch_sources.sh, into
# build/cross/src, never into the repo), built with boards/common/tinyaws_mbedtls_config.h and
# boards/common/lwip/lwipopts.h.
#
# For other board builds (e.g. QEMU, firmware) this file defines:
#   MBEDTLS_SRC_DIR         bookworm's mbedTLS 2.28 source tree (build/cross/src/mbedtls)
#   MBEDTLS3_SRC_DIR        trixie's mbedTLS 3.6 source tree (build/cross/src/mbedtls3)
#   CROSS_MBEDTLS_SRC_DIR   the tree the CROSS_M4_* libraries are built from (MBEDTLS3_SRC_DIR)
#   LWIP_SRC_DIR            the extracted lwIP 2.1.3 source tree (build/cross/src/lwip)
#   LWIP22_SRC_DIR          Debian trixie's lwIP 2.2.1 source tree (build/cross/src/lwip22)
#   CROSS_MBEDTLS_CPPFLAGS  -isystem <mbedTLS 3.6 include> -Iboards/common -DMBEDTLS_CONFIG_FILE=...
#   CROSS_JSMN_CPPFLAGS     -isystem build/cross/include (jsmn.h alone, copied at build time)
#   CROSS_M4_ARCH           -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16
#   CROSS_M4_MBEDCRYPTO     build/cross/cortex-m4/libmbedcrypto.a (mbedTLS 3.6, TLS 1.2 + 1.3;
#                           a rule builds it)
#   CROSS_M4_MBEDX509, CROSS_M4_MBEDTLS, CROSS_M4_LIBTINYAWS   likewise
#
# Everything that needs the fetched sources runs in a sub-make (CROSS_INNER=1), so that file
# lists are taken after the sources exist and `make test` never fetches anything.

CROSS_SAVED_GOAL := $(.DEFAULT_GOAL)
CROSS_TOP        := $(firstword $(MAKEFILE_LIST))
CROSS_DIR        := $(BUILD)/cross
CROSS_SRC_DIR    ?= $(CROSS_DIR)/src
MBEDTLS_SRC_DIR  := $(CROSS_SRC_DIR)/mbedtls
LWIP_SRC_DIR     := $(CROSS_SRC_DIR)/lwip
# Debian trixie's mbedTLS 3.6 LTS and lwIP 2.2.1 (fetched beside the bookworm trees).
MBEDTLS3_SRC_DIR := $(CROSS_SRC_DIR)/mbedtls3
LWIP22_SRC_DIR   := $(CROSS_SRC_DIR)/lwip22
CROSS_MBEDTLS_SRC_DIR  := $(MBEDTLS3_SRC_DIR)
CROSS_MBEDTLS_CONFIG   := boards/common/tinyaws_mbedtls_config.h
CROSS_MBEDTLS_PLATFORM := boards/common/tinyaws_mbedtls_platform.c
# Touched by fetch_sources.sh at extraction: a new source version rebuilds every object even
# though the tarball's files carry older times.
CROSS_MBEDTLS_STAMP    := $(MBEDTLS_SRC_DIR)/.tinyaws-extracted
CROSS_MBEDTLS3_STAMP   := $(MBEDTLS3_SRC_DIR)/.tinyaws-extracted
CROSS_LWIP_STAMP       := $(LWIP_SRC_DIR)/.tinyaws-extracted
CROSS_MBEDTLS_CPPFLAGS := -isystem $(MBEDTLS3_SRC_DIR)/include -Iboards/common \
                          -DMBEDTLS_CONFIG_FILE='"tinyaws_mbedtls_config.h"'
CROSS_JSMN_CPPFLAGS    := -isystem $(CROSS_DIR)/include
CROSS_LWIP_CPPFLAGS    := -Iboards/common/lwip -isystem $(LWIP_SRC_DIR)/src/include
CROSS_M4_ARCH          := -mcpu=cortex-m4 -mthumb -mfloat-abi=hard -mfpu=fpv4-sp-d16
CROSS_M4_MBEDCRYPTO    := $(CROSS_DIR)/cortex-m4/libmbedcrypto.a
CROSS_M4_MBEDX509      := $(CROSS_DIR)/cortex-m4/libmbedx509.a
CROSS_M4_MBEDTLS       := $(CROSS_DIR)/cortex-m4/libmbedtls.a
CROSS_M4_LIBTINYAWS    := $(CROSS_DIR)/cortex-m4/libtinyaws.a
export MBEDTLS_SRC_DIR LWIP_SRC_DIR MBEDTLS3_SRC_DIR LWIP22_SRC_DIR CROSS_M4_MBEDCRYPTO

CROSS_DEPS := gcc-arm-none-eabi binutils-arm-none-eabi libnewlib-arm-none-eabi \
              gcc-riscv64-unknown-elf picolibc-riscv64-unknown-elf gcc-multilib libjsmn-dev \
              dpkg-dev valgrind python3-botocore python3-cryptography python3

# The sub-make runs in parallel on every core unless the caller chose -j already.
CROSS_JOBS := $(shell nproc 2>/dev/null || echo 2)
CROSS_SUBMAKE = $(MAKE) --no-print-directory -f $(CROSS_TOP) CROSS_INNER=1 \
                $(if $(filter -j%,$(MAKEFLAGS)),,-j$(CROSS_JOBS))

.PHONY: cross size test-m32 cross-fetch cross-deps

cross-deps:
	@missing=$$(for p in $(CROSS_DEPS); do \
	    dpkg-query -W -f='$${db:Status-Abbrev}\n' $$p 2>/dev/null | grep -q '^ii' || printf '%s ' $$p; \
	  done); \
	if [ -n "$$missing" ]; then \
	  echo "cross-deps: installing $$missing"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# Only when missing: the private apt configuration, apt-get update and apt-get source.
cross-fetch: cross-deps
	@if [ ! -e $(MBEDTLS_SRC_DIR)/include/mbedtls/version.h ] || \
	    [ ! -e $(LWIP_SRC_DIR)/src/include/lwip/init.h ] || \
	    [ ! -e $(MBEDTLS3_SRC_DIR)/include/mbedtls/version.h ] || \
	    [ ! -e $(LWIP22_SRC_DIR)/src/include/lwip/init.h ]; then \
	  bash boards/cross/fetch_sources.sh $(CROSS_SRC_DIR); fi

ifneq ($(CROSS_INNER),1)

cross: cross-fetch
	@+$(CROSS_SUBMAKE) cross-inner
# After cross, never beside it: two sub-makes must not build the same files at once (make -j).
size: cross
	@+$(CROSS_SUBMAKE) size-inner
test-m32: cross-fetch
	@+$(CROSS_SUBMAKE) test-m32-inner

# For the owner's board builds: exist-only prerequisites, built by the sub-make.
$(CROSS_M4_MBEDCRYPTO) $(CROSS_M4_MBEDX509) $(CROSS_M4_MBEDTLS) $(CROSS_M4_LIBTINYAWS): \
    $(CROSS_MBEDTLS_CONFIG) | cross-fetch
	@+$(CROSS_SUBMAKE) $@

else # ---------------------------------------------------------------- the sub-make ---

# Progress lines unless V=1 (full commands) or make -s (nothing).
CROSS_Q   := $(if $(V),,@)
CROSS_MSG  = $(if $(V)$(CROSS_SILENT),@true,@printf '  %-8s %s\n')
CROSS_SILENT = $(findstring s,$(firstword -$(MAKEFLAGS)))
CROSS_SAY  = $(if $(CROSS_SILENT),@true,@echo)

# ---- Targets and variants -------------------------------------------------------------
# A variant is a target architecture and an mbedTLS build for it. make cross builds the
# first four (both architectures against both mbedTLS versions), make size also the fifth.
#   cortex-m4, rv32imac                    mbedTLS 3.6, TLS 1.2 + 1.3 (the default)
#   cortex-m4-mbedtls2, rv32imac-mbedtls2  mbedTLS 2.28 (bookworm), TLS 1.2
#   cortex-m4-tls12                        mbedTLS 3.6, TLS 1.2 only (TINYAWS_MBEDTLS_TLS13=0)
CROSS_ARCHS      := cortex-m4 rv32imac
CROSS_TARGETS    := cortex-m4 rv32imac cortex-m4-mbedtls2 rv32imac-mbedtls2
CROSS_VARIANTS   := $(CROSS_TARGETS) cortex-m4-tls12
CROSS_M4_VARIANTS := cortex-m4-mbedtls2 cortex-m4-tls12 cortex-m4
CROSS_ARCHOF_cortex-m4          := cortex-m4
CROSS_ARCHOF_rv32imac           := rv32imac
CROSS_ARCHOF_cortex-m4-mbedtls2 := cortex-m4
CROSS_ARCHOF_rv32imac-mbedtls2  := rv32imac
CROSS_ARCHOF_cortex-m4-tls12    := cortex-m4
CROSS_MBEDOF_cortex-m4          := 3
CROSS_MBEDOF_rv32imac           := 3
CROSS_MBEDOF_cortex-m4-mbedtls2 := 2
CROSS_MBEDOF_rv32imac-mbedtls2  := 2
CROSS_MBEDOF_cortex-m4-tls12    := 3
CROSS_MBEDDEF_cortex-m4-tls12   := -DTINYAWS_MBEDTLS_TLS13=0
# mbedTLS per major version: the source tree and its extraction stamp.
CROSS_MBEDSRC_2   := $(MBEDTLS_SRC_DIR)
CROSS_MBEDSRC_3   := $(MBEDTLS3_SRC_DIR)
CROSS_MBEDSTAMP_2 := $(CROSS_MBEDTLS_STAMP)
CROSS_MBEDSTAMP_3 := $(CROSS_MBEDTLS3_STAMP)
# What each variant is, in words (make size).
CROSS_DESC_cortex-m4-mbedtls2 := mbedTLS 2.28, TLS 1.2
CROSS_DESC_cortex-m4-tls12    := mbedTLS 3.6, TLS 1.2 only
CROSS_DESC_cortex-m4          := mbedTLS 3.6, TLS 1.2 + 1.3

# A device build: no AWS CLI option names and no status enum names (config.h), which only a
# host's CLI and tests print; everything else is the default configuration.
CROSS_OPT     := -Os -DNDEBUG -ffunction-sections -fdata-sections -DTAWS_CLI_NAMES=0 -DTAWS_STATUS_NAMES=0
CROSS_CC_cortex-m4   := arm-none-eabi-gcc
CROSS_AR_cortex-m4   := arm-none-eabi-ar
CROSS_NM_cortex-m4   := arm-none-eabi-nm
CROSS_ARCH_cortex-m4 := $(CROSS_M4_ARCH)
CROSS_CC_rv32imac    := riscv64-unknown-elf-gcc
CROSS_AR_rv32imac    := riscv64-unknown-elf-ar
CROSS_NM_rv32imac    := riscv64-unknown-elf-nm
CROSS_ARCH_rv32imac  := -march=rv32imac -mabi=ilp32 --specs=picolibc.specs
# For the relocatable lwIP link: the machine flags without a C library's specs/linker script.
CROSS_MACH_cortex-m4 := $(CROSS_M4_ARCH)
CROSS_MACH_rv32imac  := -march=rv32imac -mabi=ilp32
# Stack usage and call graph of tinyaws (GCC >= 10): .su and .ci files next to the objects.
CROSS_SU_cortex-m4   := -fstack-usage -fcallgraph-info=su
# The link check: Cortex-M4 with newlib-nano and nosys; RV32 with picolibc (semihosting for
# _exit; flash and RAM placed by --defsym, picolibc.ld's defaults are too small for TLS).
CROSS_LD_cortex-m4 := arm-none-eabi-gcc $(CROSS_M4_ARCH) -Os --specs=nano.specs --specs=nosys.specs
CROSS_LD_rv32imac  := riscv64-unknown-elf-gcc $(CROSS_ARCH_rv32imac) --oslib=semihost -Os \
    -Wl,--defsym=__flash=0x20000000 -Wl,--defsym=__flash_size=0x100000 \
    -Wl,--defsym=__ram=0x80000000 -Wl,--defsym=__ram_size=0x40000

# tinyaws: the library core (not the CLI, not the POSIX port) and the lwIP port.
CROSS_LIB_SRC  := $(TINYAWS_CORE_SRC)
CROSS_LWIP_PORT_SRC := $(TINYAWS_PORT_LWIP_SRC)
CROSS_JSMN     := $(CROSS_DIR)/include/jsmn.h

# mbedTLS: every library file (disabled modules compile to nothing), split as its Makefile
# (2.28: certs.c, pkcs11.c in x509; 3.6: pkcs7.c in x509, mps_*.c in tls).
CROSS_MBED_ALL_2 := $(notdir $(wildcard $(MBEDTLS_SRC_DIR)/library/*.c))
CROSS_MBED_ALL_3 := $(notdir $(wildcard $(MBEDTLS3_SRC_DIR)/library/*.c))
CROSS_MBED_TLS_PAT  := debug.c mps_%.c net_sockets.c ssl_%.c
CROSS_MBED_X509_PAT := certs.c pkcs11.c pkcs7.c x509%.c
define CROSS_MBED_SPLIT
CROSS_MBED_TLS_$(1)    := $$(filter $(CROSS_MBED_TLS_PAT),$$(CROSS_MBED_ALL_$(1)))
CROSS_MBED_X509_$(1)   := $$(filter $(CROSS_MBED_X509_PAT),$$(CROSS_MBED_ALL_$(1)))
CROSS_MBED_CRYPTO_$(1) := $$(filter-out $$(CROSS_MBED_TLS_$(1)) $$(CROSS_MBED_X509_$(1)),$$(CROSS_MBED_ALL_$(1)))
endef
$(foreach m,2 3,$(eval $(call CROSS_MBED_SPLIT,$(m))))

# lwIP core, sequential and socket API, IPv4/IPv6 (compiled out when off), Ethernet/ARP.
CROSS_LWIP_SRC := $(patsubst $(LWIP_SRC_DIR)/src/%,%,$(wildcard \
    $(LWIP_SRC_DIR)/src/core/*.c $(LWIP_SRC_DIR)/src/core/ipv4/*.c \
    $(LWIP_SRC_DIR)/src/core/ipv6/*.c $(LWIP_SRC_DIR)/src/api/*.c) \
    $(LWIP_SRC_DIR)/src/netif/ethernet.c)
CROSS_LWIP_OPTS := boards/common/lwip/lwipopts.h boards/common/lwip/arch/cc.h \
                   boards/common/lwip/arch/sys_arch.h

# What the lwIP core and port/lwip may leave undefined: the RTOS's sys_arch.c, the board's
# random source and assert hook, and the C library. Anything else fails the lwIP link check.
CROSS_LWIP_ALLOWED_UNDEF := sys_init sys_now sys_msleep sys_arch_protect sys_arch_unprotect \
    sys_sem_new sys_sem_free sys_sem_signal sys_arch_sem_wait sys_mutex_new sys_mutex_free \
    sys_mutex_lock sys_mutex_unlock sys_mbox_new sys_mbox_free sys_mbox_post sys_mbox_trypost \
    sys_mbox_trypost_fromisr sys_arch_mbox_fetch sys_arch_mbox_tryfetch sys_thread_new \
    tinyaws_board_rand tinyaws_board_lwip_assert \
    _ctype_ __ctype_ptr__ __locale_ctype_ptr __errno errno \
    memcpy memmove memset memcmp strlen strncmp strncpy strcmp strchr atoi \
    __aeabi_uldivmod __aeabi_ldivmod __aeabi_uidiv __aeabi_idiv __aeabi_uidivmod \
    __aeabi_idivmod __aeabi_memcpy __aeabi_memset __aeabi_memclr __aeabi_lmul \
    __divdi3 __udivdi3 __moddi3 __umoddi3 __mulsi3 __ashldi3 __lshrdi3

# $(call CROSS_OBJLIST,file,objects): rewrites file when the object list changes, so that an
# archive depending on it is rebuilt when a source file disappears.
CROSS_OBJLIST = $(shell mkdir -p $(dir $(1)) && { printf '%s\n' $(2) | cmp -s - $(1) || \
                  printf '%s\n' $(2) > $(1); })$(1)

# $(call CROSS_VARIANT_RULES,variant): tinyaws, mbedTLS and the link check for one variant.
define CROSS_VARIANT_RULES
CROSS_$(1)_A        := $$(CROSS_ARCHOF_$(1))
CROSS_$(1)_M        := $$(CROSS_MBEDOF_$(1))
CROSS_$(1)_MSRC     := $$(CROSS_MBEDSRC_$$(CROSS_$(1)_M))
CROSS_$(1)_MSTAMP   := $$(CROSS_MBEDSTAMP_$$(CROSS_$(1)_M))
CROSS_$(1)_MBEDFLAGS := -isystem $$(CROSS_$(1)_MSRC)/include -Iboards/common \
                        -DMBEDTLS_CONFIG_FILE='"tinyaws_mbedtls_config.h"' $$(CROSS_MBEDDEF_$(1))
CROSS_$(1)_LIB_OBJ  := $$(CROSS_LIB_SRC:%.c=$(CROSS_DIR)/$(1)/obj/%.o)
CROSS_$(1)_PORT_OBJ := $$(CROSS_LWIP_PORT_SRC:%.c=$(CROSS_DIR)/$(1)/obj/%.o)
CROSS_$(1)_MBED_CRYPTO_OBJ := $$(CROSS_MBED_CRYPTO_$$(CROSS_$(1)_M):%.c=$(CROSS_DIR)/$(1)/mbedtls/%.o) \
                              $(CROSS_DIR)/$(1)/mbedtls/tinyaws_mbedtls_platform.o
CROSS_$(1)_MBED_X509_OBJ   := $$(CROSS_MBED_X509_$$(CROSS_$(1)_M):%.c=$(CROSS_DIR)/$(1)/mbedtls/%.o)
CROSS_$(1)_MBED_TLS_OBJ    := $$(CROSS_MBED_TLS_$$(CROSS_$(1)_M):%.c=$(CROSS_DIR)/$(1)/mbedtls/%.o)
CROSS_$(1)_MBED     := $(CROSS_DIR)/$(1)/libmbedtls.a $(CROSS_DIR)/$(1)/libmbedx509.a \
                       $(CROSS_DIR)/$(1)/libmbedcrypto.a
CROSS_$(1)_LIBS     := $(CROSS_DIR)/$(1)/libtinyaws.a $$(CROSS_$(1)_MBED)
CROSS_$(1)_CC := $$(CROSS_CC_$$(CROSS_$(1)_A)) $$(CROSS_ARCH_$$(CROSS_$(1)_A)) $$(CROSS_OPT)
CROSS_$(1)_ELF := $(CROSS_DIR)/$(1)/link_check.elf
CROSS_$(1)_CORE_LIB := $(CROSS_DIR)/$(1)/libtinyaws-core.a

# tinyaws, with the project's warnings and -Werror.
# (mbedTLS and jsmn are -isystem, which -MMD does not track: hence the stamp and jsmn.h.)
$(CROSS_DIR)/$(1)/obj/src/%.o: src/%.c $(CROSS_MBEDTLS_CONFIG) $$(CROSS_$(1)_MSTAMP) $(CROSS_JSMN)
	@mkdir -p $$(@D)
	$$(CROSS_MSG) "CC $(1)" $$<
	$(CROSS_Q)$$(CROSS_$(1)_CC) -std=c99 $$(WARN) $$(TAWS_INC) $$(CROSS_JSMN_CPPFLAGS) \
	  $$(CROSS_$(1)_MBEDFLAGS) $$(CROSS_SU_$$(CROSS_$(1)_A)) -MMD -MP -c $$< -o $$@
$(CROSS_DIR)/$(1)/obj/port/lwip/%.o: port/lwip/%.c $(CROSS_LWIP_OPTS) $(CROSS_LWIP_STAMP)
	@mkdir -p $$(@D)
	$$(CROSS_MSG) "CC $(1)" $$<
	$(CROSS_Q)$$(CROSS_$(1)_CC) -std=c99 $$(WARN) $$(TAWS_INC) $$(CROSS_LWIP_CPPFLAGS) \
	  $$(CROSS_SU_$$(CROSS_$(1)_A)) -MMD -MP -c $$< -o $$@
$(CROSS_DIR)/$(1)/obj/boards/cross/%.o: boards/cross/%.c $(CROSS_MBEDTLS_CONFIG) $$(CROSS_$(1)_MSTAMP) $(CROSS_JSMN)
	@mkdir -p $$(@D)
	$$(CROSS_MSG) "CC $(1)" $$<
	$(CROSS_Q)$$(CROSS_$(1)_CC) -std=c99 $$(WARN) $$(TAWS_INC) $$(CROSS_JSMN_CPPFLAGS) \
	  $$(CROSS_$(1)_MBEDFLAGS) -MMD -MP -c $$< -o $$@
$(CROSS_DIR)/$(1)/libtinyaws.a: $$(CROSS_$(1)_LIB_OBJ) $$(CROSS_$(1)_PORT_OBJ) \
    $$(call CROSS_OBJLIST,$(CROSS_DIR)/$(1)/libtinyaws.objs,$$(CROSS_$(1)_LIB_OBJ) $$(CROSS_$(1)_PORT_OBJ))
	@rm -f $$@
	$(CROSS_Q)$$(CROSS_AR_$$(CROSS_$(1)_A)) rcs $$@ $$(filter %.o,$$^)
# The link check links the core library only (no port: the stub is in link_check.c).
$$(CROSS_$(1)_CORE_LIB): $$(CROSS_$(1)_LIB_OBJ) \
    $$(call CROSS_OBJLIST,$(CROSS_DIR)/$(1)/libtinyaws-core.objs,$$(CROSS_$(1)_LIB_OBJ))
	@rm -f $$@
	$(CROSS_Q)$$(CROSS_AR_$$(CROSS_$(1)_A)) rcs $$@ $$(filter %.o,$$^)

# mbedTLS from Debian's source with the boards configuration.
$(CROSS_DIR)/$(1)/mbedtls/%.o: $$(CROSS_$(1)_MSRC)/library/%.c $(CROSS_MBEDTLS_CONFIG) $$(CROSS_$(1)_MSTAMP)
	@mkdir -p $$(@D)
	$(CROSS_Q)$$(CROSS_$(1)_CC) -Wall -Wextra -Werror -I$$(CROSS_$(1)_MSRC)/library \
	  $$(CROSS_$(1)_MBEDFLAGS) -MMD -MP -c $$< -o $$@
$(CROSS_DIR)/$(1)/mbedtls/tinyaws_mbedtls_platform.o: $(CROSS_MBEDTLS_PLATFORM) $(CROSS_MBEDTLS_CONFIG)
	@mkdir -p $$(@D)
	$$(CROSS_MSG) "CC $(1)" $$<
	$(CROSS_Q)$$(CROSS_$(1)_CC) -std=c99 $$(WARN) $$(CROSS_$(1)_MBEDFLAGS) -MMD -MP -c $$< -o $$@
$(CROSS_DIR)/$(1)/libmbedcrypto.a: $$(CROSS_$(1)_MBED_CRYPTO_OBJ)
$(CROSS_DIR)/$(1)/libmbedx509.a: $$(CROSS_$(1)_MBED_X509_OBJ)
$(CROSS_DIR)/$(1)/libmbedtls.a: $$(CROSS_$(1)_MBED_TLS_OBJ)
$$(CROSS_$(1)_MBED):
	$$(CROSS_MSG) "AR $(1)" "$$@ ($$(words $$^) mbedTLS objects)"
	@rm -f $$@
	$(CROSS_Q)$$(CROSS_AR_$$(CROSS_$(1)_A)) rcs $$@ $$^

# The link check: the listing program linked whole, with no undefined symbol
# (--fatal-warnings also catches a nosys "not implemented" stub).
$$(CROSS_$(1)_ELF): $(CROSS_DIR)/$(1)/obj/boards/cross/link_check.o $$(CROSS_$(1)_CORE_LIB) $$(CROSS_$(1)_MBED)
	$$(CROSS_MSG) "LD $(1)" $$@
	$(CROSS_Q)$$(CROSS_LD_$$(CROSS_$(1)_A)) -Wl,--gc-sections -Wl,--fatal-warnings \
	  -Wl,-Map=$(CROSS_DIR)/$(1)/link_check.map -o $$@ $$< $$(CROSS_$(1)_CORE_LIB) $$(CROSS_$(1)_MBED)
	@# No heap symbol may be referenced by a tinyaws object (nm -u on every member).
	$(CROSS_Q)heap=$$$$($$(CROSS_NM_$$(CROSS_$(1)_A)) -u -A $$(CROSS_$(1)_CORE_LIB) $$(CROSS_$(1)_PORT_OBJ) \
	  | grep -wE 'malloc|calloc|realloc|free|_malloc_r|_calloc_r|_realloc_r|_free_r' || true); \
	  if [ -n "$$$$heap" ]; then echo "link check: tinyaws references the heap:"; echo "$$$$heap"; exit 1; fi
	@# Nor may anything else in the image: tinyaws, mbedTLS on its pool, the C library.
	$(CROSS_Q)if $$(CROSS_NM_$$(CROSS_$(1)_A)) $$@ | grep -qwE 'malloc|_malloc_r|calloc|_calloc_r|realloc|_realloc_r'; then \
	  echo "link check ($(1)): the image contains the C library's malloc, pulled in by:"; \
	  grep -A1 -E '\((lib_a-)?(nano-)?m?alloc' $(CROSS_DIR)/$(1)/link_check.map | head -n 8; exit 1; fi
	$$(CROSS_SAY) "  link check: $$@ links with no undefined symbol; no malloc/calloc/realloc/free in tinyaws or in the image"
# The same program with the AWS IoT credentials provider (make size: what it adds).
CROSS_$(1)_IOT_ELF := $(CROSS_DIR)/$(1)/link_check_iot.elf
$(CROSS_DIR)/$(1)/obj/boards/cross/link_check_iot.o: boards/cross/link_check.c $(CROSS_MBEDTLS_CONFIG) $$(CROSS_$(1)_MSTAMP) $(CROSS_JSMN)
	@mkdir -p $$(@D)
	$(CROSS_Q)$$(CROSS_$(1)_CC) -std=c99 $$(WARN) $$(TAWS_INC) $$(CROSS_JSMN_CPPFLAGS) \
	  $$(CROSS_$(1)_MBEDFLAGS) -DLINK_CHECK_IOT -MMD -MP -c $$< -o $$@
$$(CROSS_$(1)_IOT_ELF): $(CROSS_DIR)/$(1)/obj/boards/cross/link_check_iot.o $$(CROSS_$(1)_CORE_LIB) $$(CROSS_$(1)_MBED)
	$(CROSS_Q)$$(CROSS_LD_$$(CROSS_$(1)_A)) -Wl,--gc-sections -Wl,--fatal-warnings \
	  -Wl,-Map=$(CROSS_DIR)/$(1)/link_check_iot.map -o $$@ $$< $$(CROSS_$(1)_CORE_LIB) $$(CROSS_$(1)_MBED)
endef
$(foreach v,$(CROSS_VARIANTS),$(eval $(call CROSS_VARIANT_RULES,$(v))))

# $(call CROSS_LWIP_RULES,arch): lwIP for one architecture (independent of mbedTLS).
define CROSS_LWIP_RULES
CROSS_$(1)_LWIP_OBJ := $$(CROSS_LWIP_SRC:%.c=$(CROSS_DIR)/$(1)/lwip/%.o)
$(CROSS_DIR)/$(1)/lwip/%.o: $(LWIP_SRC_DIR)/src/%.c $(CROSS_LWIP_OPTS) $(CROSS_LWIP_STAMP)
	@mkdir -p $$(@D)
	$(CROSS_Q)$$(CROSS_CC_$(1)) $$(CROSS_ARCH_$(1)) $$(CROSS_OPT) -std=c99 -Wall -Wextra -Werror \
	  $$(CROSS_LWIP_CPPFLAGS) -MMD -MP -c $$< -o $$@
$(CROSS_DIR)/$(1)/liblwip.a: $$(CROSS_$(1)_LWIP_OBJ)
	$$(CROSS_MSG) "AR $(1)" "$$@ ($$(words $$^) lwIP objects)"
	@rm -f $$@
	$(CROSS_Q)$$(CROSS_AR_$(1)) rcs $$@ $$^

# lwIP link check: port/lwip with the lwIP core, relocatably linked; what stays undefined
# must be the RTOS layer, the board hooks or the C library.
$(CROSS_DIR)/$(1)/lwip-link.txt: $$(CROSS_$(1)_PORT_OBJ) $(CROSS_DIR)/$(1)/liblwip.a
	$$(CROSS_MSG) "LDCHECK $(1)" "port/lwip + liblwip.a"
	$(CROSS_Q)$$(CROSS_CC_$(1)) $$(CROSS_MACH_$(1)) -nostdlib -Wl,-r -Wl,-u,taws_port_lwip_init \
	  -o $(CROSS_DIR)/$(1)/lwip-link.o $$(CROSS_$(1)_PORT_OBJ) $(CROSS_DIR)/$(1)/liblwip.a
	$(CROSS_Q)$$(CROSS_NM_$(1)) -u $(CROSS_DIR)/$(1)/lwip-link.o | awk '{print $$$$NF}' | sort -u > $$@.tmp
	$(CROSS_Q)printf '%s\n' $$(CROSS_LWIP_ALLOWED_UNDEF) > $$@.allowed
	$(CROSS_Q)bad=$$$$(grep -vxF -f $$@.allowed $$@.tmp || true); rm -f $$@.allowed; \
	  if [ -n "$$$$bad" ]; then echo "lwip link check ($(1)): unexpected undefined symbols:" $$$$bad; \
	    rm -f $$@.tmp; exit 1; fi
	$(CROSS_Q)mv $$@.tmp $$@
	$$(CROSS_MSG) "lwIP $(1)" "port/lwip + lwIP core leave undefined only: $$$$(tr '\n' ' ' < $$@)"
endef
$(foreach a,$(CROSS_ARCHS),$(eval $(call CROSS_LWIP_RULES,$(a))))

# jsmn.h alone (Debian's header-only package), not the whole of /usr/include.
$(CROSS_JSMN): /usr/include/jsmn.h
	@mkdir -p $(@D)
	cp $< $@

CROSS_ALL := $(foreach v,$(CROSS_TARGETS),$(CROSS_$(v)_LIBS) $(CROSS_$(v)_ELF)) \
             $(foreach a,$(CROSS_ARCHS),$(CROSS_DIR)/$(a)/liblwip.a)
ifneq ($(CROSS_LWIP_PORT_SRC),)
CROSS_ALL += $(foreach a,$(CROSS_ARCHS),$(CROSS_DIR)/$(a)/lwip-link.txt)
endif

.PHONY: cross-inner size-inner test-m32-inner
cross-inner: $(CROSS_ALL)
	$(if $(CROSS_LWIP_PORT_SRC),,$(CROSS_SAY) "  cross: port/lwip/*.c does not exist yet: lwIP port skipped")
	@if [ -z "$(CROSS_SILENT)" ]; then for v in $(CROSS_TARGETS); do printf '  cross: %-19s' $$v; \
	  for f in $(notdir $(CROSS_cortex-m4_LIBS)); do printf ' %s' $$f; done; echo; done; fi

# ---- make size -------------------------------------------------------------------------
# pool_peak: a real TLS listing on the host with the boards mbedTLS configuration of each
# Cortex-M4 variant, built for x86-64 (host-<variant>) and for i386 (host-i386-<variant>:
# 32-bit pointers and bignum limbs, as on the target).
CROSS_HOST_CFG := $(CROSS_MBEDTLS_CONFIG) boards/cross/host_mbedtls_config.h
CROSS_HOST_TAWS_SRC := $(TINYAWS_CORE_SRC) $(TINYAWS_PORT_POSIX_SRC) boards/cross/pool_peak.c boards/common/tinyaws_mbedtls_platform.c
CROSS_HOST_CC_host      := gcc -O2
CROSS_HOST_CC_host-i386 := gcc -m32 -O2

# $(call CROSS_HOST_RULES,host|host-i386,variant)
define CROSS_HOST_RULES
CROSS_$(1)-$(2)_M     := $$(CROSS_MBEDOF_$(2))
CROSS_$(1)-$(2)_MSRC  := $$(CROSS_MBEDSRC_$$(CROSS_$(1)-$(2)_M))
CROSS_$(1)-$(2)_FLAGS := -isystem $$(CROSS_$(1)-$(2)_MSRC)/include -Iboards/common -Iboards/cross \
    -DMBEDTLS_CONFIG_FILE='"host_mbedtls_config.h"' $$(CROSS_MBEDDEF_$(2))
CROSS_$(1)-$(2)_MBED_OBJ := $$(CROSS_MBED_ALL_$$(CROSS_$(1)-$(2)_M):%.c=$(CROSS_DIR)/$(1)-$(2)/mbedtls/%.o)
CROSS_$(1)-$(2)_TAWS_OBJ := $$(CROSS_HOST_TAWS_SRC:%.c=$(CROSS_DIR)/$(1)-$(2)/obj/%.o)
$(CROSS_DIR)/$(1)-$(2)/mbedtls/%.o: $$(CROSS_$(1)-$(2)_MSRC)/library/%.c $(CROSS_HOST_CFG) \
    $$(CROSS_MBEDSTAMP_$$(CROSS_$(1)-$(2)_M))
	@mkdir -p $$(@D)
	$(CROSS_Q)$(CROSS_HOST_CC_$(1)) -Wall -Wextra -Werror -I$$(CROSS_$(1)-$(2)_MSRC)/library \
	  $$(CROSS_$(1)-$(2)_FLAGS) -MMD -MP -c $$< -o $$@
$(CROSS_DIR)/$(1)-$(2)/libmbedtls-all.a: $$(CROSS_$(1)-$(2)_MBED_OBJ)
	$$(CROSS_MSG) "AR $(1)" "$$@ ($$(words $$^) mbedTLS objects)"
	@rm -f $$@
	$(CROSS_Q)ar rcs $$@ $$^
$(CROSS_DIR)/$(1)-$(2)/obj/%.o: %.c $(CROSS_HOST_CFG) $$(CROSS_MBEDSTAMP_$$(CROSS_$(1)-$(2)_M))
	@mkdir -p $$(@D)
	$$(CROSS_MSG) "CC $(1)-$(2)" $$<
	$(CROSS_Q)$(CROSS_HOST_CC_$(1)) -std=c99 $$(WARN) -D_POSIX_C_SOURCE=200809L $$(TAWS_INC) -Isrc \
	  $$(CROSS_$(1)-$(2)_FLAGS) -MMD -MP -c $$< -o $$@
$(CROSS_DIR)/$(1)-$(2)/pool_peak: $$(CROSS_$(1)-$(2)_TAWS_OBJ) $(CROSS_DIR)/$(1)-$(2)/libmbedtls-all.a
	$$(CROSS_MSG) "LD $(1)-$(2)" $$@
	$(CROSS_Q)$(CROSS_HOST_CC_$(1)) -o $$@ $$^
endef
$(foreach h,host host-i386,$(foreach v,$(CROSS_M4_VARIANTS),$(eval $(call CROSS_HOST_RULES,$(h),$(v)))))

CROSS_RAM_OBJ = $(CROSS_DIR)/$(1)/obj/boards/cross/ram_sizes.o
CROSS_SIZE_NEEDS := $(foreach v,$(CROSS_M4_VARIANTS),$(CROSS_$(v)_ELF) $(CROSS_$(v)_IOT_ELF) $(CROSS_$(v)_LIBS) \
    $(call CROSS_RAM_OBJ,$(v)) $(CROSS_DIR)/host-$(v)/pool_peak $(CROSS_DIR)/host-i386-$(v)/pool_peak)

size-inner: $(CROSS_SIZE_NEEDS)
	@$(PY) boards/cross/size_report.py --build $(CROSS_DIR) \
	  --core $(CROSS_cortex-m4_LIB_OBJ) --port $(CROSS_cortex-m4_PORT_OBJ) \
	  $(foreach v,$(CROSS_M4_VARIANTS),--variant '$(v)=$(CROSS_DESC_$(v))') \
	  --endpoint tests/endpoint/aws_endpoint.py
	@$(PY) boards/cross/iot_size.py arm-none-eabi-size \
	  $(foreach v,$(CROSS_M4_VARIANTS),'$(CROSS_DESC_$(v))=$(CROSS_$(v)_ELF)=$(CROSS_$(v)_IOT_ELF)')

# ---- make test-m32 ---------------------------------------------------------------------
# The host unit suite as an i386 program, against mbedTLS 3.6 built for i386 with the host
# configuration (boards/host/mbedtls.mk, the same as the x86-64 default build), statically:
# the heap trap (tests/unit/heap_trap.c) routes mbedTLS's allocator to the real calloc/free.
CROSS_I386_DIR := $(CROSS_DIR)/i386
CROSS_I386_CC  := gcc -m32
CROSS_I386_MBEDDIR := $(CROSS_I386_DIR)/mbedtls
CROSS_I386_MBEDLIBS := $(CROSS_I386_MBEDDIR)/libmbedtls.a $(CROSS_I386_MBEDDIR)/libmbedx509.a \
                       $(CROSS_I386_MBEDDIR)/libmbedcrypto.a
CROSS_I386_GEN := $(CROSS_I386_DIR)/gen
CROSS_I386_UNIT_SRC := $(wildcard tests/unit/*.c)
CROSS_I386_OBJ := $(TINYAWS_CORE_SRC:%.c=$(CROSS_I386_DIR)/obj/%.o) $(TINYAWS_PORT_POSIX_SRC:%.c=$(CROSS_I386_DIR)/obj/%.o) $(CROSS_I386_UNIT_SRC:%.c=$(CROSS_I386_DIR)/obj/%.o)
CROSS_I386_CPPFLAGS := $(MBEDTLS_HOST_CPPFLAGS)

# One sub-make builds the three archives: a recipe per archive would run three at once (-j)
# and race on the same objects.
$(CROSS_I386_MBEDDIR)/libmbedcrypto.a: $(MBEDTLS_HOST_CFG) $(CROSS_MBEDTLS3_STAMP)
	$(CROSS_MSG) "MBEDTLS i386" "$(CROSS_I386_MBEDDIR) (mbedTLS 3.6, host configuration)"
	$(CROSS_Q)$(MAKE) --no-print-directory -f boards/host/mbedtls.mk SRC=$(MBEDTLS3_SRC_DIR) \
	  OUT=$(CROSS_I386_MBEDDIR) CC='$(CROSS_I386_CC)' Q=$(CROSS_Q)
$(CROSS_I386_MBEDDIR)/libmbedtls.a $(CROSS_I386_MBEDDIR)/libmbedx509.a: $(CROSS_I386_MBEDDIR)/libmbedcrypto.a
$(CROSS_I386_GEN)/sigv4_vectors.h: tests/unit/gen_sigv4_vectors.py
	@mkdir -p $(@D)
	$(CROSS_Q)$(PY) $< $(SHARED)/sigv4-testsuite/aws-c-auth/tests/aws-signing-test-suite/v4 $@
$(CROSS_I386_GEN)/params_vectors.h: $(PARAMS_VECTORS_DEPS)
	@mkdir -p $(@D)
	$(CROSS_Q)$(PY) $< $(OPS_DATA) $(SHARED)/aws-models $@
$(CROSS_I386_GEN)/ini_vectors.h: tests/unit/gen_ini_vectors.py
	@mkdir -p $(@D)
	$(CROSS_Q)$(PY) $< $@
$(CROSS_I386_DIR)/obj/tests/unit/test_ini.o: $(CROSS_I386_GEN)/ini_vectors.h
$(CROSS_I386_DIR)/obj/src/%.o: CROSS_I386_XFLAGS :=
$(CROSS_I386_DIR)/obj/port/%.o: CROSS_I386_XFLAGS := -D_POSIX_C_SOURCE=200809L
$(CROSS_I386_DIR)/obj/tests/%.o: CROSS_I386_XFLAGS := -D_POSIX_C_SOURCE=200809L -I$(CROSS_I386_GEN) \
    -Itests/unit -Isrc -DTAWS_HEAP_TRAP
$(CROSS_I386_DIR)/obj/%.o: %.c $(CROSS_I386_GEN)/sigv4_vectors.h $(CROSS_I386_GEN)/params_vectors.h \
    $(CROSS_MBEDTLS3_STAMP) $(MBEDTLS_HOST_CFG)
	@mkdir -p $(@D)
	$(CROSS_MSG) "CC i386" $<
	$(CROSS_Q)$(CROSS_I386_CC) -O2 -g -std=c99 $(WARN) $(TAWS_INC) $(CROSS_I386_XFLAGS) \
	  $(CROSS_I386_CPPFLAGS) -MMD -MP -c $< -o $@
$(CROSS_I386_DIR)/test_unit: $(CROSS_I386_OBJ) $(CROSS_I386_MBEDLIBS)
	$(CROSS_MSG) "LD i386" $@
	$(CROSS_Q)$(CROSS_I386_CC) -o $@ $(CROSS_I386_OBJ) $(CROSS_I386_MBEDLIBS) $(CROSS_HEAP_WRAP)
# As the top-level HEAP_WRAP: the unit suite's heap trap (tests/unit/heap_trap.c).
CROSS_HEAP_WRAP := -Wl,--wrap=malloc -Wl,--wrap=calloc -Wl,--wrap=realloc -Wl,--wrap=free

test-m32-inner: $(CROSS_I386_DIR)/test_unit
	@readelf -h $< | grep -q 'Machine: *Intel 80386' || { echo "test-m32: $< is not an i386 ELF"; exit 1; }
	$(CROSS_SAY) "  test-m32: $< (i386, mbedTLS $(notdir $(realpath $(MBEDTLS3_SRC_DIR))), host configuration, static)"
	@$<

-include $(shell find $(CROSS_DIR) -name '*.d' -not -path '$(CROSS_SRC_DIR)/*' 2>/dev/null)

endif

# Including this file never changes the includer's default goal.
.DEFAULT_GOAL := $(CROSS_SAVED_GOAL)
