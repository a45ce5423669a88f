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
    connect(&watcher_, &QFutureWatcher<void>::finished, this, &QWidget::hide);
    hide();
}

void TaskIndicator::track(const QString& what, QFuture<void> future) {
    what_ = what;
    label_->setText(what);
    watcher_.setFuture(future);
    show();
}

bool TaskIndicator::isBusy() const { return watcher_.isRunning(); }

}  // namespace meridian::ui
