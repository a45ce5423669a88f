// The live table files of a database as RocksDB's own `ldb
// list_live_files_metadata` lists them, to compare our file views against.
#pragma once

#include <QRegularExpression>
#include <QString>

#include <cstdint>
#include <set>
#include <utility>

#include "tests/support/run_program.h"

namespace meridian::test {

// (level, file number) of every live table file. ldb may be older than our
// engine: it skips OPTIONS entries it does not know.
inline std::set<std::pair<int, std::uint64_t>> ldbLiveFiles(const QString& db) {
    const Ran ran = runProgram(QStringLiteral("ldb"), {QStringLiteral("--db=%1").arg(db), QStringLiteral("--ignore_unknown_options"),
                                                       QStringLiteral("list_live_files_metadata")});
    std::set<std::pair<int, std::uint64_t>> out;
    int level = -1;
    const QRegularExpression header(QStringLiteral("^-+ level (\\d+) -+$"));
    const QRegularExpression file(QStringLiteral("/(\\d+)\\.sst$"));
    for (const QByteArray& raw : ran.out.split('\n')) {
        const QString line = QString::fromUtf8(raw).trimmed();
        if (auto m = header.match(line); m.hasMatch()) level = m.captured(1).toInt();
        else if (auto f = file.match(line); f.hasMatch()) out.emplace(level, f.captured(1).toULongLong());
    }
    return out;
}

}  // namespace meridian::test
