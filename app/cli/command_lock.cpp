// lock, clear-lock: the lock doctor from the shell. Neither opens the database.
#include "app/cli/byte_format.h"
#include "app/cli/commands.h"
#include "app/cli/json_line.h"
#include "storage/lock/lock_probe.h"

namespace meridian::cli {

using storage::Status;

namespace {

// The holder's short name, else its executable ("" when the OS does not tell).
std::string processName(const storage::LockHolder& holder) {
    return holder.name.empty() ? holder.executable : holder.name;
}

void printJson(const Context& ctx, const storage::LockDiagnosis& d) {
    JsonLine line;
    line.string("state", storage::lockStateName(d.state));
    // null for what the OS does not tell (or when nobody holds the lock).
    if (d.holder && d.holder->pid != 0)
        line.number("pid", d.holder->pid);
    else
        line.null("pid");
    if (d.holder && !processName(*d.holder).empty())
        line.string("process", processName(*d.holder));
    else
        line.null("process");
    if (d.holder && !d.holder->commandLine.empty())
        line.string("command_line", d.holder->commandLine);
    else
        line.null("command_line");
    line.string("path", d.databasePath)
        .string("lock_path", d.lockPath)
        .string("advice", d.advice)
        .string("explanation", d.explanation);
    ctx.out << line.str() << '\n';
}

void printText(const Context& ctx, const storage::LockDiagnosis& d) {
    std::ostream& out = ctx.out;
    out << "state: " << storage::lockStateName(d.state) << '\n'
        << "path: " << oneLine(d.databasePath) << '\n'
        << "lock path: " << oneLine(d.lockPath) << '\n';
    if (d.holder) {
        if (d.holder->pid != 0) out << "pid: " << d.holder->pid << '\n';
        if (!processName(*d.holder).empty()) out << "process: " << oneLine(processName(*d.holder)) << '\n';
        if (!d.holder->commandLine.empty()) out << "command line: " << oneLine(d.holder->commandLine) << '\n';
    }
    out << "explanation: " << oneLine(d.explanation) << '\n' << "advice: " << oneLine(d.advice) << '\n';
}

}  // namespace

// Exit status 0 only when a read-write open would get the lock right now.
Status runLock(const Context& ctx) {
    const storage::LockDiagnosis diagnosis = storage::probeLock(ctx.args.dbPath());
    if (ctx.args.json)
        printJson(ctx, diagnosis);
    else
        printText(ctx, diagnosis);
    if (diagnosis.canOpenReadWrite()) return {};
    const std::string reason = diagnosis.explanation.empty() ? storage::lockStateName(diagnosis.state)
                                                             : diagnosis.explanation;
    return Status::lockHeld("cannot open read-write now: " + reason);
}

Status runClearLock(const Context& ctx) {
    auto cleared = storage::clearStaleLock(ctx.args.dbPath());
    if (!cleared.ok()) return cleared.status();
    if (ctx.args.json)
        ctx.out << JsonLine{}.boolean("cleared", true).string("message", cleared.value()).str() << '\n';
    else
        ctx.out << oneLine(cleared.value()) << '\n';
    return {};
}

}  // namespace meridian::cli
