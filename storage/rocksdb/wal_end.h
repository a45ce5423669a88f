// Internal: does a write-ahead log end in a write cut short, or is it damaged?
//
// A writer killed mid-write, or a power cut, leaves the last record of its
// WAL incomplete. That write was never acknowledged and nothing after it is
// on disk, so dropping it loses nothing. RocksDB's strict replay calls it
// corruption, and so it calls a damaged record length in the last block of a
// log: it cannot tell the two apart, and its tail-tolerant replay accepts
// both. We can. A record never crosses a 32 KiB block, and a cut is the end
// of the file: damage has intact records (their checksums match) after it.
//
// Reads the files; writes nothing. Thread-safe (no shared state).
#pragma once

#include <string>

namespace meridian::storage::detail {

enum class WalEnd {
    Clean,      // every record is whole
    Cut,        // whole records, then one cut short by the end of the file
    Damaged,    // a bad checksum, a record across a block, or intact records after a bad one
    Unreadable  // the file could not be read
};

// The end of one WAL file (`NNNNNN.log`; the number names the records that
// belong to it in a recycled log).
WalEnd walEnd(const std::string& file);

// True when no WAL in `folder` is Damaged or Unreadable.
bool walsDamageFree(const std::string& folder);

}  // namespace meridian::storage::detail
