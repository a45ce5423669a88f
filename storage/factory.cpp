#include "storage/factory.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "storage/memory_storage.h"
#include "storage/rocksdb_storage.h"

namespace meridian::storage {

namespace {

constexpr const char* kForceVar = "MERIDIAN_USE_MEMORY_STORAGE";
constexpr const char* kFallbackVar = "MERIDIAN_FALLBACK_MEMORY";

class Decisions {
public:
    Decisions(const LogHook& hook, OpenReport& report) : hook_(hook), report_(report) {}
    void operator()(LogLevel level, const std::string& text) {
        report_.decisions.push_back(text);
        if (hook_) hook_(level, text);
    }

private:
    const LogHook& hook_;
    OpenReport& report_;
};

std::string adviceFor(const Status& cause) {
    switch (cause.code()) {
    case Status::Code::LockHeld:
        return "Another program is using the database. Open it following live (secondary) to read it "
               "while that program runs, or close that program and try again.";
    case Status::Code::Unsupported:
        return "If the filesystem cannot lock files (some network volumes), copy the database to a local "
               "disk, or set MERIDIAN_USE_MEMORY_STORAGE=1 to work in memory.";
    case Status::Code::NotADatabase:
    case Status::Code::NotFound:
        return "Choose the folder that contains the database's CURRENT file.";
    case Status::Code::Corruption:
        return "Make a copy of the folder before trying any repair; the files on disk were left as they were.";
    default:
        return {};
    }
}

}  // namespace

const char* logLevelName(LogLevel level) {
    switch (level) {
    case LogLevel::Debug: return "debug";
    case LogLevel::Info: return "info";
    case LogLevel::Warning: return "warning";
    case LogLevel::Error: return "error";
    }
    return "info";
}

bool environmentFlag(const char* name) {
    const char* raw = std::getenv(name);
    if (!raw) return false;
    std::string v(raw);
    std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return std::tolower(c); });
    return v == "1" || v == "true" || v == "yes" || v == "on";
}

std::string OpenReport::summary() const {
    if (reason == OpenReason::Failed) return "Not open";
    if (backend == Backend::Memory) return "In memory · not saved";
    return std::string("RocksDB · ") + openModeName(mode);
}

OpenResult createStorage(const std::string& path, const StorageConfig& config) {
    OpenResult result;
    OpenReport& report = result.report;
    report.path = path;
    Decisions log(config.log, report);

    const bool envForce = config.useEnvironment && environmentFlag(kForceVar);
    const bool envFallback = config.useEnvironment && environmentFlag(kFallbackVar);
    report.fallbackEnabled = config.memoryFallback || envFallback;
    report.fallbackFromEnvironment = envFallback && !config.memoryFallback;

    auto useMemory = [&](OpenReason reason) {
        result.storage = createMemoryStorage(path);
        report.backend = Backend::Memory;
        report.mode = OpenMode::ReadWrite;
        report.reason = reason;
        result.status = {};
    };

    if (config.forceMemory || envForce) {
        useMemory(config.forceMemory ? OpenReason::ForcedByConfig : OpenReason::ForcedByEnvironment);
        report.explanation = config.forceMemory
                                 ? "In-memory storage was requested; nothing is saved to disk."
                                 : std::string("In-memory storage is forced by ") + kForceVar +
                                       "=1; nothing is saved to disk.";
        report.advice = config.forceMemory ? "" : std::string("Unset ") + kForceVar + " to open the database on disk.";
        log(LogLevel::Warning, report.explanation + " '" + path + "' on disk was not opened.");
        return result;
    }

    log(LogLevel::Info, std::string("opening '") + path + "' with RocksDB " + openModeName(config.mode));
    RocksDbOptions options{config.mode, config.profile, config.createIfMissing};
    auto opened = openRocksDb(path, options, config.columnFamily);
    if (opened.ok()) {
        for (const auto& note : opened->notes) log(LogLevel::Info, note);
        result.storage = opened->storage;
        report.backend = Backend::RocksDb;
        report.mode = result.storage->info().mode;
        report.reason = OpenReason::Requested;
        report.explanation = std::string("RocksDB ") + openModeName(report.mode) + " at '" +
                             result.storage->info().path + "'.";
        log(LogLevel::Info, report.explanation);
        return result;
    }

    report.cause = opened.status();
    log(LogLevel::Error, "RocksDB could not open '" + path + "': " + report.cause.message());
    if (!report.fallbackEnabled) {
        report.reason = OpenReason::Failed;
        report.explanation = report.cause.message();
        report.advice = adviceFor(report.cause);
        result.status = report.cause;
        return result;
    }
    useMemory(OpenReason::Fallback);
    report.explanation = "RocksDB could not open the database (" + report.cause.message() +
                         "), so an EMPTY in-memory store stands in; nothing is saved to disk.";
    report.advice = adviceFor(report.cause);
    log(LogLevel::Warning, std::string("falling back to memory (enabled by ") +
                               (report.fallbackFromEnvironment ? std::string(kFallbackVar) + "=1" : "the caller") + ")");
    return result;
}

OpenResult createDefaultStorage(const std::string& path) { return createStorage(path, StorageConfig{}); }

}  // namespace meridian::storage
