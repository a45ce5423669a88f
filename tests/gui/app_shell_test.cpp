// The app around the window: our compiled-in icons (every size, following the
// palette), the macOS QFileOpenEvent path (a folder dropped on the Dock icon
// or opened with Finder's "Open With", simulated here on any platform), the
// toolbar, the About box naming the Qt and RocksDB in use, and the status
// bar's task indicator.
#include <QProcess>
#include <QAction>
#include <QApplication>
#include <QFileOpenEvent>
#include <QMessageBox>
#include <QPromise>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>

#include "app/gui/file_open_filter.h"
#include "tests/support/rocksdb_release.h"
#include "storage/factory.h"
#include "storage/version.h"
#include "ui/common/app_icons.h"
#include "ui/window/main_window.h"
#include "ui/common/task_indicator.h"
#include "ui/common/theme.h"

using namespace meridian;

namespace {

// Average lightness of the opaque pixels: the lines of an action icon.
int inkLightness(const QIcon& icon) {
    const QImage image = icon.pixmap(QSize(24, 24), 1.0).toImage().convertToFormat(QImage::Format_ARGB32);
    long sum = 0, count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x) {
            const QColor c = image.pixelColor(x, y);
            if (c.alpha() < 200) continue;
            sum += c.lightness();
            ++count;
        }
    return count ? static_cast<int>(sum / count) : -1;
}

}  // namespace

class AppShellTest : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }  // a private QSettings location

    // In a terminal without a display (ssh), --help and --version answer
    // instead of aborting in Qt's platform plugin.
    void helpAndVersionNeedNoDisplay() {
        for (const char* option : {"--version", "--help"}) {
            QProcess gui;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"}) env.remove(QLatin1String(name));
            gui.setProcessEnvironment(env);
            gui.start(QStringLiteral(MERIDIAN_GUI_BINARY), {QLatin1String(option)});
            QVERIFY(gui.waitForFinished(20000));
            QVERIFY2(gui.exitStatus() == QProcess::NormalExit && gui.exitCode() == 0,
                     qPrintable(QString::fromLocal8Bit(gui.readAllStandardError())));
            const QByteArray out = gui.readAllStandardOutput();
            QVERIFY2(out.contains(qstrcmp(option, "--version") == 0 ? QByteArray(MERIDIAN_VERSION) : QByteArray("--mode")),
                     out.constData());
        }
    }

    void taskIndicatorComesBackToAnEarlierTask() {
        ui::TaskIndicator indicator;
        QPromise<void> save, count;
        save.start();
        count.start();
        indicator.track("Saving", save.future());
        indicator.track("Counting", count.future());
        QCOMPARE(indicator.shownTask(), QStringLiteral("Counting"));
        count.finish();
        // The save is still running: it comes back, with its own Cancel.
        QTRY_COMPARE(indicator.shownTask(), QStringLiteral("Saving"));
        QVERIFY(!indicator.isHidden());
        indicator.findChild<QToolButton*>("taskCancel")->click();
        QVERIFY(save.isCanceled());
        save.finish();
        QTRY_VERIFY(indicator.isHidden());
        QVERIFY(!indicator.isBusy());
    }

    void appIconHasEverySize() {
        const QIcon icon = ui::appIcon();
        QVERIFY(!icon.isNull());
        const QList<QSize> sizes = icon.availableSizes();
        for (int size : {16, 22, 24, 32, 48, 64, 128, 256}) QVERIFY2(sizes.contains(QSize(size, size)), qPrintable(QString::number(size)));
        QCOMPARE(icon.pixmap(QSize(256, 256), 1.0).size(), QSize(256, 256));
    }

    void actionIconsFollowThePalette() {
        const QPalette original = QApplication::palette();
        for (const char* name : {"open", "refresh", "count", "lock-doctor", "copy"}) {
            const QIcon icon = ui::actionIcon(QString::fromLatin1(name));
            QVERIFY2(!icon.isNull(), name);
            for (int size : {16, 24, 32, 48}) QVERIFY2(icon.availableSizes().contains(QSize(size, size)), name);

            ui::applyColorScheme(*qApp, ui::ColorScheme::Light);
            QVERIFY(!ui::paletteIsDark());
            const int onLight = inkLightness(icon);
            ui::applyColorScheme(*qApp, ui::ColorScheme::Dark);
            QVERIFY(ui::paletteIsDark());
            const int onDark = inkLightness(icon);  // the same QIcon, repainted
            QVERIFY2(onLight >= 0 && onDark > onLight + 60,
                     qPrintable(QStringLiteral("%1: lightness %2 on light, %3 on dark").arg(name).arg(onLight).arg(onDark)));
        }
        QApplication::setPalette(original);
        QVERIFY(ui::actionIcon(QStringLiteral("no-such-icon")).isNull());
    }

    void fileOpenEventOpensTheDatabase() {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("dropped.rocksdb"));
        auto made = storage::createStorage(path.toStdString(),
                                           storage::StorageConfig{}.withCreateIfMissing().withEnvironment(false));
        QVERIFY2(made.ok(), made.status.message().c_str());
        made.storage.reset();  // closed: the window opens it as any other program would

        ui::MainWindow window;
        gui::FileOpenFilter filter(&window);
        qApp->installEventFilter(&filter);
        QSignalSpy opened(&window, &ui::MainWindow::databaseOpened);

        QFileOpenEvent event(path);
        QVERIFY(QCoreApplication::sendEvent(qApp, &event));  // taken by the filter
        QTRY_COMPARE_WITH_TIMEOUT(opened.count(), 1, 20000);
        QCOMPARE(opened.first().first().toString(), path);
        QVERIFY(window.isVisible());

        // A URL that is not a local file is not ours: left for Qt.
        QFileOpenEvent url(QUrl(QStringLiteral("https://example.com/db")));
        QVERIFY(!filter.eventFilter(qApp, &url));
        qApp->removeEventFilter(&filter);
        window.closeDatabase();
    }

    void toolbarAndAboutBox() {
        ui::MainWindow window;
        auto* toolBar = window.findChild<QToolBar*>(QStringLiteral("mainToolBar"));
        QVERIFY(toolBar);
        QVERIFY(toolBar->actions().size() >= 3);
        for (QAction* action : toolBar->actions()) QVERIFY2(!action->icon().isNull(), qPrintable(action->text()));

        QAction* about = nullptr;
        for (QAction* action : window.findChildren<QAction*>())
            if (action->menuRole() == QAction::AboutRole) about = action;
        QVERIFY(about);

        QString text;
        QTimer::singleShot(0, this, [&] {
            for (QWidget* w : QApplication::topLevelWidgets())
                if (auto* box = qobject_cast<QMessageBox*>(w); box && box->isVisible()) {
                    text = box->text();
                    box->accept();
                }
        });
        about->trigger();  // QMessageBox::about: modal until the timer accepts it (modeless on macOS)
        QTRY_VERIFY(!text.isEmpty());
        QVERIFY2(text.contains(QStringLiteral("Qt %1").arg(QString::fromLatin1(qVersion()))), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("RocksDB %1").arg(QString::fromStdString(storage::rocksdbVersion()))),
                 qPrintable(text));
        // ...and the newest table format it reads, as RocksDB's release notes give it for that release.
        const auto release = test::findRelease(QString::fromStdString(storage::rocksdbVersion()));
        QVERIFY(release);
        QVERIFY2(text.contains(QStringLiteral("reads table formats up to %1").arg(test::newestTableFormatOf(*release))),
                 qPrintable(text));
        QVERIFY(storage::rocksdbVersion().find('.') != std::string::npos);
    }
};

QTEST_MAIN(AppShellTest)
#include "app_shell_test.moc"
