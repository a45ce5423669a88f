// diff: what changed from one database to another (storage/diff.h).
//
// diff prints one line per difference, in key order:
//   + KEY : VALUE            only in the second database (added)
//   - KEY : VALUE            only in the first (removed)
//   ~ KEY : BEFORE -> AFTER  in both, with different values (changed)
// bytes as scan prints them (escaped, or 0x hex with --hex); --keys-only
// leaves the values out (and compares keys only); --count prints the totals
// instead; --json one object per line. The exit status is 0 whether or not
// they differ (1 is reserved for failures).
#include "app/cli/byte_format.h"
#include "app/cli/commands.h"
#include "app/cli/json_line.h"
#include "app/cli/open_database.h"
#include "storage/transfer/diff.h"

namespace meridian::cli {

using storage::Status;

namespace {

void printDifference(const Context& ctx, const storage::Difference& d) {
    const Arguments& args = ctx.args;
    if (args.json) {
        JsonLine line;
        line.string("change", storage::changeKindName(d.kind)).bytes("key", d.key, args.hex);
        if (!args.keysOnly) {
            if (d.kind == storage::ChangeKind::Added) line.bytes("value", d.after, args.hex);
            if (d.kind == storage::ChangeKind::Removed) line.bytes("value", d.before, args.hex);
            if (d.kind == storage::ChangeKind::Changed)
                line.bytes("before", d.before, args.hex).bytes("after", d.after, args.hex);
        }
        ctx.out << line.str() << '\n';
        return;
    }
    static constexpr char kMark[] = {'+', '-', '~'};
    ctx.out << kMark[static_cast<int>(d.kind)] << ' ' << formatBytes(d.key, args.hex);
    if (!args.keysOnly) {
        switch (d.kind) {
        case storage::ChangeKind::Added: ctx.out << " : " << formatBytes(d.after, args.hex); break;
        case storage::ChangeKind::Removed: ctx.out << " : " << formatBytes(d.before, args.hex); break;
        case storage::ChangeKind::Changed:
            ctx.out << " : " << formatBytes(d.before, args.hex) << " -> " << formatBytes(d.after, args.hex);
            break;
        }
    }
    ctx.out << '\n';
}

}  // namespace

Status runDiff(const Context& ctx) {
    const Arguments& args = ctx.args;
    storage::DiffOptions options;
    options.keysOnly = args.keysOnly;
    if (args.prefix) {
        auto prefix = parseBytes(*args.prefix, args.hex, "--prefix");
        if (!prefix.ok()) return prefix.status();
        options.prefix = std::move(prefix.value());
    }
    auto first = openDatabase(ctx, Access::Read);
    if (!first.ok()) return first.status();
    auto second = openDatabase(ctx, Access::Read, args.operands[1]);
    if (!second.ok()) return second.status();

    storage::DiffSink sink;
    if (!args.count) sink = [&](const storage::Difference& d) {
        printDifference(ctx, d);
        return static_cast<bool>(ctx.out);
    };
    auto summary = storage::diff(*first->storage, {}, *second->storage, {}, options, sink);
    if (!summary.ok()) return summary.status();
    if (!args.count) return {};
    const auto& s = summary.value();
    if (args.json)
        ctx.out << JsonLine{}
                       .number("added", s.added)
                       .number("removed", s.removed)
                       .number("changed", s.changed)
                       .number("unchanged", s.unchanged)
                       .str()
                << '\n';
    else
        ctx.out << s.added << " added, " << s.removed << " removed, " << s.changed << " changed, " << s.unchanged
                << " unchanged\n";
    return {};
}

}  // namespace meridian::cli
