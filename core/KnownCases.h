#pragma once

#include <string>

namespace perfcase::KnownCases {

// The case files this user has made or opened before, by case_uuid, kept in
// the user's settings (DESIGN.md: a file received from elsewhere is checked
// with quick_check before its views open; one seen before is not again).
bool contains(const std::string &caseUuid);
void remember(const std::string &caseUuid);
// The next open checks it again.
void forget(const std::string &caseUuid);

} // namespace perfcase::KnownCases
