// The History tab: a key's versions as ldb idump lists them, after put /
// overwrite / delete / re-put; a deleted key, which the key list no longer
// shows, typed in and found with its older value; where each version is;
// the selected version's bytes; nothing read while the tab is hidden.
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "tests/gui/main_window_test.h"
#include "tests/gui/value_test_support.h"
#include "tests/support/run_program.h"
#include "ui/browser/key_browser.h"
#include "ui/browser/key_list_model.h"
#include "ui/history/key_history_model.h"
#include "ui/history/key_history_view.h"
#include "ui/window/main_window.h"

using namespace meridian;

namespace {

test::Ran ldb(const QString& db, QStringList args) {
    args.prepend(QStringLiteral("--db=%1").arg(db));
    return test::runProgram(QStringLiteral("ldb"), args);
}

// ldb idump's versions of `key` as "SEQ KIND VALUE".
QStringList idump(const QString& db, const QString& key) {
    QStringList out;
    const QRegularExpression line(QStringLiteral("^'%1' seq:(\\d+), type:(\\d+) => (.*)$").arg(QRegularExpression::escape(key)));
    for (const QByteArray& raw : ldb(db, {QStringLiteral("idump")}).out.split('\n'))
        if (auto m = line.match(QString::fromUtf8(raw)); m.hasMatch())
            out << QStringLiteral("%1 %2 %3").arg(m.captured(1), m.captured(2) == "0" ? "deletion" : "value",
                                                 m.captured(2) == "0" ? QString() : m.captured(3));
    return out;
}

}  // namespace

class KeyHistoryTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(dir_.isValid());
        db_ = dir_.filePath(QStringLiteral("db"));
        // Each ldb run flushes its write into a table file of its own.
        for (const QStringList& op : {QStringList{"--create_if_missing", "put", "k1", "v1"}, QStringList{"put", "k1", "v2"},
                                      QStringList{"delete", "k1"}, QStringList{"put", "k1", "v3"},
                                      QStringList{"put", "gone", "bye"}, QStringList{"delete", "gone"},
                                      QStringList{"put", "other", "x"}}) {
            const test::Ran ran = ldb(db_, op);
            QVERIFY2(ran.code == 0, ran.err.constData());
        }
    }

    void init() {
        window_ = std::make_unique<ui::MainWindow>();
        window_->resize(1000, 700);
        window_->show();
        QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
        MERIDIAN_CHECK_OK(valuetest::openInWindow(window_.get(), db_, storage::OpenMode::ReadOnly));
    }

    void cleanup() { window_.reset(); }

    void aSelectedKeysVersionsAreLdbIdumps() {
        ui::KeyHistoryView* history = window_->keyHistory();
        QSignalSpy loaded(history, &ui::KeyHistoryView::loaded);
        // Hidden, the tab reads nothing; shown, it reads the selected key.
        QTRY_COMPARE(window_->keyBrowser()->model()->rowCount(), 2);  // k1 and other: "gone" is deleted
        selectKey("k1");
        QTest::qWait(50);
        QCOMPARE(loaded.size(), 0);
        window_->showHistoryTab(true);
        QTRY_COMPARE(loaded.size(), 1);
        QCOMPARE(rows(), idump(db_, QStringLiteral("k1")));
        QCOMPARE(rows().size(), 4);
        QVERIFY(history->summary().contains(QStringLiteral("newest version is sequence")));
        // Each version was flushed on its own: each is in a table file.
        for (int r = 0; r < 4; ++r) QVERIFY2(history->model()->whereIs(r).startsWith('L'), qPrintable(history->model()->whereIs(r)));
        // The newest is selected, its bytes shown; an older one on choosing it.
        QCOMPARE(history->selectedValueText(), QStringLiteral("v3"));
        window_->findChild<QTableView*>(QStringLiteral("historyTable"))->selectRow(2);
        QCOMPARE(history->selectedValueText(), QStringLiteral("v2"));
        // Selecting another key while shown reads it at once.
        selectKey("other");
        QTRY_COMPARE(loaded.size(), 2);
        QCOMPARE(rows(), idump(db_, QStringLiteral("other")));
    }

    void aDeletedKeyTypedInShowsItsTombstoneAndOlderValue() {
        window_->showHistoryTab(true);
        ui::KeyHistoryView* history = window_->keyHistory();
        QSignalSpy loaded(history, &ui::KeyHistoryView::loaded);
        QLineEdit* field = window_->findChild<QLineEdit*>(QStringLiteral("historyKeyField"));
        QVERIFY(field && field->isVisible());
        field->setFocus();
        field->setText(QStringLiteral("gone"));
        QTest::keyClick(field, Qt::Key_Return);
        QTRY_COMPARE(loaded.size(), 1);
        const QStringList expected = idump(db_, QStringLiteral("gone"));
        QCOMPARE(expected.size(), 2);
        QCOMPARE(rows(), expected);
        QVERIFY2(history->summary().contains(QStringLiteral("was deleted at sequence")), qPrintable(history->summary()));
        QVERIFY(history->summary().contains(QStringLiteral("1 older value is still held")));
        QVERIFY(history->summary().contains(QStringLiteral("Table files whose key range holds it: L")));
        QCOMPARE(history->selectedValueText(), QStringLiteral("(deletion: no value)"));
        window_->findChild<QTableView*>(QStringLiteral("historyTable"))->selectRow(1);
        QCOMPARE(history->selectedValueText(), QStringLiteral("bye"));
        // A key never written: said so, no rows.
        field->setText(QStringLiteral("never"));
        QTest::keyClick(field, Qt::Key_Return);
        QTRY_COMPARE(loaded.size(), 2);
        QCOMPARE(history->model()->rowCount(), 0);
        QVERIFY(history->summary().contains(QStringLiteral("No version of never is held")));
    }

private:
    void selectKey(const QByteArray& key) {
        auto* model = window_->keyBrowser()->model();
        for (int r = 0; r < model->rowCount(); ++r)
            if (model->keyAt(r) == key) {
                window_->keyBrowser()->view()->selectRow(r);
                return;
            }
        QFAIL("key not listed");
    }

    QStringList rows() const {
        QStringList out;
        const auto* m = window_->keyHistory()->model();
        for (int r = 0; r < m->rowCount(); ++r) {
            const auto& v = m->versions()[std::size_t(r)];
            out << QStringLiteral("%1 %2 %3").arg(v.sequence).arg(storage::versionTypeName(v.type),
                                                                  QString::fromStdString(v.value));
        }
        return out;
    }

    QTemporaryDir dir_;
    QString db_;
    std::unique_ptr<ui::MainWindow> window_;
};

QTEST_MAIN(KeyHistoryTest)
#include "key_history_test.moc"
