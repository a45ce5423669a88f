// DataInspectorPanel: the hex view's data inspector, as hex editors have it:
// what the bytes at the cursor (or the selection's start) read as, in every
// width and byte order at once: integers, floats, varints, Unix times in
// s / ms / µs / ns and a UUID (decode/data_inspector.h). Rows the bytes are
// too few for are dimmed and empty. Reads at most 16 bytes per move, so it
// follows the cursor at any value size. UI thread only.
#pragma once

#include <QTableWidget>

namespace meridian::ui {

class DataInspectorPanel : public QTableWidget {
    Q_OBJECT
public:
    explicit DataInspectorPanel(QWidget* parent = nullptr);

    // Shows the readings of `data` at `offset`.
    void showAt(const QByteArray& data, qsizetype offset);
    // The value text of the row labelled `label` ("uint32 BE"), for tests.
    QString valueOf(const QString& label) const;
};

}  // namespace meridian::ui
