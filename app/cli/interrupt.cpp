#include "app/cli/interrupt.h"

#include <csignal>

#include <atomic>

namespace meridian::cli {

namespace {

std::atomic<bool> requested{false};
struct sigaction previousInt {};
struct sigaction previousTerm {};

extern "C" void onSignal(int signal) {
    if (requested.exchange(true)) {
        // The second one: do what the signal does by default.
        std::signal(signal, SIG_DFL);
        std::raise(signal);
    }
}

}  // namespace

InterruptScope::InterruptScope() {
    requested = false;
    struct sigaction action {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;  // reads and writes carry on; the command stops at its next check
    sigaction(SIGINT, &action, &previousInt);
    sigaction(SIGTERM, &action, &previousTerm);
}

InterruptScope::~InterruptScope() {
    sigaction(SIGINT, &previousInt, nullptr);
    sigaction(SIGTERM, &previousTerm, nullptr);
}

bool InterruptScope::interrupted() { return requested.load(); }

}  // namespace meridian::cli
