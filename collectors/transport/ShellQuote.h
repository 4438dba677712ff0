#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace perfcase {

// POSIX shell quoting for the one place a command line has to become a
// string: the command an SSH server hands to the remote user's shell. Every
// argument is single-quoted (a ' inside becomes '\''), so the shell sees each
// as one literal word, whatever it holds.
std::string shellQuote(std::string_view argument);
std::string shellCommand(const std::vector<std::string> &argv);

} // namespace perfcase
