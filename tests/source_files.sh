#!/bin/bash
# SPDX-License-Identifier: MIT
# Prints the source files the project owns, one per line, relative to the repository's top
# (the current directory): C, headers, C++, Python, shell, make, CMake, linker scripts and
# Kconfig, tracked or new (git ls-files; .gitignore'd files left out). Data (JSON, corpora,
# Markdown) is not listed. tests/check_spdx.sh and tests/check_format.sh read this list.
set -u
if git rev-parse --is-inside-work-tree > /dev/null 2>&1; then
    git ls-files --cached --others --exclude-standard
else
    find . -path ./build -prune -o -path ./.git -prune -o -type f -print | sed 's#^\./##'
fi | grep -E '(\.(c|h|cpp|py|sh|mk|cmake|ld)|/Makefile|^Makefile|CMakeLists\.txt|Kconfig(\.projbuild)?)$' \
   | grep -v '^\.ci/' | sort -u | while read -r f; do [ -f "$f" ] && echo "$f"; done
