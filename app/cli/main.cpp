// meridian-db: the command-line twin of Meridian Inspector. See usage.cpp.
#include <iostream>

#include "app/cli/cli.h"

int main(int argc, char** argv) {
    std::ios::sync_with_stdio(false);
    return meridian::cli::run(argc, argv, std::cout, std::cerr);
}
