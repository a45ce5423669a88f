// checkpoint: a RocksDB checkpoint of the database (storage/copy.h): a
// hard-linked copy that opens as a normal database.
#include "app/cli/byte_format.h"
#include "app/cli/commands.h"
#include "app/cli/json_line.h"
#include "app/cli/open_database.h"
#include "storage/transfer/copy.h"

namespace meridian::cli {

using storage::Status;

Status runCheckpoint(const Context& ctx) {
    const std::string& destination = ctx.args.operands[1];
    // Read-only opens write nothing into the database's folder; RocksDB
    // checkpoints them too (copying the WAL it cannot flush).
    auto opened = openDatabase(ctx, Access::Read);
    if (!opened.ok()) return opened.status();
    auto sequence = storage::checkpoint(*opened->storage, destination);
    if (!sequence.ok()) return sequence.status();
    if (ctx.args.json)
        ctx.out << JsonLine{}
                       .string("op", "checkpoint")
                       .string("path", destination)
                       .number("sequence", sequence.value())
                       .str()
                << '\n';
    else
        ctx.out << "checkpoint at sequence " << sequence.value() << " written to " << oneLine(destination) << '\n';
    return {};
}

}  // namespace meridian::cli
