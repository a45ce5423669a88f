// The Properties dock on memory stores: how their values are compressed, the
// bytes written and held in readable units, and their ratio, read through a
// real StorageSession off the UI thread.
#include <QApplication>
#include <QTreeWidget>
#include <QtTest>

#include <memory>

#include "storage/memory/memory_storage.h"
#include "tests/support/json_documents.h"
#include "ui/common/text.h"
#include "ui/properties/properties_dock.h"
#include "ui/session/storage_session.h"

using namespace meridian;

namespace {

// The value beside `name` under the Compression group ("" when there is none).
QString compressionRow(QTreeWidget* tree, const QString& name) {
    const auto groups = tree->findItems(QStringLiteral("Compression"), Qt::MatchExactly, 0);
    if (groups.isEmpty()) return {};
    for (int i = 0; i < groups.first()->childCount(); ++i)
        if (groups.first()->child(i)->text(0) == name) return groups.first()->child(i)->text(1);
    return {};
}

quint64 figure(const storage::Storage& store, const char* name) {
    return std::stoull(store.stats().properties.at(name));
}

}  // namespace

class PropertiesDockTest : public QObject {
    Q_OBJECT

private slots:
    void compressedMemoryShowsItsFigures() {
        storage::StoragePtr store =
            storage::createMemoryStorage({}, {.compression = storage::Compression::Zstd, .level = 5});
        for (const auto& d : test::makeJsonDocuments(2000)) QVERIFY(store->put(d.key, d.value).ok());
        ui::StorageSession session(store, storage::OpenReport{});
        ui::PropertiesDock dock;
        auto* tree = dock.findChild<QTreeWidget*>(QStringLiteral("propertiesTree"));
        QVERIFY(tree);
        dock.setSession(&session);
        QTRY_VERIFY(!compressionRow(tree, QStringLiteral("Codec")).isEmpty());
        QCOMPARE(compressionRow(tree, QStringLiteral("Codec")), QStringLiteral("zstd level 5"));
        QCOMPARE(compressionRow(tree, QStringLiteral("Values as written")),
                 ui::sizeText(figure(*store, "memory.raw-bytes")));
        QCOMPARE(compressionRow(tree, QStringLiteral("Values as held")),
                 ui::sizeText(figure(*store, "memory.stored-bytes")));
        QVERIFY(compressionRow(tree, QStringLiteral("Values as written")).contains(QStringLiteral("MiB")));
        const QString ratio = compressionRow(tree, QStringLiteral("Held / written"));
        QCOMPARE(ratio, QString::fromStdString(store->stats().properties.at("memory.compression-ratio")));
        QVERIFY2(ratio.toDouble() > 0 && ratio.toDouble() <= 0.5, qPrintable(ratio));
    }

    void plainMemorySaysItsValuesAreAsWritten() {
        storage::StoragePtr store = storage::createMemoryStorage();
        ui::StorageSession session(store, storage::OpenReport{});
        ui::PropertiesDock dock;
        auto* tree = dock.findChild<QTreeWidget*>(QStringLiteral("propertiesTree"));
        dock.setSession(&session);
        QTRY_VERIFY(!compressionRow(tree, QStringLiteral("Codec")).isEmpty());
        QCOMPARE(compressionRow(tree, QStringLiteral("Codec")), QStringLiteral("none: values held as written"));
        QCOMPARE(compressionRow(tree, QStringLiteral("Held / written")), QStringLiteral("n/a (no values)"));
    }
};

QTEST_MAIN(PropertiesDockTest)
#include "properties_dock_test.moc"
