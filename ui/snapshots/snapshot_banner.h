// SnapshotBanner: the strip above the key list while a snapshot is viewed:
// "Viewing snapshot “X”, taken 12:01:02: read-only; the live database keeps
// changing." with a Back to Live button. Hidden while reading live data.
#pragma once

#include "ui/common/banner.h"

class QAction;

namespace meridian::ui {

struct NamedSnapshot;

class SnapshotBanner : public Banner {
    Q_OBJECT
public:
    SnapshotBanner(QAction* backToLive, QWidget* parent = nullptr);
    // Shows the banner for `snapshot`, or hides it (null).
    void showSnapshot(const NamedSnapshot* snapshot);
};

}  // namespace meridian::ui
