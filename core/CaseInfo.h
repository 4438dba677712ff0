#pragma once

#include <nlohmann/json.hpp>

namespace perfcase {

class CaseFile;

// What `perfcase info` reports: the case, its ready sources, tracks and the
// first import errors of each source, in the stable --json shape of CLI.md.
namespace CaseInfo {
nlohmann::json collect(CaseFile &file);
// The same facts for a person: one screen, aligned columns.
std::string toText(const nlohmann::json &info);
// {"K": rfc3339 or null, "K_ns": ns or null} into object.
void putTime(nlohmann::json &object, const std::string &key, std::optional<std::int64_t> ns);
} // namespace CaseInfo

} // namespace perfcase
