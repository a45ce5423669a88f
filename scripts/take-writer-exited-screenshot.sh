#!/usr/bin/env bash
# Takes the README screenshot of the bar a window following a live writer
# shows when that writer is killed, from a real window under Xvfb + openbox.
# The writer is tests/support/hold_db on a demo-like database. Needs xvfb,
# openbox, xdotool, imagemagick.
# Usage: scripts/take-writer-exited-screenshot.sh [build-dir]   (writes resources/screenshots/)
set -euo pipefail
. "$(dirname "$0")/screenshot-session.sh" 96 writer-shot "${1:-build}"

# A database with a few keys, made and held by a writer that goes on running
# (hold_db creates it, and flushes after each put).
db="$scratch/orders.rocksdb"
mkfifo "$scratch/writer-in"
"$root/$build/tests/hold_db" "$db" < "$scratch/writer-in" > "$scratch/writer-out" & writer=$!
pids+=($writer)
exec 3>"$scratch/writer-in"
for _ in $(seq 40); do grep -q ready "$scratch/writer-out" && break; sleep 0.25; done
for kv in 'order:1001 {"total":42.5,"state":"paid"}' 'order:1002 {"total":7,"state":"open"}' \
          'order:1003 {"total":19,"state":"open"}' 'customer:17 {"name":"Ada"}'; do
    echo "put $kv" >&3
done
sleep 1

"$root/$build/app/gui/meridian-inspector" --mode follow "$db" >/dev/null 2>&1 & app=$!
pids+=($app)
for _ in $(seq 60); do xdotool search --name "orders.rocksdb" >/dev/null 2>&1 && break; sleep 0.5; done
win=$(xdotool search --name "orders.rocksdb" | tail -1)
xdotool windowsize "$win" 1100 640
xdotool windowmove "$win" 40 40
sleep 3
kill -9 "$writer"
sleep 2.5
import -window root "$scratch/root.png"
# The window with openbox's frame: around its geometry (the title bar above
# it), then the black desktop trimmed away.
eval "$(xdotool getwindowgeometry --shell "$win")"
convert "$scratch/root.png" -crop "$((WIDTH + 40))x$((HEIGHT + 100))+$((X - 20))+$((Y - 70))" +repage \
    -bordercolor black -border 1 -fuzz 3% -trim +repage "$out/writer-exited.png"
exec 3>&-
echo "screenshot in $out/writer-exited.png"
