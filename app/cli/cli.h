// meridian-db's entry point, apart from main() so the streams are explicit.
#pragma once

#include <ostream>

namespace meridian::cli {

// Parses argv, runs the command, prints records to `out` and at most one
// error line ("meridian-db: <reason>") to `err`. Returns the exit status:
// 0 success, 1 failure, 2 usage error.
int run(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace meridian::cli
