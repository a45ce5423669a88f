// Ctrl-C and SIGTERM during a long command (import, export): the first one
// asks the command to stop at its next progress report, so that it finishes
// the way a cancel does (nothing half-done, and a message saying so); a
// second one ends the process at once, as the signal would have without us.
//
// Thread safety: interrupted() may be called from any thread. One
// InterruptScope at a time (the CLI runs one command).
#pragma once

namespace meridian::cli {

class InterruptScope {
public:
    InterruptScope();   // installs the handlers for SIGINT and SIGTERM
    ~InterruptScope();  // puts the previous handlers back
    InterruptScope(const InterruptScope&) = delete;
    InterruptScope& operator=(const InterruptScope&) = delete;

    // True once SIGINT or SIGTERM arrived inside the scope.
    static bool interrupted();
};

}  // namespace meridian::cli
