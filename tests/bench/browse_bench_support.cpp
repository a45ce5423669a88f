// browse_bench's support; see browse_bench_support.h.
#include "browse_bench_support.h"

#include <QByteArray>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QStringList>

#include <rocksdb/env.h>
#include <rocksdb/iterator.h>
#include <rocksdb/options.h>

#include <cstdarg>
#include <cstdio>
#include <ctime>
#include <optional>

#include "storage/rocksdb/compat.h"

#ifdef __APPLE__
#include <mach/mach.h>
#else
#include <unistd.h>
#endif

namespace meridian::bench {

[[noreturn]] void fail(const std::string& what) { throw BenchFailure(what); }

void check(bool ok, const std::string& what) {
    if (!ok) fail(what);
}

std::string hexOf(const std::string& bytes) {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (unsigned char c : bytes) {
        out += digits[c >> 4];
        out += digits[c & 15];
    }
    return out;
}

double msSince(const QElapsedTimer& t) { return static_cast<double>(t.nsecsElapsed()) / 1e6; }

double cpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

double median(std::vector<double> v) {
    check(!v.empty(), "median of no samples");
    std::sort(v.begin(), v.end());
    const std::size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

void inAlternatingOrder(int round, const std::function<void()>& ours, const std::function<void()>& raw) {
    if (round % 2 == 0) {
        ours();
        raw();
    } else {
        raw();
        ours();
    }
}

double percentile(std::vector<double> v, double p) {
    check(!v.empty(), "percentile of no samples");
    std::sort(v.begin(), v.end());
    const auto i = static_cast<std::size_t>(p * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
}

void say(const char* format, ...) {
    va_list args;
    va_start(args, format);
    std::vfprintf(stdout, format, args);
    va_end(args);
    std::fflush(stdout);
}

void figure(const std::string& name, double ours, double raw, const char* unit, const std::string& goal, bool met,
            const std::string& note) {
    const double ratio = raw > 0 ? ours / raw : 0;
    say("%-36s ours %9.2f %-6s raw %9.2f %-6s ratio %6.2fx   (%s) %s%s%s\n", name.c_str(), ours, unit, raw, unit,
        ratio, goal.c_str(), met ? "met" : "MISSED", note.empty() ? "" : "   ", note.c_str());
}

void spin(int ms) {
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

std::uint64_t residentBytes() {
#ifdef __APPLE__
    mach_task_basic_info info;
    mach_msg_type_number_t count = MACH_TASK_BASIC_INFO_COUNT;
    if (task_info(mach_task_self(), MACH_TASK_BASIC_INFO, reinterpret_cast<task_info_t>(&info), &count) != KERN_SUCCESS)
        fail("task_info failed");
    return info.resident_size;
#else
    std::FILE* f = std::fopen("/proc/self/statm", "r");
    check(f != nullptr, "cannot read /proc/self/statm");
    unsigned long long size = 0, resident = 0;
    const int n = std::fscanf(f, "%llu %llu", &size, &resident);
    std::fclose(f);
    check(n == 2, "cannot parse /proc/self/statm");
    return resident * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
#endif
}

double mb(double bytes) { return bytes / (1024.0 * 1024.0); }

namespace {

class NullLogger final : public rocksdb::Logger {
public:
    using rocksdb::Logger::Logv;
    void Logv(const char*, va_list) override {}
};

}  // namespace

std::unique_ptr<rocksdb::DB> rawOpen(const std::string& path, bool readOnly) {
    rocksdb::Options options;
    // A read-only open writes nothing into the folder (as ours): no LOG.
    if (readOnly) options.info_log = std::make_shared<NullLogger>();
    std::unique_ptr<rocksdb::DB> db;
    const rocksdb::Status s = readOnly ? meridian::storage::detail::compat::openForReadOnly(options, path, &db)
                                       : meridian::storage::detail::compat::open(options, path, &db);
    check(s.ok(), "raw RocksDB open of " + path + " failed: " + s.ToString());
    return db;
}

namespace {

std::optional<std::string> upperBound(const std::string& prefix) {
    std::string upper = prefix;
    while (!upper.empty()) {
        if (static_cast<unsigned char>(upper.back()) != 0xff) {
            upper.back() = static_cast<char>(static_cast<unsigned char>(upper.back()) + 1);
            return upper;
        }
        upper.pop_back();
    }
    return std::nullopt;
}

}  // namespace

std::vector<std::string> rawPage(rocksdb::DB* db, const std::string& prefix, std::size_t limit) {
    rocksdb::ReadOptions ro;
    const auto upper = upperBound(prefix);
    rocksdb::Slice upperSlice;
    if (upper) {
        upperSlice = rocksdb::Slice(*upper);
        ro.iterate_upper_bound = &upperSlice;
    }
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro));
    std::vector<std::string> keys;
    for (it->Seek(prefix); it->Valid() && keys.size() < limit; it->Next()) {
        if (!it->key().starts_with(prefix)) break;
        keys.push_back(it->key().ToString());
    }
    check(it->status().ok(), "raw iterator: " + it->status().ToString());
    return keys;
}

std::uint64_t rawCount(rocksdb::DB* db) {
    rocksdb::ReadOptions ro;
    ro.fill_cache = false;
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(ro));
    std::uint64_t n = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next()) ++n;
    check(it->status().ok(), "raw iterator: " + it->status().ToString());
    return n;
}

namespace {

// One raw pass over everything: the exact count every later figure is checked
// against, sample keys for prefixes, and a warm OS page cache for everyone.
Inventory inventory(const std::string& path) {
    auto db = rawOpen(path, true);
    Inventory inv;
    {
        std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions()));
        for (it->SeekToFirst(); it->Valid(); it->Next()) {
            ++inv.keys;
            inv.keyBytes += it->key().size();
        }
        check(it->status().ok(), "raw iterator: " + it->status().ToString());
    }
    check(inv.keys > 0, path + " holds no keys");
    for (const auto& entry : fs::directory_iterator(path)) {
        if (!entry.is_regular_file()) continue;
        if (entry.path().extension() == ".log") inv.walBytes += entry.file_size();
        if (entry.path().extension() == ".sst") inv.sstBytes += entry.file_size();
    }
    std::vector<std::uint64_t> at;
    for (double f : {0.01, 0.2, 0.4, 0.6, 0.8, 0.99}) at.push_back(static_cast<std::uint64_t>(f * (inv.keys - 1)));
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions()));
    std::uint64_t i = 0;
    std::size_t next = 0;
    for (it->SeekToFirst(); it->Valid() && next < at.size(); it->Next(), ++i)
        while (next < at.size() && at[next] == i) {
            inv.samples.push_back(it->key().ToString());
            ++next;
        }
    check(inv.samples.size() == at.size(), "could not sample keys of " + path);
    return inv;
}

QString findDbBench() {
    const QByteArray env = qgetenv("MERIDIAN_DB_BENCH");
    if (!env.isEmpty()) return QString::fromLocal8Bit(env);
    for (const char* name : {"db_bench", "rocksdb_db_bench"}) {
        const QString found = QStandardPaths::findExecutable(QString::fromLatin1(name));
        if (!found.isEmpty()) return found;
    }
    return {};
}

void makeDatabase(const QString& dir, std::uint64_t keys) {
    const QString dbBench = findDbBench();
    check(!dbBench.isEmpty(),
          "db_bench not found: install RocksDB's tools (Debian: rocksdb-tools), set MERIDIAN_DB_BENCH, or give "
          "existing databases in MERIDIAN_BENCH_DB_2M / MERIDIAN_BENCH_DB_20K");
    const QStringList args{QStringLiteral("--benchmarks=fillseq"), QStringLiteral("--num=%1").arg(keys),
                           QStringLiteral("--db=%1").arg(dir), QStringLiteral("--compression_type=none")};
    say("# making %s: %s %s\n", qPrintable(dir), qPrintable(dbBench), qPrintable(args.join(' ')));
    QElapsedTimer t;
    t.start();
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(dbBench, args);
    check(p.waitForStarted(), "cannot start " + dbBench.toStdString());
    check(p.waitForFinished(kTimeoutMs), "db_bench did not finish");
    const QByteArray output = p.readAll();
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        fail("db_bench failed (exit " + std::to_string(p.exitCode()) + "):\n" + output.toStdString());
    say("#   made in %.1f s\n", msSince(t) / 1000);
}

}  // namespace

void makeWorkingCopy(const fs::path& from, const fs::path& to) {
    std::error_code ec;
    fs::remove_all(to, ec);
    fs::create_directories(to);
    for (const auto& entry : fs::directory_iterator(from)) {
        if (!entry.is_regular_file()) continue;
        const std::string name = entry.path().filename().string();
        if (name == "LOCK" || name.rfind("LOG", 0) == 0) continue;
        if (entry.path().extension() == ".sst") {
            fs::create_hard_link(entry.path(), to / name, ec);
            if (!ec) continue;
        }
        fs::copy_file(entry.path(), to / name, fs::copy_options::overwrite_existing);
    }
}

Database prepare(const QString& label, const char* envVar, std::uint64_t keys, const QString& scratch) {
    Database db;
    db.label = label;
    const QByteArray env = qgetenv(envVar);
    if (!env.isEmpty()) {
        const QFileInfo given(QString::fromLocal8Bit(env));
        check(given.isDir() && QFileInfo::exists(given.absoluteFilePath() + "/CURRENT"),
              std::string(envVar) + "=" + env.toStdString() + " is not a RocksDB database folder");
        db.path = given.canonicalFilePath().toStdString();
        say("# %s database: reusing %s (%s)\n", qPrintable(label), db.path.c_str(), envVar);
    } else {
        const QString dir = scratch + "/db" + label;
        makeDatabase(dir, keys);
        db.path = QFileInfo(dir).canonicalFilePath().toStdString();
        db.made = true;
    }
    QElapsedTimer t;
    t.start();
    db.inv = inventory(db.path);
    say("# %s database: %llu keys, %.1f MB of keys, %.1f MB in SST files, %.1f MB of WAL to replay; raw inventory "
        "pass %.0f ms\n",
        qPrintable(label), static_cast<unsigned long long>(db.inv.keys), mb(static_cast<double>(db.inv.keyBytes)),
        mb(static_cast<double>(db.inv.sstBytes)), mb(static_cast<double>(db.inv.walBytes)), msSince(t));
    if (db.made)
        check(db.inv.keys == keys, "db_bench made " + std::to_string(db.inv.keys) + " keys, not " + std::to_string(keys));
    return db;
}

std::string benchKey(std::uint64_t i) {
    std::string k(8, '\0');
    for (int b = 7; b >= 0; --b, i >>= 8) k[static_cast<std::size_t>(b)] = static_cast<char>(i & 0xff);
    return k + "00000000";
}

}  // namespace meridian::bench
