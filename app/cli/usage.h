// The --help text.
#pragma once

namespace meridian::cli {

const char* usageText();

}  // namespace meridian::cli
