// meridian-inspector: the desktop inspector. Thin: parses the command line,
// builds the window, opens what was asked for.
#include <QApplication>
#include <QCommandLineParser>
#include <QLineEdit>
#include <QTimer>

#include <cstdio>
#include <optional>
#include <string_view>

#include "app/gui/file_open_filter.h"
#include "storage/hybrid/hybrid_storage.h"
#include "ui/browser/key_browser.h"
#include "ui/session/storage_session.h"
#include "ui/common/app_icons.h"
#include "ui/window/main_window.h"
#include "ui/common/theme.h"
#include "ui/common/async.h"

using namespace meridian;

namespace {

// The command line, the same whether or not there is a display.
struct Options {
    struct Named {
        QCommandLineOption demo{QStringLiteral("demo"), QStringLiteral("Create (once) and open the demo database.")};
        QCommandLineOption mode{QStringLiteral("mode"),
                                QStringLiteral("Open mode: read-only (the default: looking changes nothing), "
                                               "read-write or follow."),
                                QStringLiteral("mode")};
        QCommandLineOption scheme{QStringLiteral("color-scheme"), QStringLiteral("light, dark or system (default)."),
                                  QStringLiteral("scheme"), QStringLiteral("system")};
        QCommandLineOption smoke{QStringLiteral("smoke"),
                                 QStringLiteral("Open the database, then exit: 0 when it opened, 1 otherwise.")};
        QCommandLineOption prefix{
            QStringLiteral("prefix"),
            QStringLiteral("Show the keys under this prefix once the database is open (\\x00 escapes)."),
            QStringLiteral("prefix")};
        QCommandLineOption hybrid{
            QStringLiteral("hybrid"),
            QStringLiteral("Open the folder as hybrid storage, read-write: in memory while it holds at most this "
                           "much (64MiB, 512KiB, ...), moved into RocksDB there past it, saved there when closed."),
            QStringLiteral("size")};
    } named;
    QCommandLineParser parser;
    Options() {
        parser.setApplicationDescription(QStringLiteral("Inspect and repair RocksDB databases."));
        parser.addHelpOption();
        parser.addVersionOption();
        parser.addPositionalArgument(QStringLiteral("database"), QStringLiteral("Database folder to open."),
                                     QStringLiteral("[database]"));
        parser.addOptions({named.demo, named.mode, named.scheme, named.smoke, named.prefix, named.hybrid});
    }
};

}  // namespace

namespace {

void describe() {
    QCoreApplication::setOrganizationName(QStringLiteral("Meridian"));
    QCoreApplication::setOrganizationDomain(QStringLiteral("meridian.dev"));
    QCoreApplication::setApplicationName(QStringLiteral("meridian-inspector"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MERIDIAN_VERSION));
}

// --help and --version are answered without a display: a terminal over ssh
// has none, and Qt's platform plugin aborts without one.
bool onlyAsksForHelp(int argc, char* argv[]) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "--") return false;
        if (arg == "-h" || arg == "--help" || arg == "-?" || arg == "--help-all" || arg == "-v" || arg == "--version")
            return true;
    }
    return false;
}

}  // namespace

int main(int argc, char* argv[]) {
    Options options;
    if (onlyAsksForHelp(argc, argv)) {
        QCoreApplication app(argc, argv);
        describe();
        options.parser.process(app);  // prints and exits
        return 0;
    }
    QApplication app(argc, argv);
    describe();
    QApplication::setApplicationDisplayName(QStringLiteral("Meridian Inspector"));
    QGuiApplication::setDesktopFileName(QStringLiteral(MERIDIAN_APP_ID));  // packaging/linux/<id>.desktop
    QApplication::setWindowIcon(ui::appIcon());
    options.parser.process(app);
    QCommandLineParser& parser = options.parser;
    const auto& [demo, mode, scheme, smoke, prefix, hybrid] = options.named;

    ui::applyColorScheme(app, ui::parseColorScheme(parser.value(scheme)));

    ui::MainWindow window;
    window.resize(1180, 720);
    window.show();
    // macOS: folders dropped on the Dock icon or opened with "Open With".
    app.installEventFilter(new gui::FileOpenFilter(&window, &app));

    if (parser.isSet(prefix)) {
        const QString typed = parser.value(prefix);
        QObject::connect(&window, &ui::MainWindow::databaseOpened, &window,
                         [&window, typed] { window.keyBrowser()->prefixField()->setText(typed); });
    }
    if (parser.isSet(smoke)) {
        QObject::connect(&window, &ui::MainWindow::databaseOpened, &app, [] { QApplication::exit(0); });
        QObject::connect(&window, &ui::MainWindow::openFailed, &app, [] { QApplication::exit(1); });
    }

    std::optional<storage::OpenMode> chosen;  // none: read-only, or as Recent remembers
    if (const QString m = parser.value(mode); m == QLatin1String("read-write")) chosen = storage::OpenMode::ReadWrite;
    else if (m == QLatin1String("read-only")) chosen = storage::OpenMode::ReadOnly;
    else if (m == QLatin1String("follow")) chosen = storage::OpenMode::Secondary;

    storage::StorageConfig base;
    if (parser.isSet(hybrid)) {
        const auto threshold = storage::parseByteSize(parser.value(hybrid).toStdString());
        if (!threshold) {
            std::fprintf(stderr, "meridian-inspector: --hybrid takes a size like 64MiB, not '%s'\n",
                         qPrintable(parser.value(hybrid)));
            return 2;
        }
        base = base.withHybrid(threshold).withCreateIfMissing();
        chosen = storage::OpenMode::ReadWrite;  // hybrid storage is written (at the spill, or when closed)
    }

    if (parser.isSet(demo)) {
        window.openDemo(chosen);
    } else if (!parser.positionalArguments().isEmpty()) {
        const QString path = parser.positionalArguments().constFirst();
        if (chosen) window.openDatabase(path, *chosen, base);
        else window.openWithDefaultMode(path, base);
    } else if (parser.isSet(smoke)) {
        return 1;
    }
    return app.exec();
}
