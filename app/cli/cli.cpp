#include "app/cli/cli.h"

#include "app/cli/arguments.h"
#include "app/cli/byte_format.h"
#include "app/cli/commands.h"
#include "app/cli/usage.h"
#include "storage/version.h"

#ifndef MERIDIAN_VERSION
#error "MERIDIAN_VERSION must be defined by the build"
#endif

namespace meridian::cli {

namespace {

constexpr int kFailure = 1;
constexpr int kUsageError = 2;

storage::Status dispatch(const Context& ctx) {
    switch (*ctx.args.command) {
    case Command::Info: return runInfo(ctx);
    case Command::Versions: return runVersions(ctx);
    case Command::Files: return runFiles(ctx);
    case Command::Verify: return runVerify(ctx);
    case Command::Compact: return runCompact(ctx);
    case Command::Stats: return runStats(ctx);
    case Command::Scan: return runScan(ctx);
    case Command::Search: return runSearch(ctx);
    case Command::Get: return runGet(ctx);
    case Command::Put: return runPut(ctx);
    case Command::Delete: return runDelete(ctx);
    case Command::ListCf: return runListCf(ctx);
    case Command::Lock: return runLock(ctx);
    case Command::ClearLock: return runClearLock(ctx);
    case Command::Checkpoint: return runCheckpoint(ctx);
    case Command::Export: return runExport(ctx);
    case Command::Import: return runImport(ctx);
    case Command::Diff: return runDiff(ctx);
    }
    return storage::Status::invalidArgument("unknown command");
}

int fail(std::ostream& err, const storage::Status& status) {
    err << "meridian-db: " << oneLine(status.message()) << '\n';
    return kFailure;
}

}  // namespace

int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
    auto parsed = parseArguments(argc, argv);
    if (!parsed.ok()) {
        fail(err, parsed.status());
        return kUsageError;
    }
    const Arguments& args = parsed.value();
    if (args.help) {
        out << usageText();
        return 0;
    }
    if (args.version) {
        out << "meridian-db " << MERIDIAN_VERSION << '\n' << storage::engineInfo().summary() << '\n';
        return 0;
    }

    const Context ctx{args, out, err};
    const storage::Status status = dispatch(ctx);
    out.flush();
    if (!status.ok()) return fail(err, status);
    if (!out) return fail(err, storage::Status::ioError("cannot write the output"));
    return 0;
}

}  // namespace meridian::cli
