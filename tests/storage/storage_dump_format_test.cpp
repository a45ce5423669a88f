// storage_dump_format_test: the dump line formats on their own (the files and
// the real ldb are covered by storage_transfer_test and transfer_cli_test).
#include <QtTest>

#include "storage/transfer/dump_format.h"
#include "transfer_test_support.h"

using namespace meridian::storage;
using namespace meridian::test;
using namespace std::string_literals;

namespace {

std::string record(DumpFormat format, std::string_view key, std::string_view value) {
    std::string out;
    const Status s = appendRecord(out, format, key, value);
    return s.ok() ? out : "<" + s.toString() + ">";
}

}  // namespace

class DumpFormatTest : public QObject {
    Q_OBJECT

private slots:
    void ldbHexIsWhatLdbDumpHexPrints() {
        QCOMPARE(bytes(record(DumpFormat::LdbHex, "k1", "v1")), QByteArray("0x6B31 ==> 0x7631\n"));
        QCOMPARE(bytes(record(DumpFormat::LdbHex, "", "")), QByteArray("0x ==> 0x\n"));
        QCOMPARE(bytes(record(DumpFormat::LdbHex, "\x00\xFF\n"s, "\x0A\x0D\x00"s)),
                 QByteArray("0x00FF0A ==> 0x0A0D00\n"));
        QCOMPARE(bytes(dumpTrailer(DumpFormat::LdbHex, 3)), QByteArray("Keys in range: 3\n"));
        QCOMPARE(bytes(dumpTrailer(DumpFormat::LdbText, 0)), QByteArray("Keys in range: 0\n"));
        QCOMPARE(bytes(dumpTrailer(DumpFormat::JsonLines, 3)), QByteArray());
    }

    void ldbTextWritesBytesAsTheyAre() {
        QCOMPARE(bytes(record(DumpFormat::LdbText, "sp ace", "x ==> y")), QByteArray("sp ace ==> x ==> y\n"));
        QCOMPARE(bytes(record(DumpFormat::LdbText, "\x00k"s, "\r\xFF")), QByteArray("\0k ==> \r\xFF\n", 10));
    }

    void ldbTextRefusesWhatItCannotCarry() {
        std::string out = "kept";
        CHECK_CODE(appendRecord(out, DumpFormat::LdbText, "a\nb", "v"), Status::Code::InvalidArgument);
        CHECK_CODE(appendRecord(out, DumpFormat::LdbText, "k", "v\n"), Status::Code::InvalidArgument);
        CHECK_CODE(appendRecord(out, DumpFormat::LdbText, "a ==> b", "v"), Status::Code::InvalidArgument);
        QCOMPARE(bytes(out), QByteArray("kept"));  // nothing appended
    }

    void jsonLinesUseTextOrBase64() {
        QCOMPARE(bytes(record(DumpFormat::JsonLines, "k1", "v1")), QByteArray("{\"key\":\"k1\",\"value\":\"v1\"}\n"));
        QCOMPARE(bytes(record(DumpFormat::JsonLines, "q\"\\/", "\n\t\x01\x00"s)),
                 QByteArray("{\"key\":\"q\\\"\\\\/\",\"value\":\"\\n\\t\\u0001\\u0000\"}\n"));
        QCOMPARE(bytes(record(DumpFormat::JsonLines, "\xFF", "naïve")),
                 QByteArray("{\"key_base64\":\"/w==\",\"value\":\"naïve\"}\n"));
    }

    void base64MatchesRfc4648() {
        const std::pair<const char*, const char*> vectors[] = {{"", ""},         {"f", "Zg=="},     {"fo", "Zm8="},
                                                               {"foo", "Zm9v"}, {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="},
                                                               {"foobar", "Zm9vYmFy"}};
        for (const auto& [plain, encoded] : vectors) {
            QCOMPARE(bytes(toBase64(plain)), QByteArray(encoded));
            const auto decoded = fromBase64(encoded);
            QVERIFY(decoded);
            QCOMPARE(bytes(*decoded), QByteArray(plain));
        }
        QCOMPARE(bytes(toBase64("\xFB\xFF")), QByteArray("+/8="));
        for (const char* bad : {"Zg=", "Zh==", "Zm9=", "Z===", "Zm9v!", "Zg==Zg==", "=Zg=", "Zm 9v"})
            QVERIFY2(!fromBase64(bad), bad);
    }

    void everyFormatRoundTripsRandomBytes() {
        QRandomGenerator rng(42);
        std::string key, value;
        for (int i = 0; i < 3000; ++i) {
            const std::string k = randomBytes(rng, 12);
            const std::string v = randomBytes(rng, 40);
            for (DumpFormat format : {DumpFormat::LdbHex, DumpFormat::LdbText, DumpFormat::JsonLines}) {
                std::string line;
                if (!appendRecord(line, format, k, v).ok()) {
                    QCOMPARE(format, DumpFormat::LdbText);  // only text refuses, and only for these:
                    QVERIFY(k.find('\n') != std::string::npos || v.find('\n') != std::string::npos ||
                            k.find(" ==> ") != std::string::npos || k.ends_with(" ==>"));
                    continue;
                }
                QVERIFY(line.ends_with('\n'));
                line.pop_back();
                QCOMPARE(line.find('\n'), std::string::npos);
                auto kind = parseLine(format, line, key, value);
                CHECK_OK(kind);
                QCOMPARE(kind.value(), LineKind::Record);
                QCOMPARE(bytes(key), bytes(k));
                QCOMPARE(bytes(value), bytes(v));
            }
        }
    }

    void ldbTextNeverWritesALineThatReadsBackDifferently() {
        // Keys and values built from pieces of the delimiter: every record is
        // either refused or read back exactly (a key ending " ==>" would split early).
        const std::vector<std::string> pieces = {"", "a", " ", "=", "==", ">", " ==", " ==>", "==> ", " ==> ", "b"};
        int refused = 0;
        for (const auto& k1 : pieces)
            for (const auto& k2 : pieces)
                for (const auto& v : pieces) {
                    const std::string k = k1 + k2;
                    std::string line;
                    if (!appendRecord(line, DumpFormat::LdbText, k, v).ok()) {
                        ++refused;
                        continue;
                    }
                    line.pop_back();
                    std::string key, value;
                    auto kind = parseLine(DumpFormat::LdbText, line, key, value);
                    CHECK_OK(kind);
                    QVERIFY2(key == k && value == v, qPrintable(QString::fromStdString("'" + k + "' -> '" + v + "'")));
                }
        QVERIFY(refused > 0);
        std::string line;
        QVERIFY(!appendRecord(line, DumpFormat::LdbText, "a ==>", "v").ok());
        QVERIFY(line.empty());
    }

    void ldbLinesParseAsLdbLoadReadsThem() {
        std::string key = "old", value = "old";
        auto r = parseLine(DumpFormat::LdbHex, "0x6162 ==> 0xabCD", key, value);
        CHECK_OK(r);
        QCOMPARE(bytes(key), QByteArray("ab"));
        QCOMPARE(bytes(value), QByteArray("\xAB\xCD"));
        CHECK_OK(parseLine(DumpFormat::LdbHex, "0x ==> 0x", key, value));
        QVERIFY(key.empty() && value.empty());
        // Text: split at the first " ==> ", everything else kept (a CR too).
        CHECK_OK(parseLine(DumpFormat::LdbText, "a ==> b ==> c\r", key, value));
        QCOMPARE(bytes(key), QByteArray("a"));
        QCOMPARE(bytes(value), QByteArray("b ==> c\r"));
        CHECK_OK(parseLine(DumpFormat::LdbText, " ==> ", key, value));
        QVERIFY(key.empty() && value.empty());
        // ldb dump's summary and ldb's thread noise are skipped, as ldb load skips them.
        for (DumpFormat f : {DumpFormat::LdbHex, DumpFormat::LdbText}) {
            for (const char* line : {"Keys in range: 20000", "Created bg thread 0x7f00"}) {
                auto skipped = parseLine(f, line, key, value);
                CHECK_OK(skipped);
                QCOMPARE(skipped.value(), LineKind::Skipped);
            }
        }
        auto blank = parseLine(DumpFormat::JsonLines, "  \r", key, value);
        CHECK_OK(blank);
        QCOMPARE(blank.value(), LineKind::Skipped);
    }

    void malformedLinesSayWhy_data() {
        QTest::addColumn<int>("format");
        QTest::addColumn<QByteArray>("line");
        QTest::addColumn<QString>("reason");
        const int hex = int(DumpFormat::LdbHex), text = int(DumpFormat::LdbText), json = int(DumpFormat::JsonLines);
        QTest::newRow("hex: no separator") << hex << QByteArray("0x61 0x62") << "no ' ==> '";
        QTest::newRow("hex: empty line") << hex << QByteArray("") << "empty line";
        QTest::newRow("hex: no 0x") << hex << QByteArray("61 ==> 0x62") << "key is not 0x";
        QTest::newRow("hex: upper 0X (ldb refuses it)") << hex << QByteArray("0X61 ==> 0x62") << "key is not 0x";
        QTest::newRow("hex: odd digits") << hex << QByteArray("0x61 ==> 0x6") << "value is not 0x";
        QTest::newRow("hex: not hex") << hex << QByteArray("0x61 ==> 0x6g") << "value is not 0x";
        QTest::newRow("hex: CRLF") << hex << QByteArray("0x61 ==> 0x62\r") << "value is not 0x";
        QTest::newRow("hex: second separator") << hex << QByteArray("0x61 ==> 0x62 ==> 0x63") << "value is not 0x";
        QTest::newRow("text: no separator") << text << QByteArray("just words") << "no ' ==> '";
        QTest::newRow("text: empty line") << text << QByteArray("") << "empty line";
        QTest::newRow("json: not an object") << json << QByteArray("[1,2]") << "not a JSON object";
        QTest::newRow("json: no value") << json << QByteArray("{\"key\":\"k\"}") << "no value field";
        QTest::newRow("json: no key") << json << QByteArray("{\"value\":\"v\"}") << "no key field";
        QTest::newRow("json: unknown field") << json << QByteArray("{\"key\":\"k\",\"value\":\"v\",\"x\":\"1\"}")
                                             << "unknown field";
        QTest::newRow("json: two keys") << json << QByteArray("{\"key\":\"k\",\"key_base64\":\"aw==\",\"value\":\"\"}")
                                        << "more than one key";
        QTest::newRow("json: number value") << json << QByteArray("{\"key\":\"k\",\"value\":1}") << "expected a string";
        QTest::newRow("json: bad base64") << json << QByteArray("{\"key_base64\":\"a\",\"value\":\"\"}") << "not valid base64";
        QTest::newRow("json: lone surrogate") << json << QByteArray("{\"key\":\"\\ud83d\",\"value\":\"\"}") << "surrogate";
        QTest::newRow("json: raw control byte") << json << QByteArray("{\"key\":\"a\tb\",\"value\":\"\"}") << "control";
        QTest::newRow("json: raw invalid UTF-8") << json << QByteArray("{\"key\":\"\xFF\",\"value\":\"\"}") << "UTF-8";
        QTest::newRow("json: unterminated") << json << QByteArray("{\"key\":\"k") << "unterminated";
        QTest::newRow("json: trailing text") << json << QByteArray("{\"key\":\"k\",\"value\":\"v\"} x") << "text after";
        QTest::newRow("json: missing comma") << json << QByteArray("{\"key\":\"k\" \"value\":\"v\"}") << "expected ','";
    }
    void malformedLinesSayWhy() {
        QFETCH(int, format);
        QFETCH(QByteArray, line);
        QFETCH(QString, reason);
        std::string key, value;
        auto r = parseLine(DumpFormat(format), std::string_view(line.constData(), std::size_t(line.size())), key, value);
        CHECK_CODE(r, Status::Code::InvalidArgument);
        QVERIFY2(qs(r.status().message()).contains(reason), r.status().message().c_str());
    }

    void jsonAcceptsWhatJsonAllows() {
        std::string key, value;
        CHECK_OK(parseLine(DumpFormat::JsonLines, " { \"value\" : \"\\ud83d\\ude00\\/\" , \"key_base64\":\"AP8=\" } \r",
                           key, value));
        QCOMPARE(bytes(key), QByteArray("\x00\xFF", 2));
        QCOMPARE(bytes(value), QByteArray("\xF0\x9F\x98\x80/"));
        CHECK_OK(parseLine(DumpFormat::JsonLines, "{\"key\":\"\\u00e9\\u0000\",\"value_base64\":\"\"}", key, value));
        QCOMPARE(bytes(key), QByteArray("\xC3\xA9\x00", 3));
        QVERIFY(value.empty());
    }

    void formatIsDetectedFromTheFirstLine() {
        QCOMPARE(detectFormat("{\"key\":", false), DumpFormat::JsonLines);
        QCOMPARE(detectFormat("\n  {\"key\":", true), DumpFormat::JsonLines);
        QCOMPARE(detectFormat("0x61 ==> 0x62\n", true), DumpFormat::LdbHex);
        QCOMPARE(detectFormat("0x61 ==> 0x62\n", false), DumpFormat::LdbText);
        QCOMPARE(detectFormat("", false), DumpFormat::LdbText);
        QCOMPARE(QString(dumpFormatName(DumpFormat::LdbHex)), QString("ldb --hex"));
    }
};

QTEST_GUILESS_MAIN(DumpFormatTest)
#include "storage_dump_format_test.moc"
