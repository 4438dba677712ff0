#pragma once

#include "PlaybookResult.h"

#include <map>
#include <string>
#include <vector>

namespace perfcase {

// Fills a playbook text with facts: "{name}" or "{name:format}", where format
// is one of int, num, ms (ns shown in ms), s (ns shown in s), pct (a ratio
// shown as a percentage), time (ns since the epoch, RFC 3339 to the ms),
// bytes. A NULL fact reads "n/a"; an unknown name stays as written, so a typo
// shows in the output rather than vanishing.
namespace TextTemplate {
std::string render(const std::string &text, const std::map<std::string, SqlValue> &facts);
// The names a text refers to.
std::vector<std::string> names(const std::string &text);
std::string formatValue(const SqlValue &value, const std::string &format);
} // namespace TextTemplate

} // namespace perfcase
