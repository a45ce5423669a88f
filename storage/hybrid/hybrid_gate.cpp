#include "storage/hybrid/hybrid_gate.h"

namespace meridian::storage::hybrid {

void Gate::enter() {
    for (;;) {
        closed_.wait(true);
        active_.fetch_add(1);
        if (!closed_.load()) return;
        leave();  // closed meanwhile: wait outside
    }
}

void Gate::leave() {
    if (active_.fetch_sub(1) == 1 && closed_.load()) active_.notify_all();
}

void Gate::close() {
    closed_.store(true);
    for (int inside = active_.load(); inside != 0; inside = active_.load()) active_.wait(inside);
}

void Gate::open() {
    closed_.store(false);
    closed_.notify_all();
}

}  // namespace meridian::storage::hybrid
