// Banner: a coloured strip above the main views that says something the user
// must keep in mind while it shows (viewing a snapshot; a damaged database).
// A label that wraps, an optional widget on the right, and a tone whose
// colours read on light and dark palettes (and follow a palette change).
// Hidden until showMessage().
//
// UI thread only.
#pragma once

#include <QFrame>

class QLabel;

namespace meridian::ui {

class Banner : public QFrame {
    Q_OBJECT
public:
    enum class Tone { Notice, Danger };  // amber, red
    Banner(Tone tone, const QString& objectName, QWidget* parent = nullptr);

    void showMessage(const QString& text);  // shows the banner with `text`
    QString text() const;                   // "" while hidden

protected:
    void changeEvent(QEvent* event) override;
    // Puts `widget` at the left (an icon) or the right (a button) of the text.
    void addLeading(QWidget* widget);
    void addTrailing(QWidget* widget);

private:
    void applyColours();
    Tone tone_;
    QLabel* label_;
    bool applying_ = false;
};

}  // namespace meridian::ui
