#include "tests/gui/value_test_support.h"

#include <QAction>
#include <QCoreApplication>
#include <QTableView>
#include <QMessageBox>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

#include "storage/factory.h"
#include "tests/gui/session_idle.h"
#include "tests/support/run_program.h"
#include "ui/browser/key_browser.h"
#include "ui/browser/key_list_model.h"
#include "ui/editor/edit_controller.h"
#include "ui/editor/value_document.h"
#include "ui/editor/value_editor.h"
#include "ui/session/storage_session.h"
#include "ui/window/edit_actions.h"
#include "ui/window/main_window.h"

namespace meridian::valuetest {

namespace {

std::string bytes(const QByteArray& b) { return b.toStdString(); }

QString writeAll(storage::Storage& s, const Entries& entries) {
    storage::WriteBatch batch;
    for (auto it = entries.cbegin(); it != entries.cend(); ++it) batch.put(bytes(it.key()), bytes(it.value()));
    storage::WriteOptions sync;
    sync.sync = true;
    if (auto status = s.write(batch, sync); !status.ok()) return QString::fromStdString(status.message());
    return {};
}

}  // namespace

void setUpTestApplication(const char* name) {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("MeridianTest"));
    QCoreApplication::setApplicationName(QLatin1String(name));
    QSettings().clear();
}

QString makeDatabase(const QString& dir, const Entries& entries, const QMap<QString, Entries>& families) {
    auto opened = storage::createStorage(dir.toStdString(),
                                         storage::StorageConfig{}.withCreateIfMissing().withEnvironment(false));
    if (!opened.ok()) return QString::fromStdString(opened.status.message());
    if (QString error = writeAll(*opened.storage, entries); !error.isEmpty()) return error;
    for (auto it = families.cbegin(); it != families.cend(); ++it) {
        if (auto s = opened.storage->createColumnFamily(it.key().toStdString()); !s.ok())
            return QString::fromStdString(s.message());
        auto scoped = opened.storage->columnFamily(it.key().toStdString());
        if (!scoped.ok()) return QString::fromStdString(scoped.status().message());
        if (QString error = writeAll(*scoped.value(), it.value()); !error.isEmpty()) return error;
    }
    return {};  // the last reference goes here: the database closes
}

QString waitForOpen(ui::MainWindow* window, const std::function<void()>& start) {
    QSignalSpy opened(window, &ui::MainWindow::databaseOpened);
    QSignalSpy failed(window, &ui::MainWindow::openFailed);
    start();
    if (!QTest::qWaitFor([&] { return !opened.isEmpty() || !failed.isEmpty(); }, 30000))
        return QStringLiteral("neither databaseOpened nor openFailed within 30 s");
    if (!failed.isEmpty()) return QStringLiteral("openFailed: ") + failed.first().first().toString();
    auto* model = window->keyBrowser()->model();
    if (!QTest::qWaitFor([model] { return !model->isLoading(); }, 20000))
        return QStringLiteral("the first page of keys did not arrive");
    return {};
}

QString openInWindow(ui::MainWindow* window, const QString& path, storage::OpenMode mode) {
    return waitForOpen(window, [window, path, mode] { window->openDatabase(path, mode); });
}

QString selectKey(ui::MainWindow* window, const QByteArray& key) {
    auto* model = window->keyBrowser()->model();
    QTableView* list = window->keyBrowser()->view();
    if (!QTest::qWaitFor([model] { return !model->isLoading(); }, 20000)) return QStringLiteral("the key list is loading");
    int row = -1;
    for (int page = 0; row < 0 && page < 1000; ++page) {
        for (int r = 0; r < model->rowCount(); ++r)
            if (model->keyAt(r) == key) row = r;
        if (row >= 0 || model->atEnd()) break;
        model->fetchMore({});
        if (!QTest::qWaitFor([model] { return !model->isLoading(); }, 20000))
            return QStringLiteral("a page of keys did not arrive");
    }
    if (row < 0) return QStringLiteral("key %1 is not in the key list").arg(show(key));
    const QModelIndex index = model->index(row);
    list->scrollTo(index);
    QTest::mouseClick(list->viewport(), Qt::LeftButton, Qt::NoModifier, list->visualRect(index).center());
    if (list->currentIndex() != index) return QStringLiteral("clicking row %1 did not make it current").arg(row);
    ui::ValueEditor* editor = window->valueEditor();
    if (!QTest::qWaitFor([&] { return editor->key() == key && !editor->isLoading(); }, 20000))
        return QStringLiteral("the editor did not show key %1").arg(show(key));
    return {};
}

QString waitIdle(ui::MainWindow* window) {
    auto* edits = window->editActions()->controller();
    ui::ValueEditor* editor = window->valueEditor();
    if (!QTest::qWaitFor([&] { return !edits->isBusy() && !editor->isLoading() && !editor->isSaving(); }, 30000))
        return QStringLiteral("writes still running after 30 s");
    // What the writes set off (the key list's reload, reselecting) has been
    // delivered too.
    return window->session() ? test::waitForSessionIdle(window->session()) : QString();
}

QString trigger(ui::MainWindow* window, const char* actionName) {
    auto* action = window->findChild<QAction*>(QLatin1String(actionName));
    if (!action) return QStringLiteral("no action %1").arg(QLatin1String(actionName));
    if (!action->isEnabled())
        return QStringLiteral("action %1 is disabled: %2").arg(QLatin1String(actionName), action->toolTip());
    action->trigger();
    return {};
}

std::optional<QByteArray> stored(ui::MainWindow* window, const QByteArray& key) {
    auto future = window->session()->run([k = bytes(key)](storage::Storage& s) { return s.get(k); });
    auto result = future.result();
    if (!result.ok()) return std::nullopt;
    return QByteArray::fromStdString(result.value());
}

Entries storedUnder(ui::MainWindow* window, const QByteArray& prefix) {
    auto future = window->session()->run([p = bytes(prefix)](storage::Storage& s) { return s.prefix(p); });
    auto result = future.result();
    Entries entries;
    if (!result.ok()) return entries;
    for (const auto& e : result.value())
        entries.insert(QByteArray::fromStdString(e.key), QByteArray::fromStdString(e.value));
    return entries;
}

QString ldbEntries(const QString& dir, Entries* entries) {
    const QString ldb = QStandardPaths::findExecutable(QStringLiteral("ldb"));
    if (ldb.isEmpty()) return QStringLiteral("ldb is not on PATH (Debian: apt install rocksdb-tools)");
    const test::Ran ran = test::runProgram(ldb, {QStringLiteral("--db=%1").arg(dir), QStringLiteral("--hex"), QStringLiteral("scan")});
    if (ran.code != 0) return QStringLiteral("ldb scan failed: %1").arg(QString::fromLocal8Bit(ran.err));
    entries->clear();
    for (const QByteArray& line : ran.out.split('\n')) {
        if (line.trimmed().isEmpty()) continue;
        // "0x<key hex> : 0x<value hex>" (older ldb: " ==> ")
        qsizetype arrow = line.indexOf(" : ");
        qsizetype skip = 3;
        if (arrow < 0) {
            arrow = line.indexOf(" ==> ");
            skip = 5;
        }
        if (arrow < 0 || !line.startsWith("0x"))
            return QStringLiteral("unexpected ldb line: %1").arg(QString::fromLatin1(line.left(80)));
        const QByteArray key = QByteArray::fromHex(line.mid(2, arrow - 2));
        QByteArray value = line.mid(arrow + skip).trimmed();
        if (value.startsWith("0x")) value = value.mid(2);
        entries->insert(key, QByteArray::fromHex(value));
    }
    return {};
}

QMessageBox* waitForMessageBox(ui::MainWindow* window, const QString& objectName) {
    QMessageBox* box = nullptr;
    (void)QTest::qWaitFor(
        [&] {
            box = window->findChild<QMessageBox*>(objectName);
            return box && box->isVisible();
        },
        5000);
    return box && box->isVisible() ? box : nullptr;
}

QString show(const std::optional<QByteArray>& bytes) {
    if (!bytes) return QStringLiteral("<absent>");
    QString hex = QString::fromLatin1(bytes->left(48).toHex(' '));
    if (bytes->size() > 48) hex += QStringLiteral(" … (%1 bytes)").arg(bytes->size());
    return QStringLiteral("[%1]").arg(hex);
}

}  // namespace meridian::valuetest
