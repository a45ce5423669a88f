// Helpers shared by the storage test executables: readable failure messages
// for Status/Result and listings. Byte strings as QByteArray for QCOMPARE and
// the byte-exact picture of a folder (so tests can prove that an open wrote
// nothing) are in tests/support, included here.
#pragma once

#include <QByteArray>
#include <QString>
#include <QtTest>

#include <string>
#include <vector>

#include "storage/status.h"
#include "storage/storage.h"
#include "tests/support/conversions.h"
#include "tests/support/folders.h"

namespace meridian::test {

// The keys of a listing, in order.
inline std::vector<std::string> keysOf(const std::vector<storage::Entry>& entries) {
    std::vector<std::string> keys;
    for (const auto& e : entries) keys.push_back(e.key);
    return keys;
}

// Keys as hex, for readable QCOMPARE failures.
inline QByteArrayList printable(const std::vector<std::string>& keys) {
    QByteArrayList list;
    for (const auto& k : keys) list << bytes(k).toHex();
    return list;
}

// Reads pinned to a snapshot.
inline storage::ReadOptions at(const storage::SnapshotPtr& snapshot) { return storage::ReadOptions{snapshot}; }

inline const storage::Status& statusOf(const storage::Status& s) { return s; }
template <class T>
const storage::Status& statusOf(const storage::Result<T>& r) { return r.status(); }

}  // namespace meridian::test

// Fails the test with the status text unless `expr` (a Status or Result) is ok.
#define CHECK_OK(expr)                                                                     \
    do {                                                                                   \
        const auto& checkOkValue_ = (expr);                                                \
        const auto& checkOkStatus_ = ::meridian::test::statusOf(checkOkValue_);            \
        QVERIFY2(checkOkStatus_.ok(), checkOkStatus_.toString().c_str());                  \
    } while (false)

// Fails unless `expr` (a Status or Result) failed with `expectedCode`.
#define CHECK_CODE(expr, expectedCode)                                                             \
    do {                                                                                   \
        const auto& checkCodeValue_ = (expr);                                              \
        const auto& checkCodeStatus_ = ::meridian::test::statusOf(checkCodeValue_);        \
        QVERIFY2(checkCodeStatus_.code() == (expectedCode),                                        \
                 qPrintable(QStringLiteral("expected '%1', got '%2'")                      \
                                .arg(QLatin1String(::meridian::storage::codeName(expectedCode)),   \
                                     ::meridian::test::qs(checkCodeStatus_.toString())))); \
    } while (false)
