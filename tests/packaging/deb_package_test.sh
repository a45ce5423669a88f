#!/usr/bin/env bash
# Builds the .deb from this build tree with CPack (in a scratch directory),
# inspects it (files, control fields, computed dependencies), unpacks it into
# a temporary root with dpkg -x, and runs what it installed: meridian-db
# --version, and the GUI under QT_QPA_PLATFORM=offscreen with --smoke on a
# database made by the installed meridian-db. Removes everything it made.
#   deb_package_test.sh <build-dir> <app-id> <version> <shared|static> <rocksdb-version>
# The last two say how the build links RocksDB: the system's shared library
# (the package then depends on librocksdb), or a RocksDB built from source,
# linked statically (no librocksdb dependency; its compression libraries
# instead), and which release: the installed meridian-db must report it.
# Skips nothing: a missing tool fails, naming the Debian package to install.
set -euo pipefail
build=${1:?build directory} app_id=${2:?app id} version=${3:?version}
linkage=${4:?shared or static} rocksdb_version=${5:?RocksDB version}
here=$(cd "$(dirname "$0")" && pwd)
icon_sizes="16 22 24 32 48 64 128 256 512"  # the hicolor PNGs the package must carry

fail() { echo "FAIL: $*" >&2; exit 1; }
need() {  # need <command> <debian package>
    command -v "$1" >/dev/null 2>&1 ||
        fail "$1 is missing: apt-get install $2 (scripts/install-deps.sh, run by make, installs it)"
}
need cpack cmake
need dpkg-deb dpkg
need dpkg-shlibdeps dpkg-dev   # CPACK_DEBIAN_PACKAGE_SHLIBDEPS runs it
need file file                 # CPack's DEB generator finds the ELF files with it
need readelf binutils
need desktop-file-validate desktop-file-utils
need appstreamcli appstream
[ -f "$build/CPackConfig.cmake" ] || fail "$build/CPackConfig.cmake is missing (configure the build first)"

scratch=$(mktemp -d "${TMPDIR:-/tmp}/meridian-deb-test.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

# 1. Build the package. -B keeps CPack's staging and the .deb out of the build tree.
if ! cpack -G DEB --config "$build/CPackConfig.cmake" -B "$scratch/out" >"$scratch/cpack.log" 2>&1; then
    cat "$scratch/cpack.log" >&2
    fail "cpack -G DEB failed"
fi
shopt -s nullglob
debs=("$scratch/out/"*.deb)
[ ${#debs[@]} -eq 1 ] || fail "expected one .deb, found: ${debs[*]:-none}"
deb=${debs[0]}
arch=$(dpkg --print-architecture)
[ "$(basename "$deb")" = "meridian-inspector_${version}_${arch}.deb" ] || fail "unexpected file name $(basename "$deb")"

# 2. Control fields: name, version, and dependencies computed by dpkg-shlibdeps.
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = meridian-inspector ] || fail "Package is '$(field Package)'"
[ "$(field Version)" = "$version" ] || fail "Version is '$(field Version)', expected $version"
[ "$(field Architecture)" = "$arch" ] || fail "Architecture is '$(field Architecture)'"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
depends=$(field Depends)
echo "Depends: $depends"
needed="libqt6core6 libqt6gui6 libqt6widgets6 libc6 libstdc\\+\\+6"
case "$linkage" in
shared) needed="$needed librocksdb" ;;
static)
    # RocksDB is inside the binaries; the compression codecs it was built with
    # are not (Debian's libbz2 has no versioned shlibs entry).
    for codec in libsnappy liblz4 libzstd zlib1g libbz2; do
        grep -qE "(^|, )${codec}" <<<"$depends" || fail "Depends lacks $codec, which the static RocksDB needs: $depends"
    done
    if grep -qE "(^|, )librocksdb" <<<"$depends"; then fail "a statically linked RocksDB, yet Depends names librocksdb: $depends"; fi
    ;;
*) fail "linkage must be shared or static, not '$linkage'" ;;
esac
for lib in $needed; do
    grep -qE "(^|, )${lib}[^,]* \(>= [^)]+\)" <<<"$depends" ||
        fail "Depends lacks a versioned ${lib//\\/} (dpkg-shlibdeps did not run?): $depends"
done
dpkg-deb -I "$deb" >/dev/null || fail "dpkg-deb -I cannot read the control archive"

# 3. Contents: exactly the files we install, nothing from the build tree.
dpkg-deb -c "$deb" | awk '$1 !~ /^d/ {print $NF}' | sort >"$scratch/files"
{
    echo "./usr/bin/meridian-db"
    echo "./usr/bin/meridian-inspector"
    echo "./usr/share/applications/$app_id.desktop"
    echo "./usr/share/metainfo/$app_id.metainfo.xml"
    echo "./usr/share/icons/hicolor/scalable/apps/$app_id.svg"
    for size in $icon_sizes; do
        echo "./usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png"
    done
} | sort >"$scratch/expected"
if ! diff -u "$scratch/expected" "$scratch/files" >&2; then
    fail "the package's files differ from the expected list (- expected, + in the package)"
fi
if dpkg-deb -c "$deb" | awk '{print $2}' | grep -qv '^root/root$'; then
    fail "files not owned by root/root"
fi

# 4. Unpack into a temporary root and check what landed there.
root=$scratch/root
dpkg -x "$deb" "$root"
for size in $icon_sizes; do
    png=$root/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png
    file -b "$png" | grep -q "PNG image data, $size x $size," || fail "$png is not a $size px PNG: $(file -b "$png")"
done
file -b "$root/usr/share/icons/hicolor/scalable/apps/$app_id.svg" | grep -q SVG || fail "the scalable icon is not an SVG"
for exe in meridian-db meridian-inspector; do
    file -b "$root/usr/bin/$exe" | grep -q 'ELF .*executable.*, stripped$' ||
        fail "$exe is not a stripped ELF executable: $(file -b "$root/usr/bin/$exe")"
    if readelf -d "$root/usr/bin/$exe" | grep -qE 'RPATH|RUNPATH'; then
        fail "$exe keeps an RPATH into the build tree: $(readelf -d "$root/usr/bin/$exe" | grep -E 'RPATH|RUNPATH')"
    fi
done
grep -qx "Icon=$app_id" "$root/usr/share/applications/$app_id.desktop" || fail "the desktop file's Icon is not $app_id"
grep -q "<release version=\"$version\"" "$root/usr/share/metainfo/$app_id.metainfo.xml" ||
    fail "the metainfo has no release $version"
bash "$here/validate.sh" desktop "$root/usr/share/applications/$app_id.desktop"
bash "$here/validate.sh" appstream "$root/usr/share/metainfo/$app_id.metainfo.xml"
bash "$here/validate.sh" tree "$root"

# 5. Run what was installed, against the system's Qt and RocksDB, in a scratch home.
export HOME=$scratch/home XDG_CONFIG_HOME=$scratch/home/.config XDG_DATA_HOME=$scratch/home/.local/share
export XDG_CACHE_HOME=$scratch/home/.cache XDG_RUNTIME_DIR=$scratch/run QT_QPA_PLATFORM=offscreen
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
unset MERIDIAN_USE_MEMORY_STORAGE MERIDIAN_FALLBACK_MEMORY
db_bin=$root/usr/bin/meridian-db
gui_bin=$root/usr/bin/meridian-inspector

out=$("$db_bin" --version) || fail "meridian-db --version exited $?"
[ "$(sed -n 1p <<<"$out")" = "meridian-db $version" ] || fail "meridian-db --version printed '$out'"
grep -qxE "RocksDB ${rocksdb_version//./\\.} \(reads table formats up to [0-9]+\)" <<<"$(sed -n 2p <<<"$out")" ||
    fail "meridian-db --version does not name the RocksDB it was built with ($rocksdb_version): '$out'"
if [ "$linkage" = static ] && readelf -d "$db_bin" | grep -q 'NEEDED.*librocksdb'; then
    fail "meridian-db loads a shared librocksdb although RocksDB was linked statically"
fi
out=$("$gui_bin" --version 2>/dev/null) || fail "meridian-inspector --version exited $?"
grep -q "$version" <<<"$out" || fail "meridian-inspector --version printed '$out'"

db=$scratch/db
printf 'greeting ==> hello\nuser:1 ==> ada\n' >"$scratch/dump.txt"
"$db_bin" import "$db" "$scratch/dump.txt" --create-if-missing >/dev/null || fail "the installed meridian-db could not create $db"
[ "$("$db_bin" get "$db" greeting)" = hello ] || fail "the installed meridian-db does not read back what it wrote"

status=0
timeout 60 "$gui_bin" --smoke "$db" >"$scratch/gui.log" 2>&1 || status=$?
[ "$status" -eq 0 ] || { cat "$scratch/gui.log" >&2; fail "the installed GUI --smoke $db exited $status"; }
# ... and the smoke flag means it: a folder that is not a database exits 1, untouched.
mkdir "$scratch/empty"
status=0
timeout 60 "$gui_bin" --smoke "$scratch/empty" >"$scratch/gui.log" 2>&1 || status=$?
[ "$status" -eq 1 ] || { cat "$scratch/gui.log" >&2; fail "--smoke on an empty folder exited $status, expected 1"; }
[ -z "$(ls -A "$scratch/empty")" ] || fail "opening a non-database folder wrote into it: $(ls -A "$scratch/empty")"

echo "ok: $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB) installs and runs"
