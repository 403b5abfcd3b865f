#!/bin/bash
# SPDX-License-Identifier: MIT
# Regenerates every generated file into a scratch directory and compares it with the committed
# copy, so the tables can never drift from ../shared/aws-models (or botocore's partitions).
#
#   tests/check_generated.sh PYTHON SCRATCH "generator args {committed/file} ..." ...
#
# Each {path} in a spec is a file the generator writes: it writes SCRATCH/<basename> instead,
# which must equal path byte for byte. Last line: "N passed, M failed".
set -u
py=$1 scratch=$2
shift 2
mkdir -p "$scratch"
pass=0 fail=0
for spec in "$@"; do
  args=() outs=()
  for w in $spec; do
    if [[ $w == \{*\} ]]; then
      f=${w:1:${#w}-2}
      outs+=("$f")
      args+=("$scratch/$(basename "$f")")
    else
      args+=("$w")
    fi
  done
  if ! "$py" "${args[@]}"; then
    echo "not ok - ${args[0]} failed"; fail=$((fail + 1)); continue
  fi
  for f in "${outs[@]}"; do
    if cmp -s "$scratch/$(basename "$f")" "$f"; then
      echo "ok - $f matches what ${args[0]} generates"; pass=$((pass + 1))
    else
      echo "not ok - $f differs: regenerate with $py ${spec//[\{\}]/}"; fail=$((fail + 1))
    fi
  done
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
