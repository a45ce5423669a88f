// Opens the folders macOS hands the running app: a database folder dropped on
// the Dock icon or opened with Finder's "Open With" arrives as a
// QFileOpenEvent on the application object, not on the command line.
#pragma once

#include <QObject>
#include <QPointer>

namespace meridian::ui {
class MainWindow;
}

namespace meridian::gui {

class FileOpenFilter : public QObject {
    Q_OBJECT
public:
    // Install with QCoreApplication::instance()->installEventFilter(filter).
    explicit FileOpenFilter(ui::MainWindow* window, QObject* parent = nullptr);

    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QPointer<ui::MainWindow> window_;
};

}  // namespace meridian::gui
