// NewOrEmptyFolderDialog: a folder picker that also takes the name of a
// folder that does not exist yet, typed into it (Qt's own refuses one,
// "Directory not found"); whoever asked makes the folder. For Save to Disk
// and New Database, whose destinations are a new or an empty folder.
// UI thread only.
#pragma once

#include <QFileDialog>

namespace meridian::ui {

class NewOrEmptyFolderDialog : public QFileDialog {
public:
    // A folder picker (Directory mode, folders only) titled `caption`, whose
    // accept button says `acceptLabel`, opening in `directory`.
    NewOrEmptyFolderDialog(QWidget* parent, const QString& caption, const QString& acceptLabel,
                           const QString& directory);

protected:
    void accept() override;
};

}  // namespace meridian::ui
