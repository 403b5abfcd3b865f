#!/bin/bash
# SPDX-License-Identifier: MIT
# make install as an application meets it: install into a temporary prefix, build
# examples/list_failed_invocations.c there with pkg-config alone (a copy of the file in a
# directory of its own, no -I into the repository), run it against the local endpoint and
# compare with boto3 (tests/examples/test_examples.py ListFailedInvocations), run the
# installed CLI, stage an install under DESTDIR, uninstall; the same with MBEDTLS=system
# (Debian's mbedTLS 2.28) when its build directory is there.
# Usage: test_install.sh [BUILD]   (from the repository's top; BUILD defaults to build)
set -u
build=${1:-build}
repo=$(pwd)
tmp=$(mktemp -d /tmp/tinyaws-install-examples.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0
check() { # check NAME COMMAND...: ok when COMMAND succeeds
  local name=$1; shift
  if "$@" > "$tmp/out" 2>&1; then
    echo "ok - $name"; pass=$((pass + 1))
  else
    echo "not ok - $name"; sed 's/^/    /' "$tmp/out" | tail -n 20; fail=$((fail + 1))
  fi
}

# build_app PREFIX NAME [pkg-config flags]: the example, built outside the repository from
# what pkg-config says about the install in PREFIX, into $tmp/NAME/list_failed_invocations
build_app() {
  local prefix=$1 name=$2; shift 2
  local flags
  mkdir -p "$tmp/$name" && cp examples/list_failed_invocations.c "$tmp/$name/app.c" || return 1
  flags=$(PKG_CONFIG_PATH=$prefix/lib/pkgconfig PKG_CONFIG_LIBDIR= pkg-config --cflags --libs "$@" tinyaws) || return 1
  echo "pkg-config: $flags"
  case " $flags " in *"$repo"*) echo "flags reach into the repository"; return 1;; esac
  (cd "$tmp/$name" && cc -std=c99 -Wall -Wextra -Wpedantic -Werror app.c $flags -o list_failed_invocations)
}

usage_without_config() {
  local out rc
  out=$(env -i PATH=/usr/bin:/bin "$1" 2>&1); rc=$?
  [ $rc -eq 2 ] && grep -q '^usage: list_failed_invocations \[REGION \[ENDPOINT_URL\]\]$' <<< "$out"
}

files_of() { (cd "$1" && find . -type f | sort); }

installed_as_listed() { # the files make install promises, and no others of tinyaws's
  local p=$1 mbedtls=$2 h
  for h in include/tinyaws/*.h; do [ -f "$p/$h" ] || { echo "missing $h"; return 1; }; done
  for f in lib/libtinyaws.a lib/pkgconfig/tinyaws.pc bin/tinyaws; do
    [ -f "$p/$f" ] || { echo "missing $f"; return 1; }
  done
  if [ "$mbedtls" = 3.6 ]; then
    for f in lib/tinyaws/libmbedtls.a lib/tinyaws/libmbedx509.a lib/tinyaws/libmbedcrypto.a \
             include/tinyaws/mbedtls-3.6/mbedtls/ssl.h include/tinyaws/mbedtls-3.6/psa/crypto.h \
             include/tinyaws/mbedtls-3.6/tinyaws_mbedtls_host_config.h; do
      [ -f "$p/$f" ] || { echo "missing $f"; return 1; }
    done
    grep -q '^#include "tinyaws_mbedtls_host_config.h"$' "$p/include/tinyaws/mbedtls-3.6/mbedtls/mbedtls_config.h"
  else
    [ ! -e "$p/lib/tinyaws" ] && [ ! -e "$p/include/tinyaws/mbedtls-3.6" ]
  fi
}

# run_listing DIR: the built example against the endpoint, compared with boto3
run_listing() { /usr/bin/python3 tests/examples/test_examples.py "$1" ListFailedInvocations; }

uninstalled() { make -s uninstall PREFIX="$1" BUILD="$2" MBEDTLS="$3" && [ -z "$(files_of "$1")" ]; }

# 1. The default build (mbedTLS 3.6, installed privately).
p=$tmp/prefix
check "make install PREFIX=<tmp> installs" make -s install PREFIX="$p" BUILD="$build"
check "the files are where install.mk says" installed_as_listed "$p" 3.6
check "tinyaws.pc: prefix is the install's" grep -qx "prefix=$p" "$p/lib/pkgconfig/tinyaws.pc"
check "list_failed_invocations.c builds with pkg-config --cflags --libs" build_app "$p" dyn
check "... and with pkg-config --cflags --libs --static" build_app "$p" static --static
check "the built example prints its usage without configuration" usage_without_config "$tmp/dyn/list_failed_invocations"
check "the built example lists what boto3 lists (HTTPS, local endpoint)" run_listing "$tmp/dyn"
check "the installed CLI runs" "$p/bin/tinyaws" --version
check "make uninstall removes every file" uninstalled "$p" "$build" 3.6

# 2. A staged install: DESTDIR holds the files, the pc file names the final prefix.
s=$tmp/stage
check "make install DESTDIR=<tmp> PREFIX=/usr/local stages" make -s install DESTDIR="$s" PREFIX=/usr/local BUILD="$build"
check "staged under DESTDIR" installed_as_listed "$s/usr/local" 3.6
check "staged tinyaws.pc names /usr/local" grep -qx 'prefix=/usr/local' "$s/usr/local/lib/pkgconfig/tinyaws.pc"

# 3. MBEDTLS=system: Debian's libmbedtls-dev 2.28 (make test builds $build/mbedtls2).
if [ -f "$build/mbedtls2/libtinyaws.a" ]; then
  q=$tmp/prefix-system
  check "MBEDTLS=system: make install" make -s install PREFIX="$q" BUILD="$build/mbedtls2" MBEDTLS=system
  check "MBEDTLS=system: no mbedTLS of ours installed" installed_as_listed "$q" system
  check "MBEDTLS=system: tinyaws.pc links the system's mbedTLS" \
    grep -qx 'Libs: -L${libdir} -ltinyaws -lmbedtls -lmbedx509 -lmbedcrypto' "$q/lib/pkgconfig/tinyaws.pc"
  check "MBEDTLS=system: the example builds with pkg-config" build_app "$q" sys
  check "MBEDTLS=system: the built example lists what boto3 lists" run_listing "$tmp/sys"
  check "MBEDTLS=system: make uninstall removes every file" uninstalled "$q" "$build/mbedtls2" system
fi

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
