#include "ui/search/search_run.h"

#include "ui/session/keys_progress.h"
#include "ui/session/storage_session.h"

namespace meridian::ui {

std::vector<storage::SearchMatch> SearchRun::takePending() {
    std::lock_guard lock(mutex_);
    return std::exchange(pending_, {});
}

void SearchRun::add(const storage::SearchMatch& match) {
    std::lock_guard lock(mutex_);
    pending_.push_back(match);
}

Job<SearchRun> startSearch(StorageSession& session, storage::SearchQuery query) {
    auto run = std::make_shared<SearchRun>();
    if (!query.read.snapshot) query.read = session.readOptions();
    run->query = std::move(query);
    return session.startJob(run, [](QPromise<void>& promise, storage::Storage& s, SearchRun& run) {
        KeysProgress<void> progress(promise);
        run.result = storage::search(
            s, run.query, [&run](const storage::SearchMatch& m) { run.add(m); },
            [&progress](std::uint64_t scanned) { return progress(scanned); });
    });
}

}  // namespace meridian::ui
