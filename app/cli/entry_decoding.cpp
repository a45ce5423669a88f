#include "app/cli/entry_decoding.h"

#include "app/cli/byte_format.h"

namespace meridian::cli {

using storage::Status;

storage::Result<EntryDecoding> EntryDecoding::fromArguments(const Arguments& args) {
    EntryDecoding out;
    out.hex_ = args.hex;
    if (args.decode) {
        if (*args.decode == "auto") {
            out.guess_ = true;
        } else {
            auto spec = decode::parseDecoderSpec(*args.decode);
            if (!spec.ok()) return Status::invalidArgument("--decode: " + spec.status().message());
            auto decoder = decode::ValueDecoder::make(spec.value());
            if (!decoder.ok()) return Status::invalidArgument("--decode: " + decoder.status().message());
            out.decoder_ = std::move(decoder.value());
        }
    }
    if (args.keyLayout) {
        auto layout = decode::KeyLayout::parse(*args.keyLayout);
        if (!layout.ok()) return Status::invalidArgument("--key-layout: " + layout.status().message());
        out.layout_ = std::move(layout.value());
    }
    return out;
}

storage::Result<std::string> EntryDecoding::keyArgument(std::string_view argument, std::string_view what) const {
    if (layout_ && argument.find('{') != std::string_view::npos) {
        auto bytes = layout_->encodeTyped(argument);
        if (!bytes.ok()) return Status::invalidArgument(std::string(what) + ": " + bytes.status().message());
        return bytes;
    }
    return parseBytes(argument, hex_, what);
}

std::string EntryDecoding::record(std::string_view key, std::optional<std::string_view> value) const {
    JsonLine line;
    line.bytes("key", key, hex_);
    if (layout_) {
        const decode::KeyMatch match = layout_->match(key);
        if (match.matches()) {
            decode::Node fields;
            fields.kind = decode::NodeKind::Map;
            for (const decode::KeyField& field : match.fields) {
                decode::Node node;
                node.name = field.name;
                node.kind = field.value.kind;
                node.type = field.type.name();
                node.value = field.value.text;
                fields.children.push_back(std::move(node));
            }
            line.raw("fields", decode::toJson(fields));
        } else {
            line.null("fields");
            line.string("key_error", match.why);
        }
    }
    if (!value) return line.str();
    std::optional<decode::ValueDecoder> guessed;
    const decode::ValueDecoder* decoder = decoder_ ? &*decoder_ : nullptr;
    if (guess_) {
        if (auto format = decode::guessFormat(*value)) {
            guessed = decode::ValueDecoder::forFormat(*format);
            decoder = &*guessed;
        }
    }
    if (!decoder) {
        line.bytes("value", *value, hex_);
        return line.str();
    }
    const decode::Decoded decoded = decoder->decode(*value);
    line.string("format", decoded.format);
    if (!decoded.ok()) {
        line.bytes("value", *value, hex_);
        line.string("error", decoded.failure->message);
        return line.str();
    }
    line.raw("value", decode::toJson(decoded.root));
    if (decoded.cut) line.string("note", decoded.note);
    return line.str();
}

}  // namespace meridian::cli
