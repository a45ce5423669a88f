// export, import: keys to and from a dump file (storage/export_import.h).
//
// --format ldb (the default) is ldb's dump/load text, and --hex means what it
// means to ldb: `export --hex` writes what `ldb dump --hex` writes and
// `import --hex` reads what `ldb load --hex` reads. Without --format, import
// recognises JSON Lines by its '{'. The summary goes to stdout, one line
// (JSON with --json), except when the dump itself goes to stdout ("-").
// Import reads "-" (stdin) and pipes once (storage/transfer/dump_files.h),
// and with --create-if-missing checks the whole input before a database is
// created for it.
#include <cstdio>
#include <string>

#include "app/cli/byte_format.h"
#include "app/cli/commands.h"
#include "app/cli/interrupt.h"
#include "app/cli/json_line.h"
#include "app/cli/open_database.h"
#include "storage/transfer/export_import.h"

namespace meridian::cli {

using storage::Status;

namespace {

std::optional<storage::DumpFormat> formatOf(const Arguments& args) {
    if (!args.format) return std::nullopt;
    if (*args.format == "jsonl") return storage::DumpFormat::JsonLines;
    return args.hex ? storage::DumpFormat::LdbHex : storage::DumpFormat::LdbText;
}

std::string seconds(double s) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f", s);
    return text;
}

void printSummary(const Context& ctx, const char* op, const std::string& file, storage::DumpFormat format,
                  const storage::TransferSummary& summary) {
    if (ctx.args.json) {
        ctx.out << JsonLine{}
                       .string("op", op)
                       .string("file", file)
                       .string("format", storage::dumpFormatName(format))
                       .number("keys", summary.keys)
                       .number("bytes", summary.bytes)
                       .number("file_bytes", summary.fileBytes)
                       .raw("seconds", seconds(summary.seconds))
                       .str()
                << '\n';
        return;
    }
    const bool exported = std::string_view(op) == "export";
    ctx.out << (exported ? "exported " : "imported ") << summary.keys << (summary.keys == 1 ? " key" : " keys")
            << " (" << summary.bytes << " bytes of keys and values, " << summary.fileBytes << " bytes of "
            << storage::dumpFormatName(format) << ") " << (exported ? "to " : "from ")
            << (file == "-" ? std::string("the standard input") : oneLine(file)) << " in "
            << seconds(summary.seconds) << " s\n";
}

// A cancel that a signal asked for says so.
Status interruptedOr(const Status& status, const std::string& stopped) {
    if (status.code() != Status::Code::Cancelled || !InterruptScope::interrupted()) return status;
    return Status::cancelled("interrupted: " + stopped);
}

}  // namespace

Status runExport(const Context& ctx) {
    const Arguments& args = ctx.args;
    const std::string& file = args.operands[1];
    storage::ExportOptions options;
    options.format = formatOf(args).value_or(args.hex ? storage::DumpFormat::LdbHex : storage::DumpFormat::LdbText);
    if (args.prefix) {
        auto prefix = parseBytes(*args.prefix, args.hex, "--prefix");
        if (!prefix.ok()) return prefix.status();
        options.prefix = std::move(prefix.value());
    }
    auto opened = openDatabase(ctx, Access::Read);
    if (!opened.ok()) return opened.status();
    InterruptScope interrupts;
    options.progress = [](std::uint64_t) { return !InterruptScope::interrupted(); };

    if (file == "-") {
        auto result = storage::exportDump(*opened->storage, options, [&](std::string_view chunk) {
            ctx.out.write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
            return ctx.out ? Status() : Status::ioError("cannot write the export to the standard output");
        });
        return result.ok() ? Status() : result.status();
    }
    auto result = storage::exportDumpToFile(*opened->storage, file, options);
    if (!result.ok()) return interruptedOr(result.status(), "the export was stopped; '" + file + "' was not written");
    printSummary(ctx, "export", file, options.format, result.value());
    return {};
}

Status runImport(const Context& ctx) {
    const Arguments& args = ctx.args;
    const std::string& file = args.operands[1];
    storage::ImportOptions options;
    options.format = formatOf(args);
    options.hex = args.hex;
    if (args.verbose) {
        options.stage = [&](storage::ImportStage stage, std::uint64_t total) {
            ctx.err << "meridian-db: [info] " << storage::importStageName(stage) << ' ' << oneLine(file);
            if (total > 0) ctx.err << " (" << total << " records)";
            ctx.err << '\n';
        };
    }
    // The input first: a missing file, or a pipe read once ("-": stdin).
    auto input = storage::DumpInput::open(file);
    if (!input.ok()) return input.status();
    // A database made for an input that then fails would be left behind,
    // empty, with its parent folders: check the whole input before that.
    if (args.createIfMissing) {
        storage::ImportOptions checking;
        checking.format = options.format;
        checking.hex = options.hex;
        if (const storage::ImportReport checked = storage::checkDump(*input.value(), checking); !checked.ok())
            return checked.status;
    }
    auto opened = openDatabase(ctx, Access::Write);
    if (!opened.ok()) return opened.status();
    InterruptScope interrupts;
    options.progress = [](std::uint64_t) { return !InterruptScope::interrupted(); };
    const storage::ImportReport report = storage::importDump(opened->storage, *input.value(), options);
    if (!report.ok()) return interruptedOr(report.status, report.status.message());
    printSummary(ctx, "import", file, report.format, report.summary);
    return {};
}

}  // namespace meridian::cli
