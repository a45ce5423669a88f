// storage_badinput_test: folders that are not (usable) databases. Every open
// mode must fail with the right Status code, a message naming the path, and
// the folder byte-for-byte as it was (no LOCK, no LOG, nothing).
#include <QCoreApplication>
#include <QtTest>

#include <sys/stat.h>

#include <rocksdb/comparator.h>
#include <rocksdb/merge_operator.h>

#include "rocksdb_test_support.h"
#include "test_support.h"
#include "tests/support/temp_paths.h"

using namespace meridian::storage;
using namespace meridian::test;

namespace {

// Reverse bytewise order, under its own name: a database made with it cannot
// be read correctly with the default comparator.
class ReverseComparator final : public rocksdb::Comparator {
public:
    const char* Name() const override { return "meridian.test.ReverseComparator"; }
    int Compare(const rocksdb::Slice& a, const rocksdb::Slice& b) const override { return -a.compare(b); }
    void FindShortestSeparator(std::string*, const rocksdb::Slice&) const override {}
    void FindShortSuccessor(std::string*) const override {}
};

// Concatenation, under its own name: values written through Merge() read
// wrong (or not at all) without it.
class ConcatOperator final : public rocksdb::AssociativeMergeOperator {
public:
    const char* Name() const override { return "meridian.test.Concat"; }
    bool Merge(const rocksdb::Slice&, const rocksdb::Slice* existing, const rocksdb::Slice& value, std::string* out,
               rocksdb::Logger*) const override {
        *out = (existing ? existing->ToString() : std::string()) + value.ToString();
        return true;
    }
};

const ReverseComparator& reverseComparator() {
    static ReverseComparator instance;
    return instance;
}

struct ModeCase {
    const char* name;
    StorageConfig config;
};

std::vector<ModeCase> everyMode() {
    return {
        {"read-write", plainConfig()},
        {"read-write, no fallback", plainConfig().withMemoryFallback(false)},
        {"read-only", plainConfig().withMode(OpenMode::ReadOnly)},
        {"following live", plainConfig().withMode(OpenMode::Secondary)},
        {"read-only, create if missing", plainConfig().withMode(OpenMode::ReadOnly).withCreateIfMissing()},
    };
}

}  // namespace

class StorageBadInputTest : public QObject {
    Q_OBJECT

private:
    TempPaths tmp_{QStringLiteral("case%1")};

    // Opens `path` in every mode; each must fail with `code` naming `path` and
    // change nothing under `watched` (the folder, or its parent when the path
    // itself is missing or a file).
    void expectRefusal(const QString& path, const QString& watched, Status::Code code,
                       const QString& mentions = {}, const std::vector<ModeCase>& modes = everyMode()) {
        const DirState before = snapshotDir(watched);
        QVERIFY2(!before.empty() || QDir(watched).isEmpty(), "nothing to watch");
        for (const ModeCase& mode : modes) {
            auto opened = open(path, mode.config);
            QVERIFY2(!opened.ok(), mode.name);
            QVERIFY2(!opened.storage, mode.name);
            QVERIFY2(opened.status.code() == code,
                     qPrintable(QStringLiteral("%1: expected '%2', got '%3'")
                                    .arg(QLatin1String(mode.name), QLatin1String(codeName(code)),
                                         qs(opened.status.toString()))));
            const QString message = qs(opened.status.message());
            QVERIFY2(message.contains(path) || message.contains(QFileInfo(path).canonicalFilePath()) ||
                         message.contains(QDir::cleanPath(path)),
                     qPrintable(QStringLiteral("%1: the message does not name %2: %3").arg(QLatin1String(mode.name), path, message)));
            if (!mentions.isEmpty())
                QVERIFY2(message.contains(mentions), qPrintable(QStringLiteral("%1: %2").arg(QLatin1String(mode.name), message)));
            QVERIFY(opened.report.reason == OpenReason::Failed);
            QVERIFY(opened.report.cause.code() == code);
            QVERIFY2(!opened.report.advice.empty() || code == Status::Code::Unsupported, mode.name);
            CHECK_DIR_UNCHANGED(watched, before);
        }
    }

    QString databaseWith(const std::map<std::string, std::string>& data) {
        const QString path = tmp_.freshPath();
        const std::string made = makeRawDatabase(path, data);
        if (made != "OK") qWarning("cannot make %s: %s", qPrintable(path), made.c_str());
        return path;
    }

private slots:
    void initTestCase() { QVERIFY(tmp_.isValid()); }

    void missingPathIsNotFoundAndNothingIsCreated() {
        const QString path = tmp_.freshPath();
        expectRefusal(path, tmp_.path(), Status::Code::NotFound);
        QVERIFY(!QFileInfo::exists(path));
        // Nested: no parent folders are created either.
        expectRefusal(path + "/deeper/db", tmp_.path(), Status::Code::NotFound);
        QVERIFY(!QFileInfo::exists(path));
    }

    void regularFileIsNotADatabase() {
        const QString file = tmp_.freshPath();
        QVERIFY(writeFile(file, QByteArray("not a database\n", 15)));
        auto modes = everyMode();
        modes.push_back({"read-write, create if missing", plainConfig().withCreateIfMissing()});
        expectRefusal(file, tmp_.path(), Status::Code::NotADatabase, {}, modes);
        QCOMPARE(readFile(file), QByteArray("not a database\n"));
    }

    void emptyFolderIsNotADatabase() {
        const QString path = tmp_.freshPath();
        QVERIFY(QDir().mkpath(path));
        expectRefusal(path, tmp_.path(), Status::Code::NotADatabase, QStringLiteral("empty"));
        QVERIFY(QDir(path).isEmpty());
        // ... unless the caller asked to create one there.
        auto created = open(path, plainConfig().withCreateIfMissing());
        CHECK_OK(created.status);
        QVERIFY(QFileInfo::exists(path + "/CURRENT"));
    }

    void folderWithOtherFilesIsNotADatabase() {
        const QString path = tmp_.freshPath();
        QVERIFY(QDir().mkpath(path + "/sub"));
        QVERIFY(writeFile(path + "/notes.txt", "hello"));
        QVERIFY(writeFile(path + "/000001.log", QByteArray(64, '\xab')));  // looks like RocksDB, is not
        QVERIFY(writeFile(path + "/sub/data.bin", QByteArray("\0\1\2", 3)));
        auto modes = everyMode();
        modes.push_back({"read-write, create if missing", plainConfig().withCreateIfMissing()});
        expectRefusal(path, path, Status::Code::NotADatabase, QStringLiteral("CURRENT"), modes);
    }

    void garbageInCurrentIsCorruption() {
        const QString path = databaseWith({{"k", "v"}});
        QVERIFY(writeFile(path + "/CURRENT", "this is not a manifest name\n\xff\xfe"));
        removeInfoLogs(path);
        auto modes = everyMode();
        modes.push_back({"read-write, create if missing", plainConfig().withCreateIfMissing()});
        expectRefusal(path, path, Status::Code::Corruption, QStringLiteral("CURRENT"), modes);
    }

    // A CURRENT of one endless manifest number (a fuzzer's find: matching it
    // with a regular expression overflowed the stack) is damage, said calmly.
    void endlessManifestNumberInCurrentIsCorruption() {
        const QString path = databaseWith({{"k", "v"}});
        QVERIFY(writeFile(path + "/CURRENT", "MANIFEST-" + QByteArray(200000, '7') + "\n"));
        removeInfoLogs(path);
        expectRefusal(path, path, Status::Code::Corruption, QStringLiteral("CURRENT"));
    }

    void emptyCurrentIsCorruption() {
        const QString path = databaseWith({{"k", "v"}});
        QVERIFY(writeFile(path + "/CURRENT", QByteArray()));
        removeInfoLogs(path);
        expectRefusal(path, path, Status::Code::Corruption, QStringLiteral("CURRENT"));
    }

    void currentNamingAMissingManifestIsCorruption() {
        const QString path = databaseWith({{"k", "v"}});
        QVERIFY(writeFile(path + "/CURRENT", "MANIFEST-999999\n"));
        removeInfoLogs(path);
        expectRefusal(path, path, Status::Code::Corruption, QStringLiteral("MANIFEST-999999"));
    }

    void customComparatorIsUnsupported() {
        const QString path = tmp_.freshPath();
        const std::string made = makeRawDatabase(path, {{"a", "1"}, {"b", "2"}}, [](rocksdb::Options& o) {
            o.comparator = &reverseComparator();
        });
        QCOMPARE(qs(made), QStringLiteral("OK"));
        removeInfoLogs(path);
        expectRefusal(path, path, Status::Code::Unsupported, QStringLiteral("meridian.test.ReverseComparator"));
    }

    void customComparatorWithoutOptionsFileIsUnsupported() {
        // Old databases (or options persistence off) have no OPTIONS file: the
        // comparator's name is only in the MANIFEST.
        const QString path = tmp_.freshPath();
        const std::string made = makeRawDatabase(path, {{"a", "1"}}, [](rocksdb::Options& o) {
            o.comparator = &reverseComparator();
        });
        QCOMPARE(qs(made), QStringLiteral("OK"));
        QDir dir(path);
        for (const QString& name : dir.entryList({QStringLiteral("OPTIONS-*")}, QDir::Files)) QVERIFY(dir.remove(name));
        removeInfoLogs(path);
        expectRefusal(path, path, Status::Code::Unsupported, QStringLiteral("meridian.test.ReverseComparator"));
    }

    void customMergeOperatorIsUnsupported() {
        const QString path = tmp_.freshPath();
        {
            rocksdb::Options options;
            options.create_if_missing = true;
            options.merge_operator = std::make_shared<ConcatOperator>();
            std::unique_ptr<rocksdb::DB> db;
            QVERIFY(detail::compat::open(options, path.toStdString(), &db).ok());
            QVERIFY(db->Merge(rocksdb::WriteOptions(), "k", "a").ok());
            QVERIFY(db->Merge(rocksdb::WriteOptions(), "k", "b").ok());
            QVERIFY(db->Close().ok());
        }
        removeInfoLogs(path);
        expectRefusal(path, path, Status::Code::Unsupported, QStringLiteral("meridian.test.Concat"));
    }

    // RocksDB follows a LOCK symlink (creating its target wherever it points)
    // and cannot lock a folder or a FIFO: a read-write open refuses before
    // RocksDB touches anything. Read-only and following-live opens take no
    // lock, so they still open.
    void lockThatIsNotAFileStopsReadWriteOpens_data() {
        QTest::addColumn<QString>("kind");
        QTest::newRow("symlink to a missing file") << "symlink";
        QTest::newRow("folder") << "folder";
        QTest::newRow("FIFO") << "fifo";
    }
    void lockThatIsNotAFileStopsReadWriteOpens() {
        QFETCH(QString, kind);
        const QString path = databaseWith({{"k", "v"}});
        const QString lock = path + "/LOCK";
        QVERIFY(QFile::remove(lock));
        const QString outside = tmp_.freshPath(QStringLiteral("outside%1"));
        if (kind == "symlink")
            QVERIFY(QFile::link(outside, lock));
        else if (kind == "folder")
            QVERIFY(QDir().mkdir(lock));
        else
            QVERIFY(::mkfifo(QFile::encodeName(lock).constData(), 0644) == 0);
        removeInfoLogs(path);
        expectRefusal(path, path, Status::Code::Unsupported, QStringLiteral("LOCK"),
                      {{"read-write", plainConfig()},
                       {"read-write, create if missing", plainConfig().withCreateIfMissing()}});
        QVERIFY2(!QFileInfo::exists(outside), "the LOCK symlink's target was created");
        for (OpenMode mode : {OpenMode::ReadOnly, OpenMode::Secondary}) {
            auto opened = open(path, plainConfig().withMode(mode));
            CHECK_OK(opened.status);
            CHECK_OK(opened.storage->get("k"));
        }
        QVERIFY(!QFileInfo::exists(outside));
    }

    // RocksDB's own texts start with its code ("Corruption: ..."); ours is
    // the Status code. A message carries one of them, not both.
    void damagedDatabaseSaysCorruptionOnce_data() {
        QTest::addColumn<QString>("damage");
        QTest::newRow("truncated SST") << "truncated sst";
        QTest::newRow("garbled SST block") << "garbled sst";
        QTest::newRow("garbage MANIFEST") << "garbage manifest";
    }
    void damagedDatabaseSaysCorruptionOnce() {
        QFETCH(QString, damage);
        const QString path = tmp_.freshPath();
        {
            rocksdb::Options options;
            options.create_if_missing = true;
            options.compression = rocksdb::kNoCompression;
            std::unique_ptr<rocksdb::DB> db;
            QVERIFY(detail::compat::open(options, path.toStdString(), &db).ok());
            for (int i = 0; i < 2000; ++i)
                QVERIFY(db->Put(rocksdb::WriteOptions(), "key" + std::to_string(i), std::string(100, 'v')).ok());
            QVERIFY(db->Flush(rocksdb::FlushOptions()).ok());
            QVERIFY(db->Close().ok());
        }
        const QStringList tables = QDir(path).entryList({QStringLiteral("*.sst")}, QDir::Files);
        QVERIFY(!tables.isEmpty());
        const QString sst = path + "/" + tables.front();
        if (damage == "truncated sst") {
            QVERIFY(QFile::resize(sst, QFileInfo(sst).size() / 2));
        } else if (damage == "garbled sst") {
            QByteArray content = readFile(sst);
            for (int i = 100; i < 4000; ++i) content[i] = char(content[i] ^ 0x5A);  // inside the first data block
            QVERIFY(writeFile(sst, content));
        } else {
            const QStringList manifests = QDir(path).entryList({QStringLiteral("MANIFEST-*")}, QDir::Files);
            QCOMPARE(manifests.size(), 1);
            QVERIFY(writeFile(path + "/" + manifests.front(), QByteArray(300, '\x5A')));
        }
        removeInfoLogs(path);

        // Every failure on the way, from the opens and from reading.
        std::vector<Status> failures;
        for (const ModeCase& mode : everyMode()) {
            auto opened = open(path, mode.config);
            if (!opened.ok()) {
                failures.push_back(opened.status);
                continue;
            }
            auto all = opened.storage->count("");
            if (!all.ok()) failures.push_back(all.status());
            auto one = opened.storage->get("key1");
            if (!one.ok()) failures.push_back(one.status());
        }
        QVERIFY2(!failures.empty(), "the damage went unnoticed");
        bool corruption = false;
        for (const Status& failure : failures) {
            const QString text = qs(failure.toString());
            const QString lower = text.toLower();
            const QString code = QLatin1String(codeName(failure.code())) + QStringLiteral(": ");
            QVERIFY2(lower.count(code) == 1, qPrintable(text));
            for (const char* rocks : {"Corruption: ", "IO error: ", "Invalid argument: ", "NotFound: ", "Not implemented: "})
                QVERIFY2(!text.contains(QLatin1String(rocks)), qPrintable(text));
            corruption = corruption || failure.code() == Status::Code::Corruption;
            if (failure.code() == Status::Code::Corruption)
                QVERIFY2(text.contains(QStringLiteral("damaged")), qPrintable(text));
        }
        QVERIFY2(corruption, qPrintable(qs(failures.front().toString())));
    }

    void goodDatabaseStillOpensAfterRefusals() {
        // Control: the same steps on an intact database succeed, so the
        // refusals above are about the damage, not the procedure.
        const QString path = databaseWith({{"k", "v"}});
        for (const ModeCase& mode : everyMode()) {
            auto opened = open(path, mode.config);
            CHECK_OK(opened.status);
            auto v = opened.storage->get("k");
            CHECK_OK(v);
        }
    }
};

QTEST_GUILESS_MAIN(StorageBadInputTest)
#include "storage_badinput_test.moc"
