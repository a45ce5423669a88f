// list-cf: the database's column families, "default" first, one a line.
#include "app/cli/byte_format.h"
#include "app/cli/commands.h"
#include "app/cli/json_line.h"
#include "app/cli/open_database.h"

namespace meridian::cli {

storage::Status runListCf(const Context& ctx) {
    auto opened = openDatabase(ctx, Access::Read);
    if (!opened.ok()) return opened.status();
    for (const auto& name : opened->storage->columnFamilies()) {
        if (ctx.args.json)
            ctx.out << JsonLine{}.bytes("name", name, false).str() << '\n';
        else
            ctx.out << formatBytes(name, false) << '\n';
    }
    return {};
}

}  // namespace meridian::cli
