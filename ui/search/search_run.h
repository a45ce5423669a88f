// SearchRun: one search (storage/search) on a session's pool, with what it
// found so far for the window to show while it runs.
//
// startSearch() searches the session's current column family and read view
// (live, or the snapshot being viewed). Matches arrive on the search's
// threads and wait in `pending` until the UI thread takes them
// (takePending(), on a timer); progress (keys read) is the future's progress
// text, as for counts (keys_progress.h); Cancel is the future's.
//
// Thread safety: takePending() and the search's threads share `pending`
// under its mutex; `result` is complete once the job's future finished.
#pragma once

#include <mutex>
#include <optional>
#include <vector>

#include "storage/search/search.h"
#include "ui/common/async.h"

namespace meridian::ui {

class StorageSession;

struct SearchRun {
    storage::SearchQuery query;
    std::optional<storage::Result<storage::SearchResult>> result;

    std::vector<storage::SearchMatch> takePending();
    void add(const storage::SearchMatch& match);

private:
    std::mutex mutex_;
    std::vector<storage::SearchMatch> pending_;
};

Job<SearchRun> startSearch(StorageSession& session, storage::SearchQuery query);

}  // namespace meridian::ui
