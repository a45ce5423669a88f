#include "storage/factory.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>

#include "storage/hybrid/hybrid_storage.h"
#include "storage/lock/lock_probe.h"
#include "storage/memory/memory_storage.h"
#include "storage/rocksdb/free_space.h"
#include "storage/rocksdb/registry.h"
#include "storage/rocksdb/rocksdb_storage.h"
#include "storage/version.h"

namespace meridian::storage {

namespace {

constexpr const char* kForceVar = "MERIDIAN_USE_MEMORY_STORAGE";
constexpr const char* kFallbackVar = "MERIDIAN_FALLBACK_MEMORY";
constexpr const char* kHybridVar = "MERIDIAN_HYBRID_THRESHOLD";
constexpr const char* kCompressionVar = "MERIDIAN_MEMORY_COMPRESSION";

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

bool aboutLocking(const Status& status);

std::string adviceFor(const Status& cause, const std::optional<LockDiagnosis>& lock) {
    if (lock && !lock->advice.empty() && aboutLocking(cause)) return lock->advice;
    switch (cause.code()) {
    case Status::Code::LockHeld:
        return "Another program is using the database. Open it following live (secondary) to read it "
               "while that program runs, or close that program and try again.";
    case Status::Code::Unsupported:
        // A newer table format, a custom comparator, a merge operator: the
        // message itself says what to do.
        if (!aboutLocking(cause)) return {};
        return "If the filesystem cannot lock files (some network volumes), copy the database to a local "
               "disk, or set MERIDIAN_USE_MEMORY_STORAGE=1 to work in memory.";
    case Status::Code::NeedsConfirmation:
        return "Open it read-only to leave every file as it is, or agree to the rewrite to edit it.";
    case Status::Code::NotADatabase:
    case Status::Code::NotFound:
        return "Choose the folder that contains the database's CURRENT file.";
    case Status::Code::Damaged:
        return "Open it read-only to see what it still holds (nothing in the folder changes), and repair a copy "
               "of the folder, never the original.";
    case Status::Code::Corruption:
        return "Make a copy of the folder before trying any repair; the files on disk were left as they were.";
    default:
        return {};
    }
}

// RocksDB's own words when this process already holds the lock (its table
// of locked files, env/fs_posix.cc).
constexpr const char* kRocksHeldHere = "lock hold by current process";

bool aboutLocking(const Status& status) {
    if (status.code() == Status::Code::LockHeld) return true;
    return status.code() == Status::Code::Unsupported && status.message().find("file locking") != std::string::npos;
}

// This process has the database open: LOCK must not even be opened (closing
// any descriptor of it would drop this process's lock), so the diagnosis is
// what the registry and RocksDB told us.
LockDiagnosis heldHere(const std::string& path, std::optional<OpenMode> mode) {
    LockDiagnosis d;
    std::error_code ec;
    const auto absolute = std::filesystem::absolute(path, ec);
    d.databasePath = ec ? path : absolute.lexically_normal().string();
    d.lockPath = (std::filesystem::path(d.databasePath) / "LOCK").string();
    d.lockFileExists = std::filesystem::exists(std::filesystem::symlink_status(d.lockPath, ec));
    d.state = LockState::HeldByThisProcess;
    d.openInThisProcess = mode;
    d.explanation = std::string("This program already has the database open ") +
                    openModeName(mode.value_or(OpenMode::ReadWrite)) + ".";
    d.advice = "Use the window that has it open, or close it there before opening it in another mode.";
    return d;
}

LockDiagnosis diagnose(const std::string& path, const Status& cause) {
    const auto here = detail::openModeInProcess(path);
    if (here || cause.message().find(kRocksHeldHere) != std::string::npos) return heldHere(path, here);
    return probeLock(path);
}

// The error a person sees for a lock failure: the diagnosis, not RocksDB's text.
Status lockCause(const std::string& path, const Status& raw, const LockDiagnosis& d) {
    switch (d.state) {
    case LockState::HeldByOtherProcess: return Status::lockHeld("'" + path + "': " + d.explanation);
    case LockState::Unsupported: return Status::unsupported("'" + path + "': " + d.explanation);
    default: return raw;
    }
}

// One createStorage call: its config, the result it builds, and a step for
// each decision that factory.h lists. The steps that end the call return the
// result (the object is done then).
class Opening {
public:
    Opening(const std::string& path, const StorageConfig& config)
        : path_(path), config_(config), log_(config.log, result_.report) {
        OpenReport& report = result_.report;
        report.path = path;
        envForce_ = config.useEnvironment && environmentFlag(kForceVar);
        const bool envFallback = config.useEnvironment && environmentFlag(kFallbackVar);
        report.fallbackEnabled = config.memoryFallback || envFallback;
        report.fallbackFromEnvironment = envFallback && !config.memoryFallback;
    }

    bool memoryIsForced() const { return config_.forceMemory || envForce_; }

    OpenResult useForcedMemory() {
        OpenReport& report = result_.report;
        useMemory(config_.forceMemory ? OpenReason::ForcedByConfig : OpenReason::ForcedByEnvironment);
        report.explanation = config_.forceMemory
                                 ? "In-memory storage was requested; nothing is saved to disk."
                                 : std::string("In-memory storage is forced by ") + kForceVar +
                                       "=1; nothing is saved to disk.";
        report.advice = config_.forceMemory ? "" : std::string("Unset ") + kForceVar + " to open the database on disk.";
        log_(LogLevel::Warning, report.explanation + " '" + path_ + "' on disk was not opened.");
        return std::move(result_);
    }

    // The threshold when the store is to be hybrid (config or environment).
    std::optional<std::uint64_t> hybridThreshold() {
        std::optional<std::uint64_t> threshold = config_.hybridThreshold;
        std::string from = "the caller";
        if (!threshold && config_.useEnvironment) {
            if (const char* raw = std::getenv(kHybridVar); raw && *raw) {
                threshold = parseByteSize(raw);
                from = std::string(kHybridVar) + "=" + raw;
                if (!threshold) {
                    log_(LogLevel::Warning, from + " is not a size (write 64MiB, 512KiB, 1GiB): not hybrid");
                    return std::nullopt;
                }
            }
        }
        if (!threshold) return std::nullopt;
        if (config_.mode != OpenMode::ReadWrite) {
            log_(LogLevel::Info, std::string("hybrid storage (asked for by ") + from + ") is for read-write opens; opening " +
                                     openModeName(config_.mode) + " as RocksDB");
            return std::nullopt;
        }
        log_(LogLevel::Info, "hybrid storage, asked for by " + from + ": in memory up to " + detail::byteSize(*threshold));
        return threshold;
    }

    // The hybrid store's result, with this call's decisions first; a failure
    // goes on to the fallback like a RocksDB one.
    std::optional<OpenResult> useHybrid(std::uint64_t threshold) {
        // Its memory side holds values as a memory store would (compression from the config or environment).
        OpenResult opened = openHybridStorage(path_, config_.withMemoryOptions(memoryOptions()), threshold);
        auto& decisions = opened.report.decisions;
        decisions.insert(decisions.begin(), result_.report.decisions.begin(), result_.report.decisions.end());
        result_.report.decisions = std::move(decisions);
        if (!opened.ok()) {
            hybridFailure_ = opened.status;
            return std::nullopt;
        }
        opened.report.decisions = std::move(result_.report.decisions);
        opened.report.fallbackEnabled = result_.report.fallbackEnabled;
        opened.report.fallbackFromEnvironment = result_.report.fallbackFromEnvironment;
        log_(LogLevel::Info, opened.report.explanation);
        opened.report.decisions.push_back(opened.report.explanation);
        return opened;
    }
    std::optional<Status> hybridFailure_;

    void logOpening() {
        log_(LogLevel::Info, std::string("opening '") + path_ + "' with RocksDB " + openModeName(config_.mode) +
                                 " (engine: " + engineInfo().summary() + ")");
    }

    // The refusal when another process holds LOCK. Beside a live writer, a
    // read-write DB::Open fails only after renaming the writer's LOG and
    // starting a new one, and a read-only open is undefined behaviour
    // (rocksdb/db.h): ask the kernel first. A secondary needs no lock.
    std::optional<Status> refusalBesideLiveWriter() {
        if (config_.mode == OpenMode::Secondary) return std::nullopt;
        LockDiagnosis d = probeLock(path_);
        const bool worthSaying = d.state == LockState::HeldByOtherProcess || d.state == LockState::Unsupported;
        log_(worthSaying ? LogLevel::Warning : LogLevel::Debug,
             std::string("before opening, LOCK is ") + lockStateName(d.state) + (worthSaying ? ": " + d.explanation : ""));
        std::optional<Status> refused;
        if (d.state == LockState::HeldByOtherProcess) {
            refused = Status::lockHeld(
                "'" + path_ + "': " + d.explanation +
                (config_.mode == OpenMode::ReadOnly
                     ? " Reading it read-only while it writes is not safe; follow it live instead."
                     : " Only one program at a time may open it for writing."));
            log_(LogLevel::Error, "not opening: " + refused->message());
            result_.report.lock = std::move(d);
        } else if (d.state == LockState::Unsupported) {
            result_.report.lock = std::move(d);
        }
        return refused;
    }

    // The open; when it fails on the lock, probeLock() says why: a lock nobody
    // holds any more is cleared and the open retried once, and the error names
    // what the diagnosis found.
    Result<RocksDbOpened> openRetryingStaleLock() {
        const RocksDbOptions options{config_.mode, config_.profile, config_.createIfMissing,
                                     config_.allowOptionsRewrite, config_.deferCatchUp};
        Result<RocksDbOpened> opened = openRocksDb(path_, options, config_.columnFamily);
        if (opened.ok() || !aboutLocking(opened.status())) return opened;
        log_(LogLevel::Error, "RocksDB could not open '" + path_ + "': " + opened.status().message());
        LockDiagnosis d = diagnose(path_, opened.status());
        log_(LogLevel::Info, std::string("LOCK is ") + lockStateName(d.state) + ": " + d.explanation);
        const bool nobodyHoldsIt = d.state == LockState::Free || d.state == LockState::NoLockFile;
        if (opened.status().code() == Status::Code::LockHeld && nobodyHoldsIt) {
            if (d.state == LockState::Free) {
                auto cleared = clearStaleLock(path_);
                log_(cleared.ok() ? LogLevel::Warning : LogLevel::Error,
                     cleared.ok() ? cleared.value() : "could not clear the leftover LOCK: " + cleared.status().message());
            }
            log_(LogLevel::Info, "retrying the open once");
            opened = openRocksDb(path_, options, config_.columnFamily);
            if (!opened.ok() && aboutLocking(opened.status())) {
                log_(LogLevel::Error, "the retry failed too: " + opened.status().message());
                d = diagnose(path_, opened.status());
                log_(LogLevel::Info, std::string("LOCK is ") + lockStateName(d.state) + ": " + d.explanation);
            }
        } else if (d.state == LockState::HeldByThisProcess) {
            log_(LogLevel::Warning, "this program already has the database open; the registry shares a handle "
                                    "when the modes allow it, so this open asked for a mode it cannot share");
        }
        if (!opened.ok()) opened = lockCause(path_, opened.status(), d);
        result_.report.lock = std::move(d);
        return opened;
    }

    OpenResult useRocksDb(RocksDbOpened opened) {
        OpenReport& report = result_.report;
        for (const auto& note : opened.notes) log_(LogLevel::Info, note);
        result_.storage = opened.storage;
        report.backend = Backend::RocksDb;
        report.mode = result_.storage->info().mode;
        report.reason = OpenReason::Requested;
        report.explanation = std::string("RocksDB ") + openModeName(report.mode) + " at '" +
                             result_.storage->info().path + "'.";
        log_(LogLevel::Info, report.explanation);
        return std::move(result_);
    }

    // Why the open failed (a refusal beside a live writer said so as it was made).
    void logOpenFailure(const Status& cause) {
        if (cause.code() == Status::Code::NeedsConfirmation)
            log_(LogLevel::Warning, "not opened for writing until the user agrees: " + cause.message());
        else
            log_(LogLevel::Error, "RocksDB could not open '" + path_ + "': " + cause.message());
    }

    // A question for the user, or a damaged database that opens read-only, is
    // not a failure an empty stand-in could answer.
    bool mayFallBack(const Status& cause) const {
        return result_.report.fallbackEnabled && cause.code() != Status::Code::NeedsConfirmation &&
               cause.code() != Status::Code::Damaged;
    }

    OpenResult fail(Status cause) {
        OpenReport& report = result_.report;
        report.cause = std::move(cause);
        report.reason = OpenReason::Failed;
        report.explanation = report.cause.message();
        report.advice = adviceFor(report.cause, report.lock);
        result_.status = report.cause;
        return std::move(result_);
    }

    OpenResult fallBackToMemory(Status cause) {
        OpenReport& report = result_.report;
        report.cause = std::move(cause);
        useMemory(OpenReason::Fallback);
        report.explanation = "RocksDB could not open the database (" + report.cause.message() +
                             "), so an EMPTY in-memory store stands in; nothing is saved to disk.";
        report.advice = adviceFor(report.cause, report.lock);
        log_(LogLevel::Warning, std::string("falling back to memory (enabled by ") +
                                    (report.fallbackFromEnvironment ? std::string(kFallbackVar) + "=1" : "the caller") +
                                    ")");
        return std::move(result_);
    }

private:
    // config.memory, or the compression MERIDIAN_MEMORY_COMPRESSION names
    // when the caller asked for none (factory.h).
    MemoryOptions memoryOptions() {
        MemoryOptions options = config_.memory;
        const char* env = config_.useEnvironment ? std::getenv(kCompressionVar) : nullptr;
        if (env && *env && (config_.memoryChosen || options.compression != Compression::None)) {
            log_(LogLevel::Info, std::string("memory compression: ") + describeCompression(options) +
                                     ", as the caller asked (" + kCompressionVar + "=" + env + " is not used)");
        } else if (env && *env) {
            auto parsed = parseMemoryCompression(env, options);
            if (parsed.ok()) {
                options = parsed.value();
                log_(LogLevel::Info, std::string("memory compression: ") + describeCompression(options) + " (from " +
                                         kCompressionVar + "=" + env + ")");
            } else {
                log_(LogLevel::Warning, std::string("ignoring ") + kCompressionVar + "=" + env + ": " +
                                            parsed.status().message() + "; memory compression: " +
                                            describeCompression(options));
            }
        } else {
            log_(LogLevel::Debug, std::string("memory compression: ") + describeCompression(options));
        }
        return options;
    }

    void useMemory(OpenReason reason) {
        result_.storage = createMemoryStorage(path_, memoryOptions());
        result_.report.backend = Backend::Memory;
        result_.report.mode = OpenMode::ReadWrite;
        result_.report.reason = reason;
        result_.status = {};
    }

    const std::string& path_;
    const StorageConfig& config_;
    OpenResult result_;
    Decisions log_;
    bool envForce_ = false;
};

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
    if (hybrid) return backend == Backend::Memory ? "Hybrid · in memory" : "Hybrid · RocksDB";
    if (backend == Backend::Memory) return "In memory · not saved";
    return std::string("RocksDB · ") + openModeName(mode);
}

OpenResult createStorage(const std::string& path, const StorageConfig& config) {
    Opening opening(path, config);
    // 1. Memory forced by the config or the environment: nothing on disk is touched.
    if (opening.memoryIsForced()) return opening.useForcedMemory();

    // 2b. Hybrid: memory while small, RocksDB at the path past the threshold.
    const auto threshold = opening.hybridThreshold();
    // Any other open of a path whose hybrid store is open in this program
    // would read what it is about to replace, or write under it: refused
    // (after waiting for one being opened or closed, so a reopen sees its save).
    if (!threshold && hybridStoreOpenHere(path)) {
        Status held = Status::lockHeld("'" + path + "' is open in this program as hybrid storage; close it first, or open it hybrid too");
        opening.logOpenFailure(held);
        return opening.fail(std::move(held));
    }
    if (threshold) {
        if (auto hybrid = opening.useHybrid(*threshold)) return std::move(*hybrid);
        Status failure = *opening.hybridFailure_;
        opening.logOpenFailure(failure);
        if (!opening.mayFallBack(failure)) return opening.fail(std::move(failure));
        return opening.fallBackToMemory(std::move(failure));
    }

    // 2. RocksDB in config.mode, refused before it touches the folder when
    //    another process holds LOCK (openRocksDb then checks which RocksDB
    //    wrote the database); a failure on the lock is diagnosed, and a stale
    //    lock cleared and the open retried once.
    opening.logOpening();
    std::optional<Status> failure = opening.refusalBesideLiveWriter();
    if (!failure) {
        Result<RocksDbOpened> opened = opening.openRetryingStaleLock();
        if (opened.ok()) return opening.useRocksDb(std::move(opened.value()));
        failure = opened.status();
        opening.logOpenFailure(*failure);
    }

    // 3. The memory fallback when enabled, but never in place of a question to the user.
    if (!opening.mayFallBack(*failure)) return opening.fail(std::move(*failure));
    return opening.fallBackToMemory(std::move(*failure));
}

OpenResult createDefaultStorage(const std::string& path) { return createStorage(path, StorageConfig{}); }

}  // namespace meridian::storage
