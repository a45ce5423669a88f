// ImportUndo (export_import.h): the keys one import wrote, and putting them
// back to what they held at a snapshot.
#include "storage/transfer/export_import.h"

namespace meridian::storage {

namespace {

constexpr std::uint64_t kProgressEvery = 4096;

void appendVarint(std::string& out, std::uint64_t n) {
    while (n >= 0x80) {
        out.push_back(static_cast<char>((n & 0x7F) | 0x80));
        n >>= 7;
    }
    out.push_back(static_cast<char>(n));
}

std::uint64_t readVarint(std::string_view data, std::size_t& pos) {
    std::uint64_t n = 0;
    for (int shift = 0;; shift += 7) {
        const auto byte = static_cast<unsigned char>(data[pos++]);
        n |= std::uint64_t(byte & 0x7F) << shift;
        if (!(byte & 0x80)) return n;
    }
}

}  // namespace

ImportUndo::ImportUndo(StoragePtr storage, SnapshotPtr before)
    : storage_(std::move(storage)), before_(std::move(before)) {}

void ImportUndo::record(std::string_view key) {
    appendVarint(keys_, key.size());
    keys_.append(key);
    ++count_;
}

Status ImportUndo::undo(const Progress& progress, std::size_t batchBytes) const {
    return restore(before_, progress, batchBytes);
}

Status ImportUndo::restore(const SnapshotPtr& at, const Progress& progress, std::size_t batchBytes) const {
    if (!at) return Status::invalidArgument("no snapshot to restore the imported keys from");
    ReadOptions then;
    then.snapshot = at;
    WriteBatch batch;
    std::size_t pending = 0;
    std::uint64_t done = 0;
    for (std::size_t pos = 0; pos < keys_.size();) {
        const std::size_t length = static_cast<std::size_t>(readVarint(keys_, pos));
        const std::string_view key(keys_.data() + pos, length);
        pos += length;
        auto old = storage_->get(key, then);
        if (old.ok()) {
            pending += key.size() + old.value().size();
            batch.put(key, old.value());
        } else if (old.status().code() == Status::Code::NotFound) {
            pending += key.size();
            batch.remove(key);
        } else {
            return old.status();
        }
        if (pending >= batchBytes) {
            if (Status s = storage_->write(batch); !s.ok()) return s;
            batch.clear();
            pending = 0;
        }
        if (++done % kProgressEvery == 0 && progress && !progress(done)) {
            if (Status s = storage_->write(batch); !s.ok()) return s;
            return Status::cancelled("undo stopped; undo again to finish it");
        }
    }
    WriteOptions synced;
    synced.sync = true;
    if (Status s = storage_->write(batch, synced); !s.ok()) return s;
    if (progress) progress(done);
    return {};
}

}  // namespace meridian::storage
