// An environment variable set (or unset) for one scope, put back as it was
// afterwards: for the variables the factory reads, whatever the developer's
// shell has.
#pragma once

#include <QByteArray>
#include <QtGlobal>

namespace meridian::test {

class ScopedEnv {
public:
    // Sets `name` to `value`; a null `value` unsets it.
    ScopedEnv(const char* name, const char* value)
        : name_(name), had_(qEnvironmentVariableIsSet(name)), old_(qgetenv(name)) {
        if (value)
            qputenv(name, value);
        else
            qunsetenv(name);
    }
    ~ScopedEnv() {
        if (had_)
            qputenv(name_, old_);
        else
            qunsetenv(name_);
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    const char* name_;
    bool had_;
    QByteArray old_;
};

}  // namespace meridian::test
