#!/bin/bash
# SPDX-License-Identifier: MIT
# Runs every test stage named on the command line ("name:command ..."), each of which prints
# "N passed, M failed" as its last line; prints a table and the total as the very last line.
# A stage that prints no summary (a crash) counts as one failure.
#
# Two lanes run at once (2 cores): stages whose name starts with "@" (the ones that build
# their own targets: cross builds, firmware, fuzzers, and run-only suites moved there to
# balance the lanes) run one after another in the second
# lane, all others in the first; each stage's output is shown whole when it ends, and the
# table keeps the order of the command line.
set -u
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
names=() lane1=() lane2=()
i=0
for spec in "$@"; do
  name=${spec%%:*}
  names+=("${name#@}")
  printf '%s' "${spec#*:}" > "$dir/$i.cmd"
  if [[ $name == @* ]]; then lane2+=("$i"); else lane1+=("$i"); fi
  i=$((i + 1))
done

# run_lane I...: each stage's output to $dir/I.log, its exit code and seconds to $dir/I.rc
run_lane() {
  local k start
  for k in "$@"; do
    start=$(date +%s)
    bash -c "$(cat "$dir/$k.cmd")" > "$dir/$k.log" 2>&1
    echo "$? $(( $(date +%s) - start ))" > "$dir/$k.rc.tmp"
    mv "$dir/$k.rc.tmp" "$dir/$k.rc"
  done
}
run_lane "${lane1[@]}" &
p1=$!
if [ ${#lane2[@]} -gt 0 ]; then run_lane "${lane2[@]}" & p2=$!; else p2=; fi

# Show each stage as it ends (any order), then the table in the command line's order.
shown=()
while :; do
  all=1
  for ((k = 0; k < i; k++)); do
    [ -n "${shown[$k]:-}" ] && continue
    if [ -f "$dir/$k.rc" ]; then
      read -r rc secs < "$dir/$k.rc"
      echo "=== ${names[$k]}: $(cat "$dir/$k.cmd") (exit $rc, ${secs} s)"
      cat "$dir/$k.log"
      shown[$k]=1
    else
      all=0
    fi
  done
  [ $all -eq 1 ] && break
  sleep 1
done
wait $p1 ${p2:+$p2}

total_p=0 total_f=0
report=()
for ((k = 0; k < i; k++)); do
  read -r rc secs < "$dir/$k.rc"
  line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$dir/$k.log" | tail -n 1)
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
  report+=("$(printf '%-26s %6d passed %4d failed %6d s' "${names[$k]}" "$p" "$f" "$secs")")
done
echo "=== summary"
printf '%s\n' "${report[@]}"
echo "$total_p passed, $total_f failed"
[ "$total_f" -eq 0 ]
