// MessagePack as editable text (messagePackNotation / encodeMessagePack),
// checked against msgpack-cxx: values it packs print as the notation they
// stand for and, like hand-made non-minimal encodings and random bytes the
// decoder accepts, come back byte for byte; edited text encodes to what
// msgpack-cxx packs for the edited value; bad text is refused with its place.
#include <QtTest>

#include <bit>
#include <cmath>
#include <ctime>
#include <functional>
#include <limits>
#include <map>
#include <random>
#include <tuple>
#include <vector>

#include <msgpack.hpp>

#include "decode/messagepack.h"

using namespace meridian::decode;

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

std::string packed(const msgpack::sbuffer& buffer) { return std::string(buffer.data(), buffer.size()); }

std::string fromHexText(const char* hex) { return QByteArray::fromHex(hex).toStdString(); }

std::string hexOf(const std::string& bytes) {
    return QByteArray(bytes.data(), static_cast<qsizetype>(bytes.size())).toHex().toStdString();
}

template <class Pack>
std::string pack(Pack write) {
    msgpack::sbuffer buffer;
    msgpack::packer<msgpack::sbuffer> pk(buffer);
    write(pk);
    return packed(buffer);
}
template <class T>
std::string packValue(const T& value) {
    return pack([&](auto& p) { p.pack(value); });
}
std::string packBin(const std::string& data) {
    const auto n = static_cast<std::uint32_t>(data.size());
    return pack([&](auto& p) {
        p.pack_bin(n);
        p.pack_bin_body(data.data(), n);
    });
}
std::string packExt(std::int8_t type, const std::string& data) {
    const auto n = static_cast<std::uint32_t>(data.size());
    return pack([&](auto& p) {
        p.pack_ext(n, type);
        p.pack_ext_body(data.data(), n);
    });
}
// An array of n nulls; a map of n entries 0: null, 1: null...
std::string packArray(std::uint32_t n) {
    return pack([&](auto& p) {
        p.pack_array(n);
        for (std::uint32_t i = 0; i < n; ++i) p.pack_nil();
    });
}
std::string packMap(std::uint32_t n) {
    return pack([&](auto& p) {
        p.pack_map(n);
        for (std::uint32_t i = 0; i < n; ++i) {
            p.pack(i);
            p.pack_nil();
        }
    });
}

// Why `bytes` does not come back through its notation ("" when it does).
std::string roundTripProblem(const std::string& bytes) {
    if (!decodeMessagePack(bytes).ok()) return "not accepted by decodeMessagePack: " + hexOf(bytes);
    const std::string text = messagePackNotation(bytes);
    if (text.empty()) return "no notation for " + hexOf(bytes);
    const auto encoded = encodeMessagePack(text);
    if (!encoded.ok()) return "\"" + text + "\" does not encode: " + encoded.status().message();
    if (encoded.value() != bytes)
        return "\"" + text + "\" encodes to " + hexOf(encoded.value()) + ", not " + hexOf(bytes);
    return {};
}

// A NaN other than the canonical quiet one prints "NaN" like it and comes
// back canonical: the one loss the notation allows. True when that explains
// why `bytes` did not come back: the bytes written back print the same.
bool onlyNanPayloadsDiffer(const std::string& bytes) {
    const std::string text = messagePackNotation(bytes);
    if (text.find("NaN") == std::string::npos) return false;
    const auto encoded = encodeMessagePack(text);
    return encoded.ok() && encoded.value().size() == bytes.size() && messagePackNotation(encoded.value()) == text;
}

// The bytes of a text in hex, or its error.
std::string encodedHex(const std::string& text) {
    const auto encoded = encodeMessagePack(text);
    return encoded.ok() ? hexOf(encoded.value()) : "error: " + encoded.status().message();
}

std::string errorOf(const std::string& text) {
    const auto encoded = encodeMessagePack(text);
    return encoded.ok() ? "(encoded: " + hexOf(encoded.value()) + ")" : encoded.status().message();
}

std::string header(std::uint8_t first, std::uint64_t n, int bytes) {
    std::string out(1, static_cast<char>(first));
    for (int i = bytes - 1; i >= 0; --i) out += static_cast<char>((n >> (8 * i)) & 0xff);
    return out;
}

// Random valid MessagePack: msgpack-cxx's own encodings, and often a
// non-minimal header for the same value written by hand.
class Generator {
public:
    explicit Generator(std::uint32_t seed) : rng_(seed) {}

    std::string value() {
        msgpack::sbuffer buffer;
        msgpack::packer<msgpack::sbuffer> pk(buffer);
        item(pk, buffer, 0);
        return packed(buffer);
    }

private:
    std::uint64_t below(std::uint64_t n) { return std::uniform_int_distribution<std::uint64_t>(0, n - 1)(rng_); }
    bool oneIn(std::uint64_t n) { return below(n) == 0; }
    std::uint64_t bits(int n) { return n == 0 ? 0 : std::uniform_int_distribution<std::uint64_t>()(rng_) >> (64 - n); }
    std::string bytes(std::size_t n) {
        std::string s(n, '\0');
        const bool ascii = oneIn(2);
        for (char& c : s) c = static_cast<char>(ascii ? 0x20 + below(95) : below(256));
        return s;
    }
    std::size_t length() { return oneIn(8) ? 200 + below(400) : below(40); }
    void raw(msgpack::sbuffer& b, const std::string& s) { b.write(s.data(), s.size()); }

    // An integer in uintN or intN of a random width that holds it.
    void handInteger(msgpack::sbuffer& b, std::uint64_t v, bool negative) {
        const bool signedType = negative || (v >> 63 == 0 && oneIn(2));
        auto holds = [&](int k) {
            const int width = 8 << k;
            if (width == 64) return true;
            if (!signedType) return v >> width == 0;
            const auto s = static_cast<std::int64_t>(v);
            return s >= -(std::int64_t{1} << (width - 1)) && s < (std::int64_t{1} << (width - 1));
        };
        int k = static_cast<int>(below(4));  // 1, 2, 4 or 8 bytes
        while (!holds(k)) ++k;
        raw(b, header(static_cast<std::uint8_t>((signedType ? 0xd0 : 0xcc) + k), v, 1 << k));
    }

    // A length: the packer's header, or a third of the time an 8, 16 or
    // 32-bit one by hand (h8 0: the family has no 8-bit one).
    void lengthHeader(msgpack::sbuffer& b, std::uint64_t n, std::uint8_t h8, std::uint8_t h16, std::uint8_t h32,
                      const std::function<void()>& usual) {
        if (!oneIn(3)) return usual();
        int k = static_cast<int>(below(3));
        if (k == 0 && (h8 == 0 || n > 0xff)) k = 1;
        if (k == 1 && n > 0xffff) k = 2;
        raw(b, header(k == 0 ? h8 : k == 1 ? h16 : h32, n, 1 << k));
    }

    void item(msgpack::packer<msgpack::sbuffer>& pk, msgpack::sbuffer& b, int depth) {
        switch (below(depth < 4 ? 12 : 10)) {
        case 0: oneIn(3) ? pk.pack_nil() : oneIn(2) ? pk.pack_true() : pk.pack_false(); break;
        case 1:
        case 2: {  // integers of every size, either sign
            const bool negative = oneIn(2);
            const std::uint64_t magnitude = bits(static_cast<int>(below(negative ? 64 : 65)));
            const std::uint64_t v = negative ? ~magnitude : magnitude;  // -1 - magnitude
            if (oneIn(2))
                handInteger(b, v, negative);
            else if (negative)
                pk.pack_int64(static_cast<std::int64_t>(v));
            else
                pk.pack_uint64(v);
            break;
        }
        case 3: {  // floats of any bits (many small ones), every NaN the canonical one
            auto f = std::bit_cast<float>(static_cast<std::uint32_t>(bits(oneIn(4) ? 16 : 32)) << (oneIn(4) ? 16 : 0));
            if (std::isnan(f)) f = std::bit_cast<float>(0x7fc00000u);
            // msgpack-cxx writes a float that holds an integer as an integer: by hand then.
            if (oneIn(2))
                raw(b, header(0xca, std::bit_cast<std::uint32_t>(f), 4));
            else
                pk.pack_float(f);
            break;
        }
        case 4: {
            auto d = std::bit_cast<double>(bits(oneIn(4) ? 16 : 64) << (oneIn(4) ? 48 : 0));
            if (std::isnan(d)) d = std::bit_cast<double>(0x7ff8000000000000ULL);
            if (oneIn(2))
                raw(b, header(0xcb, std::bit_cast<std::uint64_t>(d), 8));
            else
                pk.pack_double(d);
            break;
        }
        case 5:
        case 6: {  // str (UTF-8 or not) or bin
            const std::string s = bytes(length());
            const auto n = static_cast<std::uint32_t>(s.size());
            if (oneIn(2)) {
                lengthHeader(b, n, 0xd9, 0xda, 0xdb, [&] { pk.pack_str(n); });
                pk.pack_str_body(s.data(), n);
            } else {
                lengthHeader(b, n, 0xc4, 0xc5, 0xc6, [&] { pk.pack_bin(n); });
                pk.pack_bin_body(s.data(), n);
            }
            break;
        }
        case 7: {  // ext, sizes around the fixext ones; type -1 too (not always a valid timestamp)
            static constexpr std::size_t kSizes[] = {0, 1, 2, 3, 4, 5, 8, 12, 16, 17, 300};
            const std::string s = bytes(kSizes[below(std::size(kSizes))]);
            const auto type = static_cast<std::int8_t>(oneIn(4) ? -1 : static_cast<int>(below(256)) - 128);
            if (oneIn(3)) {  // ext8, ext16 or ext32, whatever the size
                const int k = s.size() > 0xff ? 1 + static_cast<int>(below(2)) : static_cast<int>(below(3));
                raw(b, header(static_cast<std::uint8_t>(0xc7 + k), s.size(), 1 << k) + static_cast<char>(type));
            } else {
                pk.pack_ext(s.size(), type);
            }
            pk.pack_ext_body(s.data(), s.size());
            break;
        }
        case 8:
        case 9: {  // timestamps in msgpack-cxx's three forms
            timespec t{};
            const auto form = below(3);
            t.tv_sec = form == 0   ? static_cast<time_t>(bits(32))
                       : form == 1 ? static_cast<time_t>(bits(34))
                                   : static_cast<time_t>(bits(38)) - (std::int64_t{1} << 37);
            t.tv_nsec = form == 0 ? 0 : static_cast<long>(below(1000000000));
            pk.pack(t);
            break;
        }
        default: {  // array or map
            const bool map = oneIn(2);
            const auto n = static_cast<std::uint32_t>(oneIn(10) ? 14 + below(6) : below(5));
            if (map)
                lengthHeader(b, n, 0, 0xde, 0xdf, [&] { pk.pack_map(n); });
            else
                lengthHeader(b, n, 0, 0xdc, 0xdd, [&] { pk.pack_array(n); });
            for (std::uint32_t i = 0; i < (map ? 2 * n : n); ++i) item(pk, b, depth + 1);
        }
        }
    }

    std::mt19937 rng_;
};

}  // namespace

class MessagePackTextTest : public QObject {
    Q_OBJECT
private slots:
    void valuesOfTheReferenceLibraryPrintAndComeBack() {
        using Lim64 = std::numeric_limits<std::int64_t>;
        using LimF = std::numeric_limits<float>;
        using LimD = std::numeric_limits<double>;
        const std::string b255(255, 'y'), b256(256, '\x01');
        const std::pair<std::string, const char*> cases[] = {  // nullptr: the round trip only
            {pack([](auto& p) { p.pack_nil(); }), "null"},
            {packValue(true), "true"},
            {packValue(false), "false"},
            {packValue(0), "0"},
            {packValue(127), "127"},
            {packValue(128), "128"},
            {packValue(255), "255"},
            {packValue(256), "256"},
            {packValue(65535), "65535"},
            {packValue(65536), "65536"},
            {packValue(std::uint64_t{0xffffffff}), "4294967295"},
            {packValue(std::uint64_t{0x100000000}), "4294967296"},
            {packValue(std::numeric_limits<std::uint64_t>::max()), "18446744073709551615"},
            {packValue(-1), "-1"},
            {packValue(-32), "-32"},
            {packValue(-33), "-33"},
            {packValue(-128), "-128"},
            {packValue(-129), "-129"},
            {packValue(-32768), "-32768"},
            {packValue(-32769), "-32769"},
            {packValue(std::int64_t{-2147483648LL}), "-2147483648"},
            {packValue(std::int64_t{-2147483649LL}), "-2147483649"},
            {packValue(Lim64::min()), "-9223372036854775808"},
            // msgpack-cxx writes a float holding an integer (-0.0, 2.0) as an integer: see the next test.
            {packValue(1.5f), "1.5_float32"},
            {packValue(0.1f), "0.1_float32"},
            {packValue(-LimF::infinity()), "-Infinity_float32"},
            {packValue(LimF::quiet_NaN()), "NaN_float32"},
            {packValue(LimF::denorm_min()), nullptr},
            {packValue(LimF::max()), nullptr},
            {packValue(1.5), "1.5"},
            {packValue(0.1), "0.1"},
            {packValue(LimD::infinity()), "Infinity"},
            {packValue(LimD::quiet_NaN()), "NaN"},
            {packValue(LimD::denorm_min()), nullptr},
            {packValue(LimD::max()), nullptr},
            {packValue(std::string()), "\"\""},
            {packValue(std::string("a\"\\\n\b\x01é")), "\"a\\\"\\\\\\n\\b\\u0001é\""},
            {packValue(std::string(31, 'x')), nullptr},  // fixstr
            {packValue(std::string(32, 'x')), nullptr},  // str8
            {packValue(std::string(255, 'x')), nullptr},
            {packValue(std::string(256, 'x')), nullptr},  // str16
            {packValue(std::string(65536, 'x')), nullptr},  // str32
            {packBin(""), "h''"},
            {packBin("\x0a\xff"), "h'0aff'"},
            {packBin(b255), nullptr},
            {packBin(b256), nullptr},
            {packArray(0), "[]"},
            {packMap(0), "{}"},
            {packArray(15), nullptr},
            {packArray(16), nullptr},
            {packArray(65536), nullptr},
            {packMap(15), nullptr},
            {packMap(16), nullptr},
            {packMap(65536), nullptr},
            {packValue(std::make_tuple(1, std::string("a"), std::vector<int>{})), "[1, \"a\", []]"},
            {packValue(std::map<std::string, std::vector<int>>{{"a", {1, -1}}, {"b", {}}}),
             "{\"a\": [1, -1], \"b\": []}"},
            {packExt(5, "\x0a"), "ext(5, h'0a')"},
            {packExt(-128, "\x0a\x0b"), "ext(-128, h'0a0b')"},
            {packExt(127, std::string(4, '\0')), "ext(127, h'00000000')"},
            {packExt(1, "12345678"), "ext(1, h'3132333435363738')"},
            {packExt(1, "0123456789abcdef"), nullptr},
            {packExt(1, "abc"), "ext(1, h'616263')"},  // ext8
            {packExt(1, ""), "ext(1, h'')"},
            {packExt(1, b256), nullptr},  // ext16
            {packValue(timespec{1700000000, 0}), "timestamp(\"2023-11-14T22:13:20Z\")"},  // 4 bytes
            {packValue(timespec{1700000000, 500000000}), "timestamp(\"2023-11-14T22:13:20.500Z\")"},  // 8
            {packValue(timespec{0, 1}), "timestamp(\"1970-01-01T00:00:00.000000001Z\")"},
            {packValue(timespec{-1, 999000000}), "timestamp(\"1969-12-31T23:59:59.999Z\")"},  // 12
            {packValue(timespec{17179869184, 0}), "timestamp(\"2514-05-30T01:53:04Z\")"},
        };
        for (const auto& [bytes, text] : cases) {
            if (text) QCOMPARE(q(messagePackNotation(bytes)), QString(text));
            const std::string problem = roundTripProblem(bytes);
            QVERIFY2(problem.empty(), problem.c_str());
        }
    }

    void nonMinimalEncodingsSayTheirType() {
        const std::pair<const char*, const char*> cases[] = {
            {"cd0005", "5_uint16"},
            {"cf0000000000000005", "5_uint64"},
            {"cc05", "5_uint8"},
            {"d005", "5_int8"},
            {"d0ff", "-1_int8"},
            {"d3ffffffffffffffff", "-1_int64"},
            {"d100c8", "200_int16"},
            {"d1ff80", "-128_int16"},
            {"ca3fc00000", "1.5_float32"},
            // msgpack-cxx writes a float holding an integer as an integer.
            {"cb8000000000000000", "-0.0"},
            {"cb4000000000000000", "2.0"},
            {"ca80000000", "-0.0_float32"},
            {"ca4f800000", "4294967296.0_float32"},
            {"d90161", "\"a\"_str8"},
            {"da000161", "\"a\"_str16"},
            {"db00000000", "\"\"_str32"},
            {"a1ff", "h'ff'_fixstr"},
            {"d901ff", "h'ff'_str8"},
            {"c50001aa", "h'aa'_bin16"},
            {"c600000000", "h''_bin32"},
            {"dc0001c0", "[_array16 null]"},
            {"dc0000", "[_array16 ]"},
            {"dd00000002c0c3", "[_array32 null, true]"},
            {"de00010101", "{_map16 1: 1}"},
            {"df00000000", "{_map32 }"},
            {"c70105aa", "ext(5, h'aa')_ext8"},
            {"c8000105aa", "ext(5, h'aa')_ext16"},
            {"c70005", "ext(5, h'')"},
            {"c90000000005", "ext(5, h'')_ext32"},
            {"c7040500000000", "ext(5, h'00000000')_ext8"},
            // A timestamp whose value fits the 4-byte form, in the 12-byte one.
            {"c70cff00000000000000006553f100", "ext(-1, h'00000000000000006553f100')"},
            {"d7ff000000006553f100", "ext(-1, h'000000006553f100')"},  // 8-byte form, no nanoseconds
            {"c704ff6553f100", "ext(-1, h'6553f100')_ext8"},
            {"d7ffee6b28006553f100", "ext(-1, h'ee6b28006553f100')"},  // 1000000000 ns
            {"d6ff6553f100", "timestamp(\"2023-11-14T22:13:20Z\")"},
            {"93d00591c0dc0000", "[5_int8, [null], [_array16 ]]"},
        };
        for (const auto& [hex, text] : cases) {
            const std::string bytes = fromHexText(hex);
            QCOMPARE(q(messagePackNotation(bytes)), QString(text));
            const std::string problem = roundTripProblem(bytes);
            QVERIFY2(problem.empty(), problem.c_str());
        }
    }

    // The one loss the notation allows: every NaN prints "NaN" and comes back
    // as the canonical quiet NaN of its width.
    void nanPayloadsComeBackCanonical() {
        QCOMPARE(q(messagePackNotation(fromHexText("cb7ff8000000000001"))), QString("NaN"));
        QCOMPARE(q(encodedHex("NaN")), QString("cb7ff8000000000000"));
        QCOMPARE(q(messagePackNotation(fromHexText("caffc00000"))), QString("NaN_float32"));
        QCOMPARE(q(encodedHex("NaN_float32")), QString("ca7fc00000"));
        QVERIFY(onlyNanPayloadsDiffer(fromHexText("92cb7ff8000000000001c0")));
        QVERIFY(roundTripProblem(fromHexText("92cb7ff8000000000000c0")).empty());  // the canonical one is kept
    }

    void nestingAsDeepAsTheDecoderTakes() {
        const std::string deepest = std::string(100, '\x91') + '\xc0';
        QVERIFY(roundTripProblem(deepest).empty());
        const std::string tooDeep = std::string(101, '\x91') + '\xc0';
        QVERIFY(!decodeMessagePack(tooDeep).ok());
        QCOMPARE(messagePackNotation(tooDeep), std::string());
    }

    void bytesTheDecoderRefusesHaveNoNotation() {
        for (const char* hex : {"", "c1", "91", "92c0", "c0c0", "d9", "d905616263", "c9ffffffff01", "dc0001", "cd00"})
            QCOMPARE(messagePackNotation(fromHexText(hex)), std::string());
    }

    void randomBytesComeBack() {
        std::mt19937 rng(20240601);
        int accepted = 0, nans = 0;
        for (int i = 0; i < 20000; ++i) {
            std::string bytes(1 + (rng() % 4 == 0 ? rng() % 24 : rng() % 5), '\0');
            for (char& c : bytes) c = static_cast<char>(rng());
            if (!decodeMessagePack(bytes).ok()) {
                QVERIFY(messagePackNotation(bytes).empty());
                continue;
            }
            ++accepted;
            const std::string problem = roundTripProblem(bytes);
            if (!problem.empty() && onlyNanPayloadsDiffer(bytes)) {
                ++nans;
                continue;
            }
            QVERIFY2(problem.empty(), problem.c_str());
        }
        qInfo("%d of 20000 random byte strings are MessagePack and came back (%d NaN payloads skipped)", accepted,
              nans);
        QVERIFY(accepted > 2000);
    }

    void randomValuesComeBack() {
        Generator generator(7);
        std::size_t total = 0;
        int nonMinimal = 0, timestamps = 0;
        for (int i = 0; i < 20000; ++i) {
            const std::string bytes = generator.value();
            total += bytes.size();
            const std::string problem = roundTripProblem(bytes);
            QVERIFY2(problem.empty(), problem.c_str());
            const std::string text = messagePackNotation(bytes);
            for (const char* type : {"_uint", "_int", "_str", "_bin", "_array", "_map", "_ext", "_fixstr"})
                if (text.find(type) != std::string::npos) {
                    ++nonMinimal;
                    break;
                }
            if (text.find("timestamp(") != std::string::npos) ++timestamps;
        }
        qInfo("20000 random values (%zu bytes, %d with a non-minimal type, %d with a timestamp) came back", total,
              nonMinimal, timestamps);
        QVERIFY(nonMinimal > 4000 && timestamps > 2000);
    }

    void editedTextEncodesAsTheReferenceLibraryPacks() {
        const std::string original = fromHexText("81a16101");
        QCOMPARE(messagePackNotation(original), std::string("{\"a\": 1}"));
        msgpack::sbuffer buffer;
        msgpack::packer<msgpack::sbuffer> pk(buffer);
        pk.pack_map(2);
        pk.pack(std::string("a"));
        pk.pack(2);
        pk.pack(std::string("b"));
        pk.pack_bin(1);
        pk.pack_bin_body("\0", 1);
        QCOMPARE(q(encodedHex("{\"a\": 2, \"b\": h'00'}")), q(hexOf(packed(buffer))));
        // Comments and line breaks are fine.
        QCOMPARE(q(encodedHex("{\n  \"a\": 2, / the new one / \"b\": h'00'\n}")), q(hexOf(packed(buffer))));

        QCOMPARE(q(encodedHex("1.5_float32")), QString("ca3fc00000"));
        // The nearest float to the text, not to the double nearest the text.
        QCOMPARE(q(encodedHex("0.1_float32")), QString("ca3dcccccd"));
        QCOMPARE(q(encodedHex("1.00000005960464477539062500001_float32")), QString("ca3f800001"));
        QCOMPARE(q(encodedHex("NaN_float32")), QString("ca7fc00000"));
        QCOMPARE(q(encodedHex("-Infinity")), QString("cbfff0000000000000"));
        QCOMPARE(q(encodedHex("2_float64")), QString("cb4000000000000000"));
        QCOMPARE(q(encodedHex("-3_float32")), QString("cac0400000"));
        QCOMPARE(q(encodedHex("5_int8")), QString("d005"));
        QCOMPARE(q(encodedHex("-1_int64")), QString("d3ffffffffffffffff"));
        QCOMPARE(q(encodedHex("\"a\"_bin8")), QString("c40161"));
        QCOMPARE(q(encodedHex("ext(1, h'0a0b0c0d')_ext8")), QString("c704010a0b0c0d"));

        msgpack::sbuffer time;
        msgpack::packer<msgpack::sbuffer> tpk(time);
        tpk.pack(timespec{1700000000, 500000000});
        QCOMPARE(q(encodedHex("timestamp(\"2023-11-14T22:13:20.5Z\")")), q(hexOf(packed(time))));
        QCOMPARE(q(encodedHex("timestamp(\"2023-11-14T22:13:20Z\")_ext8")), QString("c704ff6553f100"));
    }

    void textMessagePackCannotHoldIsRefusedWithItsPlace() {
        const std::pair<const char*, const char*> cases[] = {
            {"300_uint8", "line 1, column 1: 300 does not fit in uint8"},
            {"[1,\n 300_uint8]", "line 2, column 2: 300 does not fit in uint8"},
            {"-1_uint64", "line 1, column 1: -1 does not fit in uint64"},
            {"128_int8", "line 1, column 1: 128 does not fit in int8"},
            {"-33_fixint", "line 1, column 1: -33 does not fit in fixint"},
            {"1(2)", "line 1, column 1: MessagePack has no tags"},
            {"[undefined]", "line 1, column 2: MessagePack has no undefined"},
            {"simple(1)", "line 1, column 1: MessagePack has no simple values"},
            {"[_ 1]", "line 1, column 1: MessagePack has no indefinite-length arrays or maps"},
            {"(_ \"a\")", "line 1, column 1: MessagePack has no indefinite-length strings"},
            {"-9223372036854775809",
             "line 1, column 1: -9223372036854775809 is below MessagePack's smallest integer, -9223372036854775808"},
            {"18446744073709551616", "line 1, column 1: the integer 18446744073709551616 does not fit in 64 bits"},
            {"\"a\"_uint8", "line 1, column 1: a string cannot be uint8"},
            {"1.5_uint8", "line 1, column 1: a float cannot be uint8"},
            {"null_fixint", "line 1, column 1: null cannot be fixint"},
            {"[_map16 ]", "line 1, column 1: an array cannot be map16"},
            {"1_1", "line 1, column 1: _1 is a CBOR indicator: MessagePack names the type, as in _uint16"},
            {"1_uint7", "line 1, column 1: _uint7 is not a MessagePack type"},
            {"[_fixarray 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]",
             "line 1, column 1: 16 items do not fit in fixarray"},
            {"\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"_fixstr", "line 1, column 1: 37 bytes do not fit in fixstr"},
            {"ext(1, h'00')_fixext2", "line 1, column 1: fixext2 holds exactly 2 bytes, not 1"},
            {"1e39_float32", "line 1, column 1: 1e39 does not fit in float32"},
            {"[1, 2", "line 1, column 6: expected ',' or ']'"},
            {"1 2", "line 1, column 3: more text after the value"},
        };
        for (const auto& [text, message] : cases) QCOMPARE(q(errorOf(text)), QString(message));
    }
};

QTEST_APPLESS_MAIN(MessagePackTextTest)
#include "messagepack_text_test.moc"
