// ValueEditor: loading a value, saving, reverting, replacing, asking before
// unsaved edits are lost, and following writes to the key shown.
#include <QMessageBox>
#include <QPushButton>

#include "ui/common/async.h"
#include "storage/bytes.h"
#include "ui/common/text.h"
#include "ui/editor/decoded_view.h"
#include "ui/decode/decoder_settings.h"
#include "ui/editor/edit_controller.h"
#include "ui/editor/value_document.h"
#include "ui/editor/value_editor.h"
#include "ui/editor/value_pane.h"
#include "ui/session/storage_session.h"

namespace meridian::ui {

namespace {

// What the worker hands back: the bytes and the view that fits them (found
// there too: checking 16 MiB for UTF-8 and JSON is not for the UI thread).
struct LoadedValue {
    storage::Status status;
    QByteArray value;
    ViewChoice choice;
};

}  // namespace

void ValueEditor::setSession(StorageSession* session) {
    if (session_) disconnect(session_, nullptr, this, nullptr);
    session_ = session;
    // What the user set for this database's bytes, remembered by its folder
    // (a memory store's only while it is open).
    delete decoderSettings_;
    decoderSettings_ = nullptr;
    if (session) {
        const bool memory = session->report().backend == storage::Backend::Memory;
        decoderSettings_ = new DecoderSettings(memory ? QString() : QString::fromStdString(session->report().path), this);
    }
    decoded_->setSettings(decoderSettings_);
    if (session)
        connect(session, &StorageSession::columnFamilyChanged, this, [this] {
            // Another family: its keys are not this one's. Unsaved edits stay
            // (and are saved to the family they belong to).
            if (!isDirty()) clear();
        });
    if (session)
        connect(session, &StorageSession::readViewChanged, this, [this] {
            // Now reading a snapshot or live again (the window asked about
            // unsaved edits first): show the value as that view has it.
            // A key shown as missing may exist in the other view, and the other way round.
            if (doc_->state() != ValueDocument::State::Empty && !isDirty()) showKey(key());
            else refreshPane();
        });
    clear();
}

void ValueEditor::clear() {
    ++generation_;  // drops a load in flight
    loading_ = false;
    showAll_ = false;
    storedChangedNote_.clear();
    clearError();
    doc_->clear();
    refreshPane();
}

void ValueEditor::showKey(const QByteArray& key) {
    if (!session_) return;
    loading_ = true;
    showAll_ = false;
    storedChangedNote_.clear();
    clearError();
    family_ = session_->columnFamily();
    doc_->startLoading(key);
    keyView_ = chooseKeyView(key);
    refreshPane();
    read(key, false);
}

void ValueEditor::reload() {
    if (!session_ || !hasValue() || isDirty() || loading_ || isSaving()) return;
    if (session_->columnFamily() != family_) return;
    read(doc_->key(), true);
}

void ValueEditor::read(const QByteArray& key, bool again) {
    const quint64 generation = ++generation_;
    auto value = session_->read([key = key.toStdString(), read = session_->readOptions()](storage::Storage& s) {
        LoadedValue loaded;
        auto value = s.get(key, read);
        if (!value.ok()) {
            loaded.status = value.status();
            return loaded;
        }
        loaded.value = QByteArray::fromStdString(value.value());
        loaded.choice = chooseView(loaded.value);
        return loaded;
    });
    onResult(std::move(value), this, [this, generation, key, again](LoadedValue loaded) {
        if (generation != generation_) return;  // another key was asked for meanwhile
        loading_ = false;
        const auto code = loaded.status.code();
        if (code == storage::Status::Code::NotFound) {
            doc_->setMissing(key);
        } else if (code != storage::Status::Code::Ok) {
            if (again) return;  // keep showing what was read before
            doc_->setFailed(key);
            showError(tr("Could not read the value: %1").arg(QString::fromStdString(loaded.status.message())));
        } else if (again && (isDirty() || loaded.value == doc_->stored())) {
            return;  // unchanged (or edited meanwhile): leave the view, its scroll position and choice alone
        } else {
            autoChoice_ = loaded.choice;
            if (auto set = decoderSettings_ ? decoderSettings_->decoderFor(key) : std::nullopt)
                autoChoice_ = {ValueView::Decoded,
                               tr("decoder set for keys starting with %1")
                                   .arg(QString::fromStdString(storage::escapeBytes(set->prefix.toStdString()))),
                               {}};
            if (!again) view_ = autoChoice_.view;  // a reload keeps the view the user looks at
            doc_->load(key, loaded.value);
        }
        refreshPane();
        emit valueLoaded(key);
    });
}

std::optional<QByteArray> ValueEditor::bytesToSave(QString* problem) {
    auto refuse = [problem](const QString& why) {
        if (problem) *problem = why;
        return std::nullopt;
    };
    if (!hasValue()) return refuse(tr("No value is loaded."));
    if (!edits_->isWritable()) return refuse(edits_->readOnlyReason());
    ValuePane* p = activePane();
    if (!p->isModified()) return doc_->pending();  // untouched in this view: the exact bytes, never re-encoded
    const QString why = p->saveProblem();
    if (!why.isEmpty()) return refuse(why);
    return p->bytes();
}

bool ValueEditor::save(std::function<void(bool)> done) {
    QString problem;
    const auto bytes = bytesToSave(&problem);
    if (!bytes) {
        showError(problem);
        if (done) done(false);
        return false;
    }
    clearError();
    ++saving_;
    refreshState();
    const QByteArray key = doc_->key();
    const quint64 generation = generation_;
    QPointer<ValueEditor> self(this);
    edits_->putValue(
        key, *bytes, tr("Save Value of %1").arg(shortKey(key)),
        [self, generation, key, bytes = *bytes, done = std::move(done)](const storage::Status& status) {
            if (self) {
                --self->saving_;
                if (!status.ok()) {
                    self->showError(tr("Not saved: %1").arg(QString::fromStdString(status.message())));
                } else if (generation == self->generation_ && self->doc_->key() == key) {
                    self->doc_->markSaved(bytes);
                    ValuePane* p = self->activePane();
                    if (p->isModified() && p->bytes() == bytes) p->setUnmodified();
                    self->storedChangedNote_.clear();
                }
                self->refreshHeader();
                self->refreshState();
                if (status.ok()) emit self->saved(key);
            }
            if (done) done(status.ok());
        },
        family_);
    return true;
}

void ValueEditor::revert() {
    if (!hasValue()) return;
    doc_->revert();
    storedChangedNote_.clear();
    clearError();
    refreshPane();
}

bool ValueEditor::replaceValue(const QByteArray& bytes) {
    if (!isEditable()) {
        showError(hasValue() ? edits_->readOnlyReason() : tr("Select a key first."));
        return false;
    }
    clearError();
    doc_->setPending(bytes);
    // New bytes, a new pick: a file of binary junk is not shown as text.
    autoChoice_ = chooseView(bytes);
    view_ = autoChoice_.view;
    refreshPane();
    return true;
}

void ValueEditor::askToLeave(std::function<void(bool proceed)> then) {
    if (!isDirty()) {
        then(true);
        return;
    }
    auto* box = new QMessageBox(QMessageBox::Question, tr("Unsaved Value"),
                                tr("The value of %1 has unsaved changes.").arg(shortKey(doc_->key())),
                                QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, window());
    box->setObjectName(QStringLiteral("unsavedChangesBox"));
    box->setInformativeText(tr("Save them before going on?"));
    box->setDefaultButton(QMessageBox::Save);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, then = std::move(then)] {
        switch (box->standardButton(box->clickedButton())) {
        case QMessageBox::Save:
            save([then](bool written) { then(written); });  // a refusal calls back with false
            break;
        case QMessageBox::Discard:
            revert();
            then(true);
            break;
        default: then(false); break;
        }
    });
    box->open();
}

void ValueEditor::onApplied(const EditChange& change) {
    if (session_ && session_->isViewingSnapshot()) return;  // a snapshot never changes; back to live re-reads
    if (!hasValue() && doc_->state() != ValueDocument::State::Missing) return;
    if (QString::fromStdString(change.family) != family_ || !change.touches(doc_->key())) return;
    const std::string key = doc_->key().toStdString();
    std::optional<std::string> now;
    for (const auto& c : change.record->changes)
        if (c.key == key) now = change.step == EditChange::Step::Undo ? c.before : c.after;
    if (!isDirty()) {
        // Show what was written: these are the stored bytes now.
        if (!now) {
            doc_->setMissing(doc_->key());
        } else if (!hasValue() || doc_->stored() != QByteArray::fromStdString(*now)) {
            const QByteArray value = QByteArray::fromStdString(*now);
            autoChoice_ = chooseView(value);
            if (!hasValue()) view_ = autoChoice_.view;  // it comes back: show it as it fits
            doc_->load(doc_->key(), value);
            showAll_ = showAll_ && value.size() > kQuickLookBytes;
        } else {
            return;  // our own save: already shown
        }
        storedChangedNote_.clear();
        refreshPane();
        return;
    }
    doc_->setStored(now ? QByteArray::fromStdString(*now) : QByteArray());
    storedChangedNote_ = now ? tr("The stored value changed (undo, redo or another edit). Your unsaved edits are "
                                  "kept; Revert shows the stored value.")
                             : tr("This key was deleted. Your unsaved edits are kept; saving creates the key again.");
    refreshState();
}

}  // namespace meridian::ui
