#include "app/cli/usage.h"

namespace meridian::cli {

const char* usageText() {
    return R"(Usage: meridian-db <command> [options] <db-path> [args]

Inspect and edit a RocksDB database from the shell. Options may come before
or after the command; "--" ends options (for keys that start with '-').

Commands:
  info <db>               backend, mode, path, column family, sizes, warnings
  scan <db>               entries in key order, "KEY : VALUE" per line
      --prefix P            only keys starting with P
      --from KEY            start at KEY, inclusive (as ldb scan --from)
      --after KEY           resume strictly past KEY, the last key a
                            previous page printed (before it with --reverse)
      --limit N             at most N entries
      --reverse             in descending key order, from the last key under
                            the prefix (or from --from, going down)
      --last N              only the last N entries under the prefix, in key
                            order (the last first with --reverse)
      --keys-only           print keys only
      --count               print only the exact number of entries
      --decode D            each value decoded, as JSON Lines ({"key":..,
                            "format":"MessagePack","value":{..}}); D is
                            msgpack, cbor, bson, protobuf (the wire format,
                            no schema), protobuf:PATH:TYPE (PATH a .proto file
                            or a folder of them, TYPE a message's full name),
                            a number type (u8, i8, u16be ... i64le, f32be ...
                            f64le, varint, zigzag, uuid), or auto (guessed per
                            value). A value D cannot read is printed as bytes
                            with "error": "not valid X at byte N: ..."
      --key-layout T        each key's fields as "fields": {..}, by the
                            template T: text and {TYPE[:COUNT][:NAME]} fields,
                            as in user:{u64be:id}:{utf8:attr}. Then --prefix,
                            --from, --after (and get's key) may be typed
                            fields: --prefix 'user:{42}:'
  search <db> <pattern>   the keys whose key (or value) holds the pattern, in
                          key order, one a line; on all cores, reading one
                          snapshot, values a page at a time
      --keys / --values     match keys (the default), values, or both
      --regex               PATTERN is a regular expression (RE2 syntax; it
                            runs in time linear in the data, whatever the
                            pattern), matched anywhere: anchor with ^ and $
      --glob                PATTERN is a glob (* ? [a-z] [!a]) that must
                            match the whole key or value, as Redis SCAN MATCH
      --hex                 PATTERN is bytes in hex (found anywhere)
      --prefix P            only keys starting with P
      --limit N             the first N matches; then says how to go on
      --after KEY           only keys after KEY (where a limited search stopped)
      --count               print only the number of matches
  versions <db> <key>     every internal version of the key the database
                          still holds, newest first ("seq N value (S bytes)
                          : V", deletions, merge operands), then the table
                          files whose key range holds it ("in L1 000012.sst")
  files <db>              the column family's table files by level (number,
                          size, entries, deletions, key range, sequence
                          numbers, compression), blob files and logs
  verify <db>             read every table file and check each block's
                          checksum, per file; opens read-only and writes
                          nothing; exit 1 when a file is damaged
  compact <db>            compact the column family to its bottom level (as
                          ldb compact), printing its files before and after
      --from A --to B       only the keys in [A, B]
  stats <db>              keys and bytes per namespace (the prefix, then up to
                          and including the next delimiter: "user:" of
                          "user:42:name"), most bytes first, one a line:
                          "group SEGMENT K keys, B bytes, S%" (S: its share of
                          the bytes), then "loose" (keys with no delimiter
                          after the prefix), "others" (the groups past
                          --limit), "total", and "largest KEY N bytes".
                          Exact: reads every key and value (Ctrl-C stops it)
      --by-namespace D      the delimiter: one byte (default ':'; with --hex
                            two hex digits, like 00)
      --prefix P            the namespaces under P (to drill down, a group's
                            prefix: --prefix user:)
      --limit N             at most N groups (default 50)
      --top N               the N largest values (default 10)
      --estimate            from the database's size estimates instead, at
                            once whatever its size (exact anyway when the
                            prefix holds at most 100,000 keys): bytes are the
                            group's share of the table files (as stored,
                            compressed); no largest values, so not with --top
  get <db> <key>          print the key's value (--decode and --key-layout as
                          for scan)
  put <db> <key> <value>  set a value (written with sync)
  put <db> <key> --value-file FILE
                          the value is FILE's bytes as they are, any size
                          ("-": stdin; --hex then applies to the key only)
  delete <db> <key>       remove a key
  list-cf <db>            column families, one a line
  lock <db>               diagnose the LOCK file; exit 0 only when the
                          database can be opened read-write now: nobody holds
                          the lock, and this user may write the folder (and
                          LOCK) on a filesystem that is not read-only (state
                          "not-writable" otherwise); 1 when it cannot
  clear-lock <db>         remove a LOCK nobody holds; refuses otherwise
  checkpoint <db> <dest>  save a RocksDB checkpoint (hard-linked copy that
                          opens as a normal database) into the new folder DEST
  export <db> <file>      write the keys to FILE ("-": stdout) in ldb dump
                          format ("KEY ==> VALUE"; with --hex what ldb dump
                          --hex writes) or JSON Lines; replaces FILE only
                          once complete, and only a regular file: a symlink,
                          FIFO, device or folder there is refused
      --prefix P            only keys starting with P
      --format ldb|jsonl    ldb (default) or JSON Lines ({"key":..,"value":..},
                            "key_base64"/"value_base64" for binary)
  import <db> <file>      read FILE (ldb load format; --hex as ldb load --hex;
                          JSON Lines recognised by its '{') into the database;
                          the whole file is checked first: a bad line stops
                          it, with its line number, before anything is written.
                          "-" reads stdin; stdin, a pipe or a FIFO is read once
                          (kept in the temporary folder meanwhile), and one
                          that gives nothing is refused as empty
      --format ldb|jsonl    do not guess the format
      --create-if-missing   create the database if there is none (only once
                            the whole file checked good)
  put, delete, import and compact refuse, writing nothing, a database an older RocksDB
  release wrote: writing rewrites its OPTIONS file in this RocksDB's dialect,
  which that release's tools then only load with --ignore_unknown_options
  (its data keeps its own table format and compression)
      --allow-options-rewrite   write anyway
  diff <db-a> <db-b>      keys added (+), removed (-) and changed (~) from A
                          to B, in key order ("~ KEY : OLD -> NEW")
      --prefix P            only keys starting with P
      --keys-only           compare (and print) keys only
      --count               print only the totals

Options:
  --hex          keys and values in and out as hex (0x00FF; "0x" optional on input)
  --json         one JSON object per line; keys/values that are not valid
                 UTF-8 (or all of them with --hex) go in "key_hex"/"value_hex"
  --read-only    open read-only (the default for info, scan, get, list-cf,
                 checkpoint, export, diff)
  --secondary    follow a live writer (safe beside a running program)
  --cf NAME      work on column family NAME (default: "default")
  --memory       use an empty in-memory store instead of the database
  --hybrid[=SIZE]  hybrid storage: in memory while the data is at most SIZE
                 (default 64MiB), moved into RocksDB at the path past it, and
                 saved there when the command ends; read-write, created if
                 missing
  --compress C   how an in-memory store holds its values: zstd or lz4,
                 optionally with a level (zstd:1 to zstd:19, lz4:1 to lz4:12;
                 higher is smaller and slower to write), or none; info
                 shows the bytes written, held and their ratio
  -v, --verbose  print the storage factory's decisions on stderr
  -h, --help     print this help
  --version      print the version, and the RocksDB in use with the newest
                 table format it reads

Without --hex, keys and values are printed escaped (\xNN for bytes that are not
printable UTF-8, \\ for a backslash) and taken from the command line as is.
Commands that only read write nothing into the database folder. A database
whose tables are in a format newer than this RocksDB reads is refused with
both versions and what to do, never called corrupt; `info` and `--version`
show the versions.
Environment: MERIDIAN_USE_MEMORY_STORAGE=1 forces in-memory storage;
MERIDIAN_FALLBACK_MEMORY=1 stands in an empty in-memory store when the
database cannot be opened; MERIDIAN_HYBRID_THRESHOLD=64MiB makes read-write
opens hybrid (MERIDIAN_USE_MEMORY_STORAGE wins over it);
MERIDIAN_MEMORY_COMPRESSION=zstd|lz4[:LEVEL] compresses in-memory stores
unless --compress says otherwise.
Exit status: 0 on success; 1 on failure, 2 on a usage error, with one line
"meridian-db: <reason>" on stderr.
)";
}

}  // namespace meridian::cli
