#include "app/gui/file_open_filter.h"

#include <QCoreApplication>
#include <QFileOpenEvent>

#include "ui/window/main_window.h"

namespace meridian::gui {

FileOpenFilter::FileOpenFilter(ui::MainWindow* window, QObject* parent) : QObject(parent), window_(window) {}

bool FileOpenFilter::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() != QEvent::FileOpen || watched != QCoreApplication::instance() || !window_)
        return QObject::eventFilter(watched, event);
    const QString path = static_cast<QFileOpenEvent*>(event)->file();
    if (path.isEmpty()) return false;  // a URL that is not a local file: not ours
    window_->setWindowState(window_->windowState() & ~Qt::WindowMinimized);
    window_->show();
    window_->raise();
    window_->activateWindow();
    window_->openWithDefaultMode(path);
    return true;
}

}  // namespace meridian::gui
