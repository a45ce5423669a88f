// The Lock Doctor's presenter: turns a storage::LockDiagnosis into what the
// panel shows (texts) and which actions are safe right now (enabled, or
// disabled with the reason). Plain logic, no widgets: easy to test.
//
// What is safe, by LOCK state:
//   no LOCK file, free: every open; clearing only when free (a leftover).
//   held by another program: following live (a secondary needs no lock).
//     Read-only beside a live writer is undefined behaviour in RocksDB and a
//     read-write open would fail; clearing would let two programs write.
//   held by this program: nothing but memory: use the window that has it.
//   unsupported (no file locking): following live; nobody can tell whether
//     someone writes, so no read-only, read-write or clearing.
//   not writable (nobody holds it, but this user cannot write the folder or
//     LOCK, or the filesystem is read-only): reading and following live; a
//     read-write open would fail, and nothing can be cleared.
//   unknown: nothing but memory until the probe can tell.
// A read-write Retry while this program has the database open read-only or
// following live closes that view first (the registry cannot upgrade the
// handle): MainWindow::openDatabase does, and the tooltip says so.
// Using in-memory storage is always possible (an empty store, nothing saved).
#pragma once

#include <QDateTime>
#include <QString>

#include <array>
#include <cstddef>

#include "storage/lock/lock_probe.h"
#include "storage/storage.h"

namespace meridian::ui {

enum class LockDoctorAction : std::size_t { FollowLive, ReadOnly, Retry, ClearStaleLock, UseMemory };
inline constexpr std::size_t kLockDoctorActionCount = 5;

struct LockDoctorActionState {
    QString label;    // the button's text
    bool enabled = false;
    QString reason;   // why it is disabled ("" when enabled)
    QString toolTip;  // what it does, or why it is disabled
};

enum class LockDoctorTone { Good, Neutral, Warning, Danger };

struct LockDoctorView {
    QString stateName;    // lockStateName(): "held-by-other-process", ...
    QString headline;     // "Held by hold_db (PID 4242)"
    LockDoctorTone tone = LockDoctorTone::Neutral;
    QString lockFile;     // "Exists · 0 bytes · modified 2024-05-01 12:00:00"
    QString holder;       // who holds it, several lines, or "Nobody holds it."
    QString explanation;  // diagnosis.explanation
    QString advice;       // diagnosis.advice
    std::array<LockDoctorActionState, kLockDoctorActionCount> actions;
    QString unavailable;  // one line per disabled action: "Open read-only: <reason>"

    const LockDoctorActionState& action(LockDoctorAction a) const { return actions[static_cast<std::size_t>(a)]; }
    LockDoctorActionState& action(LockDoctorAction a) { return actions[static_cast<std::size_t>(a)]; }
};

// `retryMode` is the mode Retry opens in (the one that failed; read-write by
// default; following live is offered by its own action, so Secondary means
// read-write here). `now` is for "running for 5 min".
LockDoctorView presentLock(const storage::LockDiagnosis& diagnosis,
                           storage::OpenMode retryMode = storage::OpenMode::ReadWrite,
                           const QDateTime& now = QDateTime::currentDateTime());

// "hold_db (PID 4242)", "another program (PID not visible)", "" without a holder.
QString holderLabel(const storage::LockDiagnosis& diagnosis);

}  // namespace meridian::ui
