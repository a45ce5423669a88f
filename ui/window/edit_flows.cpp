// EditActions: what each editing action does. Dialogs open non-modally;
// storage work goes through the EditController (writes) or the session
// (existence checks, the dry-run count), never on the UI thread.
#include <QApplication>
#include <QClipboard>
#include <QFile>
#include <QFileDialog>
#include <QTableView>
#include <QLocale>
#include <QMainWindow>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSaveFile>
#include <QUndoStack>

#include "storage/bytes.h"
#include "ui/browser/key_browser.h"
#include "ui/browser/key_list_model.h"
#include "ui/common/async.h"
#include "ui/common/task_indicator.h"
#include "ui/common/text.h"
#include "ui/editor/edit_controller.h"
#include "ui/editor/key_dialog.h"
#include "ui/editor/value_document.h"
#include "ui/editor/value_editor.h"
#include "ui/editor/value_format.h"
#include "ui/session/storage_session.h"
#include "ui/window/edit_actions.h"
#include "ui/window/editing_mode.h"

namespace meridian::ui {

namespace {

const QString kOctetStream = QStringLiteral("application/octet-stream");
constexpr qint64 kMaxFileBytes = qint64{256} * 1024 * 1024;

// Runs `then` on the UI thread from the event loop with whether `key` exists
// (false on errors too: the write that follows reports those).
void whenExists(StorageSession* session, QObject* context, const QByteArray& key, std::function<void(bool)> then) {
    onResult(session->run([k = key.toStdString()](storage::Storage& s) { return s.exists(k); }), context,
                            [then = std::move(then)](storage::Result<bool> exists) {
                                then(exists.ok() && exists.value());
                            });
}

}  // namespace

void EditActions::confirmThen(const QString& name, const QString& text, const QString& detail, const QString& yes,
                              std::function<void()> then, std::function<void()> otherwise) {
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Confirm"), text, QMessageBox::Yes | QMessageBox::Cancel,
                                window_);
    box->setObjectName(name);
    box->setInformativeText(detail);
    box->button(QMessageBox::Yes)->setText(yes);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [box, then = std::move(then), otherwise = std::move(otherwise)] {
        if (box->standardButton(box->clickedButton()) == QMessageBox::Yes) then();
        else if (otherwise) otherwise();
    });
    box->open();
}

bool EditActions::cannotWrite(std::function<void()> retry) {
    if (edits_->isWritable()) return false;
    if (editing_ && editing_->canEnable()) editing_->offer(std::move(retry));
    else report(edits_->readOnlyReason(), true);
    return true;
}

void EditActions::addKey() {
    if (cannotWrite([this] { addKey(); })) return;
    // Kept until answered for good: cancelling "replace?" goes back to it.
    auto* dialog = new KeyDialog(KeyDialog::Purpose::AddKey, QByteArray(), window_);
    connect(dialog, &QDialog::rejected, dialog, &QObject::deleteLater);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const QByteArray key = dialog->key(), value = dialog->value();
        if (!session_) return dialog->deleteLater();
        whenExists(session_, this, key, [this, key, value, dialog](bool exists) {
            if (!exists) {
                dialog->deleteLater();
                return putNewKey(key, value);
            }
            confirmThen(
                QStringLiteral("replaceKeyConfirm"), tr("The key %1 exists already.").arg(shortKey(key)),
                tr("Replace its value? Edit > Undo brings the old value back."), tr("Replace"),
                [this, key, value, dialog] {
                    dialog->deleteLater();
                    putNewKey(key, value);
                },
                [dialog] { dialog->open(); });
        });
    });
    dialog->open();
}

void EditActions::putNewKey(const QByteArray& key, const QByteArray& value) {
    edits_->putValue(key, value, tr("Add Key %1").arg(shortKey(key)), [this, key](const storage::Status& status) {
        if (status.ok()) report(tr("Added %1").arg(shortKey(key)), false);
    });
}

void EditActions::renameKey() {
    if (cannotWrite([this] { renameKey(); })) return;
    const QModelIndex current = browser_->view()->currentIndex();
    const QByteArray from = current.isValid() ? current.data(KeyListModel::KeyRole).toByteArray() : editor_->key();
    if (from.isNull()) return;
    if (editor_->key() == from && !leaveEditorThen([this] { renameKey(); })) return;
    // Kept until answered for good: cancelling "replace?" goes back to it.
    auto* dialog = new KeyDialog(KeyDialog::Purpose::RenameKey, from, window_);
    connect(dialog, &QDialog::rejected, dialog, &QObject::deleteLater);
    connect(dialog, &QDialog::accepted, this, [this, dialog, from] {
        const QByteArray to = dialog->key();
        if (to == from || !session_) return dialog->deleteLater();
        auto rename = [this, from, to] {
            edits_->renameKey(from, to, [this, from, to](const storage::Status& status) {
                if (status.ok()) report(tr("Renamed %1 to %2").arg(shortKey(from), shortKey(to)), false);
            });
        };
        whenExists(session_, this, to, [this, to, rename, dialog](bool exists) {
            if (!exists) {
                dialog->deleteLater();
                return rename();
            }
            confirmThen(
                QStringLiteral("replaceKeyConfirm"), tr("The key %1 exists already.").arg(shortKey(to)),
                tr("Renaming replaces its value. Edit > Undo restores both keys."), tr("Replace"),
                [rename, dialog] {
                    dialog->deleteLater();
                    rename();
                },
                [dialog] { dialog->open(); });
        });
    });
    dialog->open();
}

void EditActions::deleteSelectedKeys() {
    if (cannotWrite([this] { deleteSelectedKeys(); })) return;
    const QList<QByteArray> keys = selectedKeys();
    if (keys.isEmpty()) return;
    if (keys.contains(editor_->key()) && !leaveEditorThen([this] { deleteSelectedKeys(); })) return;
    edits_->deleteKeys(keys, [this, n = keys.size()](const storage::Status& status) {
        if (status.ok())
            report(n == 1 ? tr("Deleted 1 key; Edit > Undo brings it back")
                          : tr("Deleted %1 keys; Edit > Undo brings them back").arg(QLocale().toString(n)),
                   false);
    });
}

void EditActions::deleteUnderPrefix() {
    if (cannotWrite([this] { deleteUnderPrefix(); })) return;
    auto* dialog = new KeyDialog(KeyDialog::Purpose::Prefix, browser_->model()->prefix(), window_);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { deleteUnderPrefix(dialog->key()); });
    dialog->open();
}

void EditActions::deleteUnderPrefix(const QByteArray& prefix) {
    if (cannotWrite([this, prefix] { deleteUnderPrefix(prefix); })) return;
    if (!session_) return;
    // The dry run: how many keys, with progress and cancel, before anything is asked or deleted.
    auto counting = session_->count(prefix.toStdString());
    emit taskStarted(tr("Counting keys under %1…").arg(shortKey(prefix)), QFuture<void>(counting));
    onResult(
        counting, this,
        [this, prefix](storage::Result<std::uint64_t> counted) {
            if (!counted.ok()) return report(QString::fromStdString(counted.status().message()), true);
            const std::uint64_t n = counted.value();
            const QString where = prefix.isEmpty() ? tr("in this column family")
                                                   : tr("under %1").arg(shortKey(prefix));
            if (n == 0) return report(tr("No keys %1: nothing to delete").arg(where), false);
            const QString count = QLocale().toString(static_cast<qulonglong>(n));
            confirmThen(QStringLiteral("deletePrefixConfirm"),
                        n == 1 ? tr("Delete 1 key %1?").arg(where)
                               : tr("Delete %1 keys %2?").arg(count, where),
                        tr("They are deleted in one batch, which you can cancel until it is written. "
                           "Edit > Undo restores them (up to %1 of keys and values can be kept for "
                           "undo; a larger delete is refused before anything is deleted).")
                            .arg(byteCountText(static_cast<qsizetype>(kMaxUndoBytes))),
                        tr("Delete"), [this, prefix, n, where] {
                            auto future = edits_->deletePrefix(
                                prefix, n, [this, where](const storage::Status& status) {
                                    if (!status.ok()) return;  // failed() reported it
                                    report(tr("Deleted the keys %1; Edit > Undo brings them back")
                                               .arg(where),
                                           false);
                                });
                            emit taskStarted(tr("Deleting keys %1…").arg(where), future);
                        });
        },
        [this] { report(tr("Count cancelled: nothing was deleted"), false); });
}

void EditActions::saveValueToFile(const QString& path) {
    if (!editor_->hasValue()) return;
    if (path.isEmpty()) {
        auto* dialog = new QFileDialog(window_, tr("Save Value to File"));
        dialog->setAcceptMode(QFileDialog::AcceptSave);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QFileDialog::fileSelected, this, [this](const QString& file) { saveValueToFile(file); });
        dialog->open();
        return;
    }
    // What the editor holds now: unsaved edits included, byte for byte.
    const QByteArray bytes = editor_->currentBytes();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return report(tr("Could not write %1: %2").arg(path, file.errorString()), true);
    report(tr("Wrote %1 to %2").arg(byteCountText(bytes.size()), path), false);
}

void EditActions::loadValueFromFile(const QString& path) {
    if (!editor_->hasValue()) return report(tr("Select a key first."), true);
    if (cannotWrite([this, path] { loadValueFromFile(path); })) return;
    if (path.isEmpty()) {
        auto* dialog = new QFileDialog(window_, tr("Load Value from File"));
        dialog->setFileMode(QFileDialog::ExistingFile);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &QFileDialog::fileSelected, this, [this](const QString& file) { loadValueFromFile(file); });
        dialog->open();
        return;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) return report(tr("Could not read %1: %2").arg(path, file.errorString()), true);
    if (file.size() > kMaxFileBytes)
        return report(tr("%1 is larger than %2; not loaded").arg(path, byteCountText(kMaxFileBytes)), true);
    const QByteArray bytes = file.readAll();
    if (editor_->replaceValue(bytes))
        report(tr("Loaded %1 from %2: Save Value writes them").arg(byteCountText(bytes.size()), path), false);
}

void EditActions::copyValue(bool asHex) {
    if (!editor_->hasValue()) return;
    const QByteArray bytes = editor_->currentBytes();  // unsaved edits included
    const std::string raw = bytes.toStdString();
    auto* mime = new QMimeData;
    mime->setData(kOctetStream, bytes);
    if (asHex) mime->setText(QString::fromLatin1(bytes.toHex(' ').toUpper()));
    else mime->setText(QString::fromStdString(storage::isValidUtf8(raw) ? raw : storage::escapeBytes(raw)));
    QApplication::clipboard()->setMimeData(mime);
    report(tr("Copied %1").arg(byteCountText(bytes.size())), false);
}

void EditActions::pasteValue() {
    if (editor_->hasValue() && cannotWrite([this] { pasteValue(); })) return;
    const QMimeData* mime = QApplication::clipboard()->mimeData();
    if (!mime) return;
    // Raw bytes when the clipboard has them (our own copies do); else the text as UTF-8.
    const QByteArray bytes = mime->hasFormat(kOctetStream) ? mime->data(kOctetStream) : mime->text().toUtf8();
    if (editor_->replaceValue(bytes)) report(tr("Pasted %1: Save Value writes them").arg(byteCountText(bytes.size())), false);
}

}  // namespace meridian::ui
