// The Compare dialog (offscreen), on an in-memory store and on RocksDB: its
// rows equal a brute-force comparison of the two views (binary keys and
// values included), the selected row's values come back exactly from the two
// snapshots, a prefix (escaped bytes too) and the column family restrict it,
// two snapshots compare with each other, rows stream in batches and stop at
// the cap, and cancelling, re-running and closing mid-run are safe.
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QToolButton>

#include <map>
#include <memory>
#include <string>

#include "storage/factory.h"
#include "storage/memory/memory_storage.h"
#include "tests/storage/transfer_test_support.h"
#include "ui/session/storage_session.h"
#include "ui/snapshots/diff_dialog.h"
#include "ui/snapshots/diff_model.h"

using namespace meridian;
using namespace std::string_literals;
using ui::DiffDialog;
using ui::DiffModel;

namespace {

using Contents = std::map<std::string, std::string>;  // bytewise order, like the stores
using Row = QPair<int, QByteArray>;                  // (ChangeKind, key)

using test::bytes;

Contents contents(const storage::Storage& store, const storage::SnapshotPtr& at, const std::string& prefix = {}) {
    storage::ScanRequest request;
    request.prefix = prefix;
    request.limit = 0;
    request.read.snapshot = at;
    Contents out;
    auto page = store.scan(request);
    if (!page.ok()) qWarning("scan failed: %s", page.status().toString().c_str());
    else
        for (auto& e : page->entries) out.emplace(std::move(e.key), std::move(e.value));
    return out;
}

// The brute-force diff: every key of both views, compared one by one.
QList<Row> bruteForce(const Contents& before, const Contents& after) {
    std::map<std::string, int> kinds;
    for (const auto& [key, value] : before) {
        auto it = after.find(key);
        if (it == after.end()) kinds[key] = int(storage::ChangeKind::Removed);
        else if (it->second != value) kinds[key] = int(storage::ChangeKind::Changed);
    }
    for (const auto& [key, value] : after)
        if (!before.count(key)) kinds[key] = int(storage::ChangeKind::Added);
    QList<Row> rows;
    for (const auto& [key, kind] : kinds) rows.append({kind, bytes(key)});
    return rows;
}

QList<Row> shown(const DiffModel* model) {
    QList<Row> rows;
    for (int r = 0; r < model->rowCount(); ++r) {
        const QModelIndex i = model->index(r, DiffModel::KeyColumn);
        rows.append({i.data(DiffModel::KindRole).toInt(), i.data(DiffModel::KeyRole).toByteArray()});
    }
    return rows;
}

QString describe(const QList<Row>& rows) {
    QStringList parts;
    for (const auto& [kind, key] : rows) parts << QStringLiteral("%1:%2").arg(kind).arg(QString::fromLatin1(key.toHex()));
    return parts.join(' ');
}

ui::NamedSnapshot named(const QString& name, storage::SnapshotPtr snapshot) {
    return {name, QDateTime::currentDateTime(), std::move(snapshot)};
}

const std::string kBinaryKey = "\0bin\xFF"s;
const std::string kBinaryOld = "\x00\x01\xFF"s;
const std::string kBinaryNew = "\xFF\x00\n"s;

// 40 text keys and some binary ones, then a snapshot, then every kind of change.
storage::SnapshotPtr fillAndChange(storage::Storage& store) {
    for (int i = 0; i < 40; ++i) store.put(QStringLiteral("k%1").arg(i, 3, 10, QChar('0')).toStdString(), "v" + std::to_string(i));
    store.put(kBinaryKey, kBinaryOld);
    store.put("\xFF\xFF"s, "ff");
    store.put("\0"s, "nul");
    store.put("same", "same");
    auto snapshot = store.snapshot();
    store.put("k005", "new five");         // changed
    store.remove("k007");                 // removed
    store.put("k0400", "added");          // added
    store.put(kBinaryKey, kBinaryNew);    // changed, binary
    store.remove("\xFF\xFF"s);            // removed, binary
    store.put("\0\0"s, "added nul");      // added, binary
    store.put("\xFF"s, "\xFE"s);          // added, binary key and value
    store.put("same", "same");            // rewritten with the same bytes: unchanged
    return snapshot;
}

QPlainTextEdit* pane(DiffDialog* dialog, const char* name) { return dialog->findChild<QPlainTextEdit*>(name); }

// Runs a comparison and waits for its end.
bool compareAndWait(DiffDialog* dialog) {
    QSignalSpy done(dialog, &DiffDialog::comparisonFinished);
    dialog->compare();
    return done.wait(8000) || done.count() > 0;
}

void selectKey(DiffDialog* dialog, const QByteArray& key) {
    for (int r = 0; r < dialog->model()->rowCount(); ++r)
        if (dialog->model()->keyAt(r) == key) {
            dialog->table()->setCurrentIndex(dialog->model()->index(r, 0));
            return;
        }
    QFAIL(qPrintable(QStringLiteral("no row for key %1").arg(QString::fromLatin1(key.toHex()))));
}

}  // namespace

class DiffDialogTest : public QObject {
    Q_OBJECT

private:
    test::TempPaths tmp_;

private slots:
    void initTestCase() { QVERIFY(tmp_.isValid()); }

    void snapshotAgainstLive_data();
    void snapshotAgainstLive();
    void prefixAndColumnFamily();
    void twoSnapshots();
    void streamsInBatchesAndCaps();
    void cancelRerunAndClose();
};

void DiffDialogTest::snapshotAgainstLive_data() {
    QTest::addColumn<QString>("backend");
    QTest::newRow("memory") << QStringLiteral("memory");
    QTest::newRow("rocksdb") << QStringLiteral("rocksdb");
}

void DiffDialogTest::snapshotAgainstLive() {
    QFETCH(QString, backend);
    auto store = test::makeStore(backend, tmp_);
    QVERIFY(store);
    auto snapshot = fillAndChange(*store);
    const auto expected = bruteForce(contents(*store, snapshot), contents(*store, nullptr));
    QCOMPARE(expected.size(), 7);

    ui::StorageSession session(store, storage::OpenReport{});
    const auto first = named(QStringLiteral("Snapshot 1"), snapshot);
    auto* dialog = new DiffDialog(&session, {first}, nullptr);
    QPointer<DiffDialog> guard = dialog;
    dialog->show();
    QCOMPARE(dialog->objectName(), QStringLiteral("diffDialog"));
    QCOMPARE(dialog->windowTitle(), QStringLiteral("Compare"));
    QVERIFY(!dialog->isModal());
    auto* from = dialog->findChild<QComboBox*>("diffFrom");
    auto* to = dialog->findChild<QComboBox*>("diffTo");
    QVERIFY(from && to);
    QCOMPARE(from->count(), 2);
    QCOMPARE(from->currentText(), first.label());  // the newest snapshot...
    QCOMPARE(to->currentText(), QStringLiteral("Live database"));  // ...against live
    QCOMPARE(dialog->fromIndex(), 0);
    QCOMPARE(dialog->toIndex(), -1);
    auto* cancel = dialog->findChild<QPushButton*>("diffCancel");
    QVERIFY(cancel && !cancel->isEnabled());

    QVERIFY(compareAndWait(dialog));
    QCOMPARE(describe(shown(dialog->model())), describe(expected));
    const QLocale locale;
    const QString summary = dialog->findChild<QLabel*>("diffSummary")->text();
    QVERIFY2(summary.startsWith(QStringLiteral("3 added, 2 removed, 2 changed, %1 unchanged \u2014 ").arg(locale.toString(40 + 4 - 2 - 2))),
             qPrintable(summary));
    QVERIFY(!cancel->isEnabled());
    QCOMPARE(dialog->model()->headerData(0, Qt::Horizontal).toString(), QStringLiteral("Change"));
    QCOMPARE(dialog->model()->headerData(1, Qt::Horizontal).toString(), QStringLiteral("Key"));

    // Writes after the comparison do not leak into the values shown: both
    // sides are re-read from the snapshots the diff walked.
    store->put("k005", "written later");
    store->put(kBinaryKey, "written later");
    auto* before = pane(dialog, "diffBefore");
    auto* after = pane(dialog, "diffAfter");
    QVERIFY(before && after);
    selectKey(dialog, "k005");
    QTRY_COMPARE(after->toPlainText(), QStringLiteral("new five"));
    QCOMPARE(before->toPlainText(), QStringLiteral("v5"));
    QCOMPARE(dialog->findChild<QLabel*>("diffBeforeHeading")->text(), first.label());
    QCOMPARE(dialog->findChild<QLabel*>("diffAfterHeading")->text(), QStringLiteral("Live database"));

    selectKey(dialog, bytes(kBinaryKey));  // binary: shown escaped
    QTRY_COMPARE(after->toPlainText(), QStringLiteral("\\xff\\x00\\n\n"));
    QCOMPARE(before->toPlainText(), QStringLiteral("\\x00\\x01\\xff"));
    dialog->findChild<QComboBox*>("diffValueDisplay")->setCurrentIndex(2);  // Hex
    QTRY_VERIFY2(after->toPlainText().startsWith(QStringLiteral("00000000  ff 00 0a ")), qPrintable(after->toPlainText()));
    QVERIFY(before->toPlainText().startsWith(QStringLiteral("00000000  00 01 ff ")));
    dialog->findChild<QComboBox*>("diffValueDisplay")->setCurrentIndex(0);

    selectKey(dialog, "k0400");  // added: nothing before
    QTRY_COMPARE(after->toPlainText(), QStringLiteral("added"));
    QCOMPARE(before->toPlainText(), QStringLiteral("(absent)"));
    selectKey(dialog, "k007");  // removed: nothing after
    QTRY_COMPARE(before->toPlainText(), QStringLiteral("v7"));
    QCOMPARE(after->toPlainText(), QStringLiteral("(absent)"));

    // A value bigger than the cap shows its first 64 KiB and says so.
    store->put("k010", std::string(100000, 'x'));
    QVERIFY(compareAndWait(dialog));
    QCOMPARE(describe(shown(dialog->model())),
             describe(bruteForce(contents(*store, snapshot), contents(*store, nullptr))));
    selectKey(dialog, "k010");
    QTRY_COMPARE(after->toPlainText().size(), 64 * 1024);
    QVERIFY2(dialog->findChild<QLabel*>("diffAfterNote")->text().contains(QStringLiteral("first 64 KiB of %1 bytes").arg(locale.toString(100000))),
             qPrintable(dialog->findChild<QLabel*>("diffAfterNote")->text()));

    // Comparing a view with itself.
    dialog->setSides(0, 0);
    QVERIFY(compareAndWait(dialog));
    QCOMPARE(dialog->model()->rowCount(), 0);
    QVERIFY2(dialog->summary().startsWith(QStringLiteral("Identical")), qPrintable(dialog->summary()));
    dialog->close();
    QTRY_VERIFY(guard.isNull());
}

void DiffDialogTest::prefixAndColumnFamily() {
    auto store = test::makeStore(QStringLiteral("rocksdb"), tmp_);
    QVERIFY(store);
    QVERIFY(store->createColumnFamily("other").ok());
    auto other = store->columnFamily("other").value();
    auto snapshot = fillAndChange(*store);
    other->put("o1", "one");
    other->put("\0o"s, "nul");
    ui::StorageSession session(store, storage::OpenReport{});
    auto* dialog = new DiffDialog(&session, {named(QStringLiteral("S"), snapshot)}, nullptr);
    QPointer<DiffDialog> guard = dialog;
    auto* prefixField = dialog->findChild<QLineEdit*>("diffPrefix");
    auto* compareButton = dialog->findChild<QPushButton*>("diffCompare");

    prefixField->setText(QStringLiteral("k00"));
    QVERIFY(compareAndWait(dialog));
    QCOMPARE(describe(shown(dialog->model())),
             describe(bruteForce(contents(*store, snapshot, "k00"), contents(*store, nullptr, "k00"))));
    QCOMPARE(dialog->model()->rowCount(), 2);

    // Escaped bytes: the keys starting with NUL.
    prefixField->setText(QStringLiteral("\\x00"));
    QCOMPARE(dialog->prefix(), QByteArray("\0", 1));
    QVERIFY(compareAndWait(dialog));
    QCOMPARE(describe(shown(dialog->model())), describe({{int(storage::ChangeKind::Added), QByteArray("\0\0", 2)},
                                                         {int(storage::ChangeKind::Changed), bytes(kBinaryKey)}}));
    prefixField->setText(QStringLiteral("\\q"));  // not an escape: refused
    QVERIFY(!dialog->prefix());
    QVERIFY(!compareButton->isEnabled());
    dialog->setPrefix(QByteArray("\xFF", 1));
    QCOMPARE(prefixField->text(), QStringLiteral("\\xff"));
    QVERIFY(compareButton->isEnabled());

    // The session's column family is the one compared, and values are read
    // from it even after the session moves on.
    dialog->setPrefix({});
    QVERIFY(session.setColumnFamily(QStringLiteral("other")));
    QVERIFY(compareAndWait(dialog));
    QCOMPARE(describe(shown(dialog->model())), describe(bruteForce(contents(*other, snapshot), contents(*other, nullptr))));
    QCOMPARE(dialog->model()->rowCount(), 2);
    QVERIFY(session.setColumnFamily(QStringLiteral("default")));
    selectKey(dialog, "o1");
    QTRY_COMPARE(pane(dialog, "diffAfter")->toPlainText(), QStringLiteral("one"));
    QCOMPARE(pane(dialog, "diffBefore")->toPlainText(), QStringLiteral("(absent)"));
    delete dialog;
    QVERIFY(guard.isNull());
}

void DiffDialogTest::twoSnapshots() {
    auto store = test::makeStore(QStringLiteral("memory"), tmp_);
    auto first = fillAndChange(*store);
    auto second = store->snapshot();
    store->put("k020", "after the second snapshot");
    store->remove("k021");
    ui::StorageSession session(store, storage::OpenReport{});
    auto* dialog = new DiffDialog(&session, {named(QStringLiteral("One"), first), named(QStringLiteral("Two"), second)}, nullptr);
    QPointer<DiffDialog> guard = dialog;
    QCOMPARE(dialog->fromIndex(), 1);  // the newest
    QCOMPARE(dialog->toIndex(), -1);
    QCOMPARE(dialog->findChild<QComboBox*>("diffTo")->count(), 3);
    dialog->setSides(0, 1);
    QVERIFY(compareAndWait(dialog));
    QCOMPARE(describe(shown(dialog->model())), describe(bruteForce(contents(*store, first), contents(*store, second))));
    QCOMPARE(dialog->model()->rowCount(), 7);
    QCOMPARE(dialog->findChild<QLabel*>("diffAfterHeading")->text(), named(QStringLiteral("Two"), second).label());

    // Swapped: every added is removed and the other way round.
    QTest::mouseClick(dialog->findChild<QToolButton*>("diffSwap"), Qt::LeftButton);
    QCOMPARE(dialog->fromIndex(), 1);
    QCOMPARE(dialog->toIndex(), 0);
    QVERIFY(compareAndWait(dialog));
    QCOMPARE(describe(shown(dialog->model())), describe(bruteForce(contents(*store, second), contents(*store, first))));

    // Snapshots replaced: the sides follow by name; a gone side falls back.
    dialog->setSnapshots({named(QStringLiteral("Two"), second)});
    QCOMPARE(dialog->fromIndex(), 0);
    QCOMPARE(dialog->toIndex(), -1);
    delete dialog;
}

void DiffDialogTest::streamsInBatchesAndCaps() {
    auto store = storage::createMemoryStorage();
    storage::WriteBatch batch;
    for (int i = 0; i < 20000; ++i) batch.put("key" + std::to_string(i), "a");
    QVERIFY(store->write(batch).ok());
    auto snapshot = store->snapshot();
    batch.clear();
    for (int i = 0; i < 20000; i += 2) batch.put("key" + std::to_string(i), "b");
    QVERIFY(store->write(batch).ok());
    ui::StorageSession session(store, storage::OpenReport{});

    // The dialog takes rows in batches as they come.
    auto* dialog = new DiffDialog(&session, {named(QStringLiteral("S"), snapshot)}, nullptr);
    QSignalSpy inserted(dialog->model(), &QAbstractItemModel::rowsInserted);
    QVERIFY(compareAndWait(dialog));
    QCOMPARE(dialog->model()->rowCount(), 10000);
    QVERIFY2(inserted.count() > 1, qPrintable(QString::number(inserted.count())));
    delete dialog;

    // The worker stops sending rows at the cap but counts every difference.
    ui::DiffRequest request;
    request.before = snapshot;
    request.maxRows = 1000;
    auto future = session.runLong<ui::DiffBatchPtr>(
        [request](QPromise<ui::DiffBatchPtr>& promise, storage::Storage& s) { ui::runDiff(promise, s, request); });
    QTRY_VERIFY(future.isFinished());
    const auto batches = future.results();
    QVERIFY(batches.size() >= 2);
    QVERIFY(batches.first()->before == snapshot);
    QVERIFY(batches.first()->after != nullptr);  // live, pinned
    std::size_t rows = 0;
    for (const auto& b : batches) rows += b->rows.size();
    QCOMPARE(rows, std::size_t(1000));
    const auto& last = *batches.last();
    QVERIFY(last.last && last.status.ok() && last.capped);
    QCOMPARE(last.summary.changed, std::uint64_t(10000));
    QCOMPARE(last.changed, std::uint64_t(10000));
    QCOMPARE(last.summary.unchanged, std::uint64_t(10000));
}

void DiffDialogTest::cancelRerunAndClose() {
    constexpr int kKeys = 150000;
    auto store = storage::createMemoryStorage();
    storage::WriteBatch batch;
    for (int i = 0; i < kKeys; ++i) batch.put("key" + std::to_string(i), "a");
    QVERIFY(store->write(batch).ok());
    auto snapshot = store->snapshot();
    batch.clear();
    for (int i = 0; i < kKeys; ++i) batch.put("key" + std::to_string(i), "b");
    QVERIFY(store->write(batch).ok());
    auto session = std::make_unique<ui::StorageSession>(store, storage::OpenReport{});
    const QList<ui::NamedSnapshot> snapshots{named(QStringLiteral("S"), snapshot)};

    // Cancel: the summary says so, Compare is ready again.
    auto* dialog = new DiffDialog(session.get(), snapshots, nullptr);
    dialog->show();
    auto* compareButton = dialog->findChild<QPushButton*>("diffCompare");
    auto* cancel = dialog->findChild<QPushButton*>("diffCancel");
    QSignalSpy done(dialog, &DiffDialog::comparisonFinished);
    QTest::mouseClick(compareButton, Qt::LeftButton);
    QVERIFY(dialog->isRunning());
    QVERIFY(cancel->isEnabled());
    QVERIFY(dialog->findChild<QProgressBar*>("diffProgress")->isVisible());
    QTest::mouseClick(cancel, Qt::LeftButton);
    QTRY_COMPARE(done.count(), 1);
    QCOMPARE(done.first().first().toBool(), false);
    QVERIFY2(dialog->summary().startsWith(QStringLiteral("Cancelled")), qPrintable(dialog->summary()));
    QVERIFY(compareButton->isEnabled());
    QVERIFY(!cancel->isEnabled());
    QVERIFY(!dialog->isRunning());
    QVERIFY(dialog->model()->rowCount() < kKeys);

    // Compare again while running: the first run is dropped, the second one
    // alone fills the table.
    dialog->compare();
    dialog->compare();
    QTRY_VERIFY_WITH_TIMEOUT(done.count() == 2, 8000);
    QCOMPARE(done.last().first().toBool(), true);
    QCOMPARE(dialog->model()->rowCount(), kKeys);
    QVERIFY2(dialog->summary().startsWith(QStringLiteral("0 added, 0 removed, %1 changed").arg(QLocale().toString(kKeys))),
             qPrintable(dialog->summary()));
    delete dialog;

    // Closing (it deletes itself) and destroying mid-run, then the session.
    QPointer<DiffDialog> closing = new DiffDialog(session.get(), snapshots, nullptr);
    closing->show();
    closing->compare();
    closing->close();
    QTRY_VERIFY(closing.isNull());
    auto* destroyed = new DiffDialog(session.get(), snapshots, nullptr);
    destroyed->compare();
    delete destroyed;
    QPointer<DiffDialog> orphan = new DiffDialog(session.get(), snapshots, nullptr);
    orphan->show();
    orphan->compare();
    session.reset();  // cancels the diff; the dialog closes with the session
    QTRY_VERIFY(orphan.isNull());
}

QTEST_MAIN(DiffDialogTest)
#include "diff_dialog_test.moc"
