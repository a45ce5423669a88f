// KeyspaceDock: "Keyspace", keys and bytes per namespace under a prefix (the
// first delimiter level, then drill down by double-clicking a bar), as a
// chart (keyspace_chart.h) and, after an exact count, the largest values.
//
// It estimates first (storage::estimateKeyspace: table-file sizes, well
// under a second on millions of keys), shown hatched and "about"; Count
// Exactly reads every key and value under the prefix on the session's pool
// (storage::measureKeyspace), with progress and Cancel in the dock.
// Reads only while shown; a new session, column family, delimiter or
// refresh() starts again from an estimate. UI thread only.
#pragma once

#include <QDockWidget>
#include <QFuture>
#include <QPointer>

#include "storage/bytes.h"
#include "storage/keyspace.h"
#include "storage/status.h"

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;
class QToolButton;

namespace meridian::ui {

class KeyspaceChart;
class KeyspaceModel;
class StorageSession;

class KeyspaceDock : public QDockWidget {
    Q_OBJECT
public:
    explicit KeyspaceDock(QWidget* parent = nullptr);

    void setSession(StorageSession* session);
    void setDelimiter(char delimiter);
    void setDisplay(storage::ByteDisplay display);
    // Starts again with an estimate of the current prefix (when shown).
    void refresh();
    // Shows the namespaces under `prefix` (an estimate first).
    void setPrefix(const QByteArray& prefix);
    QByteArray prefix() const { return prefix_; }
    // Reads every key under the prefix: exact figures and the largest values.
    void countExactly();
    void cancel();
    bool isCounting() const;

    KeyspaceModel* model() const { return model_; }
    KeyspaceChart* chart() const { return chart_; }
    QTableWidget* largestValues() const { return largest_; }
    QString status() const;

signals:
    // A report is shown: an estimate, an exact count, or an error (status() says).
    void loaded();
    // The user asked to see a namespace's keys in the key list.
    void showKeysRequested(const QByteArray& prefix);

private:
    void estimate();
    void showReport(storage::Result<storage::KeyspaceReport> result, qint64 ms);
    void setCounting(bool counting);

    QPointer<StorageSession> session_;
    KeyspaceModel* model_;
    KeyspaceChart* chart_;
    QLabel* where_;
    QToolButton* up_;
    QComboBox* measure_;
    QPushButton* exact_;
    QProgressBar* progress_;
    QPushButton* cancel_;
    QLabel* status_;
    QTableWidget* largest_;
    QByteArray prefix_;
    char delimiter_ = ':';
    storage::ByteDisplay display_ = storage::ByteDisplay::Auto;
    quint64 generation_ = 0;
    bool stale_ = true;
    QFuture<storage::Result<storage::KeyspaceReport>> counting_;
};

}  // namespace meridian::ui
