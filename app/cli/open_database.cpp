#include "app/cli/open_database.h"

#include "app/cli/byte_format.h"

namespace meridian::cli {

using storage::OpenMode;
using storage::Result;
using storage::Status;

namespace {

OpenMode modeFor(const Arguments& args, Access access) {
    if (args.secondary) return OpenMode::Secondary;
    // A hybrid store is read-write whatever the command (it may be saved at the close).
    if (args.hybrid) return OpenMode::ReadWrite;
    if (args.readOnly || access == Access::Read) return OpenMode::ReadOnly;
    return OpenMode::ReadWrite;
}

// Name the options that answer the factory's refusals: a read-only open
// beside a live writer (undefined behaviour in RocksDB) reads safely with
// --secondary; a write to a database an older RocksDB wrote waits for the
// user's word.
Status withCliAdvice(const Status& status, OpenMode mode) {
    if (status.code() == Status::Code::LockHeld && mode == OpenMode::ReadOnly)
        return Status::lockHeld(status.message() + " Use --secondary to read it while that program runs.");
    if (status.code() == Status::Code::NeedsConfirmation)
        return Status::needsConfirmation(status.message() +
                                         " Nothing was written. Run the command again with --allow-options-rewrite "
                                         "to write anyway.");
    return status;
}

}  // namespace

Result<OpenedDatabase> openDatabase(const Context& ctx, Access access) {
    return openDatabase(ctx, access, ctx.args.dbPath());
}

Result<OpenedDatabase> openDatabase(const Context& ctx, Access access, const std::string& path) {
    const Arguments& args = ctx.args;
    const std::string family = args.columnFamily.value_or("default");
    const OpenMode mode = modeFor(args, access);

    storage::StorageConfig config = storage::StorageConfig{}
                                        .withMode(mode)
                                        .withForceMemory(args.memory)
                                        .withHybrid(args.hybrid)
                                        .withColumnFamily(family)
                                        .withCreateIfMissing((args.createIfMissing || args.hybrid) && mode == OpenMode::ReadWrite)
                                        .withOptionsRewrite(args.allowOptionsRewrite);
    if (args.compression) config = config.withMemoryOptions(*args.compression);
    if (args.verbose) {
        config = config.withLog([&err = ctx.err](storage::LogLevel level, const std::string& text) {
            err << "meridian-db: [" << storage::logLevelName(level) << "] " << oneLine(text) << '\n';
        });
    }

    storage::OpenResult opened = storage::createStorage(path, config);
    if (!opened.ok()) return withCliAdvice(opened.status, mode);

    OpenedDatabase result{std::move(opened.storage), std::move(opened.report)};
    // Silent stand-ins would mislead: say so when the environment, not the
    // command line, put an in-memory store in place of the database.
    if (result.report.reason == storage::OpenReason::ForcedByEnvironment ||
        result.report.reason == storage::OpenReason::Fallback)
        ctx.err << "meridian-db: warning: " << oneLine(result.report.explanation) << '\n';

    // Damage seen while opening (a view that may be incomplete): `info`
    // prints these itself.
    if (const storage::StorageInfo info = result.storage->info();
        args.command != Command::Info && info.backend == storage::Backend::RocksDb)
        for (const auto& warning : info.warnings) ctx.err << "meridian-db: warning: " << oneLine(warning) << '\n';

    // The factory scopes RocksDB to the family; a memory store starts with
    // "default" only.
    if (result.storage->info().columnFamily != family) {
        auto scoped = result.storage->columnFamily(family);
        if (!scoped.ok()) return scoped.status();
        result.storage = std::move(scoped.value());
    }
    if (mode == OpenMode::Secondary) {
        if (Status s = result.storage->catchUp(); !s.ok()) return s;
    }
    return result;
}

}  // namespace meridian::cli
