// A hybrid store (storage/hybrid) in the real window (offscreen): the badge
// and the Properties dock say it is in memory, and when writes take it past
// its threshold while it is shown, the badge turns to RocksDB, the Log says
// so, and the dock shows when it moved. The store is read and written
// through the session as the window does.
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTest>
#include <QTreeWidget>

#include <memory>

#include "tests/gui/value_test_support.h"
#include "ui/log/log_dock.h"
#include "ui/session/storage_session.h"
#include "ui/window/backend_badge.h"
#include "ui/window/main_window.h"

using namespace meridian;

namespace {

// The text of the Properties dock's rows, "name: value" each.
QStringList propertyRows(ui::MainWindow* window) {
    QStringList rows;
    auto* tree = window->findChild<QTreeWidget*>(QStringLiteral("propertiesTree"));
    if (!tree) return rows;
    for (QTreeWidgetItemIterator it(tree); *it; ++it) rows << (*it)->text(0) + QStringLiteral(": ") + (*it)->text(1);
    return rows;
}

}  // namespace

class HybridWindowTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        valuetest::setUpTestApplication("hybrid_window_test");
        QVERIFY(dir_.isValid());
    }

    void theBadgeFollowsTheSpillWhileItIsShown() {
        ui::MainWindow window;
        window.resize(1100, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const QString path = dir_.filePath(QStringLiteral("hybrid"));
        MERIDIAN_VALUE_OK(valuetest::waitForOpen(&window, [&] {
            window.openDatabase(path, storage::OpenMode::ReadWrite,
                                storage::StorageConfig{}.withHybrid(64 * 1024).withCreateIfMissing().withEnvironment(false));
        }));
        ui::BackendBadge* badge = window.badge();
        QCOMPARE(badge->text(), QStringLiteral("Hybrid · in memory"));
        QVERIFY(!badge->isWarning());  // saved either way
        QVERIFY2(badge->details().contains(QStringLiteral("Hybrid: in memory: 0 bytes of 64.0 KiB")), qPrintable(badge->details()));
        QTRY_VERIFY(propertyRows(&window).contains(QStringLiteral("Live side: in memory")));

        // Writes past the threshold (as the window's own edits would go: through the session).
        storage::Storage& store = *window.session()->storagePtr();
        for (int i = 0; i < 400; ++i)
            QVERIFY(store.put("k" + std::to_string(1000 + i), std::string(300, 'x')).ok());
        QTRY_COMPARE_WITH_TIMEOUT(badge->text(), QStringLiteral("Hybrid · RocksDB"), 20000);
        QVERIFY2(badge->toolTip().startsWith(QStringLiteral("RocksDB since ")), qPrintable(badge->toolTip()));
        QVERIFY2(window.logDock()->text().contains(QStringLiteral("Hybrid storage moved into RocksDB: RocksDB since ")),
                 qPrintable(window.logDock()->text()));
        QTRY_VERIFY(propertyRows(&window).contains(QStringLiteral("Live side: RocksDB")));
        const QStringList rows = propertyRows(&window);
        QVERIFY2(std::any_of(rows.begin(), rows.end(), [](const QString& row) { return row.startsWith(QStringLiteral("Moved into RocksDB: ")); }),
                 qPrintable(rows.join('\n')));
        const QRegularExpression move(QStringLiteral(
            "^The move: copied in \\d+ ms, writes made meanwhile applied in \\d+ ms, every call stopped for \\d+ ms$"));
        QVERIFY2(std::any_of(rows.begin(), rows.end(), [&](const QString& row) { return move.match(row).hasMatch(); }),
                 qPrintable(rows.join('\n')));
        if (qEnvironmentVariableIsSet("MERIDIAN_SHOT")) window.grab().save(qEnvironmentVariable("MERIDIAN_SHOT"));
    }

private:
    QTemporaryDir dir_;
};

QTEST_MAIN(HybridWindowTest)
#include "hybrid_window_test.moc"
