// TaskIndicator: status-bar progress for long storage work, with Cancel.
// Shows only while a task runs; a new task replaces the shown one.
#pragma once

#include <QFuture>
#include <QFutureWatcher>
#include <QWidget>

class QLabel;
class QProgressBar;
class QToolButton;

namespace meridian::ui {

class TaskIndicator : public QWidget {
    Q_OBJECT
public:
    explicit TaskIndicator(QWidget* parent = nullptr);
    void track(const QString& what, QFuture<void> future);
    bool isBusy() const;

private:
    QLabel* label_;
    QProgressBar* bar_;
    QToolButton* cancel_;
    QFutureWatcher<void> watcher_;
    QString what_;
};

}  // namespace meridian::ui
