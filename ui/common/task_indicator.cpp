#include "ui/common/task_indicator.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QToolButton>

#include "ui/common/async.h"

namespace meridian::ui {

TaskIndicator::TaskIndicator(QWidget* parent)
    : QWidget(parent), label_(new QLabel(this)), bar_(new QProgressBar(this)), cancel_(new QToolButton(this)) {
    setObjectName("taskIndicator");
    label_->setObjectName("taskLabel");
    cancel_->setObjectName("taskCancel");
    cancel_->setText(tr("Cancel"));
    bar_->setRange(0, 0);
    bar_->setMaximumWidth(120);
    bar_->setMaximumHeight(14);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(label_);
    layout->addWidget(bar_);
    layout->addWidget(cancel_);
    connect(cancel_, &QToolButton::clicked, this, [this] { shown_.future.cancel(); });
    hide();
}

void TaskIndicator::track(const QString& what, QFuture<void> future) {
    tasks_.removeIf([](const Task& t) { return t.future.isFinished(); });
    const quint64 id = ++lastId_;
    tasks_.append({id, what, future});
    onProgress(future, this, [this, id](int, const QString& text) { showProgress(id, text); });
    onFinished(future, this, [this] { showNextRunning(); }, [this] { showNextRunning(); });
    show(tasks_.last());
}

void TaskIndicator::show(const Task& task) {
    shown_ = task;
    label_->setText(task.what);
    QWidget::show();
}

void TaskIndicator::showProgress(quint64 task, const QString& keysSoFar) {
    if (task != shown_.id) return;  // a task behind the one shown
    bool ok = false;
    const qlonglong n = keysSoFar.toLongLong(&ok);
    label_->setText(ok ? tr("%1 %2 so far").arg(shown_.what, QLocale().toString(n)) : shown_.what);
}

void TaskIndicator::showNextRunning() {
    tasks_.removeIf([](const Task& t) { return t.future.isFinished(); });
    if (tasks_.isEmpty()) {
        shown_ = {};
        hide();
        return;
    }
    if (tasks_.last().id != shown_.id) show(tasks_.last());
}

bool TaskIndicator::isBusy() const {
    for (const Task& t : tasks_)
        if (!t.future.isFinished()) return true;
    return false;
}

}  // namespace meridian::ui
