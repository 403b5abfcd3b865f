# SPDX-License-Identifier: MIT
# tests/bench/bench.mk: `make bench` (issue 6). The top-level Makefile includes it:
#
#   include tests/bench/bench.mk
#
# It expects BUILD, CC, CFLAGS, CPPFLAGS (with -Iinclude), LIB, MBEDTLS_LIBS, PY and CLI from the
# includer. `make bench` installs what it needs from Debian when missing (awscli,
# python3-matplotlib, valgrind, time, ...), builds the benchmark programs into $(BUILD)/bench,
# runs tests/bench/run_bench.py and writes BENCHMARKS.md and bench.png at the repo root.
# BENCH_ROUNDS (default 5) sets the alternating end-to-end runs per tool; the AWS models come from
# $(SHARED)/aws-models (../shared/aws-models when SHARED is not set).

BENCH_DIR      := $(BUILD)/bench
BENCH_ROUNDS   ?= 5
BENCH_MODELS   ?= $(if $(SHARED),$(SHARED),../shared)/aws-models
BENCH_CPPFLAGS := -D_POSIX_C_SOURCE=200809L -Itests/bench -Isrc
BENCH_HEAPWRAP := -Wl,--wrap=malloc -Wl,--wrap=calloc -Wl,--wrap=realloc -Wl,--wrap=free
BENCH_BINS     := $(BENCH_DIR)/bench_sigv4 $(BENCH_DIR)/bench_page $(BENCH_DIR)/bench_pager \
                  $(BENCH_DIR)/bench_jsmn $(BENCH_DIR)/bench_jsmn_parent
BENCH_MAKE     := $(MAKE) --no-print-directory -f $(firstword $(MAKEFILE_LIST))

.PHONY: bench bench-run

# The packages first (the top-level deps target, plus matplotlib for the plot: a fresh clone
# may lack the compiler), then build and run in a new make that sees them.
bench: DEPS_TEST += python3-matplotlib
bench: deps-test
	@$(BENCH_MAKE) bench-run

bench-run: $(LIB) $(CLI) $(BENCH_BINS)
	$(PY) tests/bench/run_bench.py --cli $(CLI) --bin $(BENCH_DIR) --rounds $(BENCH_ROUNDS) \
	  --models $(BENCH_MODELS) --out BENCHMARKS.md --plot bench.png

$(BENCH_DIR)/%.o: tests/bench/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(BENCH_CPPFLAGS) $(CFLAGS) -MMD -MP -c $< -o $@

$(BENCH_DIR)/bench_jsmn_parent.o: tests/bench/bench_jsmn.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(BENCH_CPPFLAGS) -DBENCH_JSMN_PARENT $(CFLAGS) -MMD -MP -c $< -o $@

$(BENCH_DIR)/bench_sigv4: $(BENCH_DIR)/bench_sigv4.o $(LIB)
	$(CC) $(CFLAGS) $^ $(MBEDTLS_LIBS) -o $@

$(BENCH_DIR)/bench_page: $(BENCH_DIR)/bench_page.o $(LIB)
	$(CC) $(CFLAGS) $^ $(MBEDTLS_LIBS) -o $@

# Heap calls from libtinyaws.a during the replayed listings are counted through --wrap.
$(BENCH_DIR)/bench_pager: $(BENCH_DIR)/bench_pager.o $(BENCH_DIR)/replay_port.o $(LIB)
	$(CC) $(CFLAGS) $^ $(MBEDTLS_LIBS) $(BENCH_HEAPWRAP) -o $@

$(BENCH_DIR)/bench_jsmn: $(BENCH_DIR)/bench_jsmn.o
	$(CC) $(CFLAGS) $^ -o $@

$(BENCH_DIR)/bench_jsmn_parent: $(BENCH_DIR)/bench_jsmn_parent.o
	$(CC) $(CFLAGS) $^ -o $@

-include $(wildcard $(BENCH_DIR)/*.d)
