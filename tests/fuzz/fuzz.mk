# SPDX-License-Identifier: MIT
# libFuzzer harnesses with ASan+UBSan (clang-14). Included by the top-level Makefile, which
# defines BUILD, PY and CPPFLAGS (-Iinclude) and includes tinyaws.mk (TINYAWS_CORE_SRC,
# TINYAWS_CLI_CORE_SRC). Targets:
#
#   make fuzz-replay     build the fuzzers; run every seed and every tests/fuzz/crashes/ input
#                        once (no fuzzing); last line "N passed, M failed"
#   make fuzz            fuzz each target for FUZZ_SECONDS (default 60) from a scratch copy of
#                        its corpus under $(BUILD)/fuzz/work; fails on any crash. FUZZ_FLAGS
#                        adds libFuzzer options (e.g. -fork=2 -ignore_crashes=1)
#
# Library sources are compiled again here with clang and the sanitizers (never the gcc
# objects), into an archive so each fuzzer links only what it uses.

# Keep the includer's default goal whatever line this fragment is included at.
FUZZ_SAVED_GOAL := $(.DEFAULT_GOAL)

FUZZ_CC      ?= clang-14
FUZZ_SECONDS ?= 60
FUZZ_FLAGS   ?=
FUZZ_DIR     := tests/fuzz
# Harnesses are tests/fuzz/fuzz_*.c; `make fuzz FUZZ_TARGETS=fuzz_json` runs one.
FUZZ_TARGETS ?= fuzz_http fuzz_json fuzz_json_valid fuzz_resume_token fuzz_sigv4 fuzz_endpoints \
                fuzz_cli fuzz_ini_cred fuzz_cred_provider
FUZZ_SAN     := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS  := -std=c99 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wvla -Werror \
                -g -O1 $(FUZZ_SAN)
FUZZ_LDLIBS  ?= -lmbedtls -lmbedx509 -lmbedcrypto

# The POSIX port (sockets, clocks) is not reached by any harness.
FUZZ_LIB_SRC := $(TINYAWS_CORE_SRC)
# Helpers shared by the harnesses: every tests/fuzz/*.c that is not a fuzz_*.c harness.
FUZZ_HELP_SRC := $(filter-out $(FUZZ_DIR)/fuzz_%.c,$(wildcard $(FUZZ_DIR)/*.c))
FUZZ_OBJ     := $(FUZZ_LIB_SRC:%.c=$(BUILD)/fuzz/obj/%.o) $(FUZZ_HELP_SRC:%.c=$(BUILD)/fuzz/obj/%.o)
# fuzz_cli runs the CLI's cli_main() over a port of its own: the CLI without main() and its port.
FUZZ_CLI_SRC := $(TINYAWS_CLI_CORE_SRC)
FUZZ_CLI_OBJ := $(FUZZ_CLI_SRC:%.c=$(BUILD)/fuzz/obj/%.o)
FUZZ_LIB     := $(BUILD)/fuzz/libtinyaws_fuzz.a
FUZZ_BINS    := $(FUZZ_TARGETS:%=$(BUILD)/fuzz/%)

.PHONY: fuzz fuzz-replay fuzz-build
fuzz-build: $(FUZZ_BINS)

$(BUILD)/fuzz/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c $< -o $@

$(FUZZ_LIB): $(FUZZ_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(FUZZ_BINS): $(BUILD)/fuzz/%: $(FUZZ_DIR)/%.c $(FUZZ_LIB)
	$(FUZZ_CC) $(CPPFLAGS) $(FUZZ_CFLAGS) -fsanitize=fuzzer -MMD -MP -MF $@.d -MT $@ \
	  $< $(filter $(BUILD)/fuzz/obj/src/cli/%,$^) $(FUZZ_LIB) $(FUZZ_LDLIBS) -o $@

# The harnesses and their helpers are white-box (src/ headers); the library's own sources find
# theirs beside them, and the CLI sees the public headers only.
$(BUILD)/fuzz/obj/tests/fuzz/%.o $(FUZZ_BINS): CPPFLAGS += -Isrc
$(FUZZ_CLI_OBJ): CPPFLAGS += -D_POSIX_C_SOURCE=200809L
$(BUILD)/fuzz/obj/tests/fuzz/fuzz_cli.o: CPPFLAGS += -D_POSIX_C_SOURCE=200809L -Isrc/cli
$(BUILD)/fuzz/fuzz_cli: CPPFLAGS += -D_POSIX_C_SOURCE=200809L -Isrc/cli
$(BUILD)/fuzz/fuzz_cred_provider: CPPFLAGS += -D_POSIX_C_SOURCE=200809L
$(BUILD)/fuzz/fuzz_cli: $(FUZZ_CLI_OBJ)

-include $(wildcard $(FUZZ_OBJ:.o=.d) $(FUZZ_BINS:=.d))

# One line per target: executions, coverage and corpus size from libFuzzer's last status line.
# Each target fuzzes a scratch copy of its corpus, so the repository's seeds stay as they are;
# new inputs and crash artifacts stay under $(BUILD)/fuzz/work/<target>.
fuzz: $(FUZZ_BINS)
	@pass=0; fail=0; \
	for t in $(FUZZ_TARGETS); do \
	  w=$(BUILD)/fuzz/work/$$t; rm -rf $$w; mkdir -p $$w/corpus $$w/artifacts; \
	  cp $(FUZZ_DIR)/corpus/$$t/* $$w/corpus/ 2>/dev/null; \
	  dict=; [ -f $(FUZZ_DIR)/$$t.dict ] && dict=-dict=$(FUZZ_DIR)/$$t.dict; \
	  $(BUILD)/fuzz/$$t -max_total_time=$(FUZZ_SECONDS) -timeout=25 \
	    -artifact_prefix=$$w/artifacts/ $$dict $(FUZZ_FLAGS) $$w/corpus > $$w/log 2>&1; \
	  rc=$$?; \
	  execs=$$(grep -oE '^#[0-9]+' $$w/log | tail -n 1 | tr -d '#'); \
	  cov=$$(grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' $$w/log | tail -n 1); \
	  crashes=$$(ls $$w/artifacts | wc -l); \
	  if [ $$rc -eq 0 ] && [ $$crashes -eq 0 ]; then \
	    echo "ok - $$t: $${execs:-?} execs in $(FUZZ_SECONDS)s, $$cov"; pass=$$((pass+1)); \
	  else \
	    echo "not ok - $$t: exit $$rc, $${execs:-?} execs, $$cov, $$crashes artifact(s) in $$w/artifacts"; \
	    grep -E 'invariant failed|ERROR: AddressSanitizer|runtime error|SUMMARY: (Address|Undefined)' \
	      $$w/log | sed 's/==[0-9]*==//' | sort | uniq -c | head -n 10; \
	    fail=$$((fail+1)); \
	  fi; \
	done; \
	echo "$$pass passed, $$fail failed"; [ $$fail -eq 0 ]

# Seeds of a target in one run (a seed that crashes is named by libFuzzer's output); each
# regression input in tests/fuzz/crashes/<target>-<name> alone, so every one is reported.
fuzz-replay: $(FUZZ_BINS)
	@pass=0; fail=0; \
	for t in $(FUZZ_TARGETS); do \
	  w=$(BUILD)/fuzz/replay; mkdir -p $$w; \
	  seeds=$$(ls $(FUZZ_DIR)/corpus/$$t/* 2>/dev/null); n=$$(echo "$$seeds" | grep -c .); \
	  if [ $$n -eq 0 ]; then \
	    echo "not ok - $$t: no seeds in $(FUZZ_DIR)/corpus/$$t"; fail=$$((fail+1)); \
	  elif $(BUILD)/fuzz/$$t $$seeds > $$w/$$t.log 2>&1; then \
	    echo "ok - $$t: $$n seeds"; pass=$$((pass+1)); \
	  else \
	    echo "not ok - $$t: seed corpus (log $$w/$$t.log)"; \
	    grep -E 'Running:|ERROR|invariant failed|SUMMARY' $$w/$$t.log | tail -n 6; \
	    fail=$$((fail+1)); \
	  fi; \
	  for c in $(FUZZ_DIR)/crashes/$$t-*; do \
	    [ -f "$$c" ] || continue; \
	    if $(BUILD)/fuzz/$$t "$$c" > $$w/last.log 2>&1; then \
	      echo "ok - $$t: regression $$c"; pass=$$((pass+1)); \
	    else \
	      echo "not ok - $$t: regression $$c"; \
	      grep -E 'ERROR|invariant failed|SUMMARY' $$w/last.log | head -n 3; \
	      fail=$$((fail+1)); \
	    fi; \
	  done; \
	done; \
	echo "$$pass passed, $$fail failed"; [ $$fail -eq 0 ]

.DEFAULT_GOAL := $(FUZZ_SAVED_GOAL)
