#include "ShellQuote.h"

namespace perfcase {

namespace {

// Words made only of these need no quotes; leaving them bare keeps the
// command a user reads in a report as they would type it.
bool isPlainWord(std::string_view word)
{
    if (word.empty()) return false;
    for (char c : word) {
        const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                           (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '/' ||
                           c == '=' || c == ':' || c == ',' || c == '@' || c == '+';
        if (!plain) return false;
    }
    return true;
}

} // namespace

std::string shellQuote(std::string_view argument)
{
    if (isPlainWord(argument)) return std::string(argument);
    std::string quoted = "'";
    for (char c : argument) {
        if (c == '\'')
            quoted += "'\\''";
        else
            quoted += c;
    }
    quoted += '\'';
    return quoted;
}

std::string shellCommand(const std::vector<std::string> &argv)
{
    std::string command;
    for (const auto &argument : argv) {
        if (!command.empty()) command += ' ';
        command += shellQuote(argument);
    }
    return command;
}

} // namespace perfcase
