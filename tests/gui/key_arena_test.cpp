// KeyArena, the packed key store behind the key list and the Compare rows:
// every key comes back byte for byte (empty, binary, larger than a block,
// across block boundaries), and a million keys stay near their own size.
#include <QRandomGenerator>
#include <QTest>

#include <string>
#include <vector>

#include "ui/common/key_arena.h"

using meridian::ui::KeyArena;

class KeyArenaTest : public QObject {
    Q_OBJECT

private slots:
    void everyKeyComesBackExactly() {
        QRandomGenerator rng(7);
        std::vector<std::string> keys;
        KeyArena arena;
        for (int i = 0; i < 20000; ++i) {
            std::string key;
            const int shape = i % 100;
            const std::size_t length = shape == 0   ? 0                                   // empty
                                       : shape == 1 ? KeyArena::kBlockBytes + 17          // larger than a block
                                       : shape == 2 ? KeyArena::kBlockBytes / 3           // fills blocks unevenly
                                                    : rng.bounded(64);
            key.resize(length);
            for (auto& c : key) c = static_cast<char>(rng.bounded(256));  // NUL and 0xFF included
            arena.append(key);
            keys.push_back(std::move(key));
        }
        QCOMPARE(arena.size(), keys.size());
        for (std::size_t i = 0; i < keys.size(); ++i)
            if (arena.at(i) != keys[i]) QFAIL(qPrintable(QStringLiteral("key %1 differs").arg(i)));
        QVERIFY(arena.back() == keys.back());
        arena.clear();
        QVERIFY(arena.empty());
        QCOMPARE(arena.memoryBytes(), std::size_t{0});
    }

    void aMillionKeysStayNearTheirOwnSize() {
        KeyArena arena;
        std::string key(16, '\0');
        for (std::uint64_t i = 0; i < 1000000; ++i) {
            for (int b = 0; b < 8; ++b) key[b] = static_cast<char>(i >> (56 - 8 * b));
            arena.append(key);
        }
        // 16 MB of key bytes; the arena may add its offsets and the unused
        // end of the last blocks, not a second copy.
        const double mb = static_cast<double>(arena.memoryBytes()) / 1e6;
        QVERIFY2(mb < 24.0, qPrintable(QStringLiteral("%1 MB for 16 MB of keys").arg(mb)));
        QCOMPARE(arena.at(123456).substr(0, 8), std::string_view(std::string("\0\0\0\0\0\x01\xe2\x40", 8)));
    }
};

QTEST_GUILESS_MAIN(KeyArenaTest)
#include "key_arena_test.moc"
