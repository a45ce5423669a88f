// Helpers for the MainWindow tests: database fixtures (db_bench, ldb, the
// storage API) and reading the key list model.
#include <QStandardPaths>
#include <QTest>

#include "storage/factory.h"
#include "tests/gui/main_window_test.h"
#include "tests/support/run_program.h"
#include "ui/browser/key_list_model.h"

namespace meridian::gui_test {

namespace {

QString runTool(const QString& tool, const QStringList& arguments, QByteArray* output) {
    const QString program = QStandardPaths::findExecutable(tool);
    if (program.isEmpty())
        return QStringLiteral(
                   "'%1' is not on PATH. These tests need RocksDB's tools "
                   "(Debian: apt install rocksdb-tools; Homebrew: brew install rocksdb).")
            .arg(tool);
    const test::Ran ran = test::runProgram(program, arguments);
    if (ran.code == -1) return QStringLiteral("%1 did not finish: %2").arg(tool, QString::fromLocal8Bit(ran.err));
    if (ran.code != 0)
        return QStringLiteral("%1 %2 failed (exit %3): %4")
            .arg(tool, arguments.join(' '))
            .arg(ran.code)
            .arg(QString::fromLocal8Bit(ran.err));
    if (output) *output = ran.out;
    return {};
}

}  // namespace

QByteArray benchKey(std::uint64_t i) {
    QByteArray key(16, '0');
    for (int b = 0; b < 8; ++b) key[7 - b] = static_cast<char>((i >> (8 * b)) & 0xFF);
    return key;
}

QString makeBenchDatabase(const QString& dir, int num, int valueSize) {
    return runTool(QStringLiteral("db_bench"),
                   {QStringLiteral("--benchmarks=fillseq"), QStringLiteral("--num=%1").arg(num),
                    QStringLiteral("--value_size=%1").arg(valueSize), QStringLiteral("--db=%1").arg(dir),
                    QStringLiteral("--compression_type=none")},
                   nullptr);
}

QString ldbKeys(const QString& dir, QList<QByteArray>* keys) {
    QByteArray out;
    const QString error = runTool(QStringLiteral("ldb"),
                                  {QStringLiteral("--db=%1").arg(dir), QStringLiteral("--hex"), QStringLiteral("scan"),
                                   QStringLiteral("--no_value")},
                                  &out);
    if (!error.isEmpty()) return error;
    keys->clear();
    for (QByteArray line : out.split('\n')) {
        line = line.trimmed();
        if (line.isEmpty()) continue;
        if (!line.startsWith("0x"))
            return QStringLiteral("unexpected ldb output line: %1").arg(QString::fromLatin1(line));
        keys->append(QByteArray::fromHex(line.mid(2)));
    }
    return {};
}

QString makeDatabase(const QString& dir, const QList<QPair<QString, QList<QByteArray>>>& families) {
    auto opened = storage::createStorage(dir.toStdString(),
                                         storage::StorageConfig{}.withCreateIfMissing().withEnvironment(false));
    if (!opened.ok()) return QString::fromStdString(opened.status.message());
    for (const auto& [name, keys] : families) {
        const std::string family = name.toStdString();
        if (auto s = opened.storage->createColumnFamily(family); !s.ok()) return QString::fromStdString(s.message());
        auto scoped = opened.storage->columnFamily(family);
        if (!scoped.ok()) return QString::fromStdString(scoped.status().message());
        storage::WriteBatch batch;
        for (const auto& key : keys) batch.put(key.toStdString(), "v");
        if (auto s = scoped.value()->write(batch, {true}); !s.ok()) return QString::fromStdString(s.message());
    }
    return {};  // the last reference goes here: the database closes
}

QList<QByteArray> modelKeys(const ui::KeyListModel* model) {
    QList<QByteArray> keys;
    keys.reserve(model->rowCount());
    for (int row = 0; row < model->rowCount(); ++row)
        keys << model->index(row).data(ui::KeyListModel::KeyRole).toByteArray();
    return keys;
}

QString loadToEnd(ui::KeyListModel* model, int maxPages) {
    for (int page = 0; page < maxPages; ++page) {
        if (!QTest::qWaitFor([model] { return !model->isLoading(); }, 20000))
            return QStringLiteral("a page did not arrive within 20 s (%1 rows so far)").arg(model->rowCount());
        if (model->atEnd()) return {};
        if (!model->canFetchMore({}))
            return QStringLiteral("not at the end, not loading, yet canFetchMore() is false (%1 rows)")
                .arg(model->rowCount());
        model->fetchMore({});
    }
    return QStringLiteral("still not at the end after %1 pages").arg(maxPages);
}

QString strictlyIncreasing(const QList<QByteArray>& keys) {
    for (qsizetype i = 1; i < keys.size(); ++i) {
        // QByteArray's operator< compares bytewise as unsigned, shorter first on a tie: RocksDB's order.
        if (!(keys[i - 1] < keys[i]))
            return QStringLiteral("row %1 (0x%2) does not sort after row %3 (0x%4)")
                .arg(i)
                .arg(QString::fromLatin1(keys[i].toHex()))
                .arg(i - 1)
                .arg(QString::fromLatin1(keys[i - 1].toHex()));
    }
    return {};
}

}  // namespace meridian::gui_test
