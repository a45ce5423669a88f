// stats: keys and bytes per namespace under a prefix (storage/keyspace.h),
// largest first, then the keys with no delimiter, the groups past --limit,
// the total and the largest values. Exact by default (a read of every key
// and value; Ctrl-C stops it); --estimate answers from RocksDB's size
// estimates in well under a second on any database.
#include <cstdio>
#include <string>

#include "app/cli/byte_format.h"
#include "app/cli/commands.h"
#include "app/cli/interrupt.h"
#include "app/cli/json_line.h"
#include "app/cli/open_database.h"
#include "storage/keyspace.h"

namespace meridian::cli {

namespace {

constexpr std::size_t kDefaultGroups = 50;
constexpr std::size_t kDefaultTop = 10;

// "61.2%": the share of the bytes under the prefix.
std::string share(std::uint64_t part, std::uint64_t total) {
    char text[16];
    std::snprintf(text, sizeof text, "%.1f%%", total == 0 ? 0.0 : 100.0 * double(part) / double(total));
    return text;
}

std::string counts(const storage::KeyspaceGroup& g, std::uint64_t totalBytes) {
    return std::to_string(g.keys) + " keys, " + std::to_string(g.bytes) + " bytes, " + share(g.bytes, totalBytes);
}

void printText(const Context& ctx, const storage::KeyspaceReport& r) {
    const bool hex = ctx.args.hex;
    const std::string delimiter = formatBytes(std::string(1, r.delimiter), hex);
    if (!r.known) {
        ctx.out << "total unknown: nothing under the prefix is in table files yet (RocksDB estimates only "
                   "those); count exactly without --estimate\n";
        return;
    }
    for (const auto& g : r.groups) ctx.out << "group " << formatBytes(g.segment, hex) << " " << counts(g, r.totalBytes) << '\n';
    if (r.loose.keys > 0 || r.loose.bytes > 0)
        ctx.out << "loose (no " << delimiter << " after the prefix) " << counts(r.loose, r.totalBytes) << '\n';
    // An estimate's others hold what lies past the children it listed,
    // groups it did not count among them.
    if (r.others.keys > 0 || r.otherGroups > 0) {
        ctx.out << "others ";
        if (r.exact) ctx.out << r.otherGroups << " groups, ";
        else if (r.otherGroups > 0) ctx.out << r.otherGroups << " groups or more, ";
        ctx.out << counts(r.others, r.totalBytes) << '\n';
    }
    ctx.out << "total " << r.totalKeys << " keys, " << r.totalBytes << " bytes, "
            << (r.exact ? "exact" : "estimated (bytes: their share of the table files)") << '\n';
    for (const auto& v : r.largest) ctx.out << "largest " << formatBytes(v.key, hex) << " " << v.size << " bytes\n";
}

void printJson(const Context& ctx, const storage::KeyspaceReport& r) {
    const bool hex = ctx.args.hex;
    auto counted = [](JsonLine& line, const storage::KeyspaceGroup& g) {
        line.number("keys", g.keys).number("bytes", g.bytes);
    };
    if (r.known) {
        for (const auto& g : r.groups) {
            JsonLine line;
            line.string("kind", "group").bytes("segment", g.segment, hex).bytes("prefix", g.prefix, hex);
            counted(line, g);
            ctx.out << line.str() << '\n';
        }
        JsonLine loose;
        loose.string("kind", "loose");
        counted(loose, r.loose);
        ctx.out << loose.str() << '\n';
        JsonLine others;
        others.string("kind", "others").number("groups", r.otherGroups);
        counted(others, r.others);
        ctx.out << others.str() << '\n';
    }
    JsonLine total;
    total.string("kind", "total").bytes("prefix", r.parent, hex).bytes("delimiter", std::string(1, r.delimiter), hex);
    total.boolean("exact", r.exact).boolean("known", r.known);
    if (r.known) total.number("keys", r.totalKeys).number("bytes", r.totalBytes);
    else total.null("keys").null("bytes");
    ctx.out << total.str() << '\n';
    for (const auto& v : r.largest)
        ctx.out << JsonLine{}.string("kind", "largest").bytes("key", v.key, hex).number("value_bytes", v.size).str()
                << '\n';
}

}  // namespace

storage::Status runStats(const Context& ctx) {
    const Arguments& args = ctx.args;
    std::string prefix;
    if (args.prefix) {
        auto parsed = parseBytes(*args.prefix, args.hex, "--prefix");
        if (!parsed.ok()) return parsed.status();
        prefix = std::move(parsed.value());
    }
    char delimiter = ':';
    if (args.byNamespace) {
        auto parsed = parseBytes(*args.byNamespace, args.hex, "--by-namespace");
        if (!parsed.ok()) return parsed.status();
        if (parsed->size() != 1) return storage::Status::invalidArgument("--by-namespace takes one byte");
        delimiter = parsed->front();
    }
    const std::size_t groups = args.limit ? static_cast<std::size_t>(*args.limit) : kDefaultGroups;

    auto opened = openDatabase(ctx, Access::Read);
    if (!opened.ok()) return opened.status();
    const storage::Storage& db = *opened->storage;

    storage::Result<storage::KeyspaceReport> report = storage::Status::invalidArgument("not measured");
    if (args.estimate) {
        report = storage::estimateKeyspace(db, prefix, delimiter, groups);
    } else {
        InterruptScope interrupts;
        report = storage::measureKeyspace(db, prefix, delimiter, groups,
                                          args.top ? static_cast<std::size_t>(*args.top) : kDefaultTop, {},
                                          [](std::uint64_t) { return !InterruptScope::interrupted(); });
        if (!report.ok() && report.status().code() == storage::Status::Code::Cancelled)
            return storage::Status::cancelled("interrupted: the count stopped (--estimate answers at once)");
    }
    if (!report.ok()) return report.status();
    if (args.json) printJson(ctx, report.value());
    else printText(ctx, report.value());
    return {};
}

}  // namespace meridian::cli
