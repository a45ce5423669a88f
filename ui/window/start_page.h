// StartPage: what an empty window offers. Recent databases (double-click or
// Enter opens one), Open…, Open Demo, and New Database… (an empty RocksDB in
// an empty or new folder: the one case where creating is right). It only
// asks; MainWindow opens. UI thread only.
#pragma once

#include <QStringList>
#include <QWidget>

class QLabel;
class QListWidget;

namespace meridian::ui {

class StartPage : public QWidget {
    Q_OBJECT
public:
    explicit StartPage(QWidget* parent = nullptr);

    // The recent databases to list, newest first.
    void setRecent(const QStringList& paths);

signals:
    void openRequested();
    void demoRequested();
    void newRequested();
    void recentChosen(const QString& path);

private:
    QListWidget* recent_;
    QLabel* noRecent_;
};

}  // namespace meridian::ui
