// SearchDialog: Find in Keys and Values (Ctrl+Shift+F). Searches the keys
// under the key list's prefix in the current column family and read view
// (live or a snapshot) for a substring, glob, regular expression or hex
// bytes, in keys, values or both (storage/search). Matches stream into the
// list while the search runs on the session's pool, with keys read and the
// estimate, and Cancel; the first `limit` are listed in key order, and More
// goes on after the last. Choosing a match opens its key (keyChosen).
//
// Lifetimes: the session is the window's; setSession(nullptr) before it
// goes (a search in flight is cancelled). Thread safety: UI thread only.
#pragma once

#include <QDialog>
#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>

#include <optional>

#include "storage/bytes.h"
#include "ui/common/async.h"
#include "ui/search/search_run.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableView;

namespace meridian::ui {

class SearchResultsModel;
class StorageSession;

class SearchDialog : public QDialog {
    Q_OBJECT
public:
    explicit SearchDialog(QWidget* parent = nullptr);
    ~SearchDialog() override;

    void setSession(StorageSession* session);
    // Where the search looks: the key list's prefix, shown as the list shows keys.
    void setScope(const QByteArray& prefix, storage::ByteDisplay display);
    void setEstimate(qint64 keys) { estimate_ = keys; }

    void start();  // Find
    void more();   // the next `limit` after the last match
    void cancel();
    bool isSearching() const { return searching_; }
    SearchResultsModel* results() const { return results_; }

signals:
    void keyChosen(const QByteArray& key);

private:
    void run(std::optional<std::string> after);
    void poll();
    void finished(SearchRun& run);
    void updateScope();

    QPointer<StorageSession> session_;
    QByteArray prefix_;
    storage::ByteDisplay display_ = storage::ByteDisplay::Auto;
    qint64 estimate_ = -1;
    QLineEdit* pattern_;
    QComboBox* kind_;
    QCheckBox* inKeys_;
    QCheckBox* inValues_;
    QSpinBox* limit_;
    QLabel* scope_;
    QLabel* status_;
    QProgressBar* progress_;
    QPushButton* find_;
    QPushButton* more_;
    QTableView* view_;
    SearchResultsModel* results_;
    QTimer poll_;
    QElapsedTimer elapsed_;
    std::optional<Job<SearchRun>> job_;
    std::optional<std::string> resumeAfter_;
    bool searching_ = false;
};

}  // namespace meridian::ui
