#!/bin/bash
# Runs every test stage named on the command line ("name:command ..."), each of which prints
# "N passed, M failed" as its last line; prints a table and the total as the very last line.
# A stage that prints no summary (a crash) counts as one failure.
set -u
total_p=0 total_f=0
report=()
for spec in "$@"; do
  name=${spec%%:*}
  cmd=${spec#*:}
  echo "=== $name: $cmd"
  log=$(mktemp)
  bash -c "$cmd" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$log" | tail -n 1)
  rm -f "$log"
  if [ -n "$line" ]; then
    p=${line%% passed*}
    f=${line#*, }; f=${f%% failed*}
  else
    p=0 f=0
  fi
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    f=1 # exited non-zero without reporting a failure
  fi
  total_p=$((total_p + p)); total_f=$((total_f + f))
  report+=("$(printf '%-24s %6d passed %4d failed' "$name" "$p" "$f")")
done
echo "=== summary"
printf '%s\n' "${report[@]}"
echo "$total_p passed, $total_f failed"
[ "$total_f" -eq 0 ]
