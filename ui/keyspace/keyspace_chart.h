// KeyspaceChart: a KeyspaceModel drawn as horizontal bars, one per row,
// largest first, each as long as its bytes (or keys: setMeasure) on one
// scale, with its name on the left and its figures on the right. Estimated
// figures are drawn hatched, exact ones solid. Double-clicking a namespace's
// bar emits activated() (the window drills into it). Custom-painted for the
// reasons LsmPicture gives; colours from the palette. UI thread only.
#pragma once

#include <QPointer>
#include <QWidget>

namespace meridian::ui {

class KeyspaceModel;

class KeyspaceChart : public QWidget {
    Q_OBJECT
public:
    enum class Measure { Bytes, Keys };

    explicit KeyspaceChart(KeyspaceModel* model, QWidget* parent = nullptr);

    void setMeasure(Measure measure);
    Measure measure() const { return measure_; }
    // The bar of model row `row`, and the row under a point (-1: none).
    QRectF barOf(int row) const;
    int rowAt(const QPointF& point) const;

    QSize sizeHint() const override;

signals:
    void activated(int row);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseDoubleClickEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override;

private:
    double valueOf(int row) const;
    double widest() const;
    QRectF labelRect(int row) const;
    qreal barLeft() const;
    qreal barSpan() const;

    QPointer<KeyspaceModel> model_;
    Measure measure_ = Measure::Bytes;
};

}  // namespace meridian::ui
