// RocksDB's own tools in tests: a database over several levels made by
// db_bench, and its live table files as `ldb list_live_files_metadata`
// lists them, to compare our file views against.
#pragma once

#include <QRegularExpression>
#include <QString>

#include <cstdint>
#include <set>
#include <utility>

#include "tests/support/run_program.h"

namespace meridian::test {

// `keys` random keys with 100-byte values, small memtables and files and a
// small level base: several levels of table files (and some keys still in
// the log). Returns what went wrong, or an empty string.
inline QString makeLevelledDatabase(const QString& path, int keys) {
    const Ran made = runProgram(
        QStringLiteral("db_bench"),
        {QStringLiteral("--benchmarks=fillrandom"), QStringLiteral("--num=%1").arg(keys), QStringLiteral("--value_size=100"),
         QStringLiteral("--write_buffer_size=65536"), QStringLiteral("--target_file_size_base=65536"),
         QStringLiteral("--max_bytes_for_level_base=262144"), QStringLiteral("--compression_type=none"),
         QStringLiteral("--db=%1").arg(path)});
    return made.code == 0 ? QString() : QString::fromUtf8(made.out + made.err);
}

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
