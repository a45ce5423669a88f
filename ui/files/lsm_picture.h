// LsmPicture: the LSM tree drawn, one row per level (L0 down to the last
// level holding files), each table file a block as wide as its size on one
// scale for the whole picture, in key order; a row for the write-ahead logs
// above (what the memtables will become) and one for blob files below when
// there are any. A block's colour darkens toward the palette's "warning"
// red with its share of tombstones, so the files compaction would shrink
// stand out. Clicking a block emits fileClicked(); the selected file is
// outlined. Hovering tells the file's figures.
//
// Custom-painted rather than Qt Charts: the picture is blocks in rows, which
// no chart type draws (a stacked bar would stack one series per file and
// lose the files' order), and painting it keeps the app free of another
// Qt module to install on every platform. Colours come from the palette, so
// it follows the system's dark mode. UI thread only.
#pragma once

#include <QWidget>

#include <optional>
#include <vector>

#include "storage/inspection.h"

namespace meridian::ui {

class LsmPicture : public QWidget {
    Q_OBJECT
public:
    explicit LsmPicture(QWidget* parent = nullptr);

    void setReport(const storage::FilesReport& report);
    void clear();
    // Outlines table file `number` (nullopt: none).
    void setSelectedFile(std::optional<std::uint64_t> number);

    // What is drawn, for tests and tooltips: the rows' labels top to bottom
    // ("Logs", "L0", ..., "Blob files"), a table file's block, and the table
    // file under a point.
    QStringList rowLabels() const;
    QRectF blockOf(std::uint64_t tableNumber) const;
    std::optional<std::uint64_t> fileAt(const QPointF& point) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    void fileClicked(std::uint64_t tableNumber);

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    bool event(QEvent* event) override;

private:
    enum class Kind { Table, Log, Blob };
    struct Block {
        QRectF rect;
        Kind kind;
        std::size_t index;  // into the report's tables, logs or blobs
    };
    struct Row {
        QString label;
        QString detail;  // "12 files, 3.4 MiB"
        QRectF rect;     // the bar area
        bool empty = true;
    };
    void layoutBlocks();
    QString tooltipAt(const QPointF& point) const;

    storage::FilesReport report_;
    std::vector<Row> rows_;
    std::vector<Block> blocks_;
    std::optional<std::uint64_t> selected_;
};

}  // namespace meridian::ui
