// Keyspace: keys and bytes per namespace, as the model under the chart has
// them, against the keys written; an estimate on a database of table files
// too big to read at a glance, within a share of the truth; drilling into a
// namespace by double-clicking its bar, and up again; Count Exactly
// cancelled, then run, with the largest values; read only while shown.
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <map>
#include <memory>

#include "storage/factory.h"
#include "tests/gui/main_window_test.h"
#include "tests/gui/value_test_support.h"
#include "ui/keyspace/keyspace_chart.h"
#include "ui/keyspace/keyspace_dock.h"
#include "ui/keyspace/keyspace_model.h"
#include "ui/window/main_window.h"

using namespace meridian;

namespace {

// Writes `keys` (in batches) and closes; reopening read-write flushes the log
// into table files, as a database that has run a while has them.
QString writeDatabase(const QString& path, const std::map<std::string, std::string>& keys) {
    {
        auto opened = storage::createStorage(
            path.toStdString(), storage::StorageConfig{}.withMode(storage::OpenMode::ReadWrite).withCreateIfMissing());
        if (!opened.ok()) return QString::fromStdString(opened.status.message());
        storage::WriteBatch batch;
        for (const auto& [k, v] : keys) {
            batch.put(k, v);
            if (batch.size() == 10000) {
                if (auto s = opened.storage->write(batch); !s.ok()) return QString::fromStdString(s.message());
                batch.clear();
            }
        }
        if (auto s = opened.storage->write(batch); !s.ok()) return QString::fromStdString(s.message());
    }
    auto reopened = storage::createStorage(path.toStdString(), storage::StorageConfig{}.withMode(storage::OpenMode::ReadWrite));
    return reopened.ok() ? QString() : QString::fromStdString(reopened.status.message());
}

struct Row {
    QString name;
    quint64 keys = 0, bytes = 0;
    QByteArray prefix;
};

std::map<QString, Row> rowsOf(const ui::KeyspaceModel* model) {
    std::map<QString, Row> out;
    for (int r = 0; r < model->rowCount(); ++r) {
        const QModelIndex i = model->index(r, ui::KeyspaceModel::Namespace);
        out[i.data().toString()] = {i.data().toString(), i.data(ui::KeyspaceModel::KeysRole).toULongLong(),
                                    i.data(ui::KeyspaceModel::BytesRole).toULongLong(),
                                    i.data(ui::KeyspaceModel::PrefixRole).toByteArray()};
    }
    return out;
}

}  // namespace

class KeyspaceViewTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(dir_.isValid());
        // Small: user:ID:name and user:ID:email (120 users), order:N with
        // 1,000-byte values, two keys with no delimiter.
        small_ = dir_.filePath(QStringLiteral("small"));
        std::map<std::string, std::string> keys;
        for (int i = 0; i < 120; ++i) {
            keys["user:" + std::to_string(1000 + i) + ":name"] = "name" + std::to_string(i);
            keys["user:" + std::to_string(1000 + i) + ":email"] = "someone" + std::to_string(i) + "@example.com";
        }
        for (int i = 0; i < 40; ++i) keys["order:" + std::to_string(10000 + i)] = std::string(1000 + i, 'o');
        keys["config"] = "{}";
        keys["version"] = "3";
        for (const auto& [k, v] : keys) {
            const std::string ns = k.substr(0, k.find(':') == std::string::npos ? 0 : k.find(':') + 1);
            smallTruth_[ns].first += 1;
            smallTruth_[ns].second += k.size() + v.size();
        }
        const QString made = writeDatabase(small_, keys);
        QVERIFY2(made.isEmpty(), qPrintable(made));

        // Big enough to be estimated: 200,000 keys in table files, a: holding
        // twice b:'s bytes.
        big_ = dir_.filePath(QStringLiteral("big"));
        keys.clear();
        for (int i = 0; i < 100000; ++i) {
            char k[32];
            std::snprintf(k, sizeof k, "a:%08d", i);
            keys[k] = std::string(80, char('a' + i % 26));
            std::snprintf(k, sizeof k, "b:%08d", i);
            keys[k] = std::string(30, char('a' + i % 26));
        }
        const QString madeBig = writeDatabase(big_, keys);
        QVERIFY2(madeBig.isEmpty(), qPrintable(madeBig));
    }

    void init() {
        window_ = std::make_unique<ui::MainWindow>();
        window_->resize(1100, 800);
        window_->show();
        QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    }

    void cleanup() { window_.reset(); }

    void namespacesAreTheKeysWritten() {
        MERIDIAN_CHECK_OK(valuetest::openInWindow(window_.get(), small_, storage::OpenMode::ReadOnly));
        ui::KeyspaceDock* dock = window_->keyspaceDock();
        QSignalSpy loaded(dock, &ui::KeyspaceDock::loaded);
        QTest::qWait(100);
        QCOMPARE(loaded.count(), 0);  // hidden: nothing read
        dock->show();
        dock->raise();
        QTRY_COMPARE(loaded.count(), 1);
        // Few keys: the estimate is the exact count.
        ui::KeyspaceModel* model = dock->model();
        QVERIFY2(model->report().exact, qPrintable(dock->status()));
        auto rows = rowsOf(model);
        QCOMPARE(rows.size(), std::size_t(3));
        QCOMPARE(rows["user:"].keys, quint64(smallTruth_["user:"].first));
        QCOMPARE(rows["user:"].bytes, quint64(smallTruth_["user:"].second));
        QCOMPARE(rows["order:"].keys, quint64(40));
        QCOMPARE(rows["order:"].bytes, quint64(smallTruth_["order:"].second));
        const QString loose = model->index(2, 0).data().toString();
        QCOMPARE(rows[loose].keys, quint64(2));
        QCOMPARE(rows[loose].prefix, QByteArray());
        // Largest first: order: holds 40 KB, user: about 6 KB.
        QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("order:"));
        ui::KeyspaceChart* chart = dock->chart();
        QVERIFY(chart->barOf(0).width() > chart->barOf(1).width() * 3);

        // Double-click user: to look inside: 120 namespaces, 50 bars and the rest merged.
        QTest::mouseDClick(chart, Qt::LeftButton, {}, chart->barOf(1).center().toPoint());
        QTRY_COMPARE(loaded.count(), 2);
        QCOMPARE(dock->prefix(), QByteArray("user:"));
        QCOMPARE(model->report().groups.size(), std::size_t(50));
        QCOMPARE(model->report().otherGroups, std::uint64_t(70));
        QCOMPARE(model->report().others.keys, std::uint64_t(140));
        QCOMPARE(model->report().totalKeys, std::uint64_t(240));
        QCOMPARE(model->rowCount(), 51);
        // And up again.
        dock->findChild<QToolButton*>(QStringLiteral("keyspaceUp"))->click();
        QTRY_COMPARE(loaded.count(), 3);
        QCOMPARE(dock->prefix(), QByteArray());
        QCOMPARE(model->rowCount(), 3);
    }

    void anEstimateThenTheExactCount() {
        MERIDIAN_CHECK_OK(valuetest::openInWindow(window_.get(), big_, storage::OpenMode::ReadOnly));
        ui::KeyspaceDock* dock = window_->keyspaceDock();
        QSignalSpy loaded(dock, &ui::KeyspaceDock::loaded);
        dock->show();
        dock->raise();
        QTRY_COMPARE(loaded.count(), 1);
        ui::KeyspaceModel* model = dock->model();
        QVERIFY2(!model->report().exact && model->report().known, qPrintable(dock->status()));
        QVERIFY(dock->status().contains(QStringLiteral("Estimated")));
        auto rows = rowsOf(model);
        QVERIFY(rows.count("a:") && rows.count("b:"));
        // Keys alike in number, a:'s bytes about twice b:'s (80- against 30-byte values).
        const double keyShare = double(rows["a:"].keys) / double(rows["a:"].keys + rows["b:"].keys);
        QVERIFY2(keyShare > 0.55 && keyShare < 0.8, qPrintable(QString::number(keyShare)));  // sizes stand in for keys
        const double total = double(model->report().totalKeys);
        QVERIFY2(total > 150000 && total < 260000, qPrintable(QString::number(total)));

        // Count Exactly, cancelled at once: the estimate stays, and says so.
        dock->countExactly();
        QVERIFY(dock->isCounting());
        dock->cancel();
        QTRY_COMPARE(loaded.count(), 2);
        QVERIFY2(dock->status().contains(QStringLiteral("cancelled")), qPrintable(dock->status()));
        QVERIFY(!model->report().exact);
        QVERIFY(!dock->isCounting());

        // Count Exactly: the truth, and the largest values.
        dock->findChild<QPushButton*>(QStringLiteral("keyspaceCountExactly"))->click();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 3, 30000);
        QVERIFY2(model->report().exact, qPrintable(dock->status()));
        rows = rowsOf(model);
        QCOMPARE(rows["a:"].keys, quint64(100000));
        QCOMPARE(rows["b:"].keys, quint64(100000));
        QCOMPARE(rows["a:"].bytes, quint64(100000 * (10 + 80)));
        QCOMPARE(rows["b:"].bytes, quint64(100000 * (10 + 30)));
        QTableWidget* largest = dock->largestValues();
        QVERIFY(largest->isVisible());
        QVERIFY(largest->rowCount() > 0);
        QVERIFY(largest->item(0, 0)->data(Qt::UserRole).toByteArray().startsWith("a:"));
    }

private:
    QTemporaryDir dir_;
    QString small_, big_;
    std::map<std::string, std::pair<std::uint64_t, std::uint64_t>> smallTruth_;
    std::unique_ptr<ui::MainWindow> window_;
};

QTEST_MAIN(KeyspaceViewTest)
#include "keyspace_view_test.moc"
