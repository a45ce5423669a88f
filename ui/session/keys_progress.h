// KeysProgress: reports "keys done so far" from storage work on a pool
// thread through its QPromise, for the status-bar task indicator and the
// dialogs (they read the number from the future's progress text).
//
// Qt drops a progress update whose value does not grow, and its text with
// it, so the value counts the reports and the text carries the keys.
// Callable as a storage::Progress: returns false once the future was
// cancelled. Use it on the thread that runs the work, for one QPromise.
#pragma once

#include <QPromise>
#include <QString>

#include <cstdint>
#include <limits>

#include "ui/common/async.h"

namespace meridian::ui {

template <class T>
class KeysProgress {
public:
    explicit KeysProgress(QPromise<T>& promise) : promise_(&promise) {}

    bool operator()(std::uint64_t done) {
        if (reports_ < std::numeric_limits<int>::max()) ++reports_;
        const QString text = QString::number(done);
        detail::TsanHandOff::toUiThread();  // the text reaches the UI thread through Qt (async.h)
        promise_->setProgressValueAndText(reports_, text);
        return !promise_->isCanceled();
    }

private:
    QPromise<T>* promise_;
    int reports_ = 0;
};

}  // namespace meridian::ui
