#include "ui/common/async.h"

namespace meridian::ui {

QThreadPool* backgroundPool() {
    static QThreadPool* pool = [] {
        auto* p = new QThreadPool;  // lives as long as the process: work may still run at exit
        p->setMaxThreadCount(2);
        return p;
    }();
    return pool;
}

}  // namespace meridian::ui
