// Matcher: does a byte string match what the user searches for?
//
//   - Substring: the pattern's bytes occur anywhere in it;
//   - Bytes: the same, for a pattern given as bytes (hex typed by the user);
//   - Glob: the whole string matches, as Redis' SCAN MATCH does: * any bytes,
//     ? one byte, [abc] [a-z] [^a] a class, \ takes the next character as is;
//   - Regex: RE2 syntax, matched anywhere (anchor with ^ and $).
//
// Matching is bytewise: RE2 runs in Latin-1 mode, so any byte of a binary
// key or value is a character, and "." matches every byte but \n. RE2 is
// chosen over PCRE2 (and std::regex, far too slow at this scale) because its
// matching time is linear in the input whatever the pattern: a search the
// user types can never stall on backtracking over millions of values.
//
// Thread safety: a built Matcher is immutable; operator() may be called from
// any number of threads at once. Errors: make() returns InvalidArgument
// naming what is wrong with the pattern (an unclosed class, a bad regex).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "storage/status.h"

namespace re2 {
class RE2;
}

namespace meridian::storage {

enum class MatchKind { Substring, Bytes, Glob, Regex };

const char* matchKindName(MatchKind kind);

class Matcher {
public:
    static Result<Matcher> make(MatchKind kind, std::string pattern);

    bool operator()(std::string_view bytes) const;
    MatchKind kind() const { return kind_; }

private:
    Matcher(MatchKind kind, std::string pattern) : kind_(kind), pattern_(std::move(pattern)) {}

    MatchKind kind_;
    std::string pattern_;
    std::shared_ptr<const re2::RE2> re_;  // Glob and Regex
};

// The RE2 pattern that matches what `glob` matches (whole string, bytewise).
Result<std::string> globToRegex(std::string_view glob);

}  // namespace meridian::storage
