#pragma once

#include <string_view>

namespace perfcase {

// OpenSSH's host patterns (ssh_config Host, known_hosts host fields): `*`
// matches any run of characters, `?` one, everything else itself. Not
// fnmatch(3): `[` is literal here, as in "[host]:2222".
bool sshPatternMatch(std::string_view text, std::string_view pattern);

} // namespace perfcase
