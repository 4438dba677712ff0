#pragma once

#include "Transport.h"

#include <memory>
#include <string>
#include <vector>

namespace perfcase {

class SshPrompter;

// The transport for a TARGET (CLI.md): `local` runs kubectl here; anything
// else is an SSH target resolved through ~/.ssh/config. Throws
// std::invalid_argument for a malformed target.
std::unique_ptr<Transport> makeTransport(const std::string &target, SshPrompter &prompter,
                                         bool acceptNewHostKey,
                                         std::vector<std::string> *warnings = nullptr);

} // namespace perfcase
