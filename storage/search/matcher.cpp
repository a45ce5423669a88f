#include "storage/search/matcher.h"

#include <re2/re2.h>

#include <cstring>

namespace meridian::storage {

const char* matchKindName(MatchKind kind) {
    switch (kind) {
    case MatchKind::Substring: return "substring";
    case MatchKind::Bytes: return "bytes";
    case MatchKind::Glob: return "glob";
    case MatchKind::Regex: return "regex";
    }
    return "unknown";
}

Result<std::string> globToRegex(std::string_view glob) {
    std::string re = "^(?s:";  // (?s): * and ? match \n too, as a byte like any other
    for (std::size_t i = 0; i < glob.size(); ++i) {
        const char c = glob[i];
        if (c == '*') {
            re += ".*";
        } else if (c == '?') {
            re += '.';
        } else if (c == '\\') {
            if (i + 1 == glob.size()) return Status::invalidArgument("the glob ends with a lone backslash");
            re += RE2::QuoteMeta(std::string_view(&glob[++i], 1));
        } else if (c == '[') {
            const std::size_t close = glob.find(']', i + 2);  // "[]...]" takes ] as a member
            if (close == std::string_view::npos) return Status::invalidArgument("the glob's [ is never closed");
            std::string members(glob.substr(i + 1, close - i - 1));
            re += '[';
            std::size_t j = 0;
            if (!members.empty() && (members[0] == '^' || members[0] == '!')) {
                re += '^';
                j = 1;
            }
            for (; j < members.size(); ++j) {
                const char m = members[j];
                if (m == '-' && j > 0 && j + 1 < members.size()) re += '-';  // a range
                else if (m == '\\' || m == '[' || m == ']' || m == '^' || m == '-') (re += '\\') += m;
                else re += m;
            }
            re += ']';
            i = close;
        } else {
            re += RE2::QuoteMeta(std::string_view(&glob[i], 1));
        }
    }
    re += ")$";
    return re;
}

Result<Matcher> Matcher::make(MatchKind kind, std::string pattern) {
    Matcher m(kind, pattern);
    if (kind == MatchKind::Substring || kind == MatchKind::Bytes) return m;
    std::string source = pattern;
    if (kind == MatchKind::Glob) {
        auto re = globToRegex(pattern);
        if (!re.ok()) return re.status();
        source = std::move(re.value());
    }
    RE2::Options options;
    options.set_encoding(RE2::Options::EncodingLatin1);
    options.set_log_errors(false);
    auto re = std::make_shared<const RE2>(source, options);
    if (!re->ok()) return Status::invalidArgument(std::string("not a valid ") + matchKindName(kind) + ": " + re->error());
    m.re_ = std::move(re);
    return m;
}

bool Matcher::operator()(std::string_view bytes) const {
    if (re_) return RE2::PartialMatch(bytes, *re_);
    if (pattern_.empty()) return true;
    return memmem(bytes.data(), bytes.size(), pattern_.data(), pattern_.size()) != nullptr;
}

}  // namespace meridian::storage
