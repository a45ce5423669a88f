// browse_bench's "ours"; see browse_bench_window.h.
#include "browse_bench_window.h"

#include <QByteArray>
#include <QFuture>
#include <QFutureWatcher>
#include <QLineEdit>
#include <QModelIndex>

#include "storage/rocksdb/registry.h"
#include "ui/session/storage_session.h"

namespace meridian::bench {

std::vector<std::string> modelKeys(const ui::KeyListModel* model) {
    std::vector<std::string> keys;
    const auto rows = static_cast<std::size_t>(model->rowCount());
    keys.reserve(rows);
    for (std::size_t i = 0; i < rows; ++i) keys.push_back(model->keyAt(static_cast<int>(i)).toStdString());
    return keys;
}

void checkSameKeys(const std::vector<std::string>& ours, const std::vector<std::string>& raw, const std::string& what) {
    if (ours.size() != raw.size())
        fail(what + ": the model shows " + std::to_string(ours.size()) + " keys, raw RocksDB reads " +
             std::to_string(raw.size()));
    for (std::size_t i = 0; i < ours.size(); ++i)
        if (ours[i] != raw[i])
            fail(what + ": row " + std::to_string(i) + " is " + hexOf(ours[i]) + ", raw RocksDB reads " + hexOf(raw[i]));
}

Bench::Opened Bench::open(const std::string& path, storage::OpenMode mode) {
    close();
    Opened result;
    Waiter waiter;
    QString failed;
    QElapsedTimer t;
    double cpuStart = 0;
    const auto onOpened = QObject::connect(&window_, &ui::MainWindow::databaseOpened, &window_,
                                           [&] { result.openMs = msSince(t); });
    const auto onPage = QObject::connect(model(), &ui::KeyListModel::firstPageLoaded, &window_, [&] {
        if (waiter.done()) return;
        result.firstPageMs = msSince(t);
        result.cpuMs = cpuMs() - cpuStart;
        waiter.finish();
    });
    const auto onFailed = QObject::connect(&window_, &ui::MainWindow::openFailed, &window_, [&](const QString& m) {
        failed = m;
        waiter.finish();
    });
    const auto onError = QObject::connect(model(), &ui::KeyListModel::errorOccurred, &window_,
                                          [&](const QString& m) {
                                              failed = m;
                                              waiter.finish();
                                          });
    cpuStart = cpuMs();
    t.start();
    window_.openDatabase(QString::fromStdString(path), mode, storage::StorageConfig{}.withEnvironment(false));
    waiter.wait("the first page after opening " + path);
    for (const auto& c : {onOpened, onPage, onFailed, onError}) QObject::disconnect(c);
    check(failed.isEmpty(), "opening " + path + " failed: " + failed.toStdString());
    check(window_.session() != nullptr, "no session after opening " + path);
    check(window_.session()->info().backend == storage::Backend::RocksDb, path + " did not open with RocksDB");
    check(model()->prefix().isEmpty(), "the model kept a prefix across opens");
    result.keys = modelKeys(model());
    open_ = path;
    return result;
}

void Bench::close() {
    window_.closeDatabase();
    if (open_.empty()) return;
    QElapsedTimer t;
    t.start();
    while (storage::detail::openModeInProcess(open_)) {
        if (t.elapsed() > kTimeoutMs) fail(open_ + " stayed open after MainWindow::closeDatabase");
        spin(2);
    }
    open_.clear();
}

double Bench::changePrefix(const std::string& prefix, std::vector<std::string>* keys) {
    Waiter waiter;
    double ms = -1;
    QString failed;
    QElapsedTimer t;
    const auto onPage = QObject::connect(model(), &ui::KeyListModel::firstPageLoaded, &window_, [&] {
        if (waiter.done()) return;
        ms = msSince(t);
        waiter.finish();
    });
    const auto onError = QObject::connect(model(), &ui::KeyListModel::errorOccurred, &window_,
                                          [&](const QString& m) {
                                              failed = m;
                                              waiter.finish();
                                          });
    t.start();
    browser()->setPrefix(QByteArray::fromStdString(prefix));
    if (model()->prefix().toStdString() != prefix)
        fail("KeyBrowser::setPrefix(" + hexOf(prefix) + ") set the model's prefix to " +
             hexOf(model()->prefix().toStdString()) + " (field text '" +
             browser()->prefixField()->text().toStdString() + "')");
    waiter.wait("the first page of prefix " + hexOf(prefix));
    QObject::disconnect(onPage);
    QObject::disconnect(onError);
    check(failed.isEmpty(), "prefix " + hexOf(prefix) + ": " + failed.toStdString());
    if (keys) *keys = modelKeys(model());
    return ms;
}

Bench::Counted Bench::count() {
    Counted result;
    Waiter waiter;
    QElapsedTimer t;
    double cpuStart = 0;
    const auto onDone = QObject::connect(browser(), &ui::KeyBrowser::countFinished, &window_, [&](qint64 n) {
        result.ms = msSince(t);
        result.cpuMs = cpuMs() - cpuStart;
        result.count = n;
        waiter.finish();
    });
    // The progress the window's task indicator shows (the first report
    // always gets through Qt's throttling: at least one for 4096+ keys).
    QFutureWatcher<void> progress;
    QObject::connect(&progress, &QFutureWatcherBase::progressTextChanged, &window_,
                     [&](const QString& text) {
                         ++result.progressReports;
                         result.lastProgress = text;
                     });
    const auto onStarted = QObject::connect(browser(), &ui::KeyBrowser::taskStarted, &window_,
                                            [&](const QString&, QFuture<void> future) {
                                                progress.setFuture(future);
                                            });
    StallMonitor monitor;
    monitor.start();
    cpuStart = cpuMs();
    t.start();
    browser()->countKeys();
    QObject::disconnect(onStarted);
    check(browser()->isCounting(), "KeyBrowser::countKeys did not start a count");
    waiter.wait("an exact count");
    monitor.stop();
    QObject::disconnect(onDone);
    result.maxGapMs = monitor.maxGap();
    result.p99GapMs = monitor.p99();
    result.ticks = monitor.ticks();
    return result;
}

Bench::Paged Bench::pageTo(std::size_t rows) {
    Paged result;
    Waiter waiter;
    QString failed;
    const QModelIndex root;
    auto more = [&] {
        if (waiter.done()) return;
        if (static_cast<std::size_t>(model()->rowCount()) >= rows || model()->atEnd()) {
            waiter.finish();
            return;
        }
        if (model()->canFetchMore(root)) {
            model()->fetchMore(root);
            ++result.pages;
        }
    };
    const auto onPage = QObject::connect(model(), &ui::KeyListModel::pageLoaded, &window_, more);
    const auto onError = QObject::connect(model(), &ui::KeyListModel::errorOccurred, &window_,
                                          [&](const QString& m) {
                                              failed = m;
                                              waiter.finish();
                                          });
    StallMonitor monitor;
    monitor.start();
    QElapsedTimer t;
    t.start();
    more();
    waiter.wait("paging to " + std::to_string(rows) + " rows");
    result.ms = msSince(t);
    monitor.stop();
    QObject::disconnect(onPage);
    QObject::disconnect(onError);
    check(failed.isEmpty(), "paging: " + failed.toStdString());
    result.maxGapMs = monitor.maxGap();
    return result;
}

}  // namespace meridian::bench
