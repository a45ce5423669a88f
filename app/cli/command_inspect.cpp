// Under the keys: versions (a key's internal versions and the table files
// whose range holds it), files (the LSM tree of a column family), verify
// (every block checksum, per file; opened read-only, nothing written) and
// compact (CompactRange, with the table files before and after).
#include <algorithm>
#include <ctime>

#include "app/cli/byte_format.h"
#include "app/cli/commands.h"
#include "app/cli/interrupt.h"
#include "app/cli/json_line.h"
#include "app/cli/open_database.h"

namespace meridian::cli {

using storage::Status;

namespace {

std::string tableJson(const storage::TableFile& t, bool hex) {
    return JsonLine{}
        .number("level", static_cast<std::int64_t>(t.level))
        .string("file", t.name)
        .number("number", t.number)
        .number("bytes", t.size)
        .number("entries", t.entries)
        .number("deletions", t.deletions)
        .number("range_deletions", t.rangeDeletions)
        .bytes("smallest", t.smallestKey, hex)
        .bytes("largest", t.largestKey, hex)
        .number("smallest_seq", t.smallestSequence)
        .number("largest_seq", t.largestSequence)
        .string("compression", t.compression)
        .number("created", t.creationTime)
        .str();
}

std::string tableText(const storage::TableFile& t, bool hex) {
    return "L" + std::to_string(t.level) + " " + t.name + " " + std::to_string(t.size) + " bytes, " +
           std::to_string(t.entries) + " entries, " + std::to_string(t.deletions) + " deletions, [" +
           formatBytes(t.smallestKey, hex) + " .. " + formatBytes(t.largestKey, hex) + "], seq " +
           std::to_string(t.smallestSequence) + ".." + std::to_string(t.largestSequence) +
           (t.compression.empty() ? "" : ", " + t.compression);
}

std::uint64_t tableBytes(const storage::FilesReport& files) {
    std::uint64_t total = 0;
    for (const auto& t : files.tables) total += t.size;
    return total;
}

}  // namespace

Status runVersions(const Context& ctx) {
    const Arguments& args = ctx.args;
    auto key = parseBytes(args.operands[1], args.hex, "key");
    if (!key.ok()) return key.status();
    auto opened = openDatabase(ctx, Access::Read);
    if (!opened.ok()) return opened.status();
    const auto& db = *opened->storage;
    auto versions = db.keyVersions(key.value());
    if (!versions.ok()) return versions.status();
    // Where a read of it looks: RocksDB's table files whose range holds it.
    auto files = db.files();
    const std::vector<storage::TableFile> holding =
        files.ok() ? storage::filesHolding(files.value(), key.value()) : std::vector<storage::TableFile>{};
    if (args.json) {
        for (const auto& v : versions.value()) {
            JsonLine line;
            line.number("seq", v.sequence).string("type", storage::versionTypeName(v.type)).string("rocksdb_type", v.typeName);
            line.number("value_size", v.valueSize);
            if (v.type == storage::VersionType::Value || v.type == storage::VersionType::Merge)
                line.bytes("value", v.value, args.hex);
            ctx.out << line.str() << '\n';
        }
        for (const auto& t : holding) ctx.out << "{\"in_file\":" << tableJson(t, args.hex) << "}\n";
        return {};
    }
    if (versions->empty()) ctx.out << "no versions of " << formatBytes(key.value(), args.hex) << " are held\n";
    for (const auto& v : versions.value()) {
        ctx.out << "seq " << v.sequence << " " << storage::versionTypeName(v.type);
        if (v.type == storage::VersionType::Value || v.type == storage::VersionType::Merge)
            ctx.out << " (" << v.valueSize << " bytes) : " << formatBytes(v.value, args.hex);
        ctx.out << '\n';
    }
    for (const auto& t : holding) ctx.out << "in " << tableText(t, args.hex) << '\n';
    return {};
}

Status runFiles(const Context& ctx) {
    auto opened = openDatabase(ctx, Access::Read);
    if (!opened.ok()) return opened.status();
    auto files = opened->storage->files();
    if (!files.ok()) return files.status();
    const bool hex = ctx.args.hex;
    if (ctx.args.json) {
        for (const auto& l : files->levels)
            ctx.out << JsonLine{}
                           .number("level", static_cast<std::int64_t>(l.level))
                           .number("files", l.files)
                           .number("bytes", l.bytes)
                           .bytes("smallest", l.smallestKey, hex)
                           .bytes("largest", l.largestKey, hex)
                           .str()
                    << '\n';
        for (const auto& t : files->tables) ctx.out << "{\"table\":" << tableJson(t, hex) << "}\n";
        for (const auto& b : files->blobs)
            ctx.out << "{\"blob\":" << JsonLine{}.string("file", b.name).number("bytes", b.size).number("blobs", b.blobs).number("garbage_bytes", b.garbageBytes).str() << "}\n";
        for (const auto& w : files->logs)
            ctx.out << "{\"log\":" << JsonLine{}.string("file", w.name).number("bytes", w.size).boolean("live", w.live).str() << "}\n";
        return {};
    }
    ctx.out << "column family " << oneLine(files->columnFamily) << ": " << files->tables.size() << " table files, "
            << tableBytes(files.value()) << " bytes\n";
    for (const auto& l : files->levels) {
        ctx.out << "level " << l.level << ": " << l.files << " files, " << l.bytes << " bytes";
        if (l.files > 0) ctx.out << ", [" << formatBytes(l.smallestKey, hex) << " .. " << formatBytes(l.largestKey, hex) << "]";
        ctx.out << '\n';
    }
    for (const auto& t : files->tables) ctx.out << "  " << tableText(t, hex) << '\n';
    for (const auto& b : files->blobs)
        ctx.out << "blob " << oneLine(b.name) << " " << b.size << " bytes, " << b.blobs << " blobs, " << b.garbageBytes
                << " garbage bytes\n";
    for (const auto& w : files->logs)
        ctx.out << "log " << oneLine(w.name) << " " << w.size << " bytes" << (w.live ? "" : " (archived)") << '\n';
    return {};
}

Status runVerify(const Context& ctx) {
    auto opened = openDatabase(ctx, Access::Read);
    if (!opened.ok()) return opened.status();
    InterruptScope interrupts;
    auto report = opened->storage->verifyChecksums([](std::uint64_t) { return !InterruptScope::interrupted(); });
    if (!report.ok()) return report.status();
    std::size_t bad = 0;
    for (const auto& f : report->files) {
        if (!f.ok) ++bad;
        if (ctx.args.json)
            ctx.out << JsonLine{}.string("file", f.name).number("bytes", f.size).boolean("ok", f.ok).string("error", f.error).str() << '\n';
        else
            ctx.out << f.name << ": " << (f.ok ? "ok" : "CORRUPT: " + oneLine(f.error)) << '\n';
    }
    if (!ctx.args.json)
        ctx.out << report->files.size() << " table files, " << report->bytes << " bytes checked: "
                << (bad == 0 ? "clean" : std::to_string(bad) + " damaged") << '\n';
    if (bad > 0)
        return Status::corruption(std::to_string(bad) + " table file" + (bad == 1 ? "" : "s") +
                                  " failed the checksum check");
    return {};
}

Status runCompact(const Context& ctx) {
    const Arguments& args = ctx.args;
    std::optional<std::string> from, to;
    if (args.from) {
        auto k = parseBytes(*args.from, args.hex, "--from");
        if (!k.ok()) return k.status();
        from = std::move(k.value());
    }
    if (args.to) {
        auto k = parseBytes(*args.to, args.hex, "--to");
        if (!k.ok()) return k.status();
        to = std::move(k.value());
    }
    auto opened = openDatabase(ctx, Access::Write);
    if (!opened.ok()) return opened.status();
    auto& db = *opened->storage;
    auto before = db.files();
    if (!before.ok()) return before.status();
    if (Status s = db.compact(from, to); !s.ok()) return s;
    auto after = db.files();
    if (!after.ok()) return after.status();
    if (args.json)
        ctx.out << JsonLine{}
                       .number("files_before", static_cast<std::uint64_t>(before->tables.size()))
                       .number("bytes_before", tableBytes(before.value()))
                       .number("files_after", static_cast<std::uint64_t>(after->tables.size()))
                       .number("bytes_after", tableBytes(after.value()))
                       .str()
                << '\n';
    else
        ctx.out << "compacted: " << before->tables.size() << " table files, " << tableBytes(before.value())
                << " bytes -> " << after->tables.size() << " table files, " << tableBytes(after.value())
                << " bytes\n";
    return {};
}

}  // namespace meridian::cli
