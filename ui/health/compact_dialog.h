// CompactDialog: Tools > Compact. Compacts the open column family, or the
// keys in a range (typed in the key list's syntax, typed_bytes.h), to its
// bottom level with RocksDB's CompactRange, on the session's pool, and shows
// the table files and bytes by level before and after.
//
// Only on a database open read-write: otherwise it says how to get there
// and offers nothing. The dialog is the confirmation: nothing runs until
// Compact is pressed. RocksDB reports no progress for a manual compaction
// and cannot be stopped safely half-way, so the bar is busy and Close waits.
// Non-modal; deletes itself when closed. UI thread only.
#pragma once

#include <QDialog>
#include <QPointer>

#include "storage/bytes.h"
#include "storage/inspection.h"

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QTableWidget;

namespace meridian::ui {

class StorageSession;

class CompactDialog : public QDialog {
    Q_OBJECT
public:
    CompactDialog(StorageSession* session, storage::ByteDisplay display, QWidget* parent = nullptr);

    // Compacts the whole column family, or [from, to] when the range is chosen.
    void start();
    bool isRunning() const { return running_; }
    QString summary() const;
    QPushButton* compactButton() const { return compact_; }
    QRadioButton* rangeChoice() const { return range_; }
    QLineEdit* fromField() const { return from_; }
    QLineEdit* toField() const { return to_; }
    QTableWidget* levels() const { return levels_; }

signals:
    // The compaction finished or failed: summary() says which.
    void compacted();

protected:
    void reject() override;

private:
    void showBefore(const storage::FilesReport& files);
    void showAfter(const storage::FilesReport& before, const storage::FilesReport& after, qint64 ms);

    QPointer<StorageSession> session_;
    storage::ByteDisplay display_;
    QLabel* summary_;
    QRadioButton* whole_;
    QRadioButton* range_;
    QLineEdit* from_;
    QLineEdit* to_;
    QProgressBar* progress_;
    QTableWidget* levels_;
    QPushButton* compact_;
    QDialogButtonBox* buttons_;
    storage::FilesReport before_;
    bool running_ = false;
};

}  // namespace meridian::ui
