// Status and Result: how every storage call reports success or failure.
//
// Contract: no exception crosses the storage API. A call either succeeds
// (Status::ok()) or returns a Status whose code() says what kind of failure it
// was and whose message() is one sentence a person can act on ("<path> has no
// CURRENT file: it is not a RocksDB database"). Both are plain values: copy
// them freely, across threads.
#pragma once

#include <optional>
#include <string>
#include <utility>

namespace meridian::storage {

class Status {
public:
    enum class Code {
        Ok,
        NotFound,         // key, file or directory does not exist
        LockHeld,         // the database's LOCK is held (by us or by another process)
        NotADatabase,     // the directory is not a RocksDB database
        Corruption,       // the database's files are damaged
        Unsupported,      // something we refuse to handle rather than handle wrongly
        IOError,          // the operating system said no
        InvalidArgument,  // the caller asked for something that makes no sense
        ReadOnly,         // a write on a read-only / secondary / snapshot view
        Cancelled,        // the caller's progress callback asked to stop
        NeedsConfirmation,  // allowed only once the user agrees: the message says to what
        Damaged,          // readable, but writing would make RocksDB drop data for good: open it read-only
    };

    Status() = default;
    static Status okStatus() { return {}; }
    static Status error(Code code, std::string message) { return Status(code, std::move(message)); }
    static Status notFound(std::string m) { return {Code::NotFound, std::move(m)}; }
    static Status lockHeld(std::string m) { return {Code::LockHeld, std::move(m)}; }
    static Status notADatabase(std::string m) { return {Code::NotADatabase, std::move(m)}; }
    static Status corruption(std::string m) { return {Code::Corruption, std::move(m)}; }
    static Status unsupported(std::string m) { return {Code::Unsupported, std::move(m)}; }
    static Status ioError(std::string m) { return {Code::IOError, std::move(m)}; }
    static Status invalidArgument(std::string m) { return {Code::InvalidArgument, std::move(m)}; }
    static Status readOnly(std::string m) { return {Code::ReadOnly, std::move(m)}; }
    static Status cancelled(std::string m = "cancelled") { return {Code::Cancelled, std::move(m)}; }
    static Status needsConfirmation(std::string m) { return {Code::NeedsConfirmation, std::move(m)}; }
    static Status damaged(std::string m) { return {Code::Damaged, std::move(m)}; }

    bool ok() const { return code_ == Code::Ok; }
    Code code() const { return code_; }
    const std::string& message() const { return message_; }
    // "lock held: <message>", or "OK".
    std::string toString() const;

private:
    Status(Code code, std::string message) : code_(code), message_(std::move(message)) {}
    Code code_ = Code::Ok;
    std::string message_;
};

// Short lower-case name of a code: "not found", "lock held", ...
const char* codeName(Status::Code code);

// A value or the Status that explains why there is none.
template <class T>
class Result {
public:
    Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
    Result(Status status) : status_(std::move(status)) {}  // NOLINT: implicit by design

    bool ok() const { return status_.ok(); }
    const Status& status() const { return status_; }
    // Precondition: ok().
    T& value() & { return *value_; }
    const T& value() const& { return *value_; }
    T&& value() && { return std::move(*value_); }
    T* operator->() { return &*value_; }
    const T* operator->() const { return &*value_; }

private:
    Status status_;
    std::optional<T> value_;
};

}  // namespace meridian::storage
