#include "ui/files/lsm_picture.h"

#include <QHelpEvent>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

#include "ui/common/text.h"

namespace meridian::ui {

namespace {

constexpr int kRowHeight = 20;
constexpr int kRowGap = 4;
constexpr int kMargin = 8;
constexpr int kLabelWidth = 170;
constexpr qreal kMinBlock = 3;  // px: the smallest file stays visible
constexpr qreal kGap = 1;

QString filesDetail(std::uint64_t files, std::uint64_t bytes) {
    if (files == 0) return QObject::tr("empty");
    return QStringLiteral("%1, %2").arg(countText(files, QObject::tr("1 file"), QObject::tr("%1 files")), sizeText(bytes));
}

}  // namespace

LsmPicture::LsmPicture(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("lsmPicture"));
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void LsmPicture::setReport(const storage::FilesReport& report) {
    report_ = report;
    layoutBlocks();
    setFixedHeight(sizeHint().height());  // every row shows; the table below takes what is left
    update();
}

void LsmPicture::clear() { setReport({}); }

void LsmPicture::setSelectedFile(std::optional<std::uint64_t> number) {
    selected_ = number;
    update();
}

QStringList LsmPicture::rowLabels() const {
    QStringList labels;
    for (const auto& row : rows_) labels << row.label;
    return labels;
}

QRectF LsmPicture::blockOf(std::uint64_t tableNumber) const {
    for (const auto& b : blocks_)
        if (b.kind == Kind::Table && report_.tables[b.index].number == tableNumber) return b.rect;
    return {};
}

std::optional<std::uint64_t> LsmPicture::fileAt(const QPointF& point) const {
    for (const auto& b : blocks_)
        if (b.kind == Kind::Table && b.rect.contains(point)) return report_.tables[b.index].number;
    return std::nullopt;
}

QSize LsmPicture::sizeHint() const {
    const int rows = std::max<int>(int(rows_.size()), 3);
    return {640, 2 * kMargin + rows * (kRowHeight + kRowGap)};
}

QSize LsmPicture::minimumSizeHint() const { return {kLabelWidth + 120, 2 * kMargin + 3 * (kRowHeight + kRowGap)}; }

void LsmPicture::layoutBlocks() {
    rows_.clear();
    blocks_.clear();
    // Rows: the logs, L0 down to the last level with files, blob files.
    int lastLevel = 0;
    for (const auto& l : report_.levels)
        if (l.files > 0) lastLevel = std::max(lastLevel, l.level);
    struct Pending {
        Kind kind;
        std::vector<std::size_t> items;
        std::uint64_t bytes = 0;
    };
    std::vector<Pending> pending;
    Pending logs{Kind::Log, {}, 0};
    for (std::size_t i = 0; i < report_.logs.size(); ++i) {
        logs.items.push_back(i);
        logs.bytes += report_.logs[i].size;
    }
    rows_.push_back({tr("Logs"), filesDetail(logs.items.size(), logs.bytes), {}, logs.items.empty()});
    pending.push_back(std::move(logs));
    for (int level = 0; level <= lastLevel; ++level) {
        Pending p{Kind::Table, {}, 0};
        for (std::size_t i = 0; i < report_.tables.size(); ++i)
            if (report_.tables[i].level == level) {
                p.items.push_back(i);
                p.bytes += report_.tables[i].size;
            }
        rows_.push_back({QStringLiteral("L%1").arg(level), filesDetail(p.items.size(), p.bytes), {}, p.items.empty()});
        pending.push_back(std::move(p));
    }
    if (!report_.blobs.empty()) {
        Pending p{Kind::Blob, {}, 0};
        for (std::size_t i = 0; i < report_.blobs.size(); ++i) {
            p.items.push_back(i);
            p.bytes += report_.blobs[i].size;
        }
        rows_.push_back({tr("Blob files"), filesDetail(p.items.size(), p.bytes), {}, false});
        pending.push_back(std::move(p));
    }

    // One scale for every row: the fullest row spans the width.
    const qreal left = kMargin + kLabelWidth;
    const qreal width = std::max<qreal>(40, this->width() - left - kMargin);
    std::uint64_t widest = 1;
    for (const auto& p : pending) widest = std::max(widest, p.bytes);
    for (std::size_t r = 0; r < rows_.size(); ++r) {
        const qreal top = kMargin + qreal(r) * (kRowHeight + kRowGap);
        rows_[r].rect = QRectF(left, top, width, kRowHeight);
        const Pending& p = pending[r];
        auto sizeOf = [&](std::size_t i) -> std::uint64_t {
            switch (p.kind) {
            case Kind::Table: return report_.tables[i].size;
            case Kind::Log: return report_.logs[i].size;
            case Kind::Blob: return report_.blobs[i].size;
            }
            return 0;
        };
        // Widths by size; a row of many small files shrinks to fit.
        std::vector<qreal> widths;
        qreal total = 0;
        for (std::size_t i : p.items) {
            widths.push_back(std::max(kMinBlock, width * qreal(sizeOf(i)) / qreal(widest)));
            total += widths.back() + kGap;
        }
        const qreal squeeze = total > width ? width / total : 1.0;
        qreal x = left;
        for (std::size_t k = 0; k < p.items.size(); ++k) {
            const qreal w = std::max<qreal>(1, widths[k] * squeeze);
            blocks_.push_back({QRectF(x, top, w, kRowHeight), p.kind, p.items[k]});
            x += w + kGap * squeeze;
        }
    }
}

void LsmPicture::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    layoutBlocks();
}

void LsmPicture::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing, false);
    const QPalette& pal = palette();
    painter.fillRect(rect(), pal.base());
    if (report_.tables.empty() && report_.logs.empty()) {
        painter.setPen(pal.color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, tr("No files to show"));
        return;
    }
    QFont bold = font();
    bold.setBold(true);
    QFont small = font();
    small.setPointSizeF(font().pointSizeF() * 0.85);
    for (const auto& row : rows_) {
        const QRectF labelRect(kMargin, row.rect.top(), kLabelWidth - 8, kRowHeight);
        painter.setPen(pal.color(QPalette::Text));
        painter.setFont(bold);
        painter.drawText(labelRect, Qt::AlignLeft | Qt::AlignVCenter, row.label);
        painter.setFont(small);
        painter.setPen(pal.color(QPalette::PlaceholderText));
        painter.drawText(labelRect.adjusted(QFontMetrics(bold).horizontalAdvance(row.label) + 8, 0, 0, 0),
                         Qt::AlignLeft | Qt::AlignVCenter, row.detail);
        // The row's track, so an empty level reads as a place, not a gap.
        painter.fillRect(row.rect, pal.color(QPalette::AlternateBase));
    }
    const QColor table = pal.color(QPalette::Highlight);
    const QColor tombstones(0xD0, 0x45, 0x3A);
    const QColor log = pal.color(QPalette::Mid);
    for (const auto& b : blocks_) {
        QColor fill = log;
        if (b.kind == Kind::Table) {
            const auto& t = report_.tables[b.index];
            const qreal share = t.entries ? std::min<qreal>(1, qreal(t.deletions + t.rangeDeletions) / qreal(t.entries)) : 0;
            // Blend toward red with the share of tombstones (half of them: fully red).
            const qreal k = std::min<qreal>(1, share * 2);
            fill = QColor::fromRgbF(table.redF() * (1 - k) + tombstones.redF() * k,
                                    table.greenF() * (1 - k) + tombstones.greenF() * k,
                                    table.blueF() * (1 - k) + tombstones.blueF() * k);
        } else if (b.kind == Kind::Blob) {
            fill = pal.color(QPalette::Link);
        }
        painter.fillRect(b.rect, fill);
    }
    if (selected_) {
        const QRectF r = blockOf(*selected_);
        if (!r.isNull()) {
            painter.setPen(QPen(pal.color(QPalette::Text), 2));
            painter.setBrush(Qt::NoBrush);
            painter.drawRect(r.adjusted(-1, -1, 1, 1));
        }
    }
}

void LsmPicture::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton)
        if (const auto file = fileAt(event->position())) {
            setSelectedFile(file);
            emit fileClicked(*file);
        }
    QWidget::mousePressEvent(event);
}

QString LsmPicture::tooltipAt(const QPointF& point) const {
    const QLocale locale;
    for (const auto& b : blocks_) {
        if (!b.rect.contains(point)) continue;
        switch (b.kind) {
        case Kind::Table: {
            const auto& t = report_.tables[b.index];
            return tr("L%1 %2: %3, %4 entries, %5 deletions")
                .arg(t.level)
                .arg(QString::fromStdString(t.name), sizeText(t.size), locale.toString(qulonglong(t.entries)),
                     locale.toString(qulonglong(t.deletions + t.rangeDeletions)));
        }
        case Kind::Log: {
            const auto& l = report_.logs[b.index];
            return tr("%1: %2 of log%3").arg(QString::fromStdString(l.name), sizeText(l.size), l.live ? QString() : tr(" (archived)"));
        }
        case Kind::Blob: {
            const auto& f = report_.blobs[b.index];
            return tr("%1: %2, %3 blobs, %4 garbage")
                .arg(QString::fromStdString(f.name), sizeText(f.size), locale.toString(qulonglong(f.blobs)), sizeText(f.garbageBytes));
        }
        }
    }
    return {};
}

bool LsmPicture::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const QString text = tooltipAt(help->pos());
        if (text.isEmpty())
            QToolTip::hideText();
        else
            QToolTip::showText(help->globalPos(), text, this);
        return true;
    }
    return QWidget::event(event);
}

}  // namespace meridian::ui
