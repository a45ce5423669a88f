// FilesDock: "Files and Levels", the open column family's LSM tree as a
// picture (lsm_picture.h) above a table of its table files
// (table_files_model.h), with a line that sums it up. Clicking a block
// selects its row and the other way round.
//
// It reads only while shown: refresh() when it is made visible, on a new
// session or column family, and when asked (View > Refresh). Reading is
// Storage::files() with table properties, on the session's pool; a newer
// request's result replaces an older one's. Backends with no files (memory)
// say so in the summary. UI thread only.
#pragma once

#include <QDockWidget>
#include <QPointer>

#include "storage/bytes.h"

class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace meridian::ui {

class LsmPicture;
class StorageSession;
class TableFilesModel;

class FilesDock : public QDockWidget {
    Q_OBJECT
public:
    explicit FilesDock(QWidget* parent = nullptr);

    void setSession(StorageSession* session);
    void setDisplay(storage::ByteDisplay display);
    // Reads the files again (when shown; otherwise when next shown).
    void refresh();

    TableFilesModel* model() const { return model_; }
    LsmPicture* picture() const { return picture_; }
    QTableView* table() const { return table_; }
    QString summary() const;

signals:
    // The files read by the latest refresh() are shown (or summary() says why not).
    void loaded();

private:
    void load();
    void selectFile(std::uint64_t number);

    QPointer<StorageSession> session_;
    TableFilesModel* model_;
    QSortFilterProxyModel* sorted_;
    LsmPicture* picture_;
    QTableView* table_;
    QLabel* summary_;
    quint64 generation_ = 0;
    bool stale_ = true;  // the files shown are not the current session's
};

}  // namespace meridian::ui
