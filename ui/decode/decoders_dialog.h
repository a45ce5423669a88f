// DecodersDialog (Tools > Key Layouts and Decoders…): what the inspector
// knows about this database's bytes, to read and change: the key layouts,
// one template a line (checked as typed: the first that does not parse is
// named with where and why), and the decoder set for each key prefix (which
// the Decoded view sets; here they can be removed). Export… and Import…
// save and load both as a JSON file (DecoderSettings::toJson) through the
// native file dialogs. OK applies the layouts; UI thread only.
#pragma once

#include <QDialog>
#include <QPointer>

class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;
class QTableWidget;

namespace meridian::ui {

class DecoderSettings;

class DecodersDialog : public QDialog {
    Q_OBJECT
public:
    DecodersDialog(DecoderSettings* settings, QWidget* parent = nullptr);

    QPlainTextEdit* layoutsEdit() const { return layouts_; }
    QTableWidget* decodersTable() const { return decoders_; }
    QString problem() const;
    // Reads `path` (an export) into the settings and the dialog; false with the reason shown.
    bool importFrom(const QString& path);
    bool exportTo(const QString& path);
    void accept() override;

private:
    void check();
    void fillDecoders();

    QPointer<DecoderSettings> settings_;
    QPlainTextEdit* layouts_;
    QLabel* problem_;
    QTableWidget* decoders_;
    QDialogButtonBox* buttons_;
};

}  // namespace meridian::ui
