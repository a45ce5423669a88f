#include "ui/keyspace/keyspace_chart.h"

#include <QHelpEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>

#include <algorithm>

#include "ui/keyspace/keyspace_model.h"

namespace meridian::ui {

namespace {

constexpr int kRow = 22;
constexpr int kMargin = 8;
constexpr int kFigures = 190;  // px on the right for "about 12,345 keys, 3.4 MiB"

}  // namespace

KeyspaceChart::KeyspaceChart(KeyspaceModel* model, QWidget* parent) : QWidget(parent), model_(model) {
    setObjectName(QStringLiteral("keyspaceChart"));
    setMouseTracking(true);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    auto relayout = [this] {
        updateGeometry();
        setMinimumHeight(sizeHint().height());
        update();
    };
    connect(model, &QAbstractItemModel::modelReset, this, relayout);
    connect(model, &QAbstractItemModel::dataChanged, this, qOverload<>(&QWidget::update));
}

void KeyspaceChart::setMeasure(Measure measure) {
    measure_ = measure;
    update();
}

QSize KeyspaceChart::sizeHint() const {
    const int rows = model_ ? model_->rowCount() : 0;
    return {520, 2 * kMargin + std::max(rows, 1) * kRow};
}

double KeyspaceChart::valueOf(int row) const {
    const QModelIndex index = model_->index(row, 0);
    return measure_ == Measure::Bytes ? index.data(KeyspaceModel::BytesRole).toDouble()
                                      : index.data(KeyspaceModel::KeysRole).toDouble();
}

double KeyspaceChart::widest() const {
    double most = 0;
    for (int r = 0; r < model_->rowCount(); ++r) most = std::max(most, valueOf(r));
    return most;
}

qreal KeyspaceChart::barLeft() const { return kMargin + std::min<qreal>(260, width() * 0.3); }

qreal KeyspaceChart::barSpan() const { return std::max<qreal>(20, width() - barLeft() - kFigures - kMargin); }

QRectF KeyspaceChart::labelRect(int row) const {
    return QRectF(kMargin, kMargin + row * kRow, barLeft() - kMargin - 6, kRow);
}

QRectF KeyspaceChart::barOf(int row) const {
    if (!model_ || row < 0 || row >= model_->rowCount()) return {};
    const double most = widest();
    const qreal length = most > 0 ? std::max<qreal>(2, barSpan() * valueOf(row) / most) : 2;
    return QRectF(barLeft(), kMargin + row * kRow + 3, length, kRow - 6);
}

int KeyspaceChart::rowAt(const QPointF& point) const {
    if (!model_) return -1;
    const int row = int((point.y() - kMargin) / kRow);
    return point.y() >= kMargin && row < model_->rowCount() ? row : -1;
}

void KeyspaceChart::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    const QPalette& pal = palette();
    painter.fillRect(rect(), pal.base());
    if (!model_ || model_->rowCount() == 0) {
        painter.setPen(pal.color(QPalette::PlaceholderText));
        painter.drawText(rect(), Qt::AlignCenter, model_ && model_->hasReport() ? tr("No keys here") : QString());
        return;
    }
    const bool exact = model_->report().exact;
    const QFontMetrics metrics(font());
    for (int r = 0; r < model_->rowCount(); ++r) {
        const bool group = model_->index(r, 0).data(KeyspaceModel::IsGroupRole).toBool();
        const QRectF label = labelRect(r);
        painter.setPen(pal.color(group ? QPalette::Text : QPalette::PlaceholderText));
        painter.drawText(label, Qt::AlignRight | Qt::AlignVCenter,
                         metrics.elidedText(model_->index(r, KeyspaceModel::Namespace).data().toString(), Qt::ElideMiddle,
                                            int(label.width())));
        const QRectF bar = barOf(r);
        QColor fill = group ? pal.color(QPalette::Highlight) : pal.color(QPalette::Mid);
        painter.fillRect(bar, exact ? QBrush(fill) : QBrush(fill.lighter(130)));
        if (!exact) painter.fillRect(bar, QBrush(fill, Qt::BDiagPattern));
        const QString figures = QStringLiteral("%1 · %2").arg(
            model_->index(r, measure_ == Measure::Bytes ? KeyspaceModel::Bytes : KeyspaceModel::Keys).data().toString(),
            model_->index(r, KeyspaceModel::Share).data().toString());
        painter.setPen(pal.color(QPalette::Text));
        painter.drawText(QRectF(bar.right() + 6, kMargin + r * kRow, kFigures + barSpan() - bar.width(), kRow),
                         Qt::AlignLeft | Qt::AlignVCenter, figures);
    }
}

void KeyspaceChart::mouseDoubleClickEvent(QMouseEvent* event) {
    const int row = rowAt(event->position());
    if (row >= 0 && model_->index(row, 0).data(KeyspaceModel::IsGroupRole).toBool()) emit activated(row);
    QWidget::mouseDoubleClickEvent(event);
}

bool KeyspaceChart::event(QEvent* event) {
    if (event->type() == QEvent::ToolTip && model_) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int row = rowAt(help->pos());
        if (row < 0) {
            QToolTip::hideText();
        } else {
            QString text = tr("%1\n%2 keys, %3, %4 of the bytes")
                               .arg(model_->index(row, KeyspaceModel::Namespace).data().toString(),
                                    model_->index(row, KeyspaceModel::Keys).data().toString(),
                                    model_->index(row, KeyspaceModel::Bytes).data().toString(),
                                    model_->index(row, KeyspaceModel::Share).data().toString());
            if (model_->index(row, 0).data(KeyspaceModel::IsGroupRole).toBool()) text += tr("\nDouble-click to look inside");
            QToolTip::showText(help->globalPos(), text, this);
        }
        return true;
    }
    return QWidget::event(event);
}

}  // namespace meridian::ui
