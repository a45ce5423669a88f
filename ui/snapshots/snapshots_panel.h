// SnapshotsPanel: the Snapshots dock. Lists the snapshots taken of the open
// database (oldest first) with buttons for what can be done with the one
// selected: View (also a double-click or Enter), Back to Live, Compare…,
// Save to Disk…, Release. Names can be edited in place (F2).
//
// Viewing and releasing go to the SnapshotController; comparing and saving
// are the window's (compareRequested / saveRequested). UI thread only.
#pragma once

#include <QDockWidget>

class QAction;
class QListView;
class QLabel;

namespace meridian::ui {

class SnapshotController;

class SnapshotsPanel : public QDockWidget {
    Q_OBJECT
public:
    SnapshotsPanel(SnapshotController* controller, QWidget* parent = nullptr);

    QListView* list() const { return list_; }
    int currentRow() const;
    void setCurrentRow(int row);

    QAction* viewAction() const { return view_; }
    QAction* compareAction() const { return compare_; }
    QAction* saveAction() const { return save_; }
    QAction* releaseAction() const { return release_; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

signals:
    void compareRequested(int row);  // -1: no snapshot chosen (compare live with…)
    void saveRequested(int row);

private:
    void updateActions();

    SnapshotController* controller_;
    QListView* list_;
    QLabel* empty_;
    QAction* view_;
    QAction* compare_;
    QAction* save_;
    QAction* release_;
};

}  // namespace meridian::ui
