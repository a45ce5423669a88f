#include "ui/window/task_indicator.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QToolButton>

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
    connect(cancel_, &QToolButton::clicked, &watcher_, &QFutureWatcher<void>::cancel);
    connect(&watcher_, &QFutureWatcher<void>::progressTextChanged, this, [this](const QString& text) {
        bool ok = false;
        const qlonglong n = text.toLongLong(&ok);
        label_->setText(ok ? tr("%1 %2 so far").arg(what_, QLocale().toString(n)) : what_);
    });
    connect(&watcher_, &QFutureWatcher<void>::finished, this, &TaskIndicator::showNextRunning);
    hide();
}

void TaskIndicator::track(const QString& what, QFuture<void> future) {
    tasks_.removeIf([](const Task& t) { return t.future.isFinished(); });
    tasks_.append({what, future});
    show(tasks_.last());
}

void TaskIndicator::show(const Task& task) {
    what_ = task.what;
    label_->setText(task.what);
    watcher_.setFuture(task.future);
    QWidget::show();
}

void TaskIndicator::showNextRunning() {
    tasks_.removeIf([](const Task& t) { return t.future.isFinished(); });
    if (tasks_.isEmpty()) {
        hide();
        return;
    }
    show(tasks_.last());
}

bool TaskIndicator::isBusy() const {
    for (const Task& t : tasks_)
        if (!t.future.isFinished()) return true;
    return false;
}

}  // namespace meridian::ui
