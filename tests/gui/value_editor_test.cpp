// Value editor tests: the fixture (a fresh database and the real MainWindow
// for every test). The slots are split by area; see value_editor_test.h.
#include "tests/gui/value_editor_test.h"

#include <QTest>

namespace meridian::valuetest {

void ValueEditorTest::initTestCase() { setUpTestApplication("value_editor_test"); }

void ValueEditorTest::init() {
    dir_ = std::make_unique<QTemporaryDir>();
    QVERIFY(dir_->isValid());
    window_ = std::make_unique<ui::MainWindow>();
    window_->resize(1200, 760);
    window_->show();
    QVERIFY(QTest::qWaitForWindowExposed(window_.get()));
    window_->activateWindow();  // shortcuts (Delete in the key list, Ctrl+Z) need an active window
    QVERIFY(QTest::qWaitForWindowActive(window_.get()));
}

void ValueEditorTest::cleanup() {
    window_.reset();  // no close event: nothing asks; the session waits for its work and closes
    dir_.reset();
}

QString ValueEditorTest::openFresh(const Entries& entries, storage::OpenMode mode) {
    if (QString error = makeDatabase(dir_->path(), entries); !error.isEmpty()) return error;
    return openInWindow(window_.get(), dir_->path(), mode);
}

}  // namespace meridian::valuetest

QTEST_MAIN(meridian::valuetest::ValueEditorTest)
