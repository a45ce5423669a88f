// DamageBanner: the red strip above the key list while the open database is
// one the storage layer found damaged (StorageInfo::warnings of a RocksDB
// database: table files the MANIFEST does not list, a WAL that does not
// replay cleanly). It says the view may be incomplete and why, for as long
// as the database is open. Hidden otherwise.
//
// UI thread only.
#pragma once

#include <QStringList>

#include "ui/common/banner.h"

namespace meridian::ui {

class DamageBanner : public Banner {
    Q_OBJECT
public:
    explicit DamageBanner(QWidget* parent = nullptr);
    // Shows `warnings` (one paragraph each), or hides the banner (none).
    void showWarnings(const QStringList& warnings);
};

}  // namespace meridian::ui
