#include "ui/browser/key_position_bar.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTableView>
#include <QTimer>
#include <QToolTip>
#include <QWheelEvent>

#include <cmath>

#include "storage/key_position.h"
#include "ui/browser/key_list_model.h"
#include "ui/common/async.h"
#include "ui/session/storage_session.h"

namespace meridian::ui {

KeyPositionBar::KeyPositionBar(QTableView* view, KeyListModel* model, QWidget* parent)
    : QScrollBar(Qt::Vertical, parent), view_(view), model_(model), exactLimit_(storage::KeyPositions::kExactLimit) {
    setObjectName(QStringLiteral("keyPositionBar"));
    // The view keeps its own bar for the wheel, the keys and paging; this one is drawn instead.
    view_->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setTracking(false);  // a drag jumps when let go, not at every pixel
    QScrollBar* rows = view_->verticalScrollBar();
    connect(rows, &QScrollBar::valueChanged, this, &KeyPositionBar::sync);
    connect(rows, &QScrollBar::rangeChanged, this, &KeyPositionBar::sync);
    connect(this, &QAbstractSlider::actionTriggered, this, &KeyPositionBar::act);
    connect(this, &QAbstractSlider::sliderMoved, this, [this](int position) {
        if (!positionKnown()) {
            view_->verticalScrollBar()->setValue(position);
            return;
        }
        QToolTip::showText(QCursor::pos(), tr("%1% of the way through the keys").arg(position * 100 / kSteps), this);
    });
    connect(this, &QAbstractSlider::sliderReleased, this, [this] {
        // A click on the handle that did not move it is not a jump.
        if (positionKnown() && sliderPosition() != value()) jumpTo(double(sliderPosition()) / kSteps);
    });
    // Any change of the rows held moves the window's ends: measured once
    // the burst of changes is over. Meanwhile the span describes rows that
    // moved: the handle stays where it is rather than jump about.
    auto windowMoved = [this] {
        spanStale_ = true;
        ++spanGeneration_;
        if (spanQueued_) return;
        spanQueued_ = true;
        QTimer::singleShot(0, this, &KeyPositionBar::measureSpan);
    };
    connect(model_, &QAbstractItemModel::modelReset, this, windowMoved);
    connect(model_, &QAbstractItemModel::rowsInserted, this, windowMoved);
    connect(model_, &QAbstractItemModel::rowsRemoved, this, windowMoved);
    connect(model_, &KeyListModel::pageLoaded, this, windowMoved);
    sync();
}

void KeyPositionBar::setSession(StorageSession* session) {
    if (session_) disconnect(session_, nullptr, this, nullptr);
    session_ = session;
    if (session) connect(session, &StorageSession::readViewChanged, this, &KeyPositionBar::remeasure);
    remeasure();
}

void KeyPositionBar::remeasure() {
    positions_.reset();
    span_.reset();
    spanStale_ = false;
    ++spanGeneration_;
    ++jumpGeneration_;
    const quint64 generation = ++measureGeneration_;
    sync();
    if (!session_) return;
    // On the pool: up to KeyPositions::kExactLimit keys are read to hold them.
    auto measured = session_->run([prefix = model_->prefix().toStdString(), read = session_->readOptions(),
                                   limit = exactLimit_](storage::Storage& s) {
        return std::make_shared<const storage::KeyPositions>(storage::KeyPositions::measure(s, prefix, read, limit));
    });
    onResult(measured, this, [this, generation](std::shared_ptr<const storage::KeyPositions> positions) {
        if (generation != measureGeneration_) return;
        positions_ = std::move(positions);
        measureSpan();
    });
}

void KeyPositionBar::measureSpan() {
    spanQueued_ = false;
    const quint64 generation = ++spanGeneration_;
    const int rows = model_->rowCount();
    if (!session_ || !positions_ || !positions_->known() || rows == 0 ||
        positions_->prefix() != model_->prefix().toStdString()) {
        span_.reset();
        spanStale_ = false;
        sync();
        emit positionsUpdated();
        return;
    }
    const bool atStart = model_->atStart(), atEnd = model_->atEnd();
    auto ends = session_->read([positions = positions_, first = model_->keyAt(0).toStdString(),
                                last = model_->keyAt(rows - 1).toStdString(), atStart,
                                atEnd](storage::Storage& s) -> std::optional<std::pair<double, double>> {
        const auto from = atStart ? std::optional<double>(0.0) : positions->position(s, first);
        const auto to = atEnd ? std::optional<double>(1.0) : positions->position(s, last);
        if (!from || !to) return std::nullopt;
        return std::make_pair(*from, std::max(*from, *to));
    });
    onResult(ends, this, [this, generation](std::optional<std::pair<double, double>> span) {
        if (generation != spanGeneration_) return;
        span_ = span;
        spanStale_ = false;
        sync();
        emit positionsUpdated();
    });
}

bool KeyPositionBar::positionKnown() const { return span_.has_value(); }

std::optional<double> KeyPositionBar::topPosition() const {
    if (!span_) return std::nullopt;
    const int rows = model_->rowCount();
    const int top = view_->verticalScrollBar()->value();  // the top row: the view scrolls by rows
    const auto [from, to] = *span_;
    return rows > 1 ? from + (to - from) * double(top) / double(rows - 1) : from;
}

void KeyPositionBar::sync() {
    if (isSliderDown()) return;  // the user holds it
    if (spanStale_ && span_) return;  // the new span is on its way: stay put
    const QScrollBar* rows = view_->verticalScrollBar();
    const QSignalBlocker block(this);
    const auto top = topPosition();
    if (!top) {
        // Position unknown: the rows held, as the view's own bar shows them.
        setRange(rows->minimum(), rows->maximum());
        setPageStep(rows->pageStep());
        setSingleStep(rows->singleStep());
        setValue(rows->value());
        setToolTip(model_->atStart() && model_->atEnd()
                       ? QString()
                       : tr("Where these rows are among all the keys is unknown: the bar covers the %1 rows loaded")
                             .arg(QLocale().toString(model_->rowCount())));
        return;
    }
    // The share of all the keys the view shows sets the handle's size.
    const auto [from, to] = *span_;
    const int held = std::max(1, model_->rowCount());
    const double visible = double(std::max(1, rows->pageStep())) / held * (to - from);
    const int page = std::clamp(int(std::lround(visible * kSteps)), 1, kSteps);
    setPageStep(page);
    setSingleStep(1);
    setRange(0, kSteps - page);
    setValue(std::clamp(int(std::lround(*top * kSteps)), 0, kSteps - page));
    setToolTip(tr("About %1% of the way through the keys%2")
                   .arg(int(*top * 100))
                   .arg(positions_ && positions_->exact() ? QString() : tr(" (estimated from the table files' sizes)")));
}

void KeyPositionBar::act(int action) {
    QScrollBar* rows = view_->verticalScrollBar();
    switch (action) {
    case SliderToMinimum: model_->goToStart(); break;
    case SliderToMaximum: model_->goToEnd(); break;
    case SliderMove: return;  // a drag: sliderMoved / sliderReleased
    default: rows->triggerAction(static_cast<SliderAction>(action));  // a row or a page, in the view
    }
    // The bar shows where the view is now, not where its own step would go.
    if (!positionKnown()) {
        setSliderPosition(rows->value());
        return;
    }
    const auto top = topPosition();
    if (top) setSliderPosition(std::clamp(int(std::lround(*top * kSteps)), 0, maximum()));
}

void KeyPositionBar::jumpTo(double fraction) {
    fraction = std::clamp(fraction, 0.0, 1.0);
    const int rows = model_->rowCount();
    if (span_ && rows > 1 && span_->second > span_->first && fraction >= span_->first && fraction <= span_->second) {
        // Among the rows held: scroll there.
        const int row = int(std::lround((fraction - span_->first) / (span_->second - span_->first) * (rows - 1)));
        view_->scrollTo(model_->index(std::clamp(row, 0, rows - 1)), QAbstractItemView::PositionAtTop);
        sync();
        return;
    }
    if (!session_ || !positions_ || !positions_->known()) return;
    // Two quick drags run on two read lanes: only the last one's result counts.
    const quint64 jump = ++jumpGeneration_;
    auto key = session_->read([positions = positions_, fraction](storage::Storage& s) { return positions->keyAt(s, fraction); });
    onResult(key, this, [this, jump](std::optional<std::string> key) {
        if (jump != jumpGeneration_ || !key) return;
        model_->goToKey(QByteArray::fromStdString(*key), /*select=*/false);
    });
}

void KeyPositionBar::wheelEvent(QWheelEvent* event) {
    // The wheel moves rows, as over the list.
    QCoreApplication::sendEvent(view_->verticalScrollBar(), event);
}

}  // namespace meridian::ui
