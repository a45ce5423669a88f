#include "ui/open/damaged_database_question.h"

#include <QMessageBox>
#include <QPushButton>

namespace meridian::ui {

QMessageBox* askOpenDamagedReadOnly(QWidget* parent, const QString& message, std::function<void(bool)> answered) {
    auto* box = new QMessageBox(QMessageBox::Critical, QObject::tr("Database Looks Damaged"),
                                QObject::tr("This database looks damaged, so it was not opened for editing: "
                                            "RocksDB would delete what its MANIFEST or write-ahead log no longer "
                                            "accounts for. Nothing in the folder was changed."),
                                QMessageBox::Cancel, parent);
    box->setObjectName(QStringLiteral("damagedDatabaseBox"));
    box->setInformativeText(message);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    QPushButton* readOnly = box->addButton(QObject::tr("Open Read-Only"), QMessageBox::AcceptRole);
    readOnly->setObjectName(QStringLiteral("openReadOnlyButton"));
    box->setDefaultButton(readOnly);
    box->setEscapeButton(box->button(QMessageBox::Cancel));
    QObject::connect(box, &QMessageBox::finished, box, [box, readOnly, answered = std::move(answered)] {
        answered(box->clickedButton() == readOnly);
    });
    box->open();
    return box;
}

}  // namespace meridian::ui
