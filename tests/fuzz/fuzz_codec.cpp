// libFuzzer target: the byte codecs (storage/codec.h: hex, base64, JSON string
// literals) and the bytes shown to a person (storage/bytes.h: UTF-8 checks,
// \xNN escapes), on any bytes.
//
// Checks, for every input x:
//  - decodeHex accepts exactly pairs of hex digits, and toHex gives them back
//    up to case; fromHex is decodeHex after an optional 0x / 0X;
//    fromHex(toHex(x)) == x.
//  - fromBase64 accepts exactly canonical base64: what it reads, toBase64
//    writes back unchanged; fromBase64(toBase64(x)) == x.
//  - escapeBytes(x) is printable single-line UTF-8 and unescapeBytes reads x
//    back from it; unescapeBytes changes only what follows a backslash.
//  - isValidUtf8 agrees with an independent reading of the Unicode standard's
//    table of well-formed sequences (Table 3-7); printable implies valid.
//  - readJsonString reads back what jsonString wrote, in both spellings, and
//    on any text either fails or stops right after a closing quote.
//  - displayBytes shows x as is only when it is printable UTF-8.
#include <string>
#include <string_view>

#include "storage/bytes.h"
#include "storage/codec.h"
#include "tests/fuzz/fuzz_check.h"

using namespace meridian::storage;

namespace {

bool isHexDigit(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

std::string asciiCase(std::string_view text, bool upper) {
    std::string out(text);
    for (char& c : out) {
        if (upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (!upper && c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
}

// Well-formed UTF-8 as the Unicode standard tabulates it (Table 3-7): the
// second byte's range depends on the first, the others are 80..BF.
bool referenceValidUtf8(std::string_view text) {
    const auto at = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const auto between = [](unsigned char b, unsigned lo, unsigned hi) { return b >= lo && b <= hi; };
    for (std::size_t i = 0; i < text.size();) {
        const unsigned char b0 = at(i);
        std::size_t length = 0;
        unsigned lo = 0x80, hi = 0xBF;
        if (b0 <= 0x7F) length = 1;
        else if (between(b0, 0xC2, 0xDF)) length = 2;
        else if (b0 == 0xE0) length = 3, lo = 0xA0;
        else if (between(b0, 0xE1, 0xEC) || between(b0, 0xEE, 0xEF)) length = 3;
        else if (b0 == 0xED) length = 3, hi = 0x9F;
        else if (b0 == 0xF0) length = 4, lo = 0x90;
        else if (between(b0, 0xF1, 0xF3)) length = 4;
        else if (b0 == 0xF4) length = 4, hi = 0x8F;
        else return false;
        if (i + length > text.size()) return false;
        if (length > 1 && !between(at(i + 1), lo, hi)) return false;
        for (std::size_t k = 2; k < length; ++k)
            if (!between(at(i + k), 0x80, 0xBF)) return false;
        i += length;
    }
    return true;
}

void checkHex(std::string_view x) {
    std::string decoded = "left over";
    const bool ok = decodeHex(x, decoded);
    bool allHex = true;
    for (char c : x) allHex = allHex && isHexDigit(c);
    FUZZ_CHECK(ok == (x.size() % 2 == 0 && allHex));
    if (ok) {
        FUZZ_CHECK(decoded.size() == x.size() / 2);
        FUZZ_CHECK(toHex(decoded) == asciiCase(x, true));
        FUZZ_CHECK(toHex(decoded, HexDigits::Lower) == asciiCase(x, false));
    }

    std::string_view digits = x;
    if (digits.size() >= 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) digits.remove_prefix(2);
    std::string expected;
    const bool digitsOk = decodeHex(digits, expected);
    const auto typed = fromHex(x);
    FUZZ_CHECK(typed.has_value() == digitsOk);
    if (typed) FUZZ_CHECK(*typed == expected);

    const std::string upper = toHex(x);
    FUZZ_CHECK(upper.size() == 2 * x.size());
    FUZZ_CHECK(fromHex(upper) == std::string(x));
    FUZZ_CHECK(fromHex("0x" + toHex(x, HexDigits::Lower)) == std::string(x));
    std::string appended = "0x";
    appendHex(appended, x);
    FUZZ_CHECK(appended == "0x" + upper);
}

void checkBase64(std::string_view x) {
    if (const auto decoded = fromBase64(x)) {
        FUZZ_CHECK(toBase64(*decoded) == x);  // only the canonical spelling is accepted
    } else {
        // Refused: then x is not what toBase64 writes for anything, so at
        // least one of these holds.
        bool alphabet = true;
        for (char c : x)
            alphabet = alphabet && ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                                    c == '+' || c == '/');
        FUZZ_CHECK(x.size() % 4 != 0 || !alphabet);
    }
    const std::string encoded = toBase64(x);
    FUZZ_CHECK(encoded.size() == (x.size() + 2) / 3 * 4);
    FUZZ_CHECK(fromBase64(encoded) == std::string(x));
}

void checkEscapes(std::string_view x) {
    const std::string escaped = escapeBytes(x);
    FUZZ_CHECK(isPrintableUtf8(escaped));  // printable, so no newline: one line
    FUZZ_CHECK(unescapeBytes(escaped) == std::string(x));

    const auto unescaped = unescapeBytes(x);
    if (x.find('\\') == std::string_view::npos) FUZZ_CHECK(unescaped == std::string(x));
    if (unescaped) {
        FUZZ_CHECK(unescaped->size() <= x.size());
        FUZZ_CHECK(unescapeBytes(escapeBytes(*unescaped)) == *unescaped);
    }
}

void checkUtf8(std::string_view x) {
    const bool valid = isValidUtf8(x);
    FUZZ_CHECK(valid == referenceValidUtf8(x));
    const bool printable = isPrintableUtf8(x);
    const bool printableOrSpace = isPrintableUtf8(x, true);
    FUZZ_CHECK(!printable || printableOrSpace);
    FUZZ_CHECK(!printableOrSpace || valid);
    if (printable) FUZZ_CHECK(x.find_first_of(std::string_view("\t\n\r\x7f", 4)) == std::string_view::npos);

    FUZZ_CHECK(displayBytes(x, ByteDisplay::Hex) == toHex(x));
    FUZZ_CHECK(displayBytes(x, ByteDisplay::Escaped) == escapeBytes(x));
    const std::string shown = displayBytes(x, ByteDisplay::Auto);
    FUZZ_CHECK(shown == (printable ? std::string(x) : escapeBytes(x)));
    FUZZ_CHECK(isPrintableUtf8(shown));
}

void checkJson(std::string_view x) {
    for (const auto spelling : {JsonShortEscapes::WithBackspaceFormFeed, JsonShortEscapes::TabNewlineReturn}) {
        std::string literal = "prefix ";
        appendJsonString(literal, x, spelling);
        literal.erase(0, 7);
        FUZZ_CHECK(literal == jsonString(x, spelling));
        for (char c : literal) FUZZ_CHECK(static_cast<unsigned char>(c) >= 0x20);  // controls are escaped
        std::size_t pos = 0;
        std::string back = "left over";
        FUZZ_CHECK(readJsonString(literal, pos, back).ok());
        FUZZ_CHECK(pos == literal.size());
        FUZZ_CHECK(back == x);
    }

    // Any text: a string literal at its start, or a reason why not.
    std::size_t pos = 0;
    std::string read;
    const Status status = readJsonString(x, pos, read);
    if (!status.ok()) {
        FUZZ_CHECK(status.code() == Status::Code::InvalidArgument && !status.message().empty());
        return;
    }
    FUZZ_CHECK(pos >= 2 && pos <= x.size() && x[0] == '"' && x[pos - 1] == '"');
    // Escapes only ever shorten the text (\uXXXX: at most 3 bytes for 6;
    // a surrogate pair: 4 for 12).
    FUZZ_CHECK(read.size() <= pos - 2);
    if (isValidUtf8(read)) {
        const std::string again = jsonString(read, JsonShortEscapes::TabNewlineReturn);
        std::size_t againPos = 0;
        std::string back;
        FUZZ_CHECK(readJsonString(again, againPos, back).ok() && back == read);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view x = meridian::fuzz::bytesOf(data, size);
    checkHex(x);
    checkBase64(x);
    checkEscapes(x);
    checkUtf8(x);
    checkJson(x);
    return 0;
}
