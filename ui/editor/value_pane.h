// ValuePane: what the value editor needs from each of its views (Text, Hex,
// JSON).
//
// Contract: a pane shows the bytes it is given and never changes them on its
// own. It is "modified" only after the user edited it; bytes() then returns
// exactly what the pane shows. A pane that cannot show a value exactly
// enough to edit it (text that is not valid UTF-8, characters a text editor
// would change, a value cut for a quick look) shows it read-only and says why
// in note(), so an edit it cannot represent is refused rather than saved
// lossily. UI thread only.
#pragma once

#include <QByteArray>
#include <QString>
#include <QWidget>

namespace meridian::ui {

class ValuePane : public QWidget {
    Q_OBJECT
public:
    using QWidget::QWidget;

    // Shows `bytes`; at most `limit` bytes of them when the pane is slow with
    // more (then read-only and isPartial()). `writable`: the database can be
    // written. Leaves the pane unmodified.
    virtual void showBytes(const QByteArray& bytes, bool writable, qsizetype limit) = 0;
    virtual bool isModified() const = 0;
    // After a save: the shown content is what is stored now.
    virtual void setUnmodified() = 0;
    // The edited content. Meaningful when isModified().
    virtual QByteArray bytes() const = 0;
    // Why the edited content cannot be saved (and where), or empty. May move
    // the pane's cursor to the problem.
    virtual QString saveProblem() { return {}; }
    // Why the edited content has no bytes at all (text that does not encode
    // in the pane's format), or empty: such an edit cannot travel to another
    // view. May move the pane's cursor to the problem.
    virtual QString bytesProblem() { return {}; }
    // Why this value is read-only here, or a remark about how it is shown; empty if none.
    virtual QString note() const = 0;
    virtual bool isPartial() const { return false; }
    // The widget that takes keyboard focus.
    virtual QWidget* editorWidget() = 0;

signals:
    void modifiedChanged(bool modified);
    // The user changed the content (every edit, not only the first).
    void contentEdited();
};

}  // namespace meridian::ui
