#include "ui/common/folder_dialog.h"

#include <QDir>
#include <QFileInfo>

namespace meridian::ui {

NewOrEmptyFolderDialog::NewOrEmptyFolderDialog(QWidget* parent, const QString& caption, const QString& acceptLabel,
                                               const QString& directory)
    : QFileDialog(parent, caption) {
    setFileMode(QFileDialog::Directory);
    setOption(QFileDialog::ShowDirsOnly);
    setLabelText(QFileDialog::Accept, acceptLabel);
    setDirectory(directory);
}

void NewOrEmptyFolderDialog::accept() {
    const QStringList typed = selectedFiles();
    const QFileInfo target(typed.value(0));
    if (typed.size() == 1 && !target.exists() && target.dir().exists()) {
        emit filesSelected(typed);
        emit fileSelected(typed.first());
        QDialog::accept();
        return;
    }
    QFileDialog::accept();
}

}  // namespace meridian::ui
