// A temporary folder for one test class that hands out paths nothing has
// used yet ("db1", "db2", ...), so that every test starts from a missing
// path and none sees another's files. Removed with the object.
#pragma once

#include <QString>
#include <QTemporaryDir>

#include <utility>

namespace meridian::test {

class TempPaths {
public:
    // `pattern` names the paths freshPath() hands out; %1 is a counter.
    explicit TempPaths(QString pattern = QStringLiteral("db%1")) : pattern_(std::move(pattern)) {}

    bool isValid() const { return dir_.isValid(); }
    QString errorString() const { return dir_.errorString(); }
    QString path() const { return dir_.path(); }
    QString filePath(const QString& name) const { return dir_.filePath(name); }

    // A path in the folder that does not exist yet.
    QString freshPath() { return freshPath(pattern_); }
    QString freshPath(const QString& pattern) { return dir_.filePath(pattern.arg(++made_)); }

private:
    QTemporaryDir dir_;
    QString pattern_;
    int made_ = 0;
};

}  // namespace meridian::test
