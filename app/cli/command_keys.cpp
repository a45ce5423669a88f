// get, put, delete: one key at a time. put takes the value from the command
// line, or with --value-file from a file or stdin ("-"): any size, any bytes.
#include "app/cli/byte_format.h"
#include "app/cli/commands.h"
#include "app/cli/entry_decoding.h"
#include "app/cli/json_line.h"
#include "app/cli/open_database.h"
#include "storage/transfer/dump_files.h"

namespace meridian::cli {

using storage::Status;

namespace {

// "OK", like ldb; with --json {"ok":true,"op":...,"key":...}.
void printDone(const Context& ctx, const char* op, const std::string& key) {
    if (ctx.args.json)
        ctx.out << JsonLine{}.boolean("ok", true).string("op", op).bytes("key", key, ctx.args.hex).str() << '\n';
    else
        ctx.out << "OK\n";
}

}  // namespace

Status runGet(const Context& ctx) {
    const Arguments& args = ctx.args;
    auto decoding = EntryDecoding::fromArguments(args);
    if (!decoding.ok()) return decoding.status();
    auto key = decoding->keyArgument(args.operands[1], "key");
    if (!key.ok()) return key.status();
    auto opened = openDatabase(ctx, Access::Read);
    if (!opened.ok()) return opened.status();
    auto value = opened->storage->get(key.value());
    if (!value.ok()) {
        if (value.status().code() == Status::Code::NotFound)
            return Status::notFound("key " + formatBytes(key.value(), args.hex) + " not found");
        return value.status();
    }
    if (args.json)
        ctx.out << decoding->record(key.value(), value.value()) << '\n';
    else
        ctx.out << formatBytes(value.value(), args.hex) << '\n';
    return {};
}

Status runPut(const Context& ctx) {
    const Arguments& args = ctx.args;
    auto key = parseBytes(args.operands[1], args.hex, "key");
    if (!key.ok()) return key.status();
    // --value-file: the file's bytes as they are (--hex is for the key then).
    auto value = args.valueFile ? storage::readWholeInput(*args.valueFile)
                                : parseBytes(args.operands[2], args.hex, "value");
    if (!value.ok()) {
        if (!args.valueFile) return value.status();
        return storage::Status::error(value.status().code(), "--value-file: " + value.status().message());
    }
    auto opened = openDatabase(ctx, Access::Write);
    if (!opened.ok()) return opened.status();
    if (Status s = opened->storage->put(key.value(), value.value(), storage::WriteOptions{.sync = true}); !s.ok())
        return s;
    printDone(ctx, "put", key.value());
    return {};
}

Status runDelete(const Context& ctx) {
    const Arguments& args = ctx.args;
    auto key = parseBytes(args.operands[1], args.hex, "key");
    if (!key.ok()) return key.status();
    auto opened = openDatabase(ctx, Access::Write);
    if (!opened.ok()) return opened.status();
    if (Status s = opened->storage->remove(key.value(), storage::WriteOptions{.sync = true}); !s.ok()) return s;
    printDone(ctx, "delete", key.value());
    return {};
}

}  // namespace meridian::cli
