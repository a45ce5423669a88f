#!/usr/bin/env bash
# Takes the README screenshots of Files and Levels (the LSM tree drawn) and
# Keyspace (keys and bytes per namespace) on a database RocksDB's own ldb
# loads: 300,000 keys in five namespaces of different value sizes, with
# small memtables and files, so that it has several levels of table files.
# Needs xvfb, openbox, xdotool, imagemagick and rocksdb-tools.
# Usage: scripts/take-inspect-screenshots.sh [build-dir]   (writes resources/screenshots/)
set -euo pipefail
. "$(dirname "$0")/screenshot-session.sh" 96 inspect-shot "${1:-build}"

db="$scratch/shop.rocksdb"
awk 'BEGIN {
    pad = sprintf("%0300d", 0); gsub(/0/, "x", pad)
    for (i = 0; i < 60000; i++) printf "user:%06d ==> {\"name\": \"user %d\", \"plan\": \"pro\", \"since\": 2019}\n", i, i
    for (i = 0; i < 40000; i++) printf "order:%07d ==> {\"user\": %d, \"lines\": \"%s\"}\n", i, i % 60000, pad
    for (i = 0; i < 150000; i++) printf "event:2026-12-%02d:%08d ==> {\"kind\": \"view\", \"n\": %d}\n", 1 + i % 6, i, i
    for (i = 0; i < 30000; i++) printf "session:%08x%08x ==> {\"user\": %d}\n", i * 2654435761 % 4294967296, i, i % 60000
    big = ""; for (j = 0; j < 64; j++) big = big pad
    for (i = 0; i < 200; i++) printf "blob:%04d ==> %s\n", i, big
    print "config:version ==> 3"
}' | ldb --db="$db" --create_if_missing --write_buffer_size=1048576 --file_size=1048576 --compression_type=no load >/dev/null

"$root/$build/app/gui/meridian-inspector" --color-scheme light "$db" >/dev/null 2>&1 & pids+=($!)
for _ in $(seq 60); do xdotool search --name "shop.rocksdb" >/dev/null 2>&1 && break; sleep 0.5; done
win=$(xdotool search --name "shop.rocksdb" | tail -1)
xdotool windowsize "$win" 1180 760
xdotool windowmove "$win" 0 0
sleep 2
xdotool windowactivate --sync "$win"
# The bottom docks' tabs: Properties, Log, Files and Levels, Keyspace. Find
# the tab bar's row from the window's bottom edge and click by label order.
eval "$(xdotool getwindowgeometry --shell "$win")"
tabs_y=$((Y + HEIGHT - 50))
xdotool mousemove $((X + 190)) "$tabs_y" click 1  # Files and Levels
sleep 2
import -window root "$scratch/files.png"
xdotool mousemove $((X + 290)) "$tabs_y" click 1  # Keyspace
sleep 3
# Count Exactly (the dock's top right): exact bars and the largest values.
xdotool mousemove $((X + 1128)) $((Y + HEIGHT - 248)) click 1
sleep 4
import -window root "$scratch/keyspace.png"
# The docks, without the key list above them.
convert "$scratch/files.png" -crop 1180x254+0+$((Y + HEIGHT - 284)) +repage "$out/files-and-levels.png"
convert "$scratch/keyspace.png" -crop 1180x254+0+$((Y + HEIGHT - 284)) +repage "$out/keyspace.png"
echo "screenshots in $out/files-and-levels.png and $out/keyspace.png"
