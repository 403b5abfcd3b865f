#!/bin/bash
# SPDX-License-Identifier: MIT
# The library allocates nothing: no undefined reference to the heap in build/libtinyaws.a.
# (mbedTLS's own allocations happen inside libmbed*, which is linked separately.)
lib=${1:-build/libtinyaws.a}
passed=0 failed=0
check() { if eval "$2"; then echo "ok - $1"; passed=$((passed+1)); else echo "not ok - $1"; failed=$((failed+1)); return 1; fi; }
syms=$(nm -A "$lib" 2>/dev/null | awk '$(NF-1) == "U" { print $1, $NF }')
check "nm reads $lib" '[ -n "$syms" ]'
hits=$(printf '%s\n' "$syms" | grep -E ' (malloc|calloc|realloc|free|strdup|strndup|aligned_alloc|posix_memalign|reallocarray|__libc_malloc)$')
check "no heap functions referenced by any object" '[ -z "$hits" ]' || printf '%s\n' "$hits"
vla=$(grep -rnE '\balloca\b|__builtin_alloca' src port 2>/dev/null)
check "no alloca under src/ or port/" '[ -z "$vla" ]'
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
