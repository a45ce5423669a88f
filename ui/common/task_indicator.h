// TaskIndicator: status-bar progress for long storage work, with Cancel.
//
// Features report long work one way: a signal
//   taskStarted(const QString& what, QFuture<void> future)
// that the window connects to track(). The indicator shows the newest task
// still running: its name, keys done so far (the future's progress text) and
// a Cancel that cancels that task. Tasks started earlier are kept: when the
// shown one ends, the newest of those still running comes back, so a quick
// count started during a long save does not hide the save or its Cancel for
// good. Hidden when nothing runs.
// UI thread only.
#pragma once

#include <QFuture>
#include <QList>
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
    // The task shown ("" when none).
    QString shownTask() const { return isBusy() ? shown_.what : QString(); }

private:
    struct Task {
        quint64 id = 0;
        QString what;
        QFuture<void> future;
    };
    void show(const Task& task);
    void showNextRunning();
    void showProgress(quint64 task, const QString& keysSoFar);

    QLabel* label_;
    QProgressBar* bar_;
    QToolButton* cancel_;
    Task shown_;
    QList<Task> tasks_;  // oldest first; the last running one is shown
    quint64 lastId_ = 0;
};

}  // namespace meridian::ui
