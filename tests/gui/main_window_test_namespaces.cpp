// MainWindowTest slots (see main_window_test.h): the namespace tree groups
// keys by delimiter, expands, and browses the prefix of the node clicked;
// focus alone changes neither the prefix nor the value shown.
#include <QFocusEvent>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QTreeView>

#include "tests/gui/main_window_test.h"
#include "tests/gui/session_idle.h"
#include "ui/browser/key_browser.h"
#include "ui/browser/key_list_model.h"
#include "ui/browser/namespace_model.h"
#include "ui/editor/value_editor.h"

namespace meridian::gui_test {

using ui::KeyBrowser;
using ui::NamespaceModel;

void MainWindowTest::namespaceTreeGroupsKeysAndSetsThePrefix() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // "w\x41:" holds a real backslash: selecting it must not turn into "wA:".
    const QList<QByteArray> keys = {"a:1", "a:2", "b:x:1", "c", "wA:1", "w\\x41:1"};
    MERIDIAN_CHECK_OK(makeDatabase(dir.path(), {{"default", keys}}));
    attachModelTesters();
    MERIDIAN_CHECK_OK(openInWindow(dir.path()));

    auto* tree = window_->findChild<QTreeView*>(QStringLiteral("namespaceTree"));
    QVERIFY(tree);
    auto* namespaces = window_->namespaceModel();
    QCOMPARE(tree->model(), namespaces);
    QTRY_COMPARE(namespaces->rowCount(), 5);
    auto label = [namespaces](int row, const QModelIndex& parent = {}) {
        return namespaces->index(row, 0, parent).data().toString();
    };
    QCOMPARE(label(0), QStringLiteral("a:"));
    QCOMPARE(label(1), QStringLiteral("b:"));
    QCOMPARE(label(2), QStringLiteral("c"));
    QCOMPARE(label(3), QStringLiteral("wA:"));
    QCOMPARE(label(4), QStringLiteral("w\\x41:"));
    QVERIFY(namespaces->hasChildren(namespaces->index(1, 0)));
    QVERIFY(!namespaces->hasChildren(namespaces->index(2, 0)));  // "c" is a key, not a group

    // Expanding "b:" in the tree shows "x:" under it.
    const QModelIndex b = namespaces->index(1, 0);
    tree->expand(b);
    QTRY_COMPARE(namespaces->rowCount(b), 1);
    QVERIFY(tree->isExpanded(b));
    QCOMPARE(label(0, b), QStringLiteral("x:"));
    QCOMPARE(namespaces->index(0, 0, b).data(NamespaceModel::PrefixRole).toByteArray(), QByteArray("b:x:"));
    QCOMPARE(tree->indexBelow(b), namespaces->index(0, 0, b));

    // Clicking a node browses its prefix.
    auto* model = window_->keyBrowser()->model();
    auto* field = window_->findChild<QLineEdit*>(QStringLiteral("prefixField"));
    QVERIFY(field);

    // The tree taking focus (Tab, window activation) makes its first row
    // current without selecting it: the typed prefix stays.
    field->setText(QStringLiteral("c"));
    QVERIFY(!tree->currentIndex().isValid());
    window_->activateWindow();
    QFocusEvent focusIn(QEvent::FocusIn, Qt::TabFocusReason);
    QCoreApplication::sendEvent(tree, &focusIn);
    QVERIFY(tree->currentIndex().isValid());
    QCOMPARE(model->prefix(), QByteArray("c"));
    // Nor does the key list taking focus load the value of its first key.
    MERIDIAN_CHECK_OK(loadToEnd(model));
    QCOMPARE(modelKeys(model), QList<QByteArray>{"c"});
    QSignalSpy keyChosen(window_->keyBrowser(), &KeyBrowser::currentKeyChanged);
    QCoreApplication::sendEvent(window_->keyBrowser()->view(), &focusIn);
    QVERIFY(window_->keyBrowser()->view()->currentIndex().isValid());
    MERIDIAN_WAIT_SESSION_IDLE(window_->session());  // a value read, had one started, has come back
    QCOMPARE(keyChosen.size(), 0);
    QVERIFY(!window_->valueEditor()->isLoading());
    QVERIFY2(window_->valueEditor()->key().isEmpty(), window_->valueEditor()->key().constData());

    auto click = [tree](const QModelIndex& index) {
        tree->scrollTo(index);
        QTest::mouseClick(tree->viewport(), Qt::LeftButton, {}, tree->visualRect(index).center());
    };
    click(namespaces->index(0, 0, b));
    QCOMPARE(tree->currentIndex(), namespaces->index(0, 0, b));
    QCOMPARE(field->text(), QStringLiteral("b:x:"));
    QCOMPARE(model->prefix(), QByteArray("b:x:"));
    MERIDIAN_CHECK_OK(loadToEnd(model));
    QCOMPARE(modelKeys(model), QList<QByteArray>{"b:x:1"});

    click(namespaces->index(0, 0));
    QCOMPARE(model->prefix(), QByteArray("a:"));
    MERIDIAN_CHECK_OK(loadToEnd(model));
    QCOMPARE(modelKeys(model), (QList<QByteArray>{"a:1", "a:2"}));

    click(namespaces->index(4, 0));
    QCOMPARE(model->prefix(), QByteArray("w\\x41:"));
    MERIDIAN_CHECK_OK(loadToEnd(model));
    QCOMPARE(modelKeys(model), QList<QByteArray>{"w\\x41:1"});
}

}  // namespace meridian::gui_test
