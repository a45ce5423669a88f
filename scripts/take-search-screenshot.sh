#!/usr/bin/env bash
# Takes the README screenshot of Find in Keys and Values on the demo
# database, from a real window under Xvfb + openbox, driven with xdotool as
# a user would: Ctrl+Shift+F, a regular expression over values, Find, the
# first match chosen. Needs xvfb, openbox, xdotool, imagemagick.
# Usage: scripts/take-search-screenshot.sh [build-dir]   (writes resources/screenshots/)
set -euo pipefail
. "$(dirname "$0")/screenshot-session.sh" 95 search-shot "${1:-build}"

"$root/$build/app/gui/meridian-inspector" --demo --color-scheme light >/dev/null 2>&1 & pids+=($!)
for _ in $(seq 60); do xdotool search --name "demo.rocksdb" >/dev/null 2>&1 && break; sleep 0.5; done
win=$(xdotool search --name "demo.rocksdb" | tail -1)
xdotool windowsize "$win" 1180 700
xdotool windowmove "$win" 20 40
sleep 2
xdotool windowactivate --sync "$win"
xdotool key --window "$win" ctrl+shift+f
for _ in $(seq 20); do xdotool search --name "Find in Keys and Values" >/dev/null 2>&1 && break; sleep 0.25; done
dialog=$(xdotool search --name "Find in Keys and Values" | tail -1)
xdotool windowmove "$dialog" 560 120
xdotool windowactivate --sync "$dialog"
sleep 0.5
# As a user with the keyboard: the pattern, As: Regular expression (Alt+A),
# In: values, not keys (Alt+V, Alt+K), Find (Return).
xdotool key alt+f
xdotool type --delay 30 '"path": "src/Snapshot/(flush|merge)_4'
xdotool key alt+a Down Down alt+v alt+k
sleep 0.3
xdotool key Return
sleep 2
# The first match (Alt+F back to the pattern, Tab round to the results):
# the key list goes to that key and the value pane shows it.
xdotool key Tab Tab Tab Tab Tab Down
sleep 1.5
import -window root "$scratch/root.png"
convert "$scratch/root.png" -crop 1220x760+0+0 +repage "$out/search.png"
echo "screenshot in $out/search.png"
