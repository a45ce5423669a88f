// search: the keys whose key or value matches a pattern (storage/search),
// one a line in key order; --count prints only how many.
#include "app/cli/byte_format.h"
#include "app/cli/commands.h"
#include "app/cli/interrupt.h"
#include "app/cli/json_line.h"
#include "app/cli/open_database.h"
#include "storage/search/search.h"

namespace meridian::cli {

storage::Status runSearch(const Context& ctx) {
    const Arguments& args = ctx.args;
    storage::SearchQuery query;
    query.kind = args.regex ? storage::MatchKind::Regex
                 : args.glob ? storage::MatchKind::Glob
                 : args.hex  ? storage::MatchKind::Bytes
                             : storage::MatchKind::Substring;
    auto pattern = parseBytes(args.operands[1], args.hex, "the pattern");
    if (!pattern.ok()) return pattern.status();
    query.pattern = std::move(pattern.value());
    query.inValues = args.searchValues;
    query.inKeys = args.searchKeys || !args.searchValues;
    if (args.prefix) {
        auto prefix = parseBytes(*args.prefix, args.hex, "--prefix");
        if (!prefix.ok()) return prefix.status();
        query.prefix = std::move(prefix.value());
    }
    if (args.after) {
        auto after = parseBytes(*args.after, args.hex, "--after");
        if (!after.ok()) return after.status();
        query.after = std::move(after.value());
    }
    query.limit = args.limit.value_or(0);

    auto opened = openDatabase(ctx, Access::Read);
    if (!opened.ok()) return opened.status();

    InterruptScope interrupts;
    auto result = storage::search(*opened->storage, query, {},
                                  [](std::uint64_t) { return !InterruptScope::interrupted(); });
    if (!result.ok()) {
        if (result.status().code() == storage::Status::Code::Cancelled)
            return storage::Status::cancelled("interrupted: the search stopped");
        return result.status();
    }
    if (args.count) {
        if (args.json)
            ctx.out << JsonLine{}.number("count", static_cast<std::uint64_t>(result->matches.size())).str() << '\n';
        else
            ctx.out << result->matches.size() << '\n';
    } else {
        for (const auto& m : result->matches) {
            if (args.json) {
                JsonLine line;
                line.bytes("key", m.key, args.hex);
                line.string("in", m.inKey && m.inValue ? "both" : m.inKey ? "key" : "value");
                if (query.inValues) line.number("value_bytes", static_cast<std::uint64_t>(m.valueBytes));
                ctx.out << line.str() << '\n';
            } else {
                ctx.out << formatBytes(m.key, args.hex) << '\n';
            }
        }
    }
    if (result->resumeAfter)
        ctx.err << "meridian-db: the first " << result->matches.size()
                << " matches; more may follow: add --after " << formatBytes(*result->resumeAfter, args.hex) << '\n';
    return {};
}

}  // namespace meridian::cli
