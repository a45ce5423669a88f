// MainWindow and editing: the value editor beside the key list, and the
// question about unsaved value edits before anything would drop them.
#include <QSplitter>
#include <QTimer>
#include <QStatusBar>

#include "ui/browser/key_browser.h"
#include "ui/common/task_indicator.h"
#include "ui/editor/value_editor.h"
#include "ui/log/log_dock.h"
#include "ui/window/edit_actions.h"
#include "ui/window/main_window.h"

namespace meridian::ui {

void MainWindow::buildEditing() {
    editActions_ = new EditActions(this, browser_);
    connect(editActions_, &EditActions::taskStarted, tasks_, &TaskIndicator::track);
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("browserSplitter"));
    split->addWidget(browser_);
    split->addWidget(editActions_->editor());
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    // Once laid out: the editor gets three fifths, or what its hex view needs
    // for all three columns, leaving the key list at least 260 px.
    QTimer::singleShot(0, split, [split] {
        const int width = split->width();
        const int editor = qMin(qMax(width * 3 / 5, split->widget(1)->sizeHint().width() + 16), width - 260);
        if (editor > 0) split->setSizes({width - editor, editor});
    });
    split->setChildrenCollapsible(false);
    setCentralWidget(split);
    connect(editActions_, &EditActions::message, this, [this](const QString& text, bool error) {
        statusBar()->showMessage(text, 6000);
        log_->append(error ? storage::LogLevel::Error : storage::LogLevel::Info, text);
    });
}

ValueEditor* MainWindow::valueEditor() const { return editActions_->editor(); }


}  // namespace meridian::ui
