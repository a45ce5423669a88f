// KeyDialog: asks for a key (Add Key, Rename Key) or a prefix (Delete Keys
// Under Prefix), and for Add Key an initial value, binary-safely.
//
// Each field is typed as Text (UTF-8; \xNN, \t, \n, \\ for other bytes, the
// escapes the key list shows) or as Hex; the field starts in the format that
// fits its initial bytes; Paste fills it with the exact bytes of a key or
// value copied in the app (Copy Key, Copy Value). OK stays disabled while a
// field does not parse, and the dialog says why. Use open() and read
// key()/value() on accepted().
#pragma once

#include <QByteArray>
#include <QDialog>

#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace meridian::ui {

class KeyDialog : public QDialog {
    Q_OBJECT
public:
    enum class Purpose { AddKey, RenameKey, Prefix };

    KeyDialog(Purpose purpose, const QByteArray& initialKey, QWidget* parent = nullptr);

    QByteArray key() const;
    QByteArray value() const;  // AddKey only
    // Sets a field as the user would, in the given format (tests, paste).
    void setKeyText(const QString& text, bool hex = false);
    void setValueText(const QString& text, bool hex = false);

    // Text or hex -> bytes; nullopt when it does not parse.
    static std::optional<QByteArray> parse(const QString& text, bool hex);
    // Bytes -> the text a field shows, in the format that fits (hex when not printable).
    static QString format(const QByteArray& bytes, bool* hex);

private:
    void validate();

    Purpose purpose_;
    QLineEdit* key_;
    QComboBox* keyFormat_;
    QLineEdit* value_ = nullptr;
    QComboBox* valueFormat_ = nullptr;
    QLabel* problem_;
    QDialogButtonBox* buttons_;
};

}  // namespace meridian::ui
