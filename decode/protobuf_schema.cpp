#include "decode/protobuf_schema.h"

#include <google/protobuf/compiler/importer.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor_database.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/message.h>
#include <google/protobuf/stubs/common.h>
#include <google/protobuf/text_format.h>
#include <google/protobuf/util/json_util.h>

#include <algorithm>
#include <climits>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <system_error>
#include <utility>

#include "decode/protobuf_tree.h"
#include "decode/protobuf_wire.h"
#include "storage/bytes.h"

namespace meridian::decode {

namespace pb = google::protobuf;
using protobuf_detail::kFormat;
using protobuf_detail::MessageTreeBuilder;
using protobuf_detail::payloadOf;
using protobuf_detail::Range;
using protobuf_detail::Spans;
using protobuf_detail::spansOf;
using protobuf_detail::wireTypeOf;

namespace {

// ---- loading ---------------------------------------------------------------

// Compile and validation errors as "file:line:col: message" (1-based, the
// file as on disk when the source tree knows it).
class ErrorList : public pb::compiler::MultiFileErrorCollector {
public:
    explicit ErrorList(pb::compiler::DiskSourceTree& tree) : tree_(tree) {}

    void AddError(const std::string& filename, int line, int column, const std::string& message) override {
        std::string where = filename;
        std::string disk;
        if (tree_.VirtualFileToDiskFile(filename, &disk)) where = disk;
        if (line >= 0) where += ":" + std::to_string(line + 1) + ":" + std::to_string(column + 1);
        errors.push_back(where + ": " + message);
    }

    std::vector<std::string> errors;

private:
    pb::compiler::DiskSourceTree& tree_;
};

// Text format errors as "line L, column C: message" (1-based).
class TextErrors : public pb::io::ErrorCollector {
public:
    void AddError(int line, pb::io::ColumnNumber column, const std::string& message) override {
        errors.push_back("line " + std::to_string(line + 1) + ", column " + std::to_string(column + 1) + ": " +
                         message);
    }
    std::vector<std::string> errors;
};

std::string joined(const std::vector<std::string>& parts, const char* separator, std::size_t most) {
    std::string out;
    for (std::size_t i = 0; i < parts.size() && i < most; ++i) {
        if (i > 0) out += separator;
        out += parts[i];
    }
    if (parts.size() > most) out += separator + std::string("and ") + std::to_string(parts.size() - most) + " more";
    return out;
}

std::string withoutTrailingSlash(std::string path) {
    while (path.size() > 1 && path.back() == '/') path.pop_back();
    return path;
}

// The reason part of a failure message ("not valid Protobuf at byte N: <reason>").
std::string reasonOf(const Failure& failure) {
    const std::string prefix = "not valid Protobuf at byte " + std::to_string(failure.offset) + ": ";
    return failure.message.compare(0, prefix.size(), prefix) == 0 ? failure.message.substr(prefix.size())
                                                                  : failure.message;
}

}  // namespace

// ---- the schema ------------------------------------------------------------

struct ProtobufSchema::Impl {
    // Declared in the order they depend on each other: destroyed the other way.
    pb::compiler::DiskSourceTree sourceTree;
    pb::DescriptorPoolDatabase wellKnownTypes{*pb::DescriptorPool::generated_pool()};
    std::unique_ptr<pb::compiler::SourceTreeDescriptorDatabase> database;
    std::unique_ptr<pb::DescriptorPool> pool;
    std::unique_ptr<pb::DynamicMessageFactory> factory;
    std::map<std::string, const pb::Descriptor*> types;  // messageTypes(), by full name

    const pb::Descriptor* find(const std::string& name) const {
        const auto it = types.find(name);
        return it == types.end() ? nullptr : it->second;
    }

    struct Parsed {
        std::unique_ptr<pb::Message> message;  // null when the type is not in the schema
        std::optional<Failure> failure;
    };

    Parsed parse(std::string_view bytes, const std::string& typeName, std::size_t maxDepth) const;
    std::optional<Failure> locate(const pb::Descriptor* type, std::string_view input, Range range, int depth,
                                  const std::string& holder) const;
    std::string noSuchType(const std::string& typeName) const;
};

std::string ProtobufSchema::Impl::noSuchType(const std::string& typeName) const {
    std::vector<std::string> names;
    for (const auto& [name, descriptor] : types) names.push_back(name);
    std::string reason = "the schema has no message type \"" + typeName + "\"";
    // A type named without its package: say which one was meant.
    std::vector<std::string> meant;
    for (const std::string& name : names) {
        const std::size_t n = typeName.size();
        if (name.size() > n && name.compare(name.size() - n, n, typeName) == 0 && name[name.size() - n - 1] == '.')
            meant.push_back(name);
    }
    if (!meant.empty()) return reason + " (did you mean " + joined(meant, ", ", 3) + "?)";
    if (names.empty()) return reason + " (it has no message types)";
    return reason + " (it has " + joined(names, ", ", 5) + ")";
}

// Where, in input[range), libprotobuf stops parsing a `type`: the first field
// that does not parse on its own, looked into when it is a message.
// `holder` names what holds these bytes ("the message", "field example.User.address").
std::optional<Failure> ProtobufSchema::Impl::locate(const pb::Descriptor* type, std::string_view input, Range range,
                                                    int depth, const std::string& holder) const {
    const int recursionLimit = pb::io::CodedInputStream::GetDefaultRecursionLimit();
    const std::string_view part = input.substr(range.begin, range.end - range.begin);
    const Spans spans = spansOf(input, range);
    if (!spans) {
        Limits validateOnly;
        validateOnly.maxNodes = 1;
        const Decoded wire = decodeProtobufWire(part, validateOnly);
        if (!wire.failure) return std::nullopt;
        return failureAt(kFormat, range.begin + wire.failure->offset,
                         holder + " holds bytes that are not a valid " + type->full_name() + ": " +
                             reasonOf(*wire.failure));
    }
    const pb::Message* prototype = factory->GetPrototype(type);
    for (const WireFieldSpan& s : *spans) {
        std::unique_ptr<pb::Message> one(prototype->New());
        pb::io::CodedInputStream stream(reinterpret_cast<const std::uint8_t*>(input.data() + s.offset),
                                        static_cast<int>(s.size));
        stream.SetRecursionLimit(std::max(0, recursionLimit - depth));
        if (one->MergePartialFromCodedStream(&stream) && stream.ConsumedEntireMessage()) continue;

        const pb::FieldDescriptor* f = type->FindFieldByNumber(static_cast<int>(s.number));
        if (!f) f = pool->FindExtensionByNumber(type, static_cast<int>(s.number));
        const std::string name = f ? "field " + f->full_name() : "field " + std::to_string(s.number);
        if (f && f->cpp_type() == pb::FieldDescriptor::CPPTYPE_MESSAGE && s.wireType == wireTypeOf(f)) {
            if (depth + 1 >= recursionLimit)
                return failureAt(kFormat, s.offset,
                                 "messages are nested more than " + std::to_string(recursionLimit) +
                                     " levels deep (libprotobuf's limit)");
            if (auto inner = locate(f->message_type(), input, payloadOf(s), depth + 1, name)) return inner;
        }
        if (f && f->type() == pb::FieldDescriptor::TYPE_STRING && s.wireType == 2 &&
            !storage::isValidUtf8(input.substr(s.valueOffset, s.valueSize)))
            return failureAt(kFormat, s.offset, name + " is not valid UTF-8, which a proto3 string must be");
        return failureAt(kFormat, s.offset, "libprotobuf cannot parse " + name + " of " + type->full_name());
    }
    return std::nullopt;
}

ProtobufSchema::Impl::Parsed ProtobufSchema::Impl::parse(std::string_view bytes, const std::string& typeName,
                                                         std::size_t maxDepth) const {
    Parsed parsed;
    const pb::Descriptor* type = find(typeName);
    if (!type) {
        parsed.failure = failureAt(kFormat, 0, noSuchType(typeName));
        return parsed;
    }
    parsed.message.reset(factory->GetPrototype(type)->New());
    if (bytes.size() > static_cast<std::size_t>(INT_MAX)) {
        parsed.failure = failureAt(kFormat, 0, "2 GiB or more, more than libprotobuf parses");
        return parsed;
    }
    if (parsed.message->ParsePartialFromArray(bytes.data(), static_cast<int>(bytes.size()))) return parsed;

    // Where it went wrong: the wire format first, then the schema.
    Limits validateOnly;
    validateOnly.maxNodes = 1;
    validateOnly.maxDepth = maxDepth;
    const Decoded wire = decodeProtobufWire(bytes, validateOnly);
    if (wire.failure) {
        parsed.failure = wire.failure;
        return parsed;
    }
    std::optional<Failure> where = locate(type, bytes, Range{0, bytes.size()}, 0, "the message");
    if (where) {
        where->message = "not valid Protobuf at byte " + std::to_string(where->offset) +
                         ": valid wire format, but not a valid " + typeName + ": " + reasonOf(*where);
        parsed.failure = where;
    } else {
        parsed.failure =
            failureAt(kFormat, 0, "valid wire format, but libprotobuf cannot parse it as a " + typeName);
    }
    return parsed;
}

ProtobufSchema::ProtobufSchema(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

ProtobufSchema::~ProtobufSchema() = default;

storage::Result<std::shared_ptr<const ProtobufSchema>> ProtobufSchema::load(const std::vector<std::string>& paths) {
    namespace fs = std::filesystem;
    if (paths.empty()) return storage::Status::invalidArgument("no .proto file or folder given");

    auto impl = std::make_unique<Impl>();
    std::vector<std::string> problems;
    std::vector<std::string> roots;
    std::vector<std::string> files;
    const auto addRoot = [&roots](const std::string& root) {
        if (std::find(roots.begin(), roots.end(), root) == roots.end()) roots.push_back(root);
    };
    for (const std::string& given : paths) {
        std::error_code error;
        const fs::path path = fs::absolute(fs::path(given), error).lexically_normal();
        if (error) {
            problems.push_back(given + ": " + error.message());
            continue;
        }
        const fs::file_status status = fs::status(path, error);
        if (fs::is_directory(status)) {
            addRoot(withoutTrailingSlash(path.string()));
            std::vector<std::string> found;
            fs::recursive_directory_iterator it(path, fs::directory_options::skip_permission_denied, error);
            for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
                std::error_code fileError;
                if (it->path().extension() == ".proto" && it->is_regular_file(fileError))
                    found.push_back(it->path().lexically_normal().string());
            }
            if (error) {
                problems.push_back(given + ": " + error.message());
            } else if (found.empty()) {
                problems.push_back(given + ": the folder holds no .proto file");
            }
            std::sort(found.begin(), found.end());
            files.insert(files.end(), found.begin(), found.end());
        } else if (fs::exists(status)) {
            addRoot(withoutTrailingSlash(path.parent_path().string()));
            files.push_back(path.string());
        } else {
            problems.push_back(given + ": no such file or folder");
        }
    }

    for (const std::string& root : roots) impl->sourceTree.MapPath("", root);
    ErrorList errors(impl->sourceTree);
    impl->database =
        std::make_unique<pb::compiler::SourceTreeDescriptorDatabase>(&impl->sourceTree, &impl->wellKnownTypes);
    impl->database->RecordErrorsTo(&errors);
    // As compiler::Importer builds its pool (importer.cc).
    impl->pool = std::make_unique<pb::DescriptorPool>(impl->database.get(),
                                                      impl->database->GetValidationErrorCollector());
    impl->pool->EnforceWeakDependencies(true);

    std::vector<const pb::FileDescriptor*> loaded;
    std::set<std::string> imported;
    {
        pb::LogSilencer quiet;
        for (const std::string& file : files) {
            std::string virtualName;
            std::string shadowing;
            switch (impl->sourceTree.DiskFileToVirtualFile(file, &virtualName, &shadowing)) {
            case pb::compiler::DiskSourceTree::SUCCESS: break;
            case pb::compiler::DiskSourceTree::SHADOWED:
                problems.push_back(file + ": its import name \"" + virtualName + "\" is already " + shadowing);
                continue;
            case pb::compiler::DiskSourceTree::CANNOT_OPEN:
                problems.push_back(file + ": cannot be read");
                continue;
            case pb::compiler::DiskSourceTree::NO_MAPPING:
                problems.push_back(file + ": not under any of the folders given");
                continue;
            }
            if (!imported.insert(virtualName).second) continue;
            const std::size_t before = errors.errors.size();
            const pb::FileDescriptor* descriptor = impl->pool->FindFileByName(virtualName);
            if (descriptor) {
                loaded.push_back(descriptor);
            } else if (errors.errors.size() == before) {
                problems.push_back(file + ": could not be loaded");
            }
        }
    }
    impl->database->RecordErrorsTo(nullptr);  // nothing is read from the disk from here on
    problems.insert(problems.end(), errors.errors.begin(), errors.errors.end());
    if (!problems.empty())
        return storage::Status::invalidArgument("the Protobuf schema has errors: " + joined(problems, "; ", 20));

    // Every message type of the files and of the files they import.
    std::set<const pb::FileDescriptor*> seen;
    std::vector<const pb::FileDescriptor*> pending = loaded;
    std::vector<const pb::Descriptor*> messages;
    while (!pending.empty()) {
        const pb::FileDescriptor* file = pending.back();
        pending.pop_back();
        if (!seen.insert(file).second) continue;
        for (int i = 0; i < file->dependency_count(); ++i) pending.push_back(file->dependency(i));
        for (int i = 0; i < file->message_type_count(); ++i) messages.push_back(file->message_type(i));
    }
    while (!messages.empty()) {
        const pb::Descriptor* message = messages.back();
        messages.pop_back();
        if (message->options().map_entry()) continue;
        impl->types.emplace(message->full_name(), message);
        for (int i = 0; i < message->nested_type_count(); ++i) messages.push_back(message->nested_type(i));
    }
    impl->factory = std::make_unique<pb::DynamicMessageFactory>();
    return std::shared_ptr<const ProtobufSchema>(new ProtobufSchema(std::move(impl)));
}

std::vector<std::string> ProtobufSchema::messageTypes() const {
    std::vector<std::string> names;
    names.reserve(impl_->types.size());
    for (const auto& [name, descriptor] : impl_->types) names.push_back(name);
    return names;  // std::map: sorted
}

Decoded ProtobufSchema::decode(std::string_view bytes, const std::string& messageType, const Limits& limits) const {
    pb::LogSilencer quiet;
    Decoded decoded;
    decoded.format = kFormat;
    decoded.root.kind = NodeKind::Map;
    decoded.root.type = "message";
    decoded.root.offset = 0;
    decoded.root.size = bytes.size();

    Impl::Parsed parsed = impl_->parse(bytes, messageType, limits.maxDepth);
    if (!parsed.message) {
        decoded.failure = parsed.failure;
        return decoded;
    }
    decoded.root.type = "message " + messageType;
    MessageTreeBuilder builder(bytes, limits, *impl_->factory);
    // Offsets only from bytes that parsed: a message that failed part way
    // holds what it had, not necessarily where.
    builder.message(*parsed.message, decoded.root, 0,
                    parsed.failure ? std::nullopt : std::optional<Range>(Range{0, bytes.size()}));
    if (builder.cut()) {
        decoded.cut = true;
        decoded.note = cutNote(limits.maxNodes);
    }
    if (parsed.failure) {
        decoded.failure = parsed.failure;
        return decoded;
    }
    if (builder.failure()) {
        decoded.failure = builder.failure();
        return decoded;
    }
    if (!parsed.message->IsInitialized()) {
        if (!decoded.note.empty()) decoded.note += "; ";
        decoded.note += "required fields missing: " + parsed.message->InitializationErrorString();
    }
    if (!decoded.cut) pb::TextFormat::PrintToString(*parsed.message, &decoded.text);
    return decoded;
}

storage::Result<std::string> ProtobufSchema::toProtoJson(std::string_view bytes, const std::string& messageType) const {
    pb::LogSilencer quiet;
    Impl::Parsed parsed = impl_->parse(bytes, messageType, Limits{}.maxDepth);
    if (parsed.failure) return storage::Status::invalidArgument(parsed.failure->message);
    // libprotobuf's JSON writer stops the process on a proto2 message missing a
    // required field (a failed internal check), so that is refused here first.
    if (!parsed.message->IsInitialized())
        return storage::Status::invalidArgument("cannot write the " + messageType +
                                                " as JSON: required fields are missing (" +
                                                parsed.message->InitializationErrorString() + ")");
    pb::util::JsonPrintOptions options;
    options.preserve_proto_field_names = true;
    std::string json;
    const auto status = pb::util::MessageToJsonString(*parsed.message, &json, options);
    if (!status.ok())
        return storage::Status::invalidArgument("cannot write the " + messageType + " as JSON: " + status.ToString());
    return json;
}

bool ProtobufSchema::reserializesExactly(std::string_view bytes, const std::string& messageType) const {
    pb::LogSilencer quiet;
    const pb::Descriptor* type = impl_->find(messageType);
    if (!type || bytes.size() > static_cast<std::size_t>(INT_MAX)) return false;
    std::unique_ptr<pb::Message> message(impl_->factory->GetPrototype(type)->New());
    if (!message->ParsePartialFromArray(bytes.data(), static_cast<int>(bytes.size()))) return false;
    std::string again;
    if (!message->SerializePartialToString(&again)) return false;
    return again == bytes;
}

storage::Result<std::string> ProtobufSchema::encodeFromText(std::string_view textFormat,
                                                            const std::string& messageType) const {
    pb::LogSilencer quiet;
    const pb::Descriptor* type = impl_->find(messageType);
    if (!type) return storage::Status::invalidArgument(impl_->noSuchType(messageType));
    if (textFormat.size() > static_cast<std::size_t>(INT_MAX))
        return storage::Status::invalidArgument("the text is 2 GiB or more, more than libprotobuf parses");
    std::unique_ptr<pb::Message> message(impl_->factory->GetPrototype(type)->New());
    TextErrors errors;
    pb::TextFormat::Parser parser;
    parser.RecordErrorsTo(&errors);
    parser.AllowPartialMessage(true);
    if (!parser.ParseFromString(std::string(textFormat), message.get())) {
        if (errors.errors.empty()) errors.errors.push_back("not a " + messageType + " in text format");
        return storage::Status::invalidArgument(joined(errors.errors, "; ", 10));
    }
    std::string bytes;
    if (!message->SerializePartialToString(&bytes))
        return storage::Status::invalidArgument("libprotobuf cannot serialize the " + messageType);
    return bytes;
}

}  // namespace meridian::decode
