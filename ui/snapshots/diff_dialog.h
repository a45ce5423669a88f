// DiffDialog ("Compare"): what changed between two snapshots, or between a
// snapshot and the live database, in the session's current column family.
//
// The user picks the two sides ("diffFrom", "diffTo": every snapshot, then
// "Live database") and an optional key prefix ("diffPrefix", escapes such as
// \x00 allowed), and presses Compare ("diffCompare"). The diff runs on the
// session's pool (StorageSession::runLong) and rows stream into the table
// ("diffTable", a DiffModel) while it walks; "diffProgress" is busy meanwhile
// and "diffCancel" stops it. "diffSummary" then says "3 added, 1 removed,
// 2 changed, 99,994 unchanged — 0.12 s", "Identical …", "Cancelled …" or the
// error. The table keeps at most kMaxDiffRows rows (the summary still counts
// everything and says so). Compare again cancels a diff still running.
//
// A live side is pinned to a snapshot when the diff starts, and the dialog
// keeps both sides' snapshots with the results: selecting a row re-reads
// its two values exactly as the diff saw them, off the UI thread, into the
// panes "diffBefore" and "diffAfter" ("(absent)" for a side without the key;
// the first 64 KiB, as text, escaped or hex per "diffValueDisplay"; the part
// that differs is marked).
//
// Lifetimes: non-modal; deletes itself when closed (Qt::WA_DeleteOnClose, so
// hold it in a QPointer). It holds the snapshots it was given and the ones
// behind the results until then, and closes when the session is destroyed.
// Closing or destroying it cancels a diff in flight.
#pragma once

#include <QDialog>
#include <QElapsedTimer>
#include <QFuture>
#include <QFuture>
#include <QList>
#include <QPointer>

#include <optional>
#include <string>

#include "ui/snapshots/diff_run.h"
#include "ui/snapshots/named_snapshot.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QToolButton;

namespace meridian::ui {

class DiffModel;
class DiffValuePane;
class StorageSession;

class DiffDialog : public QDialog {
    Q_OBJECT
public:
    DiffDialog(StorageSession* session, QList<NamedSnapshot> snapshots, QWidget* parent = nullptr);
    ~DiffDialog() override;

    // Replaces the snapshots offered; the sides chosen stay chosen when their
    // snapshot (same name) is still there, and fall back to the defaults
    // otherwise. Results already shown are kept.
    void setSnapshots(QList<NamedSnapshot> snapshots);
    const QList<NamedSnapshot>& snapshots() const { return snapshots_; }
    // Indices into snapshots(); -1 is the live database. Out-of-range means live.
    void setSides(int fromIndex, int toIndex);
    int fromIndex() const;
    int toIndex() const;
    // The prefix field holds the escaped form; prefix() is nullopt while it
    // holds an invalid escape.
    void setPrefix(const QByteArray& prefix);
    std::optional<QByteArray> prefix() const;

    bool isRunning() const;
    DiffModel* model() const { return model_; }
    QTableView* table() const { return table_; }
    QString summary() const;

public slots:
    // Starts comparing the chosen sides (cancelling a diff still running).
    void compare();
    // Stops a diff in flight; the rows found so far stay.
    void cancel();

signals:
    // A diff started; the future finishes (or is cancelled) with it.
    void taskStarted(const QString& what, QFuture<void> future);
    // A diff ended: complete, cancelled or failed (see summary()). A run
    // superseded by another compare() or by destroying the dialog reports nothing.
    void comparisonFinished(bool complete);
    // The user activated a row (double-click, Enter): show this key elsewhere.
    void keyActivated(const QByteArray& key);

protected:
    void done(int result) override;
    void closeEvent(QCloseEvent* event) override;

private:
    QString sideLabel(int index) const;
    storage::SnapshotPtr sideSnapshot(int index) const;
    void buildLayout();
    void fillSides(int fromIndex, int toIndex);
    void prefixEdited();
    void detach();
    void setRunning(bool running);
    void takeResults(int begin, int end);
    void apply(DiffBatch& batch);
    void finish();
    void showRunningCounts();
    void showSelected();
    void showValues(const QByteArray& key, storage::ChangeKind kind, const DiffValues& values);
    void copyKey();

    QPointer<StorageSession> session_;
    QList<NamedSnapshot> snapshots_;

    QComboBox* from_;
    QComboBox* to_;
    QToolButton* swap_;
    QLineEdit* prefix_;
    QLabel* family_;
    QPushButton* compare_;
    QPushButton* cancel_;
    QProgressBar* progress_;
    QLabel* summary_;
    QTableView* table_;
    DiffModel* model_;
    QLabel* key_;
    QComboBox* display_;
    DiffValuePane* before_;
    DiffValuePane* after_;

    // The diff running or shown.
    QFuture<DiffBatchPtr> future_;
    bool attached_ = false;  // future_ is the run shown
    quint64 run_ = 0;        // counts runs: results of an earlier one are dropped
    std::optional<DiffBatch> last_;  // the final batch (counts, status), rows taken out
    DiffBatch progressSoFar_;        // the counts of the latest batch
    storage::SnapshotPtr beforeAt_;
    storage::SnapshotPtr afterAt_;
    std::string diffFamily_;  // the column family the results are for
    QString beforeName_;
    QString afterName_;
    QString beforeTip_;
    QString afterTip_;

    // Values of the selected row: one read in flight at most.
    bool readingValues_ = false;
    bool valuesStale_ = false;
};

}  // namespace meridian::ui
