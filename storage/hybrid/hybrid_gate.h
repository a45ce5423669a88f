// The gate every call on a hybrid store passes (hybrid_core.h): open, it lets
// calls through with two atomic operations each; closed, new calls wait and
// close() waits for those inside to leave, so the spill can switch the live
// side while no call runs.
//
// Internal to storage/hybrid. Thread-safe; close() and open() come from one
// thread (the spill's), never from inside the gate.
#pragma once

#include <atomic>

namespace meridian::storage::hybrid {

// Lets calls through unless closed; close() waits for those inside to leave.
// Lock-free while open (two atomic operations a call).
class Gate {
public:
    void enter();
    void leave();
    void close();  // not from inside the gate
    void open();

private:
    std::atomic<bool> closed_{false};
    std::atomic<int> active_{0};
};

class Entered {
public:
    explicit Entered(Gate& gate) : gate_(gate) { gate_.enter(); }
    ~Entered() { gate_.leave(); }
    Entered(const Entered&) = delete;
    Entered& operator=(const Entered&) = delete;

private:
    Gate& gate_;
};

}  // namespace meridian::storage::hybrid
