#!/usr/bin/env bash
# Takes the README screenshots of the main window on the demo database, light
# and dark, from a real window under Xvfb. Needs xvfb, xdotool, imagemagick.
# Usage: scripts/take-screenshots.sh [build-dir]   (writes resources/screenshots/)
set -euo pipefail
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/resources/screenshots"
mkdir -p "$out"
scratch=/tmp/meridian-screenshots
rm -rf "$scratch"; mkdir -p "$scratch"
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$scratch"' EXIT
export XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" XDG_RUNTIME_DIR="$scratch/run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
Xvfb :97 -screen 0 1280x800x24 >/dev/null 2>&1 & xvfb=$!
export DISPLAY=:97
for _ in $(seq 40); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.25; done
for scheme in light dark; do
    "$root/$build/app/gui/meridian-inspector" --demo --color-scheme "$scheme" --prefix "project:0007:" >/dev/null 2>&1 & app=$!
    for _ in $(seq 60); do xdotool search --name "demo.rocksdb" >/dev/null 2>&1 && break; sleep 0.5; done
    sleep 1
    sleep 1.5
    win=$(xdotool search --name "demo.rocksdb" | tail -1)
    import -window "$win" "$out/main-window-$scheme.png"
    kill $app; wait $app 2>/dev/null || true
done
echo "screenshots in $out"
