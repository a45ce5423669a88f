#include "ui/window/start_page.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

#include "ui/common/app_icons.h"

namespace meridian::ui {

StartPage::StartPage(QWidget* parent)
    : QWidget(parent), recent_(new QListWidget(this)), noRecent_(new QLabel(this)) {
    setObjectName(QStringLiteral("startPage"));
    auto* icon = new QLabel(this);
    icon->setPixmap(appIcon().pixmap(64, 64));
    auto* title = new QLabel(QApplication::applicationDisplayName(), this);
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.6);
    big.setBold(true);
    title->setFont(big);
    auto* tagline = new QLabel(tr("Look inside a RocksDB database without changing it: it opens read-only until "
                                  "you enable editing."),
                               this);
    tagline->setWordWrap(true);

    auto button = [this](const QString& name, const QString& text, const QString& tip) {
        auto* b = new QPushButton(text, this);
        b->setObjectName(name);
        b->setToolTip(tip);
        return b;
    };
    QPushButton* open = button(QStringLiteral("startOpen"), tr("&Open Database…"), tr("Open a RocksDB folder (Ctrl+O)"));
    QPushButton* demo = button(QStringLiteral("startDemo"), tr("Open &Demo"),
                               tr("A small database made for trying the inspector, created once"));
    QPushButton* create = button(QStringLiteral("startNew"), tr("&New Database…"),
                                 tr("Create an empty RocksDB database in an empty or new folder"));
    open->setDefault(true);
    connect(open, &QPushButton::clicked, this, &StartPage::openRequested);
    connect(demo, &QPushButton::clicked, this, &StartPage::demoRequested);
    connect(create, &QPushButton::clicked, this, &StartPage::newRequested);

    recent_->setObjectName(QStringLiteral("startRecent"));
    recent_->setAlternatingRowColors(true);
    recent_->setMaximumWidth(720);
    connect(recent_, &QListWidget::itemActivated, this,
            [this](QListWidgetItem* item) { emit recentChosen(item->data(Qt::UserRole).toString()); });
    noRecent_->setText(tr("Databases you open are listed here."));
    noRecent_->setEnabled(false);

    auto* header = new QHBoxLayout;
    header->addWidget(icon);
    auto* words = new QVBoxLayout;
    words->addWidget(title);
    words->addWidget(tagline);
    header->addLayout(words, 1);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(open);
    buttons->addWidget(demo);
    buttons->addWidget(create);
    buttons->addStretch(1);
    auto* column = new QVBoxLayout;
    column->addLayout(header);
    column->addSpacing(12);
    column->addLayout(buttons);
    column->addSpacing(12);
    column->addWidget(new QLabel(tr("<b>Recent</b>"), this));
    column->addWidget(noRecent_);
    column->addWidget(recent_, 4);
    column->addStretch(1);  // takes the room while there is no list
    auto* page = new QHBoxLayout(this);
    page->addStretch(1);
    page->addLayout(column, 4);
    page->addStretch(1);
    setRecent({});
}

void StartPage::setRecent(const QStringList& paths) {
    recent_->clear();
    for (const QString& path : paths) {
        const QString name = QFileInfo(path).fileName();
        auto* item = new QListWidgetItem(QStringLiteral("%1 — %2").arg(name, QDir::toNativeSeparators(path)), recent_);
        item->setData(Qt::UserRole, path);
        item->setToolTip(path);
    }
    if (recent_->count() > 0) recent_->setCurrentRow(0);
    recent_->setVisible(!paths.isEmpty());
    noRecent_->setVisible(paths.isEmpty());
}

}  // namespace meridian::ui
