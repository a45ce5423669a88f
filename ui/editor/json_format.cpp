#include "ui/editor/json_format.h"

#include <QCoreApplication>

namespace meridian::ui {

namespace {

bool isJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool isStructural(char c) { return c == '{' || c == '}' || c == '[' || c == ']' || c == ',' || c == ':'; }

// The end (one past the closing quote) of the string starting at `begin`.
qsizetype stringEnd(const QByteArray& s, qsizetype begin) {
    qsizetype i = begin + 1;
    while (i < s.size()) {
        if (s[i] == '\\') i += 2;
        else if (s[i] == '"') return i + 1;
        else ++i;
    }
    return s.size();
}

qsizetype skipSpace(const QByteArray& s, qsizetype i) {
    while (i < s.size() && isJsonSpace(s[i])) ++i;
    return i;
}

void newline(QByteArray& out, int depth, int indent) {
    out += '\n';
    out += QByteArray(qMax(0, depth) * indent, ' ');
}

int hexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Unescapes the JSON string s[begin, end) (quotes included).
QString decodeString(const QByteArray& s, qsizetype begin, qsizetype end) {
    QString out;
    qsizetype run = begin + 1;  // start of raw bytes not yet appended
    qsizetype i = run;
    const qsizetype last = end - 1;  // the closing quote
    auto flush = [&](qsizetype upTo) {
        if (upTo > run) out += QString::fromUtf8(s.constData() + run, upTo - run);
    };
    while (i < last) {
        if (s[i] != '\\' || i + 1 >= last) {
            ++i;
            continue;
        }
        flush(i);
        const char e = s[i + 1];
        i += 2;
        switch (e) {
        case 'b': out += QChar(0x08); break;
        case 'f': out += QChar(0x0C); break;
        case 'n': out += QChar('\n'); break;
        case 'r': out += QChar('\r'); break;
        case 't': out += QChar('\t'); break;
        case 'u': {
            int code = 0;
            for (int k = 0; k < 4 && i < last; ++k, ++i) code = code * 16 + qMax(0, hexValue(s[i]));
            out += QChar(static_cast<char16_t>(code));  // surrogate pairs come as two escapes
            break;
        }
        default: out += QChar::fromLatin1(e); break;  // \" \\ \/
        }
        run = i;
    }
    flush(last);
    return out;
}

class TreeParser {
public:
    explicit TreeParser(const QByteArray& s) : s_(s) {}

    std::vector<JsonNode> parse() {
        pos_ = skipSpace(s_, 0);
        if (value(QString(), 0) < 0) return {};
        if (skipSpace(s_, pos_) != s_.size()) return {};
        return std::move(nodes_);
    }

private:
    int value(const QString& name, int depth) {
        if (pos_ >= s_.size() || depth > 2048) return -1;
        const int index = static_cast<int>(nodes_.size());
        nodes_.push_back(JsonNode{});
        nodes_[index].name = name;
        const char c = s_[pos_];
        if (c == '{' || c == '[') {
            const bool object = c == '{';
            const char close = object ? '}' : ']';
            nodes_[index].kind = object ? JsonKind::Object : JsonKind::Array;
            pos_ = skipSpace(s_, pos_ + 1);
            std::vector<int> children;
            while (pos_ < s_.size() && s_[pos_] != close) {
                QString childName = QStringLiteral("[%1]").arg(children.size());
                if (object) {
                    if (s_[pos_] != '"') return -1;
                    const qsizetype end = stringEnd(s_, pos_);
                    childName = decodeString(s_, pos_, end);
                    pos_ = skipSpace(s_, end);
                    if (pos_ >= s_.size() || s_[pos_] != ':') return -1;
                    pos_ = skipSpace(s_, pos_ + 1);
                }
                const int child = value(childName, depth + 1);
                if (child < 0) return -1;
                children.push_back(child);
                pos_ = skipSpace(s_, pos_);
                if (pos_ < s_.size() && s_[pos_] == ',') pos_ = skipSpace(s_, pos_ + 1);
            }
            if (pos_ >= s_.size()) return -1;
            ++pos_;
            nodes_[index].value = object ? QStringLiteral("{%1}").arg(children.size())
                                         : QStringLiteral("[%1]").arg(children.size());
            nodes_[index].children = std::move(children);
            return index;
        }
        if (c == '"') {
            const qsizetype end = stringEnd(s_, pos_);
            nodes_[index].kind = JsonKind::String;
            nodes_[index].value = decodeString(s_, pos_, end);
            pos_ = end;
            return index;
        }
        const qsizetype begin = pos_;
        while (pos_ < s_.size() && !isJsonSpace(s_[pos_]) && !isStructural(s_[pos_])) ++pos_;
        if (pos_ == begin) return -1;
        const QByteArray token = s_.mid(begin, pos_ - begin);
        nodes_[index].kind = token == "null"                     ? JsonKind::Null
                             : token == "true" || token == "false" ? JsonKind::Bool
                                                                   : JsonKind::Number;
        nodes_[index].value = QString::fromUtf8(token);
        return index;
    }

    const QByteArray& s_;
    qsizetype pos_ = 0;
    std::vector<JsonNode> nodes_;
};

}  // namespace

QByteArray prettyJson(const QByteArray& s, int indent) {
    QByteArray out;
    out.reserve(s.size() + s.size() / 4);
    int depth = 0;
    qsizetype i = skipSpace(s, 0);
    while (i < s.size()) {
        const char c = s[i];
        if (c == '"') {
            const qsizetype end = stringEnd(s, i);
            out += QByteArrayView(s.constData() + i, end - i);
            i = end;
        } else if (c == '{' || c == '[') {
            const char close = c == '{' ? '}' : ']';
            const qsizetype next = skipSpace(s, i + 1);
            if (next < s.size() && s[next] == close) {
                out += c;
                out += close;
                i = next + 1;
            } else {
                out += c;
                newline(out, ++depth, indent);
                i = next;
            }
        } else if (c == '}' || c == ']') {
            newline(out, --depth, indent);
            out += c;
            ++i;
        } else if (c == ',') {
            out += ',';
            newline(out, depth, indent);
            i = skipSpace(s, i + 1);
        } else if (c == ':') {
            out += ": ";
            i = skipSpace(s, i + 1);
        } else {
            const qsizetype begin = i;
            while (i < s.size() && !isJsonSpace(s[i]) && !isStructural(s[i]) && s[i] != '"') ++i;
            out += QByteArrayView(s.constData() + begin, i - begin);
        }
        i = skipSpace(s, i);
    }
    return out;
}

std::vector<JsonNode> parseJsonTree(const QByteArray& json) { return TreeParser(json).parse(); }

QString jsonLocation(const QByteArray& text, qsizetype offset) {
    offset = qBound<qsizetype>(0, offset, text.size());
    const QByteArray before = text.left(offset);
    const qsizetype lineStart = before.lastIndexOf('\n') + 1;
    const int line = static_cast<int>(before.count('\n')) + 1;
    const int column = static_cast<int>(QString::fromUtf8(before.mid(lineStart)).size()) + 1;
    return QCoreApplication::translate("JsonFormat", "line %1, column %2").arg(line).arg(column);
}

}  // namespace meridian::ui
