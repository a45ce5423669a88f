#include "ui/snapshots/diff_run.h"

#include <QElapsedTimer>

#include <utility>

#include "storage/bytes.h"
#include "ui/editor/value_format.h"
#include "ui/session/keys_progress.h"

namespace meridian::ui {

namespace {

constexpr std::size_t kBatchRows = 4096;
constexpr qint64 kBatchMs = 100;

std::string_view view(const QByteArray& bytes) {
    return std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size()));
}

qsizetype longestLine(const QString& text) {
    qsizetype longest = 0, start = 0;
    while (start < text.size()) {
        qsizetype end = text.indexOf(QLatin1Char('\n'), start);
        if (end < 0) end = text.size();
        longest = qMax(longest, end - start);
        start = end + 1;
    }
    return longest;
}

DiffValue formatValue(const std::string& value, storage::ByteDisplay display, qsizetype cap) {
    DiffValue v;
    v.present = true;
    v.size = static_cast<qsizetype>(value.size());
    const QByteArray whole = QByteArray::fromRawData(value.data(), v.size);
    if (display == storage::ByteDisplay::Hex) {
        v.shownBytes = qMin(v.size, cap);
        v.text = hexDump(whole.left(v.shownBytes));
        v.form = DiffValue::Form::Hex;
    } else {
        v.shownBytes = utf8CutPoint(whole, cap);
        const QByteArray shown = whole.left(v.shownBytes);
        if (display == storage::ByteDisplay::Auto && storage::isPrintableUtf8(view(shown), true)) {
            v.text = QString::fromUtf8(shown);
        } else {
            v.text = escapedForDisplay(shown);
            v.form = DiffValue::Form::Escaped;
        }
    }
    v.longLines = longestLine(v.text) > kLongLine;
    return v;
}

}  // namespace

void runDiff(QPromise<DiffBatchPtr>& promise, storage::Storage& storage, const DiffRequest& request) {
    QElapsedTimer clock;
    clock.start();
    promise.setProgressRange(0, 0);

    // Pin the live side (both, when both are live: the same view).
    storage::SnapshotPtr live;
    auto pinned = [&](const storage::SnapshotPtr& side) {
        if (side) return side;
        if (!live) live = storage.snapshot();
        return live;
    };
    const storage::ReadOptions beforeAt{pinned(request.before)};
    const storage::ReadOptions afterAt{pinned(request.after)};
    auto batch = std::make_shared<DiffBatch>();
    batch->before = beforeAt.snapshot;
    batch->after = afterAt.snapshot;
    promise.addResult(std::exchange(batch, std::make_shared<DiffBatch>()));

    std::uint64_t added = 0, removed = 0, changed = 0, keysRead = 0;
    std::size_t storedRows = 0, storedBytes = 0;
    bool capped = false;
    QElapsedTimer sinceFlush;
    sinceFlush.start();
    auto stamp = [&](DiffBatch& b) {
        b.added = added;
        b.removed = removed;
        b.changed = changed;
        b.keysRead = keysRead;
        b.capped = capped;
    };
    auto flush = [&] {
        if (batch->rows.size() < kBatchRows && sinceFlush.elapsed() < kBatchMs) return;
        stamp(*batch);
        promise.addResult(std::exchange(batch, std::make_shared<DiffBatch>()));
        sinceFlush.restart();
    };

    KeysProgress report(promise);
    storage::DiffOptions options;
    options.prefix = request.prefix;
    options.progress = [&](std::uint64_t done) {
        keysRead = done;
        if (!report(done)) return false;
        flush();
        return true;
    };
    auto sink = [&](const storage::Difference& d) {
        switch (d.kind) {
        case storage::ChangeKind::Added: ++added; break;
        case storage::ChangeKind::Removed: ++removed; break;
        case storage::ChangeKind::Changed: ++changed; break;
        }
        if (!capped && storedRows < request.maxRows && storedBytes + d.key.size() <= request.maxKeyBytes) {
            batch->rows.append(d.kind, d.key);
            ++storedRows;
            storedBytes += d.key.size();
        } else {
            capped = true;
        }
        flush();
        return true;
    };

    auto result = storage::diff(storage, beforeAt, storage, afterAt, options, sink);
    batch->last = true;
    if (result.ok()) batch->summary = result.value();
    else batch->status = result.status();
    batch->seconds = static_cast<double>(clock.nsecsElapsed()) / 1e9;
    stamp(*batch);
    promise.addResult(std::move(batch));
}

DiffValues readDiffValues(storage::Storage& storage, const std::string& family, const storage::SnapshotPtr& before,
                          const storage::SnapshotPtr& after, const std::string& key, storage::ByteDisplay display,
                          qsizetype cap) {
    DiffValues values;
    const storage::Storage* source = &storage;
    storage::StoragePtr scoped;
    if (storage.info().columnFamily != family) {
        auto other = storage.columnFamily(family);
        if (!other.ok()) {
            values.before.error = values.after.error = QString::fromStdString(other.status().message());
            return values;
        }
        scoped = std::move(other.value());
        source = scoped.get();
    }
    auto read = [&](const storage::SnapshotPtr& at) {
        auto value = source->get(key, storage::ReadOptions{at});
        if (value.ok()) return formatValue(value.value(), display, cap);
        DiffValue v;
        if (value.status().code() != storage::Status::Code::NotFound)
            v.error = QString::fromStdString(value.status().message());
        return v;
    };
    values.before = read(before);
    values.after = read(after);
    return values;
}

QString hexDump(const QByteArray& bytes) {
    static const char digits[] = "0123456789abcdef";
    QString out;
    out.reserve((bytes.size() / 16 + 1) * 78);
    for (qsizetype line = 0; line < bytes.size(); line += 16) {
        out += QStringLiteral("%1  ").arg(line, 8, 16, QLatin1Char('0'));
        QString ascii;
        for (qsizetype i = line; i < line + 16; ++i) {
            if (i == line + 8) out += QLatin1Char(' ');
            if (i < bytes.size()) {
                const auto byte = static_cast<unsigned char>(bytes[i]);
                out += QLatin1Char(digits[byte >> 4]);
                out += QLatin1Char(digits[byte & 0xF]);
                out += QLatin1Char(' ');
                ascii += byte >= 0x20 && byte < 0x7F ? QLatin1Char(static_cast<char>(byte)) : QLatin1Char('.');
            } else {
                out += QStringLiteral("   ");
            }
        }
        out += QLatin1Char('|') + ascii + QLatin1Char('|');
        if (line + 16 < bytes.size()) out += QLatin1Char('\n');
    }
    return out;
}

}  // namespace meridian::ui
