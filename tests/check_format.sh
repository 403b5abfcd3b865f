#!/bin/bash
# SPDX-License-Identifier: MIT
# Formatting, as far as today's code allows without reformatting the tree:
#   - every source file the project owns (tests/source_files.sh): no trailing white space, no
#     CR, a final newline, no tab except at the start of a makefile's recipe line;
#   - the files of tests/format_clean.txt (those that already were when .clang-format was
#     written, all under src/, port/, include/): exactly as clang-format-14 with .clang-format
#     writes them, which includes lines of at most 100 columns. A file joins the list once it
#     is clean; the rest of the tree is not checked against .clang-format (nor for line length).
# Then the checks themselves on scratch files that break each rule.
#
#   bash tests/check_format.sh    (from the repository's top) last line "N passed, M failed"
set -u
cd "$(dirname "$0")/.."
CLANG_FORMAT=${CLANG_FORMAT:-clang-format-14}
pass=0 fail=0
ok() { echo "ok - $*"; pass=$((pass + 1)); }
not_ok() { echo "not ok - $*"; fail=$((fail + 1)); }

# whitespace FILE...: one line per problem.
whitespace() {
    local f
    for f in "$@"; do
        grep -nE '[[:space:]]+$' "$f" | grep -v $'\r$' | cut -d: -f1 | sed "s#^#$f:#;s#\$#: trailing white space#"
        grep -q $'\r' "$f" && echo "$f: CR (carriage return)"
        [ -s "$f" ] && [ "$(tail -c 1 "$f" | od -An -c | tr -d ' ')" != '\n' ] && echo "$f: no final newline"
        case "$f" in
        *.mk | Makefile | */Makefile) grep -nP '(?<=[^\t])\t' "$f" | grep -vP '^\d+:\t' |
                                          cut -d: -f1 | sed "s#^#$f:#;s#\$#: tab not at a recipe's start#" ;;
        *) grep -nP '\t' "$f" | cut -d: -f1 | sed "s#^#$f:#;s#\$#: tab#" ;;
        esac
    done
}
# clang_format FILE...: the files clang-format would change.
clang_format() {
    local f
    for f in "$@"; do
        "$CLANG_FORMAT" --style=file "$f" | cmp -s - "$f" || echo "$f: differs from clang-format (run $CLANG_FORMAT -i $f to see how)"
    done
}

mapfile -t files < <(bash tests/source_files.sh)
bad=$(whitespace "${files[@]}")
if [ -z "$bad" ]; then ok "white space clean in all ${#files[@]} source files"
else not_ok "white space:"; head -n 40 <<< "$bad" | sed 's/^/    /'; fi

mapfile -t clean < <(grep -v '^#' tests/format_clean.txt | grep .)
bad=$(clang_format "${clean[@]}")
if [ ${#clean[@]} -lt 10 ]; then not_ok "tests/format_clean.txt lists only ${#clean[@]} files"
elif [ -z "$bad" ]; then ok "the ${#clean[@]} files of tests/format_clean.txt are as clang-format writes them"
else not_ok "clang-format:"; sed 's/^/    /' <<< "$bad"; fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
printf 'int a; \n' > "$scratch/trail.c"
printf 'int a;\r\n' > "$scratch/cr.c"
printf 'int a;' > "$scratch/nonl.c"
printf 'int\ta;\n' > "$scratch/tab.c"
printf 'x:\n\techo ok\ny := a\tb\n' > "$scratch/tab.mk"
printf 'int a;\n' > "$scratch/good.c"
out=$(whitespace "$scratch"/trail.c "$scratch"/cr.c "$scratch"/nonl.c "$scratch"/tab.c "$scratch"/tab.mk "$scratch"/good.c)
if [ "$(wc -l <<< "$out")" -eq 5 ] && ! grep -q good.c <<< "$out"; then
    ok "the white-space check finds trailing space, CR, no final newline, a tab, a makefile's inner tab"
else not_ok "the white-space check on scratch files:"; echo "$out"; fi
cp .clang-format "$scratch/"
printf 'int f(void) { return 1; }\n' > "$scratch/style.c"
printf 'int f(void)\n{\n    return 1;\n}\n' > "$scratch/styled.c"
if [ -n "$(clang_format "$scratch/style.c")" ] && [ -z "$(clang_format "$scratch/styled.c")" ]; then
    ok "the clang-format check tells a one-line function from the house style"
else not_ok "the clang-format check on scratch files"; fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
