// meridian-db's commands. Each prints its records to ctx.out, one a line,
// and returns a non-ok Status (whose message becomes the single stderr line)
// when it cannot do what was asked.
#pragma once

#include <ostream>

#include "app/cli/arguments.h"
#include "storage/status.h"

namespace meridian::cli {

struct Context {
    const Arguments& args;
    std::ostream& out;  // records
    std::ostream& err;  // -v log lines and warnings; the final error line is the caller's
};

storage::Status runInfo(const Context& ctx);
storage::Status runScan(const Context& ctx);
storage::Status runSearch(const Context& ctx);
storage::Status runGet(const Context& ctx);
storage::Status runPut(const Context& ctx);
storage::Status runDelete(const Context& ctx);
storage::Status runListCf(const Context& ctx);
storage::Status runLock(const Context& ctx);
storage::Status runClearLock(const Context& ctx);
storage::Status runCheckpoint(const Context& ctx);
storage::Status runExport(const Context& ctx);
storage::Status runImport(const Context& ctx);
storage::Status runDiff(const Context& ctx);
storage::Status runVersions(const Context& ctx);
storage::Status runFiles(const Context& ctx);
storage::Status runVerify(const Context& ctx);
storage::Status runCompact(const Context& ctx);
storage::Status runStats(const Context& ctx);

}  // namespace meridian::cli
