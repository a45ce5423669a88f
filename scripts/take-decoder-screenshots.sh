#!/usr/bin/env bash
# Takes the README screenshots of the Decoded view on the demo database's
# decoder section: a Protobuf order (with its schema), a MessagePack session,
# a CBOR reading and a BSON document, each under keys of big-endian integers
# shown as the key layout's columns; and a MessagePack value being edited in
# its Text tab. The demo is made by the app itself
# (--demo) in a scratch data folder.
# Needs xvfb, openbox, xdotool and imagemagick.
# Usage: scripts/take-decoder-screenshots.sh [build-dir]   (writes resources/screenshots/)
set -euo pipefail
. "$(dirname "$0")/screenshot-session.sh" 97 decoder-shot "${1:-build}"

"$root/$build/app/gui/meridian-inspector" --color-scheme light --demo --prefix "pb:order:" >/dev/null 2>&1 & pids+=($!)
for _ in $(seq 240); do xdotool search --name "demo.rocksdb" >/dev/null 2>&1 && break; sleep 0.5; done
win=$(xdotool search --name "demo.rocksdb" | tail -1)
xdotool windowsize "$win" 1280 800
xdotool windowmove "$win" 0 0
sleep 3
xdotool windowactivate --sync "$win" 2>/dev/null || xdotool windowfocus "$win" || true
eval "$(xdotool getwindowgeometry --shell "$win")"

# shot NAME PREFIX [clicks...]: the first key under PREFIX, decoded; then
# clicks at "x,y" points (tree rows to expand); cropped above the bottom dock.
shot() {
    name=$1 prefix=$2
    shift 2
    xdotool mousemove $((X + 410)) $((Y + 68)) click 1
    xdotool key ctrl+a
    xdotool type --delay 20 "$prefix"
    sleep 2
    xdotool mousemove $((X + 400)) $((Y + 113)) click 1
    sleep 2
    for point in "$@"; do
        xdotool mousemove $((X + ${point%,*})) $((Y + ${point#*,})) click 1
        sleep 0.5
    done
    sleep 1
    import -window root "$scratch/$name.png"
    convert "$scratch/$name.png" -crop 1280x540+0+0 +repage "$out/decoded-$name.png"
}

shot protobuf "pb:order:" 592,356   # items expanded
shot msgpack "mp:session:"
shot cbor "cbor:reading:"
shot bson "bson:doc:"
# Editing: Enable Editing, the MessagePack session's Text tab, a changed
# score, unsaved (Revert puts it back; the scratch demo is thrown away).
xdotool mousemove $((X + 97)) $((Y + 38)) click 1
sleep 3
xdotool mousemove $((X + 410)) $((Y + 68)) click 1
xdotool key ctrl+a
xdotool type --delay 20 "mp:session:"
sleep 2
xdotool mousemove $((X + 400)) $((Y + 113)) click 1
sleep 2
xdotool mousemove $((X + 634)) $((Y + 234)) click 1
sleep 1
xdotool mousemove $((X + 700)) $((Y + 399)) click 1   # the score's line: 59.7 becomes 61.5
xdotool key End Left BackSpace BackSpace BackSpace BackSpace
xdotool type --delay 30 "61.5"
sleep 1
import -window root "$scratch/edit.png"
convert "$scratch/edit.png" -crop 1280x540+0+0 +repage "$out/decoded-edit.png"
echo "screenshots in $out/decoded-{protobuf,msgpack,cbor,bson,edit}.png"
