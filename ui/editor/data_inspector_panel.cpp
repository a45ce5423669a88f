#include "ui/editor/data_inspector_panel.h"

#include <QFontDatabase>
#include <QHeaderView>

#include "decode/data_inspector.h"
#include "ui/common/text.h"

namespace meridian::ui {

DataInspectorPanel::DataInspectorPanel(QWidget* parent) : QTableWidget(parent) {
    setObjectName(QStringLiteral("dataInspector"));
    setColumnCount(2);
    setHorizontalHeaderLabels({tr("Reading"), tr("Value")});
    verticalHeader()->hide();
    horizontalHeader()->setStretchLastSection(true);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setWordWrap(false);
    setToolTip(tr("What the bytes at the cursor read as"));
    showAt({}, 0);
    resizeColumnToContents(0);
}

void DataInspectorPanel::showAt(const QByteArray& data, qsizetype offset) {
    // 16 bytes are the most any reading takes (a UUID).
    const QByteArray window = offset < data.size() ? data.mid(offset, 16) : QByteArray();
    const auto readings = decode::inspectBytes(std::string_view(window.constData(), static_cast<std::size_t>(window.size())), 0);
    setRowCount(static_cast<int>(readings.size()));
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    for (int row = 0; row < static_cast<int>(readings.size()); ++row) {
        const decode::Reading& r = readings[static_cast<std::size_t>(row)];
        auto* label = item(row, 0);
        if (!label) {
            label = new QTableWidgetItem;
            setItem(row, 0, label);
        }
        label->setText(QString::fromStdString(r.label));
        auto* value = item(row, 1);
        if (!value) {
            value = new QTableWidgetItem;
            value->setFont(fixed);
            setItem(row, 1, value);
        }
        value->setText(QString::fromStdString(r.value));
        value->setToolTip(r.value.empty() ? QString() : tr("%1 from offset %2").arg(countText(r.size, tr("1 byte"), tr("%1 bytes"))).arg(offset));
        label->setForeground(r.value.empty() ? palette().brush(QPalette::Disabled, QPalette::Text) : palette().text());
    }
}

QString DataInspectorPanel::valueOf(const QString& label) const {
    for (int row = 0; row < rowCount(); ++row)
        if (item(row, 0) && item(row, 0)->text() == label) return item(row, 1)->text();
    return {};
}

}  // namespace meridian::ui
