#include "ui/window/writer_exited_banner.h"

#include <QPushButton>

namespace meridian::ui {

WriterExitedBanner::WriterExitedBanner(QWidget* parent)
    : Banner(Tone::Notice, QStringLiteral("writerExitedBanner"), parent),
      edit_(new QPushButton(tr("Open for Editing"), this)),
      keep_(new QPushButton(tr("Keep Following"), this)) {
    edit_->setObjectName(QStringLiteral("writerExitedOpenForEditing"));
    edit_->setToolTip(tr("Close this view and open the database read-write"));
    keep_->setObjectName(QStringLiteral("writerExitedKeepFollowing"));
    keep_->setToolTip(tr("Go on reading it as a follower; nothing changes"));
    addTrailing(edit_);
    addTrailing(keep_);
    connect(edit_, &QPushButton::clicked, this, [this] {
        hide();
        emit openForEditing(path_);
    });
    connect(keep_, &QPushButton::clicked, this, &QWidget::hide);
}

void WriterExitedBanner::showExited(const QString& path, const QString& writer) {
    path_ = path;
    showMessage(tr("%1 has exited. The database is free.").arg(writer));
}

}  // namespace meridian::ui
