// Helpers for transfer_dialogs_test: binary data every dump format can
// carry, reading a dump file back, and a "desk" (a session over one store,
// its EditController and a TransferRunner) that records every outcome.
#pragma once

#include <QTest>
#include <QWidget>

#include <memory>

#include "storage/transfer/export_import.h"
#include "tests/storage/transfer_test_support.h"
#include "ui/editor/edit_controller.h"
#include "ui/session/storage_session.h"
#include "ui/transfer/transfer_runner.h"

namespace meridian::test {

using namespace std::string_literals;
using storage::DumpFormat;

// Binary keys and values every format can carry (no newline: ldb text).
inline Model binaryModel() {
    return {{"\0a"s, "nul key"},
            {"plain", "\xFF\xFE invalid UTF-8 \xC3("s},
            {"user:\0one"s, "\0\0"s},
            {"user:\xFF"s, ""},
            {"user:caf\xC3\xA9"s, "{\"json\": true}"},
            {"user:x ==>y", "arrow inside the key"},
            {"zz\xC3", "value ==> with arrow"}};
}

inline Model under(const Model& model, const std::string& prefix) {
    Model out;
    for (const auto& [k, v] : model)
        if (k.rfind(prefix, 0) == 0) out.emplace(k, v);
    return out;
}

// Every record of a dump file.
inline Model parseDump(const QByteArray& file, DumpFormat format, QString* error) {
    Model model;
    std::string key, value;
    for (const QByteArray& line : file.split('\n')) {
        if (line.isEmpty()) continue;
        auto kind = storage::parseLine(format, std::string_view(line.constData(), std::size_t(line.size())), key, value);
        if (!kind.ok()) *error = qs(kind.status().message());
        else if (kind.value() == storage::LineKind::Record) model[key] = value;
    }
    return model;
}

inline QByteArray dumpOf(const Model& model, DumpFormat format) {
    std::string out;
    for (const auto& [k, v] : model) (void)storage::appendRecord(out, format, k, v);
    return bytes(out);
}

// A session, its edit controller and a runner over one store. Not copied or
// moved: the outcome recorder holds `this`.
struct Desk {
    storage::StoragePtr store;
    std::unique_ptr<ui::StorageSession> session;
    std::unique_ptr<ui::EditController> edits;
    std::unique_ptr<ui::TransferRunner> runner;
    ui::TransferOutcome last;
    int outcomes = 0;

    explicit Desk(storage::StoragePtr s) : store(std::move(s)) {
        session = std::make_unique<ui::StorageSession>(store, storage::OpenReport{});
        edits = std::make_unique<ui::EditController>();
        edits->setSession(session.get());
        runner = std::make_unique<ui::TransferRunner>(edits.get());
        auto record = [this](const ui::TransferOutcome& o) {
            last = o;
            ++outcomes;
        };
        QObject::connect(runner.get(), &ui::TransferRunner::exportFinished, record);
        QObject::connect(runner.get(), &ui::TransferRunner::importFinished, record);
    }
    Desk(const Desk&) = delete;
    Desk& operator=(const Desk&) = delete;
    ~Desk() {
        runner.reset();
        edits.reset();
        session.reset();
    }
    // Waits for the next outcome after `before` outcomes.
    bool waitOutcome(int before) { return QTest::qWaitFor([&] { return outcomes > before; }, 15000); }
};

template <class W>
W* child(QWidget* dialog, const char* name) {
    W* w = dialog->findChild<W*>(QLatin1String(name));
    if (!w) qWarning("no %s", name);
    return w;
}

}  // namespace meridian::test
