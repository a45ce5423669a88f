// The fault matrix: every kind of damage (damaged_databases.h) against every
// command. Each one ends with a clear message or a result, never a crash or
// an assertion; the folder stays byte-identical (times included) after every
// read and after every write that was refused.
#include <QtTest>

#include "cli_runs.h"
#include "damaged_databases.h"
#include "tests/support/folders.h"
#include "tests/support/temp_paths.h"

using namespace meridian::test;

Q_DECLARE_METATYPE(meridian::test::Damage)

class FaultMatrixTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void everyCommandOnADamagedDatabase_data();
    void everyCommandOnADamagedDatabase();

private:
    TempPaths paths_;
    QString pristine_;
};

void FaultMatrixTest::initTestCase() {
    QVERIFY(paths_.isValid());
    pristine_ = paths_.freshPath(QStringLiteral("pristine%1"));
    const DamageSource made = makeManyTables(pristine_);
    QVERIFY2(made.ok, made.error.c_str());
}

void FaultMatrixTest::everyCommandOnADamagedDatabase_data() {
    QTest::addColumn<Damage>("kind");
    for (Damage d : {Damage::ManifestTruncated, Damage::ManifestMissing, Damage::CurrentGarbage,
                     Damage::CurrentMissing, Damage::TableTruncated, Damage::TableFlipped, Damage::TableMissing,
                     Damage::WalFlipped, Damage::WalTruncated, Damage::OptionsGarbage})
        QTest::newRow(damageName(d)) << d;
}

void FaultMatrixTest::everyCommandOnADamagedDatabase() {
    QFETCH(Damage, kind);
    const QString db = paths_.freshPath();
    QVERIFY(copyFolderFiles(pristine_, db));
    QVERIFY(damage(db, kind));
    const QString dumped = paths_.freshPath(QStringLiteral("dump%1.txt"));
    const QString importFile = paths_.freshPath(QStringLiteral("in%1.txt"));
    QVERIFY(writeFile(importFile, "imported ==> value\n"));

    const QList<QStringList> reads = {
        {QStringLiteral("info"), db},
        {QStringLiteral("scan"), QStringLiteral("--limit"), QStringLiteral("5"), db},
        {QStringLiteral("scan"), QStringLiteral("--count"), db},
        {QStringLiteral("get"), db, QStringLiteral("key020000")},
        {QStringLiteral("list-cf"), db},
        {QStringLiteral("lock"), db},
        {QStringLiteral("export"), db, dumped},
        {QStringLiteral("scan"), QStringLiteral("--secondary"), QStringLiteral("--count"), db},
    };
    const QList<QStringList> writes = {
        {QStringLiteral("put"), db, QStringLiteral("k"), QStringLiteral("v")},
        {QStringLiteral("delete"), db, QStringLiteral("key000001")},
        {QStringLiteral("import"), db, importFile},
    };
    int refused = 0;
    for (const QStringList& args : reads) {
        const DirState before = snapshotDir(db, true);
        const Ran ran = runCli(args);
        VERIFY_CLEAN(ran);
        const QString changed = changesSince(before, db);
        QVERIFY2(changed.isEmpty(), qPrintable(args.join(QLatin1Char(' ')) + QStringLiteral(" changed:\n") + changed));
    }
    for (const QStringList& args : writes) {
        const DirState before = snapshotDir(db, true);
        const Ran ran = runCli(args);
        VERIFY_CLEAN(ran);
        if (ran.code != 0) {
            ++refused;
            const QString changed = changesSince(before, db);
            QVERIFY2(changed.isEmpty(),
                     qPrintable(args.join(QLatin1Char(' ')) + QStringLiteral(" was refused but changed:\n") + changed));
        }
    }
    qInfo("%s: %d of %lld writes refused", damageName(kind), refused, static_cast<long long>(writes.size()));
}

QTEST_GUILESS_MAIN(FaultMatrixTest)
#include "fault_matrix_test.moc"
