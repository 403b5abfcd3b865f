# SPDX-License-Identifier: MIT
# make install PREFIX=/usr/local DESTDIR=: the public headers, libtinyaws.a, tinyaws.pc and
# the CLI; make uninstall removes exactly those files.
#
#   $(PREFIX)/include/tinyaws/*.h           the public headers (ops.gen.h, ops_iter.gen.h too)
#   $(PREFIX)/lib/libtinyaws.a
#   $(PREFIX)/lib/pkgconfig/tinyaws.pc      from tinyaws.pc.in
#   $(PREFIX)/bin/tinyaws
#
# The public headers include mbedTLS's (taws_tls_t holds its contexts), so an application
# must compile against the very mbedTLS and configuration the library was built with (the
# configuration check refuses anything else with TAWS_ERR_CONFIG_MISMATCH). Hence:
#   MBEDTLS=3.6 (default): the 3.6 build of build/mbedtls-3.6 is installed privately, where
#     nothing else looks and nothing can clash with a system mbedTLS:
#       $(PREFIX)/lib/tinyaws/libmbedtls.a, libmbedx509.a, libmbedcrypto.a
#       $(PREFIX)/include/tinyaws/mbedtls-3.6/{mbedtls,psa}/ (its headers), with its
#       mbedtls/mbedtls_config.h replaced by the host configuration tinyaws was built with
#       (so no -DMBEDTLS_CONFIG_FILE is needed, which pkg-config cannot pass quoted)
#     and tinyaws.pc points there (-isystem, -L$(PREFIX)/lib/tinyaws).
#   MBEDTLS=system: Debian's libmbedtls-dev 2.28 as installed: nothing of mbedTLS is
#     installed, tinyaws.pc links -lmbedtls -lmbedx509 -lmbedcrypto.
PREFIX  ?= /usr/local
DESTDIR ?=
TAWS_VERSION_STRING ?= 0.1.0
INSTALL_INC := $(DESTDIR)$(PREFIX)/include/tinyaws
INSTALL_LIB := $(DESTDIR)$(PREFIX)/lib
INSTALL_BIN := $(DESTDIR)$(PREFIX)/bin
PUBLIC_HEADERS := $(wildcard include/tinyaws/*.h)
MBEDTLS3_INC := $(SRC_CACHE)/mbedtls3/include

ifeq ($(MBEDTLS),3.6)
PC_MBEDTLS_NAME   := mbedTLS 3.6, installed with it
PC_MBEDTLS_CFLAGS := -isystem $${includedir}/tinyaws/mbedtls-3.6
PC_MBEDTLS_LIBS   := -L$${libdir}/tinyaws -lmbedtls -lmbedx509 -lmbedcrypto
else
PC_MBEDTLS_NAME   := the system mbedTLS
PC_MBEDTLS_CFLAGS :=
PC_MBEDTLS_LIBS   := -lmbedtls -lmbedx509 -lmbedcrypto
endif

$(BUILD)/tinyaws.pc: tinyaws.pc.in install.mk
	@mkdir -p $(@D)
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(TAWS_VERSION_STRING)|' \
	    -e 's|@MBEDTLS_NAME@|$(PC_MBEDTLS_NAME)|' -e 's|@MBEDTLS_CFLAGS@|$(PC_MBEDTLS_CFLAGS)|' \
	    -e 's|@MBEDTLS_LIBS@|$(PC_MBEDTLS_LIBS)|' $< > $@
.PHONY: $(BUILD)/tinyaws.pc install uninstall

install: $(LIB) $(CLI) $(BUILD)/tinyaws.pc
	install -d $(INSTALL_INC) $(INSTALL_LIB)/pkgconfig $(INSTALL_BIN)
	install -m 644 $(PUBLIC_HEADERS) $(INSTALL_INC)/
	install -m 644 $(LIB) $(INSTALL_LIB)/libtinyaws.a
	install -m 644 $(BUILD)/tinyaws.pc $(INSTALL_LIB)/pkgconfig/tinyaws.pc
	install -m 755 $(CLI) $(INSTALL_BIN)/tinyaws
ifeq ($(MBEDTLS),3.6)
	install -d $(INSTALL_LIB)/tinyaws $(INSTALL_INC)/mbedtls-3.6/mbedtls $(INSTALL_INC)/mbedtls-3.6/psa
	install -m 644 $(MBEDTLS_LIBS) $(INSTALL_LIB)/tinyaws/
	install -m 644 $(MBEDTLS3_INC)/mbedtls/*.h $(INSTALL_INC)/mbedtls-3.6/mbedtls/
	install -m 644 $(MBEDTLS3_INC)/psa/*.h $(INSTALL_INC)/mbedtls-3.6/psa/
	install -m 644 $(MBEDTLS_HOST_CFG) $(INSTALL_INC)/mbedtls-3.6/
	printf '%s\n' '/* tinyaws: the configuration libtinyaws.a and this mbedTLS were built with. */' \
	  '#include "tinyaws_mbedtls_host_config.h"' > $(INSTALL_INC)/mbedtls-3.6/mbedtls/mbedtls_config.h
endif

uninstall:
	rm -f $(addprefix $(INSTALL_INC)/,$(notdir $(PUBLIC_HEADERS))) $(INSTALL_LIB)/libtinyaws.a \
	  $(INSTALL_LIB)/pkgconfig/tinyaws.pc $(INSTALL_BIN)/tinyaws \
	  $(addprefix $(INSTALL_LIB)/tinyaws/,libmbedtls.a libmbedx509.a libmbedcrypto.a)
	rm -rf $(INSTALL_INC)/mbedtls-3.6
	-rmdir $(INSTALL_INC) $(INSTALL_LIB)/tinyaws $(INSTALL_LIB)/pkgconfig 2>/dev/null
