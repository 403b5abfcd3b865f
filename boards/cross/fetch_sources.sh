#!/bin/bash
# SPDX-License-Identifier: MIT
# Fetches Debian source packages into DEST (default build/cross/src), only when they are
# missing, with a private apt configuration derived at run time from the machine's own
# /etc/apt/sources.list.d/*.sources (deb822). The machine's apt state is not touched: the deb-src
# lists, the package lists and the caches live under DEST/../apt (DEST/../apt-<suite> for
# another release's packages).
#
#   boards/cross/fetch_sources.sh [DEST [TREE ...]]
#
# TREE is one of (default: all of them)
#   mbedtls   this release's mbedtls (bookworm: 2.28, the version of libmbedtls-dev)
#   lwip      this release's lwip (bookworm: 2.1.3, the version of liblwip-dev)
#   mbedtls3  trixie's mbedtls (3.6 LTS: what ESP-IDF 5, Pico SDK 2 and Zephyr ship)
#   lwip22    trixie's lwip (2.2.1: what Pico SDK 2.2 pins; has NO_SYS examples in contrib/)
# Trixie's packages come from the same archives as the machine's own release (the URIs of
# its sources), with the release's code name replaced by trixie in each suite.
#
# Leaves the extracted trees as DEST/<pkg>-<version> with stable symlinks DEST/<TREE> (what
# boards/cross/cross.mk uses), and prints TREE_SRC_DIR=... lines (MBEDTLS_SRC_DIR,
# LWIP_SRC_DIR, MBEDTLS3_SRC_DIR, LWIP22_SRC_DIR). This release's versions are the installed
# libmbedtls-dev / liblwip-dev ones when those packages are installed (so headers and sources
# match), else whatever the archive offers.
set -euo pipefail

DEST=${1:-build/cross/src}
[ $# -gt 0 ] && shift
TREES=("$@")
[ ${#TREES[@]} -gt 0 ] || TREES=(mbedtls lwip mbedtls3 lwip22)
mkdir -p "$DEST"
DEST=$(cd "$DEST" && pwd)
SOURCES_DIR=${TAWS_APT_SOURCES_DIR:-/etc/apt/sources.list.d} # overridable for testing only
# The machine's release code name: the suites of its sources start with it.
OWN_CODENAME=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")

# have_src PKG UPSTREAM_PREFIX: prints the extracted directory of source package PKG if present.
have_src() {
    local d
    for d in "$DEST/$1"-"$2"*; do
        [ -d "$d" ] && [ -f "$d/.tinyaws-extracted" ] && { echo "$d"; return 0; }
    done
    return 1
}

# Source version of the installed binary package, or nothing.
installed_src_version() {
    dpkg-query -W -f='${db:Status-Abbrev} ${source:Version}\n' "$1" 2>/dev/null |
        awk '$1 == "ii" { print $2 }'
}

# deb822 → one-line deb-src entries. Keeps URIs, Suites, Components and Signed-By of every
# enabled stanza whose Types include "deb" (or already "deb-src"). An embedded (multi-line) Signed-By key is written
# to a file in the private directory and referenced by path.
derive_sources() {
    local out=$1 keydir=$2 suite=$3 f
    : > "$out"
    shopt -s nullglob
    for f in "$SOURCES_DIR"/*.sources; do
        awk -v keydir="$keydir" -v tag="$(basename "$f" .sources)" '
            function flush(   i, j, nu, ns, u, s, opt, kf) {
                if (types ~ /(^| )deb(-src)?( |$)/ && enabled != "no" && uris != "") {
                    opt = ""
                    if (key != "") {
                        kf = keydir "/" tag "-" NR ".asc"
                        printf "%s", key > kf; close(kf)
                        opt = " [signed-by=" kf "]"
                    } else if (signedby != "") {
                        opt = " [signed-by=" signedby "]"
                    }
                    nu = split(uris, u, " "); ns = split(suites, s, " ")
                    for (i = 1; i <= nu; i++)
                        for (j = 1; j <= ns; j++)
                            printf "deb-src%s %s %s %s\n", opt, u[i], s[j], comps
                }
                types = uris = suites = comps = signedby = key = enabled = field = ""
            }
            function trim(x) { sub(/^[ \t]+/, "", x); sub(/[ \t]+$/, "", x); return x }
            /^#/ { next }
            /^[ \t]*$/ { flush(); next }
            /^[ \t]/ {                      # continuation line
                if (field == "signed-by") {
                    line = $0; sub(/^[ \t]/, "", line)
                    if (line == ".") line = ""
                    key = key line "\n"
                } else if (field == "uris") uris = uris " " trim($0)
                else if (field == "suites") suites = suites " " trim($0)
                else if (field == "components") comps = comps " " trim($0)
                next
            }
            {
                i = index($0, ":"); if (i == 0) next
                field = tolower(substr($0, 1, i - 1)); val = trim(substr($0, i + 1))
                if (field == "types") types = val
                else if (field == "uris") uris = val
                else if (field == "suites") suites = val
                else if (field == "components") comps = val
                else if (field == "enabled") enabled = tolower(val)
                else if (field == "signed-by") signedby = val
            }
            END { flush() }' "$f" >> "$out"
    done
    # Components may have collected continuation whitespace: normalise, and drop repeats
    # (a stanza with "Types: deb deb-src" and another deb-src one for the same archive).
    sed -i 's/[ \t][ \t]*/ /g; s/ $//' "$out"
    if [ -n "$suite" ]; then
        # Another release from the same archives: bookworm -> trixie, bookworm-updates ->
        # trixie-updates, bookworm-security -> trixie-security.
        if [ -z "$OWN_CODENAME" ]; then
            echo "fetch_sources: no VERSION_CODENAME in /etc/os-release; cannot derive $suite" >&2
            exit 1
        fi
        awk -v own="$OWN_CODENAME" -v to="$suite" '{
            for (i = 1; i <= NF; i++)
                if ($i == own || index($i, own "-") == 1) { $i = to substr($i, length(own) + 1); break }
            print }' "$out" > "$out.tmp" && mv "$out.tmp" "$out"
    fi
    awk '!seen[$0]++' "$out" > "$out.tmp" && mv "$out.tmp" "$out"
    if [ ! -s "$out" ]; then
        echo "fetch_sources: no enabled 'Types: deb' stanza in $SOURCES_DIR/*.sources" >&2
        exit 1
    fi
}

need_dpkg_dev() {
    if ! dpkg-query -W -f='${db:Status-Abbrev}\n' dpkg-dev 2>/dev/null | grep -q '^ii'; then
        echo "fetch_sources: installing dpkg-dev (apt-get source needs dpkg-source)"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends dpkg-dev ||
            { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
                  --no-install-recommends dpkg-dev; }
    fi
}

APT_OPTS=()
APT_SUITE=none
# apt_private SUITE: a private apt configuration for the machine's release (SUITE empty) or
# for release SUITE; sets APTDIR and APT_OPTS.
apt_private() {
    local suite=$1
    [ "$APT_SUITE" = "$suite" ] && return 0
    APT_SUITE=$suite
    APTDIR=$(dirname "$DEST")/apt${suite:+-$suite}
    need_dpkg_dev
    rm -rf "$APTDIR"
    mkdir -p "$APTDIR/lists/partial" "$APTDIR/cache/archives/partial" "$APTDIR/keys" "$APTDIR/dl"
    derive_sources "$APTDIR/sources.list" "$APTDIR/keys" "$suite"
    # The download sandbox user must be able to write the private directories.
    if getent passwd _apt > /dev/null && [ "$(id -u)" = 0 ]; then
        chown -R _apt "$APTDIR/lists" "$APTDIR/cache" "$APTDIR/dl"
        chmod 0755 "$APTDIR/keys"; chmod 0644 "$APTDIR"/keys/* 2>/dev/null || true
    fi
    APT_OPTS=(-o "Dir::Etc::sourcelist=$APTDIR/sources.list" -o "Dir::Etc::sourceparts=-"
              -o "Dir::State::lists=$APTDIR/lists" -o "Dir::Cache=$APTDIR/cache"
              -o "Dir::Cache::pkgcache=" -o "Dir::Cache::srcpkgcache="
              -o "APT::Get::List-Cleanup=0")
    echo "fetch_sources: private deb-src list (${suite:-$OWN_CODENAME}) derived from $SOURCES_DIR/*.sources"
    apt-get "${APT_OPTS[@]}" update -qq
}

# fetch TREE PKG BINPKG UPSTREAM_PREFIX VAR [SUITE]
fetch() {
    local tree=$1 pkg=$2 bin=$3 up=$4 var=$5 suite=${6:-} ver= dir spec
    if dir=$(have_src "$pkg" "$up"); then
        ln -sfn "$(basename "$dir")" "$DEST/$tree"
        echo "$var=$dir"; return 0
    fi
    apt_private "$suite"
    [ -n "$suite" ] || ver=$(installed_src_version "$bin")
    spec=$pkg${ver:+=$ver}
    rm -rf "$APTDIR/dl"/*
    if ! (cd "$APTDIR/dl" && apt-get "${APT_OPTS[@]}" source -qq "$spec" > /dev/null); then
        if [ -n "$ver" ]; then
            echo "fetch_sources: $spec is not in the archive any more; taking the archive's $pkg" >&2
            (cd "$APTDIR/dl" && apt-get "${APT_OPTS[@]}" source -qq "$pkg" > /dev/null)
        else
            return 1
        fi
    fi
    for dir in "$APTDIR/dl/$pkg"-"$up"*; do
        [ -d "$dir" ] || continue
        rm -rf "$DEST/$(basename "$dir")"
        mv "$dir" "$DEST/"
        dir=$DEST/$(basename "$dir")
        touch "$dir/.tinyaws-extracted"
        ln -sfn "$(basename "$dir")" "$DEST/$tree"
        echo "fetch_sources: $pkg source $(basename "$dir") (${ver:-archive version}) in $DEST" >&2
        echo "$var=$dir"
        rm -rf "$APTDIR/dl"/*
        return 0
    done
    echo "fetch_sources: apt-get source $spec gave no $pkg-$up* directory" >&2
    return 1
}

for tree in "${TREES[@]}"; do
    case $tree in
    mbedtls)  fetch mbedtls mbedtls libmbedtls-dev 2.28 MBEDTLS_SRC_DIR ;;
    lwip)     fetch lwip lwip liblwip-dev 2.1.3 LWIP_SRC_DIR ;;
    mbedtls3) fetch mbedtls3 mbedtls - 3.6 MBEDTLS3_SRC_DIR trixie ;;
    lwip22)   fetch lwip22 lwip - 2.2.1 LWIP22_SRC_DIR trixie ;;
    *) echo "fetch_sources: unknown tree '$tree' (mbedtls, lwip, mbedtls3, lwip22)" >&2; exit 2 ;;
    esac
done
