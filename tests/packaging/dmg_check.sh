#!/usr/bin/env bash
# macOS only (CI runs it after `make package`; this repository's Linux tests
# cannot): checks the .dmg that `cpack -G DragNDrop` built. It mounts; it holds
# MeridianInspector.app beside a link to /Applications; the bundle's
# Info.plist, icon and signature are in order; every Mach-O file in it loads
# only system libraries or the bundle's own (no path into Homebrew); and the
# bundled binaries run: meridian-db --version, a database made with it, and
# the GUI --smoke on that database, with dyld reporting every library it
# loads so that one from Homebrew fails the check.
#   dmg_check.sh [build-dir]
set -euo pipefail
build=${1:-build}
app_id=dev.meridian.Inspector
fail() { echo "FAIL: $*" >&2; exit 1; }
[ "$(uname -s)" = Darwin ] || fail "dmg_check.sh runs on macOS"

shopt -s nullglob
dmgs=("$build"/*.dmg)
[ ${#dmgs[@]} -eq 1 ] || fail "expected one .dmg in $build, found: ${dmgs[*]:-none}"
mnt=$(mktemp -d "${TMPDIR:-/tmp}/meridian-dmg.XXXXXX")
work=$(mktemp -d "${TMPDIR:-/tmp}/meridian-dmg-work.XXXXXX")
hdiutil attach -nobrowse -readonly -mountpoint "$mnt" "${dmgs[0]}" >/dev/null
trap 'hdiutil detach "$mnt" -quiet || hdiutil detach "$mnt" -force -quiet || true; rm -rf "$work"; rmdir "$mnt" 2>/dev/null || true' EXIT

app=$mnt/MeridianInspector.app
[ -d "$app" ] || fail "no MeridianInspector.app at the top of the .dmg: $(ls "$mnt")"
[ -L "$mnt/Applications" ] || fail "no link to /Applications in the .dmg"

plist=$app/Contents/Info.plist
plutil -lint "$plist" >/dev/null || fail "Info.plist does not parse"
key() { /usr/libexec/PlistBuddy -c "Print :$1" "$plist"; }
[ "$(key CFBundleIdentifier)" = "$app_id" ] || fail "CFBundleIdentifier is $(key CFBundleIdentifier)"
[ "$(key CFBundleExecutable)" = MeridianInspector ] || fail "CFBundleExecutable is $(key CFBundleExecutable)"
[ "$(key NSHighResolutionCapable)" = true ] || fail "not NSHighResolutionCapable"
[ "$(key NSRequiresAquaSystemAppearance)" = false ] || fail "dark mode not allowed"
[ "$(key CFBundleDocumentTypes:0:LSItemContentTypes:0)" = public.folder ] || fail "folders are not a document type"
[ -f "$app/Contents/Resources/$(key CFBundleIconFile)" ] || fail "the icon $(key CFBundleIconFile) is missing"
[ -x "$app/Contents/MacOS/meridian-db" ] || fail "meridian-db is not in the bundle"
[ -d "$app/Contents/Frameworks/QtWidgets.framework" ] || fail "Qt is not deployed into the bundle"
[ -f "$app/Contents/PlugIns/platforms/libqcocoa.dylib" ] || fail "the cocoa platform plugin is not deployed"
codesign --verify --deep --strict "$app" || fail "the bundle's signature does not verify"

# No load command may point into Homebrew (/opt/homebrew, /usr/local).
leaks=$work/homebrew-paths
while IFS= read -r -d '' f; do
    file -b "$f" | grep -q Mach-O || continue
    otool -L "$f" | tail -n +2 | grep -E '^[[:space:]]*/(opt/homebrew|usr/local)/' | sed "s|^|$f: |" >>"$leaks" || true
done < <(find "$app/Contents" -type f \( -perm -u+x -o -name '*.dylib' \) -print0)
[ ! -s "$leaks" ] || { cat "$leaks" >&2; fail "binaries in the bundle load libraries from Homebrew"; }

run_for_at_most() {  # run_for_at_most <seconds> <command...>: its status, 124 on timeout
    local seconds=$1; shift
    "$@" & local pid=$!
    ( sleep "$seconds"; kill "$pid" 2>/dev/null ) & local watchdog=$!
    local status=0
    wait "$pid" || status=$?
    kill "$watchdog" 2>/dev/null || true
    [ "$status" -eq 143 ] && return 124
    return "$status"
}

export HOME=$work/home
mkdir -p "$HOME"
out=$("$app/Contents/MacOS/meridian-db" --version) || fail "meridian-db --version failed"
echo "$out"
# A released app opens every database a current RocksDB writes: table format 7.
grep -qE '^RocksDB [0-9]+\.[0-9]+\.[0-9]+ \(reads table formats up to ([7-9]|[1-9][0-9])\)$' <<<"$out" ||
    fail "the bundled meridian-db does not read table format 7: $out"
printf 'greeting ==> hello\n' >"$work/dump.txt"
"$app/Contents/MacOS/meridian-db" import "$work/db" "$work/dump.txt" --create-if-missing >/dev/null ||
    fail "the bundled meridian-db could not create a database"
# Exported inside the subshell that execs the app: going through a system
# binary such as env would have System Integrity Protection drop DYLD_*.
gui_smoke() {
    export DYLD_PRINT_LIBRARIES=1
    exec "$app/Contents/MacOS/MeridianInspector" --smoke "$work/db" 2>"$work/gui.log"
}
status=0
run_for_at_most 90 gui_smoke || status=$?
[ "$status" -eq 0 ] || { tail -50 "$work/gui.log" >&2; fail "the bundled GUI --smoke exited $status"; }
if grep -E '/(opt/homebrew|usr/local)/' "$work/gui.log" >&2; then
    fail "the GUI loaded libraries from Homebrew (above)"
fi
echo "ok: ${dmgs[0]} mounts, is signed, carries its own Qt and RocksDB, and runs"
