// ExportDialog (objectName "exportDialog"): File > Export Keys…
//
// Asks for the format ("exportFormat": ldb dump --hex, the default, which
// `ldb load --hex` reads back; ldb dump text; JSON Lines), the prefix
// ("exportPrefix": escaped text as the key list shows it, \xNN for any byte;
// pre-filled with the browser's prefix) and the file ("exportFile", chosen
// with a non-blocking file dialog, "exportChoose"; a name with the format's
// extension is suggested). A line ("exportSource") says what is exported:
// the column family and "snapshot X" or "live data".
//
// "exportStart" runs the export through the TransferRunner (off the UI
// thread); the dialog shows the keys written so far ("exportProgress",
// "exportStatus") and its "exportCancel" button cancels. At the end the
// status says what was written (keys, bytes, file size, time) or why
// nothing was. Closing the dialog while it runs cancels the export.
//
// Open it with open(); UI thread only.
#pragma once

#include "ui/transfer/transfer_dialog.h"

#include <QByteArray>
#include <QPointer>

#include "storage/transfer/dump_format.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace meridian::ui {

class TransferRunner;
struct TransferOutcome;

class ExportDialog : public TransferDialog {
    Q_OBJECT
public:
    ExportDialog(TransferRunner* runner, const QByteArray& prefix, QWidget* parent = nullptr);

    storage::DumpFormat format() const;
    void setFormat(storage::DumpFormat format);
    // The prefix as bytes; false in *ok when the field does not parse.
    QByteArray prefix(bool* ok = nullptr) const;
    QString filePath() const;
    // As if chosen in the file dialog.
    void setFilePath(const QString& path);
    // A file name for this database, family and format ("mydb-default.txt").
    QString suggestedFileName() const;

    // What the Export button does: exports to `path`, or to the chosen file,
    // or asks for a file first.
    void start(const QString& path = {});
private:
    void chooseFile(bool thenStart);
    void updateState() override;

    QComboBox* format_;
    QLineEdit* prefix_;
    QLabel* source_;
    QLineEdit* file_;
    QPushButton* choose_;
    QString problem_;  // shown in the status line
};

}  // namespace meridian::ui
