// HexValueView: the HexView as a value editor pane, with a status line
// (cursor offset, selection, overwrite or insert) and the data inspector
// beside it (what the bytes at the cursor read as). Always shows the whole
// value: the HexView paints only the rows in view, so size does not matter.
#pragma once

#include "ui/editor/value_pane.h"

class QLabel;

namespace meridian::ui {

class DataInspectorPanel;
class HexView;

class HexValueView : public ValuePane {
    Q_OBJECT
public:
    explicit HexValueView(QWidget* parent = nullptr);

    void showBytes(const QByteArray& bytes, bool writable, qsizetype limit) override;
    bool isModified() const override;
    void setUnmodified() override;
    QByteArray bytes() const override;
    QString note() const override { return {}; }
    QWidget* editorWidget() override;
    HexView* hex() const { return hex_; }
    DataInspectorPanel* inspector() const { return inspector_; }

private:
    void updateStatus();

    HexView* hex_;
    QLabel* status_;
    DataInspectorPanel* inspector_;
};

}  // namespace meridian::ui
