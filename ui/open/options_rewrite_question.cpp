#include "ui/open/options_rewrite_question.h"

#include <QAbstractButton>
#include <QMessageBox>
#include <QPushButton>

namespace meridian::ui {

QMessageBox* askOptionsRewrite(QWidget* parent, const QString& notice,
                               std::function<void(OptionsRewriteAnswer)> answered) {
    auto* box = new QMessageBox(QMessageBox::Warning, QObject::tr("Open for Editing?"),
                                QObject::tr("This database was written by an older RocksDB than the one this "
                                            "build uses. Editing it rewrites its OPTIONS file."),
                                QMessageBox::Cancel, parent);
    box->setObjectName(QStringLiteral("optionsRewriteBox"));
    box->setInformativeText(notice);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setWindowModality(Qt::WindowModal);
    QPushButton* edit = box->addButton(QObject::tr("Open for Editing"), QMessageBox::AcceptRole);
    edit->setObjectName(QStringLiteral("openForEditingButton"));
    QPushButton* readOnly = box->addButton(QObject::tr("Open Read-Only"), QMessageBox::RejectRole);
    readOnly->setObjectName(QStringLiteral("openReadOnlyButton"));
    // Looking changes nothing: the safe answer is the default.
    box->setDefaultButton(readOnly);
    box->setEscapeButton(box->button(QMessageBox::Cancel));
    QObject::connect(box, &QMessageBox::finished, box, [box, edit, readOnly, answered = std::move(answered)] {
        const QAbstractButton* clicked = box->clickedButton();
        answered(clicked == edit       ? OptionsRewriteAnswer::OpenForEditing
                 : clicked == readOnly ? OptionsRewriteAnswer::OpenReadOnly
                                       : OptionsRewriteAnswer::Cancel);
    });
    box->open();
    return box;
}

}  // namespace meridian::ui
