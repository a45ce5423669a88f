#include "ui/editor/edit_commands.h"

#include <QLocale>

#include "storage/bytes.h"
#include "ui/common/async.h"
#include "ui/common/text.h"
#include "ui/editor/edit_writer.h"

namespace meridian::ui {

namespace {

storage::WriteOptions userEdit() {
    storage::WriteOptions options;
    options.sync = true;  // user edits reach the disk before we say they did
    return options;
}

storage::Status writeSide(storage::Storage& storage, const EditRecord& record, bool after) {
    storage::WriteBatch batch;
    for (const auto& change : record.changes) {
        const auto& value = after ? change.after : change.before;
        if (value) batch.put(change.key, *value);
        else batch.remove(change.key);
    }
    if (batch.empty()) return {};
    return storage.write(batch, userEdit());
}

std::size_t recordBytes(const EditRecord& record) {
    std::size_t bytes = 0;
    for (const auto& c : record.changes)
        bytes += c.key.size() + (c.before ? c.before->size() : 0) + (c.after ? c.after->size() : 0);
    return bytes;
}

// The value of `key`, nullopt when absent, or the error.
storage::Result<std::optional<std::string>> previous(storage::Storage& storage, const std::string& key) {
    auto value = storage.get(key);
    if (value.ok()) return std::optional<std::string>(std::move(value).value());
    if (value.status().code() == storage::Status::Code::NotFound) return std::optional<std::string>();
    return value.status();
}

storage::Status tooBigToUndo(std::size_t bytes, std::size_t maxBytes) {
    return storage::Status::unsupported(
        "nothing was deleted: these keys and values come to more than " + sizeText(bytes).toStdString() +
        ", more than the " + sizeText(maxBytes).toStdString() +
        " that one undoable edit may keep in memory; narrow the prefix or the selection");
}

}  // namespace

bool EditChange::touches(const QByteArray& key) const {
    if (!record) return false;
    const std::string_view k(key.constData(), static_cast<std::size_t>(key.size()));
    for (const auto& c : record->changes)
        if (c.key == k) return true;
    return false;
}

bool EditChange::keySetChanged() const {
    if (!record) return false;
    for (const auto& c : record->changes)
        if (c.before.has_value() != c.after.has_value()) return true;
    return false;
}

QByteArray EditChange::focusKey() const {
    if (!record) return {};
    const bool undo = step == Step::Undo;
    for (const auto& c : record->changes) {
        const auto& now = undo ? c.before : c.after;
        const auto& then = undo ? c.after : c.before;
        if (now && !then) return QByteArray::fromStdString(c.key);  // appeared
    }
    for (const auto& c : record->changes)
        if (undo ? c.before : c.after) return QByteArray::fromStdString(c.key);
    return {};
}

StorageEditCommand::StorageEditCommand(EditWriter* writer, std::string family, const QString& text, EditPlan plan,
                                       EditListener listener)
    : QUndoCommand(text),
      writer_(writer),
      family_(std::move(family)),
      plan_(std::move(plan)),
      listener_(std::move(listener)) {}

void StorageEditCommand::redo() {
    enqueue(ranOnce_ ? EditChange::Step::Redo : EditChange::Step::First);
    ranOnce_ = true;
}

void StorageEditCommand::undo() { enqueue(EditChange::Step::Undo); }

void StorageEditCommand::enqueue(EditChange::Step step) {
    if (!writer_) return;
    // The job and its callback own what they use: the stack may delete this
    // command (clear(), undo limit) while they are queued.
    auto record = record_;
    EditWriter::Work work;
    switch (step) {
    case EditChange::Step::First:
        work = [record, plan = plan_](storage::Storage& s) {
            if (auto status = plan(s, *record); !status.ok()) return status;
            record->bytes = recordBytes(*record);
            auto status = writeSide(s, *record, true);
            if (status.ok()) record->applied = true;
            return status;
        };
        break;
    case EditChange::Step::Undo:
        work = [record](storage::Storage& s) { return writeSide(s, *record, false); };
        break;
    case EditChange::Step::Redo:
        work = [record](storage::Storage& s) { return writeSide(s, *record, true); };
        break;
    }
    EditChange change{step, family_, record};
    writer_->enqueue(family_, std::move(work),
                     [change = std::move(change), listener = listener_](const storage::Status& status) {
                         if (listener) listener(change, status);
                     });
}

EditPlan putPlan(std::string key, std::string value) {
    return [key = std::move(key), value = std::move(value)](storage::Storage& s, EditRecord& record) {
        auto before = previous(s, key);
        if (!before.ok()) return before.status();
        record.changes.push_back({key, std::move(before).value(), value});
        return storage::Status();
    };
}

EditPlan deleteKeysPlan(std::vector<std::string> keys, std::size_t maxBytes) {
    return [keys = std::move(keys), maxBytes](storage::Storage& s, EditRecord& record) {
        std::size_t bytes = 0;
        for (const auto& key : keys) {
            auto before = previous(s, key);
            if (!before.ok()) return before.status();
            if (!before.value()) continue;  // already gone: nothing to delete or restore
            bytes += key.size() + before.value()->size();
            if (bytes > maxBytes) return tooBigToUndo(bytes, maxBytes);
            record.changes.push_back({key, std::move(before).value(), std::nullopt});
        }
        return storage::Status();
    };
}

EditPlan renamePlan(std::string from, std::string to) {
    return [from = std::move(from), to = std::move(to)](storage::Storage& s, EditRecord& record) {
        if (from == to) return storage::Status::invalidArgument("the new name is the old name");
        auto value = previous(s, from);
        if (!value.ok()) return value.status();
        if (!value.value())
            return storage::Status::notFound("the key " + storage::escapeBytes(from) + " no longer exists");
        auto replaced = previous(s, to);
        if (!replaced.ok()) return replaced.status();
        // Applied in this order, in one batch: delete the old name, put the new.
        record.changes.push_back({from, value.value(), std::nullopt});
        record.changes.push_back({to, std::move(replaced).value(), value.value()});
        return storage::Status();
    };
}

EditPlan deletePrefixPlan(std::string prefix, std::shared_ptr<QPromise<void>> progress, std::size_t maxBytes) {
    return [prefix = std::move(prefix), progress = std::move(progress), maxBytes](storage::Storage& s,
                                                                                 EditRecord& record) {
        storage::ScanRequest request;
        request.prefix = prefix;
        request.limit = 1000;
        std::size_t bytes = 0;
        std::uint64_t done = 0;
        while (true) {
            if (progress && progress->isCanceled()) return storage::Status::cancelled("cancelled: nothing was deleted");
            auto page = s.scan(request);
            if (!page.ok()) return page.status();
            for (auto& entry : page->entries) {
                bytes += entry.key.size() + entry.value.size();
                if (bytes > maxBytes) return tooBigToUndo(bytes, maxBytes);
                record.changes.push_back({std::move(entry.key), std::move(entry.value), std::nullopt});
            }
            done += page->entries.size();
            if (progress) {
                const QString text = QString::number(done);
                detail::TsanHandOff::toUiThread();  // the text reaches the UI thread through Qt (async.h)
                progress->setProgressValueAndText(static_cast<int>(qMin<std::uint64_t>(done, INT_MAX)), text);
            }
            if (!page->nextCursor) break;
            request.after = std::move(page->nextCursor);
        }
        if (progress && progress->isCanceled()) return storage::Status::cancelled("cancelled: nothing was deleted");
        return storage::Status();
    };
}

}  // namespace meridian::ui
