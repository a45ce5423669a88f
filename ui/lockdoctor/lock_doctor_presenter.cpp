#include "ui/common/text.h"
#include "ui/lockdoctor/lock_doctor_presenter.h"

#include <QCoreApplication>
#include <QStringList>

namespace meridian::ui {

namespace {

using storage::LockState;
using storage::OpenMode;

QString tr(const char* text) { return QCoreApplication::translate("LockDoctor", text); }

QString timeText(std::int64_t unixSeconds) {
    return QDateTime::fromSecsSinceEpoch(unixSeconds).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

QString durationText(std::int64_t seconds) {
    if (seconds < 0) return {};
    if (seconds < 60) return tr("%1 s").arg(seconds);
    if (seconds < 3600) return tr("%1 min").arg(seconds / 60);
    if (seconds < 86400) return tr("%1 h %2 min").arg(seconds / 3600).arg((seconds % 3600) / 60);
    const std::int64_t days = seconds / 86400;
    return days == 1 ? tr("1 day") : tr("%1 days").arg(days);
}

QString modeText(OpenMode mode) { return QString::fromLatin1(storage::openModeName(mode)); }

QString lockFileText(const storage::LockDiagnosis& d) {
    if (!d.lockFileExists) return tr("Does not exist");
    QString text = tr("Exists · %1").arg(sizeText(d.lockFileSize));
    if (d.lockFileModified) text += tr(" · modified %1").arg(timeText(*d.lockFileModified));
    return text;
}

QString holderText(const storage::LockDiagnosis& d, const QDateTime& now) {
    switch (d.state) {
    case LockState::NoLockFile:
    case LockState::Free:
    case LockState::NotWritable: return tr("Nobody holds it.");
    case LockState::HeldByThisProcess:
        return tr("This program (%1, PID %2), which has the database open %3.")
            .arg(QCoreApplication::applicationName())
            .arg(QCoreApplication::applicationPid())
            .arg(modeText(d.openInThisProcess.value_or(OpenMode::ReadWrite)));
    case LockState::Unsupported: return tr("Unknown: this filesystem cannot say whether anyone holds it.");
    case LockState::Unknown: return tr("Unknown.");
    case LockState::HeldByOtherProcess: break;
    }
    if (!d.holder) return tr("Another program.");
    const storage::LockHolder& h = *d.holder;
    QStringList lines{holderLabel(d)};
    if (!h.executable.empty() && h.executable != h.name) lines << tr("Program: %1").arg(qs(h.executable));
    if (!h.commandLine.empty()) lines << tr("Command line: %1").arg(qs(h.commandLine));
    if (h.startedAt) {
        const std::int64_t running = now.toSecsSinceEpoch() - *h.startedAt;
        lines << (running >= 0 ? tr("Running since %1 (for %2)").arg(timeText(*h.startedAt), durationText(running))
                               : tr("Running since %1").arg(timeText(*h.startedAt)));
    }
    return lines.join(QLatin1Char('\n'));
}

void enable(LockDoctorActionState& a, const QString& toolTip) {
    a.enabled = true;
    a.reason.clear();
    a.toolTip = toolTip;
}

void disable(LockDoctorActionState& a, const QString& reason) {
    a.enabled = false;
    a.reason = reason;
    a.toolTip = tr("Not available: %1").arg(reason);
}

}  // namespace

QString holderLabel(const storage::LockDiagnosis& d) {
    if (!d.holder) return {};
    if (d.holder->pid <= 0) return tr("Another program (its PID is not visible from here, e.g. on another computer)");
    const QString name = d.holder->name.empty() ? tr("Another program") : qs(d.holder->name);
    return tr("%1 (PID %2)").arg(name).arg(d.holder->pid);
}

LockDoctorView presentLock(const storage::LockDiagnosis& d, OpenMode retryMode, const QDateTime& now) {
    if (retryMode == OpenMode::Secondary) retryMode = OpenMode::ReadWrite;
    LockDoctorView v;
    v.stateName = QString::fromLatin1(storage::lockStateName(d.state));
    v.lockFile = lockFileText(d);
    v.holder = holderText(d, now);
    v.explanation = qs(d.explanation);
    v.advice = qs(d.advice);

    auto& follow = v.action(LockDoctorAction::FollowLive);
    auto& readOnly = v.action(LockDoctorAction::ReadOnly);
    auto& retry = v.action(LockDoctorAction::Retry);
    auto& clear = v.action(LockDoctorAction::ClearStaleLock);
    auto& memory = v.action(LockDoctorAction::UseMemory);
    follow.label = tr("Open Following Live");
    readOnly.label = tr("Open Read-Only");
    retry.label = tr("Retry (%1)").arg(modeText(retryMode));
    clear.label = tr("Clear Stale Lock…");
    memory.label = tr("Use In-Memory Storage");

    const QString followTip =
        tr("Open as a secondary instance: reads alongside a writer and follows its changes; takes no lock.");
    const QString readOnlyTip = tr("Open without writing; safe only while no other program writes to it.");
    const QString retryTip = tr("Open it %1 again.").arg(modeText(retryMode));
    const QString clearTip = tr("Remove the leftover LOCK file (nobody holds it). Optional: it is harmless.");
    enable(memory, tr("Work in an EMPTY in-memory store instead; nothing is read from or saved to disk."));

    switch (d.state) {
    case LockState::NoLockFile:
        v.headline = tr("No LOCK file: nobody has it open for writing");
        v.tone = LockDoctorTone::Good;
        enable(follow, followTip);
        enable(readOnly, readOnlyTip);
        enable(retry, retryTip);
        disable(clear, tr("There is no LOCK file to clear."));
        break;
    case LockState::Free:
        v.headline = tr("Free: nobody holds the lock (the LOCK file is a harmless leftover)");
        v.tone = LockDoctorTone::Good;
        enable(follow, followTip);
        enable(readOnly, readOnlyTip);
        enable(retry, retryTip);
        enable(clear, clearTip);
        break;
    case LockState::HeldByThisProcess: {
        const QString mode = modeText(d.openInThisProcess.value_or(OpenMode::ReadWrite));
        v.headline = tr("Held by this program (open %1)").arg(mode);
        v.tone = LockDoctorTone::Neutral;
        const QString why = tr("This program already has it open %1: use this window, or close it first "
                               "(File > Close Database).")
                                .arg(mode);
        disable(follow, why);
        disable(readOnly, why);
        disable(retry, why);
        disable(clear, tr("This program holds the lock; it goes away when the database is closed."));
        break;
    }
    case LockState::HeldByOtherProcess: {
        const QString who = d.holder ? holderLabel(d) : tr("Another program");
        v.headline = tr("Held by %1").arg(who);
        v.tone = LockDoctorTone::Warning;
        enable(follow, followTip);
        const QString noReadOnly = tr("%1 is writing to it: reading read-only beside a live writer is unsafe "
                                      "(undefined behaviour in RocksDB). Follow it live instead.")
                                       .arg(who);
        disable(readOnly, noReadOnly);
        disable(retry, retryMode == OpenMode::ReadOnly
                           ? noReadOnly
                           : tr("%1 holds the lock: only one program at a time may open it for writing. "
                                "Quit it first.")
                                 .arg(who));
        disable(clear, tr("%1 holds the lock: deleting it would let two programs write at once and damage "
                          "the database.")
                           .arg(who));
        break;
    }
    case LockState::Unsupported: {
        v.headline = tr("File locking is not supported on this filesystem");
        v.tone = LockDoctorTone::Danger;
        enable(follow, followTip);
        const QString cannotTell = tr("This filesystem cannot lock files, so nobody can tell whether another "
                                      "program writes to it. Copy the folder to a local disk.");
        disable(readOnly, cannotTell);
        disable(retry, retryMode == OpenMode::ReadOnly
                           ? cannotTell
                           : tr("RocksDB does not open a database for writing without file locking."));
        disable(clear, tr("Nobody can tell whether the lock is held on this filesystem."));
        break;
    }
    case LockState::NotWritable: {
        v.headline = tr("Nobody holds the lock, but it cannot be opened for writing here");
        v.tone = LockDoctorTone::Warning;
        enable(follow, followTip);
        enable(readOnly, readOnlyTip);
        const QString cannotWrite = tr("This user cannot write there: %1").arg(v.explanation);
        if (retryMode == OpenMode::ReadOnly)
            enable(retry, retryTip);
        else
            disable(retry, cannotWrite);
        disable(clear, d.lockFileExists ? cannotWrite : tr("There is no LOCK file to clear."));
        break;
    }
    case LockState::Unknown: {
        v.headline = tr("Cannot tell whether the database is locked");
        v.tone = LockDoctorTone::Danger;
        const QString why = tr("The lock's state is unknown: %1").arg(v.explanation);
        disable(follow, why);
        disable(readOnly, why);
        disable(retry, why);
        disable(clear, why);
        break;
    }
    }

    // The registry cannot turn a read-only or following handle this program
    // has open into a read-write one, so a read-write Retry closes that view
    // first (MainWindow::openDatabase does): say so.
    const bool openHereWithoutWriting = d.openInThisProcess && *d.openInThisProcess != OpenMode::ReadWrite;
    if (retry.enabled && retryMode == OpenMode::ReadWrite && openHereWithoutWriting)
        enable(retry, tr("Close the view open %1 here and open it read-write.").arg(modeText(*d.openInThisProcess)));

    QStringList unavailable;
    for (const auto& a : v.actions) {
        if (a.enabled) continue;
        QString label = a.label;
        label.remove(QStringLiteral("…"));
        unavailable << tr("%1: %2").arg(label, a.reason);
    }
    v.unavailable = unavailable.join(QLatin1Char('\n'));
    return v;
}

}  // namespace meridian::ui
