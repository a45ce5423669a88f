#include "app/cli/arguments.h"

#include <array>
#include <charconv>
#include <string_view>
#include <utility>

#include "storage/hybrid/hybrid_storage.h"
#include "storage/bytes.h"

namespace meridian::cli {

using storage::Result;
using storage::Status;

namespace {

struct CommandSpec {
    Command command;
    const char* name;
    const char* operands;  // for messages: what follows the command
    std::size_t operandCount;
};

constexpr std::array kCommands{
    CommandSpec{Command::Info, "info", "<db-path>", 1},
    CommandSpec{Command::Scan, "scan", "<db-path>", 1},
    CommandSpec{Command::Search, "search", "<db-path> <pattern>", 2},
    CommandSpec{Command::Get, "get", "<db-path> <key>", 2},
    CommandSpec{Command::Put, "put", "<db-path> <key> <value> (or <db-path> <key> --value-file FILE)", 3},
    CommandSpec{Command::Delete, "delete", "<db-path> <key>", 2},
    CommandSpec{Command::ListCf, "list-cf", "<db-path>", 1},
    CommandSpec{Command::Lock, "lock", "<db-path>", 1},
    CommandSpec{Command::ClearLock, "clear-lock", "<db-path>", 1},
    CommandSpec{Command::Checkpoint, "checkpoint", "<db-path> <destination>", 2},
    CommandSpec{Command::Export, "export", "<db-path> <file>", 2},
    CommandSpec{Command::Import, "import", "<db-path> <file>", 2},
    CommandSpec{Command::Diff, "diff", "<db-path-a> <db-path-b>", 2},
    CommandSpec{Command::Versions, "versions", "<db-path> <key>", 2},
    CommandSpec{Command::Files, "files", "<db-path>", 1},
    CommandSpec{Command::Verify, "verify", "<db-path>", 1},
    CommandSpec{Command::Compact, "compact", "<db-path>", 1},
    CommandSpec{Command::Stats, "stats", "<db-path>", 1},
};

const CommandSpec* findCommand(std::string_view name) {
    for (const auto& spec : kCommands)
        if (name == spec.name) return &spec;
    return nullptr;
}

const CommandSpec& specOf(Command command) {
    for (const auto& spec : kCommands)
        if (spec.command == command) return spec;
    return kCommands.front();
}

Status usageError(std::string message) { return Status::invalidArgument(std::move(message) + " (try --help)"); }

Result<std::uint64_t> parseCount(std::string_view option, std::string_view text) {
    std::uint64_t value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc() || ptr != end || value == 0)
        return usageError(std::string(option) + " needs a positive whole number, not '" + std::string(text) + "'");
    return value;
}

// Checks that the options given make sense for the command.
Status validate(const Arguments& args) {
    if (!args.command) {
        if (args.help || args.version) return {};
        return usageError("no command given");
    }
    const CommandSpec& spec = specOf(*args.command);
    if (args.help || args.version) return {};
    // put --value-file FILE takes the value from FILE, not from an operand.
    const bool valueFromFile = args.command == Command::Put && args.valueFile;
    if (valueFromFile && args.operands.size() == spec.operandCount)
        return usageError("put takes the value from --value-file or from the command line, not both");
    if (args.operands.size() != spec.operandCount - (valueFromFile ? 1 : 0)) {
        if (args.operands.empty()) return usageError(std::string(spec.name) + ": no database path given");
        return usageError(std::string(spec.name) + " takes " + spec.operands + ", got " +
                          std::to_string(args.operands.size()) + " argument" +
                          (args.operands.size() == 1 ? "" : "s"));
    }
    if (args.operands.front().empty()) return usageError(std::string(spec.name) + ": the database path is empty");
    // Which commands each command-specific option applies to.
    const Command command = *args.command;
    const bool scan = command == Command::Scan;
    const bool search = command == Command::Search;
    const bool diff = command == Command::Diff;
    const bool transfer = command == Command::Export || command == Command::Import;
    const bool stats = command == Command::Stats;
    const struct {
        bool given;
        bool allowed;
        const char* name;
        const char* commands;
    } specific[] = {
        {args.prefix.has_value(), scan || search || diff || command == Command::Export || stats, "--prefix",
         "scan, search, export, diff and stats"},
        {args.from.has_value(), scan || command == Command::Compact, "--from", "scan and compact"},
        {args.to.has_value(), command == Command::Compact, "--to", "compact"},
        {args.after.has_value(), scan || search, "--after", "scan and search"},
        {args.limit.has_value(), scan || search || stats, "--limit", "scan, search and stats"},
        {args.byNamespace.has_value(), stats, "--by-namespace", "stats"},
        {args.top.has_value(), stats, "--top", "stats"},
        {args.estimate, stats, "--estimate", "stats"},
        {args.searchKeys, search, "--keys", "search"},
        {args.searchValues, search, "--values", "search"},
        {args.regex, search, "--regex", "search"},
        {args.glob, search, "--glob", "search"},
        {args.last.has_value(), scan, "--last", "scan"},
        {args.reverse, scan, "--reverse", "scan"},
        {args.keysOnly, scan || diff, "--keys-only", "scan and diff"},
        {args.count, scan || search || diff, "--count", "scan, search and diff"},
        {args.format.has_value(), transfer, "--format", "export and import"},
        {args.createIfMissing, command == Command::Import, "--create-if-missing", "import"},
        {args.valueFile.has_value(), command == Command::Put, "--value-file", "put"},
        {args.decode.has_value(), scan || command == Command::Get, "--decode", "get and scan"},
        {args.keyLayout.has_value(), scan || command == Command::Get, "--key-layout", "get and scan"},
        {args.allowOptionsRewrite,
         command == Command::Put || command == Command::Delete || command == Command::Import ||
             command == Command::Compact,
         "--allow-options-rewrite", "put, delete, import and compact"},
    };
    for (const auto& option : specific)
        if (option.given && !option.allowed)
            return usageError(std::string(option.name) + " only applies to " + option.commands);
    if (args.decode && (args.keysOnly || args.count))
        return usageError("--decode shows values: it excludes --keys-only and --count");
    if (args.format && *args.format != "ldb" && *args.format != "jsonl")
        return usageError("--format takes ldb or jsonl, not '" + *args.format + "'");
    const bool twoPaths = transfer || diff || command == Command::Checkpoint;
    if (twoPaths && args.operands[1].empty()) return usageError(std::string(spec.name) + ": the second path is empty");
    if (args.from && args.after) return usageError("--from and --after exclude each other");
    if (args.regex + args.glob + (search && args.hex) > 1)
        return usageError("--regex, --glob and --hex (a pattern of bytes) exclude each other");
    if (search && args.operands[1].empty()) return usageError("search: the pattern is empty");
    if (args.last && (args.from || args.after || args.limit))
        return usageError("--last takes the last entries under the prefix: it excludes --from, --after and --limit");
    if (args.byNamespace) {
        const auto delimiter = args.hex ? storage::fromHex(*args.byNamespace) : std::optional(*args.byNamespace);
        if (!delimiter || delimiter->size() != 1)
            return usageError("--by-namespace takes one byte: a character" +
                              std::string(args.hex ? ", or with --hex two hex digits like 3A" : "") + ", not '" +
                              storage::escapeBytes(*args.byNamespace) + "'");
    }
    if (args.estimate && args.top)
        return usageError("--top lists the largest values, which only an exact count finds: it excludes --estimate");
    if (args.readOnly && args.secondary) return usageError("--read-only and --secondary exclude each other");
    if (args.memory && (args.readOnly || args.secondary))
        return usageError("--memory cannot be combined with --read-only or --secondary");
    if (args.hybrid && (args.readOnly || args.secondary || args.memory))
        return usageError("--hybrid cannot be combined with --read-only, --secondary or --memory");
    return {};
}

}  // namespace

const char* commandName(Command command) { return specOf(command).name; }

Result<Arguments> parseArguments(int argc, const char* const* argv) {
    Arguments args;
    bool optionsEnded = false;
    auto positional = [&](std::string value) -> Status {
        if (args.command) {
            args.operands.push_back(std::move(value));
            return {};
        }
        const CommandSpec* spec = findCommand(value);
        if (!spec) return usageError("unknown command '" + value + "'");
        args.command = spec->command;
        return {};
    };

    for (int i = 1; i < argc; ++i) {
        const std::string_view arg(argv[i]);
        if (optionsEnded || arg.size() < 2 || arg[0] != '-') {
            if (Status s = positional(std::string(arg)); !s.ok()) return s;
            continue;
        }
        if (arg == "--") {
            optionsEnded = true;
            continue;
        }

        // Split "--name=value".
        std::string_view name = arg;
        std::optional<std::string_view> inlineValue;
        if (arg.starts_with("--")) {
            if (const auto eq = arg.find('='); eq != std::string_view::npos) {
                name = arg.substr(0, eq);
                inlineValue = arg.substr(eq + 1);
            }
        }
        auto takeValue = [&]() -> Result<std::string> {
            if (inlineValue) return std::string(*inlineValue);
            if (i + 1 >= argc) return usageError(std::string(name) + " needs a value");
            return std::string(argv[++i]);
        };
        auto flag = [&](bool& target) -> Status {
            if (inlineValue) return usageError(std::string(name) + " takes no value");
            target = true;
            return {};
        };
        auto value = [&](std::optional<std::string>& target) -> Status {
            auto v = takeValue();
            if (!v.ok()) return v.status();
            target = std::move(v.value());
            return {};
        };

        Status s;
        if (name == "--hex") s = flag(args.hex);
        else if (name == "--json") s = flag(args.json);
        else if (name == "--read-only") s = flag(args.readOnly);
        else if (name == "--secondary") s = flag(args.secondary);
        else if (name == "--memory") s = flag(args.memory);
        else if (name == "--hybrid") {
            // --hybrid alone: the default threshold; --hybrid=SIZE (a value only after '=').
            args.hybrid = storage::kDefaultHybridThreshold;
            if (inlineValue) {
                args.hybrid = storage::parseByteSize(*inlineValue);
                if (!args.hybrid)
                    s = usageError("--hybrid takes a size like 64MiB, 512KiB or 1GiB, not '" + std::string(*inlineValue) + "'");
            }
        }
        else if (name == "-v" || name == "--verbose") s = flag(args.verbose);
        else if (name == "-h" || name == "--help") s = flag(args.help);
        else if (name == "--version") s = flag(args.version);
        else if (name == "--keys-only") s = flag(args.keysOnly);
        else if (name == "--count") s = flag(args.count);
        else if (name == "--create-if-missing") s = flag(args.createIfMissing);
        else if (name == "--allow-options-rewrite") s = flag(args.allowOptionsRewrite);
        else if (name == "--format") s = value(args.format);
        else if (name == "--cf") s = value(args.columnFamily);
        else if (name == "--prefix") s = value(args.prefix);
        else if (name == "--to") s = value(args.to);
        else if (name == "--from") s = value(args.from);
        else if (name == "--after") s = value(args.after);
        else if (name == "--reverse") s = flag(args.reverse);
        else if (name == "--keys") s = flag(args.searchKeys);
        else if (name == "--values") s = flag(args.searchValues);
        else if (name == "--regex") s = flag(args.regex);
        else if (name == "--glob") s = flag(args.glob);
        else if (name == "--value-file") s = value(args.valueFile);
        else if (name == "--by-namespace") s = value(args.byNamespace);
        else if (name == "--estimate") s = flag(args.estimate);
        else if (name == "--decode") s = value(args.decode);
        else if (name == "--key-layout") s = value(args.keyLayout);
        else if (name == "--compress") {
            auto v = takeValue();
            if (!v.ok()) return v.status();
            auto parsed = storage::parseMemoryCompression(v.value());
            if (!parsed.ok()) return usageError("--compress: " + parsed.status().message());
            args.compression = parsed.value();
        }
        else if (name == "--limit" || name == "--last" || name == "--top") {
            auto v = takeValue();
            if (!v.ok()) return v.status();
            auto n = parseCount(name, v.value());
            if (!n.ok()) return n.status();
            (name == "--limit" ? args.limit : name == "--last" ? args.last : args.top) = n.value();
        } else {
            s = usageError("unknown option '" + std::string(name) + "'");
        }
        if (!s.ok()) return s;
    }

    if (args.columnFamily && args.columnFamily->empty()) return usageError("--cf needs a column family name");
    if (Status s = validate(args); !s.ok()) return s;
    if (args.decode || args.keyLayout) args.json = true;  // what they print is JSON Lines
    return args;
}

}  // namespace meridian::cli
