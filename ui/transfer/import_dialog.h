// ImportDialog (objectName "importDialog"): File > Import Keys…
//
// The file ("importFile", chosen with a non-blocking file dialog,
// "importChoose") is read a little to detect its format ("importFormat":
// JSON Lines when it starts with '{', otherwise an ldb dump), and the
// checkbox "importHex" ("Hex (ldb dump --hex)") is pre-checked when its first
// record looks like `0x<hex> ==> 0x<hex>`. "importTarget" names the column
// family the keys go into. When the session cannot be written (read-only,
// following live, viewing a snapshot) or edits are still being written,
// "importReason" says why and "importStart" is disabled with that tooltip.
//
// "importStart" runs the import through the TransferRunner (off the UI
// thread): the status ("importStatus", "importProgress") shows the stage
// (checking every line, writing, undoing what was written) and the records;
// "importCancel" cancels (nothing is left imported). At the end the status
// is the summary: keys, bytes, time and format, or "FILE line N: reason —
// nothing was imported". A finished import is one step on the undo stack.
// Closing the dialog while it runs cancels the import.
//
// Open it with open(); UI thread only.
#pragma once

#include "ui/transfer/transfer_dialog.h"

#include <QByteArray>
#include <QPointer>

#include <optional>

#include "storage/transfer/dump_format.h"

class QCheckBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace meridian::ui {

class TransferRunner;
struct TransferOutcome;

class ImportDialog : public TransferDialog {
    Q_OBJECT
public:
    explicit ImportDialog(TransferRunner* runner, QWidget* parent = nullptr);

    QString filePath() const;
    // As if chosen in the file dialog: reads the file's first bytes and
    // detects the format (the hex box follows).
    void setFilePath(const QString& path);
    // The format the import will read: detected, with the hex box applied.
    // nullopt before a readable file is chosen.
    std::optional<storage::DumpFormat> format() const;

    // What the Import button does: imports `path` or the chosen file, or
    // asks for a file first.
    void start(const QString& path = {});
    // True when the first record line of `head` (a file's first bytes; the
    // last line may be cut short unless `complete`) looks like ldb dump --hex.
    static bool looksLikeHexDump(const QByteArray& head, bool complete);

private:
    void chooseFile(bool thenStart);
    void updateState() override;

    QLineEdit* file_;
    QPushButton* choose_;
    QLabel* format_;
    QCheckBox* hex_;
    QLabel* target_;
    QLabel* reason_;
    std::optional<storage::DumpFormat> detected_;  // LdbText stands for both ldb formats
    QString fileProblem_;
};

}  // namespace meridian::ui
