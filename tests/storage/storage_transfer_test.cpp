// storage_transfer_test: export and import through files on both backends:
// round trips, one moment per export, no half-written files, and imports
// that stop at a bad line (with its number) or roll back a failed or
// cancelled write, and can be undone in one step.
#include <QDir>
#include <QFile>
#include <QtTest>

#include "storage/transfer/export_import.h"
#include "transfer_test_support.h"

using namespace meridian::storage;
using namespace meridian::test;
using namespace std::string_literals;

namespace {

// Random data every format can carry, or (binary) anything.
Model randomModel(quint32 seed, int keys, bool textSafe) {
    QRandomGenerator rng(seed);
    Model model;
    while (static_cast<int>(model.size()) < keys) {
        std::string k = randomBytes(rng, 10, true) + std::to_string(rng.bounded(1000));
        std::string v = randomBytes(rng, 30);
        if (textSafe) {
            std::erase(k, '\n');
            std::erase(v, '\n');
            if (k.find(" ==> ") != std::string::npos) continue;
        }
        model[k] = v;
    }
    return model;
}

Status fill(Storage& store, const Model& model) {
    WriteBatch batch;
    for (const auto& [k, v] : model) batch.put(k, v);
    return store.write(batch);
}

QStringList filesIn(const QString& dir) { return QDir(dir).entryList(QDir::Files | QDir::Hidden); }

}  // namespace

class TransferTest : public QObject {
    Q_OBJECT

private:
    TempPaths m_tmp;

    QString newFile() { return m_tmp.freshPath(QStringLiteral("dump%1.txt")); }

    // A file of `good` valid ldb hex records, then `tail` lines as given.
    QString writeDump(int good, const QByteArray& tail) {
        QByteArray content;
        for (int i = 0; i < good; ++i)
            content += "0x" + QByteArray::number(100000 + i).toHex().toUpper() + " ==> 0x" +
                       QByteArray::number(i).toHex().toUpper() + "\n";
        content += tail;
        const QString path = newFile();
        return writeFile(path, content) ? path : QString();
    }

private slots:
    void initTestCase() { QVERIFY(m_tmp.isValid()); }

    void roundTripInEveryFormat_data() {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<int>("format");
        for (const char* backend : {"rocksdb", "memory"})
            for (DumpFormat f : {DumpFormat::LdbHex, DumpFormat::LdbText, DumpFormat::JsonLines})
                QTest::addRow("%s, %s", backend, dumpFormatName(f)) << QString(backend) << int(f);
    }
    void roundTripInEveryFormat() {
        QFETCH(QString, backend);
        QFETCH(int, format);
        const Model model = randomModel(7, 3000, DumpFormat(format) == DumpFormat::LdbText);
        StoragePtr source = makeStore(backend, m_tmp);
        QVERIFY(source);
        CHECK_OK(fill(*source, model));
        const QString file = newFile();
        ExportOptions options;
        options.format = DumpFormat(format);
        std::uint64_t lastProgress = 0;
        options.progress = [&](std::uint64_t n) {
            lastProgress = n;
            return true;
        };
        auto exported = exportDumpToFile(*source, file.toStdString(), options);
        CHECK_OK(exported);
        QCOMPARE(exported->keys, std::uint64_t(model.size()));
        QCOMPARE(lastProgress, std::uint64_t(model.size()));
        QCOMPARE(exported->fileBytes, std::uint64_t(QFileInfo(file).size()));

        StoragePtr target = makeStore(backend, m_tmp);
        ImportOptions importOptions;
        importOptions.hex = DumpFormat(format) == DumpFormat::LdbHex;  // as ldb load --hex
        std::vector<ImportStage> stages;
        importOptions.stage = [&](ImportStage s, std::uint64_t) { stages.push_back(s); };
        const ImportReport report = importDumpFile(target, file.toStdString(), importOptions);
        CHECK_OK(report.status);
        QCOMPARE(report.format, DumpFormat(format));
        QCOMPARE(report.summary.keys, std::uint64_t(model.size()));
        QCOMPARE(report.summary.fileBytes, exported->fileBytes);
        QVERIFY(stages == (std::vector<ImportStage>{ImportStage::Checking, ImportStage::Writing}));
        CHECK_MODEL(model, contents(*target));
    }

    void exportTakesOnlyThePrefixAtOneMoment_data() { addBackendRows(); }
    void exportTakesOnlyThePrefixAtOneMoment() {
        QFETCH(QString, backend);
        StoragePtr store = makeStore(backend, m_tmp);
        for (int i = 0; i < 100; ++i) CHECK_OK(store->put((i % 2 ? "odd:" : "even:") + std::to_string(i), "v"));
        const SnapshotPtr then = store->snapshot();
        CHECK_OK(store->put("odd:new", "later"));
        CHECK_OK(store->remove("odd:1"));
        ExportOptions options;
        options.prefix = "odd:";
        options.read = at(then);
        const QString file = newFile();
        auto exported = exportDumpToFile(*store, file.toStdString(), options);
        CHECK_OK(exported);
        QCOMPARE(exported->keys, std::uint64_t(50));
        const QByteArray content = readFile(file);
        QVERIFY(content.endsWith("\nKeys in range: 50\n"));
        QVERIFY(content.startsWith("0x" + QByteArray("odd:1").toHex().toUpper() + " ==> 0x76\n"));
        QVERIFY(!content.contains(QByteArray("odd:new").toHex().toUpper()));
        QVERIFY(!content.contains(QByteArray("even:").toHex().toUpper()));
        // Into a sink: the same bytes.
        std::string streamed;
        auto again = exportDump(*store, options, [&](std::string_view chunk) {
            streamed += chunk;
            return Status();
        });
        CHECK_OK(again);
        QCOMPARE(bytes(streamed), content);
    }

    void failedExportLeavesNoFile_data() { addBackendRows(); }
    void failedExportLeavesNoFile() {
        QFETCH(QString, backend);
        StoragePtr store = makeStore(backend, m_tmp);
        for (int i = 0; i < 10000; ++i) CHECK_OK(store->put("k" + std::to_string(10000 + i), "value"));
        CHECK_OK(store->put("k2", "two\nlines"));  // sorts after every "k1...": fails late
        QTemporaryDir dir(m_tmp.filePath("export-XXXXXX"));
        const QString file = dir.filePath("out.txt");
        QVERIFY(writeFile(file, "previous contents\n"));

        ExportOptions text;
        text.format = DumpFormat::LdbText;
        auto refused = exportDumpToFile(*store, file.toStdString(), text);
        CHECK_CODE(refused, Status::Code::InvalidArgument);
        QVERIFY2(refused.status().message().find("0x6B32") != std::string::npos, refused.status().message().c_str());
        QCOMPARE(readFile(file), QByteArray("previous contents\n"));
        QCOMPARE(filesIn(dir.path()), QStringList{"out.txt"});  // no temporary left behind

        ExportOptions cancelled;
        cancelled.progress = [](std::uint64_t n) { return n < 4096; };
        CHECK_CODE(exportDumpToFile(*store, file.toStdString(), cancelled), Status::Code::Cancelled);
        QCOMPARE(readFile(file), QByteArray("previous contents\n"));
        QCOMPARE(filesIn(dir.path()), QStringList{"out.txt"});

        CHECK_CODE(exportDumpToFile(*store, dir.filePath("missing/out.txt").toStdString(), {}), Status::Code::NotFound);
        CHECK_CODE(exportDumpToFile(*store, dir.path().toStdString(), {}), Status::Code::InvalidArgument);
        // And a good one replaces the old file.
        CHECK_OK(exportDumpToFile(*store, file.toStdString(), {}));
        QVERIFY(readFile(file).endsWith("Keys in range: 10001\n"));
        QCOMPARE(filesIn(dir.path()), QStringList{"out.txt"});
    }

    void malformedLineStopsTheImportBeforeAnyWrite_data() { addBackendRows(); }
    void malformedLineStopsTheImportBeforeAnyWrite() {
        QFETCH(QString, backend);
        StoragePtr store = makeStore(backend, m_tmp);
        CHECK_OK(store->put("existing", "kept"));
        const Model before = contents(*store);
        // 50000 good records (many batches' worth) and then a bad line 50002.
        const QString file = writeDump(50000, "Keys in range: 50000\n0x61 ==> 0x6g\n0x62 ==> 0x63\n");
        ImportOptions options;
        options.hex = true;
        options.batchBytes = 4096;
        const ImportReport report = importDumpFile(store, file.toStdString(), options);
        CHECK_CODE(report.status, Status::Code::InvalidArgument);
        QCOMPARE(report.errorLine, std::uint64_t(50002));
        QVERIFY2(report.status.message().find("line 50002: the value is not 0x") != std::string::npos,
                 report.status.message().c_str());
        QVERIFY(report.wroteNothing);
        QVERIFY(!report.undo);
        CHECK_MODEL(before, contents(*store));

        CHECK_CODE(importDumpFile(store, m_tmp.filePath("nope.txt").toStdString()).status, Status::Code::NotFound);
        CHECK_CODE(importDumpFile(store, m_tmp.path().toStdString()).status, Status::Code::InvalidArgument);
    }

    void cancelledOrFailedImportsAreRolledBack_data() {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<QString>("how");
        for (const char* backend : {"rocksdb", "memory"})
            for (const char* how : {"cancel while checking", "cancel while writing", "write fails", "file changes"})
                QTest::addRow("%s, %s", backend, how) << QString(backend) << QString(how);
    }
    void cancelledOrFailedImportsAreRolledBack() {
        QFETCH(QString, backend);
        QFETCH(QString, how);
        StoragePtr inner = makeStore(backend, m_tmp);
        // Some keys the import overwrites, one it leaves alone.
        for (int i = 0; i < 20000; i += 7) CHECK_OK(inner->put(std::to_string(100000 + i), "old"));
        CHECK_OK(inner->put("untouched", "yes"));
        const Model before = contents(*inner);
        const QString file = writeDump(20000, {});
        auto failing = std::make_shared<FailingStorage>(inner, how == "write fails" ? 5 : 1000000);
        ImportOptions options;
        options.hex = true;
        options.batchBytes = 8192;
        ImportStage current = ImportStage::Checking;
        options.stage = [&](ImportStage s, std::uint64_t) {
            current = s;
            if (s == ImportStage::Writing && how == "file changes") writeFile(file, "0x61 ==> 0x62\nbroken\n");
        };
        options.progress = [&](std::uint64_t n) {
            if (how == "cancel while checking") return current != ImportStage::Checking || n < 8192;
            if (how == "cancel while writing") return current != ImportStage::Writing || n < 12288;
            return true;
        };
        const ImportReport report = importDumpFile(failing, file.toStdString(), options);
        QVERIFY(!report.ok());
        QVERIFY2(report.wroteNothing, report.status.message().c_str());
        QVERIFY(!report.undo);
        if (how.startsWith("cancel")) CHECK_CODE(report.status, Status::Code::Cancelled);
        if (how == "write fails") CHECK_CODE(report.status, Status::Code::IOError);
        if (how == "file changes") CHECK_CODE(report.status, Status::Code::Corruption);
        if (how != "cancel while checking")
            QVERIFY2(report.status.message().find("undone: nothing was imported") != std::string::npos,
                     report.status.message().c_str());
        if (how == "cancel while checking") QCOMPARE(failing->writes(), 0);
        CHECK_MODEL(before, contents(*inner));
    }

    void aFailedRollbackSaysSo() {
        StoragePtr inner = createMemoryStorage();
        auto failing = std::make_shared<FailingStorage>(inner, 3, true);  // the disk stays full
        ImportOptions options;
        options.hex = true;
        options.batchBytes = 1024;
        const ImportReport report = importDumpFile(failing, writeDump(1000, {}).toStdString(), options);
        CHECK_CODE(report.status, Status::Code::IOError);
        QVERIFY(!report.wroteNothing);
        QVERIFY2(report.status.message().find("partly applied") != std::string::npos, report.status.message().c_str());
    }

    void anImportIsUndoneInOneStep_data() { addBackendRows(); }
    void anImportIsUndoneInOneStep() {
        QFETCH(QString, backend);
        StoragePtr store = makeStore(backend, m_tmp);
        const Model old = randomModel(3, 2000, false);
        CHECK_OK(fill(*store, old));
        const Model before = contents(*store);
        // The import overwrites half the keys, adds as many, repeats one key.
        Model incoming;
        int i = 0;
        for (const auto& [k, v] : old)
            if (i++ % 2 == 0) incoming[k] = "new " + v;
        for (int j = 0; j < 6000; ++j) incoming["added" + std::to_string(j)] = "a";
        QByteArray content;
        for (const auto& [k, v] : incoming) {
            std::string line;
            CHECK_OK(appendRecord(line, DumpFormat::JsonLines, k, v));
            content += bytes(line);
        }
        content += "{\"key\":\"added7\",\"value\":\"last wins\"}\n";
        const QString file = newFile();
        QVERIFY(writeFile(file, content));

        const ImportReport report = importDumpFile(store, file.toStdString(), {});
        CHECK_OK(report.status);
        QCOMPARE(report.format, DumpFormat::JsonLines);
        QVERIFY(report.undo);
        QCOMPARE(report.undo->keys(), std::uint64_t(incoming.size() + 1));
        Model after = before;
        for (const auto& [k, v] : incoming) after[k] = v;
        after["added7"] = "last wins";
        CHECK_MODEL(after, contents(*store));

        // A write by someone else to a key the import did not touch survives the undo.
        CHECK_OK(store->put("zz-other", "kept"));
        // Cancel half-way, then finish: undo is idempotent.
        CHECK_CODE(report.undo->undo([](std::uint64_t n) { return n < 4096; }, 512),
                   Status::Code::Cancelled);
        CHECK_OK(report.undo->undo());
        Model expected = before;
        expected["zz-other"] = "kept";
        CHECK_MODEL(expected, contents(*store));
        CHECK_OK(report.undo->undo());
        CHECK_MODEL(expected, contents(*store));
    }

    // The GUI's redo: restore() to a snapshot taken as the import returned
    // puts the imported bytes back exactly, as often as undo and redo alternate.
    void anImportIsRedoneFromASnapshot_data() { addBackendRows(); }
    void anImportIsRedoneFromASnapshot() {
        QFETCH(QString, backend);
        StoragePtr store = makeStore(backend, m_tmp);
        const Model old = randomModel(11, 500, false);
        CHECK_OK(fill(*store, old));
        const Model before = contents(*store);
        QByteArray content;
        int i = 0;
        for (const auto& [k, v] : old) {
            if (i++ % 3 != 0) continue;
            std::string line;
            CHECK_OK(appendRecord(line, DumpFormat::LdbHex, k, v + "\0\xFF new"s));
            CHECK_OK(appendRecord(line, DumpFormat::LdbHex, "new\0"s + k, ""));
            content += bytes(line);
        }
        const QString file = newFile();
        QVERIFY(writeFile(file, content));
        ImportOptions options;
        options.hex = true;
        const ImportReport report = importDumpFile(store, file.toStdString(), options);
        CHECK_OK(report.status);
        QVERIFY(report.undo);
        const SnapshotPtr afterImport = store->snapshot();
        const Model imported = contents(*store);
        QVERIFY(imported != before);

        CHECK_CODE(report.undo->restore(nullptr), Status::Code::InvalidArgument);
        for (int round = 0; round < 2; ++round) {
            CHECK_OK(report.undo->undo());
            CHECK_MODEL(before, contents(*store));
            std::uint64_t last = 0;
            CHECK_OK(report.undo->restore(afterImport, [&](std::uint64_t n) { return (last = n), true; }, 256));
            QCOMPARE(last, report.undo->keys());
            CHECK_MODEL(imported, contents(*store));
        }
    }

    void importNeedsAWritableStorage() {
        QTemporaryDir dir(m_tmp.filePath("ro-XXXXXX"));
        const std::string path = dir.filePath("db").toStdString();
        {
            auto made = createStorage(path, StorageConfig{}.withCreateIfMissing().withEnvironment(false));
            CHECK_OK(made.status);
            CHECK_OK(made.storage->put("k", "v"));
        }
        auto readOnly = createStorage(path, StorageConfig{}.withMode(OpenMode::ReadOnly).withEnvironment(false));
        CHECK_OK(readOnly.status);
        const ImportReport report = importDumpFile(readOnly.storage, writeDump(3, {}).toStdString(), {});
        CHECK_CODE(report.status, Status::Code::ReadOnly);
        QVERIFY(report.wroteNothing);
    }

    void emptyFilesImportNothing_data() { addBackendRows(); }
    void emptyFilesImportNothing() {
        QFETCH(QString, backend);
        StoragePtr store = makeStore(backend, m_tmp);
        for (const QByteArray& content : {QByteArray(), QByteArray("Keys in range: 0\n"), QByteArray("0x6B ==> 0x76")}) {
            const QString file = newFile();
            QVERIFY(writeFile(file, content));
            ImportOptions options;
            options.hex = true;
            const ImportReport report = importDumpFile(store, file.toStdString(), options);
            CHECK_OK(report.status);
            QCOMPARE(report.summary.keys, std::uint64_t(content.contains("==>") ? 1 : 0));  // no final newline is fine
        }
        QCOMPARE(contents(*store), (Model{{"k", "v"}}));
    }
};

QTEST_GUILESS_MAIN(TransferTest)
#include "storage_transfer_test.moc"
