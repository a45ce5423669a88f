#include "storage/status.h"

namespace meridian::storage {

const char* codeName(Status::Code code) {
    switch (code) {
    case Status::Code::Ok: return "ok";
    case Status::Code::NotFound: return "not found";
    case Status::Code::LockHeld: return "lock held";
    case Status::Code::NotADatabase: return "not a database";
    case Status::Code::Corruption: return "corruption";
    case Status::Code::Unsupported: return "unsupported";
    case Status::Code::IOError: return "I/O error";
    case Status::Code::InvalidArgument: return "invalid argument";
    case Status::Code::ReadOnly: return "read-only";
    case Status::Code::Cancelled: return "cancelled";
    case Status::Code::NeedsConfirmation: return "needs confirmation";
    case Status::Code::Damaged: return "damaged";
    }
    return "unknown";
}

std::string Status::toString() const {
    if (ok()) return "OK";
    return std::string(codeName(code_)) + ": " + message_;
}

}  // namespace meridian::storage
