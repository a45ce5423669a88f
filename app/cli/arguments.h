// meridian-db's command line, parsed in plain C++ so that argv bytes reach the
// storage unchanged (no locale, no QString round trip).
//
//   meridian-db <command> [options] <db-path> [args]
//
// Options may come before or after the command; "--" ends option parsing (for
// keys that start with '-'). Value options take the next argument or
// "--name=value".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "storage/memory/memory_storage.h"
#include "storage/status.h"

namespace meridian::cli {

enum class Command {
    Info, Scan, Search, Get, Put, Delete, ListCf, Lock, ClearLock, Checkpoint, Export, Import, Diff,
    Versions, Files, Verify, Compact, Stats
};

struct Arguments {
    std::optional<Command> command;    // unset with --help / --version alone
    std::vector<std::string> operands;  // after the command: <db-path> [args], raw argv bytes

    // Global options.
    bool hex = false;
    bool json = false;
    bool readOnly = false;
    bool secondary = false;
    bool memory = false;
    // --hybrid[=SIZE]: hybrid storage with this threshold (storage/hybrid).
    std::optional<std::uint64_t> hybrid;
    bool verbose = false;
    bool help = false;
    bool version = false;
    std::optional<std::string> columnFamily;
    // --compress=zstd|lz4[:LEVEL]: how a memory store (--memory, or one the
    // environment puts in place) holds its values.
    std::optional<storage::MemoryOptions> compression;

    // scan options (--prefix also for export, diff and stats; --keys-only and --count also for diff).
    std::optional<std::string> prefix;  // raw argv bytes (hex text with --hex)
    std::optional<std::string> from;    // start at this key, inclusive (raw argv bytes; hex text with --hex); also compact
    std::optional<std::string> after;   // resume strictly past this key (a previous run's last key)
    std::optional<std::string> to;      // compact: up to this key, inclusive
    std::optional<std::uint64_t> limit;
    std::optional<std::uint64_t> last;  // only the last N entries under the prefix
    bool reverse = false;               // descending key order

    // search options (--prefix, --after, --limit, --count and --keys-only also).
    bool searchKeys = false;    // --keys: match keys (the default without --values)
    bool searchValues = false;  // --values: match values
    bool regex = false;         // --regex: the pattern is an RE2 regular expression
    bool glob = false;          // --glob: the pattern is a glob, matching the whole key or value
    bool keysOnly = false;
    bool count = false;

    // export / import options.
    std::optional<std::string> format;  // "ldb" or "jsonl"
    bool createIfMissing = false;       // import only
    // put: the value is this file's bytes, as they are ("-": stdin), in place
    // of the <value> operand (which argv limits to about 128 KiB).
    std::optional<std::string> valueFile;
    // put, delete, import: the user agrees that writing may rewrite the
    // OPTIONS file of a database an older RocksDB release wrote.
    bool allowOptionsRewrite = false;

    // stats options (--prefix and --limit, the number of groups listed, also).
    std::optional<std::string> byNamespace;  // the delimiter: one byte (two hex digits with --hex)
    std::optional<std::uint64_t> top;        // the N largest values (exact only)
    bool estimate = false;                   // estimates, not a read of every key

    // get and scan: what the value's and the key's bytes mean (app/cli/entry_decoding.h); either implies --json.
    std::optional<std::string> decode;     // a decoder's name (decode/value_decoder.h) or "auto"
    std::optional<std::string> keyLayout;  // a key layout template (decode/key_layout.h)

    const std::string& dbPath() const { return operands.front(); }
};

// "scan", "list-cf", ...
const char* commandName(Command command);

// InvalidArgument (with a message naming the offending argument) for anything
// that is not a complete, consistent command line. --help and --version are
// accepted without a command.
storage::Result<Arguments> parseArguments(int argc, const char* const* argv);

}  // namespace meridian::cli
