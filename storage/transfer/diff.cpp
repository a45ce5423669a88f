#include "storage/transfer/diff.h"

#include <algorithm>
#include <vector>

namespace meridian::storage {

namespace {

constexpr std::uint64_t kProgressEvery = 4096;

// One view, read a page at a time.
class Cursor {
public:
    Cursor(const Storage& storage, const ReadOptions& read, const DiffOptions& options)
        : storage_(storage), pageBytes_(std::max<std::size_t>(options.pageBytes, 1)) {
        request_.prefix = options.prefix;
        request_.read = read;
        if (!request_.read.snapshot) request_.read.snapshot = storage.snapshot();
        request_.keysOnly = options.keysOnly;
        request_.limit = std::clamp<std::size_t>(pageBytes_ / 1024, 16, 1024);  // until a page shows the sizes
    }

    Status load() {
        entries_.clear();
        index_ = 0;
        auto page = storage_.scan(request_);
        if (!page.ok()) return page.status();
        entries_ = std::move(page->entries);
        more_ = page->nextCursor.has_value();
        if (more_) {
            request_.after = std::move(page->nextCursor);
            std::size_t bytes = 0;
            for (const Entry& e : entries_) bytes += e.key.size() + e.value.size();
            const std::size_t average = std::max<std::size_t>(1, bytes / std::max<std::size_t>(1, entries_.size()));
            request_.limit = std::clamp<std::size_t>(pageBytes_ / average, 16, 4096);
        }
        return {};
    }

    bool valid() const { return index_ < entries_.size(); }
    Entry& current() { return entries_[index_]; }

    Status next() {
        if (++index_ < entries_.size() || !more_) return {};
        return load();
    }

private:
    const Storage& storage_;
    const std::size_t pageBytes_;
    ScanRequest request_;
    std::vector<Entry> entries_;
    std::size_t index_ = 0;
    bool more_ = false;
};

}  // namespace

const char* changeKindName(ChangeKind kind) {
    switch (kind) {
    case ChangeKind::Added: return "added";
    case ChangeKind::Removed: return "removed";
    case ChangeKind::Changed: return "changed";
    }
    return "unknown";
}

Result<DiffSummary> diff(const Storage& before, const ReadOptions& beforeAt, const Storage& after,
                         const ReadOptions& afterAt, const DiffOptions& options, const DiffSink& sink) {
    Cursor a(before, beforeAt, options);
    Cursor b(after, afterAt, options);
    if (Status s = a.load(); !s.ok()) return s;
    if (Status s = b.load(); !s.ok()) return s;

    DiffSummary summary;
    std::uint64_t read = 0;
    Difference difference;
    auto report = [&](ChangeKind kind, Entry* was, Entry* now) {
        difference.kind = kind;
        difference.key = std::move(was ? was->key : now->key);
        difference.before = was && !options.keysOnly ? std::move(was->value) : std::string();
        difference.after = now && !options.keysOnly ? std::move(now->value) : std::string();
        return !sink || sink(difference);
    };
    auto tick = [&](std::uint64_t n) {
        const std::uint64_t old = read;
        read += n;
        return !options.progress || old / kProgressEvery == read / kProgressEvery || options.progress(read);
    };

    while (a.valid() || b.valid()) {
        bool keepGoing = true;
        Status s;
        if (!b.valid() || (a.valid() && a.current().key < b.current().key)) {
            ++summary.removed;
            keepGoing = report(ChangeKind::Removed, &a.current(), nullptr);
            s = a.next();
            if (!tick(1)) return Status::cancelled("diff cancelled");
        } else if (!a.valid() || b.current().key < a.current().key) {
            ++summary.added;
            keepGoing = report(ChangeKind::Added, nullptr, &b.current());
            s = b.next();
            if (!tick(1)) return Status::cancelled("diff cancelled");
        } else {
            if (options.keysOnly || a.current().value == b.current().value) {
                ++summary.unchanged;
            } else {
                ++summary.changed;
                keepGoing = report(ChangeKind::Changed, &a.current(), &b.current());
            }
            s = a.next();
            if (s.ok()) s = b.next();
            if (!tick(2)) return Status::cancelled("diff cancelled");
        }
        if (!s.ok()) return s;
        if (!keepGoing) {
            summary.complete = false;
            break;
        }
    }
    if (options.progress && !options.progress(read)) return Status::cancelled("diff cancelled");
    return summary;
}

}  // namespace meridian::storage
