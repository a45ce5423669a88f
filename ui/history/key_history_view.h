// KeyHistoryView: the History tab beside the value. Every internal version
// of a key the database still holds (Storage::keyVersions), newest first,
// where each one is (the table files whose key range holds the key,
// storage::filesHolding), and a summary a person reads first ("Deleted at
// sequence 7; an older value is still on disk in L1"). Selecting a version
// shows its bytes, read-only.
//
// Its key field reads the key list's syntax (typed_bytes.h): a deleted key,
// which the list no longer shows, can be looked up by typing it. showKey()
// fills the field from the list's selection. Reads run on the session's read
// lanes; a newer request's result replaces an older one's, which is dropped.
// UI thread only.
#pragma once

#include <QPointer>
#include <QWidget>

#include "storage/bytes.h"

class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTableView;

namespace meridian::ui {

class KeyHistoryModel;
class StorageSession;

class KeyHistoryView : public QWidget {
    Q_OBJECT
public:
    explicit KeyHistoryView(QWidget* parent = nullptr);

    void setSession(StorageSession* session);
    void setDisplay(storage::ByteDisplay display);
    // Shows `key`'s history (typed into the field in the current syntax).
    void showKey(const QByteArray& key);
    // Reads the key in the field again (after a write or a refresh).
    void reload();

    KeyHistoryModel* model() const { return model_; }
    QLineEdit* keyField() const { return keyField_; }
    QString summary() const;
    // The bytes shown for the selected version.
    QString selectedValueText() const;

signals:
    // A key's history is shown (or failed: summary() says why).
    void loaded();

private:
    void load(const std::string& key);
    void showSelected();

    QPointer<StorageSession> session_;
    storage::ByteDisplay display_ = storage::ByteDisplay::Auto;
    KeyHistoryModel* model_;
    QLineEdit* keyField_;
    QLabel* summary_;
    QTableView* table_;
    QPlainTextEdit* value_;
    quint64 generation_ = 0;
};

}  // namespace meridian::ui
