#!/bin/sh
# Compiles every storage/ source (syntax only) against the public headers of
# each RocksDB release in a folder of tarballs, and says which release broke.
#
#   scripts/check-rocksdb-headers.sh [HEADERS_DIR] [WORK_DIR]
#
# HEADERS_DIR (default: ../shared/rocksdb beside the project) holds
#   rocksdb-<version>-include.tar.gz   public headers only (<top>/include/rocksdb/...)
#   rocksdb-<version>.tar.gz           a full source release (its include/ is used)
# Each is unpacked once into WORK_DIR (default: a temporary folder). The
# system's own RocksDB headers are checked by the normal build; this covers
# the releases users have (Ubuntu 24.04's 8.9, Debian 13's 9.10, Homebrew's
# 11.x) and upstream main. Exit status: 0 when every release compiles, 1
# otherwise, with the first errors of each failing file.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
headers=${1:-$root/../shared/rocksdb}
work=${2:-}
cxx=${CXX:-c++}
jobs=$(nproc 2>/dev/null || sysctl -n hw.ncpu 2>/dev/null || echo 2)

if [ ! -d "$headers" ]; then
    echo "check-rocksdb-headers: no folder $headers" >&2
    exit 1
fi
if [ -z "$work" ]; then
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"

# The sources: every .cpp under storage/ (all of them: a header of ours that
# includes RocksDB can reach a file that does not name it).
sources=$(cd "$root" && find storage -name '*.cpp' | sort)

found=0
failed=""
for tarball in "$headers"/rocksdb-*.tar.gz; do
    [ -f "$tarball" ] || continue
    name=$(basename "$tarball" .tar.gz)
    release=${name#rocksdb-}
    release=${release%-include}
    dir="$work/$name"
    if [ ! -d "$dir/include/rocksdb" ]; then
        rm -rf "$dir" && mkdir -p "$dir"
        top=$(tar -tzf "$tarball" | head -n 1 | cut -d/ -f1)
        tar -xzf "$tarball" -C "$dir" --strip-components=1 "$top/include"
    fi
    found=$((found + 1))
    log="$work/$name.log"
    : >"$log"
    # One compiler per source, $jobs at a time; a file's errors go to its own log.
    printf '%s\n' $sources | xargs -P "$jobs" -I{} sh -c '
        out="$1/$(echo "$2" | tr / _).err"
        if ! "$3" -std=c++20 -fsyntax-only -Wall -Wextra -Wpedantic -DMERIDIAN_RELEASE_ROCKSDB=\"check\" \
             -I"$4" -isystem "$5/include" "$4/$2" >"$out" 2>&1; then
            echo "$2" >>"$6"
        fi' sh "$work" {} "$cxx" "$root" "$dir" "$log.failed" || true
    if [ -s "$log.failed" ]; then
        failed="$failed $release"
        echo "RocksDB $release: FAILED to compile:"
        while read -r src; do
            echo "  $src:"
            head -n 8 "$work/$(echo "$src" | tr / _).err" | sed 's/^/    /'
        done <"$log.failed"
    else
        echo "RocksDB $release ($(grep -h '#define ROCKSDB_M[AI][JN]OR\|#define ROCKSDB_PATCH' "$dir/include/rocksdb/version.h" |
            awk '{printf "%s%s", sep, $3; sep="."}')): $(printf '%s\n' $sources | wc -l | tr -d ' ') sources compile"
    fi
    rm -f "$log.failed" "$work"/*.err
done

if [ "$found" -eq 0 ]; then
    echo "check-rocksdb-headers: no rocksdb-*.tar.gz in $headers" >&2
    exit 1
fi
if [ -n "$failed" ]; then
    echo "check-rocksdb-headers: storage/ does not compile against RocksDB$failed" >&2
    exit 1
fi
echo "check-rocksdb-headers: storage/ compiles against all $found RocksDB releases in $headers"
