#pragma once

#include <string>

namespace perfcase {

// Who is writing: the author stamped on new cases (and later on notes and
// overrides). The OS user for now; a name from the settings later.
std::string currentUserName();

} // namespace perfcase
