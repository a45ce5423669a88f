// browse_bench's "ours": the real MainWindow, offscreen, driven the way a user
// drives it, each step timed to the signal that shows its result.
#pragma once

#include <QString>

#include <cstddef>
#include <string>
#include <vector>

#include "browse_bench_support.h"
#include "storage/storage.h"
#include "ui/browser/key_browser.h"
#include "ui/browser/key_list_model.h"
#include "ui/window/main_window.h"

namespace meridian::bench {

// Opens `path` read-only in `window` (shown) and waits until it is open;
// fails with the window's reason when it is not.
inline void openReadOnly(ui::MainWindow& window, const QString& path) {
    Waiter opened;
    QString failed;
    const auto ok = QObject::connect(&window, &ui::MainWindow::databaseOpened, [&] { opened.finish(); });
    const auto bad = QObject::connect(&window, &ui::MainWindow::openFailed, [&](const QString& why) {
        failed = why;
        opened.finish();
    });
    window.openDatabase(path, storage::OpenMode::ReadOnly);
    opened.wait("the open");
    QObject::disconnect(ok);
    QObject::disconnect(bad);
    check(failed.isEmpty() && window.session() != nullptr, "the database did not open: " + failed.toStdString());
}

// The keys in the model, in row order.
std::vector<std::string> modelKeys(const ui::KeyListModel* model);
// Fails (naming `what`) unless the model shows exactly the keys raw RocksDB reads.
void checkSameKeys(const std::vector<std::string>& ours, const std::vector<std::string>& raw, const std::string& what);

class Bench {
public:
    Bench() {
        window_.resize(1180, 720);
        window_.show();
        model()->setPageSize(kFirstPage, kNextPage);
    }
    ~Bench() { window_.closeDatabase(); }

    ui::KeyListModel* model() const { return window_.keyBrowser()->model(); }
    ui::KeyBrowser* browser() const { return window_.keyBrowser(); }

    struct Opened {
        double firstPageMs = 0;  // openDatabase -> firstPageLoaded
        double openMs = 0;       // openDatabase -> databaseOpened (factory open + installing the session)
        double cpuMs = 0;        // process CPU time over firstPageMs
        std::vector<std::string> keys;
    };

    // MainWindow::openDatabase -> the first page in the model.
    Opened open(const std::string& path, storage::OpenMode mode);

    // Closes the window's database and waits until RocksDB has really closed
    // it (the registry forgets it), so a raw open of the same path can follow.
    void close();

    // KeyBrowser::setPrefix (what typing does) -> firstPageLoaded.
    double changePrefix(const std::string& prefix, std::vector<std::string>* keys = nullptr);

    struct Counted {
        double ms = 0;
        double cpuMs = 0;  // process CPU time meanwhile (the counting thread, mostly)
        int progressReports = 0;
        QString lastProgress;
        qint64 count = -1;
        double maxGapMs = 0;
        double p99GapMs = 0;
        std::size_t ticks = 0;
    };

    // KeyBrowser::countKeys -> countFinished, with the stall monitor running.
    Counted count();

    struct Paged {
        double ms = 0;
        double maxGapMs = 0;
        std::size_t pages = 0;
    };

    // fetchMore until the model holds `rows` rows (or the prefix ends).
    Paged pageTo(std::size_t rows);

private:
    ui::MainWindow window_;
    std::string open_;
};

}  // namespace meridian::bench
