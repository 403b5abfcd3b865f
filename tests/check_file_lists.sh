#!/bin/bash
# SPDX-License-Identifier: MIT
# The one file list (tinyaws.mk for make, tinyawsFilePaths.cmake for CMake) against the tree:
#   - every .c under src/ and port/ is in a list of tinyaws.mk;
#   - every file and folder either list names exists;
#   - both name the same lists with the same files (TINYAWS_X_SRC <-> TINYAWS_X_SOURCES,
#     TINYAWS_INCLUDE_PUBLIC_DIRS in both), read by make and by cmake -P themselves.
# Then the same check on scratch copies of the tree with a forgotten .c, a listed file removed
# and a CMake list one file short: each must fail.
#
#   bash tests/check_file_lists.sh [repository top]     last line "N passed, M failed"
set -u
top=$(cd "${1:-$(dirname "$0")/..}" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
pass=0 fail=0
ok() { echo "ok - $*"; pass=$((pass + 1)); }
not_ok() { echo "not ok - $*"; fail=$((fail + 1)); }

# lists_mk ROOT: "NAME path..." per TINYAWS_* list of ROOT/tinyaws.mk, paths relative to ROOT.
lists_mk() {
    make -s --no-print-directory -C "$1" -f - <<'EOF'
include tinyaws.mk
NAMES := $(sort $(filter TINYAWS_%_SRC TINYAWS_INCLUDE_PUBLIC_DIRS,$(.VARIABLES)))
all: ; @$(foreach n,$(NAMES),echo '$(n) $(strip $($(n)))';)
EOF
}

# lists_cmake ROOT: the same from ROOT/tinyawsFilePaths.cmake (names ending _SOURCES become
# _SRC), paths made relative to ROOT.
lists_cmake() {
    cat > "$scratch/print.cmake" <<'EOF'
cmake_minimum_required(VERSION 3.13)
include(${ROOT}/tinyawsFilePaths.cmake)
get_cmake_property(names VARIABLES)
list(SORT names)
foreach(n IN LISTS names)
    if(n MATCHES "^TINYAWS_.*_SOURCES$" OR n STREQUAL "TINYAWS_INCLUDE_PUBLIC_DIRS")
        string(REPLACE ";" " " v "${${n}}")
        string(REGEX REPLACE "_SOURCES$" "_SRC" m "${n}")
        message(STATUS "LIST ${m} ${v}")
    endif()
endforeach()
EOF
    cmake -DROOT="$1" -P "$scratch/print.cmake" 2>&1 | sed -n 's/^-- LIST //p' \
        | sed "s#$1/##g" | sort
}

# check ROOT: prints one line per problem; returns non-zero when there is any.
check() {
    local root=$1 bad=0 mk cm name files f
    mk=$(lists_mk "$root") || { echo "  make could not read $root/tinyaws.mk"; return 1; }
    cm=$(lists_cmake "$root")
    if [ -z "$mk" ] || [ -z "$cm" ]; then echo "  no lists read"; return 1; fi
    # Same lists, same files (order aside).
    norm() { while read -r name files; do
                 echo "$name $(printf '%s\n' $files | sort | tr '\n' ' ')"; done; }
    if ! diff <(norm <<< "$mk" | sort) <(norm <<< "$cm" | sort) > "$scratch/diff"; then
        echo "  tinyaws.mk (<) and tinyawsFilePaths.cmake (>) disagree:"
        sed 's/^/    /' "$scratch/diff"
        bad=1
    fi
    # Everything named exists.
    while read -r name files; do
        for f in $files; do
            [ -e "$root/$f" ] || { echo "  $name names $f, which does not exist"; bad=1; }
        done
    done <<< "$mk"$'\n'"$cm"
    # Every .c under src/ and port/ is in a list.
    local listed
    listed=$(cut -d' ' -f2- <<< "$mk" | tr ' ' '\n' | sort -u)
    while read -r f; do
        [ -n "$f" ] || continue
        grep -qxF "$f" <<< "$listed" || { echo "  $f is in no list of tinyaws.mk"; bad=1; }
    done < <(cd "$root" && find src port -name '*.c' | sort)
    return $bad
}

if out=$(check "$top"); then
    ok "tinyaws.mk and tinyawsFilePaths.cmake agree, name existing files, and list every .c under src/ and port/"
else
    not_ok "the file lists:"; echo "$out"
fi

# The check itself on scratch copies: the lists and an empty file for every .c of the tree.
# copy NAME: a fresh copy in $scratch/NAME
copy() {
    local d=$scratch/$1
    mkdir -p "$d"
    cp "$top/tinyaws.mk" "$top/tinyawsFilePaths.cmake" "$d/"
    (cd "$top" && find src port include examples -name '*.c' -o -type d -name include) | while read -r f; do
        mkdir -p "$d/$(dirname "$f")"; if [ -d "$top/$f" ]; then mkdir -p "$d/$f"; else : > "$d/$f"; fi
    done
    echo "$d"
}
# expect_fail WHAT DIR PATTERN: check DIR must fail and say PATTERN.
expect_fail() {
    local out
    if out=$(check "$2"); then
        not_ok "the check passes with $1"
    elif grep -q -- "$3" <<< "$out"; then
        ok "the check fails with $1 ($(grep -m1 -- "$3" <<< "$out" | sed 's/^ *//'))"
    else
        not_ok "the check fails with $1 but does not say so:"; echo "$out"
    fi
}
d=$(copy clean)
if out=$(check "$d"); then ok "an unchanged scratch copy passes"; else not_ok "an unchanged copy fails:"; echo "$out"; fi
d=$(copy forgotten); : > "$d/src/forgotten.c"; : > "$d/port/posix/extra.c"
expect_fail "a .c in no list" "$d" "src/forgotten.c is in no list"
d=$(copy missing); rm "$d/src/pager.c"
expect_fail "a listed file missing" "$d" "names src/pager.c, which does not exist"
d=$(copy disagree); sed -i '/src\/sigv4\.c/d' "$d/tinyawsFilePaths.cmake"
expect_fail "a CMake list one file short" "$d" "disagree"
d=$(copy onlymk); printf 'TINYAWS_PORT_EXTRA_SRC := src/pager.c\n' >> "$d/tinyaws.mk"
expect_fail "a list only tinyaws.mk has" "$d" "TINYAWS_PORT_EXTRA_SRC"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
