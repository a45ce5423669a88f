// KeyTableView: the key list's view. Typing in it goes to the first key at
// or after what was typed, among all the keys, not only the rows loaded: the
// letters typed within QApplication::keyboardInputInterval() of each other
// make one search (as in any item view), emitted as keysTyped() for the
// browser to read in the list's syntax and jump. UI thread only.
#pragma once

#include <QElapsedTimer>
#include <QTableView>

namespace meridian::ui {

class KeyTableView : public QTableView {
    Q_OBJECT
public:
    using QTableView::QTableView;

    void keyboardSearch(const QString& search) override;

signals:
    // Everything typed so far in this search.
    void keysTyped(const QString& text);

private:
    QString typed_;
    QElapsedTimer sinceLast_;
};

}  // namespace meridian::ui
