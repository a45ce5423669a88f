#include "ui/editor/edit_controller.h"

#include <QLocale>
#include <QUndoStack>

#include <climits>

#include "ui/common/text.h"
#include "ui/editor/edit_writer.h"
#include "ui/session/storage_session.h"

namespace meridian::ui {

EditController::EditController(QObject* parent)
    : QObject(parent), stack_(new QUndoStack(this)), writer_(new EditWriter(this)) {
    stack_->setUndoLimit(kUndoLimit);
    connect(writer_, &EditWriter::busyChanged, this, &EditController::busyChanged);
}

void EditController::setSession(StorageSession* session) {
    // A delete still reading the old database stops before its commit, so
    // that closing does not wait for it to read a whole prefix.
    for (const auto& weak : deleting_)
        if (auto promise = weak.lock(); promise && !promise->future().isFinished()) promise->future().cancel();
    deleting_.clear();
    session_ = session;
    writer_->setSession(session);
    stack_->clear();
}

StorageSession* EditController::session() const { return session_; }

bool EditController::isWritable() const { return session_ && session_->isWritable(); }

QString EditController::readOnlyReason() const {
    if (!session_) return tr("No database is open.");
    if (session_->isWritable()) return {};
    if (session_->isViewingSnapshot())
        return tr("You are viewing snapshot “%1”, which never changes, so editing is off. "
                  "Choose Back to Live (Snapshots panel) to edit the database.")
            .arg(session_->readViewName());
    switch (session_->info().mode) {
    case storage::OpenMode::ReadOnly:
        return tr("The database is open read-only, so looking at it changes nothing. To edit, choose Enable "
                  "Editing (the padlock in the toolbar), which reopens it read-write; that needs the lock to be free.");
    case storage::OpenMode::Secondary:
        return tr("Following a live writer: RocksDB never lets this kind of instance write, so editing is off. "
                  "To edit, stop the program that holds the database, then open it read-write.");
    case storage::OpenMode::ReadWrite: break;
    }
    return tr("This view of the database cannot be written.");
}

bool EditController::isBusy() const { return writer_->isBusy(); }

void EditController::whenIdle(QObject* context, std::function<void()> next) {
    if (!isBusy()) return next();
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(writer_, &EditWriter::busyChanged, context, [connection, next](bool busy) {
        if (busy) return;
        QObject::disconnect(*connection);
        next();
    });
}

std::size_t EditController::historyBytes() const {
    std::size_t bytes = 0;
    for (int i = 0; i < stack_->count(); ++i)
        if (const auto* command = dynamic_cast<const StorageEditCommand*>(stack_->command(i)))
            bytes += command->record()->bytes.load();
    return bytes;
}

bool EditController::refuse(const Done& done) {
    if (isWritable()) return false;
    const QString reason = readOnlyReason();
    emit message(reason);
    if (done) done(storage::Status::readOnly(reason.toStdString()));
    return true;
}

void EditController::putValue(const QByteArray& key, const QByteArray& value, const QString& text, Done done,
                              const QString& family) {
    if (refuse(done)) return;
    push(text, putPlan(key.toStdString(), value.toStdString()), std::move(done), family);
}

void EditController::deleteKeys(const QList<QByteArray>& keys, Done done) {
    if (refuse(done)) return;
    if (keys.isEmpty()) {
        if (done) done(storage::Status());
        return;
    }
    std::vector<std::string> list;
    list.reserve(static_cast<std::size_t>(keys.size()));
    for (const auto& key : keys) list.push_back(key.toStdString());
    const QString text = keys.size() == 1 ? tr("Delete %1").arg(shortKey(keys.first()))
                                          : tr("Delete %1 Keys").arg(QLocale().toString(keys.size()));
    push(text, deleteKeysPlan(std::move(list)), std::move(done));
}

void EditController::renameKey(const QByteArray& from, const QByteArray& to, Done done) {
    if (refuse(done)) return;
    push(tr("Rename %1 to %2").arg(shortKey(from, 24), shortKey(to, 24)), renamePlan(from.toStdString(), to.toStdString()),
         std::move(done));
}

QFuture<void> EditController::deletePrefix(const QByteArray& prefix, quint64 expected, Done done) {
    auto promise = std::make_shared<QPromise<void>>();
    promise->start();
    promise->setProgressRange(0, static_cast<int>(qMin<quint64>(expected, INT_MAX)));
    QFuture<void> future = promise->future();
    if (refuse(done)) {
        promise->finish();
        return future;
    }
    deleting_.removeIf([](const auto& weak) { return weak.expired(); });
    deleting_.append(promise);
    push(tr("Delete Keys Under %1").arg(shortKey(prefix)), deletePrefixPlan(prefix.toStdString(), promise),
         [promise, done = std::move(done)](const storage::Status& status) {
             promise->finish();
             if (done) done(status);
         });
    return future;
}

void EditController::push(const QString& text, EditPlan plan, Done done, const QString& family) {
    if (historyBytes() > kHistoryBudget) {
        stack_->clear();
        emit message(tr("The undo history was cleared: it held more than %1 of keys and values.")
                          .arg(QLocale().formattedDataSize(static_cast<qint64>(kHistoryBudget), 0,
                                                           QLocale::DataSizeIecFormat)));
    }
    QPointer<EditController> self(this);
    EditListener listener = [self, done = std::move(done)](const EditChange& change, const storage::Status& status) {
        const Done& first = change.step == EditChange::Step::First ? done : Done();
        if (self) self->finished(change, status, first);
        else if (first) first(status);
    };
    stack_->push(new StorageEditCommand(writer_, (family.isEmpty() ? session_->columnFamily() : family).toStdString(), text, std::move(plan),
                                        std::move(listener)));
}

void EditController::finished(const EditChange& change, const storage::Status& status, const Done& done) {
    if (status.ok()) {
        if (done) done(status);
        emit applied(change);
        return;
    }
    // Nothing of this step was written. A first run that is still the top of
    // the stack is dropped as if never pushed; otherwise the history no longer
    // matches the database and goes.
    bool dropped = false;
    if (change.step == EditChange::Step::First && stack_->index() > 0) {
        const auto* top = dynamic_cast<const StorageEditCommand*>(stack_->command(stack_->index() - 1));
        if (top && top->record() == change.record && !writer_->isBusy()) {
            const_cast<StorageEditCommand*>(top)->setObsolete(true);
            stack_->undo();  // an obsolete command is deleted, not undone
            dropped = true;
        }
    }
    QString text = QString::fromStdString(status.message());
    if (!dropped && stack_->count() > 0) {
        stack_->clear();
        text += tr(" The undo history was cleared: it no longer matches the database.");
    }
    if (done) done(status);
    if (dropped && status.code() == storage::Status::Code::Cancelled) emit message(text);  // the user asked for it
    else emit failed(text);
}

}  // namespace meridian::ui
