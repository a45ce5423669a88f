// DiffValuePane: one side of the Compare dialog's value comparison: a heading
// naming the side, the value read-only, and a note with its size (and how
// much of it is shown).
//
// Object names, from the base name given (e.g. "diffBefore"): the text view
// is "<base>", the heading "<base>Heading", the note "<base>Note".
#pragma once

#include <QWidget>

class QLabel;
class QPlainTextEdit;

namespace meridian::ui {

struct DiffValue;

class DiffValuePane : public QWidget {
    Q_OBJECT
public:
    DiffValuePane(const QString& objectBaseName, QWidget* parent = nullptr);

    void setHeading(const QString& heading, const QString& toolTip = {});
    // The value (or "(absent)", or the read error), with its note.
    void showValue(const DiffValue& value);
    // A message instead of a value ("Reading…"), shown dimmed.
    void showMessage(const QString& message);
    // Marks [from, to) of the shown text as the part that differs.
    void highlight(qsizetype from, qsizetype to);

    QPlainTextEdit* view() const { return view_; }
    QString heading() const;
    QString note() const;

private:
    void setText(const QString& text, bool dim);

    QLabel* heading_;
    QPlainTextEdit* view_;
    QLabel* note_;
};

}  // namespace meridian::ui
