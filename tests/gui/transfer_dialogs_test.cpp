// The export and import dialogs, driven as a user would (offscreen), against
// a memory store and a real RocksDB database: binary keys and values in every
// format, the file bytes checked against the storage layer's own export,
// exports that follow the snapshot being viewed, imports that are undone and
// redone in one step byte-exactly, a malformed line, a cancelled large
// import, and refusals on sessions that cannot be written.
#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QUndoStack>

#include <sys/stat.h>

#include "tests/gui/transfer_dialogs_test_support.h"
#include "ui/transfer/export_dialog.h"
#include "ui/transfer/import_dialog.h"

using namespace meridian;
using namespace meridian::test;
using namespace std::string_literals;
using storage::DumpFormat;

class TransferDialogsTest : public QObject {
    Q_OBJECT

    TempPaths m_tmp;
    int m_files = 0;
    QString newFile(const QString& ext = QStringLiteral("txt")) {
        return m_tmp.filePath(QStringLiteral("dump%1.%2").arg(++m_files).arg(ext));
    }
    std::unique_ptr<Desk> desk(const QString& backend, const Model& model = binaryModel()) {
        auto store = makeStore(backend, m_tmp);
        if (!store) return nullptr;
        storage::WriteBatch batch;
        for (const auto& [k, v] : model) batch.put(k, v);
        if (!store->write(batch).ok()) return nullptr;
        return std::make_unique<Desk>(store);
    }
    // Runs an export from the dialog as a user would; the outcome is in d.last.
    bool exportWith(Desk& d, ui::ExportDialog& dialog, DumpFormat format, const QString& file) {
        child<QComboBox>(&dialog, "exportFormat")->setCurrentIndex(
            child<QComboBox>(&dialog, "exportFormat")->findData(int(format)));
        dialog.setFilePath(file);
        const int before = d.outcomes;
        child<QPushButton>(&dialog, "exportStart")->click();
        return d.waitOutcome(before);
    }
    bool importWith(Desk& d, ui::ImportDialog& dialog, const QString& file) {
        dialog.setFilePath(file);
        const int before = d.outcomes;
        child<QPushButton>(&dialog, "importStart")->click();
        return d.waitOutcome(before);
    }

private slots:
    void initTestCase() {
        QVERIFY(m_tmp.isValid());
        // The dialogs remember a folder in QSettings: keep it away from the user's.
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("MeridianTest"));
        QCoreApplication::setApplicationName(QStringLiteral("transfer_dialogs_test"));
        QSettings().clear();
    }

    void exportsExactlyWhatTheStorageLayerWrites_data() {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<int>("format");
        QTest::addColumn<QByteArray>("prefix");
        for (const char* backend : {"memory", "rocksdb"})
            for (DumpFormat f : {DumpFormat::LdbHex, DumpFormat::LdbText, DumpFormat::JsonLines})
                for (const QByteArray& prefix : {QByteArray(), QByteArray("user:")})
                    QTest::addRow("%s, %s, %s", backend, storage::dumpFormatName(f), prefix.isEmpty() ? "all" : "prefix")
                        << QString(backend) << int(f) << prefix;
    }
    void exportsExactlyWhatTheStorageLayerWrites() {
        QFETCH(QString, backend);
        QFETCH(int, format);
        QFETCH(QByteArray, prefix);
        auto d = desk(backend);
        QVERIFY(d);
        ui::ExportDialog dialog(d->runner.get(), prefix);
        dialog.show();
        QCOMPARE(child<QComboBox>(&dialog, "exportFormat")->currentData().toInt(), int(DumpFormat::LdbHex));
        QCOMPARE(child<QLineEdit>(&dialog, "exportPrefix")->text(), QString::fromLatin1(prefix));
        QVERIFY(child<QLabel>(&dialog, "exportSource")->text().contains(QStringLiteral("live data")));
        const QString file = newFile();
        QVERIFY(exportWith(*d, dialog, DumpFormat(format), file));
        QVERIFY2(d->last.ok, qPrintable(d->last.text));
        const Model expected = under(binaryModel(), prefix.toStdString());
        QCOMPARE(d->last.summary.keys, std::uint64_t(expected.size()));
        QVERIFY2(d->last.text.startsWith(QStringLiteral("Exported %1 keys").arg(expected.size())), qPrintable(d->last.text));
        QVERIFY(d->last.text.contains(QFileInfo(file).fileName()));

        storage::ExportOptions options;
        options.format = DumpFormat(format);
        options.prefix = prefix.toStdString();
        const QString reference = newFile();
        CHECK_OK(storage::exportDumpToFile(*d->store, reference.toStdString(), options));
        QCOMPARE(readFile(file), readFile(reference));
        QString error;
        CHECK_MODEL(expected, parseDump(readFile(file), DumpFormat(format), &error));
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }

    void aBinaryPrefixIsTypedEscaped() {
        auto d = desk(QStringLiteral("memory"));
        QVERIFY(d);
        ui::ExportDialog dialog(d->runner.get(), QByteArray("user:\0", 6));
        auto* field = child<QLineEdit>(&dialog, "exportPrefix");
        QCOMPARE(field->text(), QStringLiteral("user:\\x00"));
        field->setText(QStringLiteral("user:\\xZZ"));
        QVERIFY(!child<QPushButton>(&dialog, "exportStart")->isEnabled());
        QVERIFY(dialog.statusText().contains(QStringLiteral("does not parse")));
        field->setText(QStringLiteral("\\xff"));
        QVERIFY(child<QPushButton>(&dialog, "exportStart")->isEnabled());
        QVERIFY(dialog.statusText().isEmpty());
        const QString file = newFile(QStringLiteral("jsonl"));
        QVERIFY(exportWith(*d, dialog, DumpFormat::JsonLines, file));
        QVERIFY2(d->last.ok, qPrintable(d->last.text));
        QCOMPARE(d->last.summary.keys, std::uint64_t(0));  // no key starts with 0xFF
        QCOMPARE(dialog.suggestedFileName(), QStringLiteral("keys-default.jsonl"));
    }

    void textFormatRefusesAnUncarriableKey_data() { addBackendRows(); }
    void textFormatRefusesAnUncarriableKey() {
        QFETCH(QString, backend);
        Model model = binaryModel();
        model["bad\nkey"] = "v";
        auto d = desk(backend, model);
        QVERIFY(d);
        ui::ExportDialog dialog(d->runner.get(), {});
        const QString file = newFile();
        QVERIFY(exportWith(*d, dialog, DumpFormat::LdbText, file));
        QVERIFY(!d->last.ok && !d->last.cancelled);
        QVERIFY2(dialog.statusText().contains(QStringLiteral("0x6261640A6B6579")), qPrintable(dialog.statusText()));
        QVERIFY(dialog.statusText().contains(QStringLiteral("hex")));
        QVERIFY(!QFileInfo::exists(file));
        QCOMPARE(QDir(m_tmp.path()).entryList({QStringLiteral(".*partial*")}, QDir::Files | QDir::Hidden), QStringList());
    }

    // The native save dialog asks before replacing a file; what is not a
    // regular file (a symlink, a FIFO) is refused by the storage layer, and
    // the dialog says so, the destination left as it was.
    void exportRefusesASymlinkOrAFifo() {
        auto d = desk(QStringLiteral("memory"));
        QVERIFY(d);
        ui::ExportDialog dialog(d->runner.get(), {});
        dialog.show();

        const QString target = newFile();
        QVERIFY(writeFile(target, "the link's target\n"));
        const QString link = newFile();
        QVERIFY(QFile::link(target, link));
        QVERIFY(exportWith(*d, dialog, DumpFormat::LdbHex, link));
        QVERIFY(!d->last.ok && !d->last.cancelled);
        QVERIFY2(dialog.statusText().contains(QStringLiteral("symbolic link")), qPrintable(dialog.statusText()));
        QVERIFY2(dialog.statusText().contains(link), qPrintable(dialog.statusText()));
        QVERIFY(QFileInfo(link).isSymLink());
        QCOMPARE(readFile(target), QByteArray("the link's target\n"));

        const QString fifo = newFile();
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0644) == 0);
        QVERIFY(exportWith(*d, dialog, DumpFormat::LdbHex, fifo));
        QVERIFY(!d->last.ok && !d->last.cancelled);
        QVERIFY2(dialog.statusText().contains(QStringLiteral("FIFO")), qPrintable(dialog.statusText()));
        struct stat st {};
        QVERIFY(::lstat(QFile::encodeName(fifo).constData(), &st) == 0 && S_ISFIFO(st.st_mode));
        QCOMPARE(QDir(m_tmp.path()).entryList({QStringLiteral(".*partial*")}, QDir::Files | QDir::Hidden), QStringList());
    }

    void cancelledExportLeavesNoFile() {
        Model model = binaryModel();
        for (int i = 0; i < 100000; ++i) model["many:" + std::to_string(i)] = std::string(64, char(i));
        auto d = desk(QStringLiteral("rocksdb"), model);
        QVERIFY(d);
        ui::ExportDialog dialog(d->runner.get(), {});
        dialog.show();
        const QString file = newFile();
        dialog.setFilePath(file);
        const int before = d->outcomes;
        child<QPushButton>(&dialog, "exportStart")->click();
        QVERIFY(dialog.isRunning());
        QCOMPARE(child<QPushButton>(&dialog, "exportCancel")->text(), QStringLiteral("Cancel"));
        // Cancel once keys are being written (Esc or Cancel: both reject()).
        QVERIFY(QTest::qWaitFor([&] { return dialog.statusText().startsWith("Exporting:") || d->outcomes > before; }, 15000));
        QVERIFY2(d->outcomes == before, "the export finished before it could be cancelled");
        child<QPushButton>(&dialog, "exportCancel")->click();
        QVERIFY(dialog.isVisible());  // stays to say how it ended
        QVERIFY(d->waitOutcome(before));
        QVERIFY2(d->last.cancelled, qPrintable(d->last.text));
        QVERIFY(dialog.statusText().contains(QStringLiteral("cancelled")));
        QVERIFY(!QFileInfo::exists(file));
        QCOMPARE(QDir(m_tmp.path()).entryList({QStringLiteral(".*partial*")}, QDir::Files | QDir::Hidden), QStringList());
        child<QPushButton>(&dialog, "exportCancel")->click();  // now Close
        QVERIFY(!dialog.isVisible());
    }

    void exportFollowsTheSnapshotViewed_data() { addBackendRows(); }
    void exportFollowsTheSnapshotViewed() {
        QFETCH(QString, backend);
        auto d = desk(backend);
        QVERIFY(d);
        d->session->setReadView(d->store->snapshot(), QStringLiteral("S"));
        CHECK_OK(d->store->put("late", "written after the snapshot"));
        CHECK_OK(d->store->remove("plain"));
        ui::ExportDialog dialog(d->runner.get(), {});
        QVERIFY(child<QLabel>(&dialog, "exportSource")->text().contains(QStringLiteral("snapshot “S”")));
        const QString file = newFile();
        QVERIFY(exportWith(*d, dialog, DumpFormat::LdbHex, file));
        QVERIFY2(d->last.ok, qPrintable(d->last.text));
        QString error;
        CHECK_MODEL(binaryModel(), parseDump(readFile(file), DumpFormat::LdbHex, &error));
    }

    void importIsUndoneAndRedoneInOneStep_data() {
        QTest::addColumn<QString>("backend");
        QTest::addColumn<int>("format");
        for (const char* backend : {"memory", "rocksdb"})
            for (DumpFormat f : {DumpFormat::LdbHex, DumpFormat::LdbText, DumpFormat::JsonLines})
                QTest::addRow("%s, %s", backend, storage::dumpFormatName(f)) << QString(backend) << int(f);
    }
    void importIsUndoneAndRedoneInOneStep() {
        QFETCH(QString, backend);
        QFETCH(int, format);
        auto d = desk(backend);
        QVERIFY(d);
        const Model before = contents(*d->store);
        Model incoming{{"plain", "overwritten \0\xFF"s}, {"user:\0one"s, "new"}, {"new\0key\xFF"s, "\xC3(\0"s},
                       {"new empty", ""}};
        const QString file = newFile(format == int(DumpFormat::JsonLines) ? "jsonl" : "txt");
        QVERIFY(writeFile(file, dumpOf(incoming, DumpFormat(format)) + bytes(storage::dumpTrailer(DumpFormat(format), 4))));
        Model after = before;
        for (const auto& [k, v] : incoming) after[k] = v;

        ui::ImportDialog dialog(d->runner.get());
        dialog.show();
        QVERIFY(child<QLabel>(&dialog, "importTarget")->text().contains(QStringLiteral("“default”")));
        dialog.setFilePath(file);
        QCOMPARE(child<QCheckBox>(&dialog, "importHex")->isChecked(), format == int(DumpFormat::LdbHex));
        QCOMPARE(child<QCheckBox>(&dialog, "importHex")->isEnabled(), format != int(DumpFormat::JsonLines));
        QCOMPARE(dialog.format(), std::optional<DumpFormat>(DumpFormat(format)));
        QSignalSpy changed(d->runner.get(), &ui::TransferRunner::keysChanged);
        QVERIFY(importWith(*d, dialog, file));
        QVERIFY2(d->last.ok, qPrintable(d->last.text));
        QVERIFY2(dialog.statusText().startsWith(QStringLiteral("Imported 4 keys")), qPrintable(dialog.statusText()));
        QVERIFY(dialog.statusText().contains(ui::TransferRunner::formatName(DumpFormat(format))));
        CHECK_MODEL(after, contents(*d->store));
        QCOMPARE(changed.count(), 1);

        QUndoStack* stack = d->edits->undoStack();
        QCOMPARE(stack->count(), 1);
        QCOMPARE(stack->undoText(), QStringLiteral("Import 4 keys from %1").arg(QFileInfo(file).fileName()));
        for (int round = 0; round < 2; ++round) {
            stack->undo();
            QTRY_COMPARE(changed.count(), 2 + 2 * round);
            QVERIFY(!d->edits->isBusy());
            CHECK_MODEL(before, contents(*d->store));
            stack->redo();
            QTRY_COMPARE(changed.count(), 3 + 2 * round);
            CHECK_MODEL(after, contents(*d->store));
        }
    }

    // Undo and redo of an import queue with the other edits: pressed twice
    // at once, they apply in the stack's order.
    void importStepsKeepOrderWithEdits_data() { addBackendRows(); }
    void importStepsKeepOrderWithEdits() {
        QFETCH(QString, backend);
        auto d = desk(backend);
        QVERIFY(d);
        const Model before = contents(*d->store);
        const QString file = newFile();
        QVERIFY(writeFile(file, dumpOf({{"plain", "imported"}, {"fresh", "imported"}}, DumpFormat::LdbHex)));
        ui::ImportDialog dialog(d->runner.get());
        QVERIFY(importWith(*d, dialog, file));
        QVERIFY2(d->last.ok, qPrintable(d->last.text));
        bool saved = false;
        d->edits->putValue("plain", QByteArray("edited\0", 7), QStringLiteral("Save"),
                           [&](const storage::Status& s) { saved = s.ok(); });
        QTRY_VERIFY(saved);
        QUndoStack* stack = d->edits->undoStack();
        QCOMPARE(stack->count(), 2);
        stack->undo();  // the edit
        stack->undo();  // the import
        QTRY_VERIFY(!d->edits->isBusy());
        CHECK_MODEL(before, contents(*d->store));
        stack->redo();
        stack->redo();
        QTRY_VERIFY(!d->edits->isBusy());
        Model after = before;
        after["plain"] = "edited\0"s;
        after["fresh"] = "imported";
        CHECK_MODEL(after, contents(*d->store));
    }

    void aMalformedLineImportsNothing_data() { addBackendRows(); }
    void aMalformedLineImportsNothing() {
        QFETCH(QString, backend);
        auto d = desk(backend);
        QVERIFY(d);
        const Model before = contents(*d->store);
        const QString file = newFile();
        QVERIFY(writeFile(file, "0x6B31 ==> 0x7631\n0x6B32 ==> 0x7632\nnot a record\n0x6B33 ==> 0x7633\n"));
        ui::ImportDialog dialog(d->runner.get());
        QVERIFY(importWith(*d, dialog, file));
        QVERIFY(!d->last.ok);
        QCOMPARE(d->last.errorLine, quint64(3));
        const QString text = dialog.statusText();
        QVERIFY2(text.startsWith(QFileInfo(file).fileName() + QStringLiteral(" line 3: ")), qPrintable(text));
        QVERIFY2(text.endsWith(QStringLiteral("— nothing was imported.")), qPrintable(text));
        CHECK_MODEL(before, contents(*d->store));
        QCOMPARE(d->edits->undoStack()->count(), 0);
    }

    void aCancelledLargeImportLeavesNothing_data() { addBackendRows(); }
    void aCancelledLargeImportLeavesNothing() {
        QFETCH(QString, backend);
        auto d = desk(backend);
        QVERIFY(d);
        const Model before = contents(*d->store);
        QByteArray content = dumpOf({{"plain", "would be overwritten"}}, DumpFormat::LdbHex);
        content.reserve(600000 * 32);
        for (int i = 0; i < 600000; ++i)
            content += "0x" + QByteArray::number(1000000 + i).toHex().toUpper() + " ==> 0x00FF" +
                       QByteArray::number(i % 97).toHex().toUpper() + '\n';
        const QString file = newFile();
        QVERIFY(writeFile(file, content));
        ui::ImportDialog dialog(d->runner.get());
        dialog.show();
        dialog.setFilePath(file);
        QVERIFY(child<QCheckBox>(&dialog, "importHex")->isChecked());
        QSignalSpy progress(d->runner.get(), &ui::TransferRunner::progress);
        const int before_ = d->outcomes;
        // Cancel the moment writing is reported (not after a polling wait, by
        // when a fast machine may have written everything).
        bool cancelled = false;
        QObject context;
        connect(d->runner.get(), &ui::TransferRunner::progress, &context, [&](const QString& text) {
            if (cancelled || !text.startsWith("Writing")) return;
            cancelled = true;
            child<QPushButton>(&dialog, "importCancel")->click();
        });
        child<QPushButton>(&dialog, "importStart")->click();
        QVERIFY(d->waitOutcome(before_));
        QVERIFY2(cancelled, "writing was never reported");
        QVERIFY2(d->last.cancelled && d->last.wroteNothing, qPrintable(d->last.text));
        QCOMPARE(dialog.statusText(), QStringLiteral("Import cancelled: nothing was imported."));
        CHECK_MODEL(before, contents(*d->store));
        QCOMPARE(d->edits->undoStack()->count(), 0);
        QVERIFY(progress.count() > 0);
    }

    void importIsRefusedWhereNothingCanBeWritten() {
        const QString file = newFile();
        QVERIFY(writeFile(file, "0x6B31 ==> 0x7631\n"));
        // Viewing a snapshot.
        auto d = desk(QStringLiteral("memory"));
        QVERIFY(d);
        d->session->setReadView(d->store->snapshot(), QStringLiteral("S"));
        // Read-only RocksDB.
        const QString dir = m_tmp.filePath(QStringLiteral("readonly"));
        {
            auto made = storage::createStorage(str(dir), storage::StorageConfig{}.withCreateIfMissing().withEnvironment(false));
            CHECK_OK(made.status);
            CHECK_OK(made.storage->put("k", "v"));
        }
        auto ro = storage::createStorage(
            str(dir), storage::StorageConfig{}.withMode(storage::OpenMode::ReadOnly).withEnvironment(false));
        CHECK_OK(ro.status);
        Desk readOnly(ro.storage);
        for (Desk* desk : {d.get(), &readOnly}) {
            const Model before = contents(*desk->store);
            const QString reason = desk->edits->readOnlyReason();
            QVERIFY(!reason.isEmpty());
            QCOMPARE(desk->runner->importRefusal(), reason);
            ui::ImportDialog dialog(desk->runner.get());
            dialog.setFilePath(file);
            auto* start = child<QPushButton>(&dialog, "importStart");
            QVERIFY(!start->isEnabled());
            QCOMPARE(start->toolTip(), reason);
            QCOMPARE(child<QLabel>(&dialog, "importReason")->text(), reason);
            dialog.start();  // a caller that did not look
            QVERIFY(!dialog.isRunning());
            QCOMPARE(dialog.statusText(), reason);
            const int before_ = desk->outcomes;
            desk->runner->startImport({file, DumpFormat::LdbHex});
            QVERIFY(desk->waitOutcome(before_));
            QCOMPARE(desk->last.text, reason);
            CHECK_MODEL(before, contents(*desk->store));
        }
        QVERIFY(readOnly.edits->readOnlyReason().contains(QStringLiteral("read-only")));
    }

    void hexDumpsAreRecognised() {
        using ui::ImportDialog;
        QVERIFY(ImportDialog::looksLikeHexDump("0x6B31 ==> 0x7631\n", true));
        QVERIFY(ImportDialog::looksLikeHexDump("\nCreated bg thread 0x7f\n0x ==> 0x\r\n", true));
        QVERIFY(ImportDialog::looksLikeHexDump("0x6B31 ==", false));  // the first bytes end mid-record
        QVERIFY(!ImportDialog::looksLikeHexDump("0x6B31 ==", true));
        QVERIFY(!ImportDialog::looksLikeHexDump("k1 ==> v1\n", true));
        QVERIFY(!ImportDialog::looksLikeHexDump("0xZZ ==> 0x00\n", true));
        QVERIFY(!ImportDialog::looksLikeHexDump("", true));
    }
};

QTEST_MAIN(TransferDialogsTest)
#include "transfer_dialogs_test.moc"
