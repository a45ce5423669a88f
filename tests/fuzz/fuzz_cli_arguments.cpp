// libFuzzer target: meridian-db's command line (app/cli/arguments.h) and the
// bytes it takes from it (app/cli/byte_format.h), on any argv.
//
// Input: the arguments after the program name, separated by NUL bytes (the
// one byte an argument cannot hold).
//
// Checks:
//  - parseArguments refuses with InvalidArgument and a message that ends
//    "(try --help)" and prints as one line, or returns a complete and
//    consistent command line: a command with the number of operands it takes
//    (put one fewer with --value-file) and a database path (unless --help or
//    --version), --read-only, --secondary and --memory not combined, a known
//    --format, a positive --limit and --top, a --by-namespace of one byte,
//    --top not with --estimate, command-specific options only with their
//    commands.
//  - What it returns is written back as a canonical command line (every
//    option as --name or --name=value, then "--" and the operands), which
//    parses to the same.
//  - parseBytes takes every operand and option value as it is, or with --hex
//    exactly what fromHex reads, and formatBytes writes that back.
#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/cli/arguments.h"
#include "app/cli/byte_format.h"
#include "storage/bytes.h"
#include "tests/fuzz/fuzz_check.h"

using namespace meridian;
using cli::Arguments;
using cli::Command;

namespace {

constexpr std::size_t kMaxArguments = 64;

storage::Result<Arguments> parse(const std::vector<std::string>& argv) {
    std::vector<const char*> pointers;
    for (const auto& arg : argv) pointers.push_back(arg.c_str());
    pointers.push_back(nullptr);
    return cli::parseArguments(static_cast<int>(argv.size()), pointers.data());
}

bool same(const Arguments& a, const Arguments& b) {
    return a.command == b.command && a.operands == b.operands && a.hex == b.hex && a.json == b.json &&
           a.readOnly == b.readOnly && a.secondary == b.secondary && a.memory == b.memory &&
           a.verbose == b.verbose && a.help == b.help && a.version == b.version &&
           a.columnFamily == b.columnFamily && a.prefix == b.prefix && a.from == b.from && a.limit == b.limit &&
           a.keysOnly == b.keysOnly && a.count == b.count && a.format == b.format &&
           a.createIfMissing == b.createIfMissing && a.valueFile == b.valueFile &&
           a.allowOptionsRewrite == b.allowOptionsRewrite && a.byNamespace == b.byNamespace && a.top == b.top &&
           a.estimate == b.estimate;
}

std::vector<std::string> canonical(const Arguments& a) {
    std::vector<std::string> argv{"meridian-db"};
    if (a.command) argv.emplace_back(cli::commandName(*a.command));
    const std::pair<bool, const char*> flags[] = {
        {a.hex, "--hex"},           {a.json, "--json"},         {a.readOnly, "--read-only"},
        {a.secondary, "--secondary"}, {a.memory, "--memory"},   {a.verbose, "--verbose"},
        {a.help, "--help"},         {a.version, "--version"},   {a.keysOnly, "--keys-only"},
        {a.count, "--count"},       {a.createIfMissing, "--create-if-missing"}, {a.reverse, "--reverse"},
        {a.searchKeys, "--keys"}, {a.searchValues, "--values"}, {a.regex, "--regex"}, {a.glob, "--glob"},
        {a.allowOptionsRewrite, "--allow-options-rewrite"}, {a.estimate, "--estimate"},
    };
    for (const auto& [given, name] : flags)
        if (given) argv.emplace_back(name);
    const std::pair<const std::optional<std::string>&, const char*> values[] = {
        {a.columnFamily, "--cf="}, {a.format, "--format="}, {a.prefix, "--prefix="}, {a.from, "--from="},
        {a.after, "--after="}, {a.to, "--to="},
        {a.valueFile, "--value-file="}, {a.byNamespace, "--by-namespace="}};
    for (const auto& [value, name] : values)
        if (value) argv.push_back(name + *value);
    if (a.limit) argv.push_back("--limit=" + std::to_string(*a.limit));
    if (a.last) argv.push_back("--last=" + std::to_string(*a.last));
    if (a.top) argv.push_back("--top=" + std::to_string(*a.top));
    if (!a.operands.empty()) {
        argv.emplace_back("--");
        argv.insert(argv.end(), a.operands.begin(), a.operands.end());
    }
    return argv;
}

std::size_t operandsOf(Command command) {
    switch (command) {
    case Command::Info:
    case Command::Scan:
    case Command::ListCf:
    case Command::Lock:
    case Command::ClearLock:
    case Command::Files:
    case Command::Verify:
    case Command::Compact:
    case Command::Stats: return 1;
    case Command::Get:
    case Command::Search:
    case Command::Delete:
    case Command::Checkpoint:
    case Command::Export:
    case Command::Import:
    case Command::Diff:
    case Command::Versions: return 2;
    case Command::Put: return 3;
    }
    return 0;
}

void checkConsistent(const Arguments& a) {
    FUZZ_CHECK(a.command || a.help || a.version);
    if (a.columnFamily) FUZZ_CHECK(!a.columnFamily->empty());
    if (!a.command || a.help || a.version) return;
    const Command c = *a.command;
    FUZZ_CHECK(a.operands.size() == operandsOf(c) - (c == Command::Put && a.valueFile ? 1 : 0));
    FUZZ_CHECK(!a.dbPath().empty());
    FUZZ_CHECK(!(a.readOnly && a.secondary));
    FUZZ_CHECK(!(a.memory && (a.readOnly || a.secondary)));
    if (a.format) FUZZ_CHECK(*a.format == "ldb" || *a.format == "jsonl");
    if (a.limit) FUZZ_CHECK(*a.limit > 0);
    const bool scan = c == Command::Scan, diff = c == Command::Diff, search = c == Command::Search;
    const bool stats = c == Command::Stats;
    if (a.prefix) FUZZ_CHECK(scan || search || diff || c == Command::Export || stats);
    if (a.last || a.reverse) FUZZ_CHECK(scan);
    if (a.from) FUZZ_CHECK(scan || c == Command::Compact);
    if (a.to) FUZZ_CHECK(c == Command::Compact);
    if (a.after) FUZZ_CHECK(scan || search);
    if (a.limit) FUZZ_CHECK(scan || search || stats);
    if (a.byNamespace || a.top || a.estimate) FUZZ_CHECK(stats);
    if (a.byNamespace) FUZZ_CHECK((a.hex ? storage::fromHex(*a.byNamespace) : a.byNamespace)->size() == 1);
    if (a.top) FUZZ_CHECK(*a.top > 0 && !a.estimate);
    if (a.searchKeys || a.searchValues || a.regex || a.glob) FUZZ_CHECK(search);
    FUZZ_CHECK(a.regex + a.glob + (search && a.hex) <= 1);
    if (search) FUZZ_CHECK(!a.operands[1].empty());
    FUZZ_CHECK(!(a.from && a.after));
    if (a.last) FUZZ_CHECK(!a.from && !a.after && !a.limit);
    if (a.keysOnly) FUZZ_CHECK(scan || diff);
    if (a.count) FUZZ_CHECK(scan || search || diff);
    if (a.format) FUZZ_CHECK(c == Command::Export || c == Command::Import);
    if (a.createIfMissing) FUZZ_CHECK(c == Command::Import);
    if (a.valueFile) FUZZ_CHECK(c == Command::Put);
    if (a.allowOptionsRewrite)
        FUZZ_CHECK(c == Command::Put || c == Command::Delete || c == Command::Import || c == Command::Compact);
}

// As the commands read keys, values, --prefix, --from and --after, with and without --hex.
void checkBytes(const std::string& argument) {
    FUZZ_CHECK(cli::parseBytes(argument, false, "key").value() == argument);
    FUZZ_CHECK(cli::formatBytes(argument, false) == storage::escapeBytes(argument));
    const auto bytes = cli::parseBytes(argument, true, "key");
    const auto typed = storage::fromHex(argument);
    FUZZ_CHECK(bytes.ok() == typed.has_value());
    if (bytes.ok()) {
        FUZZ_CHECK(bytes.value() == *typed);
        FUZZ_CHECK(cli::formatBytes(bytes.value(), true) == "0x" + storage::toHex(*typed));
    } else {
        FUZZ_CHECK(storage::isPrintableUtf8(cli::oneLine(bytes.status().message())));
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input = fuzz::bytesOf(data, size);
    std::vector<std::string> argv{"meridian-db"};
    for (std::size_t start = 0; start <= input.size() && argv.size() <= kMaxArguments;) {
        const std::size_t end = std::min(input.find('\0', start), input.size());
        if (!input.empty()) argv.emplace_back(input.substr(start, end - start));
        start = end + 1;
    }

    const auto parsed = parse(argv);
    if (!parsed.ok()) {
        const storage::Status& status = parsed.status();
        FUZZ_CHECK(status.code() == storage::Status::Code::InvalidArgument);
        FUZZ_CHECK(status.message().ends_with(" (try --help)"));
        FUZZ_CHECK(storage::isPrintableUtf8(cli::oneLine(status.message())));
        return 0;
    }
    const Arguments& args = parsed.value();
    checkConsistent(args);
    const auto again = parse(canonical(args));
    FUZZ_CHECK(again.ok() && same(again.value(), args));

    for (const auto& operand : args.operands) checkBytes(operand);
    if (args.prefix) checkBytes(*args.prefix);
    if (args.from) checkBytes(*args.from);
    if (args.byNamespace) checkBytes(*args.byNamespace);
    return 0;
}
