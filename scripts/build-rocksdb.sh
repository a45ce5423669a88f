#!/bin/sh
# Builds RocksDB from a release tarball, once, and prints where it is installed.
#
#   scripts/build-rocksdb.sh path/to/rocksdb-11.0.4.tar.gz [SHA256]
#
# The result is a static library built with RTTI (our logger subclasses
# rocksdb::Logger) and with snappy, lz4, zstd, zlib and bz2, so that databases
# compressed with any of them open; plus RocksDB's own ldb, sst_dump and
# db_bench of the same version (in bin/), which the tests use as the reference
# and to make databases, as they use Debian's rocksdb-tools with the system
# RocksDB. db_bench needs gflags (libgflags-dev); the library does not link it
# (scripts/rocksdb-db-bench.cmake). It is installed into a cache outside any
# build folder:
#
#   ${MERIDIAN_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/meridian}/rocksdb-<version>-<sha>-r<recipe>
#
# A second run with the same tarball prints the same prefix at once. The
# tarball's SHA-256 is checked against the one given, or against the pin below
# for the release it names; a mismatch stops the build. The last line on
# stdout is the install prefix; everything else goes to stderr and build.log.
set -eu

tarball=${1:?usage: build-rocksdb.sh TARBALL [SHA256]}
want_sha=${2:-}
# Bump when the way RocksDB is built changes, so a cached build made the old way is not reused.
recipe=2
here=$(cd "$(dirname "$0")" && pwd)

# Releases we pin (the upstream GitHub tarball v<version>.tar.gz; Homebrew pins the same).
pinned_sha() {
    case "$1" in
        11.0.4) echo b4dfd75199f385ec76056f81d33cde8f4cb446ea2ed1821feec7b996b3409f67 ;;
        *) echo "" ;;
    esac
}

if [ ! -f "$tarball" ]; then
    echo "build-rocksdb: no such file: $tarball" >&2
    echo "build-rocksdb: the release tarball is https://github.com/facebook/rocksdb/archive/refs/tags/v11.0.4.tar.gz" >&2
    echo "build-rocksdb: (SHA-256 $(pinned_sha 11.0.4)); give its path" >&2
    exit 1
fi
tarball=$(cd "$(dirname "$tarball")" && pwd)/$(basename "$tarball")

if command -v sha256sum >/dev/null 2>&1; then
    sha=$(sha256sum "$tarball" | cut -d' ' -f1)
else
    sha=$(shasum -a 256 "$tarball" | cut -d' ' -f1)
fi

version=$(basename "$tarball" | sed -n 's/^[^0-9]*\([0-9][0-9]*\.[0-9][0-9]*\.[0-9][0-9]*\).*$/\1/p')
[ -n "$version" ] || version=unknown
[ -n "$want_sha" ] || want_sha=$(pinned_sha "$version")
if [ -n "$want_sha" ] && [ "$sha" != "$want_sha" ]; then
    echo "build-rocksdb: $tarball has SHA-256 $sha, expected $want_sha; not building it" >&2
    exit 1
fi

cache=${MERIDIAN_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/meridian}
short=$(printf %s "$sha" | cut -c1-12)
prefix="$cache/rocksdb-$version-$short-r$recipe"
stamp="$prefix/.complete"

if [ -f "$stamp" ]; then
    echo "build-rocksdb: using the cached RocksDB $version in $prefix" >&2
    echo "$prefix"
    exit 0
fi

mkdir -p "$cache"
work="$cache/rocksdb-$version-$short-r$recipe.build"
# One build at a time for a given tarball: a second caller waits for the first.
lock="$work.lock"
while ! mkdir "$lock" 2>/dev/null; do
    if [ -f "$stamp" ]; then echo "$prefix"; exit 0; fi
    echo "build-rocksdb: another build of $version is running ($lock); waiting" >&2
    sleep 30
done
trap 'rmdir "$lock" 2>/dev/null || true' EXIT INT TERM
if [ -f "$stamp" ]; then echo "$prefix"; exit 0; fi

jobs=$(nproc 2>/dev/null || sysctl -n hw.ncpu 2>/dev/null || echo 2)
log="$work/build.log"
rm -rf "$work/src" "$work/out" "$prefix"
mkdir -p "$work/src" "$work/out"
echo "build-rocksdb: building RocksDB $version from $tarball with $jobs jobs (log: $log); this takes a while" >&2
start=$(date +%s)
tar -xzf "$tarball" -C "$work/src" --strip-components=1

# macOS: the compression libraries come from Homebrew.
extra=""
if [ "$(uname -s)" = Darwin ] && command -v brew >/dev/null 2>&1; then
    pp=""
    for f in snappy lz4 zstd gflags; do pp="$pp;$(brew --prefix "$f")"; done
    extra="-DCMAKE_PREFIX_PATH=${pp#;}"
fi

{
    cmake -S "$work/src" -B "$work/out" -G Ninja \
        -DCMAKE_BUILD_TYPE=Release \
        -DCMAKE_INSTALL_PREFIX="$prefix" \
        -DCMAKE_INSTALL_LIBDIR=lib \
        -DCMAKE_POSITION_INDEPENDENT_CODE=ON \
        -DROCKSDB_BUILD_SHARED=OFF \
        -DUSE_RTTI=1 \
        -DPORTABLE=1 \
        -DFAIL_ON_WARNINGS=OFF \
        -DWITH_GFLAGS=OFF \
        -DWITH_TESTS=OFF \
        -DWITH_ALL_TESTS=OFF \
        -DWITH_BENCHMARK_TOOLS=ON \
        -DCMAKE_PROJECT_rocksdb_INCLUDE="$here/rocksdb-db-bench.cmake" \
        -DWITH_TOOLS=OFF \
        -DWITH_CORE_TOOLS=ON \
        -DWITH_TRACE_TOOLS=OFF \
        -DWITH_LIBURING=OFF \
        -DWITH_JEMALLOC=OFF \
        -DWITH_SNAPPY=ON -DWITH_LZ4=ON -DWITH_ZSTD=ON -DWITH_ZLIB=ON -DWITH_BZ2=ON \
        $extra &&
    cmake --build "$work/out" -j "$jobs" --target rocksdb ldb sst_dump db_bench &&
    cmake --install "$work/out" --component devel &&
    mkdir -p "$prefix/bin" &&
    cp "$work/out/tools/ldb" "$work/out/tools/sst_dump" "$work/out/db_bench" "$prefix/bin/"
} >"$log" 2>&1 || {
    echo "build-rocksdb: the build failed; the last lines of $log:" >&2
    tail -n 30 "$log" >&2
    exit 1
}

end=$(date +%s)
printf 'version=%s\nsha256=%s\nseconds=%s\njobs=%s\n' "$version" "$sha" "$((end - start))" "$jobs" >"$prefix/build-info.txt"
rm -rf "$work/src" "$work/out"
touch "$stamp"
echo "build-rocksdb: RocksDB $version built in $((end - start)) s, installed in $prefix" >&2
echo "$prefix"
