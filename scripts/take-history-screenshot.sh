#!/usr/bin/env bash
# Takes the README screenshot of the History tab: a deleted key, typed in
# (the key list no longer shows it), with its tombstone, the older value a
# table file still holds, and where each version is. The database is made
# with RocksDB's own ldb, one write per run, so that each version lands in a
# table file. Needs xvfb, openbox, xdotool, imagemagick and rocksdb-tools.
# Usage: scripts/take-history-screenshot.sh [build-dir]   (writes resources/screenshots/)
set -euo pipefail
. "$(dirname "$0")/screenshot-session.sh" 97 history-shot "${1:-build}"

db="$scratch/shop.rocksdb"
put() { ldb --db="$db" --create_if_missing put "$1" "$2" >/dev/null; }
put 'user:1041' '{"name": "Ada", "plan": "free"}'
put 'user:1041' '{"name": "Ada", "plan": "pro"}'
put 'user:1042' '{"name": "Grace", "plan": "team"}'
put 'session:9f2c' '{"user": 1041, "expires": 1796590000}'
put 'session:7a11' '{"user": 1042, "expires": 1796593600}'
ldb --db="$db" delete 'session:9f2c' >/dev/null
put 'cart:1041' '{"items": 3}'

"$root/$build/app/gui/meridian-inspector" --color-scheme light "$db" >/dev/null 2>&1 & pids+=($!)
for _ in $(seq 60); do xdotool search --name "shop.rocksdb" >/dev/null 2>&1 && break; sleep 0.5; done
win=$(xdotool search --name "shop.rocksdb" | tail -1)
xdotool windowsize "$win" 1180 700
xdotool windowmove "$win" 20 40
sleep 2
xdotool windowactivate --sync "$win"
# View > Key History (Ctrl+H), the deleted session typed in, Enter.
xdotool key ctrl+h
sleep 0.5
xdotool type --delay 30 'session:9f2c'
xdotool key Return
sleep 1.5
# The older value, chosen in the versions table (Tab from the field).
xdotool key Tab Down
sleep 1
import -window root "$scratch/root.png"
# The window down to the key list's summary (the Properties dock below names the scratch folder).
convert "$scratch/root.png" -crop 1220x495+0+0 +repage "$out/history.png"
echo "screenshot in $out/history.png"
