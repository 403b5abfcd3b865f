#!/bin/bash
# Every source file the project owns (tests/source_files.sh) carries the licence's SPDX line
# "SPDX-License-Identifier: MIT" in its first five lines (after a shebang, in the file's own
# comment syntax); generated *.gen.* files get it from their generators. Then the check itself
# on scratch files: one without the line and one with it only further down must fail.
#
#   bash tests/check_spdx.sh      (from the repository's top) last line "N passed, M failed"
set -u
cd "$(dirname "$0")/.."
pass=0 fail=0
ok() { echo "ok - $*"; pass=$((pass + 1)); }
not_ok() { echo "not ok - $*"; fail=$((fail + 1)); }
# missing FILE...: prints the files without the line near their top.
missing() {
    local f
    for f in "$@"; do
        head -n 5 "$f" | grep -q 'SPDX-License-Identifier: MIT' || echo "$f"
    done
}

mapfile -t files < <(bash tests/source_files.sh)
bad=$(missing "${files[@]}")
if [ ${#files[@]} -lt 100 ]; then
    not_ok "only ${#files[@]} source files found"
elif [ -z "$bad" ]; then
    ok "all ${#files[@]} source files carry SPDX-License-Identifier: MIT"
else
    not_ok "$(wc -l <<< "$bad") source files lack SPDX-License-Identifier: MIT:"
    sed 's/^/    /' <<< "$bad"
fi

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
printf '/* A file without the line. */\nint x;\n' > "$scratch/none.c"
printf '#!/bin/sh\n# one\n# two\n# three\n# four\n# SPDX-License-Identifier: MIT\n' > "$scratch/late.sh"
printf '#!/bin/sh\n# SPDX-License-Identifier: MIT\n' > "$scratch/good.sh"
[ "$(missing "$scratch/none.c" "$scratch/late.sh" "$scratch/good.sh" | wc -l)" -eq 2 ] &&
    [ -z "$(missing "$scratch/good.sh")" ] &&
    ok "the check finds a file without the line and one with it too far down" ||
    not_ok "the check does not tell files without the line"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
