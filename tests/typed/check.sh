#!/bin/bash
# SPDX-License-Identifier: MIT
# Typed iterators (include/tinyaws/ops_iter.gen.h) make a wrong struct a compile error: for
# every operation of TAWS_OPS_FOR_EACH, iter_use.c compiles with -Werror with the operation's
# own item and params structs, and is refused (an incompatible pointer type, named by the
# compiler) with the next operation's item struct, and with its params struct. The void *
# core would take all three. Last line: "N passed, M failed".
#
#   CC=cc TYPED_CPPFLAGS='-Iinclude ...' bash tests/typed/check.sh
set -u
cc=${CC:-cc}
here=$(dirname "$0")
# the Makefile's CPPFLAGS, shell-quoted as make wrote them (-DMBEDTLS_CONFIG_FILE='"..."')
eval "cppflags=(${TYPED_CPPFLAGS:-})"
flags=(-std=c99 -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wvla -Werror -fsyntax-only)
# "X(name, params_t, item_t, ..." lines of the generated X-macro
mapfile -t ops < <(sed -n 's/^    X(\([a-z0-9_]*\), \([a-z0-9_]*\), \([a-z0-9_]*\),.*/\1 \2 \3/p' \
                   include/tinyaws/ops.gen.h)
pass=0 fail=0
n=${#ops[@]}
if [ "$n" -lt 2 ]; then
  echo "not ok - found $n operations in include/tinyaws/ops.gen.h"; echo "0 passed, 1 failed"; exit 1
fi
compile() { # name params_t item_t [next function] -> the compiler's output, its status
  out=$("$cc" "${flags[@]}" "${cppflags[@]}" -DOP_BEGIN="taws_$1_begin" -DOP_NEXT="${4:-taws_$1_next}" \
        -DPARAMS_T="$2" -DITEM_T="$3" -c "$here/iter_use.c" 2>&1)
}
for i in "${!ops[@]}"; do
  read -r name params item <<< "${ops[$i]}"
  read -r _ oparams oitem <<< "${ops[$(( (i + 1) % n ))]}"
  if compile "$name" "$params" "$item"; then
    echo "ok - taws_${name}_next takes $item"; pass=$((pass + 1))
  else
    echo "not ok - the right structs do not compile for $name:"; echo "$out"; fail=$((fail + 1))
  fi
  # the control: the void * core takes the wrong item, so only the typing refuses it
  if compile "$name" "$params" "$oitem" taws_pager_next; then
    echo "ok - taws_pager_next (void *) takes $oitem as well"; pass=$((pass + 1))
  else
    echo "not ok - the control does not compile:"; echo "$out"; fail=$((fail + 1))
  fi
  for wrong in "item:$params:$oitem" "params:$oparams:$item"; do
    IFS=: read -r what p it <<< "$wrong"
    if compile "$name" "$p" "$it"; then
      echo "not ok - taws_${name} accepted a wrong $what struct ($p, $it)"; fail=$((fail + 1))
    elif grep -q "incompatible pointer type" <<< "$out"; then
      echo "ok - taws_${name} refuses a wrong $what struct (incompatible pointer type)"; pass=$((pass + 1))
    else
      echo "not ok - taws_${name} failed for another reason:"; echo "$out"; fail=$((fail + 1))
    fi
  done
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
