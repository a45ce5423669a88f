#include "ui/browser/key_table_view.h"

#include <QApplication>

namespace meridian::ui {

void KeyTableView::keyboardSearch(const QString& search) {
    if (search.isEmpty()) return;
    if (!sinceLast_.isValid() || sinceLast_.elapsed() > QApplication::keyboardInputInterval()) typed_.clear();
    sinceLast_.start();
    typed_ += search;
    emit keysTyped(typed_);
}

}  // namespace meridian::ui
