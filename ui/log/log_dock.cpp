#include "ui/log/log_dock.h"

#include <QDateTime>
#include <QMetaObject>
#include <QPlainTextEdit>
#include <QPointer>

#include "ui/common/async.h"

namespace meridian::ui {

LogDock::LogDock(QWidget* parent) : QDockWidget(tr("Log"), parent), view_(new QPlainTextEdit(this)) {
    setObjectName("logDock");
    view_->setObjectName("logView");
    view_->setReadOnly(true);
    view_->setMaximumBlockCount(5000);
    view_->setLineWrapMode(QPlainTextEdit::NoWrap);
    setWidget(view_);
}

void LogDock::append(storage::LogLevel level, const QString& text) {
    const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss.zzz"));
    view_->appendPlainText(QStringLiteral("%1  %2  %3").arg(stamp, QString::fromLatin1(storage::logLevelName(level)).leftJustified(7), text));
}

QString LogDock::text() const { return view_->toPlainText(); }

storage::LogHook LogDock::hook() {
    QPointer<LogDock> self(this);
    // Called on the storage's threads; the line reaches the UI thread as a
    // queued call, a hand-off ThreadSanitizer cannot see through Qt (async.h).
    return [self](storage::LogLevel level, const std::string& text) {
        const QString line = QString::fromStdString(text);
        const detail::TsanHandOff handOff;
        QMetaObject::invokeMethod(
            self.data(),
            [self, level, line] {
                detail::TsanHandOff::taskStarts();
                if (self) self->append(level, line);
            },
            Qt::QueuedConnection);
    };
}

}  // namespace meridian::ui
