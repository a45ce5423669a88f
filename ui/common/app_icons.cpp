#include "ui/common/app_icons.h"

#include <QFile>
#include <QIconEngine>

#include <utility>

#include "ui/common/theme.h"

// The resources live in the static meridian_ui library, so they are registered
// by name (Q_INIT_RESOURCE only works outside a namespace).
static void initMeridianResources() { Q_INIT_RESOURCE(meridian); }

namespace meridian::ui {

namespace {

void ensureResources() {
    static const bool done = (initMeridianResources(), true);
    Q_UNUSED(done);
}

constexpr int kActionSizes[] = {16, 24, 32, 48};

QIcon loadVariant(const QString& variant, const QString& name) {
    QIcon icon;
    for (int size : kActionSizes) {
        const QString file = QStringLiteral(":/icons/toolbar/%1/%2-%3.png").arg(variant, name).arg(size);
        if (QFile::exists(file)) icon.addFile(file, QSize(size, size));
    }
    return icon;
}

// Hands every request to the light or the dark drawing, whichever suits the
// application palette at that moment.
class PaletteIconEngine final : public QIconEngine {
public:
    PaletteIconEngine(QIcon light, QIcon dark) : light_(std::move(light)), dark_(std::move(dark)) {}

    void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State state) override {
        current().paint(painter, rect, Qt::AlignCenter, mode, state);
    }
    // `size` is in device pixels here (QIcon::pixmap has applied the ratio).
    QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State state) override {
        return current().pixmap(size, 1.0, mode, state);
    }
    QSize actualSize(const QSize& size, QIcon::Mode mode, QIcon::State state) override {
        return current().actualSize(size, mode, state);
    }
    QList<QSize> availableSizes(QIcon::Mode mode, QIcon::State state) override {
        return current().availableSizes(mode, state);
    }
    QIconEngine* clone() const override { return new PaletteIconEngine(light_, dark_); }
    QString key() const override { return QStringLiteral("meridian-palette"); }

private:
    const QIcon& current() const { return paletteIsDark() ? dark_ : light_; }

    QIcon light_;
    QIcon dark_;
};

}  // namespace

QIcon appIcon() {
    ensureResources();
    QIcon icon;
    for (int size : {16, 22, 24, 32, 48, 64, 128, 256})
        icon.addFile(QStringLiteral(":/icons/app/meridian-inspector-%1.png").arg(size), QSize(size, size));
    return icon;
}

QIcon actionIcon(const QString& name) {
    ensureResources();
    QIcon light = loadVariant(QStringLiteral("light"), name);
    if (light.isNull()) return {};
    return QIcon(new PaletteIconEngine(std::move(light), loadVariant(QStringLiteral("dark"), name)));
}

}  // namespace meridian::ui
