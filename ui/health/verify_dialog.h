// VerifyDialog: Tools > Verify Checksums. Reads every table file of the open
// column family and checks each block's checksum (Storage::verifyChecksums:
// its own reader per file, nothing cached, nothing written), on the
// session's pool, with progress by files and Cancel. Then lists each file,
// intact or damaged with RocksDB's words, and says which files are damaged
// first. A backend with no files says so. Non-modal; deletes itself when
// closed; closing it cancels a check in flight. UI thread only.
#pragma once

#include <QDialog>
#include <QFuture>
#include <QPointer>

#include "storage/inspection.h"
#include "storage/status.h"

class QDialogButtonBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace meridian::ui {

class StorageSession;

class VerifyDialog : public QDialog {
    Q_OBJECT
public:
    explicit VerifyDialog(StorageSession* session, QWidget* parent = nullptr);
    ~VerifyDialog() override;

    void start();
    bool isRunning() const;
    QString summary() const;
    QTableWidget* results() const { return results_; }
    QPushButton* startButton() const { return start_; }

signals:
    // The check finished, failed or was cancelled: summary() says which.
    void verified();

protected:
    void reject() override;

private:
    void showResult(storage::Result<storage::VerifyReport> result, qint64 ms);

    QPointer<StorageSession> session_;
    QLabel* summary_;
    QProgressBar* progress_;
    QTableWidget* results_;
    QPushButton* start_;
    QDialogButtonBox* buttons_;
    QFuture<storage::Result<storage::VerifyReport>> running_;
};

}  // namespace meridian::ui
