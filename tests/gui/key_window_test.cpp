// Reaching any key: the key list is a window onto the key space. Go to Key
// lands on what `ldb scan --from` starts with; End and Home reach the last and
// first key without loading what lies between; scrolling up from the end
// loads earlier pages, keeping the rows in view in place; going through every
// row in both directions never holds more than the window's limit. The
// prefix field and Go to Key read hex in Hex mode and \xNN escapes otherwise,
// and mark what does not parse.
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QAction>
#include <QScopeGuard>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <memory>

#include "tests/gui/main_window_test.h"
#include "tests/gui/value_test_support.h"
#include "tests/support/run_program.h"
#include "ui/browser/key_browser.h"
#include "ui/browser/key_list_model.h"
#include "ui/browser/key_position_bar.h"
#include "ui/browser/namespace_model.h"
#include "ui/window/main_window.h"

using namespace meridian;

namespace {

constexpr int kKeys = 20000;
constexpr std::size_t kWindow = 5000;

}  // namespace

class KeyWindowTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void goToKeyLandsWhereLdbScanFromStarts_data();
    void goToKeyLandsWhereLdbScanFromStarts();
    void endAndHomeReachTheLastAndFirstKey();
    void bothWaysThroughEveryRowWithBoundedMemory();
    void goToKeyDialogReadsTheDisplaySyntax();
    void prefixFieldReadsHexAndMarksWhatDoesNotParse();
    void namespaceTreeListsMoreAndSaysWhenKeysHaveNoDelimiter();
    void namespaceNodeCountsItsKeysAsLdbDoes();
    void typingInTheListGoesToThatKey();
    void positionBarPlacesTheRowsAmongAllKeys();
    void positionBarSaysWhenThePositionIsUnknown();

private:
    ui::KeyListModel* model() const { return window_->keyBrowser()->model(); }
    ui::KeyPositionBar* bar() const { return window_->keyBrowser()->positionBar(); }
    // The rank among all keys of the top row in view.
    double topRank() const { return double(keys_.indexOf(model()->keyAt(view()->rowAt(0)))) / kKeys; }
    QTableView* view() const { return window_->keyBrowser()->view(); }
    // Waits for positioned() after `jump`; "" when it came.
    QString jumped(const std::function<void()>& jump);
    // "" when the rows held are keys_[first...] without a gap.
    QString contiguous() const;
    QByteArray ldbFirstFrom(const QByteArray& key) const;

    QTemporaryDir dir_;
    QList<QByteArray> keys_;  // as ldb scan lists them
    int rowsWhenPositioned_ = -1;  // the rows held when the last jump positioned
    std::unique_ptr<ui::MainWindow> window_;
};

void KeyWindowTest::initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(dir_.isValid());
    MERIDIAN_CHECK_OK(gui_test::makeBenchDatabase(dir_.path(), kKeys, 16));
    MERIDIAN_CHECK_OK(gui_test::ldbKeys(dir_.path(), &keys_));
    QCOMPARE(keys_.size(), kKeys);
}

void KeyWindowTest::init() {
    window_ = std::make_unique<ui::MainWindow>();
    window_->resize(900, 600);
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    model()->setWindowLimit(kWindow);
    MERIDIAN_CHECK_OK(valuetest::openInWindow(window_.get(), dir_.path(), storage::OpenMode::ReadOnly));
    QCOMPARE(model()->rowCount(), 200);
}

void KeyWindowTest::cleanup() { window_.reset(); }

QString KeyWindowTest::jumped(const std::function<void()>& jump) {
    QSignalSpy positioned(model(), &ui::KeyListModel::positioned);
    // What the jump itself loaded, before the view asks for more.
    const auto counted = connect(model(), &ui::KeyListModel::positioned, this,
                                 [this] { rowsWhenPositioned_ = model()->rowCount(); });
    rowsWhenPositioned_ = -1;
    jump();
    const auto done = qScopeGuard([&] { disconnect(counted); });
    if (!QTest::qWaitFor([&] { return !positioned.isEmpty(); }, 20000)) return QStringLiteral("not positioned");
    // The view may ask for the next page once the rows are in (a busy
    // machine lays them out late): let it land before the rows are checked.
    if (!QTest::qWaitFor([&] { return !model()->isLoading(); }, 20000)) return QStringLiteral("still loading");
    return {};
}

QString KeyWindowTest::contiguous() const {
    const int rows = model()->rowCount();
    if (rows == 0) return QStringLiteral("no rows");
    const qsizetype first = keys_.indexOf(model()->keyAt(0));
    if (first < 0) return QStringLiteral("the first row is not a key of the database");
    if (model()->atStart() != (first == 0)) return QStringLiteral("atStart() is wrong");
    if (model()->atEnd() != (first + rows == kKeys)) return QStringLiteral("atEnd() is wrong");
    if (gui_test::modelKeys(model()) != keys_.mid(first, rows))
        return QStringLiteral("the rows from %1 are not the database's keys in order").arg(first);
    return {};
}

QByteArray KeyWindowTest::ldbFirstFrom(const QByteArray& key) const {
    const test::Ran ran = test::runProgram(
        QStringLiteral("ldb"), {QStringLiteral("--db=%1").arg(dir_.path()), QStringLiteral("--hex"), QStringLiteral("scan"),
                                QStringLiteral("--from=0x%1").arg(QString::fromLatin1(key.toHex())),
                                QStringLiteral("--max_keys=1"), QStringLiteral("--no_value")});
    const QByteArray line = ran.out.trimmed();
    return ran.code == 0 && line.startsWith("0x") ? QByteArray::fromHex(line.mid(2)) : QByteArray();
}

void KeyWindowTest::goToKeyLandsWhereLdbScanFromStarts_data() {
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<int>("expected");  // index in keys_ of the key selected
    for (int i : {0, 1, 777, 10000, kKeys - 2, kKeys - 1})
        QTest::newRow(qPrintable(QStringLiteral("key %1").arg(i))) << gui_test::benchKey(i) << i;
    QTest::newRow("between keys 4999 and 5000") << gui_test::benchKey(4999) + QByteArray(1, '\0') << 5000;
    QTest::newRow("before the first key") << QByteArray(1, '\0') << 0;
    QTest::newRow("past the last key: the last") << QByteArray(9, '\xff') << kKeys - 1;
}
void KeyWindowTest::goToKeyLandsWhereLdbScanFromStarts() {
    QFETCH(QByteArray, target);
    QFETCH(int, expected);
    if (expected < kKeys - 1 || target == keys_.last()) QCOMPARE(ldbFirstFrom(target), keys_.at(expected));
    else QCOMPARE(ldbFirstFrom(target), QByteArray());  // ldb lists nothing from there: we show the last key

    MERIDIAN_CHECK_OK(jumped([&] { window_->keyBrowser()->goToKey(target); }));
    QCOMPARE(window_->keyBrowser()->currentKey(), keys_.at(expected));
    QVERIFY(view()->selectionModel()->isSelected(view()->currentIndex()));
    MERIDIAN_CHECK_OK(contiguous());
    // Rows on both sides are loaded (when there are any), not the database up to there.
    const int row = view()->currentIndex().row();
    QCOMPARE(row, ldbFirstFrom(target).isEmpty() ? 199 : std::min(expected, 200));  // past the end: the last of 200
    QVERIFY(rowsWhenPositioned_ > 0 && rowsWhenPositioned_ <= 400);
    // The selected row is in view.
    const QRect shown = view()->viewport()->rect();
    QVERIFY(shown.intersects(view()->visualRect(view()->currentIndex())));
}

void KeyWindowTest::endAndHomeReachTheLastAndFirstKey() {
    view()->setFocus();
    MERIDIAN_CHECK_OK(jumped([&] { QTest::keyClick(view(), Qt::Key_End); }));
    QCOMPARE(window_->keyBrowser()->currentKey(), keys_.last());
    QVERIFY(model()->atEnd());
    QVERIFY(rowsWhenPositioned_ > 0 && rowsWhenPositioned_ <= 200);  // the last page only, not 20,000 rows
    MERIDIAN_CHECK_OK(contiguous());
    QVERIFY(window_->findChild<QLabel*>(QStringLiteral("keySummary"))->text().contains(QStringLiteral("earlier keys above")));

    MERIDIAN_CHECK_OK(jumped([&] { QTest::keyClick(view(), Qt::Key_Home); }));
    QCOMPARE(window_->keyBrowser()->currentKey(), keys_.first());
    QCOMPARE(view()->currentIndex().row(), 0);
    QVERIFY(model()->atStart());
    MERIDIAN_CHECK_OK(contiguous());
    // Ctrl+End too, and End again once there costs no reload.
    MERIDIAN_CHECK_OK(jumped([&] { QTest::keyClick(view(), Qt::Key_End, Qt::ControlModifier); }));
    QCOMPARE(window_->keyBrowser()->currentKey(), keys_.last());
    QSignalSpy resets(model(), &QAbstractItemModel::modelReset);
    MERIDIAN_CHECK_OK(jumped([&] { QTest::keyClick(view(), Qt::Key_End); }));
    QCOMPARE(resets.size(), 0);
}

void KeyWindowTest::bothWaysThroughEveryRowWithBoundedMemory() {
    MERIDIAN_CHECK_OK(jumped([&] { window_->keyBrowser()->goToEnd(); }));
    // Up to the first key, a page at a time, as scrolling to the top does.
    QSet<QByteArray> seen;
    std::size_t peakMemory = 0;
    int pages = 0;
    while (!model()->atStart() && pages < 100) {
        view()->verticalScrollBar()->setValue(view()->verticalScrollBar()->minimum());
        const QModelIndex top = view()->indexAt(QPoint(1, 1));
        const QByteArray topKey = model()->keyAt(top.row());
        const QByteArray firstHeld = model()->keyAt(0);
        QTRY_VERIFY(model()->keyAt(0) != firstHeld && !model()->isLoading());  // the page before came
        ++pages;
        MERIDIAN_CHECK_OK(contiguous());
        QVERIFY(std::size_t(model()->rowCount()) <= kWindow);
        // The row that was at the top is still there: the new rows went in above it.
        QCOMPARE(model()->keyAt(view()->indexAt(QPoint(1, 1)).row()), topKey);
        for (const QByteArray& k : gui_test::modelKeys(model())) seen.insert(k);
        peakMemory = std::max(peakMemory, model()->memoryBytes());
    }
    QVERIFY(model()->atStart());
    QCOMPARE(seen.size(), kKeys);
    QCOMPARE(model()->keyAt(0), keys_.first());
    // Down to the last key again.
    seen.clear();
    for (const QByteArray& k : gui_test::modelKeys(model())) seen.insert(k);
    pages = 0;
    while (!model()->atEnd() && pages < 100) {
        view()->scrollToBottom();
        QTRY_VERIFY(!model()->isLoading());
        ++pages;
        MERIDIAN_CHECK_OK(contiguous());
        QVERIFY(std::size_t(model()->rowCount()) <= kWindow);
        for (const QByteArray& k : gui_test::modelKeys(model())) seen.insert(k);
        peakMemory = std::max(peakMemory, model()->memoryBytes());
    }
    QVERIFY(model()->atEnd());
    QCOMPARE(seen.size(), kKeys);
    QCOMPARE(model()->keyAt(model()->rowCount() - 1), keys_.last());
    // 16-byte keys and a 4-byte offset each, for at most the window's rows (with the arena's slack).
    QVERIFY2(peakMemory <= kWindow * 20 * 2 + 4096, qPrintable(QString::number(peakMemory)));
}

void KeyWindowTest::goToKeyDialogReadsTheDisplaySyntax() {
    window_->keyBrowser()->setDisplay(storage::ByteDisplay::Hex);
    window_->keyBrowser()->goToKeyAction()->trigger();
    QInputDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = window_->findChild<QInputDialog*>(QStringLiteral("goToKeyDialog"))) && dialog->isVisible());
    QVERIFY(dialog->labelText().contains(QStringLiteral("00ff61")));
    // Hex with spaces, as the list shows keys in Hex mode.
    QString typed;
    for (char c : gui_test::benchKey(12345).toHex()) typed += QChar(c);
    for (qsizetype at = typed.size() - 2; at > 0; at -= 2) typed.insert(at, QLatin1Char(' '));
    dialog->setTextValue(typed);
    MERIDIAN_CHECK_OK(jumped([&] { dialog->accept(); }));
    QCOMPARE(window_->keyBrowser()->currentKey(), keys_.at(12345));

    // Escaped mode: \xNN escapes.
    window_->keyBrowser()->setDisplay(storage::ByteDisplay::Escaped);
    window_->keyBrowser()->goToKeyAction()->trigger();
    QTRY_VERIFY((dialog = window_->findChild<QInputDialog*>(QStringLiteral("goToKeyDialog"))) && dialog->isVisible());
    dialog->setTextValue(QStringLiteral("\\x00\\x00\\x00\\x00\\x00\\x00\\x01\\x00"));
    MERIDIAN_CHECK_OK(jumped([&] { dialog->accept(); }));
    QCOMPARE(window_->keyBrowser()->currentKey(), keys_.at(256));
}

void KeyWindowTest::prefixFieldReadsHexAndMarksWhatDoesNotParse() {
    auto* browser = window_->keyBrowser();
    QLineEdit* field = browser->prefixField();
    browser->setDisplay(storage::ByteDisplay::Hex);
    QVERIFY(field->placeholderText().contains(QStringLiteral("hex")));
    QVERIFY(field->toolTip().contains(QStringLiteral("00 ff 61")));
    // Keys 256..511: 00 00 00 00 00 00 01, typed with spaces.
    field->setFocus();
    QTest::keyClicks(field, QStringLiteral("00 00 00 00 00 00 01"));
    QTRY_VERIFY(!model()->isLoading());
    MERIDIAN_CHECK_OK(gui_test::loadToEnd(model()));
    QCOMPARE(gui_test::modelKeys(model()), keys_.mid(256, 256));
    QVERIFY(!browser->prefixInvalid());
    const qsizetype actionsWhenValid = field->actions().size();
    // An odd digit: marked, and the list keeps the last prefix that parsed.
    QTest::keyClicks(field, QStringLiteral("0"));
    QVERIFY(browser->prefixInvalid());
    QCOMPARE(field->actions().size(), actionsWhenValid + 1);  // the warning sign, with the reason as its tooltip
    QVERIFY(window_->findChild<QLabel*>(QStringLiteral("keySummary"))->text().contains(QStringLiteral("not valid")));
    QCOMPARE(model()->rowCount(), 256);
    QTest::keyClick(field, Qt::Key_Backspace);
    QVERIFY(!browser->prefixInvalid());
    QCOMPARE(field->actions().size(), actionsWhenValid);
    // Switching to Escaped keeps the prefix, retyped in that syntax.
    browser->setDisplay(storage::ByteDisplay::Escaped);
    QCOMPARE(field->text(), QStringLiteral("\\x00\\x00\\x00\\x00\\x00\\x00\\x01"));
    QCOMPARE(model()->prefix(), gui_test::benchKey(256).left(7));
    // An unknown escape is marked in Escaped mode.
    QTest::keyClicks(field, QStringLiteral("\\q"));
    QVERIFY(browser->prefixInvalid());
    QCOMPARE(model()->prefix(), gui_test::benchKey(256).left(7));
}

void KeyWindowTest::namespaceTreeListsMoreAndSaysWhenKeysHaveNoDelimiter() {
    QTemporaryDir dir;
    valuetest::Entries grouped;
    for (const char* k : {"a:1", "b:1", "c:1", "d:1", "e:1", "f"}) grouped.insert(k, "v");
    MERIDIAN_VALUE_OK(valuetest::makeDatabase(dir.filePath("grouped"), grouped));
    ui::NamespaceModel* tree = window_->namespaceModel();
    tree->setChildLimit(3);
    MERIDIAN_CHECK_OK(valuetest::openInWindow(window_.get(), dir.filePath("grouped"), storage::OpenMode::ReadOnly));
    auto labels = [tree] {
        QStringList out;
        for (int r = 0; r < tree->rowCount(); ++r) out << tree->index(r, 0).data().toString();
        return out;
    };
    QTRY_COMPARE(labels(), (QStringList{"a:", "b:", "c:", QStringLiteral("more…")}));
    QVERIFY(tree->index(3, 0).data(ui::NamespaceModel::IsMoreRole).toBool());
    // Choosing "more…" lists the next ones in its place (and leaves the prefix alone).
    auto* view = window_->findChild<QTreeView*>(QStringLiteral("namespaceTree"));
    view->selectionModel()->select(tree->index(3, 0), QItemSelectionModel::ClearAndSelect);
    QTRY_COMPARE(labels(), (QStringList{"a:", "b:", "c:", "d:", "e:", "f"}));
    QCOMPARE(window_->keyBrowser()->prefixField()->text(), QString());

    // Keys with no delimiter at all: one hint, not a thousand keys posing as namespaces.
    valuetest::Entries flat;
    for (int i = 0; i < 50; ++i) flat.insert("key" + QByteArray::number(i), "v");
    MERIDIAN_VALUE_OK(valuetest::makeDatabase(dir.filePath("flat"), flat));
    MERIDIAN_CHECK_OK(valuetest::openInWindow(window_.get(), dir.filePath("flat"), storage::OpenMode::ReadOnly));
    QTRY_COMPARE(tree->rowCount(), 1);
    QVERIFY(tree->index(0, 0).data(ui::NamespaceModel::IsHintRole).toBool());
    QVERIFY(labels().first().contains(QStringLiteral("Namespace Delimiter")));
}


void KeyWindowTest::positionBarPlacesTheRowsAmongAllKeys() {
    // 20,000 keys: few enough to hold, so positions are exact ranks.
    QTRY_VERIFY(bar()->positionKnown());
    QVERIFY(view()->verticalScrollBarPolicy() == Qt::ScrollBarAlwaysOff);  // the bar stands in for the view's
    QCOMPARE(bar()->value(), 0);
    QVERIFY(bar()->isVisible());
    // End: the bar at the bottom, its handle a sliver of all the keys.
    MERIDIAN_CHECK_OK(jumped([&] { window_->keyBrowser()->goToEnd(); }));
    QTRY_VERIFY(bar()->positionKnown() && bar()->value() > 0);
    QVERIFY2(std::abs(bar()->topPosition().value() - topRank()) <= 0.005,
             qPrintable(QStringLiteral("%1 vs %2").arg(*bar()->topPosition()).arg(topRank())));
    QVERIFY(bar()->value() >= bar()->maximum() - 2);
    QVERIFY(bar()->pageStep() < ui::KeyPositionBar::kSteps / 100);
    // Go to Key in the middle: the bar follows.
    MERIDIAN_CHECK_OK(jumped([&] { window_->keyBrowser()->goToKey(keys_.at(kKeys / 2)); }));
    QTRY_VERIFY(bar()->positionKnown());
    QTRY_VERIFY(std::abs(bar()->topPosition().value() - topRank()) <= 0.005);
    QVERIFY(std::abs(double(bar()->value()) / ui::KeyPositionBar::kSteps - 0.5) <= 0.01);

    // Dragging the handle to a quarter and letting go shows the keys there,
    // selecting none.
    QSignalSpy revealed(model(), &ui::KeyListModel::revealed);
    bar()->setSliderDown(true);
    bar()->setSliderPosition(ui::KeyPositionBar::kSteps / 4);
    bar()->setSliderDown(false);
    QTRY_VERIFY(!revealed.isEmpty());
    QTRY_VERIFY(bar()->positionKnown());
    QVERIFY2(std::abs(topRank() - 0.25) <= 0.005, qPrintable(QString::number(topRank())));
    QVERIFY(view()->selectionModel()->selectedRows().isEmpty());
    MERIDIAN_CHECK_OK(contiguous());
    // A drag within the rows held scrolls there (40 rows on) without a reload.
    QSignalSpy resets(model(), &QAbstractItemModel::modelReset);
    const int before = view()->rowAt(0);
    const double inside = bar()->topPosition().value() + 40.0 / kKeys;
    bar()->jumpTo(inside);
    QTest::qWait(50);  // a reload would have started by now
    QCOMPARE(resets.size(), 0);
    QVERIFY2(std::abs(view()->rowAt(0) - (before + 40)) <= 1, qPrintable(QString::number(view()->rowAt(0) - before)));
    // The trough pages through rows, as the view's own bar would.
    const int top = view()->rowAt(0);
    bar()->triggerAction(QAbstractSlider::SliderPageStepAdd);
    QVERIFY(view()->rowAt(0) > top + 5);
    QTRY_VERIFY(std::abs(bar()->topPosition().value() - topRank()) <= 0.005);
}

void KeyWindowTest::positionBarSaysWhenThePositionIsUnknown() {
    // db_bench left every key in the log; holding none of them, nothing
    // measures where they are: the bar covers the rows held, and says so.
    QSignalSpy updated(bar(), &ui::KeyPositionBar::positionsUpdated);
    bar()->setExactLimit(100);
    bar()->remeasure();
    QTRY_VERIFY(!updated.isEmpty());
    QVERIFY(!bar()->positionKnown());
    QVERIFY(bar()->toolTip().contains(QStringLiteral("unknown")));
    QScrollBar* rows = view()->verticalScrollBar();
    QCOMPARE(bar()->maximum(), rows->maximum());
    QCOMPARE(bar()->value(), rows->value());
    // Dragging it scrolls the rows held.
    bar()->setSliderDown(true);
    bar()->setSliderPosition(bar()->maximum() / 2);  // while down: sliderMoved
    bar()->setSliderDown(false);
    QCOMPARE(rows->value(), bar()->maximum() / 2);
}

void KeyWindowTest::typingInTheListGoesToThatKey() {
    // Hex mode: the first eight bytes of key 12345, typed a digit at a time
    // (a half byte goes nowhere), land on it although it is far past the
    // rows loaded.
    window_->keyBrowser()->setDisplay(storage::ByteDisplay::Hex);
    view()->setFocus();
    const QString typed = QString::fromLatin1(gui_test::benchKey(12345).left(8).toHex());
    QTest::keyClicks(view(), typed);
    QTRY_COMPARE(window_->keyBrowser()->currentKey(), keys_.at(12345));
    MERIDIAN_CHECK_OK(contiguous());
    // After a pause, typing starts a new search: escapes in Escaped mode.
    window_->keyBrowser()->setDisplay(storage::ByteDisplay::Escaped);
    QTest::qWait(QApplication::keyboardInputInterval() + 50);
    QTest::keyClicks(view(), QStringLiteral("\\x00\\x00\\x00\\x00\\x00\\x00\\x01"));
    QTRY_COMPARE(window_->keyBrowser()->currentKey(), keys_.at(256));
}

void KeyWindowTest::namespaceNodeCountsItsKeysAsLdbDoes() {
    QTemporaryDir dir;
    valuetest::Entries keys;
    for (int i = 0; i < 300; ++i) keys.insert("a:" + QByteArray::number(i), "v");
    for (int i = 0; i < 1234; ++i) keys.insert("b:" + QByteArray::number(i), "v");
    keys.insert("c:only", "v");
    MERIDIAN_VALUE_OK(valuetest::makeDatabase(dir.filePath("db"), keys));
    // ldb's count for the namespace, the oracle.
    const test::Ran ldb = test::runProgram(QStringLiteral("ldb"), {QStringLiteral("--db=%1").arg(dir.filePath("db")),
                                                                   QStringLiteral("dump"), QStringLiteral("--count_delim=:")});
    QCOMPARE(ldb.code, 0);
    const QRegularExpression line(QStringLiteral("^b => count:(\\d+)"), QRegularExpression::MultilineOption);
    const auto match = line.match(QString::fromUtf8(ldb.out));
    QVERIFY2(match.hasMatch(), ldb.out.constData());

    ui::NamespaceModel* tree = window_->namespaceModel();
    MERIDIAN_CHECK_OK(valuetest::openInWindow(window_.get(), dir.filePath("db"), storage::OpenMode::ReadOnly));
    QTRY_COMPARE(tree->rowCount(), 3);
    auto* view = window_->findChild<QTreeView*>(QStringLiteral("namespaceTree"));
    view->setCurrentIndex(tree->index(1, 0));
    auto* count = view->findChild<QAction*>(QStringLiteral("countNamespaceKeysAction"));
    QVERIFY(count && view->actions().contains(count));  // in the tree's context menu
    count->trigger();
    const QString expected = QStringLiteral("b:  \u2014  %1 keys").arg(QLocale().toString(match.captured(1).toULongLong()));
    QTRY_COMPARE(tree->index(1, 0).data().toString(), expected);
    QCOMPARE(match.captured(1).toInt(), 1234);
    // The other nodes were not counted.
    QCOMPARE(tree->index(0, 0).data().toString(), QStringLiteral("a:"));
}

QTEST_MAIN(KeyWindowTest)
#include "key_window_test.moc"
