// Opening the database a command works on, always through the storage
// factory (so MERIDIAN_USE_MEMORY_STORAGE / MERIDIAN_FALLBACK_MEMORY apply).
//
// Modes: commands that only read open read-only (nothing is written into the
// folder) unless --secondary asks to follow a live writer; commands that
// write open read-write unless --read-only / --secondary say otherwise (and
// then fail with the storage's ReadOnly message). The factory refuses a
// read-only open while another process holds the LOCK; reading beside a live
// writer is only safe following live (--secondary), which the error says.
#pragma once

#include "app/cli/commands.h"
#include "storage/factory.h"

namespace meridian::cli {

enum class Access { Read, Write };

struct OpenedDatabase {
    storage::StoragePtr storage;  // scoped to --cf (default: "default")
    storage::OpenReport report;
};

storage::Result<OpenedDatabase> openDatabase(const Context& ctx, Access access);
// The same for another path than the first operand (diff's second database).
// --create-if-missing (import only) lets a write open create the database.
storage::Result<OpenedDatabase> openDatabase(const Context& ctx, Access access, const std::string& path);

}  // namespace meridian::cli
