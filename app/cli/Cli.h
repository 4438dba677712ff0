#pragma once

#include <optional>

namespace perfcase {

// Runs a headless subcommand (CLI.md) when argv names one; nullopt means
// the user asked for the window.
std::optional<int> runCli(int argc, char **argv);

} // namespace perfcase
