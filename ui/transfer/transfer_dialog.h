// TransferDialog: what the Export and Import dialogs share. A progress bar
// and a status line that follow the runner (progress while running, then
// the outcome), a Start button and a Close button that reads Cancel while a
// run goes on (closing then cancels, and the dialog stays to say how it
// ended), growing to fit wrapped text, and the folder of the last file chosen
// (kept in QSettings for the next dialog and the next run of the app).
//
// Subclasses build their form, then call finishLayout(), connect start(),
// and implement updateState(). UI thread only.
#pragma once

#include <QDialog>
#include <QPointer>

class QLayout;
class QLabel;
class QProgressBar;
class QPushButton;

namespace meridian::ui {

class TransferRunner;
struct TransferOutcome;

class TransferDialog : public QDialog {
    Q_OBJECT
public:
    bool isRunning() const { return running_; }
    // The progress or the outcome shown.
    QString statusText() const;

public slots:
    void reject() override;

protected:
    // `name` prefixes the object names ("export" gives exportStart, exportStatus, …).
    TransferDialog(TransferRunner* runner, bool exporting, const QString& name, const QString& startText,
                   QWidget* parent);

    // Lays out `top` (the form and notes), then progress, status and buttons.
    void finishLayout(QLayout* top);
    void setStatus(const QString& text);
    void fitHeight();
    // Enables and labels the shared widgets for running_ (call from updateState()).
    void updateSharedState(bool canStart, const QString& whyNot);
    virtual void updateState() = 0;

    static QString lastFolder();
    static void rememberFolderOf(const QString& file);

    QPointer<TransferRunner> runner_;
    QProgressBar* progress_;
    QLabel* status_;
    QPushButton* start_ = nullptr;
    QPushButton* cancel_ = nullptr;
    bool running_ = false;

private:
    void finished(const TransferOutcome& outcome);
    QString startText_;
};

}  // namespace meridian::ui
