#pragma once

#include <string>

namespace perfcase {

// Who is writing: the author stamped on new cases, annotations, notes,
// overrides and clock changes. PERFCASE_AUTHOR when set (scripts, CI), else
// the name from Preferences (settings "identity/author"), else the OS user.
std::string currentUserName();
// The name from Preferences; "" when none was given.
std::string configuredUserName();
// Sets it ("" goes back to the OS user).
void setConfiguredUserName(const std::string &name);
// The OS user's login name ("unknown" when the environment has none).
std::string osUserName();

} // namespace perfcase
