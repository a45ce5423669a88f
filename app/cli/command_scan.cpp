// scan: entries in key order (or descending), one a line, paged by cursor (never by offset).
#include <algorithm>
#include <cstdint>

#include "app/cli/byte_format.h"
#include "app/cli/commands.h"
#include "app/cli/entry_decoding.h"
#include "app/cli/json_line.h"
#include "app/cli/open_database.h"

namespace meridian::cli {

namespace {

constexpr std::uint64_t kPageSize = 1000;

void printEntry(const Context& ctx, const EntryDecoding& decoding, const storage::Entry& entry) {
    const Arguments& args = ctx.args;
    if (args.json) {
        ctx.out << decoding.record(entry.key, args.keysOnly ? std::nullopt : std::optional<std::string_view>(entry.value))
                << '\n';
        return;
    }
    ctx.out << formatBytes(entry.key, args.hex);
    if (!args.keysOnly) ctx.out << " : " << formatBytes(entry.value, args.hex);
    ctx.out << '\n';
}

// Walks the requested range page by page, calling `visit` for each entry.
template <class Visit>
storage::Status walk(const storage::Storage& db, storage::ScanRequest request, std::optional<std::uint64_t> limit,
                     Visit&& visit) {
    std::uint64_t remaining = limit.value_or(0);
    for (;;) {
        request.limit = static_cast<std::size_t>(limit ? std::min(remaining, kPageSize) : kPageSize);
        auto page = db.scan(request);
        if (!page.ok()) return page.status();
        for (const auto& entry : page->entries) visit(entry);
        if (limit) remaining -= page->entries.size();
        if (!page->nextCursor || (limit && remaining == 0)) return {};
        (request.backward() ? request.before : request.after) = std::move(page->nextCursor);
    }
}

// --last N in key order, in bounded memory: walk N keys (no values) back
// from the end to find where they start, then read them forward from there.
// Both walks read one snapshot, so a writer between them changes nothing.
template <class Visit>
storage::Status walkLast(const storage::Storage& db, storage::ScanRequest request, std::uint64_t n, Visit&& visit) {
    if (!request.read.snapshot) request.read.snapshot = db.snapshot();
    storage::ScanRequest back = request;
    back.reverse = true;
    back.keysOnly = true;
    std::optional<std::string> first;
    if (storage::Status s = walk(db, back, n, [&](const storage::Entry& e) { first = e.key; }); !s.ok()) return s;
    if (!first) return {};
    request.startAt = std::move(first);
    return walk(db, request, n, std::forward<Visit>(visit));
}

}  // namespace

storage::Status runScan(const Context& ctx) {
    const Arguments& args = ctx.args;
    auto decoding = EntryDecoding::fromArguments(args);
    if (!decoding.ok()) return decoding.status();
    storage::ScanRequest request;
    if (args.prefix) {
        auto prefix = decoding->keyArgument(*args.prefix, "--prefix");
        if (!prefix.ok()) return prefix.status();
        request.prefix = std::move(prefix.value());
    }
    // --from starts at KEY (inclusive, as in ldb); --after resumes past it,
    // in the direction of the scan.
    request.reverse = args.reverse;
    if (args.from) {
        auto from = decoding->keyArgument(*args.from, "--from");
        if (!from.ok()) return from.status();
        request.startAt = std::move(from.value());
    }
    if (args.after) {
        auto after = decoding->keyArgument(*args.after, "--after");
        if (!after.ok()) return after.status();
        (args.reverse ? request.before : request.after) = std::move(after.value());
    }
    request.keysOnly = args.keysOnly || args.count;

    auto opened = openDatabase(ctx, Access::Read);
    if (!opened.ok()) return opened.status();
    const storage::Storage& db = *opened->storage;

    // --last N, newest first with --reverse: the first N of a backward walk.
    auto walkAll = [&](auto&& visit) {
        if (args.last && !args.reverse) return walkLast(db, request, *args.last, visit);
        return walk(db, request, args.last ? args.last : args.limit, visit);
    };
    if (args.count) {
        std::uint64_t n = 0;
        if (!args.from && !args.after && !args.limit && !args.last) {
            auto counted = db.count(request.prefix);
            if (!counted.ok()) return counted.status();
            n = counted.value();
        } else if (storage::Status s = walkAll([&](const storage::Entry&) { ++n; }); !s.ok()) {
            return s;
        }
        if (args.json)
            ctx.out << JsonLine{}.number("count", n).str() << '\n';
        else
            ctx.out << n << '\n';
        return {};
    }
    return walkAll([&](const storage::Entry& entry) { printEntry(ctx, decoding.value(), entry); });
}

}  // namespace meridian::cli
