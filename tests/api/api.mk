# SPDX-License-Identifier: MIT
# tests/api/: the library's boundary as an application meets it. Included by the Makefile,
# which defines BUILD, CC, CPPFLAGS (-Iinclude and mbedTLS's), WARN, LIB, LIB_OBJ,
# MBEDTLS_LIBS, MBEDTLS_READY, LWIP_CPPFLAGS and PY. `make api-test` runs the six checks that
# are `make test` stages:
#
#   api-headers     every public header compiles alone, as C99 (the project's warnings) and as
#                   C++ (g++ -Wall -Wextra -Werror -pedantic), and declares extern "C"
#   api-c++         tests/api/cxx_api.cpp, a C++ program on the public headers, links and runs
#   api-symbols     tests/api/check_symbols.py: what libtinyaws.a exports (prefix, visibility,
#                   no jsmn)
#   api-jsmn        tests/api/jsmn_app.c: an application with its own non-strict jsmn
#   api-config      tests/api/config_check.c: units built with other settings than the library
#   api-wipe        tests/api/wipe.c: a failure at every write of a signed request leaves no
#                   secret in the client, the transmit buffer, the pager or the stack
#
# Everything here but wipe.c and jsmn_app.c (white-box) sees the public headers only: no -Isrc.

API_DIR     := $(BUILD)/api
API_HEADERS := $(sort $(wildcard include/tinyaws/*.h))
API_CXX     ?= g++
API_CXXFLAGS := -std=c++11 -Wall -Wextra -Werror -pedantic -O1
API_CFLAGS  := -std=c99 $(WARN) -O2 -g
API_LINK    := $(LIB) $(MBEDTLS_LIBS)
API_BINS    := $(API_DIR)/cxx_api $(API_DIR)/jsmn_app $(API_DIR)/config_check $(API_DIR)/wipe
# The settings config_check's units are built with, one unit each (tests/api/config_view.c).
API_VIEWS   := default window txbuf resume config_file read_timeout
API_VIEW_FLAGS_default      :=
API_VIEW_FLAGS_window       := -DTAWS_WINDOW_SIZE=4096
API_VIEW_FLAGS_txbuf        := -DTAWS_TX_BUF_SIZE=1024
API_VIEW_FLAGS_resume       := -DTAWS_TLS_RESUME=0
API_VIEW_FLAGS_config_file  := -Itests/api -DTINYAWS_CONFIG_FILE='"config_other.h"'
API_VIEW_FLAGS_read_timeout := -DTAWS_READ_TIMEOUT_MS=5000

# The stages as `make test` runs them (tests/run_all.sh: a table, then "N passed, M failed").
API_STAGES = "api-headers:$(MAKE) -s api-headers" \
             "api-c++:$(API_DIR)/cxx_api" \
             "api-symbols:$(PY) tests/api/check_symbols.py $(LIB) include/tinyaws" \
             "api-jsmn:$(API_DIR)/jsmn_app" \
             "api-config:$(API_DIR)/config_check" \
             "api-wipe:$(API_DIR)/wipe"

.PHONY: api-test api-headers
api-test: $(API_BINS) $(LIB)
	@bash tests/run_all.sh $(API_STAGES)

# Each public header on its own, as C and as C++ (the lwIP ports with Debian's lwIP headers).
api-headers: | $(MBEDTLS_READY)
	@mkdir -p $(API_DIR); pass=0; fail=0; \
	for h in $(API_HEADERS); do \
	  n=$${h#include/}; extra=; case $$n in *lwip*) extra='$(LWIP_CPPFLAGS)';; esac; \
	  for lang in c c++; do \
	    if [ $$lang = c ]; then cc='$(CC) $(API_CFLAGS)'; else cc='$(API_CXX) $(API_CXXFLAGS)'; fi; \
	    if printf '#include "%s"\n#include "%s"\ntypedef int api_header_check_t;\n' $$n $$n | \
	       $$cc $(CPPFLAGS) $$extra -x $$lang -fsyntax-only - 2> $(API_DIR)/header.log; then \
	      echo "ok - $$n compiles alone as $$lang (and twice)"; pass=$$((pass+1)); \
	    else \
	      echo "not ok - $$n as $$lang"; head -n 5 $(API_DIR)/header.log; fail=$$((fail+1)); \
	    fi; \
	  done; \
	  if grep -q 'extern "C"' $$h; then pass=$$((pass+1)); \
	  else echo "not ok - $$n has no extern \"C\""; fail=$$((fail+1)); fi; \
	done; \
	echo "$$pass passed, $$fail failed"; [ $$fail -eq 0 ]

$(API_DIR)/%.o: tests/api/%.c | $(MBEDTLS_READY)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) -D_POSIX_C_SOURCE=200809L $(API_CFLAGS) -MMD -MP -c $< -o $@

# White-box: they reach into the library (src/ headers, TAWS_PRIVATE members).
$(API_DIR)/wipe.o $(API_DIR)/jsmn_app.o: CPPFLAGS += -Isrc

$(API_DIR)/cxx_api.o: tests/api/cxx_api.cpp | $(MBEDTLS_READY)
	@mkdir -p $(dir $@)
	$(API_CXX) $(CPPFLAGS) $(LWIP_CPPFLAGS) -DCXX_API_LWIP $(API_CXXFLAGS) -MMD -MP -c $< -o $@

$(API_DIR)/cxx_api: $(API_DIR)/cxx_api.o $(LIB) $(MBEDTLS_READY)
	$(API_CXX) $< $(API_LINK) -o $@

$(API_DIR)/jsmn_app: $(API_DIR)/jsmn_app.o $(LIB) $(MBEDTLS_READY)
	$(CC) $(API_CFLAGS) $< $(API_LINK) -o $@

$(API_DIR)/wipe: $(API_DIR)/wipe.o $(LIB) $(MBEDTLS_READY)
	$(CC) $(API_CFLAGS) $< $(API_LINK) -o $@

define API_VIEW_RULE
$(API_DIR)/view_$(1).o: tests/api/config_view.c tests/api/config_view.h tests/api/config_other.h | $(MBEDTLS_READY)
	@mkdir -p $$(dir $$@)
	$$(CC) $$(CPPFLAGS) $$(API_VIEW_FLAGS_$(1)) -DVIEW_FN=view_$(1) $$(API_CFLAGS) -MMD -MP -c $$< -o $$@
endef
$(foreach v,$(API_VIEWS),$(eval $(call API_VIEW_RULE,$(v))))

$(API_DIR)/config_check: $(API_DIR)/config_check.o $(API_VIEWS:%=$(API_DIR)/view_%.o) $(LIB) $(MBEDTLS_READY)
	$(CC) $(API_CFLAGS) $(filter %.o,$^) $(API_LINK) -o $@

-include $(wildcard $(API_DIR)/*.d)

# make test builds these with the other test programs.
test: $(API_BINS)
