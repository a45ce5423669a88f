// Find in Keys and Values, as a user drives it: Ctrl+Shift+F opens the
// dialog on what the key list shows; the matches listed equal a brute-force
// scan of the database (binary keys and values, each kind of pattern, keys,
// values or both, under a prefix); the limit lists the first matches and
// More the next; Cancel stops a running search; choosing a match opens its
// key in the list.
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

#include "tests/gui/main_window_test.h"
#include "tests/gui/value_test_support.h"
#include "ui/browser/key_browser.h"
#include "ui/browser/key_list_model.h"
#include "ui/search/search_dialog.h"
#include "ui/search/search_results_model.h"
#include "ui/window/main_window.h"

using namespace meridian;
using valuetest::Entries;

class SearchDialogTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void matchesEqualABruteForceScan_data();
    void matchesEqualABruteForceScan();
    void limitThenMoreListsTheNextMatches();
    void cancelStopsARunningSearch();
    void choosingAMatchOpensTheKey();
    void aBadPatternSaysWhy();

private:
    ui::SearchDialog* openDialog();
    // Sets the fields, clicks Find and waits for the search to end.
    QString find(ui::SearchDialog* dialog, const QString& pattern, int kind, bool keys, bool values);
    QList<QByteArray> listed(ui::SearchDialog* dialog) const;

    QTemporaryDir dir_;
    Entries entries_;
    std::unique_ptr<ui::MainWindow> window_;
};

void SearchDialogTest::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid());
    // Text keys with JSON values, and binary keys and values with 00 and ff bytes.
    for (int i = 0; i < 3000; ++i) {
        entries_.insert(QByteArray("order:") + QByteArray::number(100000 + i),
                        QByteArray("{\"total\":") + QByteArray::number(i * 7 % 1000) + ",\"state\":\"" +
                            (i % 5 ? "paid" : "refunded") + "\"}");
        QByteArray key("\x00\xff", 2);
        key += QByteArray::number(i, 16);
        QByteArray value(1 + i % 9, char(i % 256));
        value += QByteArray("\x00\xfe\xff", 3);
        entries_.insert(key, value);
    }
    MERIDIAN_VALUE_OK(valuetest::makeDatabase(dir_.filePath("db"), entries_));
}

void SearchDialogTest::init() {
    window_ = std::make_unique<ui::MainWindow>();
    window_->resize(900, 600);
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    MERIDIAN_VALUE_OK(valuetest::openInWindow(window_.get(), dir_.filePath("db"), storage::OpenMode::ReadOnly));
}

void SearchDialogTest::cleanup() { window_.reset(); }

ui::SearchDialog* SearchDialogTest::openDialog() {
    window_->activateWindow();
    QTest::keyClick(window_.get(), Qt::Key_F, Qt::ControlModifier | Qt::ShiftModifier);
    auto* dialog = window_->findChild<ui::SearchDialog*>(QStringLiteral("searchDialog"));
    return dialog && dialog->isVisible() ? dialog : nullptr;
}

QString SearchDialogTest::find(ui::SearchDialog* dialog, const QString& pattern, int kind, bool keys, bool values) {
    dialog->findChild<QLineEdit*>(QStringLiteral("searchPattern"))->setText(pattern);
    dialog->findChild<QComboBox*>(QStringLiteral("searchKind"))->setCurrentIndex(kind);
    dialog->findChild<QCheckBox*>(QStringLiteral("searchInKeys"))->setChecked(true);
    dialog->findChild<QCheckBox*>(QStringLiteral("searchInValues"))->setChecked(values);
    dialog->findChild<QCheckBox*>(QStringLiteral("searchInKeys"))->setChecked(keys);
    QTest::mouseClick(dialog->findChild<QPushButton*>(QStringLiteral("searchFind")), Qt::LeftButton);
    if (!QTest::qWaitFor([dialog] { return !dialog->isSearching(); }, 30000)) return QStringLiteral("still searching");
    return {};
}

QList<QByteArray> SearchDialogTest::listed(ui::SearchDialog* dialog) const {
    QList<QByteArray> keys;
    for (int row = 0; row < dialog->results()->rowCount(); ++row) keys << dialog->results()->keyAt(row);
    return keys;
}

void SearchDialogTest::matchesEqualABruteForceScan_data() {
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<int>("kind");  // the combo's order: text, glob, regex, hex
    QTest::addColumn<bool>("keys");
    QTest::addColumn<bool>("values");
    QTest::addColumn<QByteArray>("prefix");
    QTest::newRow("text in keys") << "0012" << 0 << true << false << QByteArray();
    QTest::newRow("text in values") << "refunded" << 0 << false << true << QByteArray();
    QTest::newRow("text in both") << "99" << 0 << true << true << QByteArray();
    QTest::newRow("glob on keys") << "order:1009??" << 1 << true << false << QByteArray();
    QTest::newRow("regex on values") << "\"total\":9[0-9]{2}," << 2 << false << true << QByteArray();
    QTest::newRow("hex bytes in values") << "07 07 07 00 fe" << 3 << false << true << QByteArray("\x00\xff", 2);
    QTest::newRow("hex bytes in keys under a prefix") << "ff 31" << 3 << true << false << QByteArray("\x00\xff", 2);
}
void SearchDialogTest::matchesEqualABruteForceScan() {
    QFETCH(QString, pattern);
    QFETCH(int, kind);
    QFETCH(bool, keys);
    QFETCH(bool, values);
    QFETCH(QByteArray, prefix);
    window_->keyBrowser()->setDisplay(storage::ByteDisplay::Escaped);
    window_->keyBrowser()->setPrefix(prefix);
    QTRY_VERIFY(!window_->keyBrowser()->model()->isLoading());
    ui::SearchDialog* dialog = openDialog();
    QVERIFY(dialog);
    QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("searchScope"))->text().contains(
        prefix.isEmpty() ? QStringLiteral("all keys") : QStringLiteral("\\x00\\xff")));
    MERIDIAN_CHECK_OK(find(dialog, pattern, kind, keys, values));

    // The brute force: every entry, checked here.
    auto matches = [&](const QByteArray& bytes) {
        switch (kind) {
        case 0: return bytes.contains(pattern.toUtf8());
        case 1: return bytes.size() == 12 && bytes.startsWith("order:1009");  // order:1009??
        case 2: {
            const int at = bytes.indexOf("\"total\":9");
            return at >= 0 && bytes.size() > at + 11 && std::isdigit(uchar(bytes[at + 9])) &&
                   std::isdigit(uchar(bytes[at + 10])) && bytes[at + 11] == ',';
        }
        default: return bytes.contains(QByteArray::fromHex(pattern.toLatin1()));
        }
    };
    QList<QByteArray> expected;
    for (auto it = entries_.cbegin(); it != entries_.cend(); ++it)
        if (it.key().startsWith(prefix) && ((keys && matches(it.key())) || (values && matches(it.value()))))
            expected << it.key();
    QVERIFY(!expected.isEmpty());
    QVERIFY(expected.size() <= 1000);
    QCOMPARE(listed(dialog), expected);
    QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("searchStatus"))->text().contains(QString::number(expected.size())));
    QVERIFY(!dialog->findChild<QPushButton*>(QStringLiteral("searchMore"))->isEnabled());
}

void SearchDialogTest::limitThenMoreListsTheNextMatches() {
    ui::SearchDialog* dialog = openDialog();
    QVERIFY(dialog);
    dialog->findChild<QSpinBox*>(QStringLiteral("searchLimit"))->setValue(250);
    MERIDIAN_CHECK_OK(find(dialog, QStringLiteral("paid"), 0, false, true));
    QList<QByteArray> expected;
    for (auto it = entries_.cbegin(); it != entries_.cend(); ++it)
        if (it.value().contains("paid")) expected << it.key();
    QVERIFY(expected.size() > 500);
    QCOMPARE(listed(dialog), expected.mid(0, 250));
    auto* more = dialog->findChild<QPushButton*>(QStringLiteral("searchMore"));
    QVERIFY(more->isEnabled());
    QTest::mouseClick(more, Qt::LeftButton);
    QTRY_VERIFY(!dialog->isSearching());
    QCOMPARE(listed(dialog), expected.mid(0, 500));
}

void SearchDialogTest::cancelStopsARunningSearch() {
    // A search over a large database (db_bench, 300,000 keys) cancelled at once.
    QTemporaryDir big;
    MERIDIAN_CHECK_OK(gui_test::makeBenchDatabase(big.path(), 300000, 100));
    MERIDIAN_VALUE_OK(valuetest::openInWindow(window_.get(), big.path(), storage::OpenMode::ReadOnly));
    ui::SearchDialog* dialog = openDialog();
    QVERIFY(dialog);
    dialog->findChild<QLineEdit*>(QStringLiteral("searchPattern"))->setText(QStringLiteral("no such text anywhere"));
    dialog->findChild<QCheckBox*>(QStringLiteral("searchInValues"))->setChecked(true);
    auto* findButton = dialog->findChild<QPushButton*>(QStringLiteral("searchFind"));
    QTest::mouseClick(findButton, Qt::LeftButton);
    QVERIFY(dialog->isSearching());
    QCOMPARE(findButton->text(), QStringLiteral("Cancel"));
    QTest::mouseClick(findButton, Qt::LeftButton);
    QTRY_VERIFY(!dialog->isSearching());
    QVERIFY2(dialog->findChild<QLabel*>(QStringLiteral("searchStatus"))->text().startsWith(QStringLiteral("Cancelled")),
             qPrintable(dialog->findChild<QLabel*>(QStringLiteral("searchStatus"))->text()));
    QCOMPARE(findButton->text(), QStringLiteral("Find"));
}

void SearchDialogTest::choosingAMatchOpensTheKey() {
    ui::SearchDialog* dialog = openDialog();
    QVERIFY(dialog);
    MERIDIAN_CHECK_OK(find(dialog, QStringLiteral("order:102999"), 0, true, false));
    QCOMPARE(dialog->results()->rowCount(), 1);
    auto* view = dialog->findChild<QTableView*>(QStringLiteral("searchResults"));
    view->setCurrentIndex(dialog->results()->index(0, 0));
    // The key is far past the list's first page: the list goes there and selects it.
    QTRY_COMPARE(window_->keyBrowser()->currentKey(), QByteArray("order:102999"));
}

void SearchDialogTest::aBadPatternSaysWhy() {
    ui::SearchDialog* dialog = openDialog();
    QVERIFY(dialog);
    MERIDIAN_CHECK_OK(find(dialog, QStringLiteral("(unclosed"), 2, true, false));
    QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("searchStatus"))->text().contains(QStringLiteral("regex")));
    QCOMPARE(dialog->results()->rowCount(), 0);
    MERIDIAN_CHECK_OK(find(dialog, QStringLiteral("0g"), 3, true, false));
    QVERIFY(dialog->findChild<QLabel*>(QStringLiteral("searchStatus"))->text().contains(QStringLiteral("hex")));
}

QTEST_MAIN(SearchDialogTest)
#include "search_dialog_test.moc"
