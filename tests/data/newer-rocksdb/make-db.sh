#!/bin/sh
# Remakes tests/data/newer-rocksdb/db: a database written by RocksDB 10.5.1
# with its defaults (OPTIONS: rocksdb_version=10.5.1, format_version=6), as a
# Node.js program using the npm package rocksdb-native (which ships that
# RocksDB prebuilt) writes it; plus expected.jsonl, what it holds.
#
# Needs Node.js, npm and the npm registry; run by hand, never by the build.
# The SST files record the host name, so it runs under a fixed one when it
# can (unshare, as root). LOG files (paths, times) and LOCK are not kept.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$here/package.json" "$here/make-db.js" "$work/"
(cd "$work" && npm install --no-audit --no-fund --silent)
run() { (cd "$work" && node make-db.js "$work/db"); }
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null 2>&1; then
    unshare --uts sh -c "hostname meridian-testdata && cd '$work' && node make-db.js '$work/db'"
else
    run
fi
rm -f "$work/db/LOCK" "$work/db/LOG" "$work/db"/LOG.old.*
rm -rf "$here/db"
cp -R "$work/db" "$here/db"
cp "$work/expected.jsonl" "$here/expected.jsonl"
grep -h "rocksdb_version\|format_version" "$here/db"/OPTIONS-*
ls -l "$here/db"
