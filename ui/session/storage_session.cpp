#include "ui/session/storage_session.h"

#include "ui/session/catch_up_lane.h"
#include "ui/session/keys_progress.h"

namespace meridian::ui {

QFuture<storage::OpenResult> StorageSession::open(const QString& path, const storage::StorageConfig& config) {
    const std::string p = path.toStdString();
    // Opens are rare and belong to no session yet.
    return runOn(backgroundPool(), [p, config]() { return storage::createStorage(p, config); });
}

StorageSession::StorageSession(storage::StoragePtr storage, storage::OpenReport report, QObject* parent)
    : QObject(parent),
      root_(storage),
      storage_(std::move(storage)),
      report_(std::move(report)),
      catchUps_(new CatchUpLane([this] { return storage_; }, lanes_, this)) {
    family_ = storage_->info().columnFamily;
    pool_.setMaxThreadCount(2);
    connect(catchUps_, &CatchUpLane::caughtUp, this, &StorageSession::caughtUp);
}

StorageSession::~StorageSession() {
    cancelLongWork();
    delete catchUps_;  // waits for its catch-up, which waits for the lanes
    catchUps_ = nullptr;
    lanes_.waitForDone();
    pool_.waitForDone();
    detail::TsanHandOff::onUiThread();  // what the tasks did happens before this (async.h)
}

QStringList StorageSession::columnFamilies() const {
    QStringList names;
    for (const auto& name : storage_->columnFamilies()) names << QString::fromStdString(name);
    return names;
}

bool StorageSession::setColumnFamily(const QString& name) {
    auto scoped = root_->columnFamily(name.toStdString());
    if (!scoped.ok()) return false;
    storage_ = scoped.value();
    family_ = name.toStdString();
    emit columnFamilyChanged(name);
    return true;
}

bool StorageSession::isWritable() const {
    return !isViewingSnapshot() && storage_->info().mode == storage::OpenMode::ReadWrite;
}

void StorageSession::setReadView(storage::SnapshotPtr snapshot, const QString& name) {
    read_.snapshot = std::move(snapshot);
    viewName_ = read_.snapshot ? name : QString();
    emit readViewChanged();
}

void StorageSession::clearReadView() {
    if (!isViewingSnapshot()) return;
    setReadView(nullptr, {});
}

QFuture<storage::Result<storage::ScanPage>> StorageSession::scan(storage::ScanRequest request) {
    if (!request.read.snapshot) request.read = read_;
    return read([request = std::move(request)](storage::Storage& s) { return s.scan(request); });
}

QFuture<storage::Result<std::string>> StorageSession::get(std::string key) {
    return read([key = std::move(key), read = read_](storage::Storage& s) { return s.get(key, read); });
}

QFuture<storage::Result<storage::NamespaceListing>> StorageSession::listNamespace(
    std::string parent, char delimiter, std::size_t limit, std::optional<storage::NamespaceChild> after) {
    return read([parent = std::move(parent), delimiter, limit, read = read_, after = std::move(after)](storage::Storage& s) {
        return storage::listNamespace(s, parent, delimiter, limit, read, after ? &*after : nullptr);
    });
}

QFuture<storage::Stats> StorageSession::stats() {
    return run([](storage::Storage& s) { return s.stats(); });
}

QFuture<storage::Status> StorageSession::catchUp() { return catchUps_->request(); }

void StorageSession::follow(int intervalMs) {
    if (storage_->info().mode == storage::OpenMode::Secondary) catchUps_->follow(intervalMs);
}

void StorageSession::stopFollowing() { catchUps_->stopFollowing(); }

bool StorageSession::isFollowing() const { return catchUps_->isFollowing(); }

quint64 StorageSession::catchUpsFinished() const { return catchUps_->finished(); }

bool StorageSession::isCatchingUp() const { return catchUps_->isBusy(); }

QFuture<void> StorageSession::drainReads() {
    // A lane runs its work in order: a no-op on each comes after all of it.
    return runOn(&pool_, [lanes = &lanes_] { lanes->touchEach([] {}); });
}

QFuture<storage::Result<std::uint64_t>> StorageSession::count(std::string prefix) {
    using Counted = storage::Result<std::uint64_t>;
    return runLong<Counted>([prefix = std::move(prefix), read = read_](QPromise<Counted>& promise, storage::Storage& s) {
        promise.setProgressRange(0, 0);
        promise.addResult(s.count(prefix, read, KeysProgress(promise)));
    });
}

void StorageSession::cancelLongWork() {
    // Only work still running: cancelling a finished future is meaningless, and
    // on Qt 6.4 it is a use-after-free when a then() continuation was attached
    // and its future has since been released (KeyBrowser::countKeys does that):
    // QFutureInterfaceBase::cancel walks the continuation chain through raw
    // pointers to freed futures (valgrind: invalid read/write in cancel(),
    // called from ~StorageSession; browse_bench crashed there).
    for (auto& f : longWork_)
        if (!f.isFinished()) f.cancel();
    longWork_.clear();
}

}  // namespace meridian::ui
