// LogDock: every storage decision and error, time-stamped, newest last.
#pragma once

#include <QDockWidget>

#include "storage/factory.h"

class QPlainTextEdit;

namespace meridian::ui {

class LogDock : public QDockWidget {
    Q_OBJECT
public:
    explicit LogDock(QWidget* parent = nullptr);
    void append(storage::LogLevel level, const QString& text);
    QString text() const;
    // A hook for StorageConfig::log: safe to call from any thread; the line is
    // added on the UI thread.
    storage::LogHook hook();

private:
    QPlainTextEdit* view_;
};

}  // namespace meridian::ui
