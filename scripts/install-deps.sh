#!/bin/sh
# Installs what building and testing Meridian Inspector needs, and only what
# is missing. Debian/Ubuntu: apt-get (through sudo when not root). macOS: brew.
#
#   install-deps.sh [--rocksdb-source] [--fuzz]
#
# --rocksdb-source adds what building RocksDB from a release tarball needs
# (scripts/build-rocksdb.sh): its compression codecs and, for its db_bench,
# gflags. The system's RocksDB and its tools stay installed either way: the
# tests read back with the system's ldb what a newer engine wrote.
# --fuzz adds clang and its libFuzzer runtime (make fuzz). Debian's clang only
# recommends the runtime (libclang_rt.fuzzer is in libclang-rt-<version>-dev,
# which libclang-rt-dev names for the default clang), and recommends are not
# installed here. On macOS, make fuzz uses Homebrew's llvm when it is there.
set -eu

DEBIAN_PACKAGES="build-essential cmake ninja-build pkg-config git \
qt6-base-dev qt6-base-dev-tools libqt6svg6 qt6-qpa-plugins libgl-dev libxkbcommon-dev \
librocksdb-dev rocksdb-tools libre2-dev libzstd-dev liblz4-dev \
libprotobuf-dev libprotoc-dev protobuf-compiler libmsgpack-cxx-dev libbson-dev \
xvfb xauth imagemagick xdotool \
dpkg-dev file desktop-file-utils appstream"

BREW_PACKAGES="cmake ninja pkg-config qt rocksdb re2 zstd lz4 protobuf msgpack-cxx mongo-c-driver"

for option in "$@"; do
    case "$option" in
    --rocksdb-source)
        # (LZ4 and zstd are in the lists above: compressed memory stores use them.)
        DEBIAN_PACKAGES="$DEBIAN_PACKAGES libsnappy-dev zlib1g-dev libbz2-dev libgflags-dev"
        BREW_PACKAGES="$BREW_PACKAGES snappy gflags"
        ;;
    --fuzz)
        DEBIAN_PACKAGES="$DEBIAN_PACKAGES clang libclang-rt-dev"
        ;;
    *)
        echo "install-deps: unknown option $option" >&2
        exit 2
        ;;
    esac
done

missing_debian() {
    for pkg in $DEBIAN_PACKAGES; do
        status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
        case "$status" in
            *"ok installed"*) ;;
            *) printf '%s ' "$pkg" ;;
        esac
    done
}

case "$(uname -s)" in
Linux)
    if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
        echo "install-deps: not a Debian/Ubuntu system; install Qt 6 (Widgets, Concurrent, Test), RocksDB and CMake yourself." >&2
        exit 0
    fi
    todo=$(missing_debian)
    [ -z "$todo" ] && exit 0
    sudo=""
    if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
    echo "install-deps: installing $todo"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    # shellcheck disable=SC2086
    $sudo apt-get install -y -qq --no-install-recommends $todo
    ;;
Darwin)
    if ! command -v brew >/dev/null 2>&1; then
        echo "install-deps: Homebrew is needed on macOS (https://brew.sh)" >&2
        exit 1
    fi
    for pkg in $BREW_PACKAGES; do
        brew list --versions "$pkg" >/dev/null 2>&1 || brew install "$pkg"
    done
    ;;
*)
    echo "install-deps: unknown system $(uname -s); install Qt 6, RocksDB and CMake yourself." >&2
    ;;
esac
