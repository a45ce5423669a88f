// browse_bench's figures; the list is in browse_bench_figures.h.
#include "browse_bench_figures.h"

#include <QByteArray>
#include <QElapsedTimer>

#include <rocksdb/iterator.h>
#include <rocksdb/options.h>

#include <algorithm>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "storage/storage.h"

namespace meridian::bench {

namespace {

// 1. Open -> first page.

struct RawOpened {
    double ms = 0;
    double cpuMs = 0;
    std::vector<std::string> keys;
};

// DB::Open / OpenForReadOnly + an iterator reading the first page (closing not timed).
RawOpened rawOpenFirstPage(const std::string& path, bool readOnly) {
    RawOpened result;
    const double cpuStart = cpuMs();
    QElapsedTimer t;
    t.start();
    auto db = rawOpen(path, readOnly);
    result.keys = rawPage(db.get(), {}, kFirstPage);
    result.ms = msSince(t);
    result.cpuMs = cpuMs() - cpuStart;
    return result;
}

struct OpenFigures {
    double ours = 0, raw = 0, oursOpen = 0, oursCpu = 0, rawCpu = 0;
};

enum class OpenCase { FirstReadWrite, ReopenReadWrite, ReadOnly };

OpenFigures measureOpen(Bench& bench, const Database& db, OpenCase which, const fs::path& scratch, int reps) {
    std::vector<double> ours, raw, oursOpen, oursCpu, rawCpu;
    const fs::path oursCopy = scratch / ("ours-" + db.label.toStdString());
    const fs::path rawCopy = scratch / ("raw-" + db.label.toStdString());
    const bool readOnly = which == OpenCase::ReadOnly;
    const auto mode = readOnly ? storage::OpenMode::ReadOnly : storage::OpenMode::ReadWrite;
    if (which == OpenCase::ReopenReadWrite) {
        // The first read-write open replays and flushes the WAL; after it, every open is a reopen.
        makeWorkingCopy(db.path, oursCopy);
        makeWorkingCopy(db.path, rawCopy);
        bench.open(oursCopy.string(), mode);
        bench.close();
        rawOpen(rawCopy.string(), false).reset();
    }
    const std::vector<std::string> expected = rawPage(rawOpen(db.path, true).get(), {}, kFirstPage);
    for (int r = 0; r < reps; ++r) {
        if (which == OpenCase::FirstReadWrite) {
            makeWorkingCopy(db.path, oursCopy);
            makeWorkingCopy(db.path, rawCopy);
        }
        const std::string oursPath = readOnly ? db.path : oursCopy.string();
        const std::string rawPath = readOnly ? db.path : rawCopy.string();
        auto runOurs = [&] {
            auto o = bench.open(oursPath, mode);
            bench.close();
            checkSameKeys(o.keys, expected, "first page after opening " + db.label.toStdString());
            ours.push_back(o.firstPageMs);
            oursOpen.push_back(o.openMs);
            oursCpu.push_back(o.cpuMs);
        };
        auto runRaw = [&] {
            auto o = rawOpenFirstPage(rawPath, readOnly);
            checkSameKeys(o.keys, expected, "raw first page of " + db.label.toStdString());
            raw.push_back(o.ms);
            rawCpu.push_back(o.cpuMs);
        };
        inAlternatingOrder(r, runOurs, runRaw);
    }
    return {median(ours), median(raw), median(oursOpen), median(oursCpu), median(rawCpu)};
}

}  // namespace

void openFigures(Bench& bench, const Database& small, const Database& big, const fs::path& scratch) {
    say("\n# 1. open -> first page in the model (%zu keys), median of alternating runs\n", kFirstPage);
    struct Case {
        OpenCase which;
        const char* suffix;
        const char* note;
        int reps;
    };
    const Case cases[] = {
        {OpenCase::FirstReadWrite, "", "read-write, first open: RocksDB replays and flushes the WAL db_bench left", 3},
        {OpenCase::ReopenReadWrite, "_reopen", "read-write, WAL already flushed", 5},
        {OpenCase::ReadOnly, "_readonly", "read-only: RocksDB replays the WAL into memory at every open", 5},
    };
    for (const auto& c : cases) {
        const OpenFigures s = measureOpen(bench, small, c.which, scratch, c.reps);
        const OpenFigures b = measureOpen(bench, big, c.which, scratch, c.reps);
        char note[320];
        std::snprintf(note, sizeof note, "%s; databaseOpened after %.1f ms; cpu ours %.1f ms raw %.1f ms", c.note,
                      s.oursOpen, s.oursCpu, s.rawCpu);
        figure("open_to_first_page_20k" + std::string(c.suffix), s.ours, s.raw, "ms", "goal < 50 ms", s.ours < 50, note);
        std::snprintf(note, sizeof note, "%s; databaseOpened after %.1f ms; cpu ours %.1f ms raw %.1f ms", c.note,
                      b.oursOpen, b.oursCpu, b.rawCpu);
        figure("open_to_first_page_2M" + std::string(c.suffix), b.ours, b.raw, "ms", "goal < 50 ms", b.ours < 50, note);
        const double oursGrowth = b.ours / s.ours, rawGrowth = b.raw / s.raw;
        say("%-36s ours %9.2fx        raw %9.2fx        (goal: 2M no slower than 20k, 20%% noise allowed) %s\n",
            ("open_growth_2M_vs_20k" + std::string(c.suffix)).c_str(), oursGrowth, rawGrowth,
            oursGrowth <= 1.2 ? "met" : "MISSED");
    }
    std::error_code ec;
    fs::remove_all(scratch / "ours-2M", ec);
    fs::remove_all(scratch / "raw-2M", ec);
    fs::remove_all(scratch / "ours-20k", ec);
    fs::remove_all(scratch / "raw-20k", ec);
}

void prefixFigure(Bench& bench, rocksdb::DB* raw, const Database& big) {
    say("\n# 2. prefix change -> first page (KeyBrowser::setPrefix -> firstPageLoaded)\n");
    std::vector<std::string> prefixes;
    const std::size_t lengths[] = {5, 6, 7};
    for (std::size_t i = 0; i < big.inv.samples.size(); ++i) {
        const std::string& key = big.inv.samples[i];
        prefixes.push_back(key.substr(0, std::min(key.size(), lengths[i % 3])));
    }
    prefixes.push_back(std::string("\xff\xff\xfe", 3));  // (in db_bench keys) matches nothing
    prefixes.push_back({});                              // back to everything
    // No prefix twice: setting the prefix the field already shows changes nothing.
    for (std::size_t i = 1; i < prefixes.size();) {
        if (std::find(prefixes.begin(), prefixes.begin() + static_cast<std::ptrdiff_t>(i), prefixes[i]) !=
            prefixes.begin() + static_cast<std::ptrdiff_t>(i))
            prefixes.erase(prefixes.begin() + static_cast<std::ptrdiff_t>(i));
        else
            ++i;
    }
    std::vector<double> oursPrefix, rawPrefix;
    const int prefixRounds = 6;  // the first is a warm-up
    for (int round = 0; round < prefixRounds; ++round) {
        for (const auto& prefix : prefixes) {
            std::vector<std::string> shown;
            double rawMs = 0;
            std::vector<std::string> expected;
            auto runRaw = [&] {
                QElapsedTimer t;
                t.start();
                expected = rawPage(raw, prefix, kFirstPage);
                rawMs = msSince(t);
            };
            double oursMs = 0;
            if (round % 2 == 0) {
                oursMs = bench.changePrefix(prefix, &shown);
                runRaw();
            } else {
                runRaw();
                oursMs = bench.changePrefix(prefix, &shown);
            }
            checkSameKeys(shown, expected, "first page of prefix " + hexOf(prefix));
            if (round == 0) continue;
            oursPrefix.push_back(oursMs);
            rawPrefix.push_back(rawMs);
        }
    }
    {
        char note[128];
        std::snprintf(note, sizeof note, "%zu prefixes x %d rounds; ours p90 %.2f ms, max %.2f ms", prefixes.size(),
                      prefixRounds - 1, percentile(oursPrefix, 0.9), percentile(oursPrefix, 1.0));
        figure("prefix_to_first_page_2M", median(oursPrefix), median(rawPrefix), "ms", "no goal given; median", true,
               note);
    }
}

void countFigures(Bench& bench, rocksdb::DB* raw, const Database& big) {
    say("\n# 3/4. exact count of all keys (KeyBrowser::countKeys) and the UI thread meanwhile\n");
    check(bench.model()->prefix().isEmpty(), "the prefix should be empty before counting");
    std::vector<double> oursRate, rawRate, oursCpuRate, rawCpuRate, gaps;
    double worstGap = 0, worstP99 = 0;
    int fewestProgress = INT_MAX;
    const int countReps = 3;
    for (int r = 0; r < countReps; ++r) {
        auto runOurs = [&] {
            const auto c = bench.count();
            if (c.count != static_cast<qint64>(big.inv.keys))
                fail("KeyBrowser::countKeys counted " + std::to_string(c.count) + " keys; raw RocksDB has " +
                     std::to_string(big.inv.keys));
            check(bench.browser()->lastCount() == c.count, "the browser does not show the count it finished with");
            if (big.inv.keys >= 4096 && c.progressReports == 0)
                fail("a count of " + std::to_string(big.inv.keys) + " keys reported no progress to the task indicator");
            oursRate.push_back(static_cast<double>(c.count) / (c.ms / 1000));
            oursCpuRate.push_back(static_cast<double>(c.count) / (c.cpuMs / 1000));
            gaps.push_back(c.maxGapMs);
            fewestProgress = std::min(fewestProgress, c.progressReports);
            worstGap = std::max(worstGap, c.maxGapMs);
            worstP99 = std::max(worstP99, c.p99GapMs);
        };
        auto runRaw = [&] {
            const double cpuStart = cpuMs();
            QElapsedTimer t;
            t.start();
            const auto n = rawCount(raw);
            const double ms = msSince(t);
            rawCpuRate.push_back(static_cast<double>(n) / ((cpuMs() - cpuStart) / 1000));
            check(n == big.inv.keys, "raw count " + std::to_string(n) + " != " + std::to_string(big.inv.keys));
            rawRate.push_back(static_cast<double>(n) / (ms / 1000));
        };
        inAlternatingOrder(r, runOurs, runRaw);
    }
    {
        const double ours = median(oursRate) / 1e6, rawM = median(rawRate) / 1e6;
        const double oursCpu = median(oursCpuRate) / 1e6, rawCpu = median(rawCpuRate) / 1e6;
        say("%-36s ours %9.2f Mkeys/s raw %9.2f Mkeys/s ratio %6.2fx   (goal >= 0.8x) %s   median of %d; per CPU "
            "second: ours %.2f raw %.2f Mkeys, ratio %.2fx\n",
            "count_throughput_2M", ours, rawM, ours / rawM, ours / rawM >= 0.8 ? "met" : "MISSED", countReps, oursCpu,
            rawCpu, oursCpu / rawCpu);
    }
    {
        StallMonitor idle;
        idle.start();
        spin(1000);
        idle.stop();
        char note[200];
        std::snprintf(note, sizeof note,
                      "raw column: the same timer on an idle loop; ours median of %d counts %.2f ms, p99 %.2f ms; "
                      "progress shown >= %d times a count",
                      countReps, median(gaps), worstP99, fewestProgress);
        figure("ui_stall_during_count_2M", worstGap, idle.maxGap(), "ms", "goal < 50 ms", worstGap < 50, note);
    }
}

void memoryFigures(Bench& bench, rocksdb::DB* raw, const Database& big) {
    say("\n# 5. memory after paging 1M rows into the KeyListModel (fetchMore, %zu keys a page)\n", kNextPage);
    const std::size_t target = std::min<std::uint64_t>(1000000, big.inv.keys);
    // A fresh model holding only the first page: go to another prefix and back.
    bench.changePrefix(std::string("\x01", 1));
    bench.changePrefix({});
    const std::uint64_t rssBefore = residentBytes();
    const std::size_t modelBefore = bench.model()->memoryBytes();
    const auto paged = bench.pageTo(target);
    const std::uint64_t rssAfter = residentBytes();
    const std::size_t modelAfter = bench.model()->memoryBytes();
    const auto rows = static_cast<std::size_t>(bench.model()->rowCount());
    check(rows >= target, "paging stopped at " + std::to_string(rows) + " rows");
    // Check every row against raw RocksDB, and time raw reading as many keys.
    std::uint64_t rawBytes = 0;
    double rawReadMs = 0;
    {
        QElapsedTimer t;
        t.start();
        std::vector<std::string> keys;
        {
            std::unique_ptr<rocksdb::Iterator> it(raw->NewIterator(rocksdb::ReadOptions()));
            for (it->SeekToFirst(); it->Valid() && keys.size() < rows; it->Next()) keys.push_back(it->key().ToString());
            check(it->status().ok(), "raw iterator: " + it->status().ToString());
        }
        rawReadMs = msSince(t);
        check(keys.size() == rows, "raw RocksDB has fewer keys than the model shows");
        for (std::size_t i = 0; i < rows; ++i) {
            const QByteArray shown = bench.model()->keyAt(static_cast<int>(i));
            if (std::string_view(shown.constData(), static_cast<std::size_t>(shown.size())) != keys[i])
                fail("after paging, row " + std::to_string(i) + " is " + hexOf(shown.toStdString()) + ", raw reads " +
                     hexOf(keys[i]));
            rawBytes += keys[i].size();
        }
    }
    const double rssDelta = static_cast<double>(rssAfter) - static_cast<double>(rssBefore);
    const double modelDelta = static_cast<double>(modelAfter) - static_cast<double>(modelBefore);
    {
        char note[160];
        std::snprintf(note, sizeof note, "%zu rows; raw column: the keys' own bytes; model ratio %.2fx",
                      rows, modelDelta / static_cast<double>(rawBytes));
        figure("memory_rss_after_1M_rows", mb(rssDelta), mb(static_cast<double>(rawBytes)), "MB",
               "no goal given; RSS delta", true, note);
        figure("memory_model_after_1M_rows", mb(modelDelta), mb(static_cast<double>(rawBytes)), "MB",
               "KeyListModel::memoryBytes", true);
        std::snprintf(note, sizeof note, "%zu fetchMore calls; raw column: one iterator reading as many keys", paged.pages);
        figure("page_through_1M_rows", paged.ms, rawReadMs, "ms", "no goal given", true, note);
        figure("ui_stall_while_paging_1M", paged.maxGapMs, 5, "ms", "goal < 50 ms", paged.maxGapMs < 50,
               "raw column: the timer interval");
    }
}

}  // namespace meridian::bench
