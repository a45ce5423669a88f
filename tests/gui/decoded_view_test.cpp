// The Decoded view, the data inspector and key layouts in the real window
// (offscreen): values written by the reference libraries shown decoded and
// picked by themselves; a decoder picked for a prefix remembered for the next
// key and the next session; the hex view's data inspector at the cursor;
// layout columns in the key list and typed fields in the prefix box; an
// external command, one that fails and one that runs too long; a 16 MiB
// value shown as its first rows; the Key Layouts and Decoders dialog; and
// the demo database's decoder section.
#include <QCborMap>
#include <QCborValue>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QComboBox>
#include <QTabWidget>
#include <QTableView>
#include <QTextCursor>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QDialogButtonBox>
#include <QHeaderView>

#include <memory>
#include <msgpack.hpp>

#include "decode/demo_values.h"
#include "tests/gui/value_test_support.h"
#include "tests/support/conversions.h"
#include "ui/browser/key_browser.h"
#include "ui/browser/key_list_model.h"
#include "ui/decode/decoded_tree_model.h"
#include "ui/editor/decoded_view.h"
#include "ui/decode/decoder_settings.h"
#include "ui/decode/decoders_dialog.h"
#include "ui/demo/demo_database.h"
#include "ui/editor/data_inspector_panel.h"
#include "ui/editor/hex_pane.h"
#include "ui/editor/hex_view.h"
#include "ui/editor/value_editor.h"
#include "ui/window/main_window.h"

using namespace meridian;
using ui::DecodedTreeModel;
using ui::ValueView;

namespace {

QByteArray be64(quint64 v) { return test::bytes(test::bigEndian(v)); }

QByteArray messagePack(int id, const std::string& name) {
    msgpack::sbuffer buffer;
    msgpack::packer<msgpack::sbuffer> pk(buffer);
    pk.pack_map(2);
    pk.pack(std::string("id"));
    pk.pack(id);
    pk.pack(std::string("name"));
    pk.pack(name);
    return QByteArray(buffer.data(), static_cast<qsizetype>(buffer.size()));
}

// A MessagePack array of 2,000,000 numbers and a string: over 16 MiB.
QByteArray bigMessagePack() {
    msgpack::sbuffer buffer;
    msgpack::packer<msgpack::sbuffer> pk(buffer);
    pk.pack_array(2000001);
    for (std::uint32_t i = 0; i < 2000000; ++i) pk.pack(0x10000000u + i);
    pk.pack(std::string(6 * 1024 * 1024, 'x'));
    return QByteArray(buffer.data(), static_cast<qsizetype>(buffer.size()));
}

QByteArray mpKey(int user) { return "mp:" + be64(static_cast<quint64>(user)) + ":profile"; }

// The row of the tree under `parent` whose Name column reads `name`.
QModelIndex childNamed(const QAbstractItemModel* model, const QModelIndex& parent, const QString& name) {
    for (int r = 0; r < model->rowCount(parent); ++r)
        if (model->index(r, DecodedTreeModel::NameColumn, parent).data().toString() == name) return model->index(r, 0, parent);
    return {};
}

QString valueAt(const QAbstractItemModel* model, const QModelIndex& row) {
    return model->index(row.row(), DecodedTreeModel::ValueColumn, row.parent()).data().toString();
}

}  // namespace

class DecodedViewTest : public QObject {
    Q_OBJECT

private slots:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        valuetest::setUpTestApplication("decoded_view_test");
        QVERIFY(dir_.isValid());
        db_ = dir_.filePath(QStringLiteral("db"));
        valuetest::Entries entries;
        for (int i = 1; i <= 3; ++i) entries[mpKey(i)] = messagePack(i, "user" + std::to_string(i));
        entries["cbor:1"] = QCborValue(QCborMap{{QStringLiteral("t"), 21.5}, {QStringLiteral("ok"), true}}).toCbor();
        entries["n:1"] = be64(1700000000123);
        entries["n:2"] = be64(42);
        entries["txt:1"] = "hello";
        entries["zbig"] = bigMessagePack();
        MERIDIAN_VALUE_OK(valuetest::makeDatabase(db_, entries));
    }

    void init() {
        window_ = std::make_unique<ui::MainWindow>();
        window_->resize(1200, 800);
        window_->show();
        QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
        MERIDIAN_VALUE_OK(valuetest::openInWindow(window_.get(), db_, storage::OpenMode::ReadOnly));
        editor_ = window_->valueEditor();
        view_ = editor_->decodedView();
    }

    void cleanup() { window_.reset(); }

    void messagePackIsShownDecodedByItself() {
        MERIDIAN_VALUE_OK(valuetest::selectKey(window_.get(), mpKey(2)));
        QCOMPARE(editor_->view(), ValueView::Decoded);
        QTRY_VERIFY(!view_->isDecoding());
        QCOMPARE(view_->statusText(), QStringLiteral("MessagePack (guessed from the bytes)"));
        const QAbstractItemModel* model = view_->treeView()->model();
        const QModelIndex root = model->index(0, 0);
        QCOMPARE(model->index(0, DecodedTreeModel::TypeColumn).data().toString(), QStringLiteral("map"));
        QCOMPARE(valueAt(model, childNamed(model, root, QStringLiteral("id"))), QStringLiteral("2"));
        QCOMPARE(valueAt(model, childNamed(model, root, QStringLiteral("name"))), QStringLiteral("\"user2\""));
        QVERIFY(view_->treeView()->isExpanded(root));
        // The database is open read-only: so is the text (the editor says why).
        QVERIFY(!view_->isModified());
        QVERIFY(!view_->isEditable());
        view_->tabs()->setCurrentWidget(view_->formatText());
        QCOMPARE(view_->formatText()->toPlainText(), QStringLiteral("{\"id\": 2, \"name\": \"user2\"}"));
        QVERIFY(view_->formatText()->isReadOnly());
        view_->tabs()->setCurrentIndex(0);
        // CBOR too.
        MERIDIAN_VALUE_OK(valuetest::selectKey(window_.get(), "cbor:1"));
        QCOMPARE(editor_->view(), ValueView::Decoded);
        QTRY_VERIFY(!view_->isDecoding());
        QCOMPARE(valueAt(model, childNamed(model, model->index(0, 0), QStringLiteral("t"))), QStringLiteral("21.5"));
        // Text stays text.
        MERIDIAN_VALUE_OK(valuetest::selectKey(window_.get(), "txt:1"));
        QCOMPARE(editor_->view(), ValueView::Text);
    }

    void aPickedDecoderIsRememberedForItsPrefix() {
        MERIDIAN_VALUE_OK(valuetest::selectKey(window_.get(), "n:1"));
        QCOMPARE(editor_->view(), ValueView::Hex);  // eight bytes look like nothing in particular
        editor_->setView(ValueView::Decoded);
        QTRY_VERIFY(!view_->isDecoding());
        QVERIFY2(view_->statusText().startsWith(QStringLiteral("These bytes look like no format")), qPrintable(view_->statusText()));
        QCOMPARE(view_->prefixText(), QStringLiteral("n:"));
        view_->useDecoder({{}, QStringLiteral("u64be"), {}, 5000});
        QTRY_VERIFY(!view_->isDecoding());
        const QAbstractItemModel* model = view_->treeView()->model();
        QCOMPARE(valueAt(model, model->index(0, 0)), QStringLiteral("1700000000123"));
        // The next key under n: is shown the same way, and says why.
        MERIDIAN_VALUE_OK(valuetest::selectKey(window_.get(), "n:2"));
        QCOMPARE(editor_->view(), ValueView::Decoded);
        QTRY_VERIFY(!view_->isDecoding());
        QCOMPARE(valueAt(model, model->index(0, 0)), QStringLiteral("42"));
        QCOMPARE(view_->statusText(), QStringLiteral("u64be (set for keys starting with n:)"));
        // And the next time the database is opened.
        ui::DecoderSettings again(db_);
        QCOMPARE(again.decoderFor("n:77").value_or(ui::PrefixDecoder{}).decoder, QStringLiteral("u64be"));
        // Automatic forgets it.
        view_->useDecoder({{}, QString(), {}, 5000});
        QTRY_VERIFY(!view_->isDecoding());
        QVERIFY(!ui::DecoderSettings(db_).decoderFor("n:2").has_value());
    }

    void theDataInspectorReadsAtTheCursor() {
        MERIDIAN_VALUE_OK(valuetest::selectKey(window_.get(), "n:1"));
        editor_->setView(ValueView::Hex);
        ui::DataInspectorPanel* inspector = editor_->hexPane()->inspector();
        editor_->hexView()->setCursorPosition(0);
        QCOMPARE(inspector->valueOf(QStringLiteral("uint64 BE")), QStringLiteral("1700000000123"));
        QCOMPARE(inspector->valueOf(QStringLiteral("Unix time ms (int64 BE)")), QStringLiteral("2023-11-14T22:13:20.123Z"));
        editor_->hexView()->setCursorPosition(6);
        QCOMPARE(inspector->valueOf(QStringLiteral("uint16 BE")), QString::number(0x687B));
        QCOMPARE(inspector->valueOf(QStringLiteral("uint32 BE")), QString());  // two bytes left
        editor_->hexView()->select(4, 8);  // the selection's start
        QCOMPARE(inspector->valueOf(QStringLiteral("uint32 BE")), QString::number(0xCFE5687Bu));
    }

    void keyLayoutsGiveColumnsAndTypedPrefixes() {
        ui::KeyBrowser* browser = window_->keyBrowser();
        ui::DecoderSettings* settings = editor_->decoderSettings();
        QVERIFY(settings->setLayouts({QStringLiteral("mp:{u64be:user}:{utf8:kind}")}));
        browser->prefixField()->setText(QStringLiteral("mp:"));
        ui::KeyListModel* model = browser->model();
        QTRY_VERIFY(!model->isLoading());
        QTRY_COMPARE(model->rowCount(), 3);
        QCOMPARE(model->columnCount(), 3);
        QCOMPARE(model->headerData(1, Qt::Horizontal).toString(), QStringLiteral("user"));
        QCOMPARE(model->index(1, 1).data().toString(), QStringLiteral("2"));
        QCOMPARE(model->index(1, 2).data().toString(), QStringLiteral("profile"));
        // A field's cell is its row's key to whoever asks (Rename, Delete: the current cell may be a field's).
        QCOMPARE(model->index(1, 2).data(ui::KeyListModel::KeyRole).toByteArray(), mpKey(2));
        QVERIFY(browser->view()->horizontalHeader()->isVisible());
        // Typed fields in the prefix box.
        browser->prefixField()->setText(QStringLiteral("mp:{3}:"));
        QVERIFY(!browser->prefixInvalid());
        QTRY_VERIFY(!model->isLoading());
        QTRY_COMPARE(model->rowCount(), 1);
        QCOMPARE(model->keyAt(0), mpKey(3));
        QCOMPARE(browser->keyBytes(QStringLiteral("mp:{2}:{profile}")), std::optional<std::string>(mpKey(2).toStdString()));
        // Elsewhere, no columns.
        browser->prefixField()->setText(QStringLiteral("n:"));
        QTRY_COMPARE(model->columnCount(), 1);
        QVERIFY(!browser->view()->horizontalHeader()->isVisible());
        QVERIFY(settings->setLayouts({}));
    }

    void externalDecoders() {
        MERIDIAN_VALUE_OK(valuetest::selectKey(window_.get(), "txt:1"));
        editor_->setView(ValueView::Decoded);
        QTRY_VERIFY(!view_->isDecoding());
        const QAbstractItemModel* model = view_->treeView()->model();
        // Text out: shown as text.
        view_->useDecoder({"txt:", QStringLiteral("external"), QStringLiteral("cat"), 5000});
        QTRY_VERIFY(!view_->isDecoding());
        QCOMPARE(valueAt(model, model->index(0, 0)), QStringLiteral("\"hello\""));
        // JSON out: a tree. The script counts what it got on stdin.
        const QString script = dir_.filePath(QStringLiteral("size decoder.sh"));
        QFile file(script);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("printf '{\"size\": %d}' \"$(wc -c)\"\n");
        file.close();
        view_->useDecoder({"txt:", QStringLiteral("external"), QStringLiteral("sh \"%1\"").arg(script), 5000});
        QTRY_VERIFY(!view_->isDecoding());
        QVERIFY2(view_->statusText().startsWith(QStringLiteral("external:")), qPrintable(view_->statusText()));
        QCOMPARE(valueAt(model, childNamed(model, model->index(0, 0), QStringLiteral("size"))), QStringLiteral("5"));
        // A command that fails says so, with what it printed.
        view_->useDecoder({"txt:", QStringLiteral("external"), QStringLiteral("sh -c \"echo broken >&2; exit 3\""), 5000});
        QTRY_VERIFY(!view_->isDecoding());
        QVERIFY2(view_->statusText().contains(QStringLiteral("exited with 3: broken")), qPrintable(view_->statusText()));
        // One that runs too long is stopped.
        view_->useDecoder({"txt:", QStringLiteral("external"), QStringLiteral("sleep 30"), 300});
        QTRY_VERIFY_WITH_TIMEOUT(!view_->isDecoding(), 10000);
        QVERIFY2(view_->statusText().contains(QStringLiteral("did not finish within 0.3 s")), qPrintable(view_->statusText()));
        view_->useDecoder({"txt:", QString(), {}, 5000});
    }

    void editingTheTextSavesExactlyWhatItSays() {
        // A writable database of its own.
        const QString path = dir_.filePath(QStringLiteral("editable"));
        const QCborValue reading(QCborMap{{QStringLiteral("t"), 21.5}, {QStringLiteral("ok"), true}});
        const QByteArray nanPayload = QByteArray::fromHex("81fb7ff8000000000001");  // [NaN with a payload]
        MERIDIAN_VALUE_OK(valuetest::makeDatabase(path, {{"cbor:1", reading.toCbor()},
                                                         {"mp:1", messagePack(5, "x")},
                                                         {"nan:1", nanPayload},
                                                         {"u:1", "a\xC2\xA0" "b"}}));
        MERIDIAN_VALUE_OK(valuetest::openInWindow(window_.get(), path, storage::OpenMode::ReadWrite));
        editor_ = window_->valueEditor();
        view_ = editor_->decodedView();
        QPlainTextEdit* text = view_->formatText();

        // CBOR: the notation, editable; untouched, nothing is dirty.
        MERIDIAN_VALUE_OK(valuetest::selectKey(window_.get(), "cbor:1"));
        QTRY_VERIFY(!view_->isDecoding());
        QVERIFY(view_->isEditable());
        QVERIFY2(view_->note().startsWith(QStringLiteral("Edit the value in the Text tab")), qPrintable(view_->note()));
        view_->tabs()->setCurrentWidget(text);
        QCOMPARE(text->toPlainText(), QStringLiteral("{\"t\": 21.5, \"ok\": true}"));
        QVERIFY(!text->isReadOnly());
        QVERIFY(!editor_->isDirty());

        // Typing a change makes it dirty; Save writes what Qt writes for the edited value.
        text->setFocus();
        QTextCursor cursor = text->textCursor();
        cursor.setPosition(static_cast<int>(text->toPlainText().indexOf(QStringLiteral("21.5"))));
        cursor.movePosition(QTextCursor::Right, QTextCursor::KeepAnchor, 4);
        text->setTextCursor(cursor);
        QTest::keyClicks(text, QStringLiteral("-0.25"));
        QVERIFY(editor_->isDirty());
        QVERIFY(!view_->decoderBox()->isEnabled());  // another decoder would drop the edit
        QVERIFY(editor_->save());
        MERIDIAN_VALUE_OK(valuetest::waitIdle(window_.get()));
        const QByteArray edited = QCborValue(QCborMap{{QStringLiteral("t"), -0.25}, {QStringLiteral("ok"), true}}).toCbor();
        QCOMPARE(valuetest::stored(window_.get(), "cbor:1"), edited);
        // The view shows what is stored now.
        QTRY_VERIFY(!view_->isDecoding());
        QVERIFY(!view_->isModified());
        const QAbstractItemModel* model = view_->treeView()->model();
        QCOMPARE(valueAt(model, childNamed(model, model->index(0, 0), QStringLiteral("t"))), QStringLiteral("-0.25"));

        // Text that does not encode: refused, saying where, the cursor there, the stored bytes untouched.
        text->setFocus();
        text->moveCursor(QTextCursor::End);
        QTest::keyClick(text, Qt::Key_Return);
        QTest::keyClicks(text, QStringLiteral("]"));
        QVERIFY(editor_->isDirty());
        QVERIFY(!editor_->save());
        QVERIFY2(editor_->lastError().contains(QStringLiteral("CBOR text, line 2, column 1: more text after the value")),
                 qPrintable(editor_->lastError()));
        QCOMPARE(text->textCursor().blockNumber(), 1);
        QCOMPARE(valuetest::stored(window_.get(), "cbor:1"), edited);
        // Such an edit has no bytes to take to another view: it stays here, saying why.
        editor_->setView(ValueView::Hex);
        QCOMPARE(editor_->view(), ValueView::Decoded);
        QVERIFY2(editor_->lastError().startsWith(QStringLiteral("Not switched to Hex: the CBOR text, line 2, column 1")),
                 qPrintable(editor_->lastError()));
        QVERIFY(editor_->isDirty());
        QTest::keyClick(text, Qt::Key_Z, Qt::ControlModifier);
        QTest::keyClick(text, Qt::Key_Z, Qt::ControlModifier);
        QTRY_VERIFY(!editor_->isDirty());

        // MessagePack: the same, against msgpack-cxx.
        MERIDIAN_VALUE_OK(valuetest::selectKey(window_.get(), "mp:1"));
        QTRY_VERIFY(!view_->isDecoding());
        view_->tabs()->setCurrentWidget(text);
        QCOMPARE(text->toPlainText(), QStringLiteral("{\"id\": 5, \"name\": \"x\"}"));
        text->selectAll();
        QTest::keyClicks(text, QStringLiteral("{\"id\": 300, \"name\": \"x\"}"));
        QVERIFY(editor_->save());
        MERIDIAN_VALUE_OK(valuetest::waitIdle(window_.get()));
        QCOMPARE(valuetest::stored(window_.get(), "mp:1"), messagePack(300, "x"));

        // Text that would not write the same bytes: read-only, saying why; the bytes stay.
        MERIDIAN_VALUE_OK(valuetest::selectKey(window_.get(), "nan:1"));
        QCOMPARE(editor_->view(), ValueView::Decoded);
        QTRY_VERIFY(!view_->isDecoding());
        QVERIFY(!view_->isEditable());
        QVERIFY2(view_->note().contains(QStringLiteral("byte 9 would differ")), qPrintable(view_->note()));
        view_->tabs()->setCurrentWidget(text);
        QVERIFY(text->isReadOnly());
        QCOMPARE(valuetest::stored(window_.get(), "nan:1"), nanPayload);

        // Text a text box would change (a no-break space): read-only too.
        MERIDIAN_VALUE_OK(valuetest::selectKey(window_.get(), "u:1"));
        editor_->setView(ValueView::Decoded);
        view_->useDecoder({"u:", QStringLiteral("utf8"), {}, 5000});
        QTRY_VERIFY(!view_->isDecoding());
        QVERIFY(!view_->isEditable());
        QVERIFY2(view_->note().contains(QStringLiteral("characters a text editor would change")), qPrintable(view_->note()));
        QVERIFY(text->isReadOnly());
        view_->useDecoder({"u:", QString(), {}, 5000});
        view_->tabs()->setCurrentIndex(0);
    }

    void aHugeValueShowsItsFirstRows() {
        MERIDIAN_VALUE_OK(valuetest::selectKey(window_.get(), "zbig"));
        QCOMPARE(editor_->view(), ValueView::Decoded);
        QTRY_VERIFY_WITH_TIMEOUT(!view_->isDecoding(), 30000);
        QVERIFY2(view_->statusText().contains(QStringLiteral("too large to decode in full: showing the first 200,000 items")),
                 qPrintable(view_->statusText()));
        const QAbstractItemModel* model = view_->treeView()->model();
        const QModelIndex root = model->index(0, 0);
        QCOMPARE(valueAt(model, root), QStringLiteral("[199,999 items]"));
        // Handed to the view a batch at a time: a few batches, not 199,999 rows.
        const int rows = model->rowCount(root);
        QVERIFY2(rows >= DecodedTreeModel::kBatch && rows <= 4 * DecodedTreeModel::kBatch && rows % DecodedTreeModel::kBatch == 0,
                 qPrintable(QString::number(rows)));
        QVERIFY(model->canFetchMore(root));
        QCOMPARE(model->index(5, DecodedTreeModel::ValueColumn, root).data().toString(), QString::number(0x10000005));
    }

    void theDecodersDialogChecksAndExports() {
        ui::DecodersDialog* dialog = window_->showDecodersDialog();
        QVERIFY(dialog);
        dialog->layoutsEdit()->setPlainText(QStringLiteral("user:{u64be}\n\nuser:{u63be}"));
        QVERIFY2(dialog->problem().startsWith(QStringLiteral("Line 3: key layout, at 7: unknown type")), qPrintable(dialog->problem()));
        dialog->layoutsEdit()->setPlainText(QStringLiteral("user:{u64be:id}:{utf8}\n{u32be:t}{bytes:4}"));
        QVERIFY(dialog->problem().isEmpty());
        editor_->decoderSettings()->setDecoder({"user:", QStringLiteral("msgpack"), {}, 5000});
        const QString file = dir_.filePath(QStringLiteral("decoders.json"));
        QVERIFY(dialog->exportTo(file));
        dialog->accept();
        QCOMPARE(editor_->decoderSettings()->layouts().size(), 2);
        // Another database imports them.
        ui::DecoderSettings other(dir_.filePath(QStringLiteral("elsewhere")));
        ui::DecodersDialog importing(&other);
        QVERIFY(importing.importFrom(file));
        QCOMPARE(other.layouts(), editor_->decoderSettings()->layouts());
        QCOMPARE(other.decoderFor("user:7").value_or(ui::PrefixDecoder{}).decoder, QStringLiteral("msgpack"));
        // Not an export: refused, nothing changed.
        const QString junk = dir_.filePath(QStringLiteral("junk.json"));
        QFile f(junk);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("[1, 2]");
        f.close();
        QVERIFY(!importing.importFrom(junk));
        QCOMPARE(other.layouts().size(), 2);
        editor_->decoderSettings()->removeDecoder("user:");
        editor_->decoderSettings()->setLayouts({});
    }

    void theDemoShowsEachFormatDecoded() {
        const QString demo = dir_.filePath(QStringLiteral("demo/demo.rocksdb"));
        QDir().mkpath(QFileInfo(demo).path());
        auto made = ui::ensureDemoDatabase(demo);
        QTRY_VERIFY_WITH_TIMEOUT(made.isFinished(), 120000);
        QVERIFY2(made.result().ok(), made.result().message().c_str());
        window_ = std::make_unique<ui::MainWindow>();
        window_->resize(1200, 800);
        window_->show();
        MERIDIAN_VALUE_OK(valuetest::openInWindow(window_.get(), demo, storage::OpenMode::ReadOnly));
        editor_ = window_->valueEditor();
        view_ = editor_->decodedView();
        ui::KeyBrowser* browser = window_->keyBrowser();
        const struct {
            const char* prefix;
            const char* format;
            const char* field;
        } sections[] = {{"pb:order:", "Protobuf", "customer"},
                        {"mp:session:", "MessagePack", "user"},
                        {"cbor:reading:", "CBOR", "celsius"},
                        {"bson:doc:", "BSON", "title"}};
        for (const auto& s : sections) {
            browser->prefixField()->setText(QString::fromLatin1(s.prefix));
            QTRY_VERIFY(!browser->model()->isLoading());
            QTRY_VERIFY(browser->model()->rowCount() > 0);
            QVERIFY2(browser->model()->columnCount() > 1, s.prefix);  // its key layout's columns
            MERIDIAN_VALUE_OK(valuetest::selectKey(window_.get(), browser->model()->keyAt(0)));
            QCOMPARE(editor_->view(), ValueView::Decoded);
            QTRY_VERIFY(!view_->isDecoding());
            QVERIFY2(view_->statusText().startsWith(QString::fromLatin1(s.format) + QStringLiteral(" (set for keys starting with ")),
                     qPrintable(view_->statusText()));
            const QAbstractItemModel* model = view_->treeView()->model();
            QVERIFY2(childNamed(model, model->index(0, 0), QString::fromLatin1(s.field)).isValid(), s.field);
        }
    }

private:
    QTemporaryDir dir_;
    QString db_;
    std::unique_ptr<ui::MainWindow> window_;
    ui::ValueEditor* editor_ = nullptr;
    ui::DecodedValueView* view_ = nullptr;
};

QTEST_MAIN(DecodedViewTest)
#include "decoded_view_test.moc"
